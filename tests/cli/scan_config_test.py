"""``ffaudit scan`` with a configuration file: excludes, min-confidence, allowlist (issue 9)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from ffaudit.cli import cli
from ffaudit.redaction import fingerprint
from testing.gitrepo import Repo

KEY = 'f025c6ec-c15e-4aa5-ad75-7f69b82789a4'  # pragma: allowlist secret
KEY2 = '28b17f97-6e3e-4e00-bd3c-08df7ae4144e'  # pragma: allowlist secret
LOW_KEY = '9e41b7c0-52d6-4f3a-8b19-6d0c2e7fa154'  # pragma: allowlist secret


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A plain folder: a key in app.env, another in vendor/lib.js, a generic one in .env."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'app.env').write_text(f'FIREFLIES_API_KEY={KEY}\n')
    (tmp_path / 'vendor').mkdir()
    (tmp_path / 'vendor' / 'lib.js').write_text(f'const FIREFLIES_API_KEY = "{KEY2}";\n')
    (tmp_path / 'ff.py').write_text('requests.post("https://api.fireflies.ai/graphql")\n')
    (tmp_path / 'settings.env').write_text(f'API_TOKEN={LOW_KEY}\n')
    return tmp_path


def _run(*args: str):
    return CliRunner().invoke(cli, ['scan', *args], catch_exceptions=False)


def _paths(result) -> list[str]:
    return [line.split(':')[0] for line in result.stdout.splitlines()]


def test_exclude_globs_leave_files_unread_and_say_so(tree):
    (tree / 'pyproject.toml').write_text('[tool.ffaudit]\nexclude = ["vendor/"]\n')
    result = _run()
    assert result.exit_code == 1
    assert _paths(result) == ['app.env', 'settings.env']
    assert result.stderr.endswith(
        'ffaudit: 2 findings in 2 files (4 files scanned); 1 file excluded by pyproject.toml\n'
    )


def test_exclude_applies_to_files_named_as_pre_commit_passes_them(tree):
    (tree / '.ffaudit.toml').write_text('exclude = ["*.js", "settings.env"]\n')
    result = _run('app.env', os.path.join('vendor', 'lib.js'), 'settings.env')
    assert _paths(result) == ['app.env']
    assert result.stderr.endswith('; 2 files excluded by .ffaudit.toml\n')


def test_min_confidence_from_the_configuration_and_the_flag_wins(tree):
    (tree / '.ffaudit.toml').write_text('min-confidence = "high"\n')
    configured = _run()
    assert _paths(configured) == ['app.env', 'vendor/lib.js']
    assert configured.stderr.endswith('ffaudit: 1 finding below --min-confidence high\n')
    flagged = _run('--min-confidence', 'low')
    assert _paths(flagged) == ['app.env', 'settings.env', 'vendor/lib.js']


def test_allowlisted_findings_are_not_reported_and_counted(tree):
    (tree / '.ffaudit.toml').write_text(
        f'[[allowlist]]\nfingerprint = "{fingerprint(KEY2)}"\nreason = "vendored sample"\n'
        f'[[allowlist]]\nfingerprint = "{fingerprint(LOW_KEY).upper()}"\nreason = "test"\n'
    )
    result = _run('--format', 'json')
    doc = json.loads(result.stdout)
    assert [f['path'] for f in doc['findings']] == ['app.env']
    assert doc['stats']['allowlisted'] == 2
    assert result.stderr.endswith(
        'ffaudit: 1 finding in 1 file (5 files scanned); 2 allowlisted by .ffaudit.toml\n'
    )
    (tree / 'app.env').unlink()
    assert _run().exit_code == 0


def test_allowlisted_keys_stay_out_of_a_new_baseline(tree):
    (tree / '.ffaudit.toml').write_text(
        f'[[allowlist]]\nfingerprint = "{fingerprint(KEY)}"\nreason = "sample"\n'
    )
    assert _run('--baseline', 'b.json', '--update-baseline').exit_code == 0
    entries = json.loads((tree / 'b.json').read_text())['findings']
    assert fingerprint(KEY) not in [e['fingerprint'] for e in entries]


def test_config_flag_and_no_config(tree):
    (tree / 'pyproject.toml').write_text('[tool.ffaudit]\nexclude = ["*.env"]\n')
    (tree / 'other.toml').write_text('exclude = ["vendor"]\n')
    assert _paths(_run()) == ['vendor/lib.js']
    assert _paths(_run('--config', 'other.toml')) == ['app.env', 'settings.env']
    assert _paths(_run('--no-config')) == ['app.env', 'settings.env', 'vendor/lib.js']
    both = _run('--config', 'other.toml', '--no-config')
    assert (both.exit_code, both.stderr) == (
        2,
        'ffaudit: error: --config and --no-config cannot be combined\n',
    )


def test_config_found_from_the_scanned_repository_not_the_current_folder(tmp_path, monkeypatch):
    repo = Repo(tmp_path / 'repo')
    repo.write('.ffaudit.toml', 'exclude = ["fixtures"]\n')
    repo.write('fixtures/a.env', f'FIREFLIES_API_KEY={KEY}\n')
    (tmp_path / 'here').mkdir()
    monkeypatch.chdir(tmp_path / 'here')
    result = _run('--all-files', str(repo.path))
    assert (result.exit_code, result.stdout) == (0, '')
    assert '1 file excluded by' in result.stderr


@pytest.mark.parametrize(
    ('text', 'line'),
    [
        (
            '[tool.ffaudit]\nexclude = ["vendor/",\n',
            'pyproject.toml:2: invalid TOML: Invalid value',
        ),
        (
            '[tool.ffaudit]\n\nmin-confidence = 3\n',
            'pyproject.toml:3: tool.ffaudit.min-confidence:',
        ),
    ],
)
def test_malformed_configuration_is_exit_2_before_scanning(tree, text, line):
    (tree / 'pyproject.toml').write_text(text)
    result = _run()
    assert (result.exit_code, result.stdout) == (2, '')
    assert result.stderr.startswith(f'ffaudit: error: {line}')
    assert result.stderr.count('\n') == 1


def test_config_that_is_a_fifo_is_refused_at_once(tree):
    os.mkfifo(tree / 'pipe.toml')
    result = _run('--config', 'pipe.toml')
    assert result.exit_code == 2
    fifo = 'is a FIFO (named pipe), not a regular file'
    assert result.stderr == f'ffaudit: error: cannot read config pipe.toml: {fifo}\n'


def test_github_actions_default_format_is_github(tree, monkeypatch):
    monkeypatch.setenv('GITHUB_ACTIONS', 'true')
    result = _run('app.env')
    assert result.stdout.startswith('::error file=app.env,line=1,col=19,')
    assert _run('--format', 'text', 'app.env').stdout.startswith('app.env:1:19:')


def test_excludes_apply_to_staged_and_history(tmp_path, monkeypatch):
    repo = Repo(tmp_path / 'repo')
    repo.write('.ffaudit.toml', 'exclude = ["docs/"]\n')
    repo.write('docs/setup.env', f'FIREFLIES_API_KEY={KEY}\n')
    repo.write('app.env', f'FIREFLIES_API_KEY={KEY2}\n')
    repo.git('add', '.')
    monkeypatch.chdir(repo.path)
    staged = _run('--staged')
    assert _paths(staged) == ['app.env']
    assert '1 file excluded by .ffaudit.toml' in staged.stderr
    repo.commit()
    (tmp_path / 'elsewhere').mkdir()
    monkeypatch.chdir(tmp_path / 'elsewhere')
    history = _run('--history', str(repo.path))
    assert _paths(history) == ['app.env']
    assert '1 file excluded by' in history.stderr


_LOADED = """\
import sys
from ffaudit.cli import cli
try:
    cli(['scan', *sys.argv[1:]])
except SystemExit:
    pass
lazy = ('tomllib', 'ffaudit.scan.config', 'ffaudit.scan.globs', 'ffaudit.scan.policy')
print(' '.join(m for m in lazy if m in sys.modules))
"""


def test_without_a_configuration_file_its_code_never_loads(tree):
    # start-up time: a pre-commit run in a repository without a configuration pays nothing
    def loaded() -> str:
        proc = subprocess.run(
            [sys.executable, '-c', _LOADED, 'app.env'], capture_output=True, text=True
        )
        return proc.stdout.splitlines()[-1]

    (tree / 'pyproject.toml').write_text('[project]\ndependencies = ["ffaudit>=0.1"]\n')
    assert loaded() == ''
    (tree / 'pyproject.toml').write_text('[tool.ffaudit]\nexclude = ["vendor/"]\n')
    assert loaded() == 'tomllib ffaudit.scan.config ffaudit.scan.globs ffaudit.scan.policy'
