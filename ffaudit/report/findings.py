"""Render scan results as text, JSON, SARIF 2.1.0 or GitHub workflow annotations."""

from __future__ import annotations

import collections
import dataclasses
import typing
from typing import Any

from ffaudit import __version__
from ffaudit.model import Finding
from ffaudit.model import Format
from ffaudit.model import Rule
from ffaudit.model import ScanResult
from ffaudit.model import Verification
from ffaudit.report.annotations import workflow_command
from ffaudit.report.locations import Origin
from ffaudit.report.locations import root_relative
from ffaudit.report.locations import shown
from ffaudit.report.rules import RULES
from ffaudit.report.rules import annotation_level
from ffaudit.report.rules import remediation_for
from ffaudit.report.safe_text import clean

# json, textwrap and the SARIF module load only for the output that needs them: a clean
# pre-commit run of `ffaudit scan FILE` renders nothing but the one-line summary.

JSON_VERSION = 1
_ROOTED_AS_GIVEN = Origin()
MAX_SKIPPED_NAMED = 20  # unreadable files named on stderr, one line each, then "and N more"


def render_findings(result: ScanResult, fmt: Format, origin: Origin = _ROOTED_AS_GIVEN) -> str:
    """Render ``result`` for stdout in ``fmt``; empty text output when there is nothing.

    ``origin`` places paths for code scanning (SARIF URIs, annotation ``file=``): relative to
    the git work-tree root, and for history scans at the commit that added each key.
    """
    if fmt is Format.TEXT:
        return ''.join(f'{line}\n' for line in _text_lines(result.findings))
    elif fmt is Format.JSON:
        return _dumps(_json_doc(result))
    elif fmt is Format.SARIF:
        from ffaudit.report.sarif import sarif_doc

        return _dumps(sarif_doc(result.findings, origin, _history_json))
    elif fmt is Format.GITHUB:
        return ''.join(f'{_annotation(f, origin)}\n' for f in result.findings)
    else:
        typing.assert_never(fmt)


def render_summary(
    result: ScanResult,
    *,
    baselined: int = 0,
    remediation: bool = True,
    verified: bool = False,
    config: str = '',
) -> str:
    """Render the stderr epilogue: remediation (per rule found), unreadable files, one summary.

    ``verified``: the scan ran with --verify, so rules whose secrets are never sent say so.
    ``config``: the configuration file whose allowlist and excludes the summary counts.
    """
    rules = [f.rule for f in result.findings] if remediation else []
    parts = [_remediation(rules, verified)]
    files = len({f.path for f in result.findings})
    line = (
        f'ffaudit: {_plural(len(result.findings), "finding")}{_distinct(result.findings)} in '
        f'{_plural(files, "file")} ({_plural(result.files_scanned, "file")} scanned)'
    )
    if baselined:
        line += f'; {baselined} known in baseline, ignored'
    line += _config_note(result, config)
    if result.skipped:
        line += f'; {_plural(len(result.skipped), "file")} skipped: {_skip_counts(result)}'
    return ''.join([*parts, *_unreadable(result), line, '\n'])


def _dumps(doc: dict[str, Any]) -> str:
    import json

    return json.dumps(doc, indent=2) + '\n'


def _remediation(rules: list[Rule], verified: bool) -> str:
    texts = remediation_for(rules, verified=verified)
    if not texts:
        return ''
    import textwrap

    # one paragraph per rule found, a blank line between them
    return '\n'.join(textwrap.fill(text, 79) + '\n' for text in texts)


def _config_note(result: ScanResult, config: str) -> str:
    notes = [f'{result.allowlisted} allowlisted'] if result.allowlisted else []
    if result.excluded:
        notes.append(f'{_plural(result.excluded, "file")} excluded')
    if not notes:
        return ''
    return f'; {" and ".join(notes)}{f" by {clean(shown(config))}" if config else ""}'


