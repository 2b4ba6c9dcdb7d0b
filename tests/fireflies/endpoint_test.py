from __future__ import annotations

import pytest

from ffaudit.doctor.environment.checks import check_endpoint
from ffaudit.doctor.header.checks import check_url
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.errors import FfauditError
from ffaudit.fireflies import endpoint
from ffaudit.fireflies import probe
from ffaudit.model import Status

KEY = 'b5dce9d1-2545-4405-b699-05850f768618'  # pragma: allowlist secret


@pytest.mark.parametrize(
    ('host', 'expected'),
    (
        ('localhost', True),
        ('LOCALHOST', True),
        ('127.0.0.1', True),
        ('127.0.0.2', True),
        ('127.255.255.254', True),
        ('::1', True),
        ('[::1]', True),
        ('0:0:0:0:0:0:0:1', True),
        ('128.0.0.1', False),
        ('10.0.0.1', False),
        ('::2', False),
        ('localhost.example', False),
        ('127.0.0.1.nip.io', False),
        ('api.fireflies.ai', False),
        ('', False),
    ),
)
def test_is_loopback(host, expected):
    assert endpoint.is_loopback(host) is expected


@pytest.mark.parametrize(
    ('url', 'key', 'expected'),
    (
        ('https://api.fireflies.ai/graphql', None, False),
        ('https://api.fireflies.ai/graphql?debug=1', None, False),
        ('https://u@api.fireflies.ai/graphql', None, True),
        ('https://u:p@api.fireflies.ai/graphql', None, True),
        ('https://api.fireflies.ai/graphql?api_key=x', None, True),
        ('https://api.fireflies.ai/graphql?apiKey=x', None, True),
        ('https://api.fireflies.ai/graphql?key=x', None, True),
        ('https://api.fireflies.ai/graphql?ACCESS_TOKEN=', None, True),
        ('https://api.fireflies.ai/graphql?auth=x', None, True),
        ('https://api.fireflies.ai/graphql?client_secret=x', None, True),
        ('https://api.fireflies.ai/graphql', KEY, False),
        (f'https://api.fireflies.ai/graphql?q={KEY}', KEY, True),
        (f'https://api.fireflies.ai/graphql#{KEY.upper()}', KEY, True),
        (f'https://api.fireflies.ai/{KEY[:12]}/graphql', KEY, True),
        (f'https://api.fireflies.ai/graphql?q={KEY}', None, False),  # unknown key, no name
        (f'https://[::1/{KEY}', KEY, True),  # malformed URLs are still searched for the key
        ('https://api.fireflies.ai/graphql', 'a', False),  # a placeholder, not a credential
        ('https://api.fireflies.ai/graphql', ' fire ', False),
        ('https://api.fireflies.ai/graphql', 'graphq', True),
    ),
)
def test_carries_credential(url, key, expected):
    assert endpoint.carries_credential(url, key) is expected


@pytest.mark.parametrize(
    ('url', 'expected'),
    (
        ('https://api.fireflies.ai/graphql', None),
        ('https://example.com/anything', None),  # safe for a key; the doctor warns about the host
        ('http://127.0.0.2:8080/graphql', None),
        ('http://localhost/graphql', None),
        ('http://[::1]:9/graphql', None),
        ('https://127.0.0.1:8443/graphql', None),
        ('http://api.fireflies.ai/graphql', endpoint.PLAIN_HTTP),
        ('http://10.0.0.1/graphql', endpoint.PLAIN_HTTP),
        ('HTTP://API.FIREFLIES.AI/graphql', endpoint.PLAIN_HTTP),
        (' https://api.fireflies.ai/graphql', endpoint.EDGE_SPACE),
        ('https://api.fireflies.ai/graphql\r\n', endpoint.EDGE_SPACE),
        ('https://api.fireflies.ai/gr aphql', endpoint.INNER_SPACE),
        ('https://api.fireflies.ai/gr\x00aphql', endpoint.INNER_SPACE),
        ('https://api.fireflies.ai/gr\u200baphql', endpoint.INNER_SPACE),
        ('https://[::1/graphql', endpoint.MALFORMED),
        ('https://api.fireflies.ai:99999/graphql', endpoint.MALFORMED),
        ('ftp://api.fireflies.ai/graphql', endpoint.NOT_HTTP),
        ('api.fireflies.ai/graphql', endpoint.NOT_HTTP),
        ('https:///graphql', endpoint.NOT_HTTP),
        ('http://u:p@127.0.0.1/graphql', endpoint.CREDENTIAL),
        ('http://127.0.0.1/graphql?token=x', endpoint.CREDENTIAL),
    ),
)
def test_problem(url, expected):
    assert endpoint.problem(url) == expected


# One URL, one verdict, whichever part asks (doctor, explain, --verify).
AGREE = (
    'http://127.0.0.2:8080/graphql',
    'http://localhost:8080/graphql',
    'https://api.fireflies.ai/graphql',
    'http://api.fireflies.ai/graphql',
    'http://10.1.2.3/graphql',
    'https://api.fireflies.ai/graphql?token=x',
    'https://u:p@api.fireflies.ai/graphql',
    'http://127.0.0.1/graphql?access_token=x',
    ' https://api.fireflies.ai/graphql',
    'https://[::1/graphql',
    f'https://api.fireflies.ai/graphql?q={KEY}',
)


def _remote_refuses(url: str) -> bool:
    try:
        probe.check_endpoint(url, KEY)
    except FfauditError:
        return True
    return False


@pytest.mark.parametrize('url', AGREE)
def test_doctor_offline_checks_and_live_probe_agree(url):
    unsafe = endpoint.problem(url, KEY) is not None
    offline = check_endpoint(DoctorInput(key=KEY, endpoint=url))
    curl = f"curl -H 'Authorization: Bearer {KEY}' '{url}'"
    pasted = check_url(DoctorInput(key=KEY, header=curl))

    assert _remote_refuses(url) is unsafe
    assert (offline.status is Status.FAIL) is unsafe  # the other URLs are all Fireflies-right
    assert (pasted.status is Status.FAIL) is unsafe
    assert KEY[:8] not in offline.message + pasted.message


def test_a_loopback_endpoint_passes_env_endpoint_whatever_its_address():
    result = check_endpoint(DoctorInput(endpoint='http://127.0.0.2:8080/graphql'))

    assert (result.status, result.message) == (
        Status.PASS,
        'Endpoint http://127.0.0.2:8080/graphql (loopback test server)',
    )


@pytest.mark.parametrize('key', ('a', 'api', 'x', ' fire '))
def test_a_short_placeholder_key_does_not_fail_the_endpoint(key):
    inp = DoctorInput(key=key)

    assert check_endpoint(inp).status is Status.PASS
    assert probe.check_endpoint(inp.endpoint, key).hostname == 'api.fireflies.ai'


def test_env_endpoint_fails_a_url_holding_the_key_without_naming_it():
    url = f'https://api.fireflies.ai/v/{KEY}/graphql'

    result = check_endpoint(DoctorInput(key=KEY, endpoint=url))

    assert result.status is Status.FAIL
    assert result.message == endpoint.CREDENTIAL[0].upper() + endpoint.CREDENTIAL[1:]
