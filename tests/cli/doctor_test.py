"""``ffaudit doctor`` through click: sources, formats, exit codes, bad input, no leaks."""

from __future__ import annotations

import json
import os
import pathlib

import pytest
from click.testing import CliRunner
from click.testing import Result

from ffaudit.cli import cli

KEY = '97a11681-ecf5-412d-9a99-4ce35a80be93'  # pragma: allowlist secret
OTHER = '59bc4a07-64a5-433b-99b4-149f29d531ef'  # pragma: allowlist secret


@pytest.fixture(autouse=True)
def clean_env(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """An empty environment and an empty working directory, so the host cannot leak in."""
    for name in list(os.environ):
        monkeypatch.delenv(name)
    monkeypatch.setenv('HOME', str(tmp_path))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _doctor(*args: str, input: bytes | str | None = None) -> Result:
    return CliRunner().invoke(cli, ['doctor', '--offline', *args], input=input)


def _assert_no_slice(text: str, key: str) -> None:
    leaks = {key[i : i + 6] for i in range(len(key) - 5) if key[i : i + 6] in text}
    assert not leaks


def test_clean_key_passes(monkeypatch: pytest.MonkeyPatch) -> None:  # -v: every check
    monkeypatch.setenv('FIREFLIES_API_KEY', KEY)
    result = _doctor('-v')
    assert result.exit_code == 0, result.output
    assert '✓ API key from env:FIREFLIES_API_KEY  length=36  fingerprint=' in result.stdout
    assert result.stdout.endswith('15 passed · 8 skipped — exit 0\n')
    assert result.stderr == ''


def test_no_key_fails() -> None:
    result = _doctor()
    assert result.exit_code == 1
    assert '✗ No Fireflies API key found' in result.stdout


def test_strict_turns_warnings_into_failures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('FIREFLIES_API_KEY', 'sk-proj-abcdefghijklmnop')
    assert _doctor().exit_code == 0
    assert _doctor('--strict').exit_code == 1


def test_json_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('FIREFLIES_API_KEY', f'{KEY}\r')
    result = _doctor('--format', 'json')
    doc = json.loads(result.stdout)
    assert (result.exit_code, doc['exit_code']) == (1, 1)
    assert {c['id']: c['status'] for c in doc['checks']}['key.whitespace'] == 'fail'


def test_github_format_is_automatic_and_writes_step_summary(
    monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> None:
    summary = tmp_path / 'summary.md'
    summary.write_text('earlier step\n')
    monkeypatch.setenv('GITHUB_ACTIONS', 'true')
    monkeypatch.setenv('GITHUB_EVENT_NAME', 'push')
    monkeypatch.setenv('GITHUB_STEP_SUMMARY', str(summary))
    monkeypatch.setenv('FIREFLIES_API_KEY', '')
    result = _doctor()
    assert result.exit_code == 1
    assert (
        '::error title=ffaudit doctor (key.empty)::The key in env:FIREFLIES_API_KEY is empty; in'
        in result.stdout
    )
    text = summary.read_text()
    assert text.startswith('earlier step\n### ffaudit doctor\n')
    assert '| `key.empty` | ❌ fail |' in text


def test_header_from_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('FIREFLIES_API_KEY', KEY)
    result = _doctor('--header', '-', input=f'Authorization: bearer {OTHER}\n')
    assert result.exit_code == 0  # warnings only: a different key, a lowercase scheme
    assert "! The scheme is written 'bearer'" in result.stdout
    assert (
        '! A different key in env:FIREFLIES_API_KEY is ignored because header:stdin wins'
        in result.stdout
    )
    _assert_no_slice(result.output, OTHER)


def test_api_key_stdin_and_file(tmp_path: pathlib.Path) -> None:
    assert _doctor('--api-key-stdin', input=f'{KEY}\n').exit_code == 0
    (tmp_path / 'k').write_text(f'{KEY}\n')
    assert 'API key from file:k' in _doctor('--api-key-file', 'k').stdout


@pytest.mark.parametrize(
    ('args', 'stdin', 'message'),
    (
        (
            ('--api-key-stdin',),
            b'\xe9t\xe9',
            'ffaudit: error: --api-key-stdin: not UTF-8 text (Windows-1252?); re-save it as UTF-8'
            ' or ASCII\n',
        ),
        (
            ('--header', '-'),
            b'\x00\x01',
            'ffaudit: error: --header -: binary data, not an API key\n',
        ),
        (('--api-key-file', '.'), None, 'ffaudit: error: --api-key-file .: is a directory\n'),
        (
            ('--api-key-file', 'big'),
            None,
            'ffaudit: error: --api-key-file big: more than 64 KiB, not an API key\n',
        ),
    ),
)
def test_bad_input_is_one_line(
    tmp_path: pathlib.Path, args: tuple[str, ...], stdin: bytes | None, message: str
) -> None:
    (tmp_path / 'big').write_bytes(b'a' * (10 * 1024 * 1024))
    result = _doctor(*args, input=stdin)
    assert (result.exit_code, result.stderr, result.stdout) == (2, message, '')


@pytest.mark.parametrize(
    ('args', 'fragment'),
    (
        (('--header', KEY), 'it is now in your shell history'),
        (('--header', 'no-such-file'), '--header no-such-file: no such file'),
        ((KEY,), 'it is now in your shell history'),
        (('--api-key-file', KEY), 'it is now in your shell history'),
        (('stray',), 'unexpected argument: stray'),
        (('--header', '-', '--api-key-stdin'), 'both read stdin'),
        (('--format', 'sarif'), "'sarif' is not one of"),
    ),
)
def test_usage_errors(args: tuple[str, ...], fragment: str) -> None:
    result = _doctor(*args, input='x')
    assert result.exit_code == 2
    assert fragment in result.stderr
    assert 'Traceback' not in result.output


def test_help_mentions_quota_and_exit_codes() -> None:
    result = CliRunner().invoke(cli, ['doctor', '--help'])
    assert 'each live run' in result.stdout
    assert '50 daily API requests' in result.stdout
    assert '3  inconclusive' in result.stdout


def _plant_everywhere(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, key: str) -> None:
    (tmp_path / '.env').write_text(f'export FIREFLIES_API_KEY="{key}"\n{key}\n')
    (tmp_path / 'keyfile').write_text(f'"Bearer {key}\u2026"\r\n')
    (tmp_path / '.netrc').write_text(
        f'machine api.fireflies.ai login {key} password {key} x {key}\n'
    )
    monkeypatch.setenv('FIREFLIES_API_KEY', f' {key}\u200b')
    monkeypatch.setenv('FIREFLIES_TOKEN', key)
    monkeypatch.setenv('HTTPS_PROXY', f'http://{key}:{key}@proxy:3128')
    monkeypatch.setenv('GITHUB_STEP_SUMMARY', str(tmp_path / 'summary.md'))


@pytest.mark.parametrize('fmt', ('text', 'json', 'github'))
@pytest.mark.parametrize(
    'extra',
    (
        ('--api-key-file', 'keyfile'),
        ('--header', '-'),
        ('--endpoint', f'https://x:{KEY}@api.fireflies.com/v1?api_key={KEY}'),
    ),
)
def test_key_never_leaks(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch, fmt: str, extra: tuple[str, ...]
) -> None:
    _plant_everywhere(tmp_path, monkeypatch, KEY)
    stdin = f"curl -H 'Authorisation: Bearer Bearer {KEY}\r' -u {KEY}:{KEY} -H 'X-API-Key: {KEY}'"
    result = _doctor('--format', fmt, *extra, input=stdin)
    assert result.exit_code == 1
    summary = tmp_path / 'summary.md'
    written = summary.read_text() if summary.exists() else ''
    _assert_no_slice(result.stdout + result.stderr + written, KEY)


@pytest.mark.parametrize(
    ('env', 'ansi'), (({'FORCE_COLOR': '1'}, True), ({'FORCE_COLOR': '1', 'NO_COLOR': '1'}, False))
)
def test_color_is_resolved_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], ansi: bool
) -> None:
    monkeypatch.setenv('FIREFLIES_API_KEY', KEY)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert ('\x1b[32m✓\x1b[0m' in _doctor().stdout) is ansi


