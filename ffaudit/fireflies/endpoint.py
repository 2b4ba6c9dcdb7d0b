"""Where a Fireflies key may be sent: the one rule set for every URL a key could travel to. Pure.

Evidence: docs/evidence.md#endpoint-url.

Used by the doctor's offline checks (env.endpoint, header.url: ``doctor/endpoint.py``), its live
probe (``doctor/remote.py``) and ``scan --verify`` (``py``). ``problem`` names
what makes a URL unsafe for a key; callers add their own, stricter advice on top (the doctor:
wrong host or path; ``--verify``: only the official endpoint or a loopback server).
"""

from __future__ import annotations

import ipaddress
import re
import urllib.parse

from ffaudit.errors import FfauditError
from ffaudit.model import FIREFLIES_ENDPOINT

# query parameter names that carry a credential: api_key, access_token, Authorization, ...
_CREDENTIAL_PARAM = re.compile(r'(?i)key|token|auth|secret|passw|bearer|credential')
# a shorter 'key' ('a', 'test') is a placeholder, and would be "found" in any URL holding 'a'
_MIN_KEY = 6
# $VAR, ${VAR}, %VAR%, $env:VAR: a reference the shell or code fills in, not a key to look for
_VARIABLE_RE = re.compile(r'(?i)^(\$(env:)?\w+|\$\{(env:)?\w+\}|%\w+%)$')

EDGE_SPACE = 'the URL has a space or line break at its start or end'
INNER_SPACE = 'the URL contains spaces or control characters'
MALFORMED = 'the URL is malformed (check the brackets and the port)'
NOT_HTTP = 'the URL is not an http(s) URL with a host'
CREDENTIAL = (
    'the URL carries a credential (user info, a key-like query parameter or the key itself);'
    ' proxies and logs keep URLs, the key belongs in the Authorization header'
)
PLAIN_HTTP = (
    'plain http: the key would cross the network in clear text'
    ' (use https; plain http only to a loopback test server)'
)


def split(url: str) -> urllib.parse.SplitResult | None:
    """``url`` split into parts, or ``None`` when it is malformed (bad brackets or port)."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for ':abc' and ':99999'
    except ValueError:
        return None
    return parts


def is_loopback(host: str) -> bool:
    """``host`` is this machine: ``localhost`` or a loopback address (127.0.0.0/8, ``::1``)."""
    host = host.strip('[]').lower()
    if host == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def carries_credential(url: str, key: str | None = None) -> bool:
    """``url`` holds user info, a key-like query parameter, or 6+ characters of ``key``.

    The key is looked for in the path, query and fragment only: a host name is not a credential
    (``$FIREFLIES_API_KEY`` shares 'firefl' with api.fireflies.ai), and neither is a key that is
    itself an unexpanded variable reference.
    """
    parts = split(url)
    searched = url
    if parts is not None:
        if parts.username is not None or parts.password is not None:
            return True
        names = (n for n, _ in urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
        if any(_CREDENTIAL_PARAM.search(name) for name in names):
            return True
        searched = urllib.parse.urlunsplit(('', '', parts.path, parts.query, parts.fragment))
    if not key or len(key.strip()) < _MIN_KEY or _VARIABLE_RE.match(key.strip()):
        return False
    from ffaudit.redaction import leaks  # lazy: the doctor package is heavy to import

    return leaks(searched, key)


def problem(url: str, key: str | None = None) -> str | None:
    """Why a key must not be sent to ``url`` (a lower-case clause, secret-free), or ``None``."""
    if url != url.strip():
        return EDGE_SPACE
    if any(c.isspace() or not c.isprintable() for c in url):
        return INNER_SPACE
    parts = split(url)
    if parts is None:
        return MALFORMED
    if parts.scheme not in ('http', 'https') or not parts.hostname:
        return NOT_HTTP
    if carries_credential(url, key):
        return CREDENTIAL
    if parts.scheme == 'http' and not is_loopback(parts.hostname):
        return PLAIN_HTTP
    return None


_ONLY = f'only {FIREFLIES_ENDPOINT} or a loopback test server'


def check_endpoint(url: str) -> str:
    """The endpoint to send keys to: the official one (spelling normalised) or a loopback server.

    Anything else raises ``FfauditError``; the message shows the query with credentials masked.
    """
    parts = split(url)
    if parts is None:  # a malformed port or IPv6 literal
        raise FfauditError(f'malformed --endpoint URL: {_ONLY}')
    if _is_official(parts):
        return FIREFLIES_ENDPOINT
    if parts.scheme in ('http', 'https') and is_loopback(parts.hostname or ''):
        reason = problem(url)
        if reason is not None:
            raise FfauditError(f'--endpoint refused: {reason}')
        return url
    shown = f'{parts.scheme}://{parts.hostname or ""}{parts.path}{_masked_query(parts.query)}'
    raise FfauditError(f'refusing to send keys to {shown}: {_ONLY}')


def _masked_query(query: str) -> str:
    # The query stays visible (``?x=1`` is why the URL is refused), but a
    # credential-like name or a key-shaped value shows as ``***``; user info is never shown.
    if not query:
        return ''
    if not query.isprintable():
        return '?...'  # one line, no terminal control characters
    return '?' + '&'.join(map(_masked_pair, query.split('&')))


def _masked_pair(pair: str) -> str:
    name, sep, value = pair.partition('=')
    secret = carries_credential(f'http://h/?{name}=') or _key_shaped(value)
    return f'{name}{sep}***' if sep and value and secret else pair


def _key_shaped(value: str) -> bool:
    from ffaudit.engine.shapes import HEX32_RE
    from ffaudit.engine.shapes import KEY_RE

    return KEY_RE.search(value) is not None or HEX32_RE.search(value) is not None


def _is_official(parts: urllib.parse.SplitResult) -> bool:
    # 'https://api.fireflies.ai/graphql/' and 'https://API.fireflies.ai:443/graphql' are the same
    return (
        parts.scheme == 'https'
        and parts.hostname == 'api.fireflies.ai'
        and parts.port in (None, 443)
        and parts.path.rstrip('/') in ('', '/graphql')
        and not (parts.query or parts.fragment or parts.username or parts.password)
    )
