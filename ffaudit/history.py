"""Scan every line added in a repository's git history with the detection engine, streamed.

One ``git log -p --cc -M --unified=0`` process is read line by line (never materialised): the
added lines of one file in one commit form a chunk that ``detect.scan_text`` sees as a whole, so
names on nearby added lines count. Merges use ``--cc`` (dense combined diff): a key typed into a
merge resolution is new against every parent and is found there, while lines that merely arrive
from a parent were scanned in the commit that added them (``-m`` would rescan whole branches).
Renames (``-M``) add no lines; binary diffs have no hunks; undecodable text falls back to latin-1.
"""

from __future__ import annotations

import codecs
import dataclasses
import os
import subprocess
from collections.abc import Iterable
from collections.abc import Iterator

from ffaudit import detect
from ffaudit.errors import FfauditError
from ffaudit.model import CommitInfo
from ffaudit.model import Finding
from ffaudit.verify import KeyRing

CHUNK_LIMIT = 1 << 20  # a huge diff is scanned in pieces of about this many bytes
MAX_GAP = 10  # blank lines kept between two hunks of one file, so distance still counts
_HUNK = frozenset(b' +-\\')  # first byte of every line inside a hunk
_LOG = (
    *('log', '--no-color', '--no-ext-diff', '--no-textconv', '--no-show-signature'),
    *('-p', '--cc', '-M', '--unified=0', '--src-prefix=a/', '--dst-prefix=b/'),
    '--format=%x00%H %cI',  # NUL starts no diff line
)


@dataclasses.dataclass(frozen=True)
class Chunk:
    """The added lines of one file in one commit (or a piece of a huge diff)."""

    sha: str
    date: str
    path: str
    text: str = dataclasses.field(repr=False)
    lines: tuple[int, ...]  # chunk line (0-based) -> line in the commit's file; 0 for filler


@dataclasses.dataclass(frozen=True)
class HistoryResult:
    """The result of a history scan; ``keys`` holds the raw keys, for ``--verify`` only."""

    findings: tuple[Finding, ...]
    commits_scanned: int
    shallow: bool = False
    keys: KeyRing = dataclasses.field(default_factory=KeyRing, repr=False)
    files_scanned: int = 0  # file versions with added lines
    bytes_scanned: int = 0  # of added text


def scan_history(
    repo: str = '.', *, since: str | None = None, branch: str | None = None
) -> HistoryResult:
    """Scan each added line of each commit reachable from ``branch`` (all refs by default)."""
    _check_repository(repo)
    revs = [_resolve(repo, branch)] if branch else ['--all']
    if since:
        revs.append('^' + _resolve(repo, since))
    parser, collector = LogParser(), _Collector()
    proc = _popen(repo, *_LOG, *revs, '--')
    assert proc.stdout is not None
    with proc:
        for chunk in parser.chunks(proc.stdout):
            collector.add(chunk)
    if proc.returncode:
        raise FfauditError(f'git log failed in {repo} (exit {proc.returncode})')
    present = _present_at_head(repo, collector.keys)
    shallow = _git(repo, 'rev-parse', '--is-shallow-repository') == 'true'
    found = collector.findings(present)
    stats = (collector.files, collector.bytes)
    return HistoryResult(found, parser.commits, shallow, collector.keys, *stats)


def describe(result: HistoryResult) -> str:
    """One secret-free line for stderr: how much history was scanned."""
    commits = f'{result.commits_scanned} commit{"" if result.commits_scanned == 1 else "s"}'
    if result.shallow:
        return f'shallow clone: scanned {commits} (run git fetch --unshallow for full history)'
    return f'history: scanned {commits}'