def test_ascii_fallback_when_the_stream_cannot_encode_glyphs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv('FIREFLIES_API_KEY', KEY)
    result = CliRunner(charset='cp1252').invoke(cli, ['doctor', '--offline', '-v'])
    assert '  [ok] API key from env:FIREFLIES_API_KEY' in result.stdout
    assert result.stdout.isascii()


def test_unwritable_step_summary_is_one_warning_and_keeps_the_verdict(
    monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path
) -> None:
    monkeypatch.setenv('GITHUB_ACTIONS', 'true')
    monkeypatch.setenv('GITHUB_STEP_SUMMARY', str(tmp_path))  # a directory: open() fails
    monkeypatch.setenv('FIREFLIES_API_KEY', KEY)
    result = _doctor()
    assert result.exit_code == 0
    assert result.stderr == 'ffaudit: warning: cannot write GITHUB_STEP_SUMMARY: Is a directory\n'


def test_skips_for_one_reason_are_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('FIREFLIES_API_KEY', KEY)
    result = _doctor('-v')
    request = result.stdout.split('\nRequest\n', 1)[1].split('\n\n', 1)[0]
    assert request.splitlines() == [
        '  - No header given'
        '  (header.parse, header.name, header.scheme, header.count, header.url,'
        ' header.content_type)'
    ]


