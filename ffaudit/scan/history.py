"""Scan every line added in a repository's git history with the detection engine, streamed.

One ``git log -p --cc -M -U3`` process (``git/plumbing.popen_log``) is read in bounded pieces
and parsed into chunks (``git/log_parse``): the lines one commit adds to one file plus the
unchanged lines git shows around them. The engine sees the whole chunk, so a
``FIREFLIES_API_KEY`` name on an unchanged line binds a value changed below it; only matches on
added lines are reported. The same key in many commits is one finding, at its first commit,
with a count. Text git calls binary (UTF-16 and UTF-32 files) is read from its blobs
(``git/history_blobs``), in log order.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator

from ffaudit.engine import detect
from ffaudit.engine import mentions
from ffaudit.engine import vendors
from ffaudit.errors import FfauditError
from ffaudit.model import CommitInfo
from ffaudit.model import Finding
from ffaudit.redaction import redact
from ffaudit.scan.found_keys import KeyRing
from ffaudit.scan.git import log_parse
from ffaudit.scan.git import plumbing
from ffaudit.scan.git.history_blobs import BlobReader
from ffaudit.scan.git.log_chunks import BinaryDiff
from ffaudit.scan.git.log_chunks import Chunk
from ffaudit.scan.git.log_parse import LogParser
from ffaudit.scan.same_key import SameKey


@dataclasses.dataclass(frozen=True)
class HistoryResult:
    """The result of a history scan; ``keys`` holds the raw keys, for ``--verify`` only."""

    findings: tuple[Finding, ...]
    commits_scanned: int
    shallow: bool = False
    keys: KeyRing = dataclasses.field(default_factory=KeyRing, repr=False)
    files_scanned: int = 0  # file versions with a text diff, or read from a blob as text
    bytes_scanned: int = 0  # of git log output and of the blobs read


def scan_history(
    repo: str = '.', *, since: str | None = None, branch: str | None = None
) -> HistoryResult:
    """Scan each added line of each commit reachable from ``branch`` (all refs by default)."""
    plumbing.check_repository(repo)
    revs = [plumbing.resolve(repo, branch)] if branch else ['--all']
    if since:
        revs.append('^' + plumbing.resolve(repo, since))
    parser, collector, blobs = LogParser(), _Collector(), BlobReader(repo)
    proc = plumbing.popen_log(repo, *revs)
    assert proc.stdout is not None
    pieces = iter(functools.partial(proc.stdout.readline, log_parse.PIECE), b'')
    with proc:
        try:
            for item in parser.chunks(pieces):
                _add(collector, blobs, item)
        finally:
            blobs.close()
    if proc.returncode:
        raise FfauditError(f'git log failed in {repo} (exit {proc.returncode})')
    keys = [key for _, key in collector.keys.items()]
    present = plumbing.present_at_head(repo, keys, collector.wide)
    found = collector.findings(present)
    stats = (parser.files + blobs.files, parser.bytes + blobs.bytes)
    return HistoryResult(found, parser.commits, plumbing.is_shallow(repo), collector.ring(), *stats)


def _add(collector: _Collector, blobs: BlobReader, item: Chunk | BinaryDiff) -> None:
    if not isinstance(item, BinaryDiff):
        collector.add(item)
    elif chunk := blobs.chunk(item):
        collector.wide.update(m.value for m in collector.add(chunk))


def describe(result: HistoryResult) -> str:
    """One secret-free line for stderr: how much history was scanned."""
    commits = f'{result.commits_scanned} commit{"" if result.commits_scanned == 1 else "s"}'
    if result.shallow:
        return f'shallow clone: scanned {commits} (run git fetch --unshallow for full history)'
    return f'history: scanned {commits}'


@dataclasses.dataclass
class _Seen:
    sha: str
    date: str
    path: str
    match: detect.KeyMatch  # the oldest sighting so far (the log runs newest first)
    line: int
    count: int = 1  # commits that add the key
    last_sha: str = ''


class _Collector:
    def __init__(self) -> None:
        self.keys = KeyRing()
        self.talks = False  # some scanned text talks to Fireflies: generic candidates count
        self.wide: set[str] = set()  # keys found in UTF-16/UTF-32 blobs
        self._found: dict[str, _Seen] = {}
        self._candidates: dict[str, _Seen] = {}
        self._vendors: dict[str, str] = {}  # fingerprint -> the other vendor it belongs to
        self.same = SameKey(per_path=True)  # same value, same secret

    def add(self, chunk: Chunk) -> list[detect.KeyMatch]:
        if not chunk.maybe:
            return []  # neither 'firefl' nor a UUIDv4: the engine would find nothing
        note = mentions.is_prose_path(chunk.path)  # the same note rules as a tree scan
        scan = detect.scan_text(
            chunk.text, lo=chunk.lo, hi=chunk.hi, col_offset=chunk.column, prose=note
        )
        self.talks = self.talks or scan.talks_to_fireflies
        if scan.matches or scan.candidates:
            # per key, as scan and --staged: any chunk tying the value to another vendor counts
            for fp, vendor in vendors.of_scan(chunk.text, scan):
                self._vendors.setdefault(fp, vendor)
        found = list(_added(chunk, scan.matches))
        for match in found:
            self._record(self._found, chunk, match)
        candidates = [] if scan.names_other_vendor else list(_added(chunk, scan.candidates))
        for match in candidates:
            self._record(self._candidates, chunk, match)
        if found or scan.candidates or scan.others:  # same value, same secret
            self.same.add_chunk(chunk, found, (*scan.candidates, *scan.others))
        return found + candidates

    def ring(self) -> KeyRing:
        """The keys found, each marked with the other vendor some chunk ties it to."""
        for fp, key in list(self.keys.items()):
            self.keys.add(key, other_vendor=self._vendors.get(fp, False))
        return self.keys

    def _record(self, table: dict[str, _Seen], chunk: Chunk, match: detect.KeyMatch) -> None:
        fp = self.keys.add(match.value)
        seen = table.get(fp)
        line = chunk.lines[match.line - 1]
        if seen is None:
            table[fp] = _Seen(chunk.sha, chunk.date, chunk.path, match, line, last_sha=chunk.sha)
            return
        seen.count += seen.last_sha != chunk.sha
        seen.sha, seen.date, seen.path, seen.match, seen.line = (
            *(chunk.sha, chunk.date, chunk.path, match, line),
        )
        seen.last_sha = chunk.sha

    def findings(self, present: set[str]) -> tuple[Finding, ...]:
        table = dict(self._candidates) if self.talks else {}
        table.update(self._found)
        found = [_finding(fp, seen, fp in present) for fp, seen in table.items()]
        found += self.same.findings(paths={(f.path, f.fingerprint) for f in found}, present=present)
        return tuple(sorted(found))


def _added(chunk: Chunk, matches: tuple[detect.KeyMatch, ...]) -> Iterator[detect.KeyMatch]:
    return (m for m in matches if m.line in chunk.added)


def _finding(fp: str, seen: _Seen, present: bool) -> Finding:
    m = seen.match
    commit = CommitInfo(seen.sha, seen.date, seen.count, present)
    preview = redact(m.value)
    return Finding(seen.path, seen.line, m.column, m.rule, m.confidence, preview, fp, commit)
