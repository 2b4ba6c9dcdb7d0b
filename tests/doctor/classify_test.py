from __future__ import annotations

import json

import pytest

from ffaudit.doctor import ratelimit
from ffaudit.doctor.classify import Identity
from ffaudit.doctor.classify import Verdict
from ffaudit.doctor.classify import classify
from ffaudit.model import Status
from ffaudit.model import Verification
from tests.fakeserver import _body
from tests.fakeserver import _fill
from tests.fakeserver import load

NOW = 1_720_651_500.0  # 45.066 s before the docs' example retryAfter (1720651545066 ms)
JSON = {'Content-Type': 'application/json; charset=utf-8'}
URL = 'https://api.fireflies.ai/graphql'


def _scenario(name: str):
    doc = _fill(load(name), 443)
    return classify(doc['status'], doc['headers'], _body(doc), url=URL, now=NOW)


def _error(code: str, status: int = 403, **ext: object) -> bytes:
    err = {'message': 'm', 'code': code, 'extensions': {'code': code, 'status': status, **ext}}
    return json.dumps({'data': {}, 'errors': [err]}).encode()


@pytest.mark.parametrize(
    ('scenario', 'verdict', 'status', 'code'),
    (
        pytest.param('user', Verdict.ACCEPTED, Status.PASS, 'accepted', id='user'),
        pytest.param('auth_failed_401', Verdict.REJECTED, Status.FAIL, 'auth_failed', id='401'),
        pytest.param('auth_failed_200', Verdict.REJECTED, Status.FAIL, 'auth_failed', id='200'),
        pytest.param(
            'auth_failed_missing_header', Verdict.REJECTED, Status.FAIL, 'auth_failed', id='no-hdr'
        ),
        pytest.param(
            'too_many_requests_429',
            Verdict.LIMITED,
            Status.INCONCLUSIVE,
            'too_many_requests',
            id='429',
        ),
        pytest.param(
            'account_cancelled', Verdict.LIMITED, Status.FAIL, 'account_cancelled', id='cancelled'
        ),
        pytest.param('paid_required', Verdict.LIMITED, Status.FAIL, 'paid_required', id='paid'),
        pytest.param(
            'invariant_violation_500',
            Verdict.INCONCLUSIVE,
            Status.INCONCLUSIVE,
            'invariant_violation',
            id='500',
        ),
        pytest.param('redirect_301_http', Verdict.REDIRECT, Status.FAIL, 'redirect-301', id='301'),
        pytest.param('redirect_302_host', Verdict.REDIRECT, Status.FAIL, 'redirect-302', id='302'),
        pytest.param(
            'proxy_html_403', Verdict.INCONCLUSIVE, Status.INCONCLUSIVE, 'html-answer', id='html'
        ),
        pytest.param(
            'captive_portal_200',
            Verdict.INCONCLUSIVE,
            Status.INCONCLUSIVE,
            'html-answer',
            id='portal',
        ),
        pytest.param(
            'truncated_json',
            Verdict.INCONCLUSIVE,
            Status.INCONCLUSIVE,
            'truncated-json',
            id='truncated',
        ),
    ),
)
def test_classify_scenario_files(scenario, verdict, status, code):
    diag = _scenario(scenario)
    assert (diag.verdict, diag.status, diag.code) == (verdict, status, code)


def test_classify_accepted_returns_identity():
    diag = _scenario('user')
    assert diag.identity == Identity(
        '01HZX3K9Q7W2M5N8P4R6T1V0YB', 'Jane Doe', 'jane.doe@example.com'
    )
    assert diag.verification is Verification.VERIFIED


def test_classify_rejected_wording_never_says_expired():
    diag = _scenario('auth_failed_401')
    assert diag.message == 'Fireflies rejected the key (auth_failed, HTTP 401)'
    assert 'app.fireflies.ai → Integrations → Fireflies API' in diag.hint
    assert 'expired' not in (diag.message + diag.hint).lower()
    assert diag.correlation_id == 'corr-test-0001'
    assert diag.help_urls == ('https://docs.fireflies.ai/miscellaneous/error-codes#auth_failed',)
    assert diag.verification is Verification.REJECTED


def test_classify_auth_failed_only_in_extensions_code():
    body = json.dumps({'errors': [{'message': 'x', 'extensions': {'code': 'auth_failed'}}]})
    assert classify(200, JSON, body.encode()).verdict is Verdict.REJECTED


def test_classify_401_with_codeless_fireflies_errors_is_rejected():
    body = json.dumps({'errors': [{'message': 'Unauthorized'}]}).encode()
    assert classify(401, JSON, body).verdict is Verdict.REJECTED


@pytest.mark.parametrize(
    ('status', 'headers', 'body'),
    (
        (407, JSON, b'{"message": "Unauthorized"}'),
        (403, JSON, b'{"message": "Missing Authentication Token"}'),  # AWS gateway, wrong path
        (401, {'Content-Type': 'text/html'}, b'<html><h1>401 Unauthorized</h1></html>'),
        (403, {'Content-Type': 'text/html'}, b'<html>Unauthorized by corporate proxy</html>'),
    ),
)
def test_classify_auth_status_without_envelope_is_inconclusive(status, headers, body):
    diag = classify(status, headers, body)
    assert diag.verdict is Verdict.INCONCLUSIVE
    assert 'nothing is known about the key' in diag.message


