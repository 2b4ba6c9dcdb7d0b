"""Split streamed ``git log -p`` output into file diffs with ``re`` and slicing, not a line loop.

The log is read in blocks of ``BLOCK`` bytes; every file diff starts a line with ``diff `` and
every commit header (``%x00``) with a NUL, and no line inside a hunk can (each has a prefix
column), so one regular expression finds every boundary at C speed. Most file diffs are then
judged whole by ``detect.might_contain`` without looking at their lines (``log_parse``). A file
diff too big to hold (more than ``limit`` bytes and still going) is handed on as a stream of
lines instead, each at most ``piece`` bytes (a longer line comes in parts), so memory stays
bounded by ``BLOCK + limit``.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from collections.abc import Iterable
from collections.abc import Iterator

BLOCK = 1 << 18  # bytes joined before looking for boundaries
_BOUNDARY = re.compile(rb'\n(?=diff |\x00)')


class Splitter:
    """Yields each file diff or commit header as bytes, or a huge file diff as a line stream."""

    def __init__(self, limit: int, piece: int) -> None:
        self.limit, self.piece = limit, piece
        self._left = b''  # what followed a streamed diff

    def split(self, pieces: Iterable[bytes]) -> Iterator[bytes | Iterator[bytes]]:
        """Yield the segments of the log given as ``pieces`` (any sizes), in order."""
        it = blocks(pieces, BLOCK)
        rest = b''
        for block in it:
            rest = yield from self._cut(rest + block if rest else block)
            if len(rest) > self.limit:  # a file diff bigger than we hold: stream the rest
                yield self._stream(rest, it)
                rest = self._left
        while rest:
            last = yield from self._cut(rest)
            if last:
                yield last
            rest = b''

    def _cut(self, data: bytes) -> Generator[bytes, None, bytes]:
        start = 0
        for m in _BOUNDARY.finditer(data):
            yield data[start : m.end()]
            start = m.end()
        return data[start:]

    def _stream(self, data: bytes, it: Iterator[bytes]) -> Iterator[bytes]:
        start = False  # data[0] begins a line (so may begin the next diff or commit)
        while True:
            end = 0 if start and _opens(data) else _boundary(data)
            if end is not None:
                self._left = data[end:]
                yield from lines(data[:end], self.piece)
                return
            cut = data.rfind(b'\n') + 1 or (self.piece if len(data) > self.piece else 0)
            if cut:
                yield from lines(data[:cut], self.piece)
                start, data = data[cut - 1 : cut] == b'\n', data[cut:]
            block = next(it, None)
            if block is None:
                self._left = b''
                yield from lines(data, self.piece)
                return
            data += block


def _opens(data: bytes) -> bool:
    return data[:5] == b'diff ' or data[:1] == b'\x00'


def _boundary(data: bytes) -> int | None:
    m = _BOUNDARY.search(data)
    return m.end() if m else None


def blocks(pieces: Iterable[bytes], size: int) -> Iterator[bytes]:
    """Join ``pieces`` into blocks of at least ``size`` bytes (the last may be smaller)."""
    parts: list[bytes] = []
    have = 0
    for piece in pieces:
        parts.append(piece)
        have += len(piece)
        if have >= size:
            yield b''.join(parts)
            parts, have = [], 0
    if parts:
        yield b''.join(parts)


def lines(data: bytes, piece: int) -> list[bytes]:
    """``data`` as lines ending in a newline (the last maybe not), in parts of <= ``piece``."""
    rows = data.split(b'\n')
    last = rows.pop()
    out = [row + b'\n' for row in rows]
    if last:
        out.append(last)
    if len(data) <= piece or max(map(len, out)) <= piece:
        return out
    return [row[i : i + piece] for row in out for i in range(0, len(row), piece)]
