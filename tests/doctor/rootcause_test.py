"""One root cause, one problem: every failure mode of the catalogue gives exactly one root.

Each input below is one known way a Bearer header goes wrong (the README's Doctor section lists
them); the doctor reports it as exactly one root problem, with the right id, and folds every other
check it trips under it (``caused_by``).
"""

from __future__ import annotations

import re

import pytest

from ffaudit import doctor
from ffaudit.doctor import rootcause
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.doctor.key import sources
from ffaudit.fireflies import failures
from ffaudit.fireflies import probe
from ffaudit.fireflies.classify import classify
from ffaudit.model import CheckResult
from ffaudit.model import Status
from testing.fakeserver import _body
from testing.fakeserver import _fill
from testing.fakeserver import load

NAME_RE = re.compile(r'(requests |[a-z]+:\S|\./)')
KEY = '6cd55924-5aa0-4593-ad29-77d4918938bc'  # pragma: allowlist secret
NAME = 'FIREFLIES_API_KEY'
URL = 'https://api.fireflies.ai/graphql'
CURL = f"curl {URL} -H 'Content-Type: application/json' -d '{{}}' -H"
NO_TYPE = f"curl {URL} -d '{{}}' -H 'Authorization: Bearer {KEY}'"
POWERSHELL = (
    f'Invoke-RestMethod -Uri {URL} -Method Post -ContentType "application/json" -Body "{{}}"'
    ' -Headers @{Authorization="Bearer $env:FIREFLIES_API_KEY"}'
)
LITERAL = f"{CURL} 'Authorization: Bearer $FIREFLIES_API_KEY'"
# (id, input, expected root, its status): env holds FIREFLIES_API_KEY unless said otherwise
OFFLINE: tuple[tuple[str, dict[str, object], str, str], ...] = (
    ('no-key', {'env': {}}, 'key.sources', 'fail'),
    ('empty-in-ci', {'env': {NAME: ''}}, 'key.empty', 'fail'),
    ('wrong-name', {'env': {'FIREFLIES_TOKEN': KEY}}, 'key.near_miss', 'fail'),
    ('dotenv-in-parent', {'env': {}, 'parent_dotenv': True}, 'key.dotenv', 'fail'),
    ('dotenv-blocked-by-empty', {'env': {NAME: ''}, 'dotenv': KEY}, 'key.dotenv', 'fail'),
    ('no-bearer', {'header': f'Authorization: {KEY}'}, 'header.scheme', 'fail'),
    ('bearer-colon', {'header': f'Authorization: Bearer:{KEY}'}, 'header.scheme', 'fail'),
    ('bearer-no-space', {'header': f'Authorization: Bearer{KEY}'}, 'header.scheme', 'fail'),
    ('bearer-two-spaces', {'header': f'Authorization: Bearer  {KEY}'}, 'header.scheme', 'fail'),
    ('lowercase-bearer', {'header': f'Authorization: bearer {KEY}'}, 'header.scheme', 'warn'),
    ('bearer-stored-in-key', {'key': f'Bearer {KEY}'}, 'key.scheme', 'fail'),
    ('bearer-bearer', {'header': f'Authorization: Bearer Bearer {KEY}'}, 'header.scheme', 'fail'),
    ('double-quotes', {'key': f'"{KEY}"'}, 'key.quotes', 'fail'),
    ('single-quotes', {'key': f"'{KEY}'"}, 'key.quotes', 'fail'),
    ('trailing-newline', {'key': f'{KEY}\n'}, 'key.whitespace', 'fail'),
    ('trailing-cr', {'key': f'{KEY}\r'}, 'key.whitespace', 'fail'),
    ('leading-space', {'key': f' {KEY}'}, 'key.whitespace', 'fail'),
    ('trailing-tab', {'key': f'{KEY}\t'}, 'key.whitespace', 'fail'),
    ('inner-space', {'key': f'{KEY[:10]} {KEY[10:]}'}, 'key.whitespace', 'fail'),
    ('smart-quotes', {'key': f'\u201c{KEY}\u201d'}, 'key.quotes', 'fail'),
    ('ellipsis', {'key': f'{KEY[:20]}\u2026'}, 'key.charset', 'fail'),
    ('zero-width-space', {'key': f'{KEY}\u200b'}, 'key.charset', 'fail'),
    ('bom', {'key': f'\ufeff{KEY}'}, 'key.charset', 'fail'),
    ('cyrillic-look-alike', {'key': KEY.replace('a', '\u0430', 1)}, 'key.charset', 'fail'),
    ('nbsp', {'key': f'{KEY[:10]}\xa0{KEY[10:]}'}, 'key.whitespace', 'fail'),
    ('latin1-letter', {'key': KEY[:-1] + '\xe9'}, 'key.charset', 'fail'),
    ('nul', {'key': KEY + '\x00'}, 'key.charset', 'fail'),
    ('esc', {'key': KEY + '\x1b'}, 'key.charset', 'fail'),
    *(
        (f'placeholder-{i}', dict[str, object](key=value), 'key.placeholder', 'fail')
        for i, value in enumerate(
            (
                'your_api_key',
                'YOUR_API_KEY',
                '<API_KEY>',
                'xxxxxxxx',
                'changeme',
                '${FIREFLIES_API_KEY}',
                '$FIREFLIES_API_KEY',
                '%FIREFLIES_API_KEY%',
                '$env:FIREFLIES_API_KEY',
                '{{ secrets.FIREFLIES_API_KEY }}',
                '***',
                'None',
                'null',
                'undefined',
                'nil',
                'NaN',
                '""',
            )
        )
    ),
    ('http-endpoint', {'endpoint': 'http://api.fireflies.ai/graphql'}, 'env.endpoint', 'fail'),
    ('fireflies-com', {'endpoint': 'https://api.fireflies.com/graphql'}, 'env.endpoint', 'fail'),
    ('token-scheme', {'header': f'Authorization: Token {KEY}'}, 'header.scheme', 'fail'),
    ('basic-scheme', {'header': f'Authorization: Basic {KEY}'}, 'header.scheme', 'fail'),
    ('basic-in-key', {'key': f'Basic {KEY}'}, 'key.scheme', 'fail'),
    ('no-content-type', {'header': NO_TYPE}, 'header.content_type', 'fail'),
    ('two-headers', {'header': f'Authorization: Bearer {KEY}\n' * 2}, 'header.count', 'fail'),
    ('misspelt-name', {'header': f'Authorisation: Bearer {KEY}'}, 'header.name', 'fail'),
    ('x-api-key', {'header': f'X-API-Key: {KEY}'}, 'header.name', 'fail'),
    ('single-quoted-variable', {'header': LITERAL, 'env': {}}, 'header.parse', 'fail'),
    ('powershell-unset', {'header': POWERSHELL, 'env': {}}, 'header.parse', 'fail'),
    ('truncated-dots', {'key': KEY[:20] + '...'}, 'key.shape', 'fail'),
    ('truncated-prefix', {'key': KEY[:20]}, 'key.shape', 'warn'),
    ('expect-email-offline', {'expect_email': 'jane@acme.com'}, 'auth.identity', 'warn'),
)  # fmt: skip
# (id, fake-server scenario or failure kind, expected root, its status): the key is well formed
ONLINE = (
    ('revoked', 'auth_failed_401', 'auth.probe', 'fail'),
    ('auth-failed-200', 'auth_failed_200', 'auth.probe', 'fail'),
    ('redirect-host', 'redirect_302_host', 'auth.probe', 'fail'),
    ('redirect-http', 'redirect_301_http', 'auth.probe', 'fail'),
    ('proxy-html', 'proxy_html_403', 'auth.probe', 'inconclusive'),
    ('captive-portal', 'captive_portal_200', 'auth.probe', 'inconclusive'),
    ('rate-limited', 'too_many_requests_429', 'auth.probe', 'inconclusive'),
    ('server-error', 'invariant_violation_500', 'auth.probe', 'inconclusive'),
    ('account-cancelled', 'account_cancelled', 'auth.probe', 'fail'),
    ('deep-json', 'hostile_deep_json', 'auth.probe', 'inconclusive'),
    ('absurd-retry-after', 'hostile_retry_after_huge', 'auth.probe', 'inconclusive'),
    ('tls-interception', 'tls', 'net.connect', 'inconclusive'),
    ('connect-timeout', 'connect-timeout', 'net.connect', 'inconclusive'),
    ('proxy-407', 'proxy-auth', 'net.connect', 'inconclusive'),
)


