"""Scan only what a commit would add: the lines added in ``git diff --cached``.

Each changed file's staged blob is scanned whole with the engine, streamed through one
``git cat-file --batch`` process (``git/blobs``), so context on unchanged lines still counts, and
only findings on added lines are kept. Renames are detected (``-M``): a file moved with
``git mv`` adds only the lines edited on the way, none if the move is pure. New files (and
copies) and files git calls binary (UTF-16 text among them) have no line diff worth computing:
all their findings are kept, unless the blob is unchanged by a rename. The keys found are handed
to ``--verify`` from the blobs themselves, never re-read from the working tree.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterator
from collections.abc import Sequence
from typing import NamedTuple

from ffaudit.engine.detect import TextScan
from ffaudit.errors import FfauditError
from ffaudit.model import Finding
from ffaudit.model import ScanResult
from ffaudit.scan import repo_context
from ffaudit.scan import same_key
from ffaudit.scan.files import FileScan
from ffaudit.scan.files import findings_of
from ffaudit.scan.found_keys import KeyRing
from ffaudit.scan.git import plumbing
from ffaudit.scan.git import quoting
from ffaudit.scan.git.blobs import scan_blobs
from ffaudit.scan.same_key import SameKey
from ffaudit.scan.targets import Exclude

# -M: a file moved with ``git mv`` is a rename whose added lines are only its edits (none if pure);
# --no-textconv: a diff driver's text (git diff runs textconv by default) is not the blob's lines
_DIFF = ('diff', '--cached', '--no-color', '--no-ext-diff', '--no-textconv', '-M')
_HUNK_RE = re.compile(r'@@ -\d+(?:,\d+)? \+(?P<start>\d+)(?:,(?P<count>\d+))? @@')
_GITLINK = '160000'  # a submodule: its "blob" is a commit of another repository

AddedLines = dict[str, frozenset[int] | None]  # None: new or binary to git, keep all
_LINE_DIFFED = frozenset('MR')  # statuses whose added lines come from a line diff


def _git(*args: str) -> bytes:
    # plumbing.run pins the output format: no prefix, relative-path or colour config applies
    proc = plumbing.run('.', *args)
    if proc.returncode != 0:
        msg = proc.stderr.decode('utf-8', 'replace').strip().splitlines()
        raise FfauditError(f'git {args[0]} failed: {msg[0] if msg else proc.returncode}')
    return proc.stdout


def _unquote(name: str) -> str:
    return os.fsdecode(quoting.unquote(os.fsencode(name)))


def parse_added_lines(diff: str) -> dict[str, frozenset[int]]:
    """Map each target path of a ``-U0`` unified diff to the line numbers it adds."""
    added: dict[str, set[int]] = {}
    path: str | None = None
    in_header = False
    for line in diff.splitlines():
        if line.startswith('diff --git '):
            path, in_header = None, True
        elif in_header and line.startswith('+++ '):
            target = _unquote(line[4:].rstrip('\t'))
            path = target[2:] if target.startswith('b/') else None
        elif path is not None and (m := _HUNK_RE.match(line)):
            in_header = False
            start, count = int(m['start']), int(m['count'] or 1)
            added.setdefault(path, set()).update(range(start, start + count))
    return {p: frozenset(lines) for p, lines in added.items()}


class Change(NamedTuple):
    """One staged file: its blob and the lines it adds (None: keep every finding)."""

    oid: str
    lines: frozenset[int] | None


def _changes(pathspecs: Sequence[str]) -> dict[str, Change]:
    # --raw names each new blob without reading any; only modified or renamed files need a
    # line diff (a copy, like a new file, keeps all its findings)
    out = _git(*_DIFF, '--diff-filter=ACMR', '--raw', '-z', '--no-abbrev', '--', *pathspecs)
    raw = dict(_raw_entries(out.decode('utf-8', 'surrogateescape').split('\0')))
    diffed = any(status in _LINE_DIFFED for _, _, status in raw.values())
    lines = _diffed_lines(pathspecs) if diffed else {}  # a commit of new files: no patch
    return {p: _change(lines, p, *entry) for p, entry in raw.items()}


def _raw_entries(tokens: list[str]) -> Iterator[tuple[str, tuple[str, str, str]]]:
    # ':mode mode oid oid status', path; a rename or copy (R100, C75) names source then target
    rest = iter(tokens)
    for meta in rest:
        if not meta.startswith(':'):
            continue  # the empty token after the last NUL
        fields = meta.split(' ')
        mode, old, oid, status = fields[1], fields[2], fields[3], fields[4][0]
        path = next(rest)
        path = next(rest) if status in 'RC' else path
        if mode != _GITLINK:
            yield path, (old, oid, status)


def _change(lines: AddedLines, path: str, old: str, oid: str, status: str) -> Change:
    if status not in _LINE_DIFFED:
        return Change(oid, None)
    if old == oid:
        return Change(oid, frozenset())  # a pure rename (even of a binary file) adds nothing
    return Change(oid, lines.get(path, frozenset()))


def _diffed_lines(pathspecs: Sequence[str]) -> AddedLines:
    # numstat '-' marks what git calls binary (UTF-16 text among them): no line diff, keep all
    stat = _git(*_DIFF, '--diff-filter=MR', '--numstat', '-z', '--', *pathspecs)
    numstat = dict(_numstat(stat.decode('utf-8', 'surrogateescape').split('\0')))
    patch = _git(*_DIFF, '--diff-filter=MR', '-U0', '--', *pathspecs)
    added = parse_added_lines(patch.decode('utf-8', 'surrogateescape'))
    return {p: None if binary else added.get(p, frozenset()) for p, binary in numstat.items()}


def _numstat(records: list[str]) -> Iterator[tuple[str, bool]]:
    # 'added\tdeleted\tpath', or 'added\tdeleted\t' then source and target for a rename
    rest = iter(records)
    for record in rest:
        if record.count('\t') < 2:
            continue
        plus, _, path = record.split('\t', 2)
        if not path:
            next(rest)
            path = next(rest)
        yield path, plus == '-'


def _findings(
    scan: FileScan, lines: frozenset[int] | None, promoted: bool, ring: KeyRing, same: SameKey
) -> list[Finding]:
    ts = scan.text_scan
    if ts is None:
        return []
    keys = repo_context.keys_of(ts, promoted)
    added = tuple(m for m in keys if lines is None or m.line in lines)
    # every key of the blob: a copy on an added line of another file may need it (same_key)
    ring.add_scan(TextScan(keys), overlaps=scan.overlaps)
    others = same_key.unjudged(ts, keys)  # a key judged anywhere in the staged blobs counts
    same.add(scan.path, keys, (m for m in others if lines is None or m.line in lines))
    return list(findings_of(scan.path, added))


def _toplevel() -> str:
    try:
        out = _git('rev-parse', '--show-toplevel')
    except FfauditError as exc:
        raise FfauditError(f'--staged needs a git work tree ({exc})') from None
    return out.decode('utf-8', 'surrogateescape').rstrip('\n')


def scan_staged_keys(
    pathspecs: Sequence[str] = (), exclude: Exclude | None = None
) -> tuple[ScanResult, KeyRing]:
    """Scan the lines the index adds (optionally limited to ``pathspecs``).

    Returns the result and the keys behind its findings, read from the staged blobs. A blob at
    a path ``exclude`` leaves out is never read, as in a tree scan: it cannot lend repository
    context or a same-key origin to the others.
    """
    top = _toplevel()
    named = {os.path.relpath(os.path.join(top, p)): c for p, c in _changes(pathspecs).items()}
    changes = {p: c for p, c in named.items() if exclude is None or not exclude(p)}
    blobs = [(p, c.oid) for p, c in changes.items()]
    scans = list(scan_blobs(top, blobs))
    done = [(s.path, s.text_scan) for s in scans if s.text_scan is not None]
    promote, ring, same = repo_context.promoter(done, index_of=top), KeyRing(), SameKey()
    found = sorted(
        f
        for s, c in zip(scans, changes.values(), strict=True)
        for f in _findings(s, c.lines, promote(s.path), ring, same)
    )
    found = sorted([*found, *same.findings({(f.path, f.line, f.column) for f in found})])
    skipped = tuple(s.skipped for s in scans if s.skipped is not None)
    size = sum(s.size for s in scans)
    result = ScanResult(tuple(found), len(scans) - len(skipped), size, skipped)
    return dataclasses.replace(result, excluded=len(named) - len(changes)), ring
