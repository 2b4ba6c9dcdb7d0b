"""Scan git blobs in memory: one ``git cat-file --batch`` process streams every blob asked for.

Each blob is read straight from the pipe by ``files.scan_stream``, the code that reads a file on
disk (binary sniffing, encoding detection, bounded pieces, own reports kept quiet): no temporary
files, one process for any number of blobs, memory bounded by ``textio.CHUNK_SIZE``.
"""

from __future__ import annotations

import dataclasses
import subprocess
import threading
from collections.abc import Iterator
from collections.abc import Sequence
from typing import IO

from ffaudit.errors import FfauditError
from ffaudit.scan import files
from ffaudit.scan import textio
from ffaudit.scan.files import FileScan
from ffaudit.scan.git import plumbing

Blob = tuple[str, str]  # (path shown to the user, object id)


class _Limited:
    """A reader that stops after ``size`` bytes of the underlying stream."""

    def __init__(self, stream: IO[bytes], size: int) -> None:
        self.stream, self.size, self.left = stream, size, size

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        data = self.stream.read(n) if n else b''
        self.left -= len(data)
        return data

    def tell(self) -> int:
        return self.size - self.left

    def drain(self) -> None:
        while self.read(textio.CHUNK_SIZE):
            pass


def scan_stream(path: str, f: _Limited, chunk_size: int = textio.CHUNK_SIZE) -> FileScan:
    """Scan the ``f.left`` bytes of ``f`` as the text of ``path`` (binary ones are skipped)."""
    size = f.left
    result = files.scan_stream(path, f, chunk_size)  # type: ignore[arg-type]
    return dataclasses.replace(result, size=size)  # the blob's size, even if not all read


def scan_blobs(top: str, blobs: Sequence[Blob]) -> Iterator[FileScan]:
    """Scan each blob of the repository at ``top``, in order, through one cat-file process."""
    if not blobs:
        return
    proc = plumbing.popen(top, 'cat-file', '--batch', '--buffer', stdin=subprocess.PIPE)
    assert proc.stdin is not None and proc.stdout is not None
    # a writer thread: git stops reading requests while its output pipe is full
    writer = threading.Thread(target=_request, args=(proc.stdin, blobs), daemon=True)
    writer.start()
    with proc:
        for path, _ in blobs:
            yield _read_one(path, proc.stdout)
    writer.join()


def _request(stdin: IO[bytes], blobs: Sequence[Blob]) -> None:
    try:
        stdin.write(b''.join(oid.encode('ascii') + b'\n' for _, oid in blobs))
        stdin.close()
    except OSError:  # git died; the reader reports it
        pass


def _read_one(path: str, stdout: IO[bytes]) -> FileScan:
    header = stdout.readline().split()
    if len(header) != 3 or header[1] != b'blob':
        raise FfauditError(f'git cat-file could not read the staged blob of {path}')
    reader = _Limited(stdout, int(header[2]))
    files = scan_stream(path, reader)
    reader.drain()
    stdout.read(1)  # the newline after each blob
    return files
