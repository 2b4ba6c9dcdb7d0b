"""``ffaudit scan`` edge cases: confidence, odd names, roots, --timeout."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from ffaudit.cli import cli
from testing.gitrepo import Repo

HIGH_KEY = '3c9a7d52-1b8e-4f6a-9d2c-7e5b4a1f0c83'  # pragma: allowlist secret
LOW_KEY = '9e41b7c0-52d6-4f3a-8b19-6d0c2e7fa154'  # pragma: allowlist secret
HOOK_SECRET = 'Qp7Rk2Lm9Xw4Tz8Vb3Nc6Hd1'  # pragma: allowlist secret
FFAUDIT = os.path.join(os.path.dirname(sys.executable), 'ffaudit')
ODD_NAME = os.fsdecode(b'\xff\xfe.env')  # not UTF-8: surrogate escapes in Python


@pytest.fixture
def mixed(tmp_path, monkeypatch):
    """A tree that talks to Fireflies, with one high, one medium and one low finding."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'ff.py').write_text('requests.post("https://api.fireflies.ai/graphql")\n')
    (tmp_path / 'settings.env').write_text(f'API_TOKEN={LOW_KEY}\n')  # generic names: config only
    (tmp_path / 'hooks.env').write_text(f'FIREFLIES_WEBHOOK_SECRET={HOOK_SECRET}\n')
    (tmp_path / 'app.env').write_text(f'FIREFLIES_API_KEY={HIGH_KEY}\n')
    return tmp_path


def _run(*args: str):
    return CliRunner().invoke(cli, ['scan', *args], catch_exceptions=False)


def _secret_free(*texts: str) -> None:
    for text in texts:
        assert HIGH_KEY not in text and LOW_KEY not in text and HOOK_SECRET not in text


@pytest.mark.parametrize(
    ('minimum', 'shown', 'below'),
    [
        pytest.param('low', ['app.env', 'hooks.env', 'settings.env'], '', id='low-default'),
        pytest.param('medium', ['app.env', 'hooks.env'], '1 finding below', id='medium'),
        pytest.param('high', ['app.env'], '2 findings below', id='high'),
    ],
)
def test_min_confidence_filters_findings(mixed, minimum, shown, below):
    result = _run('--min-confidence', minimum, '.')
    assert result.exit_code == 1
    assert [line.split(':')[0] for line in result.stdout.splitlines()] == shown
    assert (below in result.stderr) if below else 'below' not in result.stderr
    _secret_free(result.stdout, result.stderr)


def test_min_confidence_decides_the_exit_code(mixed):
    (mixed / 'app.env').unlink()
    result = _run('--min-confidence', 'HIGH', '.')
    assert (result.exit_code, result.stdout) == (0, '')
    assert result.stderr.endswith('ffaudit: 2 findings below --min-confidence high\n')
    assert _run('--min-confidence', 'certain', '.').exit_code == 2


def test_sarif_level_and_rule_follow_confidence(mixed):
    run = json.loads(_run('--format', 'sarif', '.').stdout)['runs'][0]
    results = {
        r['locations'][0]['physicalLocation']['artifactLocation']['uri']: r for r in run['results']
    }
    got = {uri: (r['ruleId'], r['level']) for uri, r in results.items()}
    assert got == {
        'app.env': ('fireflies-api-key', 'error'),
        'hooks.env': ('fireflies-webhook-secret', 'warning'),
        'settings.env': ('fireflies-api-key-generic-name', 'note'),
    }
    rules = {r['id']: r for r in run['tool']['driver']['rules']}
    generic = rules['fireflies-api-key-generic-name']
    assert generic['properties']['precision'] == 'low'
    assert generic['properties']['security-severity'] == '5.0'
    assert generic['defaultConfiguration'] == {'level': 'note'}


def test_github_annotations_low_is_a_warning(mixed):
    lines = _run('--format', 'github', '.').stdout.splitlines()
    assert [line.split(' ', 1)[0] for line in lines] == ['::error', '::warning', '::warning']
    assert lines[2].startswith('::warning file=settings.env,line=1,')


