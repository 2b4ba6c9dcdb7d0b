from __future__ import annotations

import http.client
import json
import socket
import ssl
from typing import Any

import pytest
import requests
import responses
import urllib3
from responses import matchers

from ffaudit.doctor import online
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.errors import ExitCode
from ffaudit.errors import FfauditError
from ffaudit.fireflies import endpoint
from ffaudit.fireflies import failures
from ffaudit.fireflies import probe
from ffaudit.fireflies.classify import Verdict
from ffaudit.model import Status
from ffaudit.redaction import fingerprint
from testing.fakeserver import VALID_KEY
from testing.fakeserver import _body
from testing.fakeserver import load
from testing.fakeserver import problems

KEY = 'c1a56040-3b63-497a-9343-70e3f1571e92'  # pragma: allowlist secret
URL = 'https://api.fireflies.ai/graphql'
USER = load('user')


@pytest.fixture
def rsps():
    with responses.RequestsMock() as mock:
        yield mock


def _reply(rsps: responses.RequestsMock, scenario: str = 'user', **kwargs: Any) -> None:
    doc = load(scenario)
    rsps.post(URL, status=doc['status'], headers=doc['headers'], body=_body(doc), **kwargs)


def _leaks(text: str, key: str = KEY) -> bool:
    return any(key[i : i + 6] in text for i in range(len(key) - 5))


def _texts(results) -> str:
    return json.dumps([[r.check, r.status, r.message, r.hint, r.details] for r in results])


def test_bearer_auth_sets_header_and_hides_key():
    auth = probe.BearerAuth(KEY)
    prepared = requests.Request('POST', URL, auth=auth).prepare()
    assert prepared.headers['Authorization'] == f'Bearer {KEY}'
    assert repr(auth) == 'BearerAuth(<redacted>)'


def test_probe_sends_one_bearer_json_post_without_following_redirects(rsps):
    _reply(
        rsps,
        match=[
            matchers.header_matcher(
                {'Authorization': f'Bearer {KEY}', 'Accept': 'application/json'}
            ),
            matchers.json_params_matcher({'query': probe.PROBE_QUERY}),
        ],
    )
    diag, elapsed = probe.probe(KEY, URL, 5)
    assert diag.verdict is Verdict.ACCEPTED
    assert elapsed >= 0
    assert rsps.calls[0].request.headers['Content-Type'] == 'application/json'


def test_probe_does_not_follow_a_redirect(rsps):
    _reply(rsps, 'redirect_302_host')
    diag, _ = probe.probe(KEY, URL, 5)
    assert diag.verdict is Verdict.REDIRECT
    assert len(rsps.calls) == 1


@pytest.mark.parametrize(
    ('key', 'expected'),
    (
        ('', 'the key is empty'),
        (f'{KEY}\n', 'character 37 is U+000A control character'),
        (f'{KEY}\r', 'character 37 is U+000D control character'),
        (f' {KEY}', 'character 1 is U+0020 SPACE'),
        (f'{KEY[:10]}\u2026', 'character 11 is U+2026 HORIZONTAL ELLIPSIS'),
        (f'\u201c{KEY}\u201d', 'character 1 is U+201C LEFT DOUBLE QUOTATION MARK'),
        (f'\ufeff{KEY}', 'character 1 is U+FEFF ZERO WIDTH NO-BREAK SPACE'),
        (f'{KEY[:4]}\xe9', 'character 5 is U+00E9 LATIN SMALL LETTER E WITH ACUTE'),
        (f'{KEY}\x00', 'character 37 is U+0000 control character'),
    ),
)
def test_header_problem_names_position_and_character_only(key, expected):
    assert probe.header_problem(key) == expected


def test_header_problem_accepts_a_clean_key():
    assert probe.header_problem(KEY) is None


def test_probe_refuses_an_unsendable_key_before_sending(rsps):
    diag, _ = probe.probe(f'{KEY}\n', URL, 5)
    assert (diag.verdict, diag.code) == (Verdict.REJECTED, 'unsendable-key')
    assert not _leaks(diag.message + diag.hint)
    assert len(rsps.calls) == 0


@pytest.mark.parametrize(
    'url',
    (
        'https://api.fireflies.ai/graphql',
        'http://127.0.0.1:8080/graphql',
        'http://localhost/graphql',
        'http://[::1]:9/graphql',
    ),
)
def test_check_endpoint_accepts_https_and_loopback_http(url):
    assert probe.check_endpoint(url).hostname


