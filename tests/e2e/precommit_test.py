"""End to end: the real pre-commit runs this checkout's ``ffaudit`` hook on a real commit."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

from testing.gitrepo import KEY

pytestmark = pytest.mark.e2e
BIN = pathlib.Path(sys.executable).parent


def _run(
    args: list[str], cwd: pathlib.Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)


@pytest.fixture
def env(precommit_env: dict[str, str]) -> dict[str, str]:
    return precommit_env


@pytest.fixture
def project(
    tmp_path: pathlib.Path, env: dict[str, str], hook_repo: tuple[str, str]
) -> pathlib.Path:
    repo, rev = hook_repo
    config = f'repos:\n- repo: {repo}\n  rev: {rev}\n  hooks:\n  - id: ffaudit\n'
    (tmp_path / '.pre-commit-config.yaml').write_text(config)
    (tmp_path / 'README.md').write_text('# demo\n')
    assert _run(['git', 'init', '-q'], tmp_path, env).returncode == 0
    assert _run([str(BIN / 'pre-commit'), 'install'], tmp_path, env).returncode == 0
    return tmp_path


def test_pre_commit_refuses_a_key_and_accepts_a_clean_change(project, env):
    (project / 'app').mkdir()
    (project / 'app' / 'settings.py').write_text(f'import os\n\nFIREFLIES_API_KEY = "{KEY}"\n')
    _run(['git', 'add', '.'], project, env)
    refused = _run(['git', 'commit', '-m', 'add settings'], project, env)
    output = refused.stdout + refused.stderr
    assert refused.returncode == 1, output
    assert 'app/settings.py:3:' in output
    assert KEY not in output
    assert _run(['git', 'rev-parse', '--verify', 'HEAD'], project, env).returncode != 0

    (project / 'app' / 'settings.py').write_text(
        'import os\n\nFIREFLIES_API_KEY = os.environ["FIREFLIES_API_KEY"]\n'
    )
    _run(['git', 'add', '.'], project, env)
    accepted = _run(['git', 'commit', '-m', 'read the key from the environment'], project, env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert 'ffaudit (hard-coded Fireflies.ai keys)' in accepted.stderr
    assert 'Passed' in accepted.stderr


def test_pre_commit_detect_secrets_hook_without_args_refuses_a_key(project, env, hook_repo):
    repo, rev = hook_repo
    rev_line = f'  rev: {rev}  # pragma: allowlist secret\n'  # a commit id is high-entropy hex
    hook = '  hooks:\n  - id: ffaudit-detect-secrets\n'
    config = f'repos:\n- repo: {repo}\n{rev_line}{hook}'
    (project / '.pre-commit-config.yaml').write_text(config)
    (project / '.env').write_text(f'FIREFLIES_API_KEY={KEY}\n')
    _run(['git', 'add', '.'], project, env)
    refused = _run(['git', 'commit', '-m', 'add .env'], project, env)
    output = refused.stdout + refused.stderr
    assert refused.returncode == 1, output
    assert 'Secret Type: Fireflies API Key' in output and 'Location:    .env:1' in output
    assert KEY not in output
    (project / '.env').write_text('FIREFLIES_API_KEY=\n')
    _run(['git', 'add', '.'], project, env)
    accepted = _run(['git', 'commit', '-m', 'empty .env'], project, env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr


def test_pre_commit_detect_secrets_hook_uses_portable_baseline(project, env, hook_repo):
    repo, rev = hook_repo
    hook = '  - id: ffaudit-detect-secrets\n    args: [--baseline, .secrets.baseline]\n'
    config = f'repos:\n- repo: {repo}\n  rev: {rev}\n  hooks:\n{hook}'
    (project / '.pre-commit-config.yaml').write_text(config)
    plugin = _run([str(BIN / 'ffaudit'), 'plugin-path'], project, env).stdout.strip()
    filters = _run([str(BIN / 'ffaudit'), 'plugin-path', '--filter'], project, env).stdout.split()
    _run(['git', 'add', '.'], project, env)  # detect-secrets scans the files git knows
    scan = [str(BIN / 'detect-secrets'), 'scan', '--plugin', plugin, *filters, '--no-verify']
    (project / '.secrets.baseline').write_text(_run(scan, project, env).stdout)
    shim = ['--shim', '.ffaudit/fireflies_plugin.py']
    ds_portable = [str(BIN / 'ffaudit'), 'ds-portable', '.secrets.baseline', *shim]
    assert _run(ds_portable, project, env).returncode == 0
    _run(['git', 'add', '.'], project, env)
    accepted = _run(['git', 'commit', '-m', 'baseline'], project, env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr

    (project / '.env').write_text(f'FIREFLIES_API_KEY={KEY}\n')
    _run(['git', 'add', '.env'], project, env)
    refused = _run(['git', 'commit', '-m', 'add .env'], project, env)
    output = refused.stdout + refused.stderr
    assert refused.returncode == 1, output
    assert 'Secret Type: Fireflies API Key' in output and 'Location:    .env:1' in output
    assert KEY not in output


def test_pre_commit_honours_the_configuration_file(project, env):
    # issue 9: pre-commit passes every staged file by name; the configuration's excludes and
    # allowlist apply to them as to a tree scan
    (project / 'fixtures').mkdir()
    (project / 'fixtures' / 'sample.env').write_text(f'FIREFLIES_API_KEY={KEY}\n')
    (project / '.ffaudit.toml').write_text('exclude = ["fixtures/"]\n')
    _run(['git', 'add', '.'], project, env)
    accepted = _run(['git', 'commit', '-m', 'add a fixture'], project, env)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    (project / '.ffaudit.toml').write_text('exclude = ["fixtures/"\n')  # malformed: exit 2
    _run(['git', 'add', '.'], project, env)
    refused = _run(['git', 'commit', '-m', 'break the configuration'], project, env)
    output = refused.stdout + refused.stderr
    assert refused.returncode == 1, output
    assert 'ffaudit: error: .ffaudit.toml:1: invalid TOML' in output
    assert KEY not in output
