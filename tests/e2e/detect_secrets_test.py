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

from ffaudit.integrations.detect_secrets.plugin import FILTER_ARGS
from testing.paths import ROOT

pytestmark = pytest.mark.e2e
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
COMPOSE_KEY = 'd13e07b2-1bba-4249-9fba-f05be193eb69'  # pragma: allowlist secret
INI_KEY = '938368e1-4c72-4c7e-bd03-a7fe5b0511fc'  # pragma: allowlist secret
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
    # detect-secrets' YAML and INI transformers drop list items and comments
    'docker-compose.yml': (
        'services:\n  bot:\n    image: bot\n    environment:\n'
        f'      - FIREFLIES_API_KEY={COMPOSE_KEY}\n      - LOG_LEVEL=info\n'
    ),
    'config/app.ini': f'[fireflies]\nurl = https://api.fireflies.ai/graphql\n; key = {INI_KEY}\n',
}
EXPECTED = {
    ('.env', 1),
    ('app/client.py', 4),
    ('config/app.ini', 3),
    ('config/settings.yaml', 2),
    ('deploy/prod.env', 1),
    ('docker-compose.yml', 5),
}
FOUND = (*KEYS, GENERIC_KEY, COMPOSE_KEY, INI_KEY)
SECRETS = (*FOUND, HEROKU_KEY, NEW_KEY)
# a real-world .env: plain detect-secrets finds lines 2-3 only on its second
# (eager-transformer) pass, which the plugin's answer on the raw pass used to cancel
OTHERS_ENV = (
    f'FIREFLIES_API_KEY={NEW_KEY}\n'
    'DB_PASSWORD=Sup3rS3cretPassw0rd\n'  # pragma: allowlist secret
    'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY\n'  # pragma: allowlist secret
)


def _run(
    args: Sequence[object], cwd: pathlib.Path, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ('FFAUDIT_VERIFY', 'NO_PROXY')}
    env['PATH'] = f'{BIN}{os.pathsep}{env["PATH"]}'
    # detect-secrets verifies by default: any plugin that tried the network gets a dead port
    env['HTTPS_PROXY'] = env['HTTP_PROXY'] = 'http://127.0.0.1:9'
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


def _hook_locations(proc: subprocess.CompletedProcess[str]) -> set[tuple[str, str, int]]:
    """(type, file, line) of each finding in detect-secrets-hook's text output."""
    rows = proc.stdout.splitlines()
    found = set()
    for kind, where in zip(rows, rows[1:], strict=False):
        if kind.startswith('Secret Type: ') and where.startswith('Location:    '):
            name, _, line = where.removeprefix('Location:    ').rpartition(':')
            found.add((kind.removeprefix('Secret Type: '), name, int(line)))
    return found


def _fireflies(found: set[tuple[str, str, int]]) -> set[tuple[str, int]]:
    return {(name, line) for kind, name, line in found if kind.startswith('Fireflies')}


@pytest.mark.parametrize('kind', ['checkout', 'installed'])
def test_detect_secrets_scan_as_typed_reports_what_ffaudit_scan_reports(repo, kind):
    # as a user types it: no filter flag, no --no-verify; detect-secrets' own filters stay on
    proc = _run([BIN / 'detect-secrets', 'scan', '--plugin', _plugin(kind, repo), '.'], repo)
    assert (proc.returncode, proc.stderr) == (0, '')
    _assert_no_secret(proc.stdout)
    baseline = json.loads(proc.stdout)
    assert _baseline_locations(baseline) == EXPECTED == _ffaudit_locations(repo)
    assert 'deploy.py' not in baseline['results']  # KeywordDetector still hides other UUIDs
    paths = {f['path'] for f in baseline['filters_used']}
    assert 'detect_secrets.filters.heuristic.is_potential_uuid' in paths  # stock names
    assert not any(p.startswith('ffaudit') for p in paths)


@pytest.mark.parametrize('kind', ['checkout', 'installed'])
def test_detect_secrets_hook_as_typed_reports_what_ffaudit_scan_reports(repo, kind):
    proc = _run([BIN / 'detect-secrets-hook', '--plugin', _plugin(kind, repo), *FILES], repo)
    assert proc.returncode == 1 and proc.stderr == '', proc.stdout + proc.stderr
    _assert_no_secret(proc.stdout)
    assert _fireflies(_hook_locations(proc)) == EXPECTED == _ffaudit_locations(repo)
    assert 'deploy.py' not in proc.stdout


