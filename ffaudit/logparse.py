"""Turn streamed ``git log -p --cc -U3`` output into chunks: one file's hunks in one commit.

A chunk holds the added lines *and* the unchanged context lines git shows around them, each with
its line number in the commit's version of the file, so a name on an unchanged line binds a value
changed on the next one; only matches on added lines are reported. Merges use ``--cc`` (dense
combined diff): a line is added only when it is new against every parent (a merge resolution);
lines arriving from one parent are context, scanned in the commit that added them. Renames add
no lines; binary diffs have no hunks; undecodable text falls back to latin-1.

Memory and time stay bounded on huge diffs: the log is read in pieces of at most ``PIECE`` bytes
(a one-line 100 MB file arrives as many pieces) and a chunk is cut at about ``CHUNK_LIMIT`` bytes,
even inside a line, keeping ``OVERLAP`` characters of context across the cut as ``scan.py`` does
for files.
"""

from __future__ import annotations

import codecs
import dataclasses
from collections.abc import Iterable
from collections.abc import Iterator

from ffaudit import detect

PIECE = 1 << 20  # bytes per read of the log: the longest line ever held at once
CHUNK_LIMIT = 1 << 20  # a chunk is cut when it holds more than this many bytes
OVERLAP = 2048  # characters of context kept across a cut inside a line (> spans.WINDOW_CHARS)
MAX_GAP = 10  # blank lines kept between two hunks of one file, so distance still counts
_HUNK = frozenset(b' +-\\')  # first byte of every line inside a hunk


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


class LogParser:
    """Parses ``git log -p --cc`` output given as byte pieces (whole lines or parts of one)."""

    def __init__(self) -> None:
        self.commits = 0
        self._sha = self._date = self._path = ''
        self._buf: list[bytes] = []
        self._nums: list[int] = []
        self._added: list[int] = []
        self._size = 0
        self._carry, self._lo, self._col = '', 0, 0

    def chunks(self, pieces: Iterable[bytes]) -> Iterator[Chunk]:
        """Yield one chunk per file per commit (more for huge diffs), in log order."""
        in_hunk, cont, keep, parents, lineno, plus = False, False, False, 1, 0, b'+'
        buf, nums, added = self._buf, self._nums, self._added
        for raw in pieces:
            if cont:  # the rest of a line longer than one piece
                cont = raw[-1:] != b'\n'
                if keep:
                    buf.append(raw)
                    self._size += len(raw)
                    if self._size > CHUNK_LIMIT:
                        yield from self._flush(cut=cont)
                continue
            cont = raw[-1:] != b'\n'
            if in_hunk and raw[:1] and raw[0] in _HUNK:
                prefix = raw[:parents]
                keep = b'-' not in prefix and raw[0] != 92  # not removed, not '\ No newline'
                if keep:
                    buf.append(raw[parents:])
                    nums.append(lineno)
                    lineno += 1
                    if prefix == plus:
                        added.append(len(nums))
                    self._size += len(raw)
                    if self._size > CHUNK_LIMIT:
                        yield from self._flush(cut=cont)
                continue
            keep = False
            in_hunk = raw.startswith(b'@@')
            if in_hunk:
                parents, start = _hunk_header(raw)
                plus = b'+' * parents
                if nums and start > lineno:
                    gap = min(start - lineno, MAX_GAP)
                    buf.extend([b'\n'] * gap)
                    nums.extend([0] * gap)
                lineno = start
            else:
                yield from self._header(raw)
        yield from self._flush()

    def _header(self, raw: bytes) -> Iterator[Chunk]:
        if raw.startswith(b'\x00'):
            yield from self._flush()
            self.commits += 1
            self._sha, _, self._date = raw[1:].decode('ascii').strip().partition(' ')
        elif raw.startswith(b'diff '):
            yield from self._flush()
            self._path = ''
        elif raw.startswith(b'+++ '):
            self._path = _diff_path(raw[4:])

    def _flush(self, *, cut: bool = False) -> Iterator[Chunk]:
        data = b''.join(self._buf)
        rest = _incomplete_utf8(data) if cut else 0
        text = self._carry + _decode(data[: len(data) - rest])
        start = text.rfind('\n') + 1  # where the last (cut) line begins
        if cut and len(text) - start < 2 * OVERLAP:
            return  # too little of the cut line yet to keep context: read on
        hi = len(text) - OVERLAP if cut else None
        if self._added and self._path:
            maybe = detect.might_contain(data) or detect.might_contain(self._carry.encode())
            yield Chunk(
                *(self._sha, self._date, self._path, text, tuple(self._nums)),
                *(frozenset(self._added), self._lo, hi, self._col, maybe),
            )
        self._reset(text, start, data[len(data) - rest :] if cut else None)

    def _reset(self, text: str, start: int, rest: bytes | None) -> None:
        last_added = bool(self._added) and self._added[-1] == len(self._nums)
        self._buf.clear()
        self._size = 0
        if rest is None:
            self._nums.clear()
            self._added.clear()
            self._carry, self._lo, self._col = '', 0, 0
            return
        # the next piece starts OVERLAP characters before this one's ``hi``, on the same line
        carry_from = len(text) - 2 * OVERLAP
        self._col = (self._col if start == 0 else 0) + carry_from - start
        self._carry, self._lo = text[carry_from:], OVERLAP
        del self._nums[:-1]
        self._added[:] = [1] if last_added else []
        self._buf.append(rest)
        self._size = len(rest)


def _incomplete_utf8(data: bytes) -> int:
    # bytes at the end of ``data`` that begin a UTF-8 sequence the next piece completes
    for back in range(1, min(4, len(data)) + 1):
        byte = data[-back]
        if byte & 0xC0 != 0x80:  # not a continuation byte: the sequence starts here
            need = 2 if byte >> 5 == 6 else 3 if byte >> 4 == 14 else 4 if byte >> 3 == 30 else 1
            return back if need > back else 0
    return 0


def _hunk_header(raw: bytes) -> tuple[int, int]:
    ats = len(raw) - len(raw.lstrip(b'@'))  # '@@' for a diff, '@@@' for a 2-parent merge
    new = raw.split(b' ', ats + 1)[ats]  # b'+start[,count]'
    return ats - 1, int(new[1:].partition(b',')[0])


def _diff_path(raw: bytes) -> str:
    name = raw.rstrip(b'\r\n').removesuffix(b'\t')  # git pads names holding a space with a tab
    if name.startswith(b'"'):
        name = codecs.escape_decode(name[1:-1])[0]
    return '' if name == b'/dev/null' else _decode(name.removeprefix(b'b/'))


def _decode(data: bytes) -> str:
    try:
        return data.decode('utf-8')
    except UnicodeDecodeError:
        return data.decode('latin-1')
