"""Class 6: ffaudit's own baselines: deep nesting and wrong types are one line (exit 2), a
folder is refused before the scan, and writes are atomic (a reader never sees half a file).
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import threading

import pytest

from testing.hostile import FFAUDIT
from testing.hostile import KEY
from testing.hostile import TIMEOUT
from testing.hostile import Case
from testing.hostile import assert_no_leak
from testing.hostile import check
from testing.hostile import ids
from testing.hostile import prepared
from testing.hostile import run_all

pytestmark = pytest.mark.e2e

BAD = 'malformed baseline b.json'
BASELINES = {
    'deep-nesting': '{"version": 1, "findings": ' + '[' * 5000 + ']' * 5000 + '}',
    'nested-70': '{"version": 1, "findings": [' + '[' * 70 + ']' * 70 + ']}',
    'a-list': '[]',
    'version-text': '{"version": "1", "findings": []}',
    'findings-null': '{"version": 1, "findings": null}',
    'finding-null': '{"version": 1, "findings": [null]}',
    'path-number': '{"version": 1, "findings": [{"path": 5, "rule": "x", "fingerprint": "y"}]}',
    'unknown-rule': '{"version": 1, "findings": [{"path": "a", "rule": "x", "fingerprint": "y"}]}',
    'not-utf8': '\udcff',
}
PROBLEMS = {
    'deep-nesting': 'nested more than 64 levels deep',
    'nested-70': 'nested more than 64 levels deep',
    'a-list': 'expected an object with "version": 1',
    'version-text': 'expected an object with "version": 1',
    'findings-null': '"findings" must be a list',
    'finding-null': 'each finding needs string path, rule and fingerprint',
    'path-number': 'each finding needs string path, rule and fingerprint',
    'unknown-rule': "unknown rule 'x'",
    'not-utf8': 'not UTF-8',
}
CASES = [
    *(
        Case(name, ('scan', '--baseline', 'b.json', 'app.py'), 2, f'{BAD}: {problem}')
        for name, problem in PROBLEMS.items()
    ),
    # refused before any file is scanned: no summary line
    Case(
        'update-into-folder',
        ('scan', '--baseline', 'folder', '--update-baseline', '.'),
        2,
        r'^ffaudit: error: cannot write baseline folder: is a directory\n$',
    ),
]


def _setup(case: Case, folder: pathlib.Path) -> None:
    if case.id in BASELINES:
        (folder / 'b.json').write_bytes(BASELINES[case.id].encode('utf-8', 'surrogateescape'))


@pytest.fixture(scope='module')
def outcomes(case_dirs):
    return run_all(CASES, prepared(case_dirs, _setup))


@pytest.mark.parametrize('case', CASES, ids=ids(CASES))
def test_ffaudit_baseline_case(case, outcomes):
    outcome = outcomes[case.id]
    check(case, outcome)
    assert len(outcome.stderr.splitlines()) == 1, outcome.stderr


def _update(folder: pathlib.Path, baseline: str = 'b.json') -> subprocess.CompletedProcess[str]:
    argv = [*FFAUDIT, 'scan', '--all-files', '--baseline', baseline, '--update-baseline', 'src']
    return subprocess.run(argv, cwd=folder, capture_output=True, text=True, timeout=TIMEOUT)


def _source(folder: pathlib.Path, files: int) -> None:
    (folder / 'src').mkdir()
    for i in range(files):
        (folder / 'src' / f'k{i}.py').write_text(f'FIREFLIES_API_KEY = "{KEY[:-3]}{i:03x}"\n')


def test_a_concurrent_reader_sees_the_old_or_the_new_baseline(tmp_path):
    _source(tmp_path, 120)
    baseline = tmp_path / 'b.json'
    assert _update(tmp_path).returncode == 0
    seen: list[str] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            seen.append(baseline.read_text())

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(3):
            assert _update(tmp_path).returncode == 0
    finally:
        done.set()
        reader.join()
    assert seen and all(len(json.loads(text)['findings']) == 120 for text in seen)
    assert sorted(p.name for p in tmp_path.iterdir()) == ['b.json', 'src']  # no temporary file
    assert_no_leak(baseline.read_text())


def test_update_keeps_a_symlinked_baseline_and_its_mode(tmp_path):
    _source(tmp_path, 2)
    (tmp_path / 'real.json').write_text('{}')
    os.chmod(tmp_path / 'real.json', 0o640)
    (tmp_path / 'b.json').symlink_to('real.json')
    assert _update(tmp_path).returncode == 0
    assert (tmp_path / 'b.json').is_symlink()
    assert len(json.loads((tmp_path / 'real.json').read_text())['findings']) == 2
    assert (tmp_path / 'real.json').stat().st_mode & 0o777 == 0o640
