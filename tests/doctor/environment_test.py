"""Environment checks: endpoint, netrc, proxy, CA bundle, requests version, CI context."""

from __future__ import annotations

import json
import os
import pathlib
from importlib import metadata

import pytest

from ffaudit.doctor import environment
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.model import Status

KEY = '97a11681-ecf5-412d-9a99-4ce35a80be93'  # pragma: allowlist secret


@pytest.mark.parametrize(
    ('url', 'status', 'fragment'),
    (
        pytest.param(
            'https://api.fireflies.ai/graphql', Status.PASS, 'endpoint https://api', id='default'
        ),
        pytest.param(
            'http://127.0.0.1:8080/graphql', Status.PASS, 'loopback test server', id='loopback'
        ),
        pytest.param('http://api.fireflies.ai/graphql', Status.FAIL, 'clear text', id='http'),
        pytest.param(
            'https://api.fireflies.com/graphql', Status.FAIL, 'fireflies.com', id='dot-com'
        ),
        pytest.param('https://api.fireflies.ai/v1/transcripts', Status.FAIL, '/graphql', id='v1'),
        pytest.param(
            f'https://api.fireflies.ai/graphql?api_key={KEY}', Status.FAIL, 'credential', id='query'
        ),
        pytest.param(
            f'https://user:{KEY}@api.fireflies.ai/graphql', Status.FAIL, 'credential', id='userinfo'
        ),
        pytest.param(
            'https://proxy.example/graphql', Status.WARN, 'not the Fireflies', id='other-host'
        ),
        pytest.param('api.fireflies.ai/graphql', Status.FAIL, 'not an http(s) URL', id='no-scheme'),
        pytest.param('https://[::1', Status.FAIL, 'not a valid URL', id='invalid'),
    ),
)
def test_endpoint(url, status, fragment):
    result = environment.check_endpoint(DoctorInput(endpoint=url))
    assert (result.status, fragment in result.message) == (status, True)
    assert KEY[:8] not in result.message


def test_safe_url_drops_credentials_and_query():
    assert environment.safe_url(f'http://u:{KEY}@proxy:3128/p?k={KEY}') == 'http://***@proxy:3128/p'


def _netrc(tmp_path: pathlib.Path, text: str) -> DoctorInput:
    path = tmp_path / 'netrc'
    path.write_text(text)
    return DoctorInput(env={'NETRC': str(path)})


@pytest.mark.parametrize(
    ('text', 'status', 'fragment'),
    (
        pytest.param(
            f'machine api.fireflies.ai login me password {KEY}\n',
            Status.WARN,
            '"api.fireflies.ai" entry',
            id='host',
        ),
        pytest.param(
            f'default login me password {KEY}\n', Status.WARN, '"default" entry', id='default'
        ),
        pytest.param(
            f'machine example.com login me password {KEY}\n', Status.PASS, 'no entry', id='other'
        ),
        pytest.param(
            f'machine api.fireflies.ai login me password {KEY} bogus {KEY}\n',
            Status.WARN,
            'cannot be parsed',
            id='parse-error',
        ),
    ),
)
def test_netrc(tmp_path, text, status, fragment):
    result = environment.check_netrc(_netrc(tmp_path, text))
    assert (result.status, fragment in result.message) == (status, True)
    assert KEY[:8] not in result.message + result.hint


def test_netrc_home_default_and_missing(tmp_path):
    assert (
        environment.check_netrc(DoctorInput(env={'HOME': str(tmp_path)})).message == 'no netrc file'
    )
    (tmp_path / '.netrc').write_text('default login a password b\n')
    assert environment.check_netrc(DoctorInput(env={'HOME': str(tmp_path)})).status is Status.WARN


def test_netrc_unreadable(tmp_path):
    result = environment.check_netrc(DoctorInput(env={'NETRC': str(tmp_path)}))
    assert (result.status, 'cannot be read' in result.message) == (Status.WARN, True)


@pytest.mark.parametrize(
    ('env', 'status', 'fragment'),
    (
        pytest.param({}, Status.PASS, 'no proxy', id='none'),
        pytest.param(
            {'HTTPS_PROXY': f'http://u:{KEY}@proxy:3128'},
            Status.PASS,
            'HTTPS_PROXY=http://***@proxy:3128 is used',
            id='redacted',
        ),
        pytest.param(
            {'https_proxy': 'http://p:1', 'NO_PROXY': '.fireflies.ai'},
            Status.PASS,
            'no proxy',
            id='no-proxy',
        ),
        pytest.param(
            {'ALL_PROXY': 'http://p:1', 'no_proxy': '*'},
            Status.PASS,
            'no proxy',
            id='no-proxy-star',
        ),
        pytest.param({'HTTPS_PROXY': 'proxy:3128'}, Status.WARN, 'no scheme', id='no-scheme'),
    ),
)
def test_proxy(env, status, fragment):
    result = environment.check_proxy(DoctorInput(env=env))
    assert (result.status, fragment in result.message) == (status, True)
    assert KEY[:8] not in result.message


def test_ca_bundle(tmp_path):
    bundle = tmp_path / 'ca.pem'
    bundle.write_text('x')
    check = environment.check_ca_bundle
    assert check(DoctorInput(env={'REQUESTS_CA_BUNDLE': str(bundle)})).status is Status.PASS
    assert (
        check(DoctorInput(env={'CURL_CA_BUNDLE': str(tmp_path / 'no.pem')})).status is Status.FAIL
    )
    assert check(DoctorInput(env={'SSL_CERT_FILE': str(bundle)})).status is Status.WARN
    assert check(DoctorInput(env={})).message == 'default CA bundle (certifi)'


@pytest.mark.parametrize(
    ('version', 'flaws'),
    (('2.30.0', 4), ('2.32.3', 2), ('2.32.5', 1), ('2.33.0', 0), ('3.0.0rc1', 0)),
)
def test_requests_version(monkeypatch, version, flaws):
    monkeypatch.setattr(metadata, 'version', lambda _: version)
    result = environment.check_requests(DoctorInput())
    assert result.status is (Status.WARN if flaws else Status.PASS)
    assert result.message.count(';') + bool(flaws) == flaws


def test_requests_missing(monkeypatch):
    def missing(_):
        raise metadata.PackageNotFoundError('requests')

    monkeypatch.setattr(metadata, 'version', missing)
    assert environment.check_requests(DoctorInput()).status is Status.WARN


def test_version_tuple():
    assert environment.version_tuple('2.32.4.post1') == (2, 32, 4)


def test_ci(tmp_path):
    event = tmp_path / 'e.json'
    event.write_text(
        json.dumps(
            {
                'pull_request': {
                    'head': {'repo': {'full_name': 'a/f'}},
                    'base': {'repo': {'full_name': 'b/r'}},
                }
            }
        )
    )
    env = {
        'GITHUB_ACTIONS': 'true',
        'GITHUB_EVENT_NAME': 'pull_request',
        'GITHUB_EVENT_PATH': str(event),
    }
    assert (
        environment.check_ci(DoctorInput(env=env)).message
        == 'GitHub Actions (pull_request, pull request from fork a/f)'
    )
    assert environment.check_ci(DoctorInput(env={})).status is Status.SKIP


def test_github_event_unreadable(tmp_path):
    assert environment.github_event({'GITHUB_EVENT_PATH': os.fspath(tmp_path)}) == {}
    (tmp_path / 'e.json').write_text('[1]')
    assert environment.github_event({'GITHUB_EVENT_PATH': str(tmp_path / 'e.json')}) == {}
