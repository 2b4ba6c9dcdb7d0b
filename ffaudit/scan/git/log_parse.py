"""Turn streamed ``git log -p --cc -U3`` output into chunks: one file's hunks in one commit.

A chunk holds the added lines *and* the unchanged context lines git shows around them, each with
its line number in the commit's version of the file, so a name on an unchanged line binds a value
changed on the next one; only matches on added lines are reported. Merges use ``--cc`` (dense
combined diff): a line is added only when it is new against every parent (a merge resolution);
lines arriving from one parent are context, scanned in the commit that added them. Renames add
no lines; undecodable text falls back to latin-1. Binary diffs have no hunks: they are yielded as
``BinaryDiff`` (blob ids from ``--full-index``), for ``history_blobs`` to read UTF-16 text.

Memory and time stay bounded on huge diffs: the log is read in blocks and split into file diffs
by ``log_split``, a line longer than ``PIECE`` bytes arrives in parts (a one-line 100 MB file as
many pieces) and a chunk is cut at about ``CHUNK_LIMIT`` bytes, even inside a line, keeping
context across the cut (``log_chunks``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator

from ffaudit.engine import detect
from ffaudit.scan.git.log_chunks import BinaryDiff
from ffaudit.scan.git.log_chunks import Chunk
from ffaudit.scan.git.log_chunks import ChunkBuffer
from ffaudit.scan.git.log_chunks import binary_diff
from ffaudit.scan.git.log_chunks import diff_path
from ffaudit.scan.git.log_split import Splitter
from ffaudit.scan.git.log_split import lines

PIECE = 1 << 20  # bytes: a longer line reaches the line parser in parts of this size
CHUNK_LIMIT = 1 << 20  # a chunk is cut when it holds more than this many bytes
MAX_GAP = 10  # blank lines kept between two hunks of one file, so distance still counts
_HUNK = frozenset(b' +-\\')  # first byte of every line inside a hunk
_BINARY = b'\nBinary files '


class LogParser:
    """Parses ``git log -p --cc`` output given as byte pieces of any size.

    A first pass only splits the log into file diffs (``log_split``); the line-by-line parse
    runs on the few that might hold a finding (``detect.might_contain``) and on huge ones,
    streamed.
    """

    def __init__(self, select: Callable[[bytes], bool] = detect.might_contain) -> None:
        self.select = select  # which file diffs to parse line by line (all huge ones are)
        self.commits = self.files = self.bytes = 0  # file diffs with hunks, and their bytes
        self._sha = self._date = self._path = ''
        self._chunk = ChunkBuffer()

    def chunks(self, pieces: Iterable[bytes]) -> Iterator[Chunk | BinaryDiff]:
        """Yield one chunk per file per commit (more for huge diffs), in log order.

        A binary diff is yielded as a ``BinaryDiff`` in its place.
        """
        for diff in self._diffs(iter(pieces)):
            yield from self._parse(diff)

    def _diffs(self, it: Iterator[bytes]) -> Iterator[Iterable[bytes]]:
        for segment in Splitter(CHUNK_LIMIT, PIECE).split(it):
            if isinstance(segment, bytes):
                yield from self._small(segment)
            else:  # too big to hold: parse it as it streams by
                self.files += 1
                yield self._counted(segment)

    def _small(self, data: bytes) -> Iterator[list[bytes]]:
        if data[:1] == b'\x00':
            end = data.find(b'\n') + 1 or len(data)
            self._commit(data[:end])
            data = data[end:]
        self.files += b'\n@@' in data
        self.bytes += len(data)
        if self.select(data) or _BINARY in data:
            yield lines(data, PIECE)

    def _counted(self, stream: Iterator[bytes]) -> Iterator[bytes]:
        for raw in stream:
            self.bytes += len(raw)
            yield raw

    def _commit(self, raw: bytes) -> None:
        self.commits += 1
        self._sha, _, self._date = raw[1:].decode('ascii').strip().partition(' ')

    def _parse(self, lines: Iterable[bytes]) -> Iterator[Chunk | BinaryDiff]:
        at = _Position()
        for raw in lines:
            if at.cont:  # the rest of a line longer than one piece
                at.cont = raw[-1:] != b'\n'
                if at.keep and self._keep(raw):
                    yield from self._flush(cut=at.cont)
                continue
            at.cont = raw[-1:] != b'\n'
            if at.in_hunk and raw[:1] and raw[0] in _HUNK:
                if self._line(at, raw):
                    yield from self._flush(cut=at.cont)
            else:
                binary = self._header(at, raw)
                if binary is not None:
                    yield binary
        yield from self._flush()

    def _line(self, at: _Position, raw: bytes) -> bool:
        # one hunk line: keep it unless removed; True when the chunk is full
        prefix = raw[: at.parents]
        at.keep = b'-' not in prefix and raw[0] != 92  # not removed, not '\ No newline'
        if not at.keep:
            return False
        nums = self._chunk.nums
        nums.append(at.lineno)
        at.lineno += 1
        if prefix == at.plus:
            self._chunk.added.append(len(nums))
        return self._keep(raw[at.parents :])

    def _keep(self, data: bytes) -> bool:
        cb = self._chunk
        cb.buf.append(data)
        cb.size += len(data)
        return cb.size > CHUNK_LIMIT

    def _flush(self, *, cut: bool = False) -> Iterator[Chunk]:
        return self._chunk.flush(self._sha, self._date, self._path, cut=cut)

    def _header(self, at: _Position, raw: bytes) -> BinaryDiff | None:
        at.keep = False
        at.in_hunk = raw.startswith(b'@@')
        if at.in_hunk:
            self._hunk(at, raw)
        elif raw.startswith(b'diff '):
            # 'diff --cc NAME' names a merged file; 'diff --git a/x b/y' is ambiguous with spaces
            self._path = diff_path(raw[10:], b'') if raw.startswith(b'diff --cc ') else ''
        elif raw.startswith(b'+++ '):
            self._path = diff_path(raw[4:])
        elif raw.startswith(b'index '):
            at.blobs = raw.split()[1]
        elif raw.startswith(b'Binary files '):
            return binary_diff(raw, at.blobs, self._sha, self._date, self._path)
        return None

    def _hunk(self, at: _Position, raw: bytes) -> None:
        at.parents, start = _hunk_header(raw)
        at.plus = b'+' * at.parents
        cb = self._chunk
        if cb.nums and start > at.lineno:  # blank filler, so distance between hunks counts
            gap = min(start - at.lineno, MAX_GAP)
            cb.buf.extend([b'\n'] * gap)
            cb.nums.extend([0] * gap)
        at.lineno = start


@dataclasses.dataclass
class _Position:
    # where the line-by-line parse of one file diff stands
    in_hunk: bool = False
    cont: bool = False  # the last piece ended inside a line
    keep: bool = False  # that line is kept (added or context), so its rest is too
    parents: int = 1  # prefix columns: 1 for a diff, one per parent for a --cc merge
    lineno: int = 0  # the next kept line's number in the commit's file
    plus: bytes = b'+'  # the prefix of a line new against every parent
    blobs: bytes = b''  # 'old..new' blob ids of the 'index' line ('a,b..new' for a merge)


def _hunk_header(raw: bytes) -> tuple[int, int]:
    ats = len(raw) - len(raw.lstrip(b'@'))  # '@@' for a diff, '@@@' for a 2-parent merge
    new = raw.split(b' ', ats + 1)[ats]  # b'+start[,count]'
    return ats - 1, int(new[1:].partition(b',')[0])
