"""The detect-secrets plugin: per-line answers, the replacement filters, opt-in verification."""

from __future__ import annotations

import json
import pathlib
import subprocess
from collections.abc import Iterable
from collections.abc import Iterator
from typing import NoReturn

import pytest
from click.testing import CliRunner
from detect_secrets.constants import VerifiedResult
from detect_secrets.core.potential_secret import PotentialSecret
from detect_secrets.core.secrets_collection import SecretsCollection
from detect_secrets.filters import heuristic
from detect_secrets.settings import get_filters
from detect_secrets.settings import transient_settings
from detect_secrets.util.code_snippet import get_code_snippet

from ffaudit.cli import cli
from ffaudit.fireflies.diagnosis import Diagnosis
from ffaudit.fireflies.diagnosis import Verdict
from ffaudit.integrations.detect_secrets import baselines
from ffaudit.integrations.detect_secrets import heuristics
from ffaudit.integrations.detect_secrets import plugin
from ffaudit.integrations.detect_secrets import session
from ffaudit.model import Finding
from ffaudit.scan import files
from testing.paths import ROOT

PLUGIN = ROOT / 'plugins' / 'fireflies.py'
INSTALLED = pathlib.Path(plugin.__file__)
KEY = 'e0d6790f-6fae-4372-9550-6890f51e952e'  # pragma: allowlist secret
OTHER_KEY = 'c1db9742-5229-4e6b-974e-988222db701e'  # pragma: allowlist secret
HEROKU_KEY = '6a57373a-ffb7-48e8-a386-52bd65a64e36'  # pragma: allowlist secret
DEFAULT_FILTERS = [
    'detect_secrets.filters.allowlist.is_line_allowlisted',
    'detect_secrets.filters.heuristic.is_sequential_string',
    'detect_secrets.filters.heuristic.is_likely_id_string',
    'detect_secrets.filters.heuristic.is_templated_secret',
    'detect_secrets.filters.heuristic.is_prefixed_with_dollar_sign',
    'detect_secrets.filters.heuristic.is_lock_file',
    'detect_secrets.filters.heuristic.is_not_alphanumeric_string',
    'detect_secrets.filters.heuristic.is_swagger_file',
]
REPLACED = [
    'detect_secrets.filters.heuristic.is_potential_uuid',
    'detect_secrets.filters.heuristic.is_indirect_reference',
]
OURS = [
    'ffaudit.integrations.detect_secrets.plugin.uuid_unless_fireflies',
    'ffaudit.integrations.detect_secrets.plugin.indirect_reference_unless_fireflies',
]
HITS = [
    pytest.param(f'FIREFLIES_API_KEY={KEY}', id='dotenv'),
    pytest.param(f'fireflies_api_token = "{KEY}"', id='python'),
    pytest.param(f'const firefliesApiKey = "{KEY}";', id='js'),
    pytest.param(f'curl "https://api.fireflies.ai/graphql?api_key={KEY}"', id='query'),
]
NOOPS = [
    pytest.param('FIREFLIES_API_KEY = os.environ["FIREFLIES_API_KEY"]', id='env-lookup'),
    pytest.param(f'API_KEY = "{KEY}"', id='no-context'),
    pytest.param(f'HEROKU_API_KEY={KEY}', id='other-vendor'),
    pytest.param(f'FIREFLIES_API_KEY={KEY}  # pragma: allowlist secret', id='allowlisted'),
    pytest.param('FIREFLIES_API_KEY=xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', id='placeholder'),
]


@pytest.fixture(autouse=True)
def fresh_session(monkeypatch: pytest.MonkeyPatch) -> session.Session:
    # the plugin's one piece of process state: each test starts from a new detect-secrets run
    fresh = session.Session()
    monkeypatch.setattr(plugin, 'SESSION', fresh)
    return fresh


def _values(secrets: Iterable[PotentialSecret]) -> list[str]:
    return sorted(s.secret_value or '' for s in secrets)


