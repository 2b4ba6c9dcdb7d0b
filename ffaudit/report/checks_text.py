"""The human checklist for doctor/explain results: sections, glyphs, hints and a footer line."""

from __future__ import annotations

import collections
import dataclasses
import functools
import typing
from collections.abc import Sequence

from ffaudit.model import CheckResult
from ffaudit.model import Status

if typing.TYPE_CHECKING:
    from ffaudit.model import DoctorSummary

_GLYPHS = {'pass': '✓', 'warn': '!', 'fail': '✗', 'skip': '-', 'inconclusive': '?'}
_ASCII = {
    'pass': '[ok]',
    'warn': '[warn]',
    'fail': '[FAIL]',
    'skip': '[skip]',
    'inconclusive': '[??]',
}
_COLORS = {'pass': '32', 'warn': '33', 'fail': '31', 'skip': '2', 'inconclusive': '35'}
_WORDS = (
    ('fail', 'failed'),
    ('inconclusive', 'inconclusive'),
    ('warn', 'warnings'),
    ('pass', 'passed'),
    ('skip', 'skipped'),
)


def counts(results: Sequence[CheckResult]) -> dict[str, int]:
    """How many checks ended in each status (every status present, zero included)."""
    seen = collections.Counter(r.status.value for r in results)
    return {s.value: seen[s.value] for s in Status}


def _paint(text: str, status: str, color: bool) -> str:
    return f'\x1b[{_COLORS[status]}m{text}\x1b[0m' if color else text


def _glyph(status: Status, color: bool, ascii: bool) -> str:
    return _paint((_ASCII if ascii else _GLYPHS)[status.value], status, color)


def _line(result: CheckResult, color: bool, ascii: bool) -> list[str]:
    glyph = _glyph(result.status, color, ascii)
    extra = ''.join(f'  {k}={v}' for k, v in result.details)
    follows = f'; follows from {result.caused_by}' if result.caused_by else ''
    lines = [f'  {glyph} {result.message}{extra}  ({result.check}{follows})']
    if result.hint and result.status in (Status.WARN, Status.FAIL, Status.INCONCLUSIVE):
        lines.append(f'    {"->" if ascii else "→"} {result.hint}')
    return lines


def footer(results: Sequence[CheckResult], exit_code: int, ascii: bool) -> str:
    """``1 failed · 2 passed — exit 1``: the counts that are not zero and the exit code."""
    n = counts(results)
    shown = [f'{n[k]} {word.rstrip("s") if n[k] == 1 else word}' for k, word in _WORDS if n[k]]
    sep, dash = (' - ', '--') if ascii else (' · ', '—')
    return f'{sep.join(shown)} {dash} exit {exit_code}'


def _merge_skips(results: Sequence[CheckResult]) -> list[CheckResult]:
    # Adjacent skips for one reason ('no header given' x4) read better as one line naming all ids.
    merged: list[CheckResult] = []
    for r in results:
        last = merged[-1] if merged else None
        if last and r.status is last.status is Status.SKIP and r.message == last.message:
            merged[-1] = dataclasses.replace(last, check=f'{last.check}, {r.check}')
        else:
            merged.append(r)
    return merged


def render_text(
    results: Sequence[CheckResult], summary: DoctorSummary, color: bool, ascii: bool
) -> str:
    """The checklist, grouped by section in first-seen order (inputs already cleaned)."""
    sep = ' - ' if ascii else ' · '
    head = sep.join([summary.title, *(f'{k} {v}' for k, v in summary.versions[:3])])
    out = [head + (f'{sep}{summary.ci}' if summary.ci else '')]
    if not summary.verbose:
        from ffaudit.report.checks_compact import render_compact

        glyph = functools.partial(_glyph, color=color, ascii=ascii)
        return '\n'.join(out + render_compact(results, summary, glyph, ascii)) + '\n'
    for section in dict.fromkeys(r.section for r in results):
        out += ['', section or 'Other']
        for result in _merge_skips([r for r in results if r.section == section]):
            out += _line(result, color, ascii)
    out.append('')
    if summary.not_checked:
        out.append(f'Not checked: {"; ".join(summary.not_checked)}')
    out.append(footer(results, summary.exit_code, ascii))
    return '\n'.join(out) + '\n'