@pytest.mark.parametrize(
    ('url', 'message'),
    (
        ('http://api.fireflies.ai/graphql', 'plain http: the key would cross the network'),
        ('http://127.0.0.1.example/graphql', 'plain http'),
        ('ftp://api.fireflies.ai/', 'not an http(s) URL with a host'),
        ('api.fireflies.ai/graphql', 'not an http(s) URL with a host'),
        ('https://', 'not an http(s) URL with a host'),
        ('https://api.fireflies.ai:99999/', 'malformed (check the brackets and the port)'),
        ('https://user:hunter2@api.fireflies.ai/', 'carries a credential (user info'),
        ('https://:hunter2@api.fireflies.ai/', 'carries a credential'),
        ('https://[::1/graphql', 'malformed'),
        ('https://api.fireflies.ai:abc/graphql', 'malformed'),
        ('https://api.fireflies.ai/graph ql', 'contains spaces or control characters'),
        ('https://api.fireflies.ai/gra\x1bphql', 'contains spaces or control characters'),
        (' https://api.fireflies.ai/graphql', 'space or line break at its start or end'),
        ('https://api.fireflies.ai/graphql\n', 'space or line break at its start or end'),
        ('https://api.fireflies.ai/graphql?api_key=hunter2', 'carries a credential'),
        ('https://api.fireflies.ai/graphql?access_token=hunter2', 'carries a credential'),
        ('https://api.fireflies.ai/graphql?Authorization=hunter2', 'carries a credential'),
    ),
)
def test_check_endpoint_refuses_with_one_line(url, message):
    with pytest.raises(FfauditError) as excinfo:
        probe.check_endpoint(url)
    assert message in str(excinfo.value)
    assert 'hunter2' not in str(excinfo.value)
    assert excinfo.value.exit_code is ExitCode.USAGE


@pytest.mark.parametrize(
    'url',
    (f'https://api.fireflies.ai/graphql?q={KEY}', f'https://api.fireflies.ai/{KEY[:12]}/graphql'),
)
def test_check_endpoint_refuses_a_url_holding_the_key(url):
    with pytest.raises(FfauditError, match='carries a credential') as excinfo:
        probe.check_endpoint(url, KEY)
    assert not _leaks(str(excinfo.value))


def test_run_online_never_sends_the_key_to_a_url_carrying_one(rsps):
    (result,) = online.run_online(_input(endpoint=f'{URL}?api_key={KEY}'))
    assert (result.check, result.status) == ('net.connect', Status.FAIL)
    assert not _leaks(_texts([result]))
    assert len(rsps.calls) == 0


def _gaierror() -> requests.ConnectionError:
    exc = requests.ConnectionError('name')
    exc.__cause__ = socket.gaierror(-2, 'Name or service not known')
    return exc


def _stalled() -> requests.ConnectionError:
    return requests.ConnectionError(TimeoutError('timed out'))


def _tls_alert() -> requests.exceptions.SSLError:
    err = ssl.SSLError(1, 'alert')
    err.reason = 'TLSV1_ALERT_PROTOCOL_VERSION'
    return requests.exceptions.SSLError(err)


def _dropped() -> requests.ConnectionError:
    cause = http.client.RemoteDisconnected('Remote end closed connection without response')
    return requests.ConnectionError(urllib3.exceptions.ProtocolError('aborted', cause))


def _refused() -> requests.ConnectionError:
    exc = requests.ConnectionError('refused')
    exc.__context__ = ConnectionRefusedError(111, 'Connection refused')
    return exc


