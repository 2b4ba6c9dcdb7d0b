"""List the files under a directory: ``git ls-files`` inside a work tree, else a safe walk."""

from __future__ import annotations

import os
from collections.abc import Iterator

Entry = tuple[str, str]  # (path, reason it cannot be scanned, or '' for a scannable file)


def iter_files(root: str, *, all_files: bool = False) -> Iterator[Entry]:
    """Yield the files under ``root``; honour .gitignore unless ``all_files``."""
    listed = None if all_files else _git_ls_files(root)
    if listed is None:
        yield from _walk(root)
        return
    for path in listed:
        if os.path.isfile(path) and not os.path.islink(path):
            yield path, ''  # deleted-but-tracked files, submodules and symlinks are skipped


def _git_ls_files(root: str) -> list[str] | None:
    import subprocess  # imported here: scanning a single file (pre-commit) never needs it

    cmd = ('git', '-C', root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard')
    try:
        proc = subprocess.run(cmd, capture_output=True, check=False)
    except OSError:
        return None  # no git on PATH: walk instead
    if proc.returncode != 0:
        return None  # not a work tree
    names = dict.fromkeys(os.fsdecode(n) for n in proc.stdout.split(b'\0') if n)
    return [os.path.normpath(os.path.join(root, n)) for n in names]


def _walk(root: str) -> Iterator[Entry]:
    # Directory symlinks are never followed, so symlink loops cannot make the walk hang.
    stack = [root]
    while stack:
        directory = stack.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name, reverse=True)
        except OSError as exc:
            yield os.path.normpath(directory), f'unreadable: {exc.strerror or exc}'
            continue
        for entry in entries:
            if entry.is_symlink():
                continue
            if entry.is_dir(follow_symlinks=False):
                if entry.name != '.git':
                    stack.append(entry.path)
            elif entry.is_file(follow_symlinks=False):
                yield os.path.normpath(entry.path), ''
