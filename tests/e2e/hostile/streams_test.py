"""Class 2: stdout closed, full or cut off, stdin closed: one line on stderr, a documented code.

Output that cannot be written is exit 2 (``ffaudit: error: cannot write the output: <why>``):
the report did not arrive, so neither "clean" (0) nor "findings" (1) would be true.
"""

from __future__ import annotations

import os
import pathlib
import shlex
import subprocess

import pytest

from testing.hostile import CLOSE_STDIN
from testing.hostile import CLOSE_STDOUT
from testing.hostile import FFAUDIT
from testing.hostile import KEY
from testing.hostile import TIMEOUT
from testing.hostile import Case
from testing.hostile import assert_no_leak
from testing.hostile import check
from testing.hostile import ds_baseline
from testing.hostile import ds_finding
from testing.hostile import ids
from testing.hostile import prepared
from testing.hostile import run_all

pytestmark = pytest.mark.e2e

CLOSED = 'cannot write the output: stdout is closed'
FULL = 'cannot write the output: no space left on the device'
STDIN_CLOSED = 'stdin is closed'
SCAN = ('scan', 'app.py')
CASES = [
    Case('stdout-closed-scan-findings', SCAN, 2, CLOSED, wrapper=tuple(CLOSE_STDOUT)),
    Case(
        'stdout-closed-scan-json',
        ('scan', '--format', 'json', 'folder'),
        2,
        CLOSED,
        wrapper=tuple(CLOSE_STDOUT),
    ),
    # nothing to write: a clean text scan loses nothing, so it stays clean
    Case('stdout-closed-scan-clean', ('scan', 'folder'), 0, '', wrapper=tuple(CLOSE_STDOUT)),
    Case(
        'stdout-closed-doctor',
        ('doctor', '--offline', '--api-key-file', 'app.py'),
        2,
        CLOSED,
        wrapper=tuple(CLOSE_STDOUT),
    ),
    Case('stdout-closed-help', ('--help',), 2, CLOSED, wrapper=tuple(CLOSE_STDOUT)),
    Case('stdout-full-scan', SCAN, 2, FULL, stdout_path='/dev/full'),
    Case(
        'stdout-full-sarif',
        ('scan', '--format', 'sarif', 'app.py'),
        2,
        FULL,
        stdout_path='/dev/full',
    ),
    Case(
        'stdout-full-doctor',
        ('doctor', '--offline', '--api-key-file', 'app.py'),
        2,
        FULL,
        stdout_path='/dev/full',
    ),
    Case('stdout-full-version', ('--version',), 2, FULL, stdout_path='/dev/full'),
    Case(
        'stdin-closed-api-key-stdin',
        ('doctor', '--offline', '--api-key-stdin'),
        2,
        f'--api-key-stdin: {STDIN_CLOSED}',
        wrapper=tuple(CLOSE_STDIN),
    ),
    Case(
        'stdin-closed-header',
        ('doctor', '--offline', '--header', '-'),
        2,
        f'--header -: {STDIN_CLOSED}',
        wrapper=tuple(CLOSE_STDIN),
    ),
    Case(
        'stdin-closed-explain-dash', ('explain', '-'), 2, STDIN_CLOSED, wrapper=tuple(CLOSE_STDIN)
    ),
    Case('stdin-closed-explain-default', ('explain',), 2, STDIN_CLOSED, wrapper=tuple(CLOSE_STDIN)),
    Case(
        'stdin-closed-ds-audit-interactive',
        ('ds-audit', 'names-missing.json'),
        2,
        'cannot read answers: stdin is closed',
        wrapper=tuple(CLOSE_STDIN),
    ),
    Case(
        'stdin-empty-ds-audit-interactive',
        ('ds-audit', 'app.json'),
        2,
        'stdin ended before the audit was done: nothing saved',
    ),
]


def _setup(case: Case, folder: pathlib.Path) -> None:
    (folder / 'app.json').write_text(ds_baseline({'app.py': [ds_finding('app.py')]}))


@pytest.fixture(scope='module')
def outcomes(case_dirs):
    return run_all(CASES, prepared(case_dirs, _setup))


@pytest.mark.parametrize('case', CASES, ids=ids(CASES))
def test_stream_case(case, outcomes):
    outcome = outcomes[case.id]
    check(case, outcome)
    assert len(outcome.stderr.splitlines()) <= 1 or case.code in (0, 1), outcome.stderr


def _many_keys(folder: pathlib.Path) -> None:
    # ~150 KB of findings: more than a pipe holds, so the reader leaves mid-write
    lines = [f'FIREFLIES_API_KEY_{i} = "{KEY[:-4]}{i:04x}"\n' for i in range(3000)]
    (folder / 'many.py').write_text(''.join(lines))


@pytest.mark.parametrize('fmt', ('text', 'json'))
def test_reader_that_stops_after_one_line_is_a_broken_pipe(case_dirs, fmt):
    # `ffaudit scan | head -1`: head reads one line and exits while ffaudit still writes
    folder = case_dirs(Case(f'head-{fmt}', (), 0))
    _many_keys(folder)
    cmd = [*FFAUDIT, 'scan', '--format', fmt, 'many.py']
    proc = subprocess.Popen(cmd, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    code = proc.wait(TIMEOUT)
    assert first
    assert (code, stderr.splitlines()[-1]) == (
        2,
        'ffaudit: error: cannot write the output: broken pipe (the reader stopped early)',
    )
    assert 'Traceback' not in stderr and 'Exception ignored' not in stderr
    assert_no_leak(stderr)


def test_real_head_one_sees_one_line_and_ffaudit_says_why_it_stopped(case_dirs):
    folder = case_dirs(Case('real-head', (), 0))
    _many_keys(folder)
    ffaudit = shlex.join(FFAUDIT)
    script = f'{{ {ffaudit} scan many.py 2>err; echo $? > rc; }} | head -1'
    proc = subprocess.run(['sh', '-c', script], cwd=folder, capture_output=True, timeout=TIMEOUT)
    assert proc.stdout.decode().count('\n') == 1
    assert (folder / 'rc').read_text() == '2\n'
    stderr = (folder / 'err').read_text()
    assert stderr.endswith('cannot write the output: broken pipe (the reader stopped early)\n')
    assert 'Traceback' not in stderr


def test_pipe_closed_before_the_first_write(case_dirs):
    folder = case_dirs(Case('pipe-closed-early', (), 0))
    read, write = os.pipe()
    os.close(read)
    try:
        proc = subprocess.run(
            [*FFAUDIT, 'scan', 'app.py'],
            cwd=folder,
            stdout=write,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT,
        )
    finally:
        os.close(write)
    assert proc.returncode == 2
    assert proc.stderr.decode().endswith(
        'cannot write the output: broken pipe (the reader stopped early)\n'
    )
