"""Bounded chunks of diff text for the engine, and how a cut inside a huge line keeps context.

A chunk may be cut inside a huge line (``logparse.CHUNK_LIMIT``); the next one
starts ``OVERLAP`` characters before the cut's reporting limit, as ``scan.py`` does for files, so
a key straddling a cut is seen whole exactly once and keeps its line and column.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from ffaudit.engine import detect
from ffaudit.scan.git import quoting

OVERLAP = 2048  # characters of context kept across a cut inside a line (> spans.WINDOW_CHARS)
# 'Binary files a/x and b/y differ' ('/dev/null' for a deleted file; no names for --cc merges)
_BINARY_RE = re.compile(rb'Binary files (?:.* and ("b/.*"|b/.*) )?differ')
_NULL_OID = frozenset(b'0')


@dataclasses.dataclass(frozen=True)
class Chunk:
    """Added and context lines of one file in one commit (or a piece of a huge diff)."""

    sha: str
    date: str
    path: str
    text: str = dataclasses.field(repr=False)
    lines: tuple[int, ...]  # chunk line (0-based) -> line in the commit's file; 0 for filler
    added: frozenset[int]  # chunk lines (1-based, as KeyMatch.line) the commit adds
    lo: int = 0  # matches before ``lo`` were reported with the previous piece of a cut line
    hi: int | None = None  # ... and from ``hi`` on they belong to the next piece
    column: int = 0  # column (0-based) of text[0] in its line, when a cut line continues
    maybe: bool = True  # detect.might_contain: False means no finding is possible here


@dataclasses.dataclass(frozen=True)
class BinaryDiff:
    """A file git shows as ``Binary files ... differ`` in one commit: its new and old blobs."""

    sha: str
    date: str
    path: str
    new: str  # blob id of the commit's version
    old: tuple[str, ...]  # blob ids of the parents' versions (none for a new file)


class ChunkBuffer:
    """The lines of one file diff gathered so far: text, line numbers, which are added."""

    def __init__(self) -> None:
        self.buf: list[bytes] = []
        self.nums: list[int] = []  # chunk line (0-based) -> line in the file; 0 for filler
        self.added: list[int] = []  # chunk lines (1-based) the commit adds
        self.size = 0
        self._carry, self._lo, self._col = '', 0, 0

    def flush(self, sha: str, date: str, path: str, *, cut: bool = False) -> Iterator[Chunk]:
        """Yield the buffered lines as a chunk (if any is added); ``cut``: a line goes on."""
        data = b''.join(self.buf)
        rest = _incomplete_utf8(data) if cut else 0
        text = self._carry + decode(data[: len(data) - rest])
        start = text.rfind('\n') + 1  # where the last (cut) line begins
        if cut and len(text) - start < 2 * OVERLAP:
            return  # too little of the cut line yet to keep context: read on
        hi = len(text) - OVERLAP if cut else None
        if self.added and path:
            maybe = detect.might_contain(data) or detect.might_contain(self._carry.encode())
            yield Chunk(
                *(sha, date, path, text, tuple(self.nums)),
                *(frozenset(self.added), self._lo, hi, self._col, maybe),
            )
        self._reset(text, start, data[len(data) - rest :] if cut else None)

    def _reset(self, text: str, start: int, rest: bytes | None) -> None:
        last_added = bool(self.added) and self.added[-1] == len(self.nums)
        self.buf.clear()
        self.size = 0
        if rest is None:
            self.nums.clear()
            self.added.clear()
            self._carry, self._lo, self._col = '', 0, 0
            return
        # the next piece starts OVERLAP characters before this one's ``hi``, on the same line
        carry_from = len(text) - 2 * OVERLAP
        self._col = (self._col if start == 0 else 0) + carry_from - start
        self._carry, self._lo = text[carry_from:], OVERLAP
        del self.nums[:-1]
        self.added[:] = [1] if last_added else []
        self.buf.append(rest)
        self.size = len(rest)


def _incomplete_utf8(data: bytes) -> int:
    # bytes at the end of ``data`` that begin a UTF-8 sequence the next piece completes
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte & 0xC0 != 0x80:  # not a continuation byte: the sequence starts here
            need = 2 if byte >> 5 == 6 else 3 if byte >> 4 == 14 else 4 if byte >> 3 == 30 else 1
            return back if need > back else 0
    return 0


def decode(data: bytes) -> str:
    """UTF-8, or latin-1 when the bytes are not UTF-8 (never fails)."""
    try:
        return data.decode('utf-8')
    except UnicodeDecodeError:
        return data.decode('latin-1')


def diff_path(raw: bytes, prefix: bytes = b'b/') -> str:
    """The path a diff header names (``+++ b/x``, quoted or not); '' for /dev/null."""
    name = raw.rstrip(b'\r\n').removesuffix(b'\t')  # git pads names holding a space with a tab
    name = quoting.unquote(name)
    return '' if name == b'/dev/null' else decode(name.removeprefix(prefix))


def binary_diff(raw: bytes, blobs: bytes, sha: str, date: str, path: str) -> BinaryDiff | None:
    """The ``Binary files ... differ`` line ``raw`` with the ``index`` line's ``old..new`` ids.

    ``path`` (from ``diff --cc NAME``) serves when the line names no file; None for a deletion.
    """
    match = _BINARY_RE.match(raw.rstrip(b'\r\n'))
    old, _, new = blobs.partition(b'..')
    if match is None or not new or set(new) <= _NULL_OID:
        return None  # a deleted file adds nothing
    path = diff_path(match[1]) if match[1] else path
    parents = tuple(o.decode('ascii') for o in old.split(b',') if set(o) - _NULL_OID)
    return BinaryDiff(sha, date, path, new.decode('ascii'), parents)
