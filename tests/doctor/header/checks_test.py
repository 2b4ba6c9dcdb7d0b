"""Parsing and linting a user-supplied Authorization header (--header -)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ffaudit.doctor.header import checks
from ffaudit.doctor.header import parse
from ffaudit.doctor.header import parsed
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.model import CheckResult
from ffaudit.model import Status

KEY = '97a11681-ecf5-412d-9a99-4ce35a80be93'  # pragma: allowlist secret


@pytest.mark.parametrize(
    ('text', 'form', 'names', 'token'),
    (
        pytest.param(f'Bearer {KEY}\n', 'value', ('',), KEY, id='bare-bearer'),
        pytest.param(f'{KEY}', 'value', ('',), KEY, id='bare-key'),
        pytest.param(f'Bearer: {KEY}', 'value', ('',), KEY, id='bearer-colon-value'),
        pytest.param(f'Authorization: Bearer {KEY}\n', 'line', ('Authorization',), KEY, id='line'),
        pytest.param(
            f'authorization:Bearer {KEY}', 'line', ('authorization',), KEY, id='line-tight'
        ),
        pytest.param(
            'POST /graphql HTTP/1.1\r\nHost: api.fireflies.ai\r\n'
            f'Authorization: Bearer {KEY}\r\n\r\n',
            'http',
            ('Authorization',),
            KEY,
            id='http-crlf',
        ),
        pytest.param(
            'curl -X POST https://api.fireflies.ai/graphql \\\n'
            "  -H 'Content-Type: application/json' \\\n"
            f"  -H 'Authorization: Bearer {KEY}' -d '{{}}'",
            'curl',
            ('Authorization',),
            KEY,
            id='curl-H',
        ),
        pytest.param(
            f'curl --header="Authorization: Bearer {KEY}" u',
            'curl',
            ('Authorization',),
            KEY,
            id='curl-eq',
        ),
        pytest.param(
            f'curl "-HAuthorization: Bearer {KEY}" u',
            'curl',
            ('Authorization',),
            KEY,
            id='curl-attached',
        ),
        pytest.param(
            f'curl --oauth2-bearer {KEY} u', 'curl', ('Authorization',), KEY, id='curl-oauth2'
        ),
        pytest.param(f'X-API-Key: {KEY}', 'line', ('X-API-Key',), KEY, id='alt-name'),
        pytest.param(f'Authorisation: Bearer {KEY}', 'line', ('Authorisation',), KEY, id='british'),
    ),
)
def test_parse(text, form, names, token):
    parsed = parse.parse(text)
    assert (parsed.form, parsed.names, parsed.token, parsed.error) == (form, names, token, '')


def test_parse_keeps_a_stray_cr_in_a_header_line():
    assert parse.parse(f'Authorization: Bearer {KEY}\r\n').token == f'{KEY}\r'


def test_parse_curl_user_is_basic():
    parsed = parse.parse('curl -u me:secret https://api.fireflies.ai/graphql')
    assert (parsed.basic_user, parsed.token) == (True, None)


@pytest.mark.parametrize(
    ('text', 'error'),
    (
        pytest.param("curl -H 'Authorization: Bearer x", 'unbalanced quotes', id='quotes'),
        pytest.param('Content-Type: application/json', 'No Authorization header', id='no-auth'),
    ),
)
def test_parse_errors(text, error):
    assert error in parse.parse(text).error


def test_repr_hides_values():
    assert KEY not in repr(parse.parse(f'Authorization: Bearer {KEY}'))


def _run(check: Callable[[DoctorInput], CheckResult], text: str) -> CheckResult:
    return check(DoctorInput(header=text))


@pytest.mark.parametrize(
    ('text', 'status', 'fragment'),
    (
        pytest.param(f'Bearer {KEY}', Status.PASS, "'Bearer ' + key", id='ok'),
        pytest.param(KEY, Status.FAIL, "lacks the 'Bearer ' scheme", id='missing'),
        pytest.param(f'bearer {KEY}', Status.WARN, "written 'bearer'", id='lowercase'),
        pytest.param(f'BEARER {KEY}', Status.WARN, "written 'BEARER'", id='uppercase'),
        pytest.param(f'Bearer: {KEY}', Status.FAIL, 'colon', id='colon'),
        pytest.param(f'Bearer{KEY}', Status.FAIL, 'No space', id='no-space'),
        pytest.param(f'Bearer Bearer {KEY}', Status.FAIL, 'doubled', id='doubled'),
        pytest.param(f'Bearer  {KEY}', Status.FAIL, 'followed by 2 spaces', id='two-spaces'),
        pytest.param(f'Token {KEY}', Status.FAIL, 'The scheme is Token', id='token'),
        pytest.param(f'Basic {KEY}', Status.FAIL, 'The scheme is Basic', id='basic'),
    ),
)
def test_check_scheme(text, status, fragment):
    result = _run(checks.check_scheme, text)
    assert (result.check, result.status) == ('header.scheme', status)
    assert fragment in result.message


@pytest.mark.parametrize(
    ('text', 'status'),
    (
        pytest.param(f'Authorization: Bearer {KEY}', Status.PASS, id='ok'),
        pytest.param(f'Authorisation: Bearer {KEY}', Status.FAIL, id='british'),
        pytest.param(f'Authorizaton: Bearer {KEY}', Status.FAIL, id='typo'),
        pytest.param(f'X-API-Key: {KEY}', Status.FAIL, id='x-api-key'),
        pytest.param(f'Bearer {KEY}', Status.PASS, id='bare-value'),
    ),
)
def test_check_name(text, status):
    assert _run(checks.check_name, text).status is status


def test_check_count_flags_several_headers():
    text = f"curl -H 'Authorization: Bearer {KEY}' -H 'Authorization: Bearer {KEY}' u"
    result = _run(checks.check_count, text)
    assert (result.status, result.message) == (Status.FAIL, '2 Authorization headers are sent')


def test_check_parse_reports_curl_basic():
    result = _run(checks.check_parse, 'curl -u me:pw u')
    assert result.status is Status.FAIL
    assert 'Basic' in result.message


@pytest.mark.parametrize(
    'check', (checks.check_parse, checks.check_name, checks.check_scheme, checks.check_count)
)
def test_checks_skip_without_header(check):
    assert check(DoctorInput()).status is Status.SKIP


@pytest.mark.parametrize('check', (checks.check_name, checks.check_scheme, checks.check_count))
def test_checks_skip_when_no_auth_header(check):
    assert _run(check, 'Content-Type: text/plain').status is Status.SKIP


def test_split_scheme():
    assert parsed.split_scheme(f'Bearer {KEY}') == ('Bearer ', KEY)
    assert parsed.split_scheme(KEY) == ('', KEY)


@pytest.mark.parametrize(
    'text',
    (
        pytest.param(f"curl.exe -H 'Authorization: Bearer {KEY}' u", id='curl.exe'),
        pytest.param(f"/usr/bin/curl -H 'Authorization: Bearer {KEY}' u", id='path'),
        pytest.param(f"$ curl -H 'Authorization: Bearer {KEY}' u", id='prompt'),
        pytest.param(f"sudo -E curl -H 'Authorization: Bearer {KEY}' u", id='sudo'),
        pytest.param(f"FOO=1 curl -H 'Authorization: Bearer {KEY}' u", id='env-prefix'),
        pytest.param(f"curl -H $'Authorization: Bearer {KEY}' u", id='ansi-c'),
        pytest.param(f'curl.exe ^\n -H "Authorization: Bearer {KEY}" u', id='cmd-caret'),
    ),
)
def test_parse_curl_spellings(text):
    parsed = parse.parse(text)
    assert (parsed.form, parsed.names, parsed.token) == ('curl', ('Authorization',), KEY)


def test_parse_ansi_c_escapes_are_decoded():
    assert parse.parse(f"curl -H $'Authorization: Bearer {KEY}\\r' u").token == f'{KEY}\r'


@pytest.mark.parametrize(
    ('text', 'form'),
    (
        pytest.param(f'\ufeffAuthorization: Bearer {KEY}', 'line', id='bom'),
        pytest.param(f'  Authorization: Bearer {KEY}\n', 'line', id='indented'),
        pytest.param(
            f'Authorization: Bearer {KEY}\r\nContent-Type: application/json\r\n', 'line', id='crlf'
        ),
        pytest.param(
            ':authority: api.fireflies.ai\n:method: POST\n:path: /graphql\n:scheme: https\n'
            f'authorization: Bearer {KEY}\ncontent-type: application/json\n',
            'http2',
            id='devtools-http2',
        ),
    ),
)
def test_parse_pasted_blocks(text, form):
    parsed = parse.parse(text)
    assert (parsed.form, parsed.token, parsed.error) == (form, KEY, '')


def test_parse_raw_request_stops_at_the_body():
    text = (
        'POST /graphql HTTP/1.1\r\nHost: api.fireflies.ai\r\n'
        f'Authorization: Bearer {KEY}\r\n\r\nAuthorization: Bearer other\r\n'
    )
    parsed = parse.parse(text)
    assert (len(parsed.values), parsed.url, parsed.has_body) == (
        1,
        'https://api.fireflies.ai/graphql',
        True,
    )


def test_parse_curl_url_method_and_body():
    parsed = parse.parse(f"curl --json '{{}}' -H 'Authorization: Bearer {KEY}' api.x.ai/q")
    assert (parsed.url, parsed.has_body, parsed.content_type) == (
        'http://api.x.ai/q',
        True,
        'application/json',
    )


@pytest.mark.parametrize(
    ('text', 'status', 'fragment'),
    (
        pytest.param(
            f"curl -H 'Authorization: Bearer {KEY}' https://api.fireflies.ai/graphql",
            Status.PASS,
            'Request URL https://api.fireflies.ai/graphql',
            id='ok',
        ),
        pytest.param(
            f"curl -H 'Authorization: Bearer {KEY}' api.fireflies.ai/graphql",
            Status.FAIL,
            'Plain http',
            id='curl-default-http',
        ),
        pytest.param(
            f'POST /v1 HTTP/1.1\nHost: api.fireflies.ai\nAuthorization: Bearer {KEY}\n',
            Status.FAIL,
            'no REST /v1',
            id='raw-v1',
        ),
        pytest.param(f'Authorization: Bearer {KEY}', Status.SKIP, 'No request URL', id='line'),
    ),
)
def test_check_url(text, status, fragment):
    result = _run(checks.check_url, text)
    assert (result.status, fragment in result.message) == (status, True)


@pytest.mark.parametrize(
    ('text', 'status', 'fragment'),
    (
        pytest.param("curl -d '{}' u", Status.FAIL, 'x-www-form-urlencoded', id='curl-d'),
        pytest.param(
            "curl -d '{}' -H 'Content-Type: application/json; charset=utf-8' u",
            Status.PASS,
            'application/json',
            id='json',
        ),
        pytest.param("curl --json '{}' u", Status.PASS, 'application/json', id='curl-json'),
        pytest.param(
            "curl -d '{}' -H 'Content-Type: text/plain' u",
            Status.FAIL,
            'The Content-Type is text/plain',
            id='text-plain',
        ),
        pytest.param(
            f"curl -d '{{}}' -H 'Content-Type: {KEY}' u",
            Status.FAIL,
            'an unexpected value',
            id='odd-value-not-echoed',
        ),
        pytest.param('curl u', Status.SKIP, 'No request body', id='no-body'),
    ),
)
def test_check_content_type(text, status, fragment):
    result = _run(checks.check_content_type, f"{text} -H 'Authorization: Bearer {KEY}'")
    assert (result.status, fragment in result.message) == (status, True)
    assert KEY[:8] not in result.message