def _input(tmp_path, case: dict[str, object]) -> DoctorInput:
    env = dict(case.get('env', {NAME: case.get('key', KEY)}))  # type: ignore[call-overload]
    work = tmp_path / 'work'
    work.mkdir()
    if case.get('dotenv'):
        (work / '.env').write_text(f'{NAME}={case["dotenv"]}\n')
    if case.get('parent_dotenv'):
        (tmp_path / '.env').write_text(f'{NAME}={KEY}\n')
    return sources.resolve(
        env=env,
        cwd=str(work),
        header=case.get('header'),  # type: ignore[arg-type]
        endpoint=str(case.get('endpoint', URL)),
        expect_email=case.get('expect_email'),  # type: ignore[arg-type]
    )


def _roots(results: list[CheckResult]) -> list[tuple[str, str]]:
    return [(r.check, r.status.value) for r in rootcause.roots(results)]


@pytest.mark.parametrize(
    ('case', 'root', 'status'), [pytest.param(*c[1:], id=c[0]) for c in OFFLINE]
)
def test_each_offline_failure_mode_has_one_root(tmp_path, case, root, status):
    results = doctor.run(_input(tmp_path, case), offline=True)
    assert _roots(results) == [(root, status)]
    for r in results:  # follow-on problems name the root and carry none of their own advice
        assert r.caused_by in ('', root)
        assert not (r.caused_by and r.hint)


