"""``ffaudit scan`` never passes when it could not look: named paths, stdin, --only-verified
(issue 9). CliRunner, plus real processes for stdin and a FIFO named on the command line."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from ffaudit.cli import cli
from testing.fakeserver import VALID_KEY

KEY = 'f025c6ec-c15e-4aa5-ad75-7f69b82789a4'  # pragma: allowlist secret
LINE = f'FIREFLIES_API_KEY={KEY}\n'
FFAUDIT = os.path.join(os.path.dirname(sys.executable), 'ffaudit')


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'clean.py').write_text('x = 1\n')
    return tmp_path


def _run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(cli, ['scan', *args], input=stdin, catch_exceptions=False)


def _secret_free(*texts: str) -> None:
    for text in texts:
        assert KEY[:8] not in text and KEY[-8:] not in text
        assert VALID_KEY[:8] not in text and VALID_KEY[-8:] not in text


@pytest.mark.parametrize(
    ('make', 'message'),
    [
        pytest.param(
            lambda p: os.mkfifo(p), 'not read: a FIFO (named pipe), not a regular file', id='fifo'
        ),
        pytest.param(
            lambda p: os.symlink(p.parent / 'gone', p),
            'broken symbolic link (its target does not exist)',
            id='broken-link',
        ),
        pytest.param(
            lambda p: os.symlink('/dev/zero', p),
            'not read: a character device, not a regular file',
            id='device',
        ),
    ],
)
def test_an_unreadable_named_path_is_one_line_exit_2(tree, make, message):
    make(tree / 'bad')
    result = _run('clean.py', 'bad')
    assert (result.exit_code, result.stdout) == (2, '')
    assert result.stderr == f'ffaudit: error: bad: {message}\n'


def test_a_named_permission_denied_path_is_exit_2(tree, monkeypatch):
    monkeypatch.setattr(os, 'access', lambda path, mode: False)  # the tests may run as root
    result = _run('clean.py')
    assert (result.exit_code, result.stderr) == (
        2,
        'ffaudit: error: clean.py: cannot read: Permission denied\n',
    )


def test_a_fifo_named_on_the_command_line_never_hangs_the_real_executable(tree):
    os.mkfifo(tree / 'pipe')
    start = time.monotonic()
    proc = subprocess.run(
        [FFAUDIT, 'scan', 'clean.py', 'pipe'], capture_output=True, text=True, timeout=10
    )
    assert time.monotonic() - start < 1.0
    assert (proc.returncode, proc.stdout) == (2, '')
    assert (
        proc.stderr == 'ffaudit: error: pipe: not read: a FIFO (named pipe), not a regular file\n'
    )


def test_stdin_finding_is_reported_at_stdin(tree):
    result = _run('-', stdin=f'import os\n{LINE}'.encode())
    assert result.exit_code == 1
    assert result.stdout == '<stdin>:2:19: fireflies-api-key f025... (high)\n'
    assert result.stderr.endswith('ffaudit: 1 finding in 1 file (1 file scanned)\n')
    _secret_free(result.stdout, result.stderr)


def test_stdin_beside_files_and_clean_stdin(tree):
    both = _run('clean.py', '-', stdin=LINE.encode())
    assert (both.exit_code, both.stdout.split(':')[0]) == (1, '<stdin>')
    assert both.stderr.endswith('(2 files scanned)\n')
    clean = _run('-', stdin=b'x = 1\n')
    assert (clean.exit_code, clean.stdout, clean.stderr) == (
        0,
        '',
        'ffaudit: 0 findings in 0 files (1 file scanned)\n',
    )


def test_binary_stdin_is_skipped_like_a_binary_file(tree):
    result = _run('-', stdin=b'\x00\x01\x02' * 100)
    assert result.exit_code == 0
    assert result.stderr == (
        'ffaudit: 0 findings in 0 files (0 files scanned); 1 file skipped: 1 binary\n'
    )


@pytest.mark.parametrize(
    ('args', 'message'),
    [
        (['-'], 'standard input is empty: nothing to scan'),
        (['--staged', '-'], "'-' (standard input) cannot be combined with --staged or --history"),
        (['--history', '-'], "'-' (standard input) cannot be combined with --staged or --history"),
    ],
)
def test_stdin_misuse_is_one_line_exit_2(tree, args, message):
    result = _run(*args, stdin=b'')
    assert (result.exit_code, result.stdout) == (2, '')
    assert result.stderr == f'ffaudit: error: {message}\n'


def test_real_executable_reads_a_pipe_like_git_show(tree):
    text = f'commit 0123\n\ndiff --git a/app.py b/app.py\n+{LINE}'
    proc = subprocess.run(
        [FFAUDIT, 'scan', '-'], input=text, capture_output=True, text=True, timeout=30
    )
    assert proc.returncode == 1
    assert proc.stdout == '<stdin>:4:20: fireflies-api-key f025... (high)\n'
    _secret_free(proc.stdout, proc.stderr)


@pytest.mark.parametrize(
    ('redirect', 'message'),
    [('<&-', 'standard input is closed'), ('</dev/null', 'standard input is empty')],
)
def test_real_executable_closed_or_empty_stdin_is_one_line(tree, redirect, message):
    proc = subprocess.run(
        ['sh', '-c', f'exec "$0" scan - {redirect}', FFAUDIT],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert (proc.returncode, proc.stdout) == (2, '')
    assert proc.stderr == f'ffaudit: error: {message}: nothing to scan\n'


def test_only_verified_without_a_verdict_is_exit_3(tree, fake_fireflies_http):
    (tree / 'app.env').write_text(LINE)
    url = fake_fireflies_http.url('too_many_requests_429')
    result = _run('--only-verified', '--endpoint', url, 'app.env')
    assert (result.exit_code, result.stdout) == (3, '')
    assert (
        'verify: 0 verified, 1 unknown, 0 rejected (1 request; stopped after a rate limit); '
        'unknown: 1 rate limited' in result.stderr
    )
    assert result.stderr.endswith(
        'ffaudit: no verdict: Fireflies could not judge 1 key (see "unknown" above), so '
        '--only-verified cannot pass\n'
    )
    _secret_free(result.stdout, result.stderr)


def test_only_verified_a_key_never_sent_is_no_verdict_either(tree, fake_fireflies_http):
    (tree / 'app.env').write_text(f'FIREFLIES_API_KEY={KEY}\nHEROKU_API_KEY={KEY}\n')
    result = _run('--only-verified', '--endpoint', fake_fireflies_http.url(), 'app.env')
    assert result.exit_code == 3
    assert 'unknown: 1 not sent (overlaps heroku)' in result.stderr
    assert fake_fireflies_http.received == []


def test_only_verified_a_verified_key_wins_over_unknown_ones(tree, fake_fireflies_http):
    (tree / 'live.env').write_text(f'FIREFLIES_API_KEY={VALID_KEY}\n')
    (tree / 'other.env').write_text(f'FIREFLIES_API_KEY={KEY}\nHEROKU_API_KEY={KEY}\n')
    result = _run('--only-verified', '--endpoint', fake_fireflies_http.url(), '.')
    assert result.exit_code == 1
    assert result.stdout.startswith('live.env:1:19: fireflies-api-key 6cd5... (high) [verified]')


def test_plain_verify_reports_unknown_keys_as_findings(tree, fake_fireflies_http):
    (tree / 'app.env').write_text(LINE)
    url = fake_fireflies_http.url('too_many_requests_429')
    result = _run('--verify', '--endpoint', url, 'app.env')
    assert result.exit_code == 1
    assert result.stdout == 'app.env:1:19: fireflies-api-key f025... (high) [unknown]\n'


def test_only_verified_clean_when_every_key_is_rejected(tree, fake_fireflies_http):
    (tree / 'app.env').write_text(LINE)
    result = _run('--only-verified', '--endpoint', fake_fireflies_http.url(), 'app.env')
    assert (result.exit_code, result.stdout) == (0, '')
    assert 'verify: 0 verified, 0 unknown, 1 rejected (1 request)' in result.stderr


def test_real_executable_an_endless_producer_stops_at_the_cap(tree):
    proc = subprocess.run(
        ['sh', '-c', 'yes | "$0" scan -', FFAUDIT], capture_output=True, text=True, timeout=60
    )
    assert (proc.returncode, proc.stdout) == (2, '')
    assert proc.stderr == (
        'ffaudit: error: standard input is larger than 64 MiB: scan a file instead\n'
    )
