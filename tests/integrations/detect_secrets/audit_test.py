"""ds-audit helpers: what the interactive audit shows is redacted, and the baseline is intact."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest
from detect_secrets.audit import io
from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
from detect_secrets.core.potential_secret import PotentialSecret
from detect_secrets.settings import transient_settings
from detect_secrets.types import SecretContext
from detect_secrets.util.code_snippet import get_code_snippet

from ffaudit.integrations.detect_secrets import audit
from ffaudit.integrations.detect_secrets import hook
from ffaudit.integrations.detect_secrets.plugin import FILTER_ARGS

BIN = pathlib.Path(sys.executable).parent

KEY = '5dd35bce-7da0-49c9-b4ea-4468ffa10aaf'  # pragma: allowlist secret
NEIGHBOUR = '07e0e45d-c689-40c4-9f21-4c261d5530fa'  # pragma: allowlist secret
WEBHOOK = 'h7Kq2Zp9Xw4Rt6Ym1Bv3'  # pragma: allowlist secret


def test_redact_lines_hides_given_secrets_and_every_uuid4():
    lines = [f'hook_secret = "{WEBHOOK}"', f'other = "{NEIGHBOUR}"', 'plain text']
    assert audit.redact_lines(lines, [WEBHOOK, '']) == [
        'hook_secret = "h7Kq..."',
        'other = "07e0..."',
        'plain text',
    ]


def test_redacting_print_context_shows_previews_only(tmp_path, capsys):
    path = tmp_path / 'settings.py'
    lines = [f'FIREFLIES_API_KEY = "{KEY}"', f'FIREFLIES_WEBHOOK_SECRET = "{WEBHOOK}"']
    path.write_text('\n'.join(lines) + '\n')
    secret = PotentialSecret('Fireflies API Key', str(path), KEY, line_number=1)
    snippet = get_code_snippet(lines, 1)
    audit._redacting(io.print_context)(SecretContext(1, 1, secret, snippet=snippet))
    out = capsys.readouterr().out
    assert KEY not in out and WEBHOOK not in out  # the neighbour line comes from our own scan
    assert 'FIREFLIES_API_KEY = "' in out and '5dd3...' in out and 'h7Kq...' in out
    assert secret.secret_value == KEY  # the baseline entry keeps its value and hash
    assert secret.secret_hash == PotentialSecret.hash_secret(KEY)


@pytest.fixture
def audited(tmp_path, monkeypatch):
    """A repository with a compose file, its detect-secrets baseline, and clean global state."""
    monkeypatch.chdir(tmp_path)
    compose = (
        f'services:\n  bot:\n    image: bot\n    environment:\n      - FIREFLIES_API_KEY={KEY}\n'
    )
    (tmp_path / 'docker-compose.yml').write_text(compose)
    plugin = ['--plugin', hook.plugin_file(), *FILTER_ARGS]
    scan = [str(BIN / 'detect-secrets'), 'scan', *plugin, '--no-verify', 'docker-compose.yml']
    proc = subprocess.run(scan, cwd=tmp_path, capture_output=True, text=True, check=True)
    (tmp_path / 'b.json').write_text(proc.stdout)
    with transient_settings({}):
        yield tmp_path
    get_mapping_from_secret_type_to_class.cache_clear()


def test_audit_report_and_stats_in_process(audited):
    report = audit.audit_report('b.json')
    assert report['results'] == [
        {
            'secrets': '5dd3...',
            'filename': 'docker-compose.yml',
            'lines': {5: '      - FIREFLIES_API_KEY=5dd3...'},  # past the YAML transformer's end
            'types': ['Fireflies API Key'],
            'category': 'UNVERIFIED',
        }
    ]
    assert audit.audit_report('b.json', 'real')['results'] == report['results']  # unverified
    assert audit.audit_report('b.json', 'false')['results'] == []
    raw = audit.audit_stats('b.json')['FirefliesDetector']['stats']['raw']
    assert raw == {'true-positives': 0, 'false-positives': 0, 'unknown': 1}


@pytest.mark.parametrize('show', [False, True], ids=['redacted', 'shown'])
def test_audit_interactive_labels_and_redacts_unless_asked(audited, monkeypatch, capsys, show):
    monkeypatch.setattr('builtins.input', lambda prompt: 'n')
    monkeypatch.setattr(io, 'clear_screen', lambda: None)
    audit.audit_interactive('b.json', show_secrets=show)
    out = capsys.readouterr().out
    assert (KEY in out) is show
    assert ('5:      - FIREFLIES_API_KEY=5dd3...' in out) is not show
    labelled = json.loads((audited / 'b.json').read_text())['results']['docker-compose.yml']
    assert [item['is_secret'] for item in labelled] == [True]
    assert io.print_context.__module__ == 'detect_secrets.audit.io'  # patches undone
