"""Judge a GraphQL endpoint URL offline: https, api.fireflies.ai, /graphql, no credential in it.

Used for --endpoint (env.endpoint) and for the URL inside a pasted curl command or raw request.
Catalogue: ../shared/reference/doctor.md §2 #19-#20, §5 check 15.
"""

from __future__ import annotations

import re
import urllib.parse

from ffaudit.model import FIREFLIES_ENDPOINT
from ffaudit.model import Status

LOOPBACK = frozenset(('127.0.0.1', 'localhost', '::1'))
FIX = f'use {FIREFLIES_ENDPOINT}'
_KEY_PARAMS = frozenset(('api_key', 'apikey', 'key', 'token', 'access_token', 'auth'))
Problem = tuple[Status, str]
_REST_RE = re.compile(r'/(api/|rest/)?v\d+(/|$)|/rest(/|$)|/api(/|$)')


def split(url: str) -> urllib.parse.SplitResult | None:
    """``url`` split into parts, or ``None`` when it is malformed (bad brackets or port)."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for ':abc' and ':99999'
    except ValueError:
        return None
    return parts


def safe_url(url: str) -> str:
    """``url`` without credentials, query or fragment, safe to print."""
    parts = split(url)
    if parts is None:
        return '(malformed URL)'
    port = f':{parts.port}' if parts.port else ''
    userinfo = '***@' if '@' in parts.netloc else ''
    host = f'[{parts.hostname}]' if ':' in (parts.hostname or '') else parts.hostname or ''
    return f'{parts.scheme}://{userinfo}{host}{port}{parts.path}'


def _carries_key(parts: urllib.parse.SplitResult) -> bool:
    query = {k.lower() for k, _ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)}
    return parts.username is not None or bool(query & _KEY_PARAMS)


def _path_problem(path: str) -> str:
    if not path:
        return 'The endpoint has no path: Fireflies serves its GraphQL API at /graphql'
    if path == '/mcp' or path.startswith('/mcp/'):
        return "/mcp is Fireflies' MCP server (OAuth), not the GraphQL API at /graphql"
    if _REST_RE.match(path):
        return 'Fireflies serves its API at /graphql (there is no REST /v1)'
    return 'Fireflies serves its API at /graphql, not at this path'


def problem(url: str) -> Problem | None:
    """What is wrong with ``url`` as the Fireflies endpoint (loopback test servers are fine)."""
    if url != url.strip():
        return Status.FAIL, 'The endpoint has a space or line break at its start or end'
    parts = split(url)
    if parts is None:
        return Status.FAIL, 'The endpoint is not a valid URL (check the brackets and the port)'
    if parts.scheme not in ('http', 'https') or not parts.hostname:
        return Status.FAIL, 'The endpoint is not an http(s) URL'
    if _carries_key(parts):
        return Status.FAIL, 'The endpoint URL carries a credential; proxies and logs keep URLs'
    if parts.hostname in LOOPBACK:
        return None
    if parts.scheme == 'http':
        return Status.FAIL, 'Plain http: the key would cross the network in clear text'
    if parts.hostname.endswith('fireflies.com'):
        return Status.FAIL, 'The Fireflies API lives on fireflies.ai, not fireflies.com'
    if parts.path.rstrip('/') != '/graphql':
        return Status.FAIL, _path_problem(parts.path.rstrip('/').lower())
    if parts.hostname != 'api.fireflies.ai':
        return Status.WARN, 'The endpoint is not the Fireflies API host'
    return None