@pytest.mark.parametrize(
    ('exc', 'code', 'needle'),
    (
        (requests.exceptions.SSLError('x'), 'tls', 'REQUESTS_CA_BUNDLE'),
        (
            requests.exceptions.ProxyError('Tunnel connection failed: 407 Proxy Auth Required'),
            'proxy-auth',
            'HTTPS_PROXY',
        ),
        (requests.exceptions.ProxyError('Unable to connect to proxy'), 'proxy', 'NO_PROXY'),
        (requests.exceptions.ConnectTimeout('x'), 'connect-timeout', '--timeout'),
        (requests.exceptions.ReadTimeout('x'), 'read-timeout', '--timeout'),
        (requests.exceptions.ChunkedEncodingError('x'), 'cut-short', 'Retry'),
        (_gaierror(), 'dns', 'DNS settings'),
        (_refused(), 'refused', 'firewall'),
        (_stalled(), 'read-timeout', '--timeout'),
        (_tls_alert(), 'tls', 'REQUESTS_CA_BUNDLE'),
        (requests.ConnectionError('x'), 'connection', 'network'),
        (requests.exceptions.InvalidURL('x'), 'request-error', '--endpoint'),
        (
            requests.exceptions.InvalidHeader(f'Invalid header value: Bearer {KEY}\n'),
            'request-error',
            '--endpoint',
        ),
        (UnicodeEncodeError('latin-1', f'Bearer {KEY}', 0, 1, 'x'), 'request-error', 'network'),
        (
            OSError(f'Could not find a suitable TLS CA certificate bundle: {KEY}'),
            'tls-config',
            'PEM',
        ),
        (
            requests.exceptions.InvalidSchema('Missing dependencies for SOCKS support.'),
            'socks-missing',
            'requests[socks]',
        ),
        (_dropped(), 'dropped', 'retry'),
        (
            requests.exceptions.InvalidSchema('No connection adapters'),
            'request-error',
            '--endpoint',
        ),
    ),
)
def test_probe_maps_network_failures_to_inconclusive(rsps, exc, code, needle):
    rsps.post(URL, body=exc)
    diag, _ = probe.probe(KEY, URL, 2, {})
    assert (diag.verdict, diag.code, diag.network) == (Verdict.INCONCLUSIVE, code, True)
    assert needle in diag.hint
    assert 'verify=False' not in diag.hint
    assert not _leaks(diag.message + diag.hint)


def test_probe_tls_names_interception_and_never_suggests_disabling(rsps):
    rsps.post(URL, body=requests.exceptions.SSLError('x'))
    diag, _ = probe.probe(KEY, URL, 2, {})
    assert 'intercepting' in diag.message
    assert 'do not disable' in diag.hint


def test_probe_tls_names_the_handshake_reason(rsps):
    rsps.post(URL, body=_tls_alert())
    diag, _ = probe.probe(KEY, URL, 2, {})
    assert diag.message.startswith('TLS verification failed (TLSV1_ALERT_PROTOCOL_VERSION)')


def test_probe_bounds_a_huge_answer(rsps):
    rsps.post(URL, body=b'{"pad": "' + b'x' * (probe.MAX_BODY + 10), status=200)
    diag, _ = probe.probe(KEY, URL, 2)
    assert (diag.code, diag.http_status) == ('huge-answer', 200)


def _input(**kwargs) -> DoctorInput:
    return DoctorInput(**{'key': KEY, 'key_source': 'env:FIREFLIES_API_KEY', **kwargs})


def test_run_online_accepted_shows_identity(rsps):
    _reply(rsps)
    results = online.run_online(_input())
    assert [(r.check, r.status) for r in results] == [
        ('net.connect', Status.PASS),
        ('auth.probe', Status.PASS),
        ('auth.identity', Status.PASS),
    ]
    assert results[2].message == 'Key belongs to Jane Doe <jane.doe@example.com>'
    assert {r.section for r in results} == {'Fireflies API'}


def test_run_online_masks_email_in_ci_unless_show_identity(rsps):
    _reply(rsps)
    _reply(rsps)
    masked = online.run_online(_input(env={'CI': 'true'}))[2]
    shown = online.run_online(_input(env={'CI': 'true'}, show_identity=True))[2]
    assert masked.message == 'Key belongs to Jane Doe <j***@example.com>'
    assert shown.message == 'Key belongs to Jane Doe <jane.doe@example.com>'


def test_run_online_expect_email_mismatch_fails(rsps):
    _reply(rsps)
    _reply(rsps)
    wrong = online.run_online(_input(expect_email='ops@example.com'))[2]
    right = online.run_online(_input(expect_email=' Jane.Doe@Example.com'))[2]
    assert wrong.status is Status.FAIL
    assert 'not --expect-email ops@example.com' in wrong.message
    assert right.status is Status.PASS


def test_run_online_rejected_names_fingerprint_and_source(rsps):
    _reply(rsps, 'auth_failed_401')
    results = online.run_online(_input())
    probed = results[1]
    assert probed.status is Status.FAIL
    assert probed.message == (
        'Fireflies rejected the key (auth_failed, HTTP 401); key from env:FIREFLIES_API_KEY, '
        f'fingerprint {fingerprint(KEY)}'
    )
    assert ('correlation_id', 'corr-test-0001') in probed.details
    assert len(results) == 2
    assert not _leaks(_texts(results))


