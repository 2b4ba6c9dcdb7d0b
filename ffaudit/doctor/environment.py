"""Offline checks on where the request will run: endpoint, netrc, proxy, CA bundle, requests, CI.

Behaviour of requests verified in doctor.md §3 (netrc §3.1, proxies and CA bundles §3.5).
Nothing here imports requests: versions come from package metadata (speed).
"""

from __future__ import annotations

import json
import netrc
import os
import urllib.parse
from collections.abc import Mapping
from importlib import metadata

from ffaudit.doctor.inputs import DEFAULT_ENDPOINT
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.model import CheckResult
from ffaudit.model import Status

SECTION = 'Environment'
_LOOPBACK = frozenset(('127.0.0.1', 'localhost', '::1'))
_ENDPOINT_FIX = f'use {DEFAULT_ENDPOINT}'
_KEY_PARAMS = frozenset(('api_key', 'apikey', 'key', 'token', 'access_token'))
# requests releases with an auth or TLS flaw (doctor.md §3.5, requests HISTORY.md).
_REQUESTS_FLAWS = (
    ((2, 31, 0), 'Proxy-Authorization leak (CVE-2023-32681)'),
    ((2, 32, 0), 'verify=False sticks to later requests (GHSA-9wx4-h78v-vm56)'),
    ((2, 32, 4), 'netrc credentials leak to the wrong host (CVE-2024-47081)'),
    ((2, 33, 0), "an empty netrc entry replaces Bearer with 'Basic Og=='"),
)
_EVENT_LIMIT = 1 << 20


def github_event(env: Mapping[str, str]) -> dict[str, object]:
    """The GitHub Actions event payload at GITHUB_EVENT_PATH, or {} if unreadable."""
    try:
        with open(env.get('GITHUB_EVENT_PATH', ''), 'rb') as f:
            data = json.loads(f.read(_EVENT_LIMIT))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _repo(event: Mapping[str, object], side: str) -> str:
    pull = event.get('pull_request')
    part = pull.get(side) if isinstance(pull, dict) else None
    repo = part.get('repo') if isinstance(part, dict) else None
    name = repo.get('full_name') if isinstance(repo, dict) else None
    return name if isinstance(name, str) else ''


def fork_pull_request(env: Mapping[str, str]) -> tuple[str, str] | None:
    """(head, base) repository names when this run is a pull request from a fork."""
    event = github_event(env)
    head, base = _repo(event, 'head'), _repo(event, 'base')
    return (head, base) if head and base and head != base else None


def empty_secret_reason(env: Mapping[str, str]) -> tuple[str, str]:
    """Why a GitHub Actions secret is likely empty here: (explanation, remediation)."""
    if env.get('GITHUB_ACTIONS') != 'true':
        return '', ''
    fork = fork_pull_request(env)
    if fork is not None:
        why = f'this run is a pull request from the fork {fork[0]} into {fork[1]}'
        fix = 'GitHub passes no secrets to fork PRs: run the live check on push, or use --offline'
        return why, fix
    if env.get('GITHUB_ACTOR') == 'dependabot[bot]':
        why = 'this run was started by Dependabot, which only receives Dependabot secrets'
        return why, 'add FIREFLIES_API_KEY under Settings > Secrets and variables > Dependabot'
    event = env.get('GITHUB_EVENT_NAME', 'unknown event')
    why = f'in GitHub Actions ({event}) the secret is missing, misspelled or environment-scoped'
    fix = (
        'check the name in ${{ secrets.NAME }}; environment secrets need `environment:` on the job'
    )
    return why, fix


