"""ffaudit doctor: find the Fireflies key, diagnose it offline, then ask Fireflies once.

``CHECKS`` is the explicit, ordered registry: (section, ((check id, function), ...)).
A check is ``Callable[[DoctorInput], CheckResult]`` that never raises; if one does anyway,
``run`` reports it as that check's internal error and carries on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from collections.abc import Iterable

from ffaudit.doctor import rootcause
from ffaudit.doctor.environment.checks import CHECKS as ENVIRONMENT_CHECKS
from ffaudit.doctor.header.checks import CHECKS as REQUEST_CHECKS
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.doctor.key import source_checks
from ffaudit.doctor.key import text_checks
from ffaudit.errors import ExitCode
from ffaudit.model import CheckResult
from ffaudit.model import Status

Check = Callable[[DoctorInput], CheckResult]
CREDENTIALS = 'Credentials'
ONLINE_SECTION = 'Fireflies API'
ONLINE_ID = 'auth.probe'
# An Environment failure that makes the live probe pointless or unsafe: the probe is skipped.
_GATES = frozenset(('env.endpoint', 'env.ca_bundle'))

CHECKS: tuple[tuple[str, tuple[tuple[str, Check], ...]], ...] = (
    (
        CREDENTIALS,
        (
            ('key.sources', source_checks.check_sources),
            ('key.empty', source_checks.check_empty),
            ('key.near_miss', source_checks.check_near_miss),
            ('key.shadowed', source_checks.check_shadowed),
            ('key.dotenv', source_checks.check_dotenv),
            *text_checks.CHECKS,  # key.whitespace ... key.shape, in that order
        ),
    ),
    ('Request', REQUEST_CHECKS),
    ('Environment', ENVIRONMENT_CHECKS),
)


def _crash(check_id: str, section: str, exc: Exception) -> CheckResult:
    # the type only, never str(exc): an exception message may echo input
    msg = f'internal error in check {check_id}: {type(exc).__name__}'
    return CheckResult(check_id, Status.FAIL, msg, 'please report this ffaudit bug', section)


def _safely(check_id: str, section: str, check: Check, inp: DoctorInput) -> CheckResult:
    try:
        result = check(inp)
    except Exception as exc:  # one crashing check is reported, not a dead doctor
        return _crash(check_id, section, exc)
    return dataclasses.replace(result, check=check_id, section=result.section or section)


def run_offline(inp: DoctorInput) -> list[CheckResult]:
    """Run every offline check in ``CHECKS`` order."""
    return [_safely(cid, section, fn, inp) for section, checks in CHECKS for cid, fn in checks]


def _online(inp: DoctorInput) -> list[CheckResult]:
    from ffaudit.doctor import online  # lazy: imports requests

    try:
        results = online.run_online(inp)
    except Exception as exc:  # a bug reading a hostile answer: no verdict, not "rejected"
        msg = f'Could not read the answer (internal error: {type(exc).__name__}); no verdict'
        hint = 'Please report this ffaudit bug'
        return [CheckResult(ONLINE_ID, Status.INCONCLUSIVE, msg, hint, ONLINE_SECTION)]
    return [dataclasses.replace(r, section=r.section or ONLINE_SECTION) for r in results]


def _gate(results: list[CheckResult]) -> str:
    failed = [r for r in results if r.status is Status.FAIL and not r.caused_by]
    blocking = [r.check for r in failed if r.section == CREDENTIALS or r.check in _GATES]
    if not blocking and any(r.status is Status.FAIL and r.section == CREDENTIALS for r in results):
        blocking = [r.caused_by for r in results if r.section == CREDENTIALS and r.caused_by][:1]
    return f'fix {" and ".join(dict.fromkeys(blocking))} first' if blocking else ''


def _offline_identity(inp: DoctorInput) -> list[CheckResult]:
    if inp.expect_email is None:
        return []
    msg = '--expect-email was not compared: it needs the live check (drop --offline)'
    return [CheckResult('auth.identity', Status.WARN, msg, '', ONLINE_SECTION)]


def run(
    inp: DoctorInput, *, offline: bool, before_probe: Callable[[float], None] | None = None
) -> list[CheckResult]:
    """Offline checks, then (unless ``offline``) the live probe if nothing blocks it.

    ``before_probe(timeout)`` is called just before the request is sent (a progress line).
    """
    results = rootcause.fold(run_offline(inp), inp)
    if offline:
        return [*results, *_offline_identity(inp)]
    blocked = _gate(results)
    if blocked:
        msg = f'Live check skipped: {blocked} (no request was sent)'
        root = blocked.removeprefix('fix ').split(' ')[0]
        skip = CheckResult(ONLINE_ID, Status.SKIP, msg, '', ONLINE_SECTION, caused_by=root)
        return [*results, skip]
    if before_probe is not None:
        before_probe(inp.timeout)
    return [*results, *_online(inp)]


def exit_code(results: Iterable[CheckResult], *, strict: bool = False) -> ExitCode:
    """1 on a failure (or a warning with ``strict``), else 3 if inconclusive, else 0."""
    statuses = {r.status for r in results}
    if Status.FAIL in statuses or (strict and Status.WARN in statuses):
        return ExitCode.FOUND
    if Status.INCONCLUSIVE in statuses:
        return ExitCode.INCONCLUSIVE
    return ExitCode.OK
