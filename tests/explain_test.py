from __future__ import annotations

import importlib
import json

import pytest
from click.testing import CliRunner

from ffaudit.cli import cli
from ffaudit.errors import FfauditError
from ffaudit.explain import parse_capture
from tests.fakeserver import _body
from tests.fakeserver import _fill
from tests.fakeserver import load


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