def test_run_online_network_failure_skips_the_probe(rsps):
    rsps.post(URL, body=requests.exceptions.ConnectTimeout('x'))
    results = online.run_online(_input(timeout=1.5))
    assert [(r.check, r.status) for r in results] == [
        ('net.connect', Status.INCONCLUSIVE),
        ('auth.probe', Status.SKIP),
    ]
    assert results[0].message == 'No connection to api.fireflies.ai:443 within 1.5 s'


def test_run_online_without_key_skips():
    assert online.run_online(DoctorInput())[0].status is Status.SKIP


def test_run_online_refuses_plain_http_to_a_remote_host():
    (result,) = online.run_online(_input(endpoint='http://api.fireflies.ai/graphql'))
    assert (result.check, result.status) == ('net.connect', Status.FAIL)
    assert (
        result.message == f'Not probed: --endpoint refused: {endpoint.PLAIN_HTTP}'
    )  # sentence case (issue 10)


def test_probe_key_never_raises(monkeypatch):
    assert probe.probe_key(KEY, 'http://api.fireflies.ai/', 1).code == 'probe-error'

    def boom(*args):
        raise RuntimeError(KEY)

    monkeypatch.setattr(probe, 'send', boom)
    diag = probe.probe_key(KEY, URL, 1)
    assert (diag.verdict, diag.message) == (Verdict.INCONCLUSIVE, 'could not probe (RuntimeError)')


def test_probe_key_returns_the_classification(rsps):
    _reply(rsps, 'auth_failed_200')
    assert probe.probe_key(KEY, URL, 1).verdict is Verdict.REJECTED


@pytest.mark.e2e
def test_netrc_cannot_replace_the_bearer_key(fake_fireflies_http, tmp_path, monkeypatch):
    netrc = tmp_path / 'netrc'
    netrc.write_text('machine 127.0.0.1 login x password y\ndefault login bob password pw2\n')
    netrc.chmod(0o600)
    monkeypatch.setenv('NETRC', str(netrc))
    url = fake_fireflies_http.url()
    naive = requests.post(url, json={'query': 'user'}, headers={'Authorization': 'Bearer k'})
    assert naive.status_code == 401  # the trap is real: headers= lost to netrc Basic auth
    diag, _ = probe.probe(VALID_KEY, url, 5)
    assert diag.verdict is Verdict.ACCEPTED
    naive_req, probe_req = fake_fireflies_http.received
    assert naive_req.authorization[0].startswith('Basic ')
    assert probe_req.authorization == (f'Bearer {VALID_KEY}',)
    assert problems(probe_req) == []


@pytest.mark.parametrize(
    ('user', 'expect', 'status', 'message'),
    (
        (
            {},
            None,
            Status.SKIP,
            'The answer carried no user details (no name or email) for this key',
        ),
        (
            {},
            'jane@example.com',
            Status.WARN,
            'Could not compare with --expect-email: the answer carried no user details'
            ' (no name or email)',
        ),
        ({'name': 'Jane Doe'}, None, Status.PASS, 'Key belongs to Jane Doe'),
        (
            {'name': 'Jane Doe', 'email': ''},
            'jane@example.com',
            Status.WARN,
            'Could not compare with --expect-email: the answer names Jane Doe but carries no email',
        ),
        ({'email': 'jane@example.com'}, None, Status.PASS, 'Key belongs to <jane@example.com>'),
    ),
)
def test_run_online_identity_without_user_details(rsps, user, expect, status, message):
    rsps.post(URL, json={'data': {'user': user}})
    results = online.run_online(_input(expect_email=expect))
    assert results[1].status is Status.PASS  # the key itself was accepted
    assert (results[2].status, results[2].message) == (status, message)
    assert '<>' not in _texts(results)


def test_a_key_pasted_as_the_endpoint_host_is_never_echoed():
    with pytest.raises(FfauditError) as excinfo:
        probe.check_endpoint(f'http://{VALID_KEY}/graphql')
    assert str(excinfo.value) == f'--endpoint refused: {endpoint.PLAIN_HTTP}'
    diag = failures.diagnose('dns', OSError('x'), f'https://{VALID_KEY}/graphql', 2)
    assert diag.message == 'DNS lookup of <redacted> failed'
    assert not _leaks(diag.message + diag.hint, VALID_KEY)
