"""Git plumbing for the history scan: argv building, short commands, the streamed log, checks."""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import urllib.parse
from collections.abc import Iterable

from ffaudit.errors import FfauditError
from ffaudit.redaction import fingerprint

CONTEXT_LINES = 3  # git's default -U: names on unchanged lines near a changed value still count
LOG = (
    *('log', '--no-color', '--no-ext-diff', '--no-textconv', '--no-show-signature'),
    *('-p', '--cc', '-M', f'--unified={CONTEXT_LINES}', '--src-prefix=a/', '--dst-prefix=b/'),
    '--full-index',  # whole blob ids: binary diffs (UTF-16 text) are read with git cat-file
    '--format=%x00%H %cI',  # NUL starts no diff line
)
_WIDE = ('utf-16-le', 'utf-16-be', 'utf-32-le', 'utf-32-be')
_SCP_RE = re.compile(r'^(?:[\w.-]+@)?(?P<host>[\w.-]+):(?!//)(?P<path>.+)$')  # git@host:o/r.git


def argv(repo: str, *args: str) -> list[str]:
    """The argv of ``git args`` run in ``repo``, with paths printed unquoted where possible."""
    return ['git', '-C', repo, '-c', 'core.quotePath=false', *args]


def git(repo: str, *args: str) -> str | None:
    """Run a short git command; its stripped stdout, or None when it fails."""
    try:
        proc = subprocess.run(argv(repo, *args), capture_output=True, text=True, errors='replace')
    except FileNotFoundError:
        raise FfauditError('git is not installed or not on PATH') from None
    return proc.stdout.strip() if proc.returncode == 0 else None


def popen_log(repo: str, *revs: str) -> subprocess.Popen[bytes]:
    """Start ``git log -p`` over ``revs``; the caller streams its stdout."""
    args = argv(repo, *LOG, *revs, '--')
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def check_repository(repo: str) -> None:
    """Raise ``FfauditError`` unless ``repo`` is a git repository with at least one commit."""
    if not os.path.isdir(repo):
        raise FfauditError(f'not a directory: {repo}')
    if git(repo, 'rev-parse', '--git-dir') is None:
        raise FfauditError(f'not a git repository: {repo}')
    if not git(repo, 'rev-list', '-n', '1', '--all'):
        raise FfauditError(f'repository has no commits: {repo}')


def resolve(repo: str, rev: str) -> str:
    """The commit sha ``rev`` names; an option-like or unknown ``rev`` is an ``FfauditError``."""
    sha = (
        None if rev.startswith('-') else git(repo, 'rev-parse', '--verify', '-q', rev + '^{commit}')
    )
    if not sha:
        raise FfauditError(f'unknown revision: {rev}')
    return sha


def is_shallow(repo: str) -> bool:
    """Whether ``repo`` is a shallow clone (part of the history is missing)."""
    return git(repo, 'rev-parse', '--is-shallow-repository') == 'true'


def present_at_head(repo: str, keys: list[str], wide: Iterable[str] = ()) -> set[str]:
    """Fingerprints of the ``keys`` still in the HEAD tree (patterns go on stdin, never argv).

    ``wide`` keys were found in UTF-16/UTF-32 files: they are looked for in those encodings.
    """
    if not keys or git(repo, 'rev-parse', '--verify', '-q', 'HEAD^{commit}') is None:
        return set()
    found = _grep_head(repo, '-F', ''.join(key + '\n' for key in keys))
    wide_patterns = ''.join(_wide_pattern(key, codec) for key in wide for codec in _WIDE)
    if wide_patterns:  # PCRE: NUL bytes written as \x00 escapes (git without PCRE finds none)
        found += _grep_head(repo, '-P', wide_patterns).replace(b'\x00', b'')
    return {fingerprint(k) for k in found.decode('ascii', 'replace').split()}


def _grep_head(repo: str, kind: str, patterns: str) -> bytes:
    args = ('grep', '--no-color', kind, '-o', '-h', '-a', '-f', '-', 'HEAD', '--')
    proc = subprocess.run(argv(repo, *args), input=patterns.encode(), capture_output=True)
    return proc.stdout + b'\n'


def _wide_pattern(key: str, codec: str) -> str:
    return ''.join(f'\\x{b:02x}' for b in key.encode(codec)) + '\n'


def toplevel(directory: str = '.') -> str | None:
    """The root of the git work tree holding ``directory``, or None outside one."""
    return git(directory, 'rev-parse', '--show-toplevel') or None


def provenance(repo: str) -> tuple[str, str]:
    """(repository URI, HEAD sha) of ``repo`` for SARIF; the URI never carries credentials."""
    head = git(repo, 'rev-parse', '--verify', '-q', 'HEAD^{commit}') or ''
    remote = git(repo, 'remote', 'get-url', 'origin')
    if remote:
        return _public_uri(remote), head
    root = toplevel(repo) or os.path.abspath(repo)
    return pathlib.Path(root).as_uri() + '/', head


def _public_uri(url: str) -> str:
    # CI checkouts embed tokens (https://x-access-token:TOKEN@github.com/o/r): keep host and path
    scp = _SCP_RE.match(url)
    if scp:
        return f'ssh://{scp["host"]}/{scp["path"]}'
    try:
        parts = urllib.parse.urlsplit(url)
        port = f':{parts.port}' if parts.port else ''
    except ValueError:
        return 'about:invalid'
    if parts.scheme and parts.hostname:
        return urllib.parse.urlunsplit((parts.scheme, parts.hostname + port, parts.path, '', ''))
    return pathlib.Path(os.path.abspath(parts.path or url)).as_uri()
