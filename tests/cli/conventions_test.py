"""CLI conventions: bare ``ffaudit``, ``-V``, ``--quiet``, ``--output``, completion, help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib

import pytest
from click.testing import CliRunner

from ffaudit import __version__
from ffaudit.cli import COMMANDS
from ffaudit.cli import cli

KEY = 'f025c6ec-c15e-4aa5-ad75-7f69b82789a4'  # pragma: allowlist secret
FFAUDIT = os.path.join(os.path.dirname(sys.executable), 'ffaudit')


def _run(*args: str, width: int = 80):
    return CliRunner().invoke(cli, list(args), prog_name='ffaudit', terminal_width=width)


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv('FIREFLIES_API_KEY', raising=False)
    monkeypatch.delenv('GITHUB_ACTIONS', raising=False)
    (tmp_path / 'app.py').write_text(f'FIREFLIES_API_KEY = "{KEY}"\n', encoding='utf-8')
    return tmp_path


def test_bare_ffaudit_prints_help_and_succeeds():
    proc = subprocess.run([FFAUDIT], capture_output=True, text=True)
    assert proc.returncode == 0
    assert proc.stdout.startswith('Usage: ffaudit')
    assert 'scan' in proc.stdout and proc.stderr == ''


@pytest.mark.parametrize('flag', ['-V', '--version'])
def test_version_flags(flag):
    result = _run(flag)
    assert (result.exit_code, result.output) == (0, f'ffaudit, version {__version__}\n')


@pytest.mark.parametrize('width', [80, 60])
def test_command_list_is_never_cut_off(width):
    output = _run('--help', width=width).output
    listed = output.split('Commands:\n', 1)[1].split('\n\n', 1)[0].splitlines()
    assert not [line for line in listed if line.rstrip().endswith('...')]
    if width == 80:  # one line per command, in registry order
        assert [line.split()[0] for line in listed] == list(COMMANDS)


@pytest.mark.parametrize('name', list(COMMANDS))
def test_every_command_has_help(name):
    if name == 'ds-hook':  # its --help is detect-secrets-hook's own
        return
    result = _run(name, '--help')
    assert result.exit_code == 0 and result.output.startswith(f'Usage: ffaudit {name}')


def test_shell_completion_script():
    env = {**os.environ, '_FFAUDIT_COMPLETE': 'bash_source'}
    proc = subprocess.run([FFAUDIT], capture_output=True, text=True, env=env)
    assert proc.returncode == 0
    assert '_FFAUDIT_COMPLETE=bash_complete' in proc.stdout
    env = {**os.environ, '_FFAUDIT_COMPLETE': 'bash_complete', 'COMP_WORDS': 'ffaudit sc'}
    proc = subprocess.run([FFAUDIT], capture_output=True, text=True, env={**env, 'COMP_CWORD': '1'})
    assert 'scan' in proc.stdout


def test_scan_quiet_prints_findings_only(tree):
    result = _run('scan', '--quiet', 'app.py')
    assert result.exit_code == 1
    assert result.stdout == f'app.py:1:22: fireflies-api-key {KEY[:4]}... (high)\n'
    assert result.stderr == ''


@pytest.mark.parametrize('fmt', ['text', 'json', 'sarif', 'github'])
def test_scan_output_file_for_every_format(tree, fmt):
    stdout = _run('scan', '--format', fmt, 'app.py').stdout
    result = _run('scan', '--format', fmt, '--output', 'report.out', 'app.py')
    assert result.exit_code == 1
    assert result.stdout == ''
    assert (tree / 'report.out').read_text(encoding='utf-8') == stdout
    assert KEY not in stdout
    assert sorted(p.name for p in tree.iterdir()) == ['app.py', 'report.out']  # no temp left


def test_output_replaces_an_existing_report(tree):
    (tree / 'report.json').write_text('old', encoding='utf-8')
    assert _run('scan', '--format', 'json', '-o', 'report.json', 'app.py').exit_code == 1
    assert json.loads((tree / 'report.json').read_text())['findings'][0]['path'] == 'app.py'


@pytest.mark.parametrize('target', ['.', 'missing/report.txt'])
def test_output_refuses_a_directory_or_a_missing_folder(tree, target):
    result = _run('scan', '--output', target, 'app.py')
    assert result.exit_code == 2
    assert 'Invalid value for' in result.stderr and KEY not in result.output


@pytest.mark.parametrize('fmt', ['text', 'json', 'github'])
def test_doctor_output_file_for_every_format(tree, fmt):
    stdout = _run('doctor', '--offline', '--format', fmt).stdout
    result = _run('doctor', '--offline', '--format', fmt, '-o', 'doctor.out')
    assert result.exit_code == 1  # no key anywhere
    assert result.stdout == ''
    assert (tree / 'doctor.out').read_text(encoding='utf-8') == stdout


def test_doctor_quiet_shows_problems_only(tree, monkeypatch):
    monkeypatch.setenv('FIREFLIES_API_KEY', f'{KEY}\n')
    full = _run('doctor', '--offline', '--verbose').stdout
    quiet = _run('doctor', '--offline', '--quiet')
    assert quiet.exit_code == 1
    assert '(key.whitespace)' in quiet.stdout
    assert '(key.sources)' in full and '(key.sources)' not in quiet.stdout
    assert KEY not in quiet.stdout + full


def test_rules_output_is_toml(tree):
    assert _run('rules', '--format', 'gitleaks', '-o', 'gitleaks.toml').exit_code == 0
    config = tomllib.loads((tree / 'gitleaks.toml').read_text(encoding='utf-8'))
    assert [r['id'] for r in config['rules']] == ['fireflies-api-key', 'fireflies-webhook-secret']
    text = _run('rules').stdout
    assert text.startswith('fireflies-api-key (error): Fireflies API key\n')
