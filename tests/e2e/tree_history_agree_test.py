"""End to end: a baseline a tree scan writes covers ``--history`` of the same repository.

The repository is this checkout's own labelled corpus (``tests/corpus/``, test folders and all),
committed in steps: new files, then edits that add lines to files already there. The same rules
(generic names only in configuration outside test folders, ffaudit's own outputs ignored) apply
to the tree and to the history (issue 9).
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import pytest

from testing.gitrepo import GIT_ENV
from testing.gitrepo import Repo
from testing.paths import CORPUS

pytestmark = pytest.mark.e2e
FFAUDIT = str(pathlib.Path(sys.executable).with_name('ffaudit'))


def _scan(cwd: pathlib.Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [FFAUDIT, 'scan', *args],
        cwd=cwd,
        env={**os.environ, **GIT_ENV},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_tree_baseline_covers_the_history_of_the_corpus(tmp_path: pathlib.Path) -> None:
    repo = Repo(tmp_path / 'repo')
    target = repo.path / 'tests' / 'corpus'
    shutil.copytree(CORPUS / 'negative', target / 'negative')
    repo.commit('negatives')
    shutil.copytree(CORPUS / 'repos', target / 'repos')
    repo.commit('repositories')
    shutil.copytree(CORPUS / 'positive', target / 'positive')
    halves = sorted(p for p in (target / 'positive').rglob('*') if p.is_file())[::2]
    for path in halves:  # committed first without their second half, then completed
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    repo.commit('positives, half of some')
    shutil.rmtree(target / 'positive')
    shutil.copytree(CORPUS / 'positive', target / 'positive')
    repo.commit('the rest')
    wrote = _scan(repo.path, '--baseline', 'baseline.json', '--update-baseline')
    assert wrote.returncode == 0, wrote.stderr
    assert _scan(repo.path, '--baseline', 'baseline.json').returncode == 0
    history = _scan(repo.path, '--history', '--baseline', 'baseline.json')
    assert (history.returncode, history.stdout) == (0, ''), history.stderr
    assert 'known in baseline, ignored' in history.stderr


def test_a_history_baseline_from_a_subdirectory_holds_repository_paths(
    tmp_path: pathlib.Path,
) -> None:
    repo = Repo(tmp_path / 'repo')
    key = 'FIREFLIES_API_KEY = "1adca7d8-385f-4383-86bb-103d1513b7e3"\n'  # pragma: allowlist secret
    repo.write('a.py', key)
    repo.write('sub/b.py', key)
    repo.commit()
    sub = repo.path / 'sub'
    wrote = _scan(sub, '--history', '--baseline', '../b.json', '--update-baseline')
    assert wrote.returncode == 0, wrote.stderr
    assert '"path": "sub/b.py"' in (repo.path / 'b.json').read_text()
    assert _scan(sub, '--history', '--baseline', '../b.json').returncode == 0
    assert _scan(repo.path, '--baseline', 'b.json').returncode == 0  # and the tree agrees