def safe_url(url: str) -> str:
    """``url`` without credentials, query or fragment, safe to print."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ''
    try:
        port = f':{parts.port}' if parts.port else ''
    except ValueError:
        port = ':?'
    userinfo = '***@' if '@' in parts.netloc else ''
    return f'{parts.scheme}://{userinfo}{host}{port}{parts.path}'


def _endpoint_problem(parts: urllib.parse.SplitResult) -> tuple[Status, str] | None:
    query = {k.lower() for k, _ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)}
    if parts.scheme not in ('http', 'https') or not parts.hostname:
        return Status.FAIL, 'the endpoint is not an http(s) URL'
    if parts.username is not None or query & _KEY_PARAMS:
        return Status.FAIL, 'the endpoint URL carries a credential; proxies and logs keep URLs'
    if parts.hostname in _LOOPBACK:
        return None
    if parts.scheme == 'http':
        return Status.FAIL, 'plain http: the key would cross the network in clear text'
    if parts.hostname.endswith('fireflies.com'):
        return Status.FAIL, 'the Fireflies API lives on fireflies.ai, not fireflies.com'
    if parts.path.rstrip('/') != '/graphql':
        return Status.FAIL, 'Fireflies serves its API at /graphql (there is no REST /v1)'
    if parts.hostname != 'api.fireflies.ai':
        return Status.WARN, 'the endpoint is not the Fireflies API host'
    return None


def check_endpoint(inp: DoctorInput) -> CheckResult:
    """The endpoint is https://api.fireflies.ai/graphql (a loopback test server is allowed)."""
    try:
        parts = urllib.parse.urlsplit(inp.endpoint)
        problem = _endpoint_problem(parts)
    except ValueError:
        problem = Status.FAIL, 'the endpoint is not a valid URL'
    if problem is not None:
        return CheckResult('env.endpoint', problem[0], problem[1], _ENDPOINT_FIX, SECTION)
    note = ' (loopback test server)' if parts.hostname in _LOOPBACK else ''
    msg = f'endpoint {safe_url(inp.endpoint)}{note}'
    return CheckResult('env.endpoint', Status.PASS, msg, '', SECTION)


def _netrc_path(env: Mapping[str, str]) -> str:
    if env.get('NETRC'):
        return env['NETRC']
    home = env.get('HOME') or os.path.expanduser('~')
    plain = os.path.join(home, '.netrc')
    windows = os.path.join(home, '_netrc')
    return windows if not os.path.exists(plain) and os.path.exists(windows) else plain


def check_netrc(inp: DoctorInput) -> CheckResult:
    """A netrc entry for the endpoint host (or ``default``) turns headers= Bearer into Basic."""
    path = _netrc_path(inp.env)
    if not os.path.exists(path):
        return CheckResult('env.netrc', Status.PASS, 'no netrc file', '', SECTION)
    try:
        hosts = netrc.netrc(path).hosts
    except netrc.NetrcParseError as exc:  # its message can quote file text: use the line only
        msg = f'{path} cannot be parsed (line {exc.lineno}); requests ignores it, curl -n does not'
        return CheckResult('env.netrc', Status.WARN, msg, 'fix or remove the file', SECTION)
    except (OSError, UnicodeDecodeError) as exc:
        msg = f'{path} cannot be read ({type(exc).__name__}); requests ignores it'
        return CheckResult('env.netrc', Status.WARN, msg, 'fix its permissions', SECTION)
    host = urllib.parse.urlsplit(inp.endpoint).hostname or ''
    entries = [n for n in (host, 'default') if n in hosts]
    if not entries:
        return CheckResult('env.netrc', Status.PASS, f'{path} has no entry for {host}', '', SECTION)
    msg = f'{path} has a "{entries[0]}" entry: requests with headers= sends Basic auth instead'
    hint = 'ffaudit uses auth= and is immune; in your code pass auth= or remove the entry'
    return CheckResult('env.netrc', Status.WARN, msg, hint, SECTION)


def _no_proxy(env: Mapping[str, str], host: str) -> bool:
    raw = env.get('no_proxy') or env.get('NO_PROXY') or ''
    entries = [e.strip().lstrip('.').lower() for e in raw.split(',') if e.strip()]
    return any(e == '*' or host == e or host.endswith('.' + e) for e in entries)


