from __future__ import annotations

import json

import pytest

from ffaudit.fireflies import ratelimit
from ffaudit.fireflies.classify import Identity
from ffaudit.fireflies.classify import Verdict
from ffaudit.fireflies.classify import classify
from ffaudit.model import Status
from ffaudit.model import Verification
from testing.fakeserver import _body
from testing.fakeserver import _fill
from testing.fakeserver import load

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


KEY = '3e0f8a52-7c1d-4b9e-a6f4-28d5c9e1b703'  # pragma: allowlist secret


def _leaks(text: str) -> bool:
    return any(KEY[i : i + 6] in text for i in range(len(KEY) - 5))


@pytest.mark.parametrize(
    ('scenario', 'verdict', 'code'),
    (
        ('echo_key_401', Verdict.REJECTED, 'auth_failed'),
        ('echo_key_user', Verdict.ACCEPTED, 'accepted'),
        ('inject_name', Verdict.ACCEPTED, 'accepted'),
        ('user_null', Verdict.INCONCLUSIVE, 'no-user'),
        ('partial_user', Verdict.ACCEPTED, 'accepted'),
        ('help_urls_string', Verdict.REJECTED, 'auth_failed'),
        ('unauthorized_401', Verdict.REJECTED, 'auth-message'),
        ('auth_word_200', Verdict.REJECTED, 'auth-message'),
        ('user_ratelimit_headers', Verdict.ACCEPTED, 'accepted'),
        ('bad_location', Verdict.REDIRECT, 'redirect-302'),
    ),
)
def test_classify_hostile_and_odd_answers(scenario, verdict, code):
    doc = _fill(load(scenario), 443, f'Bearer {KEY}')
    diag = classify(doc['status'], doc['headers'], _body(doc), url=URL, now=NOW, secrets=[KEY])
    assert (diag.verdict, diag.code) == (verdict, code)
    assert not _leaks(repr(diag))
    assert not any(c in repr(diag) for c in '\n\r\x1b\x07')


def test_classify_masks_an_echoed_key_everywhere():
    doc = _fill(load('echo_key_401'), 443, f'Bearer {KEY}')
    diag = classify(doc['status'], doc['headers'], _body(doc), secrets=[KEY])
    assert diag.correlation_id == 'Bearer <redacted>'
    assert diag.help_urls == (
        'https://docs.fireflies.ai/miscellaneous/error-codes#auth_failed?k=Bearer <redacted>',
    )
    unknown = classify(doc['status'], doc['headers'], _body(doc))  # explain: key unknown
    assert unknown.correlation_id == 'Bearer <redacted>'


def test_classify_echoed_key_in_identity_is_masked():
    doc = _fill(load('echo_key_user'), 443, KEY)  # the bare key, no scheme word
    diag = classify(200, JSON, _body(doc), secrets=[KEY])
    assert diag.identity == Identity('id-<redacted>', '<redacted>', 'jane.doe@example.com')


def test_classify_escapes_control_characters_in_identity():
    diag = _scenario('inject_name')
    assert diag.identity is not None
    assert diag.identity.name.startswith('Evil\\n::error::injected\\r\\n::add-mask::')
    assert diag.identity.email == 'e@example.com\\n::stop-commands::tok'


def test_classify_user_null_is_precise_and_inconclusive():
    diag = _scenario('user_null')
    assert diag.message == (
        'Fireflies answered (HTTP 200) but returned no user for this key (data.user is null)'
    )
    assert 'firewall' not in diag.message + diag.hint
    assert diag.status is Status.INCONCLUSIVE


def test_classify_partial_response_with_user_is_accepted_with_a_note():
    diag = _scenario('partial_user')
    assert diag.message == (
        'Fireflies accepted the key (it also reported unrelated errors: invalid_arguments)'
    )
    assert diag.identity is not None and diag.identity.name == 'Jane Doe'


def test_classify_string_help_urls_and_numeric_correlation_id():
    diag = _scenario('help_urls_string')
    assert diag.help_urls == ('https://docs.fireflies.ai/miscellaneous/error-codes#auth_failed',)
    assert diag.correlation_id == '12345'


def test_classify_non_string_user_fields_are_left_out():
    body = json.dumps({'data': {'user': {'user_id': 7, 'name': ['x'], 'email': {'a': 1}}}})
    diag = classify(200, JSON, body.encode())
    assert diag.identity == Identity('7', '', '')


@pytest.mark.parametrize(
    ('status', 'body', 'said'),
    (
        (401, {'message': 'Unauthorized'}, '"Unauthorized"'),
        (401, {'message': 'Token is not valid'}, '"Token is not valid"'),
        (403, {'message': 'Unauthorized'}, '"Unauthorized"'),
        (200, {'errors': [{'message': 'Authentication required'}]}, '"Authentication required"'),
        (200, {'errors': [{'message': 'invalid api key', 'code': 'x_y'}]}, 'x_y, HTTP 200'),
    ),
)
def test_classify_auth_refusals_outside_the_envelope_are_rejected_with_a_note(status, body, said):
    diag = classify(status, JSON, json.dumps(body).encode())
    assert diag.verdict is Verdict.REJECTED
    assert said in diag.message
    assert 'not the documented error format' in diag.message
    assert 'app.fireflies.ai → Integrations → Fireflies API' in diag.hint


def test_classify_long_server_messages_are_cut():
    body = json.dumps({'message': 'Unauthorized ' + 'x' * 5000}).encode()
    diag = classify(401, JSON, body)
    assert len(diag.message) < 300


