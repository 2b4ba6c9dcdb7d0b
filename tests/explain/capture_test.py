from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from ffaudit.cli import cli
from ffaudit.errors import FfauditError
from ffaudit.explain.capture import parse_capture
from ffaudit.redaction import fingerprint
from testing.fakeserver import _body
from testing.fakeserver import _fill
from testing.fakeserver import load


def _capture(scenario: str, *, preamble: bytes = b'') -> bytes:
    doc = _fill(load(scenario), 443)
    head = [f'HTTP/2 {doc["status"]}'] + [f'{k}: {v}' for k, v in doc['headers'].items()]
    return preamble + '\r\n'.join(head).encode() + b'\r\n\r\n' + _body(doc)


def _run(args, data: bytes | None = None, **env: str):
    return CliRunner().invoke(cli, ['explain', *args], input=data, env={'CI': '', **env})


def test_parse_capture_bare_body():
    cap = parse_capture(b'{"data": {}}')
    assert (cap.status, cap.headers, cap.body) == (None, {}, b'{"data": {}}')


def test_parse_capture_curl_i_through_a_proxy_keeps_the_last_response():
    preamble = b'HTTP/1.1 200 Connection established\r\n\r\n'
    cap = parse_capture(_capture('too_many_requests_429', preamble=preamble))
    assert cap.status == 429
    assert cap.headers['Retry-After'] == '42'
    assert json.loads(cap.body)['errors'][0]['code'] == 'too_many_requests'


def test_parse_capture_lf_only_and_header_without_body():
    cap = parse_capture(b'HTTP/1.1 302 Found\nLocation: https://x.example/\n')
    assert (cap.status, cap.headers, cap.body) == (302, {'Location': 'https://x.example/'}, b'')


def test_parse_capture_skips_lines_that_are_not_headers():
    cap = parse_capture(b'HTTP/1.1 403 Forbidden\r\nnot a header\r\nServer: corp\r\n\r\n<html/>')
    assert cap.headers == {'Server': 'corp'}


def test_explain_without_file_on_a_terminal_is_a_usage_error(monkeypatch):
    module = importlib.import_module('ffaudit.cli.explain')  # the package attribute is the command
    monkeypatch.setattr(module, '_stdin_is_tty', lambda: True)
    result = _run([])
    assert result.exit_code == 2
    assert 'give a FILE, or pipe the captured answer into stdin' in result.stderr


def test_parse_capture_rejects_a_garbled_status_line():
    with pytest.raises(FfauditError, match='status line'):
        parse_capture(b'HTTP/1.1 abc\r\n\r\n{}')


@pytest.mark.parametrize(
    ('scenario', 'code', 'needle'),
    (
        ('user', 0, 'Key belongs to Jane Doe <jane.doe@example.com>'),
        ('auth_failed_401', 1, 'Fireflies rejected the key (auth_failed, HTTP 401)'),
        ('auth_failed_200', 1, 'Fireflies rejected the key (auth_failed, HTTP 200)'),
        ('account_cancelled', 1, 'account is inactive'),
        ('paid_required', 1, 'tier pro_or_higher'),
        ('redirect_302_host', 1, 'redirects (HTTP 302) to https://graphql.example.net'),
        ('too_many_requests_429', 3, 'retry in 42 s'),
        ('invariant_violation_500', 3, 'temporary problem'),
        ('proxy_html_403', 3, 'HTTP 403 carried an HTML page'),
        ('truncated_json', 3, 'incomplete JSON'),
    ),
)
def test_explain_curl_i_capture(tmp_path, scenario, code, needle):
    path = tmp_path / 'answer.txt'
    path.write_bytes(_capture(scenario))
    result = _run([str(path)])
    assert result.exit_code == code, result.output
    assert needle in result.stdout


def test_explain_body_from_stdin_as_json():
    result = _run(['-', '--format', 'json'], _body(load('auth_failed_200')))
    doc = json.loads(result.stdout)
    assert result.exit_code == 1
    (probe,) = doc['checks']
    assert probe['details']['code'] == 'auth_failed'
    assert probe['message'] == 'Fireflies rejected the key (auth_failed)'


