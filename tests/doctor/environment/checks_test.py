"""Environment checks: endpoint, netrc, proxy, CA bundle, requests version, CI context."""

from __future__ import annotations

import json
import os
import pathlib
from importlib import metadata

import pytest

from ffaudit.doctor.environment import checks
from ffaudit.doctor.environment import ci
from ffaudit.doctor.environment import endpoint_url
from ffaudit.doctor.environment import netrc
from ffaudit.doctor.environment import versions
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.model import Status

KEY = '97a11681-ecf5-412d-9a99-4ce35a80be93'  # pragma: allowlist secret
PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'


@pytest.mark.parametrize(
    ('url', 'status', 'fragment'),
    (
        pytest.param(
            'https://api.fireflies.ai/graphql', Status.PASS, 'Endpoint https://api', id='default'
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
        pytest.param('https://[::1', Status.FAIL, 'malformed', id='invalid'),
    ),
)
def test_endpoint(url, status, fragment):
    result = checks.check_endpoint(DoctorInput(endpoint=url))
    assert (result.status, fragment in result.message) == (status, True)
    assert KEY[:8] not in result.message


def test_safe_url_drops_credentials_and_query():
    assert (
        endpoint_url.safe_url(f'http://u:{KEY}@proxy:3128/p?k={KEY}') == 'http://***@proxy:3128/p'
    )


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
    result = netrc.check_netrc(_netrc(tmp_path, text))
    assert (result.status, fragment in result.message) == (status, True)
    assert KEY[:8] not in result.message + result.hint


def test_netrc_home_default_and_missing(tmp_path):
    assert netrc.check_netrc(DoctorInput(env={'HOME': str(tmp_path)})).message == 'No netrc file'
    (tmp_path / '.netrc').write_text('default login a password b\n')
    assert netrc.check_netrc(DoctorInput(env={'HOME': str(tmp_path)})).status is Status.WARN


def test_netrc_unreadable(tmp_path):
    result = netrc.check_netrc(DoctorInput(env={'NETRC': str(tmp_path)}))
    assert (result.status, result.message, result.hint) == (
        Status.WARN,
        f'{tmp_path} is a directory, not a netrc file',
        'Point NETRC at a file, or unset it',
    )


@pytest.mark.parametrize(
    ('env', 'status', 'fragment'),
    (
        pytest.param({}, Status.PASS, 'No proxy', id='none'),
        pytest.param(
            {'HTTPS_PROXY': f'http://u:{KEY}@proxy:3128'},
            Status.PASS,
            'HTTPS_PROXY=http://***@proxy:3128 is used',
            id='redacted',
        ),
        pytest.param(
            {'https_proxy': 'http://p:1', 'NO_PROXY': '.fireflies.ai'},
            Status.PASS,
            'https_proxy is set, but NO_PROXY covers it: no proxy is used for api.fireflies.ai',
            id='no-proxy',
        ),
        pytest.param(
            {'ALL_PROXY': 'http://p:1', 'no_proxy': '*'},
            Status.PASS,
            'ALL_PROXY is set, but no_proxy covers it',
            id='no-proxy-star',
        ),
        pytest.param({'HTTPS_PROXY': 'proxy:3128'}, Status.WARN, 'no scheme', id='no-scheme'),
    ),
)
def test_proxy(env, status, fragment):
    result = checks.check_proxy(DoctorInput(env=env))
    assert (result.status, fragment in result.message) == (status, True)
    assert KEY[:8] not in result.message


def test_ca_bundle(tmp_path):
    bundle = tmp_path / 'ca.pem'
    bundle.write_text(PEM)
    check = checks.check_ca_bundle
    assert check(DoctorInput(env={'REQUESTS_CA_BUNDLE': str(bundle)})).status is Status.PASS
    assert (
        check(DoctorInput(env={'CURL_CA_BUNDLE': str(tmp_path / 'no.pem')})).status is Status.FAIL
    )
    assert check(DoctorInput(env={'SSL_CERT_FILE': str(bundle)})).status is Status.WARN
    assert check(DoctorInput(env={})).message == 'Default CA bundle (certifi)'


@pytest.mark.parametrize(
    ('version', 'flaws'),
    (('2.30.0', 4), ('2.32.3', 2), ('2.32.5', 1), ('2.33.0', 0), ('3.0.0rc1', 0)),
)
def test_requests_version(monkeypatch, version, flaws):
    monkeypatch.setattr(metadata, 'version', lambda _: version)
    result = checks.check_requests(DoctorInput())
    assert result.status is (Status.WARN if flaws else Status.PASS)
    assert result.message.count(';') + bool(flaws) == flaws


def test_requests_missing(monkeypatch):
    def missing(_):
        raise metadata.PackageNotFoundError('requests')

    monkeypatch.setattr(metadata, 'version', missing)
    assert checks.check_requests(DoctorInput()).status is Status.WARN


def test_version_tuple():
    assert versions.version_tuple('2.32.4.post1') == (2, 32, 4)


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
        ci.check_ci(DoctorInput(env=env)).message
        == 'GitHub Actions (pull_request, pull request from fork a/f)'
    )
    assert ci.check_ci(DoctorInput(env={})).status is Status.SKIP