class LogParser:
    """Turns ``git log -p --cc --unified=0`` output (bytes lines) into chunks of added lines."""

    def __init__(self) -> None:
        self.commits = 0
        self._sha = self._date = self._path = ''
        self._buf: list[bytes] = []
        self._nums: list[int] = []
        self._size = 0

    def chunks(self, lines: Iterable[bytes]) -> Iterator[Chunk]:
        """Yield one chunk per file per commit, in log order."""
        in_hunk, parents, lineno = False, 1, 0
        buf, nums, plus = self._buf, self._nums, b'+'
        for raw in lines:
            if in_hunk and raw[:1] and raw[0] in _HUNK:
                prefix = raw[:parents]
                if b'-' in prefix or raw[0] == 92:  # removed line, or '\\ No newline at end'
                    continue
                if prefix == plus:
                    buf.append(raw[parents:])
                    nums.append(lineno)
                    self._size += len(raw)
                lineno += 1
                if self._size > CHUNK_LIMIT:
                    yield from self._flush()
                continue
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

    def _flush(self) -> Iterator[Chunk]:
        if self._nums and self._path:
            text = _decode(b''.join(self._buf))
            yield Chunk(self._sha, self._date, self._path, text, tuple(self._nums))
        self._buf.clear()
        self._nums.clear()
        self._size = 0


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
        self.talks = False  # some added text talks to Fireflies: generic candidates count
        self.files = self.bytes = 0
        self._found: dict[str, _Seen] = {}
        self._candidates: dict[str, _Seen] = {}

    def add(self, chunk: Chunk) -> None:
        scan = detect.scan_text(chunk.text)
        self.files += 1
        self.bytes += len(chunk.text)
        self.talks = self.talks or scan.talks_to_fireflies
        for match in scan.matches:
            self._record(self._found, chunk, match, scan.names_other_vendor)
        if not scan.names_other_vendor:
            for match in scan.candidates:
                self._record(self._candidates, chunk, match, False)

    def _record(
        self, table: dict[str, _Seen], chunk: Chunk, match: detect.KeyMatch, other: bool
    ) -> None:
        fp = self.keys.add(match.value, other_vendor=other)
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
        return tuple(sorted(_finding(fp, seen, fp in present) for fp, seen in table.items()))


def _finding(fp: str, seen: _Seen, present: bool) -> Finding:
    m = seen.match
    commit = CommitInfo(seen.sha, seen.date, seen.count, present)
    preview = detect.redact(m.value)
    return Finding(seen.path, seen.line, m.column, m.rule, m.confidence, preview, fp, commit)


def _check_repository(repo: str) -> None:
    if not os.path.isdir(repo):
        raise FfauditError(f'not a directory: {repo}')
    if _git(repo, 'rev-parse', '--git-dir') is None:
        raise FfauditError(f'not a git repository: {repo}')
    if not _git(repo, 'rev-list', '-n', '1', '--all'):
        raise FfauditError(f'repository has no commits: {repo}')


def _resolve(repo: str, rev: str) -> str:
    sha = (
        None
        if rev.startswith('-')
        else _git(repo, 'rev-parse', '--verify', '-q', rev + '^{commit}')
    )
    if not sha:
        raise FfauditError(f'unknown revision: {rev}')
    return sha


def _present_at_head(repo: str, keys: KeyRing) -> set[str]:
    """Fingerprints of the keys still in the HEAD tree (patterns go on stdin, never argv)."""
    if not len(keys) or _git(repo, 'rev-parse', '--verify', '-q', 'HEAD^{commit}') is None:
        return set()
    patterns = ''.join(key + '\n' for _, key in keys.items())
    args = ('grep', '--no-color', '-F', '-o', '-h', '-a', '-f', '-', 'HEAD', '--')
    proc = subprocess.run(_argv(repo, *args), input=patterns.encode(), capture_output=True)
    return {detect.fingerprint(k) for k in proc.stdout.decode('ascii', 'replace').split()}


def _argv(repo: str, *args: str) -> list[str]:
    return ['git', '-C', repo, '-c', 'core.quotePath=false', *args]


def _git(repo: str, *args: str) -> str | None:
    """Run a short git command; its stripped stdout, or None when it fails."""
    try:
        proc = subprocess.run(_argv(repo, *args), capture_output=True, text=True, errors='replace')
    except FileNotFoundError:
        raise FfauditError('git is not installed or not on PATH') from None
    return proc.stdout.strip() if proc.returncode == 0 else None


def _popen(repo: str, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(_argv(repo, *args), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
