"""The real ``ffaudit doctor`` CLI against the fake Fireflies server (testing.fakeserver).

Every run also has a netrc file with a ``machine 127.0.0.1`` and a ``default`` entry, so each
scenario proves that netrc Basic auth never replaces the Bearer key.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time

import pytest
import requests
from click.testing import CliRunner
from click.testing import Result

from ffaudit.cli import cli
from ffaudit.doctor.inputs import DEFAULT_TIMEOUT
from testing.fakeserver import UNKNOWN_KEY
from testing.fakeserver import VALID_KEY
from testing.fakeserver import FakeFireflies
from testing.fakeserver import problems

pytestmark = pytest.mark.e2e
FORMATS = ('text', 'json', 'github')
# Upper bounds on wall time leave room for a loaded CI machine; what they catch is a probe that
# waits for the server (the stall lasts 5 s, a trickle over a minute) instead of --timeout.
SLACK = 3.0
# (scenario path, key, exit code, net.connect status, auth.probe status, text needle)
SCENARIOS = (
    ('', VALID_KEY, 0, 'pass', 'pass', 'Key belongs to Jane Doe <jane.doe@example.com>'),
    ('', UNKNOWN_KEY, 1, 'pass', 'fail', 'Fireflies rejected the key (auth_failed, HTTP 401)'),
    ('auth_failed_200', VALID_KEY, 1, 'pass', 'fail', 'rejected the key (auth_failed, HTTP 200)'),
    ('too_many_requests_429', VALID_KEY, 3, 'pass', 'inconclusive', 'retry in 42 s'),
    ('too_many_requests_200', VALID_KEY, 3, 'pass', 'inconclusive', 'it was not rejected'),
    ('account_cancelled', VALID_KEY, 1, 'pass', 'fail', 'account is inactive'),
    ('paid_required', VALID_KEY, 1, 'pass', 'fail', 'tier pro_or_higher'),
    ('invariant_violation_500', VALID_KEY, 3, 'pass', 'inconclusive', 'temporary problem'),
    ('redirect_301_http', VALID_KEY, 1, 'pass', 'fail', 'the key would travel in clear text'),
    ('redirect_302_host', VALID_KEY, 1, 'pass', 'fail', 'to https://graphql.example.net'),
    ('proxy_html_403', VALID_KEY, 3, 'pass', 'inconclusive', 'HTTP 403 carried an HTML page'),
    ('captive_portal_200', VALID_KEY, 3, 'pass', 'inconclusive', 'captive portal'),
    ('truncated_json', VALID_KEY, 3, 'pass', 'inconclusive', 'incomplete JSON'),
    ('huge', VALID_KEY, 3, 'pass', 'inconclusive', 'more than 1 MiB'),
    ('stall', VALID_KEY, 3, 'inconclusive', 'skip', 'did not answer within 1 s'),
    ('echo_key_401', VALID_KEY, 1, 'pass', 'fail', 'correlation_id=Bearer <redacted>'),
    ('echo_key_user', VALID_KEY, 0, 'pass', 'pass', 'Key belongs to Bearer <redacted>'),
    ('echo_key_forms', VALID_KEY, 1, 'pass', 'fail', 'correlation_id=<redacted>'),
    ('inject_name', VALID_KEY, 0, 'pass', 'pass', 'Key belongs to Evil'),
    ('user_null', VALID_KEY, 3, 'pass', 'inconclusive', 'returned no user for this key'),
    ('partial_user', VALID_KEY, 0, 'pass', 'pass', 'unrelated errors: invalid_arguments'),
    ('help_urls_string', VALID_KEY, 1, 'pass', 'fail', 'error-codes#auth_failed'),
    ('unauthorized_401', VALID_KEY, 1, 'pass', 'fail', 'not the documented error format'),
    ('auth_word_200', VALID_KEY, 1, 'pass', 'fail', '"Unauthorized: invalid API key"'),
    ('user_ratelimit_headers', VALID_KEY, 0, 'pass', 'pass', 'rate_limit_remaining_api_burst=9'),
    ('close_after_request', VALID_KEY, 3, 'inconclusive', 'skip', 'key included, had been sent'),
    ('bad_location', VALID_KEY, 1, 'pass', 'fail', 'redirects (HTTP 302) to an invalid target'),
    # hostile answers: no verdict (exit 3) with a clear line, never "rejected" or a crash
    ('hostile_deep_json', VALID_KEY, 3, 'pass', 'inconclusive', 'JSON nested too deep to read'),
    ('hostile_many_errors', VALID_KEY, 3, 'pass', 'inconclusive', 'more than 1 MiB'),
    ('hostile_retry_after_huge', VALID_KEY, 3, 'pass', 'inconclusive', 'it was not rejected'),
    ('hostile_retry_after_negative', VALID_KEY, 3, 'pass', 'inconclusive', 'which has passed'),
    ('hostile_retry_after_float', VALID_KEY, 3, 'pass', 'inconclusive', 'it was not rejected'),
    ('hostile_retry_after_past', VALID_KEY, 3, 'pass', 'inconclusive', '1990-01-01 00:00:00 UTC'),
)
WORKFLOW_COMMANDS = ('::error::injected', '::add-mask::', '::stop-commands::')


@pytest.fixture
def doctor_env(tmp_path, fireflies_ca_bundle, monkeypatch):
    """Environment for one doctor run; the cwd is an empty directory (no ./.env)."""
    netrc = tmp_path / 'netrc'
    netrc.write_text('machine 127.0.0.1 login x password y\ndefault login bob password pw2\n')
    netrc.chmod(0o600)
    work = tmp_path / 'work'
    work.mkdir()
    monkeypatch.chdir(work)
    return {
        'REQUESTS_CA_BUNDLE': str(fireflies_ca_bundle),
        'NETRC': str(netrc),
        'NO_PROXY': '127.0.0.1,localhost',
        'CI': '',
        'GITHUB_ACTIONS': '',
        'GITHUB_STEP_SUMMARY': str(tmp_path / 'summary.md'),
    }


def _doctor(env: dict[str, str], key: str, *args: str) -> Result:
    result = CliRunner().invoke(cli, ['doctor', *args], env={**env, 'FIREFLIES_API_KEY': key})
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def _assert_no_leak(key: str, *texts: str) -> None:
    blob = '\n'.join(texts).lower()  # in any case, with or without the dashes
    forms = (key.lower(), key.lower().replace('-', ''))
    slices = [form[i : i + 6] for form in forms for i in range(len(form) - 5)]
    assert [s for s in slices if s in blob] == []


def _statuses(result: Result) -> dict[str, str]:
    doc = json.loads(result.stdout)
    assert doc['exit_code'] == result.exit_code
    return {c['id']: c['status'] for c in doc['checks'] if c['section'] == 'Fireflies API'}


@pytest.mark.parametrize('fmt', FORMATS)
@pytest.mark.parametrize(
    ('scenario', 'key', 'code', 'connect', 'probe', 'needle'),
    [pytest.param(*s, id=s[0] or ('valid' if s[1] == VALID_KEY else 'unknown')) for s in SCENARIOS],
)
def test_doctor_scenario(
    fake_fireflies, doctor_env, fmt, scenario, key, code, connect, probe, needle
):
    url = fake_fireflies.url(scenario)
    # -v: the needles include details of passing checks, which the compact view leaves out
    args = ('--endpoint', url, '--timeout', '1', '--format', fmt, '-v')
    result = _doctor(doctor_env, key, *args)
    assert result.exit_code == code, result.output
    if fmt == 'json':
        statuses = _statuses(result)
        assert (statuses['net.connect'], statuses['auth.probe']) == (connect, probe)
    else:
        assert needle in result.stdout
    if fmt == 'github' and code == 1:
        assert '::error title=ffaudit doctor (' in result.stdout
    summary = doctor_env['GITHUB_STEP_SUMMARY']
    step = open(summary).read() if os.path.exists(summary) else ''
    _assert_no_leak(key, result.stdout, result.stderr, step)
    assert [problems(r) for r in fake_fireflies.received] == [[]]
    assert fake_fireflies.received[0].authorization == (f'Bearer {key}',)


@pytest.mark.parametrize('fmt', FORMATS)
def test_doctor_self_signed_certificate_is_inconclusive(self_signed_fireflies, doctor_env, fmt):
    url = self_signed_fireflies.url()
    result = _doctor(doctor_env, VALID_KEY, '--endpoint', url, '--format', fmt)
    assert result.exit_code == 3
    if fmt == 'json':
        assert _statuses(result) == {'net.connect': 'inconclusive', 'auth.probe': 'skip'}
    else:
        assert 'TLS verification failed (self-signed certificate)' in result.stdout
        assert 'REQUESTS_CA_BUNDLE' in result.stdout
    assert 'verify=False' not in result.stdout
    _assert_no_leak(VALID_KEY, result.stdout, result.stderr)
    assert self_signed_fireflies.received == []


def test_doctor_over_loopback_http(fake_fireflies_http, doctor_env):
    result = _doctor(doctor_env, VALID_KEY, '--endpoint', fake_fireflies_http.url())
    assert result.exit_code == 0, result.output
    assert fake_fireflies_http.received[0].authorization == (f'Bearer {VALID_KEY}',)


def test_doctor_key_from_file_and_identity_options(fake_fireflies, doctor_env, tmp_path):
    key_file = tmp_path / 'key'
    key_file.write_text(VALID_KEY + '\n')
    env = {**doctor_env, 'CI': 'true'}
    base = ('--endpoint', fake_fireflies.url(), '--api-key-file', str(key_file))
    masked = _doctor(env, '', *base)
    wrong = _doctor(env, '', *base, '--expect-email', 'ops@example.com')
    shown = _doctor(env, '', *base, '--show-identity', '--expect-email', 'jane.doe@example.com')
    assert (masked.exit_code, wrong.exit_code, shown.exit_code) == (0, 1, 0), wrong.output
    assert 'Key belongs to Jane Doe <j***@example.com>' in masked.stdout
    assert 'not --expect-email ops@example.com' in wrong.stdout
    assert 'Key belongs to Jane Doe <jane.doe@example.com>' in shown.stdout
    _assert_no_leak(VALID_KEY, masked.stdout, wrong.stdout, shown.stdout)


def test_doctor_refused_connection_is_inconclusive(doctor_env):
    with contextlib.closing(socket.socket()) as sock:  # bound, not listening: the kernel refuses
        sock.bind(('127.0.0.1', 0))
        url = f'http://127.0.0.1:{sock.getsockname()[1]}/graphql'
        result = _doctor(doctor_env, VALID_KEY, '--endpoint', url)
    assert result.exit_code == 3
    assert f'{url[7:-8]} refused the connection' in result.stdout


def test_doctor_behind_a_proxy_demanding_credentials(fake_fireflies_http, doctor_env):
    env = {**doctor_env, 'HTTPS_PROXY': fake_fireflies_http.origin, 'NO_PROXY': ''}
    result = _doctor(env, VALID_KEY)  # default endpoint: the proxy answers, nothing goes out
    assert result.exit_code == 3, result.output
    assert 'The proxy demands credentials (HTTP 407' in result.stdout
    (connect,) = fake_fireflies_http.received
    assert (connect.method, connect.path, connect.authorization) == (
        'CONNECT',
        'api.fireflies.ai:443',
        (),
    )


@pytest.mark.parametrize('fmt', FORMATS)
def test_doctor_never_hands_the_key_to_a_proxy_for_a_plain_http_endpoint(
    fake_fireflies_http, doctor_env, fmt
):
    with FakeFireflies() as proxy:  # a proxy that records what it would have forwarded
        env = {**doctor_env, 'HTTP_PROXY': proxy.origin, 'ALL_PROXY': proxy.origin, 'NO_PROXY': ''}
        url = fake_fireflies_http.url()
        result = _doctor(env, VALID_KEY, '--endpoint', url, '--format', fmt)
        assert proxy.received == []
    assert result.exit_code == 0, result.output
    assert [r.authorization for r in fake_fireflies_http.received] == [(f'Bearer {VALID_KEY}',)]
    _assert_no_leak(VALID_KEY, result.stdout, result.stderr)


@pytest.mark.parametrize(
    'endpoint',
    (
        'not a url',
        'api.fireflies.ai/graphql',
        'https://[::1/graphql',
        'https://api.fireflies.ai:99999/graphql',
        'http://api.fireflies.ai/graphql',
        f'https://api.fireflies.ai/graphql?api_key={VALID_KEY}',
    ),
)
def test_doctor_malformed_endpoint_is_refused_before_sending(doctor_env, endpoint):
    # the offline env.endpoint check gates the probe; remote.check_endpoint refuses the same
    # URLs on its own (tests/doctor/remote_test.py), so no path sends the key there
    result = _doctor(doctor_env, VALID_KEY, '--endpoint', endpoint, '--format', 'json')
    assert result.exit_code == 1, result.output
    checks = {c['id']: c for c in json.loads(result.stdout)['checks']}
    assert checks['env.endpoint']['status'] == 'fail'
    assert checks['auth.probe']['status'] == 'skip'
    assert 'no request was sent' in checks['auth.probe']['message']
    _assert_no_leak(VALID_KEY, result.stdout, result.stderr)


def test_fake_server_flags_a_missing_header_and_basic_auth(fake_fireflies, fireflies_ca_bundle):
    url = fake_fireflies.url()
    bare = requests.post(url, data=b'{}', verify=str(fireflies_ca_bundle), timeout=5)
    basic = requests.post(url, json={}, auth=('u', 'p'), verify=str(fireflies_ca_bundle), timeout=5)
    assert bare.json()['errors'][0]['message'] == 'Missing API key'
    assert basic.status_code == 401
    assert problems(fake_fireflies.received[0]) == [
        '0 Authorization header(s), not one Bearer',
        "Content-Type ''",
        'no user query in the body',
    ]
    assert problems(fake_fireflies.received[1])[0] == '1 Authorization header(s), not one Bearer'


def test_doctor_stalled_server_is_abandoned_at_timeout(fake_fireflies, doctor_env):
    started = time.monotonic()
    url = fake_fireflies.url('stall')
    result = _doctor(doctor_env, VALID_KEY, '--endpoint', url, '--timeout', '1')
    elapsed = time.monotonic() - started
    assert result.exit_code == 3
    assert 1.0 <= elapsed < 1.0 + SLACK, elapsed  # bench_timeout.py: exact numbers


def test_doctor_full_run_is_fast_as_a_real_process(fake_fireflies, doctor_env):
    env = {**os.environ, **doctor_env, 'FIREFLIES_API_KEY': VALID_KEY}
    cmd = [sys.executable, '-m', 'ffaudit', 'doctor', '--endpoint', fake_fireflies.url()]
    started = time.monotonic()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=30)
    elapsed = time.monotonic() - started
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # no wait for any timeout (the default is 10 s); bench_timeout.py has the exact numbers
    assert elapsed < DEFAULT_TIMEOUT, elapsed
    _assert_no_leak(VALID_KEY, proc.stdout, proc.stderr)


@pytest.mark.parametrize('scenario', ('trickle_body', 'trickle_headers'))
def test_doctor_trickling_server_is_abandoned_at_timeout(fake_fireflies, doctor_env, scenario):
    fake_fireflies.hangups.clear()
    url = fake_fireflies.url(scenario)
    started = time.monotonic()
    result = _doctor(doctor_env, VALID_KEY, '--endpoint', url, '--timeout', '1')
    elapsed = time.monotonic() - started
    assert result.exit_code == 3, result.output
    # the answer would take over a minute: it is abandoned near --timeout, not when it ends
    assert 1.0 <= elapsed < 1.0 + SLACK, elapsed  # measured: timeout + 0.01 s (bench_timeout.py)
    assert 'within 1 s' in result.stdout
    assert fake_fireflies.hangups.wait(2)  # the connection was shut, not left trickling


def test_doctor_server_text_cannot_inject_workflow_commands(fake_fireflies, doctor_env):
    env = {**doctor_env, 'GITHUB_ACTIONS': 'true', 'CI': 'true'}
    result = _doctor(env, VALID_KEY, '--endpoint', fake_fireflies.url('inject_name'))
    step = open(doctor_env['GITHUB_STEP_SUMMARY']).read()
    for text in (result.stdout, step):
        assert not [ln for ln in text.splitlines() if ln.lstrip().startswith(WORKFLOW_COMMANDS)]
        assert '\x1b' not in text and '\x07' not in text
    assert result.exit_code == 0, result.output
