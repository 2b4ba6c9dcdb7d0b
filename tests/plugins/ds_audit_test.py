"""ds-audit helpers: what the interactive audit shows is redacted, and the baseline is intact."""

from __future__ import annotations

from detect_secrets.audit import io
from detect_secrets.core.potential_secret import PotentialSecret
from detect_secrets.types import SecretContext
from detect_secrets.util.code_snippet import get_code_snippet

from ffaudit import ds_audit

KEY = '5dd35bce-7da0-49c9-b4ea-4468ffa10aaf'  # pragma: allowlist secret
NEIGHBOUR = '07e0e45d-c689-40c4-9f21-4c261d5530fa'  # pragma: allowlist secret
WEBHOOK = 'h7Kq2Zp9Xw4Rt6Ym1Bv3'  # pragma: allowlist secret


def test_redact_lines_hides_given_secrets_and_every_uuid4():
    lines = [f'hook_secret = "{WEBHOOK}"', f'other = "{NEIGHBOUR}"', 'plain text']
    assert ds_audit.redact_lines(lines, [WEBHOOK, '']) == [
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
    ds_audit._redacting(io.print_context)(SecretContext(1, 1, secret, snippet=snippet))
    out = capsys.readouterr().out
    assert KEY not in out and WEBHOOK not in out  # the neighbour line comes from our own scan
    assert 'FIREFLIES_API_KEY = "' in out and '5dd3...' in out and 'h7Kq...' in out
    assert secret.secret_value == KEY  # the baseline entry keeps its value and hash
    assert secret.secret_hash == PotentialSecret.hash_secret(KEY)
