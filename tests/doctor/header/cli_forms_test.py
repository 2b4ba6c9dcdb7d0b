"""``ffaudit doctor --offline --header -`` on every paste form: defined exit codes, no key leaks."""

from __future__ import annotations

import os
import pathlib

import pytest
from click.testing import CliRunner

from ffaudit.cli import cli

KEY = '407f8854-0042-4269-9900-2e7b57dcbd2a'  # pragma: allowlist secret
URL = 'https://api.fireflies.ai/graphql'
FORMS = (
    f"X=1 && curl -H 'Authorization: Bearer {KEY}' {URL}",
    f'curl -H "Authorization: Bearer $FIREFLIES_API_KEY" {URL}',
    f"curl -H 'Authorization: Bearer $FIREFLIES_API_KEY' {URL}",
    f"http POST {URL} Authorization:'Bearer {KEY}' a=1",
    f"wget --header='Authorization: Bearer {KEY}' --post-data=x {URL}",
    f'Invoke-RestMethod -Uri {URL} -Headers @{{Authorization="Bearer {KEY}"}}',
    f'{{"Authorization": "Bearer {KEY}"}}',
    f"headers={{'Authorization': 'Bearer ' + k_{KEY.replace('-', '')}}}",
    f'> POST /graphql HTTP/1.1\n> Host: api.fireflies.ai\n> Authorization: Bearer {KEY}\n',
    f'authorization\nBearer {KEY}\n',
    f'Authorization:\tBearer\t{KEY}',
    f'Bearer {KEY}, Bearer {KEY}',
    f'{{"errors": [{{"message": "{KEY}"}}]}}',
    f'my key {KEY} does not work at all',
)


@pytest.fixture(autouse=True)
def clean_env(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        monkeypatch.delenv(name)
    monkeypatch.setenv('HOME', str(tmp_path))
    monkeypatch.setenv('FIREFLIES_API_KEY', KEY)
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize('fmt', ('text', 'json', 'github'))
@pytest.mark.parametrize('text', FORMS)
def test_header_forms_never_leak_the_key(text, fmt):
    result = CliRunner().invoke(
        cli, ['doctor', '--offline', '--format', fmt, '--header', '-'], input=text
    )
    assert result.exit_code in (0, 1), result.output
    shown = result.stdout + result.stderr
    assert not {KEY[i : i + 6] for i in range(len(KEY) - 5) if KEY[i : i + 6] in shown}
    assert 'Traceback' not in shown


def test_response_and_unrecognised_fail_with_their_message():
    for text, message in (
        ('HTTP/1.1 401 Unauthorized\n', 'This is a response: use `ffaudit explain`'),
        ('what is wrong with my request here', 'Input not recognised'),
    ):
        result = CliRunner().invoke(cli, ['doctor', '--offline', '--header', '-'], input=text)
        assert (result.exit_code, message in result.stdout) == (1, True)