# What other plugins find, and UUIDs detect-secrets' is_potential_uuid must still drop for them
OTHERS = {
    'others.env': OTHERS_ENV.replace(NEW_KEY, KEYS[0]),
    'app/ids.py': (
        f'client = Fireflies(api_key="{NEW_KEY}")\n'
        'password = get_password("hunter2")\n'
        'password = "s3cr3tpw"\n'  # pragma: allowlist secret
    ),
    'deploy/heroku.py': (
        f'HEROKU_API_KEY = "{HEROKU_KEY}"\n'
        f'auth_token = "{GENERIC_KEY[:-4]}0a1b"\n'
        'aws_secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY"\n'  # pragma: allowlist secret
        'AWS_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLF"\n'  # pragma: allowlist secret
    ),
}


@pytest.fixture
def mixed(repo):
    for name, text in OTHERS.items():
        (repo / name).write_text(text)
    _run(['git', 'add', '.'], repo)
    return repo


def _others(results: dict[str, Any]) -> set[tuple[str, str, int, str]]:
    return {
        (name, r['type'], r['line_number'], r['hashed_secret'])
        for name, items in results.items()
        for r in items
        if not r['type'].startswith('Fireflies')
    }


@pytest.mark.parametrize('kind', ['checkout', 'installed'])
def test_detect_secrets_scan_other_plugins_unchanged_by_plugin(mixed, kind):
    plain = _run([BIN / 'detect-secrets', 'scan', '.'], mixed)
    ours = _run([BIN / 'detect-secrets', 'scan', '--plugin', _plugin(kind, mixed), '.'], mixed)
    assert plain.returncode == ours.returncode == 0, plain.stderr + ours.stderr
    plain_results, our_results = (json.loads(p.stdout)['results'] for p in (plain, ours))
    assert _others(our_results) == _others(plain_results)
    kinds = {(name, kind, line) for name, kind, line, _ in _others(plain_results)}
    assert {('others.env', 'Secret Keyword', 2), ('app/ids.py', 'Secret Keyword', 3)} <= kinds
    assert ('deploy/heroku.py', 'Base64 High Entropy String', 3) in kinds
    assert ('deploy/heroku.py', 'AWS Access Key', 4) in kinds
    dropped = [
        ('app/ids.py', 1),
        ('app/ids.py', 2),
        ('deploy/heroku.py', 1),
        ('deploy/heroku.py', 2),
    ]
    assert not {k for k in kinds if k[::2] in dropped}  # UUIDs and indirect references
    expected = EXPECTED | {('others.env', 1), ('app/ids.py', 1)}
    assert _baseline_locations(json.loads(ours.stdout)) == expected == _ffaudit_locations(mixed)


def test_detect_secrets_hook_other_plugins_unchanged_by_plugin(mixed):
    files = [*sorted(FILES), *sorted(OTHERS)]
    plain = _run([BIN / 'detect-secrets-hook', *files], mixed)
    ours = _run([BIN / 'detect-secrets-hook', '--plugin', CHECKOUT_PLUGIN, *files], mixed)
    assert plain.returncode == ours.returncode == 1, plain.stderr + ours.stderr
    theirs = {f for f in _hook_locations(ours) if not f[0].startswith('Fireflies')}
    assert theirs == _hook_locations(plain)
    expected = EXPECTED | {('others.env', 1), ('app/ids.py', 1)}
    assert _fireflies(_hook_locations(ours)) == expected == _ffaudit_locations(mixed)


