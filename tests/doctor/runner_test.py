"""ffaudit.doctor registry and runner: order, crash isolation, online gating, exit codes."""

from __future__ import annotations

import dataclasses

import pytest

from ffaudit import doctor
from ffaudit.doctor import online
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.errors import ExitCode
from ffaudit.model import CheckResult
from ffaudit.model import KeySource
from ffaudit.model import SourceState
from ffaudit.model import Status
from ffaudit.redaction import fingerprint

KEY = '97a11681-ecf5-412d-9a99-4ce35a80be93'  # pragma: allowlist secret
SOURCE = KeySource('env:FIREFLIES_API_KEY', SourceState.SET, fingerprint(KEY), len(KEY))
GOOD = DoctorInput(key=KEY, key_source=SOURCE.name, sources=(SOURCE,))


def test_ids_are_unique_and_match_what_checks_return():
    ids = [cid for _, checks in doctor.CHECKS for cid, _ in checks]
    assert len(ids) == len(set(ids))
    for inp in (GOOD, DoctorInput(), DoctorInput(key=' x', header='Bearer x')):
        for _, checks in doctor.CHECKS:
            assert [fn(inp).check for _, fn in checks] == [cid for cid, _ in checks]


def test_run_offline_covers_every_check_in_order():
    results = doctor.run(GOOD, offline=True)
    assert [r.check for r in results] == [cid for _, c in doctor.CHECKS for cid, _ in c]
    assert {r.section for r in results} == {'Credentials', 'Request', 'Environment'}


def test_a_crashing_check_becomes_an_internal_error(monkeypatch):
    def boom(inp):
        raise ValueError(f'echoing {inp.key}')

    section, checks = doctor.CHECKS[0]
    monkeypatch.setattr(doctor, 'CHECKS', ((section, (('key.boom', boom), *checks)),))
    results = doctor.run(GOOD, offline=True)
    assert results[0] == CheckResult(
        'key.boom',
        Status.FAIL,
        'internal error in check key.boom: ValueError',
        'please report this ffaudit bug',
        'Credentials',
    )
    assert len(results) == len(checks) + 1


def test_online_runs_when_credentials_pass(monkeypatch):
    accepted = CheckResult('auth.probe', Status.PASS, 'accepted')
    monkeypatch.setattr(online, 'run_online', lambda inp: [accepted])
    results = doctor.run(GOOD, offline=False)
    expected = CheckResult('auth.probe', Status.PASS, 'accepted', section='Fireflies API')
    assert results[-1] == expected


def test_online_skipped_after_a_credential_failure(monkeypatch):
    monkeypatch.setattr(online, 'run_online', pytest.fail)
    results = doctor.run(DoctorInput(key='', key_source='env:FIREFLIES_API_KEY'), offline=False)
    assert results[-1].check == 'auth.probe'
    assert results[-1].status is Status.SKIP
    assert 'no request was sent' in results[-1].message


def test_online_crash_is_reported(monkeypatch):
    def boom(inp):
        raise RuntimeError(inp.key)

    monkeypatch.setattr(online, 'run_online', boom)
    last = doctor.run(GOOD, offline=False)[-1]
    # a bug while reading a (hostile) answer is no verdict (exit 3), never "rejected" (issue 10)
    assert (last.check, last.status, last.message) == (
        'auth.probe',
        Status.INCONCLUSIVE,
        'Could not read the answer (internal error: RuntimeError); no verdict',
    )


def test_offline_never_calls_remote(monkeypatch):
    monkeypatch.setattr(online, 'run_online', pytest.fail)
    assert doctor.run(GOOD, offline=True)


def _r(*statuses: Status) -> list[CheckResult]:
    return [CheckResult('x', s, 'm') for s in statuses]


@pytest.mark.parametrize(
    ('statuses', 'strict', 'code'),
    (
        ((Status.PASS, Status.SKIP), False, ExitCode.OK),
        ((Status.PASS, Status.WARN), False, ExitCode.OK),
        ((Status.PASS, Status.WARN), True, ExitCode.FOUND),
        ((Status.FAIL, Status.INCONCLUSIVE), False, ExitCode.FOUND),
        ((Status.PASS, Status.INCONCLUSIVE), False, ExitCode.INCONCLUSIVE),
        ((Status.WARN, Status.INCONCLUSIVE), True, ExitCode.FOUND),
    ),
)
def test_exit_code(statuses, strict, code):
    assert doctor.exit_code(_r(*statuses), strict=strict) is code


@pytest.mark.parametrize(
    ('inp', 'fragment'),
    (
        pytest.param(
            DoctorInput(
                key=KEY,
                key_source=SOURCE.name,
                sources=(SOURCE,),
                env={'REQUESTS_CA_BUNDLE': '/nonexistent.pem'},
            ),
            'Live check skipped: fix env.ca_bundle first (no request was sent)',
            id='ca-bundle',
        ),
        pytest.param(
            DoctorInput(
                key=KEY, key_source=SOURCE.name, sources=(SOURCE,), endpoint='https://[::1/graphql'
            ),
            'Live check skipped: fix env.endpoint first (no request was sent)',
            id='endpoint',
        ),
    ),
)
def test_online_skipped_after_an_environment_failure(monkeypatch, inp, fragment):
    monkeypatch.setattr(online, 'run_online', pytest.fail)
    last = doctor.run(inp, offline=False)[-1]
    assert (last.check, last.status, last.message) == ('auth.probe', Status.SKIP, fragment)


def test_offline_checks_keep_their_own_capitalisation():
    env = {'https_proxy': 'proxy:3128'}
    results = doctor.run(
        DoctorInput(key=KEY, key_source=SOURCE.name, sources=(SOURCE,), env=env), offline=True
    )
    messages = {r.check: r.message for r in results}
    assert messages['env.proxy'] == 'https_proxy has no scheme; requests may reject it'
    assert messages['env.requests'].startswith('requests ')


def test_expect_email_offline_says_it_was_not_compared():
    inp = dataclasses.replace(GOOD, expect_email='me@acme.com')
    last = doctor.run(inp, offline=True)[-1]
    assert (last.check, last.status) == ('auth.identity', Status.WARN)
    assert (
        last.message == '--expect-email was not compared: it needs the live check (drop --offline)'
    )
    assert doctor.run(GOOD, offline=True)[-1].check != 'auth.identity'
