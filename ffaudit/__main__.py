"""Entry point of the ``ffaudit`` console script and of ``python -m ffaudit``: signals first.

The signal handlers go in before click and the commands are imported, so Ctrl-C at any moment
(start-up, imports, a scan, a probe) ends in one line and exit 130, and SIGTERM (a CI timeout,
``kill``) in exit 143; both unwind the stack, so an atomic write removes its temporary file.
Only the standard library is imported here.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

# signal -> (exit code, word): 128 + the signal number, the shell's convention
STOPS = {signal.SIGINT: (130, 'interrupted'), signal.SIGTERM: (143, 'terminated')}


class Stopped(BaseException):
    """A signal asked ffaudit to stop (not an ``Exception``: nothing may swallow it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _stop(signum: int, frame: FrameType | None) -> None:
    for each in STOPS:  # a second signal ends the process at once, without unwinding again
        signal.signal(each, signal.SIG_DFL)
    raise Stopped(signum)


def _say(line: str) -> None:
    try:
        os.write(2, line.encode('ascii', 'backslashreplace'))
    except OSError:  # stderr closed or broken: the exit code still tells
        pass


def main() -> None:
    """Run the command line; a stop signal ends it with ``ffaudit: interrupted`` and 128+N."""
    for each in STOPS:
        signal.signal(each, _stop)
    try:
        from ffaudit.cli import main as run

        run()
    except (Stopped, KeyboardInterrupt) as exc:
        signum = exc.signum if isinstance(exc, Stopped) else signal.SIGINT
        code, word = STOPS[signal.Signals(signum)]
        _say(f'ffaudit: {word}\n')
        sys.exit(code)


if __name__ == '__main__':
    main()
