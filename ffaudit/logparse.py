"""Turn streamed ``git log -p --cc -U3`` output into chunks: one file's hunks in one commit.

A chunk holds the added lines *and* the unchanged context lines git shows around them, each with
its line number in the commit's version of the file, so a name on an unchanged line binds a value
changed on the next one; only matches on added lines are reported. Merges use ``--cc`` (dense
combined diff): a line is added only when it is new against every parent (a merge resolution);
lines arriving from one parent are context, scanned in the commit that added them. Renames add
no lines; binary diffs have no hunks; undecodable text falls back to latin-1.

Memory and time stay bounded on huge diffs: the log is read in pieces of at most ``PIECE`` bytes
(a one-line 100 MB file arrives as many pieces) and a chunk is cut at about ``CHUNK_LIMIT`` bytes,
even inside a line, keeping context across the cut (``logchunk``).
"""

from __future__ import annotations

import codecs
import itertools
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator

from ffaudit import detect
from ffaudit.logchunk import Chunk
from ffaudit.logchunk import ChunkBuffer
from ffaudit.logchunk import decode

PIECE = 1 << 20  # bytes per read of the log: the longest line ever held at once
CHUNK_LIMIT = 1 << 20  # a chunk is cut when it holds more than this many bytes
MAX_GAP = 10  # blank lines kept between two hunks of one file, so distance still counts
_HUNK = frozenset(b' +-\\')  # first byte of every line inside a hunk


class LogParser:
    """Parses ``git log -p --cc`` output given as byte pieces (whole lines or parts of one).

    A first pass only splits the log into file diffs; the line-by-line parse runs on the few
    that might hold a finding (``detect.might_contain``) and on huge ones, streamed.
    """

    def __init__(self, select: Callable[[bytes], bool] = detect.might_contain) -> None:
        self.select = select  # which file diffs to parse line by line (all huge ones are)
        self.commits = self.files = self.bytes = 0  # file diffs with hunks, and their bytes
        self._sha = self._date = self._path = ''
        self._chunk = ChunkBuffer()
        self._pending = b''  # a header line the streaming reader stopped at

    def chunks(self, pieces: Iterable[bytes]) -> Iterator[Chunk]:
        """Yield one chunk per file per commit (more for huge diffs), in log order."""
        for lines in self._diffs(iter(pieces)):
            yield from self._parse(lines)

    def _diffs(self, it: Iterator[bytes]) -> Iterator[Iterable[bytes]]:
        block: list[bytes] = []
        size, cont = 0, False
        for raw in it:
            if not cont and (raw[:1] == b'\x00' or raw[:5] == b'diff '):
                yield from self._small(block)
                block, size = [], 0
                if raw[:1] == b'\x00':
                    self._commit(raw)
                    continue
            cont = raw[-1:] != b'\n'
            block.append(raw)
            size += len(raw)
            if size > CHUNK_LIMIT:  # too big to hold: parse it as it streams by
                self.files += 1
                self.bytes += size
                yield itertools.chain(block, self._rest(it, cont))
                block, size, cont = self._resume()
        yield from self._small(block)

    def _small(self, block: list[bytes]) -> Iterator[list[bytes]]:
        data = b''.join(block)
        self.files += b'\n@@' in data
        self.bytes += len(data)
        if self.select(data):
            yield block

    def _rest(self, it: Iterator[bytes], cont: bool) -> Iterator[bytes]:
        for raw in it:
            if not cont and (raw[:1] == b'\x00' or raw[:5] == b'diff '):
                self._pending = raw
                return
            cont = raw[-1:] != b'\n'
            self.bytes += len(raw)
            yield raw

    def _resume(self) -> tuple[list[bytes], int, bool]:
        raw, self._pending = self._pending, b''
        if raw[:1] == b'\x00':
            self._commit(raw)
            return [], 0, False
        return ([raw], len(raw), False) if raw else ([], 0, False)

    def _commit(self, raw: bytes) -> None:
        self.commits += 1
        self._sha, _, self._date = raw[1:].decode('ascii').strip().partition(' ')

    def _parse(self, lines: Iterable[bytes]) -> Iterator[Chunk]:
        in_hunk, cont, keep, parents, lineno, plus = False, False, False, 1, 0, b'+'
        cb = self._chunk
        buf, nums, added = cb.buf, cb.nums, cb.added
        for raw in lines:
            if cont:  # the rest of a line longer than one piece
                cont = raw[-1:] != b'\n'
                if keep:
                    buf.append(raw)
                    cb.size += len(raw)
                    if cb.size > CHUNK_LIMIT:
                        yield from cb.flush(self._sha, self._date, self._path, cut=cont)
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
                    cb.size += len(raw)
                    if cb.size > CHUNK_LIMIT:
                        yield from cb.flush(self._sha, self._date, self._path, cut=cont)
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
            elif raw.startswith(b'diff '):
                self._path = ''
            elif raw.startswith(b'+++ '):
                self._path = _diff_path(raw[4:])
        yield from cb.flush(self._sha, self._date, self._path)


def _hunk_header(raw: bytes) -> tuple[int, int]:
    ats = len(raw) - len(raw.lstrip(b'@'))  # '@@' for a diff, '@@@' for a 2-parent merge
    new = raw.split(b' ', ats + 1)[ats]  # b'+start[,count]'
    return ats - 1, int(new[1:].partition(b',')[0])


def _diff_path(raw: bytes) -> str:
    name = raw.rstrip(b'\r\n').removesuffix(b'\t')  # git pads names holding a space with a tab
    if name.startswith(b'"'):
        name = codecs.escape_decode(name[1:-1])[0]
    return '' if name == b'/dev/null' else decode(name.removeprefix(b'b/'))
