"""Text git calls binary (UTF-16/UTF-32) in history: fetch the blobs, report only new lines.

``git log -p`` prints ``Binary files ... differ`` for a UTF-16 file, with no lines to scan.
For each such diff the new blob is read through one ``git cat-file --batch``
process per history run, started on the first binary diff and asked one object at a time (so a
parent is fetched only when the new blob is text). A blob that decodes as text (``textio.sniff``:
a BOM or the NUL pattern of UTF-16/UTF-32) becomes a chunk of the whole file in which the lines
absent from every parent blob count as added, as they would in a text diff.
"""

from __future__ import annotations

import subprocess
from typing import IO

from ffaudit.engine import detect
from ffaudit.scan import textio
from ffaudit.scan.git import plumbing
from ffaudit.scan.git.log_chunks import BinaryDiff
from ffaudit.scan.git.log_chunks import Chunk

MAX_BLOB = 8 << 20  # bytes: a larger "binary" blob is not read as text (skipped, drained)
_PIECE = 1 << 20


class BlobReader:
    """Turns binary diffs into chunks through one lazily started ``git cat-file --batch``."""

    def __init__(self, repo: str) -> None:
        self.repo = repo
        self.files = self.bytes = 0  # blobs read as text, and their sizes
        self._proc: subprocess.Popen[bytes] | None = None
        self._done: set[tuple[str, str]] = set()  # (blob, path) scanned (two branches, one file)

    def chunk(self, diff: BinaryDiff) -> Chunk | None:
        """The new blob of ``diff`` as a chunk if it is text not scanned before, else None."""
        if not diff.path or (diff.new, diff.path) in self._done:
            return None
        self._done.add((diff.new, diff.path))
        text = self.text(diff.new)
        if text is None:
            return None
        self.files += 1
        rows = text.split('\n')
        before = {row for old in diff.old for row in (self.text(old) or '').split('\n')}
        added = frozenset(i for i, row in enumerate(rows, 1) if row.strip() and row not in before)
        maybe = detect.might_contain(text.encode('utf-8', 'replace'))
        lines = tuple(range(1, len(rows) + 1))
        return Chunk(diff.sha, diff.date, diff.path, text, lines, added, maybe=maybe)

    def text(self, oid: str) -> str | None:
        """The blob ``oid`` decoded, or None if missing, too large or binary."""
        try:
            out = self._ask(oid)
        except OSError:  # cat-file died (it could not fetch a missing object)
            return None
        header = out.readline().split()
        if len(header) != 3 or header[1] != b'blob':
            return None  # '<oid> missing' (a shallow clone), or not a blob
        size = int(header[2])
        if size > MAX_BLOB:
            _drain(out, size + 1)
            return None
        data = out.read(size + 1)[:size]
        codec = textio.sniff(data[: textio.SNIFF_SIZE])
        if codec is None:
            return None
        self.bytes += size
        return textio.decode(data, codec)

    def _ask(self, oid: str) -> IO[bytes]:
        proc = self._proc or self._start()
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(oid.encode('ascii') + b'\n')
        proc.stdin.flush()
        return proc.stdout

    def _start(self) -> subprocess.Popen[bytes]:
        self._proc = plumbing.popen(self.repo, 'cat-file', '--batch', stdin=subprocess.PIPE)
        return self._proc

    def close(self) -> None:
        """Stop the cat-file process, if one was started."""
        if self._proc is not None:
            assert self._proc.stdin is not None
            try:
                self._proc.stdin.close()
            except OSError:
                pass
            self._proc.wait()
            if self._proc.stdout is not None:
                self._proc.stdout.close()
            self._proc = None


def _drain(out: IO[bytes], size: int) -> None:
    while size > 0:
        got = len(out.read(min(size, _PIECE)))
        if not got:
            return
        size -= got