SPAWNED = """
import multiprocessing, sys
from detect_secrets.main import main
if __name__ == '__main__':
    multiprocessing.set_start_method(sys.argv[1])
    sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize('method', ['spawn', 'forkserver'])
def test_detect_secrets_scan_as_typed_in_spawned_workers(repo, method):
    # macOS and Windows spawn detect-secrets' pool workers, Python 3.14 forkservers them on
    # Linux: each worker loads the plugin from its path and must replace the filters too.
    (repo / 'spawned.py').write_text(SPAWNED)
    args = [sys.executable, 'spawned.py', method, 'scan', '--plugin', CHECKOUT_PLUGIN, '.']
    proc = _run(args, repo)
    assert (proc.returncode, proc.stderr) == (0, '')
    assert _baseline_locations(json.loads(proc.stdout)) == EXPECTED


def _kinds(proc: subprocess.CompletedProcess[str], name: str) -> set[tuple[str, int]]:
    assert proc.returncode == 0, proc.stderr
    return {(r['type'], r['line_number']) for r in json.loads(proc.stdout)['results'][name]}


@pytest.mark.parametrize(
    ('name', 'text'),
    [
        ('.env', OTHERS_ENV),
        ('settings.cfg', OTHERS_ENV),
        ('app.py', OTHERS_ENV.replace('=', ' = "').replace('\n', '"\n')),  # found on the raw pass
    ],
)
def test_detect_secrets_scan_plugin_keeps_other_plugins_findings(tmp_path, name, text):
    (tmp_path / name).write_text(text)
    scan = [BIN / 'detect-secrets', 'scan', '--no-verify', name]
    plain = _kinds(_run(scan, tmp_path), name)
    ours = _kinds(_run([*scan, '--plugin', CHECKOUT_PLUGIN, *FILTER_ARGS], tmp_path), name)
    assert {kind for kind in plain if kind[0] == 'Secret Keyword'}  # the case finds something
    assert ours == plain | {('Fireflies API Key', 1)}


def test_ds_hook_with_baseline_still_fails_on_other_plugins_secrets(tmp_path):
    (tmp_path / '.env').write_text(OTHERS_ENV.splitlines(keepends=True)[0])
    _run(['git', 'init', '-q'], tmp_path)
    _run(['git', 'add', '.env'], tmp_path)
    proc = _ds_scan(tmp_path, _installed_plugin(tmp_path))
    assert json.loads(proc.stdout)['results']['.env'], proc.stderr
    (tmp_path / '.secrets.baseline').write_text(proc.stdout)
    (tmp_path / '.env').write_text(OTHERS_ENV)
    hook = ['--baseline', '.secrets.baseline', '.env']
    plain = _run([BIN / 'detect-secrets-hook', *hook], tmp_path)
    ours = _run([BIN / 'ffaudit', 'ds-hook', *hook], tmp_path)
    assert plain.returncode == ours.returncode == 1, ours.stdout + ours.stderr
    assert 'Location:    .env:2' in ours.stdout and 'Location:    .env:3' in ours.stdout
    assert 'Location:    .env:1' not in ours.stdout  # the baseline holds the Fireflies key
    _assert_no_secret(ours.stdout, ours.stderr)


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
    proc = _run([BIN / 'detect-secrets', 'scan', '--plugin', plugin, '.'], repo)
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


def test_ds_hook_without_arguments_refuses_a_key_plain_hook_misses(repo):
    files = sorted(FILES)
    plain = _run([BIN / 'detect-secrets-hook', *files], repo)
    assert plain.returncode == 0, plain.stdout  # no plugin without a baseline
    ours = _run([BIN / 'ffaudit', 'ds-hook', *files], repo)
    assert ours.returncode == 1, ours.stdout + ours.stderr
    assert {(name, line) for name, line in EXPECTED if f'{name}:{line}' in ours.stdout} == EXPECTED
    assert 'deploy.py' not in ours.stdout
    _assert_no_secret(plain.stdout, plain.stderr, ours.stdout, ours.stderr)


@pytest.mark.parametrize('kind', ['checkout', 'installed'])
def test_ds_hook_with_baseline_keeps_it_portable_when_lines_move(repo, kind):
    text = _portable_baseline(repo, kind)
    files = [*sorted(FILES), '.secrets.baseline']
    hook = [BIN / 'ffaudit', 'ds-hook', '--baseline', '.secrets.baseline']
    assert _run([*hook, *files], repo).returncode == 0
    (repo / '.env').write_text(f'# moved\nFIREFLIES_API_KEY={KEYS[0]}\n')
    _run(['git', 'add', '.'], repo)
    moved = _run([*hook, *files], repo)
    assert moved.returncode == 3, moved.stdout + moved.stderr  # detect-secrets updated lines
    rewritten = json.loads((repo / '.secrets.baseline').read_text())
    assert rewritten['plugins_used'] == json.loads(text)['plugins_used']
    assert rewritten['results']['.env'][0]['line_number'] == 2
    (repo / 'new.env').write_text(f'FIREFLIES_API_KEY={NEW_KEY}\n')
    _run(['git', 'add', '.'], repo)
    dirty = _run([*hook, *files, 'new.env'], repo)
    assert dirty.returncode == 1 and 'Location:    new.env:1' in dirty.stdout, dirty.stdout
    _assert_no_secret(moved.stdout, moved.stderr, dirty.stdout, dirty.stderr)


def test_ds_hook_with_plain_detect_secrets_baseline_still_finds_keys(repo):
    plain = _run([BIN / 'detect-secrets', 'scan', '--no-verify'], repo)
    (repo / '.secrets.baseline').write_text(plain.stdout)
    _run(['git', 'add', '.'], repo)
    hook = [BIN / 'ffaudit', 'ds-hook', '--baseline', '.secrets.baseline', '.env']
    proc = _run(hook, repo)
    assert proc.returncode == 1 and 'Location:    .env:1' in proc.stdout, proc.stdout
    assert (repo / '.secrets.baseline').read_text() == plain.stdout


def test_ds_audit_report_and_stats_work_without_leaking(repo):
    _portable_baseline(repo, 'installed')
    report = _run([BIN / 'ffaudit', 'ds-audit', '.secrets.baseline', '--report'], repo)
    stats = _run([BIN / 'ffaudit', 'ds-audit', '.secrets.baseline', '--stats'], repo)
    assert report.returncode == stats.returncode == 0, report.stderr + stats.stderr
    _assert_no_secret(report.stdout, report.stderr, stats.stdout, stats.stderr)
    results = json.loads(report.stdout)['results']
    lines = {(r['filename'], int(n)): text for r in results for n, text in r['lines'].items()}
    assert set(lines) == EXPECTED
    # a line detect-secrets' YAML transformer drops is shown raw (and redacted)
    assert lines['docker-compose.yml', 5] == f'      - FIREFLIES_API_KEY={COMPOSE_KEY[:4]}...'
    assert {r['secrets'] for r in results} == {f'{k[:4]}...' for k in FOUND}
    assert json.loads(stats.stdout)['FirefliesDetector']['stats']['raw'] == {
        'true-positives': 0,
        'false-positives': 0,
        'unknown': len(EXPECTED),
    }


def test_ds_audit_interactive_labels_findings_and_redacts_them(repo):
    _portable_baseline(repo, 'installed')
    answers = 'y\nn\n' * 3  # stdin and stdout are pipes, as under CI
    proc = _run([BIN / 'ffaudit', 'ds-audit', '.secrets.baseline'], repo, stdin=answers)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr
    _assert_no_secret(proc.stdout, proc.stderr)
    assert all(f'{key[:4]}...' in proc.stdout for key in FOUND)
    assert f'5:      - FIREFLIES_API_KEY={COMPOSE_KEY[:4]}...' in proc.stdout
    baseline = json.loads((repo / '.secrets.baseline').read_text())
    _assert_no_secret(json.dumps(baseline))
    labels = {name: [i['is_secret'] for i in items] for name, items in baseline['results'].items()}
    # "Should this string be committed?": y labels a false positive, n a real secret
    assert labels == {
        '.env': [False],
        'app/client.py': [True],
        'config/app.ini': [False],
        'config/settings.yaml': [True],
        'deploy/prod.env': [False],
        'docker-compose.yml': [True],
    }


def test_ds_audit_interactive_shows_secrets_only_when_asked(repo):
    _portable_baseline(repo, 'installed')
    args = [BIN / 'ffaudit', 'ds-audit', '.secrets.baseline', '--show-secrets']
    proc = _run(args, repo, stdin='q\n')
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr
    assert f'1:FIREFLIES_API_KEY={KEYS[0]}' in proc.stdout  # the first finding, .env line 1


def test_ds_audit_malformed_baseline_is_one_line_exit_2(repo):
    (repo / 'bad.baseline').write_text('{not json')
    proc = _run([BIN / 'ffaudit', 'ds-audit', 'bad.baseline', '--stats'], repo)
    assert (proc.returncode, proc.stdout) == (2, '')
    assert proc.stderr == (
        'ffaudit: error: malformed baseline bad.baseline: not valid JSON (line 1, column 2)\n'
    )


@pytest.mark.parametrize(
    'module', ['ffaudit.integrations.detect_secrets.plugin', 'ffaudit.ds_plugin']
)
def test_baseline_written_with_old_filter_flags_keeps_working(repo, module):
    proc = _ds_scan(repo, str(CHECKOUT_PLUGIN))
    text = proc.stdout.replace('ffaudit.integrations.detect_secrets.plugin.', f'{module}.')
    assert f'"{module}.uuid_unless_fireflies"' in text
    (repo / '.secrets.baseline').write_text(text)
    (repo / 'new.env').write_text(f'FIREFLIES_API_KEY={NEW_KEY}\n')
    _run(['git', 'add', '.'], repo)
    old = [*sorted(FILES), '.secrets.baseline']
    for hook in (
        [BIN / 'detect-secrets-hook', '--baseline', '.secrets.baseline'],
        [BIN / 'ffaudit', 'ds-hook', '--baseline', '.secrets.baseline'],
    ):
        clean = _run([*hook, *old], repo)
        assert (clean.returncode, clean.stderr) == (0, ''), clean.stdout + clean.stderr
        dirty = _run([*hook, *old, 'new.env'], repo)
        assert _fireflies(_hook_locations(dirty)) == {('new.env', 1)}, dirty.stdout
        _assert_no_secret(clean.stdout, dirty.stdout, dirty.stderr)
    rescan = _run([BIN / 'detect-secrets', 'scan', '--baseline', '.secrets.baseline'], repo)
    assert rescan.returncode == 0, rescan.stderr
    rescanned = json.loads((repo / '.secrets.baseline').read_text())
    assert _baseline_locations(rescanned) == EXPECTED | {('new.env', 1)}


# A detect-secrets release that binds its default filters before any plugin loads.
BOUND = """
import functools, sys
from detect_secrets import settings
from detect_secrets.filters import heuristic
from detect_secrets.util.inject import get_injectable_variables
bound = {f'detect_secrets.filters.heuristic.{n}': getattr(heuristic, n) for n in dir(heuristic)}
resolve = settings.get_filters.__wrapped__
@functools.lru_cache(maxsize=1)
def get_filters():
    out = []
    for function in resolve():
        early = bound.get(function.path, function)
        early.injectable_variables = set(get_injectable_variables(early))
        early.path = function.path
        out.append(early)
    return out
