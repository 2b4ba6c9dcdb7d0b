"""Scan files and trees for Fireflies credentials with ``detect``; returns values, prints nothing.

CONTRACT (the CLI, plugin and history code against these):
- ``scan_paths(paths, *, all_files=False, progress=None) -> ScanResult``: walk directories
  (``git ls-files`` inside a work tree, so .gitignore is honoured; every file with
  ``all_files``), read each file once, apply repository context, return sorted findings.
- ``scan_paths_keys(paths, *, all_files=False, progress=None) -> (ScanResult, KeyRing)``: the
  same, plus the keys behind the findings for ``--verify`` (no file is read twice).
- ``scan_file(path) -> FileScan``: read and scan one file (encoding sniffing, binary skip,
  bounded memory on huge files).
A path named in ``paths`` that cannot be read (missing, a broken link, a FIFO or device,
permission denied; ``targets.check_named``) raises ``FfauditError`` before anything is read;
``-`` reads standard input (``standard_input``). A file met while walking that cannot be
read, or a binary file, is recorded in ``skipped`` and the scan goes on.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Sequence

from ffaudit.engine import detect
from ffaudit.engine import mentions
from ffaudit.engine import vendors
from ffaudit.engine.detect import KeyMatch
from ffaudit.engine.detect import TextScan
from ffaudit.engine.vendors import Overlap
from ffaudit.errors import FfauditError
from ffaudit.model import Finding
from ffaudit.model import ScanResult as ScanResult  # re-exported: its home used to be here
from ffaudit.model import Skipped as Skipped
from ffaudit.redaction import fingerprint
from ffaudit.redaction import redact
from ffaudit.scan import repo_context
from ffaudit.scan import same_key
from ffaudit.scan import targets
from ffaudit.scan import textio
from ffaudit.scan.found_keys import KeyRing
from ffaudit.scan.same_key import SameKey

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs start-up time
if TYPE_CHECKING:
    from typing import BinaryIO

    from ffaudit.scan.targets import Exclude

OVERLAP = 2048  # characters of context kept across chunk boundaries (> spans.WINDOW_CHARS)


@dataclasses.dataclass(frozen=True)
class FileScan:
    """The result of scanning one file."""

    path: str
    text_scan: TextScan | None  # None when skipped
    skipped: Skipped | None = None
    size: int = 0  # bytes read
    overlaps: tuple[vendors.Overlap, ...] = ()  # keys that also belong to another vendor


ProgressCallback = Callable[[int, str], None]  # (files done so far, current path)
_NOTHING = TextScan()  # shared by every file the byte prefilter rules out


def scan_file(path: str, *, chunk_size: int = textio.CHUNK_SIZE) -> FileScan:
    """Read ``path`` once and return what the engine found in it."""
    if not os.path.lexists(path):
        raise FfauditError(f'{path}: no such file or directory')
    return _scan_one(path, chunk_size)


def scan_paths(
    paths: Sequence[str],
    *,
    all_files: bool = False,
    progress: ProgressCallback | None = None,
    chunk_size: int = textio.CHUNK_SIZE,
) -> ScanResult:
    """Scan files and directories; repository context promotes generic candidates."""
    return scan_paths_keys(paths, all_files=all_files, progress=progress, chunk_size=chunk_size)[0]


def scan_paths_keys(
    paths: Sequence[str],
    *,
    all_files: bool = False,
    progress: ProgressCallback | None = None,
    chunk_size: int = textio.CHUNK_SIZE,
    stdin: BinaryIO | None = None,
    exclude: Exclude | None = None,
) -> tuple[ScanResult, KeyRing]:
    """Like ``scan_paths``, plus the keys behind the findings, read in the same pass.

    The path ``-`` reads ``stdin`` (see ``standard_input``); ``exclude`` leaves paths out
    (counted in ``ScanResult.excluded``).
    """
    scans = []
    entries, excluded = targets.targets(paths, all_files, exclude)
    for done, (path, reason) in enumerate(entries, 1):
        if reason:
            scans.append(FileScan(path, None, Skipped(path, reason)))
        elif path == targets.STDIN:
            scans.append(_scan_stdin(stdin, chunk_size))
        else:
            scans.append(_scan_one(path, chunk_size))
        if progress is not None:
            progress(done, path)
    result, ring = _assemble(scans)
    return dataclasses.replace(result, excluded=excluded), ring


def scan_bytes(path: str, data: bytes) -> ScanResult:
    """Scan ``data`` as the content of a file named ``path`` (standard input, the Python API)."""
    import io

    return _assemble([scan_stream(path, io.BytesIO(data))])[0]


def findings_of(path: str, matches: Iterable[KeyMatch]) -> Iterator[Finding]:
    """Turn raw matches into secret-free findings."""
    for m in matches:
        preview, fp = redact(m.value), fingerprint(m.value)
        yield Finding(path, m.line, m.column, m.rule, m.confidence, preview, fp)


def _scan_one(path: str, chunk_size: int) -> FileScan:
    try:
        with textio.open_file(path) as f:
            return scan_stream(path, f, chunk_size)
    except OSError as exc:
        return FileScan(path, None, Skipped(path, f'unreadable: {exc.strerror or exc}'))


def _scan_stdin(stdin: BinaryIO | None, chunk_size: int) -> FileScan:
    from ffaudit.scan import standard_input  # only for `ffaudit scan -`

    reader = standard_input.CappedInput(stdin)
    scan = scan_stream(standard_input.NAME, reader, chunk_size)  # type: ignore[arg-type]
    reader.check()
    return scan


def scan_stream(path: str, f: BinaryIO, chunk_size: int = textio.CHUNK_SIZE) -> FileScan:
    """Scan the rest of ``f`` as the text of ``path``; binary ones are skipped after one read.

    Files on disk and staged blobs (``git/blobs``) both come through here; ``size`` is the
    number of bytes read (``f.tell()``).
    """
    head = f.read(chunk_size)
    codec = textio.sniff(head)
    if codec is None:
        return FileScan(path, None, Skipped(path, 'binary'), len(head))
    if len(head) < chunk_size:
        return _scan_small(path, head, codec)
    pieces, found = textio.iter_pieces(f, head, codec, chunk_size), list[Overlap]()
    note = mentions.is_prose_path(path)
    ts = _own_output_quiet(scan_pieces(pieces, overlaps=found, prose=note), head, codec)
    return FileScan(path, ts, None, f.tell(), tuple(found))


def _scan_small(path: str, data: bytes, codec: str) -> FileScan:
    if codec == textio.UTF8 and not detect.might_contain(data):
        return FileScan(path, _NOTHING, None, len(data))  # most files stop here: no decoding
    text = textio.decode(data, codec)
    ts = detect.scan_text(text, prose=mentions.is_prose_path(path))
    return FileScan(path, ts, None, len(data), vendors.of_scan(text, ts))


def _own_output_quiet(ts: TextScan, head: bytes, codec: str) -> TextScan:
    # A big ffaudit report or baseline is recognised by its head, not by each chunk.
    if ts.talks_to_fireflies and mentions.is_own_output(textio.decode(head[:600], codec)):
        return dataclasses.replace(ts, talks_to_fireflies=False)
    return ts


def scan_pieces(
    pieces: Iterable[str],
    overlap: int = OVERLAP,
    overlaps: list[Overlap] | None = None,
    *,
    prose: bool = False,
) -> TextScan:
    """Scan a text given in pieces, keeping ``overlap`` characters of context at each seam.

    ``overlaps`` collects the keys each piece ties to another vendor (``vendors.of_scan``).
    """
    parts, text, lo, line_off, col_off = [], '', 0, 0, 0
    for piece in pieces:
        text += piece
        hi = len(text) - overlap
        if hi > lo:
            parts.append(
                detect.scan_text(
                    text, lo=lo, hi=hi, line_offset=line_off, col_offset=col_off, prose=prose
                )
            )
            if overlaps is not None:
                overlaps.extend(vendors.of_scan(text, parts[-1]))
            cut = hi - overlap if hi > overlap else 0
            dropped = text[:cut]
            newlines = dropped.count('\n')
            col_off = cut - dropped.rfind('\n') - 1 if newlines else col_off + cut
            line_off += newlines
            text, lo = text[cut:], hi - cut
    parts.append(
        detect.scan_text(text, lo=lo, line_offset=line_off, col_offset=col_off, prose=prose)
    )
    if overlaps is not None:
        overlaps.extend(vendors.of_scan(text, parts[-1]))
    return detect.merge(parts)


def _assemble(scans: list[FileScan]) -> tuple[ScanResult, KeyRing]:
    done = [(s.path, s.text_scan) for s in scans if s.text_scan is not None]
    promote = repo_context.promoter(done)
    found: set[Finding] = set()
    ring, same = KeyRing(), SameKey()
    for s in scans:
        if s.text_scan is not None:
            if s.text_scan is _NOTHING:
                continue  # the common case: nothing to promote, nothing to record
            keys = repo_context.keys_of(s.text_scan, promote(s.path))  # repository context
            found.update(findings_of(s.path, keys))
            ring.add_scan(TextScan(keys), overlaps=s.overlaps)
            same.add(s.path, keys, same_key.unjudged(s.text_scan, keys))
    found.update(same.findings({(f.path, f.line, f.column) for f in found}))
    skipped = tuple(s.skipped for s in scans if s.skipped is not None)
    size = sum(s.size for s in scans)
    return ScanResult(tuple(sorted(found)), len(done), size, skipped), ring
