"""The files a user hands in: regular files only (or stdin for ``-``), never blocking, size-capped.

Every path option reads through here (``scan --baseline``, ``doctor --api-key-file``,
``explain FILE``, a detect-secrets baseline and the files its results name), so a FIFO, a device
or a directory given by mistake is refused at once, naming the rule that refused it, instead of
hanging: ``open()`` of a FIFO waits for a writer and ``/dev/zero`` never ends. The path is
``stat``-ed first, then opened with ``O_NONBLOCK`` and checked again with ``fstat`` (a file
swapped in between cannot block either). Writes are atomic: see ``write_atomic``.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys

from ffaudit.errors import FfauditError
from ffaudit.redaction import path_text

# which rule refused a file; ``Refused.rule`` holds one of these
NOT_FOUND = 'not-found'
NOT_REGULAR = 'not-regular'
TOO_LARGE = 'too-large'
UNREADABLE = 'unreadable'
NOT_UTF8 = 'not-utf8'
_SPECIAL = (
    (stat.S_ISFIFO, 'a FIFO (named pipe)'),
    (stat.S_ISCHR, 'a character device'),
    (stat.S_ISBLK, 'a block device'),
    (stat.S_ISSOCK, 'a socket'),
)
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, 'O_NOCTTY', 0) | getattr(os, 'O_CLOEXEC', 0)


class Refused(FfauditError):
    """A file the user named that ffaudit will not read; ``rule`` and ``reason`` say why."""

    def __init__(self, what: str, path: str, rule: str, reason: str) -> None:
        said = ' '.join(part for part in ('cannot read', what, path_text(path)) if part)
        super().__init__(f'{said}: {reason}')
        self.rule = rule
        self.reason = reason

    def writing(self) -> Refused:
        """The same refusal, worded for a file ffaudit was asked to write."""
        self.args = (str(self).replace('cannot read', 'cannot write', 1),)
        return self


def size_text(limit: int) -> str:
    """``limit`` bytes as ``64 KiB`` / ``4 MiB``."""
    return f'{limit >> 20} MiB' if limit >= 1 << 20 else f'{limit >> 10} KiB'


def special_kind(mode: int) -> str:
    """What a file of ``st_mode`` ``mode`` is (``a FIFO (named pipe)``, ``a character device``)
    when it is neither a regular file nor a directory; else ''."""
    return next((kind for test, kind in _SPECIAL if test(mode)), '')


def refusal(mode: int) -> str:
    """Why a file of ``st_mode`` ``mode`` is not read, or '' for a regular file."""
    if stat.S_ISREG(mode):
        return ''
    if stat.S_ISDIR(mode):
        return 'is a directory'
    kind = special_kind(mode)
    return f'is {kind}, not a regular file' if kind else 'not a regular file'


def check_regular(path: str, what: str, limit: int) -> os.stat_result:
    """``os.stat(path)`` if it is a regular file of at most ``limit`` bytes; else ``Refused``."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _os_refusal(exc, what, path) from None
    _check_info(info, what, path, limit)
    return info


def read_bytes(path: str, what: str, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them; else ``Refused``."""
    check_regular(path, what, limit)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _os_refusal(exc, what, path) from None
    with open(fd, 'rb') as f:
        _check_info(os.fstat(fd), what, path, limit)
        try:
            data = f.read(limit + 1)
        except OSError as exc:
            raise _os_refusal(exc, what, path) from None
    if len(data) > limit:  # grew after the stat
        raise Refused(what, path, TOO_LARGE, f'larger than {size_text(limit)}')
    return data


def read_text(path: str, what: str, limit: int) -> str:
    """``read_bytes`` decoded as UTF-8 (a byte-order mark is dropped); else ``Refused``."""
    try:
        return read_bytes(path, what, limit).decode('utf-8-sig')
    except UnicodeDecodeError:
        raise Refused(what, path, NOT_UTF8, 'not UTF-8') from None


def read_stdin(what: str, limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of standard input (the caller judges the size); ``Refused``
    when stdin is closed (``<&-``) or cannot be read."""
    stream = sys.stdin
    if stream is None:  # Python leaves sys.stdin None when file descriptor 0 was closed
        raise Refused(what, '', UNREADABLE, 'stdin is closed')
    try:
        return stream.buffer.read(limit + 1)
    except (OSError, ValueError) as exc:  # EBADF, EISDIR (< folder), a closed file object
        reason = getattr(exc, 'strerror', None) or 'stdin cannot be read'
        raise Refused(what, '', UNREADABLE, reason) from None


def _check_info(info: os.stat_result, what: str, path: str, limit: int) -> None:
    reason = refusal(info.st_mode)
    if reason:
        raise Refused(what, path, NOT_REGULAR, reason)
    if info.st_size > limit:
        raise Refused(what, path, TOO_LARGE, f'larger than {size_text(limit)}')


def _os_refusal(exc: OSError, what: str, path: str) -> Refused:
    rule = NOT_FOUND if isinstance(exc, FileNotFoundError) else UNREADABLE
    return Refused(what, path, rule, exc.strerror or type(exc).__name__)


def check_target(path: str, what: str) -> None:
    """Refuse, before any work, a path to write that exists and is not a regular file."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _os_refusal(exc, what, path).writing() from None
    reason = refusal(info.st_mode)
    if reason:
        raise Refused(what, path, NOT_REGULAR, reason).writing()


def write_atomic(path: str, text: str, what: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically; see ``write_bytes_atomic``."""
    write_bytes_atomic(path, text.encode('utf-8'), what)


def write_bytes_atomic(path: str, data: bytes, what: str, mode: int | None = None) -> None:
    """Replace ``path`` with ``data`` atomically: a reader sees the old or the new file, whole.

    The data goes to a temporary file in the same folder (same file system), is flushed to disk,
    then renamed over ``path`` (``os.replace``); an interrupted write leaves no temporary file.
    A symlinked ``path`` keeps its link: the file it points to is replaced. The file gets
    ``mode`` when given, else keeps its permissions (a new one: what ``open`` would give).
    """
    import tempfile  # imported here: only writes need it, and it costs ~5 ms of start-up

    check_target(path, what)
    target = os.path.realpath(path)
    folder, name = os.path.split(target)
    try:
        fd, temp = tempfile.mkstemp(prefix=f'.{name}.', suffix='.tmp', dir=folder)
    except OSError as exc:
        raise _os_refusal(exc, what, path).writing() from None
    try:
        with open(fd, 'wb') as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(temp, _mode(target) if mode is None else mode)
        os.replace(temp, target)
    except OSError as exc:
        raise _os_refusal(exc, what, path).writing() from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)


def _mode(target: str) -> int:
    # keep an existing file's permissions; a new one gets what open() would give (0666 - umask)
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