def _scan(
    path: pathlib.Path,
    plugin_file: pathlib.Path | None = PLUGIN,
    filters: list[str] | None = None,
    keyword: bool | None = None,
) -> list[tuple[str, int, str | None]]:
    """Scan ``path`` with our plugin (unless None), KeywordDetector if asked (default: with
    ``filters``) and ``filters``, or detect-secrets' default filters if None."""
    settings: dict[str, list[dict[str, str]]] = {'plugins_used': []}
    if plugin_file is not None:
        settings['plugins_used'].append(
            {'name': 'FirefliesDetector', 'path': f'file://{plugin_file}'}
        )
    if keyword or (keyword is None and filters is not None):
        settings['plugins_used'].append({'name': 'KeywordDetector'})
    if filters is not None:
        settings['filters_used'] = [{'path': p} for p in filters]
    with transient_settings(settings):
        collection = SecretsCollection()
        collection.scan_file(str(path))
    return [(s.type, s.line_number, s.secret_value) for _, s in collection]


@pytest.mark.parametrize('line', HITS)
def test_analyze_line_hits_in_file(tmp_path, line):
    path = tmp_path / 'config.txt'
    path.write_text(f'# settings\n{line}\n')
    found = plugin.FirefliesDetector().analyze_line(str(path), line, 2)
    assert [(s.line_number, s.type) for s in found] == [(2, 'Fireflies API Key')]
    assert _values(found) == [KEY]


@pytest.mark.parametrize('line', HITS)
def test_analyze_line_hits_without_file(line):
    found = plugin.FirefliesDetector().analyze_line('adhoc-string-scan', line, 0)
    assert _values(found) == [KEY]


@pytest.mark.parametrize('line', NOOPS)
def test_analyze_line_noop(tmp_path, line):
    path = tmp_path / 'config.txt'
    path.write_text(f'{line}\n')
    assert plugin.FirefliesDetector().analyze_line(str(path), line, 1) == set()
    assert plugin.FirefliesDetector().analyze_line('adhoc-string-scan', line, 0) == set()


def test_analyze_line_uses_whole_file_context(tmp_path):
    path = tmp_path / 'client.py'
    line = f'    token = "{KEY}"'
    path.write_text(f'URL = "https://api.fireflies.ai/graphql"\n\ndef headers():\n{line}\n')
    assert _values(plugin.FirefliesDetector().analyze_line(str(path), line, 4)) == [KEY]
    assert plugin.FirefliesDetector().analyze_line(str(path), line, 3) == set()


def test_analyze_line_answers_by_line_number_for_transformed_lines(tmp_path):
    # detect-secrets' YAML transformer hands a list item over as an empty line
    path = tmp_path / 'compose.yml'
    path.write_text(f'services:\n  bot:\n    environment:\n      - FIREFLIES_API_KEY={KEY}\n')
    found = plugin.FirefliesDetector().analyze_line(str(path), '', 4)
    assert [(s.line_number, s.secret_value) for s in found] == [(4, KEY)]
    assert plugin.FirefliesDetector().analyze_line(str(path), '', 3) == set()


def test_analyze_line_near_end_of_line_list_reports_keys_below_it(tmp_path):
    path = tmp_path / 'compose.yml'
    text = (
        f'image: bot\nenvironment:\n  - FIREFLIES_API_KEY={KEY}\n# FIREFLIES_API_KEY={OTHER_KEY}\n'
    )
    path.write_text(text)
    transformed = ['image: "bot"']  # what the YAML transformer yields: it stops at line 1
    snippet = get_code_snippet(transformed, 1)
    found = plugin.FirefliesDetector().analyze_line(str(path), transformed[0], 1, snippet)
    assert sorted((s.line_number, s.secret_value) for s in found) == [(3, KEY), (4, OTHER_KEY)]
    assert plugin.FirefliesDetector().analyze_line(str(path), transformed[0], 1) == set()
    full = get_code_snippet(['image: "bot"', *[''] * 6], 1)  # more lines follow: not the end
    assert plugin.FirefliesDetector().analyze_line(str(path), transformed[0], 1, full) == set()