def test_explain_masks_identity_in_ci_unless_asked():
    body = _body(load('user'))
    assert 'j***@example.com' in _run(['-'], body, CI='true').stdout
    assert 'jane.doe@example.com' in _run(['-', '--show-identity'], body, CI='true').stdout


def test_explain_github_format_annotates_the_failure():
    result = _run(['-', '--format', 'github'], _body(load('account_cancelled')))
    assert '::error title=ffaudit explain (auth.probe)::Fireflies knows the key' in result.stdout
    assert 'correlation_id=corr-test-0002' in result.stdout


@pytest.mark.parametrize(
    ('setup', 'message'),
    (
        (lambda p: None, 'cannot read'),
        (lambda p: p.mkdir(), 'cannot read'),
        (lambda p: p.write_bytes(b'  \n'), 'is empty'),
        (lambda p: p.write_bytes(b'x' * (4 * 1024 * 1024 + 1)), 'larger than 4 MiB'),
        (lambda p: p.write_bytes(b'HTTP/1.1 ??\r\n\r\n'), 'status line'),
    ),
)
def test_explain_bad_input_is_one_line_exit_2(tmp_path, setup, message):
    path = tmp_path / 'capture'
    setup(path)
    result = _run([str(path)])
    assert result.exit_code == 2
    assert result.stdout == ''
    (line,) = result.stderr.splitlines()
    assert line.startswith('ffaudit: error: ') and message in line


@pytest.mark.parametrize(
    ('data', 'message'),
    (
        (b'', 'ffaudit: error: stdin is empty: paste the Fireflies answer'),
        (b' \r\n\t', 'ffaudit: error: stdin is empty: paste the Fireflies answer'),
        (b'{' * (4 * 1024 * 1024 + 1), 'ffaudit: error: stdin is larger than 4 MiB'),
    ),
)
def test_explain_bad_stdin_is_one_line_exit_2(data, message):
    result = _run(['-'], data)
    assert (result.exit_code, result.stdout) == (2, '')
    (line,) = result.stderr.splitlines()
    assert line.startswith(message)


def test_explain_core_reads_files_only_the_cli_reads_stdin(tmp_path, monkeypatch):
    from ffaudit.explain import capture

    monkeypatch.chdir(tmp_path)  # no file named '-' here: core must not fall back to stdin
    with pytest.raises(FfauditError, match='cannot read -'):
        capture.read_capture('-')
    assert capture.accept(b'{}', 'stdin') == b'{}'


KEY = 'a7c4e2d9-1b3f-4e8a-9c6d-5f2b8e0a4c17'  # pragma: allowlist secret


def _leaks(text: str) -> bool:
    return any(KEY[i : i + 6] in text for i in range(len(KEY) - 5))


@pytest.mark.parametrize(
    'encode',
    (
        pytest.param(lambda t: b'\xef\xbb\xbf' + t.encode(), id='utf8-bom'),
        pytest.param(lambda t: t.encode('utf-16'), id='utf16-bom'),  # PowerShell 5 '>'
        pytest.param(lambda t: t.encode('utf-16-le'), id='utf16le'),
        pytest.param(lambda t: t.encode('utf-16-be'), id='utf16be'),
    ),
)
@pytest.mark.parametrize('headers', (False, True))
def test_explain_reads_bom_and_utf16_captures(tmp_path, encode, headers):
    text = (
        _capture('auth_failed_401').decode() if headers else _body(load('auth_failed_401')).decode()
    )
    path = tmp_path / 'answer.txt'
    path.write_bytes(encode(text))
    result = _run([str(path)])
    assert result.exit_code == 1, result.output
    assert 'Fireflies rejected the key (auth_failed' in result.stdout


def test_explain_garbled_utf16_is_one_line_exit_2(tmp_path):
    path = tmp_path / 'answer.txt'
    path.write_bytes(b'\xff\xfe{\x00\x00\xd8')  # a lone surrogate
    result = _run([str(path)])
    assert result.exit_code == 2
    assert 'looks like UTF-16 but is garbled' in result.stderr