def _unreadable(result: ScanResult) -> list[str]:
    # binary files are skipped by design and only counted; anything else is named
    named = [s for s in result.skipped if s.reason != 'binary']
    lines = [f'ffaudit: skipped {clean(shown(s.path))}: {clean(s.reason)}\n' for s in named]
    if len(lines) > MAX_SKIPPED_NAMED:
        more = len(lines) - MAX_SKIPPED_NAMED
        lines[MAX_SKIPPED_NAMED:] = [f'ffaudit: ... and {more} more skipped\n']
    return lines


def _plural(count: int, noun: str) -> str:
    return f'{count} {noun}' if count == 1 else f'{count} {noun}s'


def _skip_counts(result: ScanResult) -> str:
    counts = collections.Counter(s.reason.split(':', 1)[0] for s in result.skipped)
    return ', '.join(f'{n} {reason}' for reason, n in sorted(counts.items()))


def _distinct(findings: tuple[Finding, ...]) -> str:
    # --history reports a key once per path it was added to: say how many keys that is
    if not any(f.commit is not None for f in findings):
        return ''
    return f' of {_plural(len({f.fingerprint for f in findings}), "distinct key")}'


def _text_lines(findings: tuple[Finding, ...]) -> list[str]:
    # history findings of one key are grouped under it, in the order the key first appears
    groups: dict[object, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.fingerprint if f.commit is not None else f, []).append(f)
    lines = []
    for group in groups.values():
        if len(group) > 1:
            first = group[0]
            lines.append(
                f'key {first.fingerprint} ({first.preview}): same key, {len(group)} places'
            )
        lines.extend(_text_line(f) for f in group)
    return lines


def _text_line(f: Finding) -> str:
    # a file name is text a committer chose: never let it start a '::command' line
    where = f'{clean(shown(f.path))}:{f.line}:{f.column}'
    return f'{where}: {f.rule} {f.preview} ({f.confidence}){_extra(f)}'


def _extra(f: Finding) -> str:
    # scan --history / --verify: where the key was first committed, and what Fireflies said
    text = f' [{f.verification}]' if f.verification is not Verification.NOT_CHECKED else ''
    if f.commit is not None:
        head = 'still at HEAD' if f.commit.present_at_head else 'gone from HEAD'
        added = _plural(f.commit.count, 'commit')
        text += f' first added in commit {f.commit.sha[:12]} on {f.commit.date} ({added}; {head})'
    if f.same_as:
        text += f' same key as {clean(shown(f.same_as))}'
    return text


def _history_json(f: Finding) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if f.commit is not None:
        extra['commit'] = dataclasses.asdict(f.commit)
        extra['key'] = f.fingerprint  # groups the places one key was added to
    if f.verification is not Verification.NOT_CHECKED:
        extra['verification'] = str(f.verification)
    if f.same_as:
        extra['same_key_as'] = shown(f.same_as)  # additive: 'path:line' where it was judged
    return extra


def _json_doc(result: ScanResult) -> dict[str, Any]:
    return {
        'version': JSON_VERSION,
        'tool': {'name': 'ffaudit', 'version': __version__},
        'findings': [_json_finding(f) for f in result.findings],
        'skipped': [{'path': shown(s.path), 'reason': s.reason} for s in result.skipped],
        'stats': {
            'files_scanned': result.files_scanned,
            'bytes_scanned': result.bytes_scanned,
            'files_skipped': len(result.skipped),
            'findings': len(result.findings),
            **({'files_excluded': result.excluded} if result.excluded else {}),
            **({'allowlisted': result.allowlisted} if result.allowlisted else {}),
        },
    }


def _json_finding(f: Finding) -> dict[str, Any]:
    return {
        'path': shown(f.path),
        'line': f.line,
        'column': f.column,
        'rule': str(f.rule),
        'confidence': str(f.confidence),
        'fingerprint': f.fingerprint,
        'preview': f.preview,
        **_history_json(f),
    }


def _annotation(f: Finding, origin: Origin) -> str:
    from ffaudit.report.sarif import message

    # clean() first: a file name may carry ESC/OSC sequences or line separators
    info = RULES[f.rule]
    path = clean(shown(root_relative(f.path, origin.root)))
    props = {'file': path, 'line': str(f.line), 'col': str(f.column), 'title': info.title}
    return workflow_command(annotation_level(f), props, clean(message(f)))
