"""Judge a GraphQL endpoint URL offline: https, api.fireflies.ai, /graphql, no credential in it.

Used for --endpoint (env.endpoint) and for the URL inside a pasted curl command or raw request.
A plain-http URL sends the key in clear text; another host loses it on a redirect.
Evidence: docs/evidence.md#endpoint-url.
"""

from __future__ import annotations

import re
import urllib.parse

from ffaudit.fireflies import endpoint
from ffaudit.model import FIREFLIES_ENDPOINT
from ffaudit.model import Status

FIX = f'Use {FIREFLIES_ENDPOINT}'
Problem = tuple[Status, str]
_REST_RE = re.compile(r'/(api/|rest/)?v\d+(/|$)|/rest(/|$)|/api(/|$)')
split = endpoint.split


def safe_url(url: str) -> str:
    """``url`` without credentials, query or fragment, safe to print."""
    parts = split(url)
    if parts is None:
        return '(malformed URL)'
    port = f':{parts.port}' if parts.port else ''
    userinfo = '***@' if '@' in parts.netloc else ''
    host = f'[{parts.hostname}]' if ':' in (parts.hostname or '') else parts.hostname or ''
    return f'{parts.scheme}://{userinfo}{host}{port}{parts.path}'


def is_loopback(url: str) -> bool:
    """``url`` is a valid URL whose host is this machine (a local test server)."""
    parts = split(url)
    return parts is not None and endpoint.is_loopback(parts.hostname or '')


def _path_problem(path: str) -> str:
    if not path:
        return 'The endpoint has no path: Fireflies serves its GraphQL API at /graphql'
    if path == '/mcp' or path.startswith('/mcp/'):
        return "/mcp is Fireflies' MCP server (OAuth), not the GraphQL API at /graphql"
    if _REST_RE.match(path):
        return 'Fireflies serves its API at /graphql (there is no REST /v1)'
    return 'Fireflies serves its API at /graphql, not at this path'


def _fireflies_problem(parts: urllib.parse.SplitResult) -> Problem | None:
    host = parts.hostname or ''
    if host.endswith('fireflies.com'):
        return Status.FAIL, 'The Fireflies API lives on fireflies.ai, not fireflies.com'
    if parts.path.rstrip('/') != '/graphql':
        return Status.FAIL, _path_problem(parts.path.rstrip('/').lower())
    if host != 'api.fireflies.ai':
        return Status.WARN, 'The endpoint is not the Fireflies API host'
    return None


def problem(url: str, key: str | None = None) -> Problem | None:
    """What is wrong with ``url`` as the Fireflies endpoint (loopback test servers are fine).

    Unsafe URLs fail by ``endpoint.problem`` (the rules the live probe and ``--verify``
    enforce too); a safe URL that is not ``https://api.fireflies.ai/graphql`` gets advice.
    """
    unsafe = endpoint.problem(url, key)
    if unsafe is not None:
        return Status.FAIL, unsafe[0].upper() + unsafe[1:]
    parts = split(url)
    if parts is None or endpoint.is_loopback(parts.hostname or ''):
        return None
    return _fireflies_problem(parts)
