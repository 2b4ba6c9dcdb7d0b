"""Installs that need PyPI (a hook environment, a virtualenv): skip, not fail, when offline."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from typing import Any

import pytest

NETWORK_ERRORS = (
    'NewConnectionError',
    'Temporary failure in name resolution',
    'Name or service not known',
    'Network is unreachable',
    'No matching distribution found',
    'Could not find a version that satisfies',
)


def run_install(argv: Sequence[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run an install command (text, output captured); skip the test if PyPI was out of reach."""
    proc = subprocess.run(argv, capture_output=True, text=True, check=False, **kwargs)
    output = proc.stdout + proc.stderr
    if proc.returncode and any(error in output for error in NETWORK_ERRORS):
        pytest.skip('the install could not reach PyPI (offline?)')
    return proc
