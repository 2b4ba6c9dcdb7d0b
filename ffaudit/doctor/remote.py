"""Live probe of the Fireflies API (the only module importing requests). Filled in by issue #4.

Contract used by the doctor runner: ``run_online(inp) -> list[CheckResult]``.
"""

from __future__ import annotations

from ffaudit.doctor.inputs import DoctorInput
from ffaudit.model import CheckResult


def run_online(inp: DoctorInput) -> list[CheckResult]:
    """Probe Fireflies once with the key in ``inp`` and classify the answer."""
    return []
