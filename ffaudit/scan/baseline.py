"""Baselines: known findings keyed by secret fingerprint, rule and path (never line numbers).

The file is versioned JSON, sorted, with no timestamps, no line numbers, no absolute paths and
no secrets, so it diffs cleanly and edits elsewhere in a file never churn it (unlike gitleaks'
positional fingerprints or detect-secrets' line numbers).

Matching is per (rule, fingerprint, path), for trees, ``--staged`` and ``--history`` alike
(history reports each key once per path it was added to):

- a finding is known when the baseline holds its path, rule and fingerprint, or holds its rule
  and fingerprint at a path that no longer exists (the file was renamed or moved, e.g. a pure
  ``git mv``). The same key copied to a second file, its first file still there, is new;
- a history finding at a path that no longer exists (a deleted or renamed file) is known when
  the baseline holds its rule and fingerprint at any path: the key was accepted where it lives
  now. History paths are relative to the repository's top (``root``).
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Any
from typing import NamedTuple

from ffaudit import user_files
from ffaudit.errors import FfauditError
from ffaudit.jsonfile import read_json
from ffaudit.model import Finding
from ffaudit.model import Rule
from ffaudit.model import ScanResult
from ffaudit.redaction import mask_argv_like
from ffaudit.redaction import mask_key_shaped

VERSION = 1


class Entry(NamedTuple):
    """One baselined secret: where (path relative to the baseline's folder) and what."""

    path: str
    rule: str
    fingerprint: str


def entry_for(finding: Finding, baseline_path: str, root: str = '') -> Entry:
    """Return the baseline identity of ``finding`` (path made relative to the baseline file).

    ``root`` is the folder the finding's path is relative to (the current one by default).
    """
    folder = os.path.dirname(os.path.abspath(baseline_path))
    rel = os.path.relpath(os.path.abspath(os.path.join(root, finding.path)), folder)
    # a folder or file named after a key must not put the key in a committed file
    path = mask_key_shaped(rel.replace(os.sep, '/'))
    return Entry(path, str(finding.rule), finding.fingerprint)


def load(baseline_path: str) -> frozenset[Entry]:
    """Read a baseline; raise ``FfauditError`` (exit 2) if it is missing or malformed."""
    doc = read_json(baseline_path, 'baseline')
    return frozenset(_parse(doc, baseline_path))


def _parse(doc: Any, baseline_path: str) -> list[Entry]:
    bad = f'malformed baseline {baseline_path}'
    if not isinstance(doc, dict) or doc.get('version') != VERSION:
        raise FfauditError(f'{bad}: expected an object with "version": {VERSION}')
    items = doc.get('findings')
    if not isinstance(items, list):
        raise FfauditError(f'{bad}: "findings" must be a list')
    return [_parse_entry(item, bad) for item in items]


def _parse_entry(item: Any, bad: str) -> Entry:
    fields = [item.get(k) if isinstance(item, dict) else None for k in Entry._fields]
    values = [v for v in fields if isinstance(v, str) and v]
    if len(values) != len(Entry._fields):
        raise FfauditError(f'{bad}: each finding needs string path, rule and fingerprint')
    entry = Entry(*values)
    if entry.rule not in set(Rule):
        raise FfauditError(
            f'{bad}: unknown rule {mask_argv_like(entry.rule)!r}'
        )  # a key typed there stays out
    return entry


def partition(
    findings: Sequence[Finding], known: frozenset[Entry], baseline_path: str, root: str = ''
) -> tuple[tuple[Finding, ...], int]:
    """Split ``findings`` into (new findings, count of findings already in the baseline).

    ``root``: the folder finding paths are relative to (the repository's top for history).
    """
    folder = os.path.dirname(os.path.abspath(baseline_path))
    anywhere = {(e.rule, e.fingerprint) for e in known}
    moved = {(e.rule, e.fingerprint) for e in known if not _exists(folder, e.path)}

    def is_known(f: Finding) -> bool:
        secret = (str(f.rule), f.fingerprint)
        if secret in moved or entry_for(f, baseline_path, root) in known:
            return True
        # history: a key added to a path that is gone now is known where it lives now
        gone = f.commit is not None and not os.path.lexists(os.path.join(root, f.path))
        return gone and secret in anywhere

    new = tuple(f for f in findings if not is_known(f))
    return new, len(findings) - len(new)


def _exists(root: str, path: str) -> bool:
    return os.path.lexists(os.path.join(root, *path.split('/')))


def apply(
    result: ScanResult, known: frozenset[Entry] | None, baseline_path: str, root: str = ''
) -> tuple[ScanResult, int]:
    """Drop findings in ``known`` (if a baseline was given) from ``result``; count them."""
    if known is None:
        return result, 0
    new, ignored = partition(result.findings, known, baseline_path, root)
    return dataclasses.replace(result, findings=new), ignored


def render(findings: Iterable[Finding], baseline_path: str) -> str:
    """Return the baseline file text for ``findings``: sorted, deduplicated, secret-free."""
    entries = sorted({entry_for(f, baseline_path) for f in findings})
    doc = {
        'version': VERSION,
        'tool': 'ffaudit',
        'findings': [e._asdict() for e in entries],
    }
    return json.dumps(doc, indent=2) + '\n'


def check_writable(baseline_path: str) -> None:
    """Refuse, before scanning, a baseline path that exists and is not a regular file."""
    user_files.check_target(baseline_path, 'baseline')


def save(findings: Iterable[Finding], baseline_path: str) -> None:
    """Write the baseline for ``findings`` atomically; ``FfauditError`` if it cannot be written.

    A reader (a concurrent scan, an editor) sees the old baseline or the new one, never half.
    """
    user_files.write_atomic(baseline_path, render(findings, baseline_path), 'baseline')
