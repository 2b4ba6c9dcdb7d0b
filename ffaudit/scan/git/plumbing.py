"""Git plumbing for the history and staged scans: argv building, short commands, the log, checks.

Every git command ffaudit runs goes through ``argv``, which pins the configuration that changes
what git prints (``FIXED_CONFIG``: prefixes, quoting, colours, relative paths, rename and diff
settings, signatures, grep line numbers...), so a user's ``~/.gitconfig`` or a repository's
``.git/config`` cannot hide an added line, and ``env`` keeps git from fetching missing objects
of a partial clone from its remote (``protocol.allow=never``; ``GIT_NO_LAZY_FETCH`` on git 2.44+).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable
from collections.abc import Sequence
from typing import IO

from ffaudit.errors import FfauditError
from ffaudit.redaction import fingerprint

CONTEXT_LINES = 3  # git's default -U: names on unchanged lines near a changed value still count
# git config that would change the output ffaudit parses, pinned to git's defaults (git-config(1))
_CONFIG = {
    'core.quotePath': 'false',  # UTF-8 names as they are; quoting.unquote undoes the rest
    'core.attributesFile': os.devnull,  # no global diff drivers (repository ones: --no-textconv)
    'core.bigFileThreshold': '512m',  # a smaller one makes big text files 'Binary files differ'
    'color.ui': 'false',
    'color.diff': 'false',
    'color.grep': 'false',
    'diff.noprefix': 'false',
    'diff.mnemonicPrefix': 'false',
    'diff.srcPrefix': 'a/',  # git 2.45+
    'diff.dstPrefix': 'b/',
    'diff.relative': 'false',  # paths from the top of the repository, even from a subdirectory
    'diff.external': '',
    'diff.renames': 'true',
    'diff.algorithm': 'default',
    'diff.indentHeuristic': 'true',
    'diff.interHunkContext': '0',
    'diff.context': str(CONTEXT_LINES),
    'diff.suppressBlankEmpty': 'false',
    'diff.submodule': 'short',
    'diff.colorMoved': 'no',
    'diff.ignoreSubmodules': 'none',
    'diff.orderFile': os.devnull,
    'log.showRoot': 'true',  # a root commit's files are added lines too
    'log.showSignature': 'false',
    'log.follow': 'false',
    'log.decorate': 'false',
    'log.abbrevCommit': 'false',
    'log.mailmap': 'false',
    'i18n.logOutputEncoding': 'UTF-8',
    'grep.lineNumber': 'false',
    'grep.column': 'false',
    'grep.fullName': 'false',
    'grep.fallbackToNoIndex': 'false',
    'protocol.allow': 'never',  # never fetch: a missing object is reported, not downloaded
}
FIXED_CONFIG = tuple(arg for item in _CONFIG.items() for arg in ('-c', '='.join(item)))
_UNSET_ENV = ('GIT_DIFF_OPTS', 'GIT_EXTERNAL_DIFF', 'GIT_PAGER', 'GIT_TRACE')
LOG = (
    *('log', '--no-color', '--no-ext-diff', '--no-textconv', '--no-show-signature'),
    *('--no-decorate', '--no-notes', '--no-abbrev-commit', '--no-follow'),
    *('-p', '--cc', '-M', f'--unified={CONTEXT_LINES}', '--src-prefix=a/', '--dst-prefix=b/'),
    '--full-index',  # whole blob ids: binary diffs (UTF-16 text) are read with git cat-file
    '--format=%x00%H %cI',  # NUL starts no diff line
)
_WIDE = ('utf-16-le', 'utf-16-be', 'utf-32-le', 'utf-32-be')
_SCP_RE = re.compile(r'^(?:[\w.-]+@)?(?P<host>[\w.-]+):(?!//)(?P<path>.+)$')  # git@host:o/r.git
_GREP_RE = re.compile(rb'HEAD:[^\0]*\0([^\n]*)\n')


def argv(repo: str, *args: str) -> list[str]:
    """The argv of ``git args`` run in ``repo``, its output format pinned (``FIXED_CONFIG``)."""
    return ['git', '-C', repo, *FIXED_CONFIG, *args]


def env() -> dict[str, str]:
    """The environment for git: no lazy fetch, no prompt, no variable that reshapes output."""
    base = {k: v for k, v in os.environ.items() if k not in _UNSET_ENV}
    return {**base, 'GIT_NO_LAZY_FETCH': '1', 'GIT_TERMINAL_PROMPT': '0'}


def run(repo: str, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ``git args`` in ``repo`` with ``argv`` and ``env``; bytes in, bytes out, never raises
    on git's exit status (``FfauditError`` when git is not installed)."""
    try:
        return subprocess.run(argv(repo, *args), input=stdin, capture_output=True, env=env())
    except FileNotFoundError:
        raise FfauditError('git is not installed or not on PATH') from None


