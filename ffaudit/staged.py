"""Scan only what a commit would add: the lines added in ``git diff --cached``.

Each changed file's staged blob (``git cat-file blob :path``) is scanned whole with the engine,
so context on unchanged lines still counts, and only findings on added lines are kept. Files
git calls binary (UTF-16 text among them) have no line diff: their findings are all kept.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from collections.abc import Sequence
from typing import NamedTuple

from ffaudit import context
from ffaudit.errors import FfauditError
from ffaudit.model import Finding
from ffaudit.scan import FileScan
from ffaudit.scan import ScanResult
from ffaudit.scan import Skipped
from ffaudit.scan import findings_of
from ffaudit.scan import scan_file

_DIFF = ('diff', '--cached', '--no-color', '--no-ext-diff', '--no-renames', '--diff-filter=ACM')
_HUNK_RE = re.compile(r'@@ -\d+(?:,\d+)? \+(?P<start>\d+)(?:,(?P<count>\d+))? @@')
_ESCAPE_RE = re.compile(rb'\\([0-7]{3}|.)')
_ESCAPES = {
    b'a': b'\a',
    b'b': b'\b',
    b't': b'\t',
    b'n': b'\n',
    b'v': b'\v',
    b'f': b'\f',
    b'r': b'\r',
}

AddedLines = dict[str, frozenset[int] | None]  # None: no line diff (binary to git), keep all


def _git(*args: str, cwd: str | None = None) -> bytes:
    try:
        proc = subprocess.run(['git', *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise FfauditError('--staged needs git, which was not found on PATH') from None
    if proc.returncode != 0:
        msg = proc.stderr.decode('utf-8', 'replace').strip().splitlines()
        raise FfauditError(f'git {args[0]} failed: {msg[0] if msg else proc.returncode}')
    return proc.stdout


def _unquote(name: str) -> str:
    # git quotes unusual paths C-style: "tab\there" (core.quotePath=false keeps UTF-8 as is)
    if not (len(name) >= 2 and name[0] == name[-1] == '"'):
        return name
    raw = os.fsencode(name[1:-1])
    sub = _ESCAPE_RE.sub(lambda m: _ESCAPES.get(m[1]) or _octal_or_self(m[1]), raw)
    return os.fsdecode(sub)


def _octal_or_self(esc: bytes) -> bytes:
    return bytes([int(esc, 8)]) if len(esc) == 3 else esc


def parse_added_lines(diff: str) -> dict[str, frozenset[int]]:
    """Map each target path of a ``-U0`` unified diff to the line numbers it adds."""
    added: dict[str, set[int]] = {}
    path: str | None = None
    in_header = False
    for line in diff.splitlines():
        if line.startswith('diff --git '):
            path, in_header = None, True
        elif in_header and line.startswith('+++ '):
            target = _unquote(line[4:].rstrip('\t'))
            path = target[2:] if target.startswith('b/') else None
        elif path is not None and (m := _HUNK_RE.match(line)):
            in_header = False
            start, count = int(m['start']), int(m['count'] or 1)
            added.setdefault(path, set()).update(range(start, start + count))
    return {p: frozenset(lines) for p, lines in added.items()}


def staged_changes(pathspecs: Sequence[str] = ()) -> AddedLines:
    """Return the staged files (repository-relative) and the lines each adds."""
    numstat = _git(*_DIFF, '--numstat', '-z', '--', *pathspecs).decode('utf-8', 'surrogateescape')
    patch = _git('-c', 'core.quotePath=false', *_DIFF, '-U0', '--', *pathspecs)
    lines = parse_added_lines(patch.decode('utf-8', 'surrogateescape'))
    retv: AddedLines = {}
    for record in filter(None, numstat.split('\0')):
        added, _, path = record.split('\t', 2)
        retv[path] = None if added == '-' else lines.get(path, frozenset())
    return retv


def _repo_talks_to_fireflies(top: str, scans: Sequence[_Staged]) -> bool:
    texts = [s.scan.text_scan for s in scans if s.scan.text_scan is not None]
    if not any(t.candidates for t in texts):
        return False  # nothing to promote: skip the git grep
    if any(t.talks_to_fireflies for t in texts):
        return True
    # the rest of the index, judged by the engine's own rule on every line naming Fireflies
    args = ['git', 'grep', '--cached', '-I', '-i', '-h', '-e', 'firefl']
    proc = subprocess.run(args, cwd=top, capture_output=True, check=False)
    return context.talks_to_fireflies(proc.stdout.decode('utf-8', 'replace'))


class _Staged(NamedTuple):
    path: str  # as shown to the user: relative to the working directory
    scan: FileScan
    lines: frozenset[int] | None


def _scan_blob(top: str, path: str, lines: frozenset[int] | None, tmp: str) -> _Staged:
    blob = _git('cat-file', 'blob', f':{path}', cwd=top)
    # keep the file name: the engine may judge by it (.env, .ipynb)
    dest = os.path.join(tmp, path)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    with open(dest, 'wb') as f:
        f.write(blob)
    shown = os.path.relpath(os.path.join(top, path))
    return _Staged(shown, scan_file(dest), lines)


def _findings(staged: _Staged, repo: bool) -> list[Finding]:
    ts = staged.scan.text_scan
    if ts is None:
        return []
    promoted = ts.candidates if repo and not ts.names_other_vendor else ()
    added = [m for m in (*ts.matches, *promoted) if staged.lines is None or m.line in staged.lines]
    return list(findings_of(staged.path, added))


def _toplevel() -> str:
    try:
        out = _git('rev-parse', '--show-toplevel')
    except FfauditError as exc:
        raise FfauditError(f'--staged needs a git work tree ({exc})') from None
    return out.decode('utf-8', 'surrogateescape').rstrip('\n')


def scan_staged(pathspecs: Sequence[str] = ()) -> ScanResult:
    """Scan the lines the index adds (optionally limited to ``pathspecs``)."""
    top = _toplevel()
    changes = staged_changes(pathspecs)
    with tempfile.TemporaryDirectory(prefix='ffaudit-staged-') as tmp:
        scans = [_scan_blob(top, path, lines, tmp) for path, lines in changes.items()]
    repo = _repo_talks_to_fireflies(top, scans)
    findings = sorted(f for s in scans for f in _findings(s, repo))
    skipped = tuple(Skipped(s.path, s.scan.skipped.reason) for s in scans if s.scan.skipped)
    size = sum(s.scan.size for s in scans)
    return ScanResult(tuple(findings), len(scans) - len(skipped), size, skipped)
