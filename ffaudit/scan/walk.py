"""List the files under a directory: ``git ls-files`` inside a work tree, else a safe walk.

A directory the user names is scanned even when git ignores it; nested
repositories and submodules are recursed into (their own ``.gitignore`` applies), never dropped;
``walk`` counts what ``.gitignore`` hid so the CLI can say "N files ignored by .gitignore".
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator

Entry = tuple[str, str]  # (path, reason it cannot be scanned, or '' for a scannable file)


@dataclasses.dataclass(frozen=True)
class WalkResult:
    """The files under one directory, and what was left out or walked into."""

    files: tuple[Entry, ...]
    ignored: int = 0  # files .gitignore hid (scanned with --all-files); 0 outside a work tree
    nested: tuple[str, ...] = ()  # nested repositories and submodules walked into
    root_ignored: bool = False  # the directory itself is git-ignored: every file was listed


def walk(root: str, *, all_files: bool = False) -> WalkResult:
    """List the files under ``root``; honour .gitignore unless ``all_files`` or ``root`` is
    itself ignored (a directory named explicitly is what the user asked for)."""
    listed = None if all_files else _git_ls_files(root, '--cached', '--others')
    if listed is None:
        return WalkResult(tuple(_walk(root)))
    if not listed and _is_ignored(root):
        return WalkResult(tuple(_walk(root)), root_ignored=True)
    files: list[Entry] = []
    nested: list[str] = []
    ignored = len(_git_ls_files(root, '--others', '--ignored') or ())
    for path in listed:
        if os.path.islink(path):
            continue  # symlinks are never followed
        if os.path.isfile(path):
            files.append((path, ''))
        elif os.path.isdir(path) and os.path.lexists(os.path.join(path, '.git')):
            inner = walk(path)  # a nested repository or a checked-out submodule
            files.extend(inner.files)
            ignored += inner.ignored
            nested.extend((path, *inner.nested))
    return WalkResult(tuple(files), ignored, tuple(nested))


def iter_files(root: str, *, all_files: bool = False) -> Iterator[Entry]:
    """Yield the files under ``root``; honour .gitignore unless ``all_files`` (see ``walk``)."""
    yield from walk(root, all_files=all_files).files


def _git_ls_files(root: str, *which: str) -> list[str] | None:
    # imported here: scanning a single file (pre-commit) never needs git
    from ffaudit.errors import FfauditError
    from ffaudit.scan.git import plumbing

    try:
        proc = plumbing.run(root, 'ls-files', '-z', *which, '--exclude-standard')
    except FfauditError:
        return None  # no git on PATH: walk instead
    if proc.returncode != 0:
        return None  # not a work tree
    names = dict.fromkeys(os.fsdecode(n) for n in proc.stdout.split(b'\0') if n)
    return [os.path.normpath(os.path.join(root, n)) for n in names]


def _is_ignored(root: str) -> bool:
    from ffaudit.scan.git import plumbing

    return plumbing.run(root, 'check-ignore', '-q', '.').returncode == 0


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
