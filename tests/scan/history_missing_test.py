"""History scans of repositories lacking objects: a deleted blob, a ``blob:none`` partial clone."""

from __future__ import annotations

import pathlib
import subprocess

import pytest

from ffaudit.redaction import fingerprint
from ffaudit.scan import history
from ffaudit.scan.git.missing import Unread
from testing.gitrepo import GIT_ENV
from testing.gitrepo import KEY
from testing.gitrepo import Repo

KEY2 = 'faa0230d-0ec3-4f06-85bd-8396c91b11b6'  # pragma: allowlist secret


@pytest.fixture
def repo(tmp_path: pathlib.Path) -> Repo:
    """Three commits: KEY in old.py (then changed), KEY2 added in new.py at the end."""
    repo = Repo(tmp_path / 'repo')
    repo.write('old.py', 'NAME = "demo"\n')
    repo.commit('start')
    repo.write('old.py', f'NAME = "demo"\nFIREFLIES_API_KEY = "{KEY}"\n')
    repo.write('notes.txt', 'hello\n')
    repo.commit('add key')
    repo.write('old.py', 'import os\n')
    repo.write('new.py', f'FIREFLIES_API_KEY = "{KEY2}"\n')
    repo.commit('move to new')
    return repo


def _drop(repo: Repo, rev: str) -> str:
    oid = repo.git('rev-parse', rev)
    (repo.path / '.git' / 'objects' / oid[:2] / oid[2:]).unlink()
    return oid


def test_a_deleted_blob_leaves_its_path_unread_and_the_rest_scanned(repo: Repo) -> None:
    sha = repo.git('rev-parse', 'HEAD~1')
    _drop(repo, 'HEAD~1:old.py')
    result = history.scan_history(str(repo.path))
    assert {f.path for f in result.findings} == {'new.py'}
    assert result.unread == (Unread(repo.git('rev-parse', 'HEAD'), 'old.py'), Unread(sha, 'old.py'))
    assert result.commits_scanned == 3


def test_a_missing_blob_outside_the_range_leaves_nothing_unread(repo: Repo) -> None:
    _drop(repo, 'HEAD~2:old.py')  # only the first commit's version
    result = history.scan_history(str(repo.path), since='HEAD~1')
    assert (result.unread, [f.path for f in result.findings]) == ((), ['new.py'])


def test_a_partial_clone_reports_the_keys_it_can_read(repo: Repo, tmp_path: pathlib.Path) -> None:
    bare = tmp_path / 'bare.git'
    env = {**GIT_ENV, 'PATH': '/usr/bin:/bin'}
    subprocess.run(['git', 'clone', '-q', '--bare', str(repo.path), str(bare)], check=True, env=env)
    subprocess.run(['git', '-C', str(bare), 'config', 'uploadpack.allowFilter', 'true'], check=True)
    clone = tmp_path / 'clone'
    url = bare.as_uri()
    subprocess.run(
        ['git', 'clone', '-q', '--filter=blob:none', url, str(clone)], check=True, env=env
    )
    before = _missing(clone)
    result = history.scan_history(str(clone))
    assert [(f.path, f.fingerprint) for f in result.findings] == [('new.py', fingerprint(KEY2))]
    assert {u.path for u in result.unread} == {'old.py'}  # notes.txt is at HEAD: checked out
    assert result.commits_scanned == 3
    assert _missing(clone) == before != 0  # nothing was fetched from the (reachable) remote


def _missing(clone: pathlib.Path) -> int:
    argv = ['git', '-C', str(clone), 'rev-list', '--objects', '--missing=print', '--all']
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    return sum(line.startswith('?') for line in out.splitlines())
