"""End to end: the real detect-secrets executables with our plugin, on a real git repository."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
from collections.abc import Sequence
from typing import Any

import pytest

from ffaudit.ds_plugin import FILTER_ARGS

pytestmark = pytest.mark.e2e
ROOT = pathlib.Path(__file__).parents[1]
CHECKOUT_PLUGIN = ROOT / 'plugins' / 'fireflies.py'
BIN = pathlib.Path(sys.executable).parent
KEYS = (
    '18600373-d958-4aee-ace9-22de782dca63',  # pragma: allowlist secret
    '7b1e5c44-2f0a-4d8e-9c3b-5a6d7e8f9012',  # pragma: allowlist secret
    'a3f1c2d4-6b7e-4f89-8a1b-2c3d4e5f6a7b',  # pragma: allowlist secret
)
HEROKU_KEY = '0d4c6f0e-5b1a-4c2e-9f3d-8e7a6b5c4d3e'  # pragma: allowlist secret
NEW_KEY = '9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'  # pragma: allowlist secret
GENERIC_KEY = '5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6'  # pragma: allowlist secret
FILES = {
    '.env': f'FIREFLIES_API_KEY={KEYS[0]}\n',
    'app/client.py': (
        'import requests\n\n'
        'URL = "https://api.fireflies.ai/graphql"\n'
        f'r = requests.post(URL, headers={{"Authorization": "Bearer {KEYS[1]}"}})\n'
    ),
    'config/settings.yaml': f'fireflies:\n  api_key: "{KEYS[2]}"\n',
    'deploy.py': f'HEROKU_API_KEY = "{HEROKU_KEY}"\n',
    'deploy/prod.env': f'API_KEY={GENERIC_KEY}\n',  # repository context: the repo calls Fireflies
    'README.md': 'Set FIREFLIES_API_KEY=<your api key> in .env\n',
}
EXPECTED = {('.env', 1), ('app/client.py', 4), ('config/settings.yaml', 2), ('deploy/prod.env', 1)}
SECRETS = (*KEYS, HEROKU_KEY, NEW_KEY, GENERIC_KEY)


def _run(
    args: Sequence[object], cwd: pathlib.Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != 'FFAUDIT_VERIFY'}
    env['PATH'] = f'{BIN}{os.pathsep}{env["PATH"]}'
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, input=stdin, capture_output=True, text=True
    )


def _assert_no_secret(*texts: str) -> None:
    for text in texts:
        assert not any(secret in text for secret in SECRETS)


@pytest.fixture
def repo(tmp_path):
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    _run(['git', 'init', '-q'], tmp_path)
    _run(['git', 'add', '.'], tmp_path)
    return tmp_path


def _installed_plugin(cwd: pathlib.Path) -> str:
    proc = _run([BIN / 'ffaudit', 'plugin-path'], cwd)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def _plugin(kind: str, cwd: pathlib.Path) -> str:
    return str(CHECKOUT_PLUGIN) if kind == 'checkout' else _installed_plugin(cwd)


def _ffaudit_locations(repo: pathlib.Path) -> set[tuple[str, int]]:
    proc = _run([BIN / 'ffaudit', 'scan', '--format', 'json', '.'], repo)
    assert proc.returncode == 1, proc.stderr
    _assert_no_secret(proc.stdout, proc.stderr)
    return {(f['path'], f['line']) for f in json.loads(proc.stdout)['findings']}


def _baseline_locations(baseline: dict[str, Any]) -> set[tuple[str, int]]:
    return {
        (name, item['line_number'])
        for name, items in baseline['results'].items()
        for item in items
        if item['type'].startswith('Fireflies')
    }


def _ds_scan(repo: pathlib.Path, plugin: str) -> subprocess.CompletedProcess[str]:
    args = [BIN / 'detect-secrets', 'scan', '--plugin', plugin, *FILTER_ARGS, '--no-verify']
    return _run(args, repo)


@pytest.mark.parametrize('kind', ['checkout', 'installed'])
def test_detect_secrets_scan_reports_what_ffaudit_scan_reports(repo, kind):
    proc = _ds_scan(repo, _plugin(kind, repo))
    assert proc.returncode == 0, proc.stderr
    _assert_no_secret(proc.stdout, proc.stderr)
    baseline = json.loads(proc.stdout)
    assert _baseline_locations(baseline) == EXPECTED == _ffaudit_locations(repo)
    assert 'deploy.py' not in baseline['results']  # KeywordDetector still hides other UUIDs


@pytest.mark.parametrize('kind', ['checkout', 'installed'])
def test_detect_secrets_hook_reports_files_and_lines(repo, kind):
    files = sorted(FILES)
    args = [BIN / 'detect-secrets-hook', '--plugin', _plugin(kind, repo), *FILTER_ARGS]
    proc = _run([*args, '--no-verify', *files], repo)
    assert proc.returncode == 1, proc.stderr
    _assert_no_secret(proc.stdout, proc.stderr)
    for name, line in EXPECTED:
        assert f'Location:    {name}:{line}' in proc.stdout
    assert 'deploy.py' not in proc.stdout


def test_detect_secrets_scan_string_uses_plugin(repo):
    line = f'fireflies_api_key = "{NEW_KEY}"'
    args = [BIN / 'detect-secrets', 'scan', '--plugin', CHECKOUT_PLUGIN, *FILTER_ARGS]
    proc = _run([*args, '--string', line], repo)
    assert proc.returncode == 0, proc.stderr
    pairs = (row.split(':', 1) for row in proc.stdout.splitlines())
    verdicts = {name.strip(): verdict.strip() for name, verdict in pairs}
    assert verdicts['FirefliesDetector'] == 'True  (unverified)'
    assert verdicts['KeywordDetector'] == verdicts['FirefliesWebhookSecretDetector'] == 'False'


def _portable_baseline(repo: pathlib.Path, kind: str) -> str:
    """The README commands: scan with the plugin, then make the baseline portable."""
    if kind == 'checkout':  # the thin adapter file, copied into the repository
        (repo / 'tools').mkdir()
        (repo / 'tools' / 'fireflies.py').write_text(CHECKOUT_PLUGIN.read_text())
        plugin, extra = 'tools/fireflies.py', []
    else:
        plugin, extra = _installed_plugin(repo), ['--shim', '.ffaudit/fireflies_plugin.py']
    proc = _ds_scan(repo, plugin)
    assert proc.returncode == 0, proc.stderr
    (repo / '.secrets.baseline').write_text(proc.stdout)
    proc = _run([BIN / 'ffaudit', 'ds-portable', '.secrets.baseline', *extra], repo)
    assert proc.returncode == 0, proc.stderr
    return (repo / '.secrets.baseline').read_text()


@pytest.mark.parametrize('kind', ['checkout', 'installed'])
def test_portable_baseline_has_no_absolute_path_and_works_with_hook(repo, kind):
    text = _portable_baseline(repo, kind)
    _assert_no_secret(text)
    assert str(repo) not in text and str(ROOT) not in text and 'file:///' not in text
    assert sys.prefix not in text
    (repo / 'new.env').write_text(f'FIREFLIES_API_KEY={NEW_KEY}\n')
    old = [*sorted(FILES), '.secrets.baseline']
    hook = [BIN / 'detect-secrets-hook', '--baseline', '.secrets.baseline']
    clean = _run([*hook, *old], repo)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    dirty = _run([*hook, *old, 'new.env'], repo)
    assert dirty.returncode == 1, dirty.stdout + dirty.stderr
    assert 'Location:    new.env:1' in dirty.stdout
    _assert_no_secret(clean.stdout, clean.stderr, dirty.stdout, dirty.stderr)
    assert (repo / '.secrets.baseline').read_text() == text  # nothing rewritten to absolute


def test_ds_audit_report_and_stats_work_without_leaking(repo):
    _portable_baseline(repo, 'installed')
    report = _run([BIN / 'ffaudit', 'ds-audit', '.secrets.baseline', '--report'], repo)
    stats = _run([BIN / 'ffaudit', 'ds-audit', '.secrets.baseline', '--stats'], repo)
    assert report.returncode == stats.returncode == 0, report.stderr + stats.stderr
    _assert_no_secret(report.stdout, report.stderr, stats.stdout, stats.stderr)
    results = json.loads(report.stdout)['results']
    assert {(r['filename'], int(n)) for r in results for n in r['lines']} == EXPECTED
    assert {r['secrets'] for r in results} == {f'{k[:4]}...' for k in (*KEYS, GENERIC_KEY)}
    assert json.loads(stats.stdout)['FirefliesDetector']['stats']['raw'] == {
        'true-positives': 0,
        'false-positives': 0,
        'unknown': 4,
    }


def test_ds_audit_interactive_labels_findings(repo):
    _portable_baseline(repo, 'installed')
    proc = _run([BIN / 'ffaudit', 'ds-audit', '.secrets.baseline'], repo, stdin='y\nn\ny\nn\n')
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr
    baseline = json.loads((repo / '.secrets.baseline').read_text())
    labels = {name: [i['is_secret'] for i in items] for name, items in baseline['results'].items()}
    # "Should this string be committed?": y labels a false positive, n a real secret
    assert labels == {
        '.env': [False],
        'app/client.py': [True],
        'config/settings.yaml': [False],
        'deploy/prod.env': [True],
    }


def test_ds_audit_malformed_baseline_is_one_line_exit_2(repo):
    (repo / 'bad.baseline').write_text('{not json')
    proc = _run([BIN / 'ffaudit', 'ds-audit', 'bad.baseline', '--stats'], repo)
    assert (proc.returncode, proc.stdout) == (2, '')
    assert proc.stderr == 'ffaudit: error: malformed baseline bad.baseline: not UTF-8 JSON\n'