@pytest.mark.parametrize(
    ('fmt', 'expected'),
    [
        ('text', '\\xff\\xfe.env:1:19: fireflies-api-key 3c9a... (high)\n'),
        ('github', '::error file=\\xff\\xfe.env,line=1,col=19,'),
        ('json', '"path": "\\\\xff\\\\xfe.env"'),
        ('sarif', '"uri": "%FF%FE.env"'),
    ],
)
def test_a_name_that_is_not_utf8_never_crashes(tmp_path, fmt, expected):
    # SARIF once raised UnicodeEncodeError (rc 1, empty stdout) on such a name
    (tmp_path / ODD_NAME).write_text(f'FIREFLIES_API_KEY={HIGH_KEY}\n')
    proc = subprocess.run(
        [FFAUDIT, 'scan', '--format', fmt, '.'], cwd=tmp_path, capture_output=True, check=False
    )
    out, err = proc.stdout.decode(), proc.stderr.decode()
    assert (proc.returncode, err.splitlines()[-1]) == (
        1,
        'ffaudit: 1 finding in 1 file (1 file scanned)',
    )
    assert expected in out
    _secret_free(out, err)


def test_sarif_and_github_paths_from_the_scanned_repository(tmp_path, monkeypatch):
    # scanning another repository once gave ../other/sub/x.env
    other = Repo(tmp_path / 'other')
    other.write('sub/x.env', f'FIREFLIES_API_KEY={HIGH_KEY}\n')
    other.commit()
    Repo(tmp_path / 'here')
    monkeypatch.chdir(tmp_path / 'here')
    target = str(tmp_path / 'other')
    run = json.loads(_run('--format', 'sarif', target).stdout)['runs'][0]
    location = run['results'][0]['locations'][0]['physicalLocation']['artifactLocation']
    assert location == {'uri': 'sub/x.env', 'uriBaseId': '%SRCROOT%'}
    root = pathlib.Path(os.path.realpath(target)).as_uri() + '/'
    assert run['originalUriBaseIds'] == {'%SRCROOT%': {'uri': root}}
    github = _run('--format', 'github', os.path.join(target, 'sub', 'x.env')).stdout
    assert github.startswith('::error file=sub/x.env,line=1,col=19,')


def test_verify_timeout_bounds_a_stalled_endpoint(mixed, fake_fireflies_http):
    start = time.monotonic()
    result = _run(
        '--verify', '--timeout', '1', '--endpoint', fake_fireflies_http.url('stall'), 'app.env'
    )
    elapsed = time.monotonic() - start
    assert 1.0 <= elapsed < 4.0  # --timeout plus slack for a loaded machine
    assert result.exit_code == 1
    assert result.stdout == 'app.env:1:19: fireflies-api-key 3c9a... (high) [unknown]\n'
    _secret_free(result.stdout, result.stderr)


@pytest.mark.parametrize('value', ['0', '-1', 'soon'])
def test_verify_timeout_must_be_positive(mixed, value):
    result = _run('--verify', '--timeout', value, 'app.env')
    assert result.exit_code == 2
    assert '--timeout' in result.stderr


def test_verify_remediation_says_webhook_secrets_are_never_sent(mixed, fake_fireflies_http):
    result = _run('--verify', '--endpoint', fake_fireflies_http.url(), 'hooks.env')
    assert result.exit_code == 1
    assert '--verify never sends webhook secrets' in ' '.join(result.stderr.split())
    plain = _run('hooks.env')
    assert 'never sends' not in plain.stderr


def test_tree_baseline_suppresses_history_and_a_pure_git_mv(tmp_path, monkeypatch):
    # history once reported the key at its old path (exit 1 despite the baseline)
    # and --staged called a pure `git mv` new
    repo = Repo(tmp_path / 'repo')
    repo.write('old.env', f'FIREFLIES_API_KEY={HIGH_KEY}\n')
    repo.commit()
    repo.git('mv', 'old.env', 'config.env')
    repo.commit()
    monkeypatch.chdir(repo.path)
    assert _run('--baseline', 'base.json', '--update-baseline').exit_code == 0
    history = _run('--history', '--baseline', 'base.json')
    assert (history.exit_code, history.stdout) == (0, '')
    assert '1 known in baseline, ignored' in history.stderr
    repo.write('copy.env', f'FIREFLIES_API_KEY={HIGH_KEY}\n')  # a copy is a new exposure
    repo.git('add', 'copy.env')
    assert _run('--staged', '--baseline', 'base.json').stdout.startswith('copy.env:1:19:')
    repo.git('rm', '-q', '-f', 'copy.env')
    repo.git('mv', 'config.env', 'moved.env')
    staged = _run('--staged', '--baseline', 'base.json')
    assert (staged.exit_code, staged.stdout) == (0, '')
    assert 'known in baseline' not in staged.stderr  # a pure rename adds no line (-M)
