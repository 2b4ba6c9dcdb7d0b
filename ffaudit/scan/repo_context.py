"""Repository context: which scanned files' generic candidates count as Fireflies keys.

``API_KEY=<uuid>`` in a ``.env`` is a Fireflies key when the repository's code calls
``api.fireflies.ai``. ``promoter`` is the one rule, used by ``scan`` (files and trees), the
staged scan and the detect-secrets plugin: a scanned file that talks to Fireflies promotes every
candidate; otherwise each candidate's git work tree is asked with one ``git grep -l`` (tracked
and untracked-but-not-ignored files, or the index for ``--staged``), only when a candidate
exists. Every listed file is re-checked with ``mentions.talks_to_fireflies``
so ffaudit's own reports, baselines and rule ids never count.
Outside a work tree there is no repository context. Only configuration files outside test and
fixture folders (``mentions.generic_candidate_allowed``, judged on the path inside its work tree)
are promoted: a ``token`` in source code or a test fixture is no Fireflies key.
Evidence: docs/evidence.md#repository-context.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence

from ffaudit.engine import mentions
from ffaudit.engine.detect import KeyMatch
from ffaudit.engine.detect import TextScan
from ffaudit.scan import textio

MAX_FILES = 200  # listed files re-checked at most (the first real one answers)
READ_LIMIT = 1024 * 1024  # bytes read from each listed file for the re-check

Promoter = Callable[[str], bool]  # scanned path -> are its candidates promoted?


def promoter(scans: Sequence[tuple[str, TextScan]], *, index_of: str | None = None) -> Promoter:
    """Decide, per scanned path, whether repository context promotes its candidates.

    ``index_of`` is the work-tree root whose index (``git grep --cached``) stands for the
    repository, as ``--staged`` needs; otherwise each path's work tree on disk is asked.
    """
    if any(ts.talks_to_fireflies for _, ts in scans):
        return allowed
    pending = [p for p, ts in scans if ts.candidates and not ts.names_other_vendor and allowed(p)]
    if not pending:
        return lambda path: False  # a clean run never starts git
    if index_of is not None:
        said = repo_talks_to_fireflies(index_of, cached=True)
        return lambda path: said and allowed(path)
    talking = talking_trees(pending)
    return lambda path: work_tree(path) in talking and allowed(path)


def allowed(path: str) -> bool:
    """Whether generic candidates in ``path`` may be promoted: a config file, not a test."""
    root = work_tree(path)
    if root is not None:
        path = os.path.relpath(os.path.abspath(path), root)
    elif os.path.isabs(path):
        path = os.path.basename(path)  # no repository: folders above it say nothing
    return mentions.generic_candidate_allowed(path)


def keys_of(ts: TextScan, promoted: bool) -> tuple[KeyMatch, ...]:
    """The keys to report: the matches, plus the candidates if promoted and no other vendor."""
    if promoted and not ts.names_other_vendor:
        return ts.matches + ts.candidates
    return ts.matches


def work_tree(path: str) -> str | None:
    """Return the root of the git work tree holding ``path`` (looks for ``.git``), or None."""
    current = os.path.dirname(os.path.abspath(path))
    while True:
        if os.path.lexists(os.path.join(current, '.git')):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def talking_trees(paths: Iterable[str]) -> set[str]:
    """Return the work-tree roots, among those holding ``paths``, that talk to Fireflies."""
    roots = {root for root in map(work_tree, paths) if root is not None}
    return {root for root in roots if repo_talks_to_fireflies(root)}


def repo_talks_to_fireflies(root: str, *, cached: bool = False) -> bool:
    """True when a file under ``root`` talks to Fireflies: in the index if ``cached``, else
    tracked or untracked-not-ignored in the work tree."""
    from ffaudit.errors import FfauditError  # imported here: the common path never needs git
    from ffaudit.scan.git import plumbing

    where = '--cached' if cached else '--untracked'
    args = ('grep', where, '-l', '-z', '-I', '-i', '-E', '-e', mentions.TALKS_GREP)
    try:
        proc = plumbing.run(root, *args)
    except FfauditError:
        return False  # no git on PATH: no repository context
    if proc.returncode != 0:
        return False  # 1: nothing matched; 128: not a work tree
    names = [os.fsdecode(n) for n in proc.stdout.split(b'\0') if n][:MAX_FILES]
    read = _index_head if cached else _disk_head
    return any(_talks(read(root, name)) for name in names)


def _disk_head(root: str, name: str) -> bytes:
    try:
        with textio.open_file(os.path.join(root, name)) as f:
            return f.read(READ_LIMIT)
    except OSError:
        return b''


def _index_head(root: str, name: str) -> bytes:
    from ffaudit.scan.git import plumbing

    with plumbing.popen(root, 'cat-file', 'blob', f':{name}') as p:
        assert p.stdout is not None
        head = p.stdout.read(READ_LIMIT)
        p.kill()  # a huge blob need not be read to its end
    return head


def _talks(data: bytes) -> bool:
    codec = textio.sniff(data)
    return codec is not None and mentions.talks_to_fireflies(textio.decode(data, codec))