def _answer(kind: str, url: str):
    if kind in failures.ADVICE:
        return failures.diagnose(kind, OSError('x'), url, 1.0), 0
    doc = _fill(load(kind), 443)
    return classify(doc['status'], doc['headers'], _body(doc), url=url, now=1e9), 3


@pytest.mark.parametrize(
    ('kind', 'root', 'status'), [pytest.param(*c[1:], id=c[0]) for c in ONLINE]
)
def test_each_online_failure_mode_has_one_root(tmp_path, monkeypatch, kind, root, status):
    monkeypatch.setattr(probe, 'probe', lambda key, url, *a: _answer(kind, url))
    results = doctor.run(_input(tmp_path, {}), offline=False)
    assert _roots(results) == [(root, status)]
    assert doctor.exit_code(results) == {'fail': 1, 'inconclusive': 3}[status]
    # advice names only flags the user gave: no --endpoint here
    assert [r.hint for r in results if '--endpoint' in r.hint] == []


def test_the_skipped_live_check_names_the_root(tmp_path):
    results = doctor.run(_input(tmp_path, {'key': f'Bearer {KEY}'}), offline=False)
    last = results[-1]
    assert (last.check, last.status, last.caused_by) == ('auth.probe', Status.SKIP, 'key.scheme')
    assert 'fix key.scheme first' in last.message


def test_a_warning_root_takes_the_failure_of_what_follows(tmp_path):
    results = doctor.run(_input(tmp_path, {'env': {'FIREFLIES_TOKEN': KEY}}), offline=True)
    near = next(r for r in results if r.check == 'key.near_miss')
    sources_check = next(r for r in results if r.check == 'key.sources')
    assert (near.status, sources_check.caused_by) == (Status.FAIL, 'key.near_miss')


def _lower(r: CheckResult) -> set[tuple[str, str]]:
    # a sentence may start with a name: env:FIREFLIES_API_KEY, ./.env, --flag, requests 2.x
    texts = (r.message, r.hint)
    return {(r.check, t[:30]) for t in texts if t[:1].islower() and not NAME_RE.match(t)}


def test_every_message_and_fix_is_in_sentence_case(tmp_path, monkeypatch):
    lower = set()
    for i, (_, case, _, _) in enumerate(OFFLINE):
        work = tmp_path / str(i)
        work.mkdir()
        for r in doctor.run(_input(work, case), offline=True):
            lower |= _lower(r)
    for i, (_, kind, _, _) in enumerate(ONLINE):
        work = tmp_path / f'online-{i}'
        work.mkdir()
        monkeypatch.setattr(probe, 'probe', lambda key, url, *a, k=kind: _answer(k, url))
        for r in doctor.run(_input(work, {}), offline=False):
            lower |= _lower(r)
    assert sorted(lower) == []
