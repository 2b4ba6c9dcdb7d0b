"""What a tree scan reads: the paths named on the command line, checked, then walked.

A path named on the command line is what the user asked for, so one that cannot be read stops
the run (``FfauditError``, exit 2) before anything is read: a missing path, a broken symbolic
link, a FIFO, device or socket (never opened, so a FIFO cannot hang the scan), or a permission
problem. Files met while walking a directory are never FIFOs or devices (``walk`` lists regular
files only); one that cannot be read is recorded as skipped and the scan goes on.
``STDIN`` (``-``) names standard input and is passed through unchecked.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from collections.abc import Sequence

from ffaudit.errors import FfauditError
from ffaudit.redaction import escape_controls
from ffaudit.scan import walk
from ffaudit.user_files import special_kind

STDIN = '-'
Exclude = Callable[[str], bool]  # path as scanned -> left out by the configuration?


def check_named(path: str) -> None:
    """Raise ``FfauditError`` unless ``path`` is a readable regular file or directory."""
    shown = escape_controls(path)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            raise FfauditError(
                f'{shown}: broken symbolic link (its target does not exist)'
            ) from None
        raise FfauditError(f'{shown}: no such file or directory') from None
    except OSError as exc:
        raise FfauditError(f'{shown}: cannot read: {exc.strerror or exc}') from None
    kind = special_kind(mode)
    if kind:
        raise FfauditError(f'{shown}: not read: {kind}, not a regular file')
    wanted = os.R_OK | os.X_OK if stat.S_ISDIR(mode) else os.R_OK
    if not os.access(path, wanted):
        raise FfauditError(f'{shown}: cannot read: Permission denied')


def targets(
    paths: Sequence[str], all_files: bool, exclude: Exclude | None = None
) -> tuple[list[walk.Entry], int]:
    """The files to scan, each once, in the order named, and how many ``exclude`` left out."""
    for path in paths:
        if path != STDIN and not os.path.lexists(path):
            raise FfauditError(f'{escape_controls(path)}: no such file or directory')
    seen: set[str] = set()
    kept: list[walk.Entry] = []
    excluded = 0
    for path in paths:
        if path != STDIN and not _excluded(path, exclude):
            check_named(path)
        for entry in _entries(path, all_files):
            if entry[0] in seen:
                continue
            seen.add(entry[0])
            if _excluded(entry[0], exclude):
                excluded += 1
            else:
                kept.append(entry)
    return kept, excluded


def _excluded(path: str, exclude: Exclude | None) -> bool:
    return path != STDIN and exclude is not None and exclude(path)


def _entries(path: str, all_files: bool) -> Sequence[walk.Entry]:
    if path != STDIN and os.path.isdir(path):
        return walk.walk(path, all_files=all_files).files
    return [(path, '')]
