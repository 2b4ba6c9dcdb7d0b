"""Standard streams as a hostile shell hands them over: closed, full, cut off, or in an encoding
that cannot spell a file name. Each case ends in one line on stderr and a documented exit code.

- a closed descriptor 0, 1 or 2 (``<&-``, ``>&-``, ``2>&-``) is pointed at ``/dev/null``, so no
  file ffaudit opens later takes its number (a report written into a baseline, git's stderr
  into a file); a closed stdout still refuses writes, so output is never dropped silently,
  while messages for a closed stderr are dropped (the exit code still tells);
- a write that fails (``>/dev/full``, ``| head -1``, a closed stdout) is ``output_failure``:
  exit 2 with one line, and stdout then points at ``/dev/null`` so the exit flush cannot fail
  again (the Python docs' advice for ``SIGPIPE``). A large write into a pipe whose reader
  leaves part-way can return without an error in CPython, so ``SIGPIPE`` (which the kernel
  sends on every such write) raises ``BrokenPipeError`` when stdout's reader is gone;
- text the stream's encoding cannot represent (``PYTHONIOENCODING=latin-1``) is escaped
  (``\\u2192``) instead of failing.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import select
import signal
import stat
import sys
from types import FrameType

_REASONS = {
    errno.EPIPE: 'broken pipe (the reader stopped early)',
    errno.EBADF: 'stdout is closed',
    errno.ENOSPC: 'no space left on the device',
    errno.EDQUOT: 'disk quota exceeded',
    errno.EIO: 'input/output error',
}


class ClosedOutput(io.TextIOBase):
    """What ``sys.stdout`` is when descriptor 1 was closed: every write fails with ``EBADF``."""

    encoding = 'utf-8'
    errors = 'strict'

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, 'stdout is closed')

    def writable(self) -> bool:
        return True

    def isatty(self) -> bool:
        return False


def prepare() -> None:
    """Make the standard streams safe to use, before any command runs (see the module doc)."""
    closed = [fd for fd in (0, 1, 2) if not _is_open(fd)]
    for fd in closed:
        _point_at_devnull(fd)
    if sys.stdout is None or 1 in closed:
        sys.stdout = ClosedOutput()
    if sys.stderr is None or 2 in closed:  # nothing can be said: the exit code still tells
        sys.stderr = open(2, 'w', encoding='utf-8', errors='backslashreplace', closefd=False)
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == 'strict':
            stream.reconfigure(errors='backslashreplace')
    if hasattr(signal, 'SIGPIPE') and hasattr(select, 'poll'):
        signal.signal(signal.SIGPIPE, _on_broken_pipe)


def output_failure(exc: OSError) -> str | None:
    """Why writing the output failed (``exc`` from a write), or None for any other error."""
    return _REASONS.get(exc.errno) if exc.errno is not None else None


def silence() -> None:
    """After a failed write: stdout goes to ``/dev/null``, so exiting cannot fail on it again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        _point_at_devnull(sys.stdout.fileno())


def _on_broken_pipe(signum: int, frame: FrameType | None) -> None:
    if _reader_gone(1):  # not a pipe to a child process (git): those report EPIPE themselves
        raise BrokenPipeError(errno.EPIPE, 'Broken pipe')


def _reader_gone(fd: int) -> bool:
    try:
        if not stat.S_ISFIFO(os.fstat(fd).st_mode):
            return False
    except OSError:
        return False
    poll = select.poll()
    poll.register(fd, select.POLLOUT)
    return any(events & select.POLLERR for _, events in poll.poll(0))


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def _point_at_devnull(fd: int) -> None:
    null = os.open(os.devnull, os.O_RDWR)
    if null != fd:
        os.dup2(null, fd)
        os.close(null)
