"""GitHub Actions output for check results: escaped annotations and the step-summary table."""

from __future__ import annotations

import typing
from collections.abc import Sequence

from ffaudit.model import CheckResult
from ffaudit.model import Status
from ffaudit.report.annotations import workflow_command
from ffaudit.report.safe_text import without_fingerprints

if typing.TYPE_CHECKING:
    from ffaudit.model import DoctorSummary

ANNOTATION_CAP = 10  # GitHub shows at most 10 errors and 10 warnings per step
_PROBLEMS = (Status.FAIL, Status.INCONCLUSIVE, Status.WARN)
_CELLS = {'fail': '❌', 'inconclusive': '❔', 'warn': '⚠️', 'pass': '✅', 'skip': '➖'}


def render_annotations(results: Sequence[CheckResult], name: str) -> str:
    """``::error``/``::warning`` lines, errors first, at most ``ANNOTATION_CAP`` of each."""
    out: list[str] = []
    # inconclusive fails the step too (exit 3), so it is an error annotation as well
    groups = (((Status.FAIL, Status.INCONCLUSIVE), 'error'), ((Status.WARN,), 'warning'))
    for statuses, command in groups:
        roots = [r for r in results if r.status in statuses and not r.caused_by]
        for r in roots[:ANNOTATION_CAP]:
            body = f'{r.message} — {r.hint}' if r.hint else r.message
            out.append(workflow_command(command, {'title': f'{name} ({r.check})'}, body) + '\n')
    return ''.join(out)


def _md(text: str) -> str:
    return text.replace('|', '\\|').replace('\n', ' ')


def step_summary(results: Sequence[CheckResult], summary: DoctorSummary) -> str:
    """Markdown table (ids, statuses, messages, fixes); fingerprints are left out."""
    sources = (*summary.sources, *summary.shadowed, *filter(None, (summary.credential,)))
    known = frozenset(s.fingerprint for s in sources if s.fingerprint)
    problems = [r for r in results if r.status in _PROBLEMS and not r.caused_by]
    rows = [
        f'| `{r.check}` | {_CELLS[r.status]} {r.status} | '
        f'{_md(without_fingerprints(r.message, known))} | '
        f'{_md(without_fingerprints(r.hint, known))} |'
        for r in problems
    ]
    head = [f'### {summary.title}', '']
    if rows:
        head += ['| check | status | message | fix |', '|---|---|---|---|']
    passed = sum(r.status is Status.PASS for r in results)
    counted = f'{_CELLS["pass"]} {passed} check{"" if passed == 1 else "s"} passed'
    tail = [f'Not checked: {_md(n)}' for n in summary.not_checked]
    tail.append(f'{counted} — exit {summary.exit_code}')
    return '\n'.join([*head, *rows, '', *tail, '']) + '\n'