def _curl_v(scenario: str, key: str) -> bytes:
    doc = _fill(load(scenario), 443, f'Bearer {key}')
    lines = [
        '* Host api.fireflies.ai:443 was resolved.',
        '* Connected to api.fireflies.ai (203.0.113.7) port 443',
        '> POST /graphql HTTP/2',
        '> Host: api.fireflies.ai',
        f'> Authorization: Bearer {key}',
        '> Content-Type: application/json',
        '>',
        '{ [5 bytes data]',
        f'< HTTP/2 {doc["status"]}',
        *(f'< {k}: {v}' for k, v in doc['headers'].items()),
        '<',
        '{ [120 bytes data]',
    ]
    text = '\r\n'.join(lines) + '\r\n' + _body(doc).decode() + '\n* Connection #0 left intact\n'
    return text.encode()


@pytest.mark.parametrize(
    ('scenario', 'code', 'needle'),
    (
        ('too_many_requests_429', 3, 'retry in 42 s'),
        ('echo_key_401', 1, 'correlation_id=Bearer <redacted>'),
        ('echo_key_user', 0, 'Key belongs to Bearer <redacted>'),
        ('redirect_302_host', 1, 'to https://graphql.example.net'),
    ),
)
def test_explain_curl_v_capture_never_shows_the_sent_key(scenario, code, needle):
    result = _run(['-'], _curl_v(scenario, KEY))
    assert result.exit_code == code, result.output
    assert needle in result.stdout
    assert not _leaks(result.stdout + result.stderr)


def test_explain_masks_the_environment_key_when_echoed_bare():
    body = _body(_fill(load('echo_key_user'), 443, KEY))  # the bare key, no 'Bearer'
    result = _run(['-', '--format', 'json'], body, FIREFLIES_API_KEY=KEY)
    assert result.exit_code == 0
    assert not _leaks(result.stdout)
    assert '<redacted>' in result.stdout


def test_parse_capture_curl_v_through_a_proxy_keeps_the_last_response():
    data = b'< HTTP/1.1 200 Connection established\r\n<\r\n' + _curl_v('user', KEY)
    cap = parse_capture(data)
    assert (cap.status, cap.sent_key) == (200, KEY)
    assert json.loads(cap.body)['data']['user']['name'] == 'Jane Doe'


def test_explain_content_type_error_blames_the_request_not_a_firewall():
    capture = (
        b'HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'
        b'POST body missing, invalid Content-Type, or JSON object has no keys.'
    )
    result = _run(['-'], capture)
    assert result.exit_code == 3, result.output
    assert 'The request lacked Content-Type: application/json or a JSON body (HTTP 400' in (
        result.stdout
    )
    assert 'firewall' not in result.stdout


def test_explain_the_docs_rate_limit_example_names_a_time_that_has_passed():
    result = _run(['-'], _body(load('too_many_requests_200')))  # retryAfter 1720651545066
    assert result.exit_code == 3, result.output
    assert 'retry after 2024-07-10 22:45:46 UTC, which has passed' in result.stdout
    assert 'retry in 0 s' not in result.stdout


def test_explain_rejected_without_a_sent_key_says_how_to_get_the_fingerprint():
    result = _run(['-', '--format', 'json'], _body(load('auth_failed_401')))
    (probe,) = json.loads(result.stdout)['checks']
    assert result.exit_code == 1
    assert 'fingerprint' not in probe['message']
    assert 'Compare its fingerprint' not in probe['remediation']
    assert (
        'printf %s "$KEY" | sha256sum | cut -c1-12 gives the fingerprint of the key you sent'
        in (probe['remediation'])
    )


def test_explain_rejected_curl_v_capture_shows_the_sent_key_fingerprint():
    result = _run(['-', '--format', 'json'], _curl_v('auth_failed_401', KEY))
    (probe,) = json.loads(result.stdout)['checks']
    assert result.exit_code == 1
    assert probe['message'] == (
        'Fireflies rejected the key (auth_failed, HTTP 401); key from the curl -v capture,'
        f' fingerprint {fingerprint(KEY)}'
    )
    assert not _leaks(result.stdout)