def test_github_event_unreadable(tmp_path):
    assert ci.github_event({'GITHUB_EVENT_PATH': os.fspath(tmp_path)}) == {}
    (tmp_path / 'e.json').write_text('[1]')
    assert ci.github_event({'GITHUB_EVENT_PATH': str(tmp_path / 'e.json')}) == {}


@pytest.mark.parametrize(
    'url',
    (
        'https://[::1/graphql',
        'https://api.fireflies.ai:abc/graphql',
        'https://api.fireflies.ai:99999/graphql',
    ),
)
def test_malformed_endpoints_fail_and_do_not_crash_other_checks(tmp_path, url):
    env = {'HTTPS_PROXY': 'http://proxy:3128', 'NETRC': str(tmp_path / 'netrc')}
    (tmp_path / 'netrc').write_text('machine api.fireflies.ai login a password b\n')
    inp = DoctorInput(endpoint=url, env=env)
    result = checks.check_endpoint(inp)
    assert (result.status, result.message) == (
        Status.FAIL,
        'The URL is malformed (check the brackets and the port)',
    )
    assert checks.check_proxy(inp).status is Status.SKIP
    assert netrc.check_netrc(inp).status is Status.PASS


def test_malformed_proxy_is_a_warning():
    result = checks.check_proxy(DoctorInput(env={'HTTPS_PROXY': 'http://[::1:3128'}))
    assert (result.status, result.message) == (
        Status.WARN,
        'HTTPS_PROXY is not a valid URL (check the brackets and the port)',
    )


@pytest.mark.parametrize(
    ('make', 'fragment'),
    (
        pytest.param(lambda p: p.write_text('junk'), 'holds no PEM certificate', id='junk'),
        pytest.param(lambda p: p.mkdir(), 'an empty directory', id='empty-dir'),
        pytest.param(lambda p: None, 'which does not exist', id='missing'),
    ),
)
def test_ca_bundle_that_requests_uses_is_broken(tmp_path, make, fragment):
    path = tmp_path / 'bundle'
    make(path)
    result = checks.check_ca_bundle(DoctorInput(env={'REQUESTS_CA_BUNDLE': str(path)}))
    assert result.status is Status.FAIL
    assert fragment in result.message
    assert result.message.endswith(': TLS will fail')


def test_ca_bundle_directory_with_certificates_passes(tmp_path):
    (tmp_path / 'ca.pem').write_text(PEM)
    result = checks.check_ca_bundle(DoctorInput(env={'CURL_CA_BUNDLE': str(tmp_path)}))
    assert (result.status, result.message) == (Status.PASS, 'CA bundle from CURL_CA_BUNDLE')


def test_ca_bundle_ignored_by_requests_only_warns(tmp_path):
    (tmp_path / 'ca.pem').write_text(PEM)
    env = {'REQUESTS_CA_BUNDLE': str(tmp_path / 'ca.pem'), 'CURL_CA_BUNDLE': '/nonexistent.pem'}
    result = checks.check_ca_bundle(DoctorInput(env=env))
    assert result.status is Status.WARN
    assert 'requests ignores it, other tools fail' in result.message


