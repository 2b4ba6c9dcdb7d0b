"""Expected, user-facing failures; ``cli`` maps them to one line on stderr and an exit code."""

from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """Process exit codes shared by every command (documented in --help and README)."""

    OK = 0
    FOUND = 1  # findings (scan) or a failed check (doctor)
    USAGE = 2  # usage error or unusable input
    INCONCLUSIVE = 3  # no verdict: from Fireflies (network, rate limit, 5xx, not sent), or a
    # --history that could not look at all it was asked to (shallow clone, missing objects)


class FfauditError(Exception):
    """An expected failure with a one-line, secret-free message."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, exit_code: ExitCode | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code