settings.get_filters = get_filters
from detect_secrets.core import scan
scan.get_filters = get_filters
if __name__ == '__main__':
    from detect_secrets.main import main
    sys.exit(main(sys.argv[1:]))
"""


def test_plugin_warns_once_where_detect_secrets_makes_it_impossible(repo):
    (repo / 'bound.py').write_text(BOUND)
    typed = _run([sys.executable, 'bound.py', 'scan', '--plugin', CHECKOUT_PLUGIN, '.'], repo)
    assert typed.returncode == 0, typed.stderr
    assert typed.stderr == (
        'ffaudit: detect-secrets 1.5.0 drops Fireflies keys through filters the plugin cannot '
        'replace: add $(ffaudit plugin-path --filter) to the command, or use ffaudit ds-hook\n'
    )  # one line, though each of the pool's workers builds the plugin too
    assert _baseline_locations(json.loads(typed.stdout)) == set()
    flags = _run([BIN / 'ffaudit', 'plugin-path', '--filter'], repo).stdout.split()
    fixed = _run([sys.executable, 'bound.py', 'scan', '--plugin', CHECKOUT_PLUGIN, *flags], repo)
    assert (fixed.returncode, fixed.stderr) == (0, '')
    assert _baseline_locations(json.loads(fixed.stdout)) == EXPECTED
