"""The secret-free facts shown around the checks: versions, CI, the credential and its rivals.

Built here, in the doctor, from what the checks already decided (``source_checks.shadowed`` is the
rule key.shadowed applies); ``report.checks`` only renders it.
"""

from __future__ import annotations

import platform
from collections.abc import Mapping
from collections.abc import Sequence

from ffaudit import __version__
from ffaudit.doctor import ONLINE_SECTION
from ffaudit.doctor.environment.versions import installed_version
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.doctor.key import source_checks
from ffaudit.model import CheckResult
from ffaudit.model import DoctorSummary
from ffaudit.model import Status

NOT_TRIED = 'the key was not tried against Fireflies'


def package_version(dist: str) -> str:
    """The installed version of ``dist``, or 'not installed'."""
    return installed_version(dist) or 'not installed'


def versions() -> tuple[tuple[str, str], ...]:
    """ffaudit, Python and the HTTP stack the live check runs on."""
    return (
        ('ffaudit', __version__),
        ('Python', platform.python_version()),
        ('requests', package_version('requests')),
        ('urllib3', package_version('urllib3')),
    )


def ci_name(env: Mapping[str, str]) -> str:
    """'GitHub Actions (<event>)' under GitHub Actions, else ''."""
    if env.get('GITHUB_ACTIONS') != 'true':
        return ''
    return f'GitHub Actions ({env.get("GITHUB_EVENT_NAME", "?")})'


def not_checked(results: Sequence[CheckResult], offline: bool) -> tuple[str, ...]:
    """What the run did not look at: the live check (and why), or Fireflies' missing verdict."""
    if offline:
        return (f'{NOT_TRIED} (--offline)',)
    by_id = {r.check: r for r in results}
    probe = by_id.get('auth.probe')
    if probe is not None and probe.status is Status.SKIP and probe.caused_by:
        return (f'{NOT_TRIED} (fix {probe.caused_by} first)',)
    if any(r.status is Status.INCONCLUSIVE for r in results if r.section == ONLINE_SECTION):
        return ('Fireflies gave no verdict on the key',)
    return ()


def summarize(
    inp: DoctorInput,
    exit_code: int,
    results: Sequence[CheckResult] = (),
    *,
    offline: bool = False,
    verbose: bool = True,
) -> DoctorSummary:
    """The summary of a doctor run (reads package metadata, never the key)."""
    return DoctorSummary(
        versions(),
        ci_name(inp.env),
        inp.source,
        source_checks.shadowed(inp),
        inp.sources,
        exit_code,
        not_checked=not_checked(results, offline),
        verbose=verbose,
    )
