"""Scan files and trees for Fireflies credentials with ``detect``; returns values, prints nothing.

CONTRACT (helper A implements the bodies; the CLI, plugin and history code against these):
- ``scan_paths(paths, *, all_files=False, progress=None) -> ScanResult``: walk directories
  (``git ls-files`` inside a work tree, so .gitignore is honoured; every file with
  ``all_files``), read each file once, apply repository context, return sorted findings.
- ``scan_file(path) -> FileScan``: read and scan one file (encoding sniffing, binary skip,
  bounded memory on huge files).
Unusable input that stops the whole run (a missing path) raises ``FfauditError``; a single
unreadable or binary file is recorded in ``skipped`` and the scan goes on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from collections.abc import Sequence

from ffaudit.detect import TextScan
from ffaudit.model import Finding


@dataclasses.dataclass(frozen=True)
class Skipped:
    """A file that was not scanned, and why (secret-free)."""

    path: str
    reason: str  # 'binary', 'unreadable: Permission denied', 'undecodable', 'too large', ...


@dataclasses.dataclass(frozen=True)
class FileScan:
    """The result of scanning one file."""

    path: str
    text_scan: TextScan | None  # None when skipped
    skipped: Skipped | None = None


@dataclasses.dataclass(frozen=True)
class ScanResult:
    """The result of one scan run."""

    findings: tuple[Finding, ...]
    files_scanned: int
    bytes_scanned: int
    skipped: tuple[Skipped, ...] = ()


ProgressCallback = Callable[[int, str], None]  # (files done so far, current path)


def scan_file(path: str) -> FileScan:
    """Read ``path`` once and return what the engine found in it."""
    raise NotImplementedError


def scan_paths(
    paths: Sequence[str], *, all_files: bool = False, progress: ProgressCallback | None = None
) -> ScanResult:
    """Scan files and directories; repository context promotes generic candidates."""
    raise NotImplementedError
