"""Class 4: odd locales and output encodings: names the stream cannot encode are escaped,
findings are still reported (exit 1), never an "internal error".
"""

from __future__ import annotations

import pathlib

import pytest

from testing.hostile import KEY
from testing.hostile import Case
from testing.hostile import check
from testing.hostile import ids
from testing.hostile import prepared
from testing.hostile import run_all

pytestmark = pytest.mark.e2e

NAME = 'café→ü名.py'  # é is in latin-1 and cp1252, → and 名 are in neither, none in ASCII
SUMMARY = r'1 finding in 1 file'
ENVIRONMENTS = {
    'latin-1': {'PYTHONIOENCODING': 'latin-1'},
    'cp1252': {'PYTHONIOENCODING': 'cp1252'},
    'ascii': {'PYTHONIOENCODING': 'ascii'},
    'lang-c': {'LANG': 'C', 'LC_ALL': ''},
    'lc-all-posix': {'LC_ALL': 'POSIX'},
    'ascii-posix': {'PYTHONIOENCODING': 'ascii', 'LC_ALL': 'POSIX'},
}
# (environment, format): every format once under latin-1, text under every environment
SCANS = [
    *(('latin-1', fmt) for fmt in ('text', 'json', 'sarif', 'github')),
    *((env, 'text') for env in ENVIRONMENTS if env != 'latin-1'),
    ('cp1252', 'github'),
    ('ascii', 'json'),
    ('lc-all-posix', 'sarif'),
]
KEY_FILE = ('doctor', '--offline', '--api-key-file', f'odd/{NAME}')
MISSING = ('scan', '--baseline', f'{NAME}.json', 'odd')
CASES = [
    *(
        Case(f'{env}-scan-{fmt}', ('scan', '--format', fmt, 'odd'), 1, SUMMARY, ENVIRONMENTS[env])
        for env, fmt in SCANS
    ),
    *(
        Case(f'{env}-doctor', KEY_FILE, 1, env=ENVIRONMENTS[env])
        for env in ('latin-1', 'ascii', 'lc-all-posix')
    ),
    *(
        Case(f'{env}-missing-baseline', MISSING, 2, 'cannot read baseline caf', ENVIRONMENTS[env])
        for env in ('cp1252', 'ascii-posix')
    ),
    # the interpreter itself refuses an unknown codec before ffaudit runs (exit 1, its message)
    Case(
        'bogus-is-refused-by-python',
        ('scan', 'odd'),
        1,
        'unknown encoding: bogus',
        env={'PYTHONIOENCODING': 'bogus'},
    ),
]


def _setup(case: Case, folder: pathlib.Path) -> None:
    (folder / 'odd').mkdir()
    (folder / 'odd' / NAME).write_text(f'FIREFLIES_API_KEY = "{KEY}"\n')


@pytest.fixture(scope='module')
def outcomes(case_dirs):
    return run_all(CASES, prepared(case_dirs, _setup))


@pytest.mark.parametrize('case', CASES, ids=ids(CASES))
def test_locale_case(case, outcomes):
    outcome = outcomes[case.id]
    check(case, outcome)
    if '-scan-' in case.id:  # the name is there, escaped where the stream needs it
        assert 'caf' in outcome.stdout and '.py' in outcome.stdout, outcome.stdout