def test_classify_shows_rate_limit_windows():
    diag = _scenario('user_ratelimit_headers')
    assert diag.details == (
        ('rate_limit_remaining', 41),  # numbers are numbers in JSON (issue 10)
        ('rate_limit_remaining_api', 41),
        ('rate_limit_remaining_api_burst', 9),
    )
    assert classify(200, JSON, _body(load('user'))).details == ()


def test_classify_unparsable_location_is_an_invalid_redirect_target():
    diag = _scenario('bad_location')
    assert diag.message == (
        'The endpoint redirects (HTTP 302) to an invalid target (unparsable Location);'
        ' the request, key included, had been sent'
    )
    for location in ('mailto:x@example.com', 'ftp://files.example/'):
        assert 'invalid target' in classify(302, {'Location': location}, b'', url=URL).message


def test_classify_redirect_target_is_escaped_and_hides_userinfo():
    location = f'https://{KEY}@evil.example\x07\x1b/graphql'
    diag = classify(302, {'Location': location}, b'', url=URL, secrets=[KEY])
    assert 'to https://evil.example\\x07\\x1b;' in diag.message
    assert not _leaks(diag.message)


def test_classify_relative_redirect_without_url_assumes_fireflies():
    diag = classify(307, {'Location': '/graphql/'}, b'')
    assert diag.message.startswith('The endpoint redirects (HTTP 307) to https://api.fireflies.ai;')


def test_classify_utf8_bom_body_is_json():
    assert classify(200, JSON, b'\xef\xbb\xbf' + _body(load('user'))).verdict is Verdict.ACCEPTED


def test_classify_rate_limit_names_the_absolute_utc_time():
    doc = load('too_many_requests_200')  # unfilled: the docs' example retryAfter 1720651545066
    soon = classify(doc['status'], doc['headers'], _body(doc), now=NOW)
    later = classify(doc['status'], doc['headers'], _body(doc), now=NOW + 3600)
    assert 'retry in 46 s, at 2024-07-10 22:45:46 UTC' in soon.message
    assert 'retry after 2024-07-10 22:45:46 UTC, which has passed' in later.message
    assert 'retry in 0 s' not in later.message
    assert (soon.retry_after, later.retry_after) == (46, 0)


def test_ratelimit_relative_values_count_from_an_old_date_header():
    old = {'date': 'Wed, 10 Jul 2024 22:00:00 GMT', 'retry-after': '42'}
    fresh = {'date': 'Wed, 10 Jul 2024 22:44:55 GMT', 'retry-after': '42'}
    assert ratelimit.retry_at(old, {}, NOW) == 1_720_648_842  # a capture: 22:00:42
    assert ratelimit.retry_at(fresh, {}, NOW) == NOW + 42  # live: the local clock decides
    assert ratelimit.retry_at({'date': 'junk', 'x-ratelimit-reset': '5'}, {}, NOW) == NOW + 5


@pytest.mark.parametrize(
    ('at', 'expected'),
    (
        (NOW + 7.2, 'retry in 8 s, at 2024-07-10 22:45:08 UTC'),
        (NOW, 'retry after 2024-07-10 22:45:00 UTC, which has passed'),
        (1e300, 'retry in '),
    ),
)
def test_ratelimit_describe(at, expected):
    assert ratelimit.describe(at, NOW).startswith(expected)


CSRF = (
    'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF). Please'
    " either specify a 'content-type' header (with a type that is not one of"
    ' application/x-www-form-urlencoded, multipart/form-data, text/plain) or provide a non-empty'
    ' value for one of the following headers: x-apollo-operation-name, apollo-require-preflight\n'
)


@pytest.mark.parametrize(
    ('status', 'headers', 'body', 'said'),
    (
        pytest.param(
            400,
            {'Content-Type': 'text/plain'},
            b'POST body missing, invalid Content-Type, or JSON object has no keys.',
            'POST body missing, invalid Content-Type, or JSON object has no keys.',
            id='apollo-4-text',
        ),
        pytest.param(
            400,
            JSON,
            json.dumps(
                {'errors': [{'message': CSRF.strip(), 'extensions': {'code': 'BAD_REQUEST'}}]}
            ).encode(),
            'This operation has been blocked as a potential Cross-Site Request Forgery',
            id='apollo-csrf-json',
        ),
        pytest.param(400, {}, CSRF.encode(), 'Cross-Site Request Forgery', id='apollo-csrf-text'),
        pytest.param(
            400,
            JSON,
            b'{"errors":[{"message":"Must provide query string."}]}',
            'Must provide query string.',
            id='express-graphql',
        ),
        pytest.param(
            None,
            {},
            b'{"errors":[{"message":"POST body missing. Did you forget use body-parser'
            b' middleware?"}]}',
            'POST body missing. Did you forget',
            id='apollo-2-body-only',
        ),
    ),
)
def test_classify_unread_request_blames_content_type_not_a_firewall(status, headers, body, said):
    diag = classify(status, headers, body)
    assert (diag.verdict, diag.code) == (Verdict.INCONCLUSIVE, 'bad-request')
    assert diag.message.startswith('The request lacked Content-Type: application/json or a JSON')
    assert said in diag.message
    assert 'nothing is known about the key' in diag.message
    assert "json={'query': q}" in diag.hint
    assert 'firewall' not in diag.message + diag.hint


def test_classify_known_fireflies_codes_win_over_content_type_words():
    err = {'message': 'invalid Content-Type', 'code': 'auth_failed'}
    diag = classify(401, JSON, json.dumps({'errors': [err]}).encode())
    assert diag.code == 'auth_failed'
