"""The secret-free facts shown around the checks: versions, CI, the credential and its rivals.

Built here, in the doctor, from what the checks already decided (``source_checks.shadowed`` is the
rule key.shadowed applies); ``report.checks`` only renders it.
"""

from __future__ import annotations

import platform
from collections.abc import Mapping
from importlib import metadata

from ffaudit import __version__
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.doctor.key import source_checks
from ffaudit.model import DoctorSummary


def package_version(dist: str) -> str:
    """The installed version of ``dist``, or 'not installed'."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return 'not installed'


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


def summarize(inp: DoctorInput, exit_code: int) -> DoctorSummary:
    """The summary of a doctor run (reads package metadata, never the key)."""
    shadowed = source_checks.shadowed(inp)
    return DoctorSummary(versions(), ci_name(inp.env), inp.source, shadowed, inp.sources, exit_code)
