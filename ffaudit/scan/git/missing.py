"""History with missing objects (partial clones, a pruned or deleted object): read what is there.

``git log -p`` stops at the first blob it cannot read (``--filter=blob:none`` clones, a deleted
loose object). When it does, the history scan plans a second pass: ``git rev-list --objects
--missing=print`` names every missing object reachable from the tips (without fetching one),
and ``git log --raw`` (which reads trees, never blobs) names the blobs each commit's diff needs.
Commits whose blobs are all there are read in batches (``git log --no-walk --stdin``); a commit
missing some is read alone with those paths excluded; each (commit, path) left out is
``Unread``. A missing object outside the requested commits leaves nothing unread.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from collections.abc import Sequence
from typing import NamedTuple

from ffaudit.errors import ExitCode
from ffaudit.errors import FfauditError
from ffaudit.scan.git import plumbing

_LISTING = ('log', '--raw', '--no-renames', '--no-abbrev', '-c', '-z', '--format=%x01%H')


@dataclasses.dataclass(frozen=True, order=True)
class Unread:
    """A path of a commit whose diff could not be read: one of its blobs is missing."""

    sha: str
    path: str


@dataclasses.dataclass(frozen=True)
class Batch:
    """Commits to read with one ``git log``, leaving out the ``excluded`` paths."""

    shas: tuple[str, ...]
    excluded: tuple[str, ...] = ()

    def pathspecs(self) -> tuple[str, ...]:
        """The pathspecs of this batch: the whole tree but the excluded paths."""
        if not self.excluded:
            return ()
        return (':(top)', *(f':(top,literal,exclude){path}' for path in self.excluded))


@dataclasses.dataclass(frozen=True)
class Plan:
    """How to read a history with missing objects, and what cannot be read."""

    batches: tuple[Batch, ...]
    unread: tuple[Unread, ...]
    commits: int


def plan(repo: str, tips: Sequence[str], revs: Sequence[str]) -> Plan:
    """Plan the reading of ``revs`` (reachable from ``tips``) around the missing blobs."""
    missing = missing_objects(repo, tips)
    batches: list[Batch] = []
    unread: list[Unread] = []
    clean: list[str] = []
    commits = 0
    for sha, files in _listing(repo, revs):
        commits += 1
        gone = sorted({f.path for f in files if missing.intersection(f.oids)})
        if not gone:
            clean.append(sha)
            continue
        # a deletion adds nothing: its missing blob is left out, but not unread
        unread.extend(Unread(sha, f.path) for f in files if f.path in gone and not f.deleted)
        if len(gone) < len({f.path for f in files}):  # something left to read
            batches.extend(_flush(clean))
            batches.append(Batch((sha,), tuple(gone)))
    batches.extend(_flush(clean))
    return Plan(tuple(batches), tuple(sorted(set(unread), key=unread.index)), commits)


class _File(NamedTuple):
    path: str
    oids: frozenset[str]  # the blobs its diff reads (old and new)
    deleted: bool


def _flush(clean: list[str]) -> Iterator[Batch]:
    if clean:
        yield Batch(tuple(clean))
        clean.clear()


def missing_objects(repo: str, tips: Sequence[str]) -> frozenset[str]:
    """Ids of the objects reachable from ``tips`` that the repository lacks (none fetched)."""
    proc = plumbing.run(repo, 'rev-list', '--objects', '--missing=print', *tips, '--')
    if proc.returncode:
        raise _unreadable(repo, proc.stderr)
    lines = proc.stdout.decode('ascii', 'replace').splitlines()
    return frozenset(line[1:] for line in lines if line.startswith('?'))


def _listing(repo: str, revs: Sequence[str]) -> Iterator[tuple[str, list[_File]]]:
    # '\x01sha', then ':mode.. oid.. status' NUL path NUL per file ('::' and more ids for merges)
    proc = plumbing.run(repo, *_LISTING, *revs, '--')
    if proc.returncode:
        raise _unreadable(repo, proc.stderr)
    sha, files = '', list[_File]()
    tokens = iter(proc.stdout.split(b'\0'))
    for token in tokens:
        token = token.lstrip(b'\n')
        if token.startswith(b'\x01'):
            if sha:
                yield sha, files
            sha, files = token[1:].decode('ascii'), []
        elif token.startswith(b':'):
            fields = token.decode('ascii').lstrip(':').split(' ')
            oids = frozenset(f for f in fields if _is_oid(f))
            path = os.fsdecode(next(tokens, b''))
            files.append(_File(path, oids, not _is_oid(fields[-2])))
    if sha:
        yield sha, files


def _is_oid(field: str) -> bool:
    return (
        len(field) >= 40 and field.strip('0') != '' and all(c in '0123456789abcdef' for c in field)
    )


def _unreadable(repo: str, stderr: bytes) -> FfauditError:
    # a missing commit or tree: the history itself cannot be walked
    lines = stderr.decode('utf-8', 'replace').strip().splitlines()
    why = lines[-1].removeprefix('fatal: ') if lines else 'git failed'
    return FfauditError(f'could not read the history of {repo}: {why}', ExitCode.INCONCLUSIVE)