@pytest.mark.parametrize('value', ('', '  ', 'notanemail', 'Jane <j@x.com>', 'j@x', KEY, OTHER))
def test_bad_expect_email_is_a_usage_error_that_never_echoes_it(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv('FIREFLIES_API_KEY', KEY)
    result = _doctor('--expect-email', value)
    assert result.exit_code == 2
    assert '--expect-email needs a plain address such as you@acme.com' in result.stderr
    assert value.strip() not in result.output or not value.strip()
    _assert_no_slice(result.output, OTHER)


def test_api_key_file_dash_reads_stdin() -> None:
    result = _doctor('--api-key-file', '-', '-v', input=f'{KEY}\n')
    assert result.exit_code == 0, result.output
    assert 'API key from stdin  length=36' in result.stdout
    both = _doctor('--api-key-file', '-', '--header', '-', input=f'{KEY}\n')
    assert both.exit_code == 2
    assert 'both read stdin' in both.stderr


def test_expect_email_with_offline_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('FIREFLIES_API_KEY', KEY)
    result = _doctor('--expect-email', 'me@acme.com')
    assert result.exit_code == 0
    assert '! --expect-email was not compared: it needs the live check' in result.stdout
    assert _doctor('--expect-email', 'me@acme.com', '--strict').exit_code == 1


def test_crlf_header_block_is_not_a_stray_carriage_return() -> None:
    stdin = f'Authorization: Bearer {KEY}\r\nContent-Type: application/json\r\n'
    result = _doctor('--header', '-', input=stdin)
    assert result.exit_code == 0, result.stdout
    assert 'carriage return' not in result.stdout


@pytest.mark.parametrize(
    ('command', 'fragment'),
    (
        ('curl http://api.fireflies.ai/graphql', 'Request URL: Plain http'),
        ('curl https://api.fireflies.com/graphql', 'fireflies.ai, not fireflies.com'),
        ('curl https://api.fireflies.ai/v1/transcripts', 'there is no REST /v1'),
        (f'curl "https://api.fireflies.ai/graphql?api_key={KEY}"', 'carries a credential'),
        ("curl -d '{}' https://api.fireflies.ai/graphql", 'without Content-Type: application/json'),
    ),
)
def test_curl_url_and_content_type_are_checked(command: str, fragment: str) -> None:
    result = _doctor('--header', '-', input=f"{command} -H 'Authorization: Bearer {KEY}'")
    assert result.exit_code == 1
    assert fragment in result.stdout
    _assert_no_slice(result.output, KEY)