def git(repo: str, *args: str) -> str | None:
    """Run a short git command; its stripped stdout, or None when it fails."""
    proc = run(repo, *args)
    return proc.stdout.decode('utf-8', 'replace').strip() if proc.returncode == 0 else None


def popen(
    repo: str, *args: str, stdin: int | None = None, stderr: IO[bytes] | int = subprocess.DEVNULL
) -> subprocess.Popen[bytes]:
    """Start ``git args`` in ``repo`` (``argv``, ``env``); the caller streams its stdout."""
    try:
        return subprocess.Popen(
            argv(repo, *args), stdin=stdin, stdout=subprocess.PIPE, stderr=stderr, env=env()
        )
    except FileNotFoundError:
        raise FfauditError('git is not installed or not on PATH') from None


def popen_log(
    repo: str,
    revs: Sequence[str],
    paths: Sequence[str] = (),
    *,
    stdin: bool = False,
    stderr: IO[bytes] | int = subprocess.DEVNULL,
) -> subprocess.Popen[bytes]:
    """Start ``git log -p`` over ``revs`` (limited to pathspecs ``paths``); stream its stdout.

    ``stdin``: more revisions come on its standard input (``--stdin``), written by the caller.
    """
    return popen(
        repo, *LOG, *revs, '--', *paths, stdin=subprocess.PIPE if stdin else None, stderr=stderr
    )


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
        found += [k.replace(b'\x00', b'') for k in _grep_head(repo, '-P', wide_patterns)]
    return {fingerprint(k.decode('ascii', 'replace')) for k in found}


def _grep_head(repo: str, kind: str, patterns: str) -> list[bytes]:
    # -z: 'HEAD:path NUL match'; a line number or column (grep.* config) would break -o -h
    args = ('grep', '--no-color', '-z', kind, '-o', '-a', '-f', '-', 'HEAD', '--')
    return _GREP_RE.findall(run(repo, *args, stdin=patterns.encode()).stdout)


def _wide_pattern(key: str, codec: str) -> str:
    return ''.join(f'\\x{b:02x}' for b in key.encode(codec)) + '\n'


def toplevel(directory: str = '.') -> str | None:
    """The root of the git work tree holding ``directory``, or None outside one."""
    return git(directory, 'rev-parse', '--show-toplevel') or None


def provenance(repo: str) -> tuple[str, str]:
    """(repository URI, HEAD sha) of ``repo`` for SARIF; the URI never carries credentials."""
    import pathlib  # imported here: only SARIF and annotations need them

    head = git(repo, 'rev-parse', '--verify', '-q', 'HEAD^{commit}') or ''
    remote = git(repo, 'remote', 'get-url', 'origin')
    if remote:
        return _public_uri(remote), head
    root = toplevel(repo) or os.path.abspath(repo)
    return pathlib.Path(root).as_uri() + '/', head


def _public_uri(url: str) -> str:
    # CI checkouts embed tokens (https://x-access-token:TOKEN@github.com/o/r): keep host and path
    import pathlib
    import urllib.parse

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
