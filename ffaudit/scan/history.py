"""Scan every line added in a repository's git history with the detection engine, streamed.

One ``git log -p --cc -M -U3`` process (``git/plumbing.popen_log``) is read in bounded blocks
and parsed into chunks (``git/log_parse``): the lines one commit adds to one file plus the
unchanged lines git shows around them. The engine sees the whole chunk, so a
``FIREFLIES_API_KEY`` name on an unchanged line binds a value changed below it; only matches on
added lines are reported. The same key in many commits is one finding per path it was added to,
at the commit that first added it there (at the first line of that addition), with a count.
Text git calls binary (UTF-16 and UTF-32 files) is read from its blobs (``git/history_blobs``),
in log order.
"""

from __future__ import annotations

import dataclasses
import functools
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from collections.abc import Sequence

from ffaudit.engine import detect
from ffaudit.engine import mentions
from ffaudit.engine import vendors
from ffaudit.errors import FfauditError
from ffaudit.model import CommitInfo
from ffaudit.model import Finding
from ffaudit.redaction import redact
from ffaudit.scan.found_keys import KeyRing
from ffaudit.scan.git import log_split
from ffaudit.scan.git import missing
from ffaudit.scan.git import plumbing
from ffaudit.scan.git.history_blobs import BlobReader
from ffaudit.scan.git.log_chunks import BinaryDiff
from ffaudit.scan.git.log_chunks import Chunk
from ffaudit.scan.git.log_parse import LogParser
from ffaudit.scan.git.missing import Unread
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
    unread: tuple[Unread, ...] = ()  # (commit, path) diffs whose objects are missing


def scan_history(
    repo: str = '.', *, since: str | None = None, branch: str | None = None
) -> HistoryResult:
    """Scan each added line of each commit reachable from ``branch`` (all refs by default).

    Objects missing from the repository (a partial clone) leave ``unread`` diffs, never a stop.
    """
    plumbing.check_repository(repo)
    tips = [plumbing.resolve(repo, branch)] if branch else ['--all']
    revs = [*tips, *(['^' + plumbing.resolve(repo, since)] if since else [])]
    reading = _Reading(repo)
    if reading.log(revs):
        return reading.result()
    failure = reading.failure
    plan = missing.plan(repo, tips, revs)
    if not plan.unread:  # nothing is missing: git failed for another reason
        raise FfauditError(f'git log failed in {repo} ({failure})')
    reading = _Reading(repo, skip=frozenset(plan.unread))  # start again, around the gaps
    for batch in plan.batches:
        if not reading.log(['--no-walk=unsorted', '--stdin'], batch.pathspecs(), batch.shas):
            raise FfauditError(f'git log failed in {repo} ({reading.failure})')
    return dataclasses.replace(reading.result(), commits_scanned=plan.commits, unread=plan.unread)


class _Reading:
    # one pass over the history: git log processes feed one parser, collector and blob reader
    def __init__(self, repo: str, skip: frozenset[Unread] = frozenset()) -> None:
        self.repo, self.skip, self.failure = repo, skip, ''
        self.parser, self.collector, self.blobs = LogParser(), _Collector(), BlobReader(repo)

    def log(
        self, revs: Sequence[str], paths: Sequence[str] = (), stdin: Sequence[str] = ()
    ) -> bool:
        """Read one ``git log -p``; False (and ``failure``) when git fails."""
        with tempfile.TemporaryFile() as err:
            proc = plumbing.popen_log(self.repo, revs, paths, stdin=bool(stdin), stderr=err)
            if stdin:
                threading.Thread(target=_feed, args=(proc, stdin), daemon=True).start()
            assert proc.stdout is not None
            pieces = iter(functools.partial(proc.stdout.read, log_split.BLOCK), b'')
            with proc:
                for item in self.parser.chunks(pieces):
                    self._add(item)
            err.seek(0)
            lines = err.read().decode('utf-8', 'replace').strip().splitlines()
        self.failure = lines[-1] if lines else f'exit {proc.returncode}'
        return proc.returncode == 0

    def _add(self, item: Chunk | BinaryDiff) -> None:
        if not isinstance(item, BinaryDiff):
            self.collector.add(item)
        elif Unread(item.sha, item.path) in self.skip:
            return  # its blobs are missing: cat-file would try to fetch them
        elif chunk := self.blobs.chunk(item):
            self.collector.wide.update(m.value for m in self.collector.add(chunk))

    def result(self) -> HistoryResult:
        self.blobs.close()
        collector, parser, blobs = self.collector, self.parser, self.blobs
        keys = [key for _, key in collector.keys.items()]
        present = plumbing.present_at_head(self.repo, keys, collector.wide)
        found = collector.findings(present)
        stats = (parser.files + blobs.files, parser.bytes + blobs.bytes)
        shallow = plumbing.is_shallow(self.repo)
        return HistoryResult(found, parser.commits, shallow, collector.ring(), *stats)


def _feed(proc: subprocess.Popen[bytes], shas: Sequence[str]) -> None:
    assert proc.stdin is not None
    try:
        proc.stdin.write(''.join(sha + '\n' for sha in shas).encode('ascii'))
        proc.stdin.close()
    except OSError:  # git died; its exit status says so
        pass


@dataclasses.dataclass
class _Seen:
    sha: str
    date: str
    match: detect.KeyMatch  # the oldest sighting so far (the log runs newest first)
    line: int
    count: int = 1  # commits that add the key to this path


Place = tuple[str, str]  # (fingerprint, path): one history finding each


class _Collector:
    def __init__(self) -> None:
        self.keys = KeyRing()
        self.talks = False  # some scanned text talks to Fireflies: generic candidates count
        self.wide: set[str] = set()  # keys found in UTF-16/UTF-32 blobs
        self._found: dict[Place, _Seen] = {}
        self._candidates: dict[Place, _Seen] = {}
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

    def _record(self, table: dict[Place, _Seen], chunk: Chunk, match: detect.KeyMatch) -> None:
        place = (self.keys.add(match.value), chunk.path)
        seen = table.get(place)
        line = chunk.lines[match.line - 1]
        if seen is None:
            table[place] = _Seen(chunk.sha, chunk.date, match, line)
        elif seen.sha != chunk.sha:  # an older commit added it to this path before
            table[place] = _Seen(chunk.sha, chunk.date, match, line, seen.count + 1)
        elif (line, match.column) < (seen.line, seen.match.column):
            seen.match, seen.line = match, line  # the first line of the addition, not a comment

    def findings(self, present: set[str]) -> tuple[Finding, ...]:
        # the tree scan's rule: generic names count in configuration files, never in tests
        table = {p: s for p, s in self._candidates.items() if _promoted(self.talks, p[1])}
        table.update(self._found)
        found = [_finding(p, seen, p[0] in present) for p, seen in table.items()]
        found += self.same.findings(paths={(f.path, f.fingerprint) for f in found}, present=present)
        return tuple(sorted(found))


def _promoted(talks: bool, path: str) -> bool:
    return talks and mentions.generic_candidate_allowed(path)


def _added(chunk: Chunk, matches: tuple[detect.KeyMatch, ...]) -> Iterator[detect.KeyMatch]:
    return (m for m in matches if m.line in chunk.added)


def _finding(place: Place, seen: _Seen, present: bool) -> Finding:
    (fp, path), m = place, seen.match
    commit = CommitInfo(seen.sha, seen.date, seen.count, present)
    preview = redact(m.value)
    return Finding(path, seen.line, m.column, m.rule, m.confidence, preview, fp, commit)
