"""The live probe against real loopback servers (testing/fakeserver): TLS set-up, proxies, hang-ups.

``requests`` reads the CA-bundle and proxy variables from ``os.environ``; the same mapping is
handed to ``probe.probe`` for attribution, as ``run_online`` does with ``DoctorInput.env``.
"""

from __future__ import annotations

import datetime
import importlib.util
import ssl

import pytest
import trustme

from ffaudit.doctor import online
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.fireflies import probe
from ffaudit.fireflies import transport
from ffaudit.fireflies.diagnosis import Verdict
from ffaudit.model import Verification
from ffaudit.scan.verify import Verifier
from testing.fakeserver import VALID_KEY
from testing.fakeserver import FakeFireflies

pytestmark = pytest.mark.e2e
VARIABLES = ('REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE', 'HTTPS_PROXY', 'https_proxy', 'ALL_PROXY')


@pytest.fixture
def env(monkeypatch):
    """A clean proxy/CA environment; tests add to it with ``_set``."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv('NO_PROXY', '127.0.0.1,localhost')
    return {'NO_PROXY': '127.0.0.1,localhost'}


def _set(monkeypatch, env: dict[str, str], **values: str) -> dict[str, str]:
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return {**env, **values}


def _leaks(text: str) -> bool:
    low = text.lower()  # the key in any case, with or without its dashes
    forms = (VALID_KEY, VALID_KEY.replace('-', ''))
    return any(form[i : i + 6] in low for form in forms for i in range(len(form) - 5))


@pytest.mark.parametrize('variable', ('REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE'))
def test_missing_ca_bundle_is_a_tls_configuration_result(
    fake_fireflies, env, monkeypatch, tmp_path, variable
):
    missing = str(tmp_path / 'missing.pem')
    env = _set(monkeypatch, env, **{variable: missing})
    diag, _ = probe.probe(VALID_KEY, fake_fireflies.url(), 2, env)
    assert (diag.verdict, diag.code, diag.network) == (Verdict.INCONCLUSIVE, 'tls-config', True)
    assert diag.message == (
        f'TLS configuration problem: {variable} points at {missing}, which is not a readable CA'
        ' bundle; the key was not sent'
    )
    assert variable in diag.hint
    assert fake_fireflies.received == []


@pytest.mark.parametrize('make', ('junk', 'empty-dir', 'other-ca'))
def test_a_bad_ca_bundle_is_blamed_not_tls_inspection(
    fake_fireflies, env, monkeypatch, tmp_path, make
):
    path = tmp_path / 'bundle'
    if make == 'junk':
        path.write_text('not a certificate\n')
    elif make == 'empty-dir':
        path.mkdir()
    else:
        trustme.CA().cert_pem.write_to_path(str(path))
    env = _set(monkeypatch, env, REQUESTS_CA_BUNDLE=str(path))
    diag, _ = probe.probe(VALID_KEY, fake_fireflies.url(), 2, env)
    assert (diag.verdict, diag.code) == (Verdict.INCONCLUSIVE, 'ca-bundle')
    assert f'with the CA bundle that REQUESTS_CA_BUNDLE points at ({path})' in diag.message
    assert 'or unset it; do not disable certificate verification' in diag.hint
    assert fake_fireflies.received == []


def test_an_expired_certificate_suggests_checking_the_clock(
    fireflies_ca, fireflies_ca_bundle, env, monkeypatch
):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    fireflies_ca.issue_cert(
        '127.0.0.1',
        not_before=datetime.datetime(2019, 1, 1),
        not_after=datetime.datetime(2020, 1, 1),
    ).configure_cert(ctx)
    env = _set(monkeypatch, env, REQUESTS_CA_BUNDLE=str(fireflies_ca_bundle))
    with FakeFireflies(ctx) as server:
        diag, _ = probe.probe(VALID_KEY, server.url(), 2, env)
        assert server.received == []
    assert (diag.code, diag.network) == ('tls-date', True)
    assert diag.message.startswith('TLS verification failed (certificate has expired)')
    assert 'system clock (date -u)' in diag.hint


def test_socks_proxy_without_pysocks_names_the_extra(env, monkeypatch):
    if importlib.util.find_spec('socks') is not None:
        pytest.skip('PySocks is installed here: SOCKS works')
    env = _set(monkeypatch, env, HTTPS_PROXY='socks5://127.0.0.1:9', NO_PROXY='')
    diag, _ = probe.probe(VALID_KEY, 'https://api.fireflies.ai/graphql', 2, env)
    assert (diag.code, diag.network) == ('socks-missing', True)
    assert '(HTTPS_PROXY) is a SOCKS proxy' in diag.message
    assert 'pip install "requests[socks]"' in diag.hint


def test_a_hang_up_after_the_request_says_the_key_was_sent(fake_fireflies_http, env):
    diag, _ = probe.probe(VALID_KEY, fake_fireflies_http.url('close_after_request'), 2, env)
    assert (diag.code, diag.network) == ('dropped', True)
    assert 'the request, key included, had been sent' in diag.message
    assert fake_fireflies_http.received[0].authorization == (f'Bearer {VALID_KEY}',)


@pytest.mark.parametrize('scenario', ('echo_key_401', 'echo_key_user', 'echo_key_forms'))
def test_an_echoed_key_never_reaches_the_results(fake_fireflies_http, env, scenario):
    url = fake_fireflies_http.url(scenario)
    results = online.run_online(DoctorInput(key=VALID_KEY, endpoint=url, env=env))
    shown = repr(results)
    assert '<redacted>' in shown
    assert not _leaks(shown)


def test_a_trickled_answer_is_abandoned_at_the_deadline(fake_fireflies_http, env):
    fake_fireflies_http.hangups.clear()
    with pytest.raises(transport.DeadlineExceeded) as excinfo:
        transport.send(VALID_KEY, fake_fireflies_http.url('trickle_body'), 0.5)
    assert excinfo.value.phase == 'body'
    assert fake_fireflies_http.hangups.wait(2)


@pytest.mark.parametrize('variable', ('HTTP_PROXY', 'http_proxy', 'ALL_PROXY'))
def test_a_plain_http_loopback_probe_never_goes_through_a_proxy(
    fake_fireflies_http, env, monkeypatch, variable
):
    with FakeFireflies() as proxy:  # records whatever a client sends it, key included
        _set(monkeypatch, env, **{variable: proxy.origin, 'NO_PROXY': '', 'no_proxy': ''})
        diag, _ = probe.probe(VALID_KEY, fake_fireflies_http.url(), 2, env)
        verdict = probe.probe_key(VALID_KEY, fake_fireflies_http.url(), 2)
        verified = Verifier(fake_fireflies_http.url(), 2).check(VALID_KEY)  # scan --verify
        assert proxy.received == []
    assert (diag.verdict, verdict.verdict) == (Verdict.ACCEPTED, Verdict.ACCEPTED)
    assert verified is Verification.VERIFIED
    assert [r.authorization for r in fake_fireflies_http.received] == [(f'Bearer {VALID_KEY}',)] * 3


def test_an_https_probe_still_goes_through_the_proxy_as_a_tunnel(fake_fireflies, env, monkeypatch):
    with FakeFireflies() as proxy:  # answers CONNECT with 407: the tunnel was asked for
        env = _set(monkeypatch, env, HTTPS_PROXY=proxy.origin, NO_PROXY='', no_proxy='')
        diag, _ = probe.probe(VALID_KEY, fake_fireflies.url(), 2, env)
        assert [(r.method, r.path, r.authorization) for r in proxy.received] == [
            ('CONNECT', f'127.0.0.1:{fake_fireflies.port}', ())
        ]
    assert (diag.code, diag.network) == ('proxy-auth', True)
    assert fake_fireflies.received == []


def test_proxies_apply_to_https_urls_only():
    proxies = {'http': 'http://proxy:8080', 'https': 'http://proxy:8080'}
    assert transport.proxies_for('https://api.fireflies.ai/graphql', proxies) == proxies
    assert transport.proxies_for('HTTPS://api.fireflies.ai/graphql', proxies) == proxies
    assert transport.proxies_for('http://127.0.0.1:8080/graphql', proxies) == {}


def test_an_https_url_on_a_plain_http_port_says_so(fake_fireflies_http, env, monkeypatch):
    env = _set(monkeypatch, env, REQUESTS_CA_BUNDLE='')  # not a CA-bundle problem either
    url = fake_fireflies_http.url().replace('http://', 'https://')
    diag, _ = probe.probe(VALID_KEY, url, 2, env)
    assert (diag.verdict, diag.code, diag.network) == (
        Verdict.INCONCLUSIVE,
        'tls-plain-http',
        True,
    )
    host = f'127.0.0.1:{fake_fireflies_http.port}'
    assert diag.message.startswith(f'{host} answered plain HTTP on an https URL (TLS handshake')
    assert 'The server speaks plain HTTP on that port' in diag.hint
    assert 'REQUESTS_CA_BUNDLE' not in diag.message + diag.hint
    assert fake_fireflies_http.received == []  # the handshake failed: no request, no key