PARITY = [
    pytest.param(
        'docker-compose.yml',
        f'services:\n  bot:\n    image: bot\n    environment:\n'
        f'      - FIREFLIES_API_KEY={KEY}\n      - LOG_LEVEL=info\n',
        id='compose-list-last',
    ),
    pytest.param(
        'compose.yaml',
        f'services:\n  bot:\n    environment:\n      - FIREFLIES_API_KEY={KEY}\n    image: bot\n',
        id='compose-list-blanked',
    ),
    pytest.param(
        'values.yaml',
        f'image: bot\n# old: FIREFLIES_API_KEY={KEY}\nreplicas: 2\n'
        f'# FIREFLIES_API_KEY={OTHER_KEY}\n',
        id='yaml-comments',
    ),
    pytest.param(
        'settings.ini',
        f'[fireflies]\nurl = https://api.fireflies.ai/graphql\n; api_key = {KEY}\n',
        id='ini-comment',
    ),
    pytest.param(
        'setup.cfg',
        f'[tool]\nname = bot\n\n[env]\nvars =\n  FIREFLIES_API_KEY={KEY}\n'
        f'# FIREFLIES_API_KEY={OTHER_KEY}\n',
        id='ini-multiline',
    ),
]


@pytest.mark.parametrize(('name', 'text'), PARITY)
def test_scan_file_reports_what_ffaudit_reports_on_transformed_files(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    ours = files.scan_paths([str(path)]).findings
    found = _scan(path, PLUGIN, DEFAULT_FILTERS + OURS)
    assert ours  # the case is a real finding for ffaudit scan
    assert sorted((f[1], f[2]) for f in found) == sorted((f.line, _value(text, f)) for f in ours)


def _value(text: str, finding: Finding) -> str:
    line = text.splitlines()[finding.line - 1]
    return line[finding.column - 1 : finding.column - 1 + 36]


def test_scan_file_cannot_see_files_detect_secrets_cannot_decode(tmp_path):
    # The documented limit: detect-secrets reads files as UTF-8 and silently skips the rest, so
    # its plugins never see a UTF-16 file that ffaudit scan decodes and reports.
    path = tmp_path / '.env'
    path.write_text(f'FIREFLIES_API_KEY={KEY}\n', encoding='utf-16')
    assert [f.line for f in files.scan_paths([str(path)]).findings] == [1]
    assert _scan(path, PLUGIN, DEFAULT_FILTERS + OURS) == []


def test_analyze_line_sees_file_changes(tmp_path):
    path = tmp_path / '.env'
    path.write_text(f'FIREFLIES_API_KEY={KEY}\n')
    assert _values(plugin.FirefliesDetector().analyze_line(str(path), KEY, 1)) == [KEY]
    path.write_text(f'FIREFLIES_API_KEY={OTHER_KEY}  \n')
    assert _values(plugin.FirefliesDetector().analyze_line(str(path), OTHER_KEY, 1)) == [OTHER_KEY]


def test_webhook_detector_reports_only_webhook_secrets(tmp_path):
    path = tmp_path / '.env'
    path.write_text(f'FIREFLIES_API_KEY={KEY}\n')
    assert plugin.FirefliesWebhookSecretDetector().analyze_line(str(path), KEY, 1) == set()


@pytest.fixture
def stock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """detect-secrets' own heuristics, as in a process that never loaded our plugin."""
    for name, original in heuristics.ORIGINALS.items():
        monkeypatch.setattr(heuristic, name, original)
    get_filters.cache_clear()
    yield
    get_filters.cache_clear()


SETTINGS_PY = (
    f'FIREFLIES_API_KEY = "{KEY}"\n'
    f'HEROKU_API_KEY = "{HEROKU_KEY}"\n'
    f'client = Fireflies(api_key="{OTHER_KEY}")\n'
    'password = get_password("hunter2")\n'
    'password = "s3cr3tpw"\n'
)


@pytest.mark.parametrize('plugin_file', [PLUGIN, INSTALLED], ids=['checkout', 'installed'])
def test_scan_file_default_filters_keep_our_keys_only(tmp_path, plugin_file):
    # loading the plugin is enough: no filter flags
    path = tmp_path / 'settings.py'
    path.write_text(SETTINGS_PY)
    assert _scan(path, plugin_file, keyword=True) == [
        ('Fireflies API Key', 1, KEY),
        ('Fireflies API Key', 3, OTHER_KEY),
        ('Secret Keyword', 5, 's3cr3tpw'),
    ]


def test_scan_file_other_plugins_report_what_stock_detect_secrets_reports(tmp_path, request):
    path = tmp_path / 'settings.py'
    path.write_text(SETTINGS_PY)
    ours = [f for f in _scan(path, PLUGIN, keyword=True) if f[0] == 'Secret Keyword']
    request.getfixturevalue('stock')
    assert _scan(path, None, keyword=True) == ours == [('Secret Keyword', 5, 's3cr3tpw')]


def test_stock_heuristics_drop_our_keys(tmp_path, stock):
    # why the plugin replaces them: detect-secrets' own UUID filter drops every Fireflies key
    path = tmp_path / '.env'
    path.write_text(f'FIREFLIES_API_KEY={KEY}\n')
    assert _scan(path, PLUGIN) == []


@pytest.mark.parametrize('plugin_file', [PLUGIN, INSTALLED], ids=['checkout', 'installed'])
def test_scan_file_replacement_filters_keep_our_keys_only(tmp_path, plugin_file):
    path = tmp_path / 'settings.py'
    path.write_text(
        f'FIREFLIES_API_KEY = "{KEY}"\n'
        f'HEROKU_API_KEY = "{HEROKU_KEY}"\n'
        f'client = Fireflies(api_key="{OTHER_KEY}")\n'
        'password = get_password("hunter2")\n'
    )
    found = _scan(path, plugin_file, DEFAULT_FILTERS + OURS)
    assert found == [('Fireflies API Key', 1, KEY), ('Fireflies API Key', 3, OTHER_KEY)]


def test_scan_file_keyword_detector_unchanged_by_replacement(tmp_path, request):
    path = tmp_path / 'settings.py'
    path.write_text(
        f'HEROKU_API_KEY = "{HEROKU_KEY}"\n'
        'password = get_password("hunter2")\n'
        'password = "s3cr3tpw"\n'
    )
    ours = _scan(path, PLUGIN, DEFAULT_FILTERS + OURS)
    request.getfixturevalue('stock')
    stock = _scan(path, PLUGIN, DEFAULT_FILTERS + REPLACED)
    assert ours == stock == [('Secret Keyword', 3, 's3cr3tpw')]


def test_verify_is_off_without_opt_in(monkeypatch):
    monkeypatch.delenv(plugin.VERIFY_ENV, raising=False)
    monkeypatch.setattr('ffaudit.fireflies.probe.probe_key', _explode)
    assert plugin.FirefliesDetector().verify(KEY) is VerifiedResult.UNVERIFIED


def _explode(*args: object) -> NoReturn:
    raise RuntimeError('network used')


def test_verify_catches_every_exception(monkeypatch):
    monkeypatch.setenv(plugin.VERIFY_ENV, '1')
    monkeypatch.setattr('ffaudit.fireflies.probe.probe', _explode)
    assert _values(plugin.FirefliesDetector().analyze_line('x', f'FIREFLIES_API_KEY={KEY}'))
    assert plugin.verify_key(KEY) is VerifiedResult.UNVERIFIED


def _probe_recording(calls: list[str]):
    def probe(
        key, endpoint, timeout
    ):  # the scan --verify seam: ffaudit.scan.verify -> remote.probe
        calls.append(key)
        verdict = Verdict.ACCEPTED if key == KEY else Verdict.REJECTED
        return Diagnosis(verdict, 'auth', 'ok'), 0

    return probe


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """FFAUDIT_VERIFY=1, and the keys the plugin sends to (a fake) Fireflies, in order."""
    sent: list[str] = []
    monkeypatch.setenv(plugin.VERIFY_ENV, '1')
    monkeypatch.setattr('ffaudit.fireflies.probe.probe', _probe_recording(sent))
    return sent


def test_verify_opt_in_asks_once_per_secret(calls, tmp_path):
    path = tmp_path / 'keys.env'
    path.write_text(f'FIREFLIES_API_KEY={KEY}\nFIREFLIES_TOKEN={OTHER_KEY}\n')
    assert _scan(path, PLUGIN, DEFAULT_FILTERS + OURS) == [
        ('Fireflies API Key', 1, KEY),
        ('Fireflies API Key', 2, OTHER_KEY),
    ]
    results = [plugin.verify_key(k) for k in (KEY, KEY, OTHER_KEY, OTHER_KEY)]
    assert results == [VerifiedResult.VERIFIED_TRUE] * 2 + [VerifiedResult.UNVERIFIED] * 2
    assert calls == [KEY, OTHER_KEY]


def test_verify_never_sends_a_key_that_is_also_another_vendors(calls, tmp_path):
    # the same value bound to HEROKU_API_KEY is never sent, by the
    # plugin as by scan --verify; a key in a file that merely mentions Heroku is
    path = tmp_path / 'deploy.env'
    path.write_text(
        f'# pushed to Heroku by CI\nFIREFLIES_API_KEY={KEY}\nHEROKU_API_KEY={KEY}\n'
        f'FIREFLIES_BACKUP_KEY={OTHER_KEY}\n'
    )
    found = _scan(path, PLUGIN, DEFAULT_FILTERS + OURS)
    assert found == [('Fireflies API Key', 2, KEY), ('Fireflies API Key', 4, OTHER_KEY)]
    assert plugin.verify_key(KEY) is VerifiedResult.UNVERIFIED
    assert plugin.verify_key(OTHER_KEY) is VerifiedResult.UNVERIFIED  # sent, rejected
    result, ring = files.scan_paths_keys([str(path)])
    assert [ring.overlap_of(f.fingerprint) for f in result.findings] == ['heroku', '']
    assert calls == [OTHER_KEY]


def test_verify_only_after_detect_secrets_filters_and_marks_verified(calls, tmp_path):
    # BasePlugin.analyze_line verifies before the filters run: ours never does, so a key that
    # --exclude-secrets drops is never sent; the verification filter (after them) asks once.
    path = tmp_path / 'keys.env'
    path.write_text(f'FIREFLIES_API_KEY={KEY}\nFIREFLIES_TOKEN={OTHER_KEY}\n')
    settings = {
        'plugins_used': [{'name': 'FirefliesDetector', 'path': f'file://{PLUGIN}'}],
        'filters_used': [
            {
                'path': 'detect_secrets.filters.common.is_ignored_due_to_verification_policies',
                'min_level': 2,
            },
            {
                'path': 'detect_secrets.filters.regex.should_exclude_secret',
                'pattern': [OTHER_KEY[:8]],
            },
        ],
    }
    with transient_settings(settings):
        collection = SecretsCollection()
        collection.scan_file(str(path))
    assert [(s.line_number, s.is_verified) for _, s in collection] == [(1, True)]
    assert calls == [KEY]


def test_verify_never_sends_a_key_it_did_not_report(calls):
    assert plugin.verify_key(KEY) is VerifiedResult.UNVERIFIED  # its context is unknown
    found = plugin.FirefliesDetector().analyze_line('x', f'FIREFLIES_API_KEY={KEY}')
    assert _values(found) == [KEY]  # judged alone (detect-secrets scan --string)
    assert plugin.verify_key(KEY) is VerifiedResult.VERIFIED_TRUE
    assert calls == [KEY] and KEY not in repr(plugin.SESSION)


def test_analyze_line_promotes_only_configuration_files(tmp_path):
    # the plugin applies the same rule as ffaudit scan
    (tmp_path / 'client.py').write_text('URL = "https://api.fireflies.ai/graphql"\n')
    (tmp_path / 'tests').mkdir()
    for name in ('settings.py', 'tests/prod.env', 'prod.env'):
        (tmp_path / name).write_text(f'API_KEY = "{OTHER_KEY}"\n')
    subprocess.run(['git', 'init', '-q'], cwd=tmp_path, check=True)
    found = {
        name: _values(plugin.FirefliesDetector().analyze_line(str(tmp_path / name), 'API_KEY', 1))
        for name in ('settings.py', 'tests/prod.env', 'prod.env')
    }
    assert found == {'settings.py': [], 'tests/prod.env': [], 'prod.env': [OTHER_KEY]}


@pytest.mark.parametrize('in_git', [True, False], ids=['repo-talks', 'no-repo'])
def test_analyze_line_applies_repository_context(tmp_path, in_git):
    (tmp_path / 'client.py').write_text('URL = "https://api.fireflies.ai/graphql"\n')
    path = tmp_path / 'prod.env'
    path.write_text(f'API_KEY={OTHER_KEY}\n')
    if in_git:
        subprocess.run(['git', 'init', '-q'], cwd=tmp_path, check=True)
        subprocess.run(['git', 'add', '.'], cwd=tmp_path, check=True)
    found = plugin.FirefliesDetector().analyze_line(str(path), f'API_KEY={OTHER_KEY}', 1)
    assert _values(found) == ([OTHER_KEY] if in_git else [])


def test_analyze_line_never_counts_ffaudit_reports_as_repository_context(tmp_path, monkeypatch):
    (tmp_path / 'leak.env').write_text(f'FIREFLIES_API_KEY={KEY}\n')
    sarif = CliRunner().invoke(cli, ['scan', '--format', 'sarif', str(tmp_path / 'leak.env')])
    assert sarif.exit_code == 1 and 'FIREFLIES_API_KEY' in sarif.stdout  # its rule help text
    repo = tmp_path / 'repo'
    repo.mkdir()
    (repo / 'ffaudit.sarif').write_text(sarif.stdout)
    line = f'TOKEN={OTHER_KEY}'  # a CRM token: no Fireflies code in this repository
    (repo / 'crm.env').write_text(f'{line}\n')
    subprocess.run(['git', 'init', '-q'], cwd=repo, check=True)
    assert plugin.FirefliesDetector().analyze_line(str(repo / 'crm.env'), line, 1) == set()
    (repo / 'client.py').write_text('URL = "https://api.fireflies.ai/graphql"\n')  # untracked
    monkeypatch.setattr(plugin, 'SESSION', session.Session())  # a new detect-secrets run
    found = plugin.FirefliesDetector().analyze_line(str(repo / 'crm.env'), line, 1)
    assert _values(found) == [OTHER_KEY]


def test_cli_plugin_path_prints_installed_file_and_filters():
    runner = CliRunner()
    path = runner.invoke(cli, ['plugin-path'])
    flags = runner.invoke(cli, ['plugin-path', '--filter'])
    assert (path.exit_code, path.stdout) == (0, f'{INSTALLED}\n')
    assert (flags.exit_code, flags.stdout) == (0, ' '.join(plugin.FILTER_ARGS) + '\n')


def test_cli_plugin_path_help_shows_the_simplest_invocation():
    result = CliRunner().invoke(cli, ['plugin-path', '--help'])
    assert result.exit_code == 0
    assert 'detect-secrets scan --plugin "$(ffaudit plugin-path)" . > .secrets.baseline' in (
        result.stdout
    )
    assert 'ffaudit plugin-path --filter' not in result.stdout  # no flag needed


def test_cli_ds_portable_needs_shim_for_plugin_outside_repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    plugins = [{'name': 'FirefliesDetector', 'path': f'file://{INSTALLED}'}]
    (tmp_path / 'b.json').write_text(json.dumps({'plugins_used': plugins, 'results': {}}))
    refused = CliRunner().invoke(cli, ['ds-portable', 'b.json'])
    assert refused.exit_code == 2
    hint = 'pass --shim PATH to write a repo copy'
    assert refused.stderr == f'ffaudit: error: {INSTALLED} lies outside {tmp_path}: {hint}\n'
    done = CliRunner().invoke(cli, ['ds-portable', 'b.json', '--shim', 'tools/ff.py'])
    assert done.exit_code == 0, done.stderr
    assert json.loads((tmp_path / 'b.json').read_text())['plugins_used'][0]['path'] == (
        'file://tools/ff.py'
    )
    assert (tmp_path / 'tools' / 'ff.py').read_text() == baselines.SHIM


def test_make_portable_relativises_paths_inside_root(tmp_path):
    data = {
        'plugins_used': [{'name': 'FirefliesDetector', 'path': f'file://{tmp_path}/t/ff.py'}],
        'filters_used': [{'path': f'file://{tmp_path}/t/f.py::fn'}, {'path': 'a.b.c'}],
    }
    portable = baselines.make_portable(data, str(tmp_path))
    assert portable['plugins_used'][0]['path'] == 'file://t/ff.py'
    assert [f['path'] for f in portable['filters_used']] == ['file://t/f.py::fn', 'a.b.c']
    assert data['plugins_used'][0]['path'] == f'file://{tmp_path}/t/ff.py'  # input untouched


def test_shim_is_the_checkout_plugin_file():
    # the shim written by ds-portable and plugins/fireflies.py are one text
    assert baselines.SHIM == PLUGIN.read_text(encoding='utf-8')