@pytest.mark.parametrize(
    ('capture', 'code', 'needle'),
    (
        pytest.param(
            b"{'data': None, 'errors': [{'message': 'Invalid API key', 'code': 'auth_failed',"
            b" 'extensions': {'code': 'auth_failed', 'status': 401, 'ok': False}}]}\n",
            1,
            'Fireflies rejected the key (auth_failed)',
            id='auth-failed',
        ),
        pytest.param(
            b"{'data': {'user': {'user_id': 'u1', 'name': 'Jane Doe', 'email': 'j@x.io'}}}",
            0,
            'Key belongs to Jane Doe <j@x.io>',
            id='user',
        ),
    ),
)
def test_explain_reads_a_python_dict_repr_and_says_it_is_not_json(capture, code, needle):
    result = _run(['-'], capture)
    assert result.exit_code == code, result.output
    assert needle in result.stdout
    assert 'The capture is a Python dict repr (print(response.json())), not JSON' in result.stdout
    assert 'incomplete JSON' not in result.stdout


@pytest.mark.parametrize(
    'capture',
    (
        b"{'errors': [{'message': Exception('x')}]}",  # not a literal: never evaluated
        b"{'errors': [{'message': 'cut",  # a repr cut short
        b'{' * 5000,  # too deep for the parser
    ),
)
def test_explain_python_code_that_is_not_a_literal_stays_unread(capture):
    result = _run(['-'], capture)
    assert result.exit_code == 3, result.output
    assert 'Python dict repr' not in result.stdout


def test_explain_recognises_the_official_sdk_error_line():
    capture = (
        b'Error: Fireflies API Error: Unauthorized\n    at Fireflies.request (fireflies.js:42)\n'
    )
    result = _run(['-'], capture)
    assert result.exit_code == 1, result.output
    assert 'Fireflies rejected the key ("Unauthorized"' in result.stdout
    assert "The capture is the official SDK's error line" in result.stdout
    assert 'firewall' not in result.stdout


def test_explain_never_echoes_a_key_given_as_the_file():
    result = _run([KEY])
    assert result.exit_code == 2
    assert 'cannot read <redacted>' in result.stderr
    assert not _leaks(result.stdout + result.stderr)


@pytest.mark.parametrize(
    ('encoding', 'fmt'),
    (
        ('cp1252', 'text'),
        ('cp1252', 'json'),
        ('cp1252', 'github'),
        ('cp437', 'text'),
        ('latin-1', 'text'),
    ),
)
def test_explain_on_a_stream_that_cannot_encode_arrows_or_names(tmp_path, encoding, fmt):
    user = {'data': {'user': {'user_id': 'u1', 'name': '张伟', 'email': 'zw@example.com'}}}
    answers = ((_body(load('auth_failed_401')), 1), (json.dumps(user).encode(), 0))
    env = {**os.environ, 'PYTHONIOENCODING': encoding, 'CI': '', 'GITHUB_STEP_SUMMARY': ''}
    for body, code in answers:
        path = tmp_path / 'answer.json'
        path.write_bytes(body)
        cmd = [sys.executable, '-m', 'ffaudit', 'explain', str(path), '--format', fmt]
        proc = subprocess.run(cmd, env=env, capture_output=True, timeout=30)
        assert proc.returncode == code, proc.stderr.decode(encoding, 'replace')
        assert b'Traceback' not in proc.stderr
        proc.stdout.decode(encoding)  # every byte is in the stream's encoding


@pytest.mark.parametrize('fmt', ['text', 'json', 'github'])
def test_a_key_from_dotenv_is_masked_where_the_capture_echoes_it(tmp_path, monkeypatch, fmt):
    # the key lives in ./.env, not in the environment: explain masks it all the same
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv('FIREFLIES_API_KEY', raising=False)
    (tmp_path / '.env').write_text(f'FIREFLIES_API_KEY={KEY}\n')
    body = {
        'errors': [
            {
                'message': 'bad',
                'code': 'auth_failed',
                'extensions': {'code': 'auth_failed', 'status': 401, 'correlationId': KEY},
            }
        ]
    }
    result = _run(['-', '--format', fmt], json.dumps(body).encode())
    assert result.exit_code == 1
    out = result.stdout + result.stderr
    assert KEY[:8] not in out and KEY[24:] not in out


def test_a_file_name_with_a_newline_stays_on_one_error_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'a\nb.json').write_bytes(b'')
    result = _run(['a\nb.json'])
    assert result.exit_code == 2
    assert result.stderr.count('\n') == 1 and 'a\\nb.json' in result.stderr
