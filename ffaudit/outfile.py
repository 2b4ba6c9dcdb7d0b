"""Write a report to the file the user named: atomically, with secret-free errors."""

from __future__ import annotations

import os
import tempfile

from ffaudit.errors import FfauditError


def write_atomic(path: str, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) in one step; raise ``FfauditError`` if it cannot.

    The text goes to a temporary file in the same directory, then ``os.replace`` puts it in
    place, so a reader (a CI upload step, an editor) never sees half a report, and an error
    leaves the old file as it was.
    """
    if os.path.isdir(path):
        raise FfauditError(f'cannot write {path}: it is a directory')
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, temp = tempfile.mkstemp(prefix='.ffaudit-', suffix='.tmp', dir=folder)
    except OSError as exc:
        raise FfauditError(f'cannot write {path}: {exc.strerror}') from None
    try:
        with os.fdopen(fd, 'w', encoding='utf-8', newline='') as f:
            f.write(text)
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as exc:
        _discard(temp)
        raise FfauditError(f'cannot write {path}: {exc.strerror}') from None
    except BaseException:
        _discard(temp)
        raise


def _umask() -> int:
    # mkstemp creates the file 0600; a report should get the mode any new file would
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _discard(temp: str) -> None:
    try:
        os.unlink(temp)
    except OSError:
        pass
