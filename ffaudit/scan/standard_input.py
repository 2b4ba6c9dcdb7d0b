"""Standard input as one scanned file (``ffaudit scan -``): size-capped, never a silent pass.

Editors and pipes (``git show HEAD | ffaudit scan -``) hand ffaudit text on stdin. It is read
through the same sniffing and chunked scan as a file, reported as ``<stdin>``, and capped at
``LIMIT`` bytes so an endless producer cannot keep a gate running. A closed, unreadable, empty
or over-long stdin is an error (exit 2): an empty pipe usually means its producer failed
(``git show`` of a bad revision), and passing it would be a silent pass.
"""

from __future__ import annotations

from ffaudit.errors import FfauditError

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs start-up time
if TYPE_CHECKING:
    from typing import BinaryIO

NAME = '<stdin>'  # the path findings from standard input are reported at
LIMIT = 64 * 1024 * 1024  # bytes; a diff or editor buffer is far smaller, `yes |` never ends
_LIMIT_TEXT = f'{LIMIT // (1024 * 1024)} MiB'


class CappedInput:
    """Reads at most ``limit + 1`` bytes of ``stream``, so an overflow can be told apart."""

    def __init__(self, stream: BinaryIO | None, limit: int = LIMIT) -> None:
        if stream is None:  # fd 0 closed (`<&-`): Python leaves sys.stdin as None
            raise FfauditError('standard input is closed: nothing to scan')
        self.stream, self.limit, self.total = stream, limit, 0

    def read(self, size: int) -> bytes:
        size = min(size, self.limit + 1 - self.total)
        if size <= 0:
            return b''
        try:
            data = self.stream.read(size)
        except OSError as exc:
            raise FfauditError(f'cannot read standard input: {exc.strerror or exc}') from None
        except ValueError:  # read on a closed file object
            raise FfauditError('standard input is closed: nothing to scan') from None
        self.total += len(data)
        return data

    def tell(self) -> int:
        return self.total

    def check(self) -> None:
        """Raise ``FfauditError`` if nothing was read, or more than the limit was offered."""
        if self.total == 0:
            raise FfauditError('standard input is empty: nothing to scan')
        if self.total > self.limit:
            raise FfauditError(f'standard input is larger than {_LIMIT_TEXT}: scan a file instead')