def check_proxy(inp: DoctorInput) -> CheckResult:
    """Which proxy variable requests will use for the endpoint (credentials redacted)."""
    parts = urllib.parse.urlsplit(inp.endpoint)
    host = parts.hostname or ''
    names = [f'{parts.scheme}_proxy', f'{parts.scheme.upper()}_PROXY', 'all_proxy', 'ALL_PROXY']
    name = next((n for n in names if inp.env.get(n)), None)
    if name is None or _no_proxy(inp.env, host):
        return CheckResult('env.proxy', Status.PASS, f'no proxy for {host}', '', SECTION)
    proxy = inp.env[name]
    if '://' not in proxy:
        msg = f'{name} has no scheme; requests may reject it'
        return CheckResult('env.proxy', Status.WARN, msg, 'write it as http://host:port', SECTION)
    msg = f'{name}={safe_url(proxy)} is used for {host}'
    hint = 'a proxy answering 401/407 or intercepting TLS is not a Fireflies verdict'
    return CheckResult('env.proxy', Status.PASS, msg, hint, SECTION)


def check_ca_bundle(inp: DoctorInput) -> CheckResult:
    """CA-bundle variables point at files that exist (requests reads the first two only)."""
    for name in ('REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE', 'SSL_CERT_FILE'):
        path = inp.env.get(name)
        if path and not os.path.exists(path):
            msg = f'{name} points to {path}, which does not exist: TLS will fail'
            return CheckResult(
                'env.ca_bundle', Status.FAIL, msg, 'fix the path or unset it', SECTION
            )
    used = next((n for n in ('REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE') if inp.env.get(n)), None)
    if used is None and inp.env.get('SSL_CERT_FILE'):
        msg = 'SSL_CERT_FILE is set, but requests ignores it and uses certifi'
        return CheckResult(
            'env.ca_bundle', Status.WARN, msg, 'set REQUESTS_CA_BUNDLE instead', SECTION
        )
    msg = f'CA bundle from {used}' if used else 'default CA bundle (certifi)'
    return CheckResult('env.ca_bundle', Status.PASS, msg, '', SECTION)


def version_tuple(text: str) -> tuple[int, ...]:
    """``'2.32.3'`` -> ``(2, 32, 3)``; stops at the first non-numeric part."""
    out: list[int] = []
    for part in text.split('.'):
        digits = ''.join(c for c in part if c.isdigit()) if part[:1].isdigit() else ''
        if not digits:
            break
        out.append(int(digits))
    return tuple(out)


def check_requests(inp: DoctorInput) -> CheckResult:
    """The installed requests has no known auth/TLS flaw."""
    try:
        version = metadata.version('requests')
    except metadata.PackageNotFoundError:
        return CheckResult('env.requests', Status.WARN, 'requests is not installed', '', SECTION)
    flaws = [text for fixed, text in _REQUESTS_FLAWS if version_tuple(version) < fixed]
    if not flaws:
        return CheckResult('env.requests', Status.PASS, f'requests {version}', '', SECTION)
    msg = f'requests {version}: {"; ".join(flaws)}'
    return CheckResult('env.requests', Status.WARN, msg, 'pip install -U "requests>=2.33"', SECTION)


def check_ci(inp: DoctorInput) -> CheckResult:
    """Which CI runs the doctor (GitHub Actions: event, actor, fork)."""
    if inp.env.get('GITHUB_ACTIONS') != 'true':
        return CheckResult('env.ci', Status.SKIP, 'not running in GitHub Actions', '', SECTION)
    event = inp.env.get('GITHUB_EVENT_NAME', 'unknown event')
    fork = fork_pull_request(inp.env)
    extra = f', pull request from fork {fork[0]}' if fork else ''
    msg = f'GitHub Actions ({event}{extra})'
    return CheckResult('env.ci', Status.PASS, msg, '', SECTION)
