"""The doctor's default view: one line per section, then only the root problems with their fix.

Like ``flutter doctor``'s summary: ``-v`` shows every check (``checks_text.render_text``). A
problem that only follows from another one (``CheckResult.caused_by``) is named under its root,
never as a second ✗. The last line says what was not checked and carries the exit code.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence

from ffaudit.model import CheckResult
from ffaudit.model import Status

if typing.TYPE_CHECKING:
    from ffaudit.model import DoctorSummary

PROBLEMS = (Status.FAIL, Status.INCONCLUSIVE, Status.WARN)
_ORDER = {Status.FAIL: 0, Status.INCONCLUSIVE: 1, Status.WARN: 2}
# the pass line a section shows instead of "N checks passed", first present wins
_HEADLINES = ('auth.identity', 'auth.probe', 'key.sources')
_FACTS = ('length', 'fingerprint')
_NO_VERDICT = ('check without a verdict', 'checks without a verdict')
_ONLINE = 'Fireflies API'
Glyph = typing.Callable[[Status], str]


def _plural(n: int, word: str) -> str:
    return f'{n} {word}{"" if n == 1 else "s"}'


def _followed(results: Sequence[CheckResult]) -> str:
    # the section's problems all follow from a root elsewhere: name it, claim no pass
    roots = {r.caused_by for r in results if r.caused_by and r.status in PROBLEMS}
    own = {r.check for r in results}
    outside = sorted(roots - own)
    has_root = any(r.status in PROBLEMS and not r.caused_by for r in results)
    return '' if has_root or not outside else f'follows from {", ".join(outside)}'


def _section_status(results: Sequence[CheckResult]) -> Status:
    if _followed(results):
        return Status.SKIP
    statuses = {r.status for r in results if not r.caused_by}
    for status in (Status.FAIL, Status.INCONCLUSIVE, Status.WARN, Status.PASS):
        if status in statuses:
            return status
    return Status.SKIP


def _passed_text(results: Sequence[CheckResult]) -> str:
    passed = [r for r in results if r.status is Status.PASS]
    if not passed:
        skipped = next((r for r in results if r.status is Status.SKIP), None)
        if skipped is None:
            return ''
        if skipped.caused_by:
            return f'not checked: fix {skipped.caused_by} first'
        return f'not checked: {skipped.message[:1].lower()}{skipped.message[1:]}'
    headline = next((r for cid in _HEADLINES for r in passed if r.check == cid), None)
    if headline is None:
        return f'{_plural(len(passed), "check")} passed'
    facts = ', '.join(f'{k} {v}' for k, v in headline.details if k in _FACTS)
    return f'{headline.message} ({facts})' if facts else headline.message


def _tally(results: Sequence[CheckResult]) -> str:
    # '2 problems, 1 check without a verdict': root causes only, zero counts left out
    roots = [r for r in results if r.status in PROBLEMS and not r.caused_by]
    counts = [
        (sum(r.status is Status.FAIL for r in roots), 'problem', 'problems'),
        (sum(r.status is Status.INCONCLUSIVE for r in roots), *_NO_VERDICT),
        (sum(r.status is Status.WARN for r in roots), 'warning', 'warnings'),
    ]
    return ', '.join(f'{n} {one if n == 1 else many}' for n, one, many in counts if n)


def _section_text(results: Sequence[CheckResult]) -> str:
    return _tally(results) or _followed(results) or _passed_text(results)


def _problem(root: CheckResult, results: Sequence[CheckResult], glyph: Glyph, arrow: str) -> str:
    lines = [f'{glyph(root.status)} {root.message}  ({root.check})']
    if root.hint:
        lines.append(f'  {arrow} {root.hint}')
    follows = [r.check for r in results if r.caused_by == root.check and r.status in PROBLEMS]
    if follows:
        lines.append(f'  also explains: {", ".join(follows)}')
    return '\n'.join(lines)


def last_line(results: Sequence[CheckResult], summary: DoctorSummary, dash: str) -> str:
    """'2 problems, 1 warning — exit 1', or 'Not checked: … — exit 0' on a line of its own."""
    passed = sum(r.status is Status.PASS for r in results)
    head = _tally(results) or f'No problems ({_plural(passed, "check")} passed)'
    code = f'{dash} exit {summary.exit_code}'
    if summary.not_checked:
        return f'{head}\nNot checked: {"; ".join(summary.not_checked)} {code}'
    return f'{head} {code}'


def render_compact(
    results: Sequence[CheckResult], summary: DoctorSummary, glyph: Glyph, ascii: bool
) -> list[str]:
    """The section lines, the root problems and the last line (inputs already cleaned)."""
    sections = list(dict.fromkeys(r.section or 'Other' for r in results))
    width = max((len(s) for s in (*sections, _ONLINE)), default=0) + 2
    out = ['']
    for section in sections:
        mine = [r for r in results if (r.section or 'Other') == section]
        out.append(f'{glyph(_section_status(mine))} {section:<{width}}{_section_text(mine)}')
    if _ONLINE not in sections and summary.not_checked:
        why = ' (--offline)' if '--offline' in summary.not_checked[0] else ''
        out.append(f'{glyph(Status.SKIP)} {_ONLINE:<{width}}not asked{why}')
    roots = [r for r in results if r.status in PROBLEMS and not r.caused_by]
    arrow = '->' if ascii else '→'
    for root in sorted(roots, key=lambda r: _ORDER[r.status]):
        out += ['', _problem(root, results, glyph, arrow)]
    out += ['', last_line(results, summary, '--' if ascii else '—')]
    return out
