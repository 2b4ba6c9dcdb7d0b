"""Offline checks on where the request will run: endpoint, proxy, CA bundle, requests version.

Evidence: docs/evidence.md#requests-proxies-and-ca-bundles; netrc and CI context live in
``netrc.py`` and ``ci.py``. Nothing here imports requests (speed).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from ffaudit import user_files
from ffaudit.doctor.environment import ci
from ffaudit.doctor.environment import endpoint_url
from ffaudit.doctor.environment import netrc
from ffaudit.doctor.environment.versions import installed_version
from ffaudit.doctor.environment.versions import version_tuple
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.fireflies import endpoint
from ffaudit.model import CheckResult
from ffaudit.model import Status

SECTION = 'Environment'
_CA_VARS = ('REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE')  # what requests reads, in this order
_PEM = b'-----BEGIN CERTIFICATE-----'
_BUNDLE_LIMIT = 8 << 20
# requests releases with an auth or TLS flaw (docs/evidence.md#requests-versions).
_REQUESTS_FLAWS = (
    ((2, 31, 0), 'Proxy-Authorization leak (CVE-2023-32681)'),
    ((2, 32, 0), 'verify=False sticks to later requests (GHSA-9wx4-h78v-vm56)'),
    ((2, 32, 4), 'netrc credentials leak to the wrong host (CVE-2024-47081)'),
    ((2, 33, 0), "an empty netrc entry replaces Bearer with 'Basic Og=='"),
)


def check_endpoint(inp: DoctorInput) -> CheckResult:
    """The endpoint is https://api.fireflies.ai/graphql (a loopback test server is allowed)."""
    found = endpoint_url.problem(inp.endpoint, inp.key)
    if found is not None:
        return CheckResult('env.endpoint', found[0], found[1], endpoint_url.FIX, SECTION)
    note = ' (loopback test server)' if endpoint_url.is_loopback(inp.endpoint) else ''
    msg = f'Endpoint {endpoint_url.safe_url(inp.endpoint)}{note}'
    return CheckResult('env.endpoint', Status.PASS, msg, '', SECTION)


def _no_proxy(env: Mapping[str, str], host: str) -> bool:
    raw = env.get('no_proxy') or env.get('NO_PROXY') or ''
    entries = [e.strip().lstrip('.').lower() for e in raw.split(',') if e.strip()]
    return any(e == '*' or host == e or host.endswith('.' + e) for e in entries)


def _bypass(env: Mapping[str, str], scheme: str, host: str) -> str:
    if scheme == 'http' and endpoint.is_loopback(host):
        # the key would cross the proxy in clear text: ffaudit's probe goes direct (item 4)
        return 'ffaudit never sends a plain-http loopback request through a proxy'
    if _no_proxy(env, host):
        return f'{"no_proxy" if env.get("no_proxy") else "NO_PROXY"} covers it'
    return ''


def check_proxy(inp: DoctorInput) -> CheckResult:
    """Which proxy variable requests will use for the endpoint (credentials redacted)."""
    parts = endpoint_url.split(inp.endpoint)
    if parts is None:
        msg = 'Not checked: the endpoint is not a valid URL (see env.endpoint)'
        return CheckResult('env.proxy', Status.SKIP, msg, '', SECTION)
    host = parts.hostname or ''
    names = [f'{parts.scheme}_proxy', f'{parts.scheme.upper()}_PROXY', 'all_proxy', 'ALL_PROXY']
    name = next((n for n in names if inp.env.get(n)), None)
    if name is None:
        return CheckResult('env.proxy', Status.PASS, f'No proxy for {host}', '', SECTION)
    bypass = _bypass(inp.env, parts.scheme, host)
    if bypass:
        msg = f'{name} is set, but {bypass}: no proxy is used for {host}'
        return CheckResult('env.proxy', Status.PASS, msg, '', SECTION)
    proxy = inp.env[name]
    if '://' not in proxy:
        msg = f'{name} has no scheme; requests may reject it'
        return CheckResult('env.proxy', Status.WARN, msg, 'Write it as http://host:port', SECTION)
    if endpoint_url.split(proxy) is None:
        msg = f'{name} is not a valid URL (check the brackets and the port)'
        return CheckResult('env.proxy', Status.WARN, msg, 'Write it as http://host:port', SECTION)
    msg = f'{name}={endpoint_url.safe_url(proxy)} is used for {host}'
    hint = 'A proxy answering 401/407 or intercepting TLS is not a Fireflies verdict'
    return CheckResult('env.proxy', Status.PASS, msg, hint, SECTION)


def _bundle_problem(path: str) -> str:
    if not os.path.exists(path):
        return 'which does not exist'
    try:
        if os.path.isdir(path):
            return '' if os.listdir(path) else 'an empty directory'
        data = user_files.read_bytes(path, '', _BUNDLE_LIMIT)  # a FIFO must not hang the doctor
    except user_files.Refused as exc:
        return f'which cannot be read ({exc.reason})'
    return '' if _PEM in data else 'which holds no PEM certificate (BEGIN CERTIFICATE)'


def _ca_result(status: Status, msg: str, hint: str = '') -> CheckResult:
    return CheckResult('env.ca_bundle', status, msg, hint, SECTION)


def check_ca_bundle(inp: DoctorInput) -> CheckResult:
    """The CA bundle requests will use exists and holds certificates (others: a warning)."""
    used = next((n for n in _CA_VARS if inp.env.get(n)), None)
    for name in (*_CA_VARS, 'SSL_CERT_FILE'):
        path = inp.env.get(name)
        problem = _bundle_problem(path) if path else ''
        if problem:
            status = Status.FAIL if name == used else Status.WARN
            why = 'TLS will fail' if name == used else 'requests ignores it, other tools fail'
            msg = f'{name} points to {path}, {problem}: {why}'
            return _ca_result(status, msg, f'Fix the path or unset {name}')
    if used is None and inp.env.get('SSL_CERT_FILE'):
        msg = 'SSL_CERT_FILE is set, but requests ignores it and uses certifi'
        return _ca_result(Status.WARN, msg, 'Set REQUESTS_CA_BUNDLE instead')
    return _ca_result(
        Status.PASS, f'CA bundle from {used}' if used else 'Default CA bundle (certifi)'
    )


def check_requests(inp: DoctorInput) -> CheckResult:
    """The installed requests has no known auth/TLS flaw."""
    version = installed_version('requests')
    if version is None:
        return CheckResult(
            'env.requests', Status.WARN, 'The requests package is not installed', '', SECTION
        )
    flaws = [text for fixed, text in _REQUESTS_FLAWS if version_tuple(version) < fixed]
    if not flaws:
        return CheckResult('env.requests', Status.PASS, f'requests {version}', '', SECTION)
    msg = f'requests {version}: {"; ".join(flaws)}'
    return CheckResult('env.requests', Status.WARN, msg, 'pip install -U "requests>=2.33"', SECTION)


# the Environment section, in report order
CHECKS = (
    ('env.endpoint', check_endpoint),
    ('env.netrc', netrc.check_netrc),
    ('env.proxy', check_proxy),
    ('env.ca_bundle', check_ca_bundle),
    ('env.requests', check_requests),
    ('env.ci', ci.check_ci),
)
