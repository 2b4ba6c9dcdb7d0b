"""Class 7: key-shaped text outside file contents is masked in every stream and format: file
and folder names, git remote URLs (SARIF ``versionControlProvenance``), error lines and
baseline fields. Only the key-shaped run is masked, so the rest of the path still leads there.
"""

from __future__ import annotations

import json
import pathlib
from collections.abc import Callable

import pytest

from testing.gitrepo import Repo
from testing.hostile import KEY
from testing.hostile import Case
from testing.hostile import assert_no_leak
from testing.hostile import check
from testing.hostile import ds_baseline
from testing.hostile import ids
from testing.hostile import run_all

pytestmark = pytest.mark.e2e

# the key planted as a folder name, a file name and in the remote; the files hold it too
FOLDER_FILE = f'{KEY}/settings.py'
NAMED_FILE = f'keys-{KEY}.py'
REMOTE = f'https://x-access-token:t0ken@github.com/acme/{KEY}.git'
SHOWN = {'<redacted>/settings.py', 'keys-<redacted>.py'}
SARIF_SHOWN = {'%3Credacted%3E/settings.py', 'keys-%3Credacted%3E.py'}
SUMMARY = r'2 findings in 2 files'
CASES = [
    *(
        Case(f'scan-{fmt}', ('scan', '--all-files', '--format', fmt, '.'), 1, SUMMARY)
        for fmt in ('text', 'json', 'sarif', 'github')
    ),
    Case('history-sarif', ('scan', '--history', '--format', 'sarif', '.'), 1),
    Case('history-text', ('scan', '--history', '.'), 1),
    Case('missing-path', ('scan', f'gone-{KEY}.py'), 2, r'<redacted>'),
    Case(
        'missing-baseline',
        ('scan', '--baseline', f'{KEY}.json', '.'),
        2,
        r'cannot read baseline <redacted>\.json: No such file',
    ),
    Case(
        'update-baseline',
        ('scan', '--all-files', '--baseline', f'b-{KEY}.json', '--update-baseline', '.'),
        0,
        r'wrote b-<redacted>\.json with 2',
    ),
    Case('doctor-key-file', ('doctor', '--offline', '--api-key-file', FOLDER_FILE), 1),
    Case('explain-missing', ('explain', f'{KEY}.txt'), 2, r'cannot read <redacted>\.txt'),
    Case(
        'ds-portable',
        ('ds-portable', f'{KEY}.baseline', '--shim', 'shim.py'),
        0,
        r'^ffaudit: <redacted>\.baseline: plugin paths',
    ),
]


def _folder(case_dirs: Callable[[Case], pathlib.Path]) -> Callable[[Case], pathlib.Path]:
    def make(case: Case) -> pathlib.Path:
        repo = Repo(case_dirs(case) / 'repo')
        for name in (FOLDER_FILE, NAMED_FILE):
            repo.write(name, f'FIREFLIES_API_KEY = "{KEY}"\n')
        repo.git('remote', 'add', 'origin', REMOTE)
        repo.commit('add settings')
        (repo.path / f'{KEY}.baseline').write_text(ds_baseline({}))
        return repo.path

    return make


@pytest.fixture(scope='module')
def folders(case_dirs):
    made: dict[str, pathlib.Path] = {}
    make = _folder(case_dirs)

    def remember(case: Case) -> pathlib.Path:
        made[case.id] = make(case)
        return made[case.id]

    return remember, made


@pytest.fixture(scope='module')
def outcomes(folders):
    return run_all(CASES, folders[0])


@pytest.mark.parametrize('case', CASES, ids=ids(CASES))
def test_key_shaped_names_are_masked(case, outcomes, folders):
    outcome = outcomes[case.id]
    check(case, outcome)
    if case.id.startswith('scan-'):  # the rest of each path is still there
        wanted = SARIF_SHOWN if case.id == 'scan-sarif' else SHOWN
        assert all(name in outcome.stdout for name in wanted), outcome.stdout
    if case.id == 'history-sarif':
        run = json.loads(outcome.stdout)['runs'][0]
        (provenance,) = run['versionControlProvenance']
        assert provenance['repositoryUri'] == 'https://github.com/acme/%3Credacted%3E.git'
    if case.id == 'update-baseline':
        written = (folders[1][case.id] / f'b-{KEY}.json').read_text()
        assert_no_leak(written)
        assert {f['path'] for f in json.loads(written)['findings']} == SHOWN
