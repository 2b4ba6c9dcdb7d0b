"""Does the git work tree around a file talk to Fireflies? One ``git grep``, only when asked.

Repository context (issue 2): ``API_KEY=<uuid>`` in a ``.env`` is a Fireflies key when the
repository's code calls ``api.fireflies.ai``. Pre-commit passes only the changed files, so the
scanner asks the work tree (tracked and untracked-but-not-ignored files) with one ``git grep``
per work tree, and only when a candidate exists (review R1 item 1). Every listed file is
re-checked with ``context.talks_to_fireflies`` so ffaudit's own reports, baselines and rule
ids never count (review R1 item 4). Outside a work tree there is no repository context.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ffaudit import context
from ffaudit import textio

MAX_FILES = 200  # listed files re-checked at most (the first real one answers)
READ_LIMIT = 1024 * 1024  # bytes read from each listed file for the re-check


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


def repo_talks_to_fireflies(root: str) -> bool:
    """True when a tracked or untracked-not-ignored file under ``root`` talks to Fireflies."""
    import subprocess  # imported here: the common path (no candidate) never needs it

    cmd = ['git', 'grep', '--untracked', '-l', '-z', '-I', '-i', '-E', '-e', context.TALKS_GREP]
    try:
        proc = subprocess.run(cmd, cwd=root, capture_output=True, check=False)
    except OSError:
        return False  # no git on PATH: no repository context
    if proc.returncode != 0:
        return False  # 1: nothing matched; 128: not a work tree
    names = [os.fsdecode(n) for n in proc.stdout.split(b'\0') if n][:MAX_FILES]
    return any(_file_talks(os.path.join(root, n)) for n in names)


def _file_talks(path: str) -> bool:
    try:
        with textio.open_file(path) as f:
            data = f.read(READ_LIMIT)
    except OSError:
        return False
    codec = textio.sniff(data)
    return codec is not None and context.talks_to_fireflies(textio.decode(data, codec))
