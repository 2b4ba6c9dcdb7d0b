"""One root cause, one failure: fold the checks that only follow from another check's failure.

An empty key also fails key.sources; ``Bearer <key>`` stored as the key also fails the whitespace
and shape checks; a placeholder also looks truncated. The follow-on results keep their status
and message but name their root in ``caused_by``, and lose their own (misleading) advice; the
root takes the worst status of its group. Key text checks fold when undoing the root's mistake
(``repairs.REPAIRS``) makes them pass; the other folds are the explicit ``_FOLDS`` table.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from collections.abc import Sequence

from ffaudit.doctor.inputs import DoctorInput
from ffaudit.doctor.key import repairs
from ffaudit.doctor.key import source_checks
from ffaudit.doctor.key import text_checks
from ffaudit.model import CheckResult
from ffaudit.model import Status
from ffaudit.redaction import fingerprint

PROBLEMS = (Status.FAIL, Status.INCONCLUSIVE, Status.WARN)
_RANK = {Status.WARN: 1, Status.INCONCLUSIVE: 2, Status.FAIL: 3}
_JUDGES = dict(text_checks.JUDGES)
_CREDENTIALS = ('key.sources', 'key.empty', *_JUDGES)
_SHADOWING = ('header.parse', 'header.scheme')
Rule = Callable[[DoctorInput], bool]


def _from_header(inp: DoctorInput) -> bool:
    return inp.key_source.startswith('header:')


def _always(inp: DoctorInput) -> bool:
    return True


# (root, dependents, when): if the root is a problem, these dependents follow from it
_FOLDS: tuple[tuple[str, tuple[str, ...], Rule], ...] = (
    ('header.parse', (*_CREDENTIALS, 'key.dotenv', 'key.near_miss'), _from_header),
    ('header.scheme', ('key.whitespace', 'key.scheme'), _from_header),
    ('header.name', ('header.scheme',), _always),
    ('key.dotenv', ('key.sources', 'key.empty', 'key.shadowed'), _always),
    ('key.near_miss', ('key.sources',), _always),
    ('key.empty', ('key.sources',), _always),
    ('env.endpoint', ('header.url',), _always),
)


def _text_folds(inp: DoctorInput, problems: set[str]) -> dict[str, str]:
    pending = [cid for cid, _ in repairs.REPAIRS if cid in problems]
    folded: dict[str, str] = {}
    value: str | None = inp.key
    while pending and value is not None:
        root = pending.pop(0)
        value = dict(repairs.REPAIRS)[root](value)
        follows = [c for c in pending if value is None or _JUDGES[c](value)[0] is Status.PASS]
        folded.update(dict.fromkeys(follows, root))
        pending = [c for c in pending if c not in follows]
    return folded


def _same_once_repaired(inp: DoctorInput) -> bool:
    value = inp.key or ''
    for _, repair in repairs.REPAIRS:
        value = repair(value) or value
    others = {s.fingerprint for s in source_checks.shadowed(inp)}
    return fingerprint(value.strip()) in others


def causes(results: Sequence[CheckResult], inp: DoctorInput) -> dict[str, str]:
    """{dependent id: root id} for the problems in ``results`` that follow from another."""
    problems = {r.check for r in results if r.status in PROBLEMS}
    folded = _text_folds(inp, problems) if inp.key else {}
    for root, dependents, when in _FOLDS:
        if root in problems and root not in folded and when(inp):
            for cid in dependents:
                if cid in problems and cid != root:
                    folded.setdefault(cid, root)
    # the winning key differs from another source's only by the mistake: that follows from it
    mistakes = [
        c for c in (*_SHADOWING, *text_checks.CHECK_IDS) if c in problems and c not in folded
    ]
    shadowed = 'key.shadowed' in problems and 'key.shadowed' not in folded
    if shadowed and mistakes and _same_once_repaired(inp):
        folded['key.shadowed'] = mistakes[0]
    # a chain (a -> b -> c) points at its first root
    return {cid: _top(root, folded) for cid, root in folded.items()}


def _top(root: str, folded: dict[str, str]) -> str:
    seen = {root}
    while root in folded and folded[root] not in seen:
        root = folded[root]
        seen.add(root)
    return root


def fold(results: Sequence[CheckResult], inp: DoctorInput) -> list[CheckResult]:
    """``results`` with follow-on problems folded under their root cause (``caused_by``)."""
    found = causes(results, inp)
    status = {r.check: r.status for r in results}
    for dependent, root in found.items():
        if _RANK.get(status[dependent], 0) > _RANK.get(status.get(root, Status.PASS), 0):
            status[root] = status[dependent]
    return [
        dataclasses.replace(r, hint='', caused_by=found[r.check])
        if r.check in found
        else dataclasses.replace(r, status=status[r.check])
        for r in results
    ]


def roots(results: Sequence[CheckResult]) -> list[CheckResult]:
    """The problems that are root causes: what the user has to fix."""
    return [r for r in results if r.status in PROBLEMS and not r.caused_by]
