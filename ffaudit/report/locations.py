"""Where findings live for code scanning: paths from the work-tree root, and the commit."""

from __future__ import annotations

import os
import posixpath
import typing

from ffaudit.model import Finding
from ffaudit.redaction import mask_key_shaped


class Origin(typing.NamedTuple):
    """How to place finding paths: the work-tree root, and for history scans the repository."""

    root: str | None = None  # make paths relative to this directory; None: they already are
    repository_uri: str = ''  # history scans: the remote (credentials stripped) or a file URI
    revision: str = ''  # history scans: the commit HEAD pointed at


def root_relative(path: str, root: str | None) -> str:
    """``path`` from ``root`` if it lies under it, else from the working directory; '/'-separated.

    GitHub code scanning and workflow annotations resolve paths from the repository root, so a
    scan run in a subdirectory must not report ``../x`` or ``x`` relative to that subdirectory.
    """
    if root is not None:
        rel = os.path.relpath(_real(path), os.path.realpath(root))
        if rel != os.pardir and not rel.startswith(os.pardir + os.sep):
            return _posix(rel)
    return _posix(os.path.relpath(path) if os.path.isabs(path) else path)


def shown(path: str) -> str:
    """``path`` as text: bytes of a name that is not UTF-8 (surrogate escapes) shown as ``\\xff``,
    and a key-shaped run (a folder or file named after a key) as ``<redacted>``.

    Such a name cannot be encoded for a UTF-8 stream or JSON; only the key-shaped run is
    masked, so the rest of the path still leads to the file.
    """
    text = path.encode('utf-8', 'surrogateescape').decode('utf-8', 'backslashreplace')
    return mask_key_shaped(text)


def _real(path: str) -> str:
    # git prints its root with symlinks resolved (/tmp -> /private/tmp): resolve the folder,
    # not the file itself (a symlinked file is reported where it is, not where it points)
    head, tail = os.path.split(os.path.abspath(path))
    return os.path.join(os.path.realpath(head), tail)


def _posix(path: str) -> str:
    return posixpath.normpath(path.replace(os.sep, '/'))


def commit_path(f: Finding) -> str:
    """``<sha>:<path>``, git's name for the file as the commit that added the key holds it."""
    return f'{f.commit.sha}:{shown(f.path)}' if f.commit is not None else shown(f.path)