def test_netrc_remediation_names_the_cause(tmp_path):
    bad = tmp_path / 'latin1'
    bad.write_bytes(b'machine api.fireflies.ai login \xe9 password x\n')
    result = netrc.check_netrc(DoctorInput(env={'NETRC': str(bad)}))
    assert (result.status, result.hint) == (Status.WARN, 'Re-save it as UTF-8 (or plain ASCII)')
    parse = tmp_path / 'parse'
    parse.write_text(f'machine api.fireflies.ai login me password {KEY} bogus {KEY}\n')
    result = netrc.check_netrc(DoctorInput(env={'NETRC': str(parse)}))
    assert result.hint == f'Fix line 1 of {parse}, or remove the file'


def test_netrc_variable_pointing_nowhere():
    result = netrc.check_netrc(DoctorInput(env={'NETRC': '/nonexistent/netrc'}))
    assert result.message == 'NETRC points to /nonexistent/netrc, which does not exist'


def test_fork_pr_advice_is_an_if_condition(tmp_path):
    event = tmp_path / 'e.json'
    pr = {'head': {'repo': {'full_name': 'o/f'}}, 'base': {'repo': {'full_name': 'a/r'}}}
    event.write_text(json.dumps({'pull_request': pr}))
    env = {'GITHUB_ACTIONS': 'true', 'GITHUB_EVENT_PATH': str(event)}
    why, fix = ci.empty_secret_reason(env)
    assert why == 'this run is a pull request from the fork o/f into a/r'
    assert fix.endswith('if: ${{ !github.event.pull_request.head.repo.fork }}')
    assert '--offline' not in fix


@pytest.mark.parametrize('host', ('127.0.0.1', 'localhost', '[::1]'))
def test_proxy_is_never_used_for_a_plain_http_loopback_endpoint(host):
    env = {'HTTP_PROXY': 'http://proxy:8080', 'ALL_PROXY': 'http://proxy:8080'}
    result = checks.check_proxy(DoctorInput(env=env, endpoint=f'http://{host}:8/graphql'))
    assert result.status is Status.PASS
    assert 'never sends a plain-http loopback request through a proxy' in result.message
    assert 'HTTP_PROXY=' not in result.message


def test_proxy_still_applies_to_an_https_loopback_endpoint():
    env = {'HTTPS_PROXY': 'http://proxy:8080'}
    result = checks.check_proxy(DoctorInput(env=env, endpoint='https://127.0.0.1:8/graphql'))
    assert result.message == 'HTTPS_PROXY=http://proxy:8080 is used for 127.0.0.1'


@pytest.mark.parametrize(
    ('url', 'fragment'),
    (
        ('https://api.fireflies.ai', 'has no path'),
        ('https://api.fireflies.ai/', 'has no path'),
        ('https://api.fireflies.ai/mcp', 'MCP server'),
        ('https://api.fireflies.ai/graphql ', 'space or line break at its start or end'),
        ('https://api.fireflies.ai/v1/transcripts', 'there is no REST /v1'),
        ('https://api.fireflies.ai/graph', 'not at this path'),
    ),
)
def test_endpoint_path_problems_are_named(url, fragment):
    result = checks.check_endpoint(DoctorInput(endpoint=url))
    assert result.status is Status.FAIL
    assert fragment in result.message
    assert 'REST' not in result.message or 'v1' in url


@pytest.mark.parametrize(
    ('version', 'status', 'fragment'),
    (
        ('2.32.5', Status.WARN, "requests 2.32.5 sends 'Basic Og=='"),
        ('2.33.0', Status.PASS, 'requests 2.33.0 ignores it'),
        ('2.34.2', Status.PASS, 'requests 2.34.2 ignores it'),
    ),
)
def test_netrc_entry_without_credentials_depends_on_the_requests_version(
    tmp_path, monkeypatch, version, status, fragment
):
    monkeypatch.setattr(netrc, '_requests_version', lambda: version)
    result = netrc.check_netrc(_netrc(tmp_path, 'machine api.fireflies.ai\n'))
    assert result.status is status
    assert 'has an "api.fireflies.ai" entry without login or password' in result.message
    assert fragment in result.message


def test_netrc_entry_names_take_the_right_article(tmp_path):
    host = netrc.check_netrc(_netrc(tmp_path, f'machine api.fireflies.ai password {KEY}\n'))
    default = netrc.check_netrc(_netrc(tmp_path, f'default login me password {KEY}\n'))
    assert 'has an "api.fireflies.ai" entry' in host.message
    assert 'has a "default" entry' in default.message
