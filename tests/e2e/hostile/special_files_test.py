"""Class 1: a FIFO, a device or a folder wherever a path is read: refused in a second, exit 2.

Each row names the option, the special file and the rule the one stderr line must name.
"""

from __future__ import annotations

import pytest

from testing.hostile import Case
from testing.hostile import check
from testing.hostile import ids
from testing.hostile import run_all

pytestmark = pytest.mark.e2e

FAST = 8.0  # "within a second" of work, plus interpreter start-up on a busy shared machine
FIFO = r'is a FIFO \(named pipe\), not a regular file'
FOLDER = r'is a directory'
DEVICE = r'is a character device, not a regular file'
SPECIAL = (('fifo', FIFO), ('folder', FOLDER), ('/dev/zero', DEVICE))
COMMANDS = (
    ('scan-baseline', ('scan', '--baseline', '{}', 'app.py')),
    ('scan-update-baseline', ('scan', '--baseline', '{}', '--update-baseline', 'app.py')),
    ('doctor-api-key-file', ('doctor', '--offline', '--api-key-file', '{}')),
    ('explain-file', ('explain', '{}')),
    ('ds-audit-report', ('ds-audit', '--report', '{}')),
    ('ds-hook-baseline', ('ds-hook', '--baseline', '{}', 'app.py')),
    ('ds-portable', ('ds-portable', '{}')),
    ('scan-config', ('scan', '--config', '{}', 'app.py')),
    ('doctor-header-file', ('doctor', '--offline', '--header', '{}')),
)


DOCTOR = ('doctor', '--offline')
KEY_ENV = {'FIREFLIES_API_KEY': 'b6e2f1a4-3c5d-4e7f-8a9b-0c1d2e3f4a5b'}  # pragma: allowlist secret
GITHUB = {'GITHUB_ACTIONS': 'true', **KEY_ENV}


def _case(name: str, args: tuple[str, ...], path: str, rule: str) -> Case:
    filled = tuple(a.format(path) for a in args)
    return Case(f'{name}-{path.strip("/")}', filled, 2, rule, within=FAST)


CASES = [
    *(_case(name, args, path, rule) for name, args in COMMANDS for path, rule in SPECIAL),
    _case('scan-baseline', COMMANDS[0][1], '/dev/urandom', DEVICE),
    _case('doctor-api-key-file', COMMANDS[2][1], '/dev/urandom', DEVICE),
    _case('explain-file', COMMANDS[3][1], '/dev/urandom', DEVICE),
    # files a detect-secrets baseline names in its results, read by ds-audit --report
    Case('ds-audit-results-fifo', ('ds-audit', '--report', 'names-fifo.json'), 2, FIFO),
    Case('ds-audit-results-folder', ('ds-audit', '--report', 'names-folder.json'), 2, FOLDER),
    Case('ds-audit-results-zero', ('ds-audit', '--report', 'names-zero.json'), 2, DEVICE),
    Case('ds-audit-results-missing', ('ds-audit', '--report', 'names-missing.json'), 2, 'No such'),
    # files named by the environment: reported in the doctor's checks, never waited on
    Case('doctor-ca-bundle-fifo', DOCTOR, 1, '', env={'REQUESTS_CA_BUNDLE': 'fifo', **KEY_ENV}),
    Case('doctor-netrc-fifo', DOCTOR, 0, '', env={'NETRC': 'fifo', **KEY_ENV}),
    Case('doctor-event-fifo', DOCTOR, 0, '', env={**GITHUB, 'GITHUB_EVENT_PATH': 'fifo'}),
    Case(
        'doctor-summary-fifo',
        (*DOCTOR, '--format', 'github'),
        0,
        'cannot write GITHUB_STEP_SUMMARY',
        env={**GITHUB, 'GITHUB_STEP_SUMMARY': 'fifo'},
    ),
]


@pytest.fixture(scope='module')
def outcomes(case_dirs):
    return run_all(CASES, case_dirs)


@pytest.mark.parametrize('case', CASES, ids=ids(CASES))
def test_special_file_is_refused_at_once(case, outcomes):
    outcome = outcomes[case.id]
    check(case, outcome)
    if case.env:  # the doctor reports these in its checks (or a warning), and goes on
        return
    assert len(outcome.stderr.splitlines()) == 1, outcome.stderr
    assert outcome.stdout == ''