@pytest.mark.parametrize(
    ('code', 'needle'),
    (
        ('forbidden', 'workspace admin'),
        ('not_authorized', 'workspace admin'),
        ('require_elevated_privilege', 'admin account'),
        ('not_in_team', 'member of that team'),
        ('account_cancelled', 'Reactivate'),
        ('require_ai_credits', 'AI credits'),
    ),
)
def test_classify_limited_codes_have_their_own_advice(code, needle):
    diag = classify(200, JSON, _error(code))
    assert (diag.verdict, diag.status, diag.code) == (Verdict.LIMITED, Status.FAIL, code)
    assert needle in diag.hint
    assert diag.verification is Verification.VERIFIED


def test_classify_paid_required_names_the_tier():
    diag = _scenario('paid_required')
    assert diag.message.endswith('(paid_required: tier pro_or_higher)')


def test_classify_picks_auth_failed_among_several_errors():
    errors = [{'code': 'invariant_violation'}, {'code': 'auth_failed'}]
    diag = classify(200, JSON, json.dumps({'errors': errors}).encode())
    assert diag.code == 'auth_failed'


@pytest.mark.parametrize('code', ('request_timeout', 'invariant_violation'))
def test_classify_server_codes_are_inconclusive(code):
    diag = classify(200, JSON, _error(code, 500))
    assert diag.status is Status.INCONCLUSIVE
    assert diag.verification is Verification.UNKNOWN


def test_classify_unknown_code_is_inconclusive_and_named():
    diag = classify(200, JSON, _error('invalid_arguments', 400))
    assert (diag.verdict, diag.code) == (Verdict.INCONCLUSIVE, 'invalid_arguments')
    assert 'invalid_arguments' in diag.message


def test_classify_rate_limit_uses_retry_after_header_before_metadata():
    body = _error('too_many_requests', 429, metadata={'retryAfter': 1_720_651_545_066})
    diag = classify(429, {**JSON, 'Retry-After': '7'}, body, now=NOW)
    assert diag.retry_after == 7
    assert 'retry in 7 s' in diag.message


def test_classify_rate_limit_uses_metadata_epoch_ms_not_the_message():
    doc = load('too_many_requests_200')  # unfilled: retryAfter is the docs' example value
    diag = classify(doc['status'], doc['headers'], _body(doc), now=NOW)
    assert diag.retry_after == 46
    assert diag.status is Status.INCONCLUSIVE
    assert diag.verification is Verification.UNKNOWN


def test_classify_bare_429_falls_back_to_ratelimit_reset():
    diag = classify(429, {'X-RateLimit-Reset': '30'}, b'Too Many Requests')
    assert (diag.code, diag.retry_after) == ('too_many_requests', 30)


@pytest.mark.parametrize(
    ('headers', 'meta', 'expected'),
    (
        ({'retry-after': 'Wed, 10 Jul 2024 22:45:10 GMT'}, {}, 10),
        ({'retry-after': 'soon'}, {'retryAfter': 1_720_651_510_000}, 10),
        ({'x-ratelimit-reset': '1720651520'}, {}, 20),
        ({'x-ratelimit-reset': 'nan'}, {}, None),
        ({'x-ratelimit-reset': 'later'}, {'retryAfter': True}, None),
        ({}, {'retryAfter': 1_000}, 0),
    ),
)
def test_ratelimit_retry_after_precedence(headers, meta, expected):
    assert ratelimit.retry_after(headers, meta, NOW) == expected


def test_classify_redirect_same_host_307_explains_nothing_is_stripped():
    diag = classify(307, {'Location': '/graphql/'}, b'', url=URL)
    assert diag.verdict is Verdict.REDIRECT
    assert diag.hint == 'Use the final URL, normally https://api.fireflies.ai/graphql.'


def test_classify_redirect_to_http_names_header_loss_and_method_change():
    diag = classify(301, {'location': 'http://api.fireflies.ai/graphql'}, b'', url=URL)
    assert 'to http://api.fireflies.ai;' in diag.message
    assert 'drop the Authorization header' in diag.hint
    assert 'clear text' in diag.hint
    assert 'POST becomes GET' in diag.hint


@pytest.mark.parametrize(
    ('body', 'code'),
    (
        (b'', 'empty-answer'),
        (b'\xff\xfe\x00binary', 'binary-answer'),
        (b'plain text', 'not-json'),
        (b'[1, 2]', 'not-json'),
        (b'{"data": {"user": null}}', 'no-user'),
    ),
)
def test_classify_non_fireflies_bodies_are_inconclusive(body, code):
    diag = classify(200, JSON, body)
    assert (diag.verdict, diag.code) == (Verdict.INCONCLUSIVE, code)


def test_classify_502_gateway_page_is_server_error():
    diag = classify(502, {'Content-Type': 'text/html'}, b'<html>Bad gateway</html>')
    assert (diag.code, diag.status) == ('server-error', Status.INCONCLUSIVE)


def test_classify_redirect_with_garbled_port_still_explains():
    diag = classify(302, {'Location': 'https://evil.example:99999x/'}, b'', url=URL)
    assert diag.verdict is Verdict.REDIRECT
    assert 'drop the Authorization header' in diag.hint


def test_classify_body_only_without_status():
    diag = classify(None, {}, _error('auth_failed'))
    assert diag.message == 'Fireflies rejected the key (auth_failed)'
