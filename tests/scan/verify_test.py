"""Verification of found keys against the fake Fireflies server (loopback only)."""

from __future__ import annotations

import dataclasses
import pathlib
import socket
import time
from collections.abc import Iterator

import pytest

from ffaudit.doctor.inputs import DEFAULT_ENDPOINT
from ffaudit.doctor.inputs import DEFAULT_TIMEOUT
from ffaudit.errors import FfauditError
from ffaudit.fireflies import endpoint
from ffaudit.fireflies.diagnosis import Diagnosis
from ffaudit.fireflies.diagnosis import Verdict
from ffaudit.model import Finding
from ffaudit.model import Rule
from ffaudit.model import Verification
from ffaudit.redaction import fingerprint
from ffaudit.redaction import redact
from ffaudit.scan import files
from ffaudit.scan import verify
from ffaudit.scan.found_keys import KeyRing
from testing.fakeserver import UNKNOWN_KEY
from testing.fakeserver import VALID_KEY
from testing.fakeserver import FakeFireflies

OTHER_KEY = 'e82f284a-d720-4ec2-9593-adbd509eaae8'  # pragma: allowlist secret
HEROKU_KEY = '9966886c-93c4-4139-83f5-373ba78278af'  # pragma: allowlist secret


def _ring(*keys: str, overlapping: str = '') -> KeyRing:
    ring = KeyRing()
    for key in keys:
        ring.add(key, other_vendor=key == overlapping)
    return ring


def _finding(key: str, path: str = 'a.py', line: int = 1) -> Finding:
    return Finding(path, line, 1, preview=redact(key), fingerprint=fingerprint(key))


def _verify_ring(ring: KeyRing, verifier: verify.Verifier) -> dict[str, Verification]:
    findings = [_finding(key, f'{n}.env') for n, (_, key) in enumerate(ring.items())]
    return {f.fingerprint: f.verification for f in verify.verify_findings(findings, ring, verifier)}


def test_verifier_asks_once_per_distinct_key(fake_fireflies_http: FakeFireflies) -> None:
    verifier = verify.Verifier(fake_fireflies_http.url(), timeout=5)
    ring = _ring(VALID_KEY, UNKNOWN_KEY, VALID_KEY)
    assert _verify_ring(ring, verifier) == {
        fingerprint(VALID_KEY): Verification.VERIFIED,
        fingerprint(UNKNOWN_KEY): Verification.REJECTED,
    }
    assert verifier.check(VALID_KEY) is Verification.VERIFIED  # cached: no second request
    sent = [r.authorization for r in fake_fireflies_http.received]
    assert sent == [(f'Bearer {VALID_KEY}',), (f'Bearer {UNKNOWN_KEY}',)]


def test_verifier_over_https_with_a_local_ca(
    fake_fireflies: FakeFireflies,
    fireflies_ca_bundle: pathlib.Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv('REQUESTS_CA_BUNDLE', str(fireflies_ca_bundle))
    verifier = verify.Verifier(fake_fireflies.url(), timeout=5)
    assert verifier.check(VALID_KEY) is Verification.VERIFIED


@pytest.mark.parametrize('scenario', ['too_many_requests_429', 'too_many_requests_200'])
def test_verifier_stops_after_the_first_rate_limit(
    fake_fireflies_http: FakeFireflies, scenario: str
) -> None:
    verifier = verify.Verifier(fake_fireflies_http.url(scenario), timeout=5)
    results = _verify_ring(_ring(VALID_KEY, UNKNOWN_KEY, OTHER_KEY), verifier)
    assert set(results.values()) == {Verification.UNKNOWN}
    assert len(fake_fireflies_http.received) == 1
    assert verifier.rate_limited


@pytest.mark.parametrize(
    ('scenario', 'expected'),
    [
        ('invariant_violation_500', Verification.UNKNOWN),
        ('proxy_html_403', Verification.UNKNOWN),
        ('redirect_302_host', Verification.UNKNOWN),
        ('auth_failed_200', Verification.REJECTED),
        ('account_cancelled', Verification.VERIFIED),
        ('paid_required', Verification.VERIFIED),
    ],
)
def test_verifier_tri_state_keeps_asking_after_other_answers(
    fake_fireflies_http: FakeFireflies, scenario: str, expected: Verification
) -> None:
    verifier = verify.Verifier(fake_fireflies_http.url(scenario), timeout=5)
    results = _verify_ring(_ring(VALID_KEY, UNKNOWN_KEY), verifier)
    assert set(results.values()) == {expected}
    assert len(fake_fireflies_http.received) == 2


def test_verifier_never_sends_a_key_seen_beside_another_vendor(
    fake_fireflies_http: FakeFireflies,
) -> None:
    verifier = verify.Verifier(fake_fireflies_http.url(), timeout=5)
    ring = _ring(VALID_KEY, HEROKU_KEY, overlapping=HEROKU_KEY)
    results = _verify_ring(ring, verifier)
    assert results[fingerprint(HEROKU_KEY)] is Verification.UNKNOWN
    assert [r.authorization for r in fake_fireflies_http.received] == [(f'Bearer {VALID_KEY}',)]


def test_verifier_unreachable_server_is_unknown(tmp_path: pathlib.Path) -> None:
    verifier = verify.Verifier('http://127.0.0.1:9/graphql', timeout=2)  # discard port: refused
    assert verifier.check(VALID_KEY) is Verification.UNKNOWN


@pytest.mark.parametrize(
    'url',
    [
        DEFAULT_ENDPOINT,
        'http://127.0.0.1:8080/graphql',
        'https://localhost/graphql',
        'http://[::1]:9/graphql',
        'http://127.1.2.3/graphql',
    ],
)
def test_check_endpoint_accepts_official_and_loopback(url: str) -> None:
    assert endpoint.check_endpoint(url) == url


@pytest.mark.parametrize(
    'url',
    [
        'https://api.fireflies.ai/graphql/',
        'https://API.Fireflies.ai/graphql',
        'https://api.fireflies.ai:443/graphql',
        'https://api.fireflies.ai',
        'https://api.fireflies.ai/',
    ],
)
def test_check_endpoint_normalises_spellings_of_the_official_one(url: str) -> None:
    # a trailing slash is the official endpoint, not a refusal
    assert verify.Verifier(url).endpoint == DEFAULT_ENDPOINT


@pytest.mark.parametrize(
    ('url', 'shown'),
    [
        (
            'https://user:hunter2@api.fireflies.ai/v2/graphql?token=abc&x=1',
            'https://api.fireflies.ai/v2/graphql?token=***&x=1',
        ),
        # the query is why it is refused, so it stays visible, masked
        ('https://api.fireflies.ai/graphql?x=1', 'https://api.fireflies.ai/graphql?x=1'),
        (
            f'https://api.fireflies.ai/graphql?id={OTHER_KEY}',
            'https://api.fireflies.ai/graphql?id=***',
        ),
    ],
)
def test_check_endpoint_messages_mask_credentials_in_the_query(url: str, shown: str) -> None:
    with pytest.raises(FfauditError) as refused:
        endpoint.check_endpoint(url)
    assert str(refused.value) == (
        f'refusing to send keys to {shown}: only {DEFAULT_ENDPOINT} or a loopback test server'
    )
    assert 'hunter2' not in str(refused.value) and OTHER_KEY not in str(refused.value)


def test_check_endpoint_messages_stay_one_printable_line() -> None:
    with pytest.raises(FfauditError) as refused:
        endpoint.check_endpoint('https://api.fireflies.ai/graphql?a=\x1b[31m')
    assert str(refused.value).startswith(
        'refusing to send keys to https://api.fireflies.ai/graphql?...:'
    )


def test_check_endpoint_malformed_is_one_line() -> None:
    with pytest.raises(FfauditError, match='^malformed --endpoint URL: only https://'):
        endpoint.check_endpoint('https://api.fireflies.ai:99999/graphql')


@pytest.mark.parametrize(
    'url',
    [
        'https://api.fireflies.ai.evil.example/graphql',
        'https://example.com/graphql',
        'http://api.fireflies.ai/graphql',
        'ftp://127.0.0.1/graphql',
        'not a url',
    ],
)
def test_check_endpoint_refuses_anything_else(url: str) -> None:
    with pytest.raises(FfauditError, match='^refusing to send keys to .*only https://api'):
        verify.Verifier(url)


def test_apply_sorts_verified_first_and_only_verified_filters() -> None:
    findings = [
        _finding(UNKNOWN_KEY, 'a.py'),
        _finding(OTHER_KEY, 'b.py'),
        _finding(VALID_KEY, 'c.py'),
    ]
    results = {
        fingerprint(VALID_KEY): Verification.VERIFIED,
        fingerprint(UNKNOWN_KEY): Verification.REJECTED,
        fingerprint(OTHER_KEY): Verification.UNKNOWN,
    }
    stamped = verify.apply(findings, results)
    assert [(f.path, f.verification) for f in stamped] == [
        ('c.py', Verification.VERIFIED),
        ('b.py', Verification.UNKNOWN),
        ('a.py', Verification.REJECTED),
    ]
    assert [f.path for f in verify.only_verified(stamped)] == ['c.py']
    assert verify.only_verified(findings) == ()


def test_verify_findings_marks_a_key_missing_from_the_ring_unknown(
    fake_fireflies_http: FakeFireflies,
) -> None:
    verifier = verify.Verifier(fake_fireflies_http.url(), timeout=5)
    findings = [_finding(VALID_KEY, 'a.env'), _finding(UNKNOWN_KEY, 'gone.env')]
    stamped = verify.verify_findings(findings, _ring(VALID_KEY), verifier)
    assert [(f.path, f.verification) for f in stamped] == [
        ('a.env', Verification.VERIFIED),
        ('gone.env', Verification.UNKNOWN),
    ]
    assert len(fake_fireflies_http.received) == 1


def test_verifier_turns_every_error_into_unknown(fake_fireflies_http: FakeFireflies) -> None:
    def broken(key: str, endpoint: str, timeout: float) -> Diagnosis:
        raise RuntimeError('boom')

    verifier = verify.Verifier(fake_fireflies_http.url(), probe=broken)
    assert verifier.check(VALID_KEY) is Verification.UNKNOWN
    assert (verifier.asked, verifier.rate_limited) == (1, False)


def test_verifier_checks_the_endpoint_once_not_per_key(
    fake_fireflies_http: FakeFireflies, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Verifier.__init__ is the one check; the doctor's is not run per key
    calls: list[str] = []
    real = endpoint.check_endpoint

    def spy(url: str) -> str:
        calls.append(url)
        return real(url)

    monkeypatch.setattr(verify, 'check_endpoint', spy)
    monkeypatch.setattr('ffaudit.fireflies.probe.check_endpoint', _explode)
    verifier = verify.Verifier(fake_fireflies_http.url(), timeout=5)
    ring = _ring(VALID_KEY, UNKNOWN_KEY)
    assert set(_verify_ring(ring, verifier).values()) == {
        Verification.VERIFIED,
        Verification.REJECTED,
    }
    assert calls == [fake_fireflies_http.url()]


def _explode(*args: object) -> str:
    raise AssertionError('the endpoint was checked again')


@pytest.mark.parametrize(
    ('url', 'reason'),
    [
        ('http://user:pw@127.0.0.1:8080/graphql', endpoint.CREDENTIAL),
        ('http://127.0.0.1:8080/graphql?api_key=x', endpoint.CREDENTIAL),
        ('http://127.0.0.1:8080/gra phql', endpoint.INNER_SPACE),
        ('http://127.0.0.1:8080/graphql\n', endpoint.EDGE_SPACE),
    ],
)
def test_check_endpoint_applies_the_shared_rules_to_loopback(url: str, reason: str) -> None:
    with pytest.raises(FfauditError) as refused:
        verify.Verifier(url)
    assert str(refused.value) == f'--endpoint refused: {reason}'


def test_verify_defaults_match_the_doctor() -> None:
    verifier = verify.Verifier()
    assert (verifier.endpoint, verifier.timeout) == (DEFAULT_ENDPOINT, DEFAULT_TIMEOUT)


@pytest.fixture
def stalled_url() -> Iterator[str]:
    # a loopback port that completes the handshake (backlog) but never answers
    with socket.socket() as server:
        server.bind(('127.0.0.1', 0))
        server.listen(8)
        yield f'http://127.0.0.1:{server.getsockname()[1]}/graphql'


def test_verifier_stops_after_two_network_errors_in_a_row(stalled_url: str) -> None:
    # a stalled endpoint must not cost the timeout once per key
    verifier = verify.Verifier(stalled_url, timeout=0.5)
    started = time.monotonic()
    results = _verify_ring(_ring(VALID_KEY, UNKNOWN_KEY, OTHER_KEY), verifier)
    assert time.monotonic() - started < 0.5 * 2 + 3
    assert set(results.values()) == {Verification.UNKNOWN}
    assert (verifier.asked, verifier.stopped) == (2, 'stopped after 2 network errors')
    assert verifier.reason(fingerprint(VALID_KEY)).startswith('network error (')
    assert verifier.reason(fingerprint(OTHER_KEY)) == ('not sent (stopped after 2 network errors)')


def _answers(*diagnoses: Diagnosis) -> verify.Probe:
    queue = list(diagnoses)

    def probe(key: str, endpoint: str, timeout: float) -> Diagnosis:
        return queue.pop(0)

    return probe


NETWORK = Diagnosis(Verdict.INCONCLUSIVE, 'timeout', 'timed out', network=True)
ACCEPTED = Diagnosis(Verdict.ACCEPTED, 'ok', 'ok')


def test_verifier_network_streak_resets_on_an_answer_and_passes_its_timeout() -> None:
    seen: list[float] = []
    answers = _answers(NETWORK, ACCEPTED, NETWORK, ACCEPTED)

    def probe(key: str, endpoint: str, timeout: float) -> Diagnosis:
        seen.append(timeout)
        return answers(key, endpoint, timeout)

    verifier = verify.Verifier(timeout=1.5, probe=probe)
    keys = (VALID_KEY, UNKNOWN_KEY, OTHER_KEY, HEROKU_KEY)
    assert [verifier.check(k) for k in keys] == [
        Verification.UNKNOWN,
        Verification.VERIFIED,
        Verification.UNKNOWN,
        Verification.VERIFIED,
    ]
    assert seen == [1.5] * 4 and verifier.stopped == ''


@pytest.mark.parametrize(
    ('diagnosis', 'reason'),
    [
        (Diagnosis(Verdict.LIMITED, 'too_many_requests', 'slow down'), 'rate limited'),
        (NETWORK, 'network error (timeout)'),
        (
            Diagnosis(Verdict.INCONCLUSIVE, 'server', '5xx', http_status=503),
            'server error (HTTP 503)',
        ),
        (
            Diagnosis(Verdict.REDIRECT, 'redirect', 'moved', http_status=302),
            'no verdict (redirect)',
        ),
    ],
)
def test_verifier_says_why_a_key_is_unknown(diagnosis: Diagnosis, reason: str) -> None:
    verifier = verify.Verifier(probe=_answers(diagnosis))
    finding = _finding(VALID_KEY)
    stamped = verify.verify_findings([finding], _ring(VALID_KEY), verifier)
    assert verifier.reason(finding.fingerprint) == reason
    assert verify.describe(stamped, verifier).endswith(f'; unknown: 1 {reason}')
    assert verify.reasons_by_finding(stamped, verifier) == {stamped[0]: reason}


def test_verify_findings_never_sends_webhook_secrets() -> None:
    # a webhook signing secret is no API key: never sent, not checked
    calls: list[str] = []

    def probe(key: str, endpoint: str, timeout: float) -> Diagnosis:
        calls.append(key)
        return ACCEPTED

    verifier = verify.Verifier(probe=probe)
    webhook = dataclasses.replace(_finding(OTHER_KEY, 'hook.env'), rule=Rule.WEBHOOK_SECRET)
    stamped = verify.verify_findings(
        [webhook, _finding(VALID_KEY)], _ring(OTHER_KEY, VALID_KEY), verifier
    )
    assert [(f.rule, f.verification) for f in stamped] == [
        (Rule.API_KEY, Verification.VERIFIED),
        (Rule.WEBHOOK_SECRET, Verification.NOT_CHECKED),
    ]
    assert calls == [VALID_KEY]
    assert [f.rule for f in verify.only_verified(stamped)] == [Rule.API_KEY]
    assert verify.describe(stamped, verifier) == (
        'verify: 1 verified, 0 unknown, 0 rejected (1 request); 1 webhook secret not sent'
    )


def _scan_and_verify(
    tmp_path: pathlib.Path, text: str, fake: FakeFireflies
) -> tuple[tuple[Finding, ...], verify.Verifier]:
    (tmp_path / '.env').write_text(text)
    result, ring = files.scan_paths_keys([str(tmp_path / '.env')])
    verifier = verify.Verifier(fake.url(), timeout=5)
    return verify.verify_findings(result.findings, ring, verifier), verifier


def test_a_key_beside_other_vendors_names_is_sent(
    tmp_path: pathlib.Path, fake_fireflies_http: FakeFireflies
) -> None:
    # a real-world .env: the file naming Stripe and Sentry is no overlap
    text = (
        f'FIREFLIES_API_KEY={VALID_KEY}\nSTRIPE_SECRET_KEY=sk_test_abc\n'
        'SENTRY_DSN=https://abc@o1.ingest.sentry.io/1\n'
    )
    stamped, verifier = _scan_and_verify(tmp_path, text, fake_fireflies_http)
    assert [f.verification for f in stamped] == [Verification.VERIFIED]
    assert (
        verify.describe(stamped, verifier)
        == 'verify: 1 verified, 0 unknown, 0 rejected (1 request)'
    )


@pytest.mark.parametrize(
    ('text', 'vendor'),
    [
        (f'FIREFLIES_API_KEY={VALID_KEY}\nHEROKU_API_KEY={VALID_KEY}\n', 'heroku'),
        (f'FIREFLIES_API_KEY={VALID_KEY}\n# heroku keys: HRKU-{VALID_KEY}\n', 'heroku'),
    ],
)
def test_a_key_that_is_also_another_vendors_is_never_sent(
    tmp_path: pathlib.Path, fake_fireflies_http: FakeFireflies, text: str, vendor: str
) -> None:
    stamped, verifier = _scan_and_verify(tmp_path, text, fake_fireflies_http)
    assert [f.verification for f in stamped] == [Verification.UNKNOWN]
    assert fake_fireflies_http.received == []
    assert verify.describe(stamped, verifier) == (
        'verify: 0 verified, 1 unknown, 0 rejected (0 requests); '
        f'unknown: 1 not sent (overlaps {vendor})'
    )
