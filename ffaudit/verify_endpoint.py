"""Where ``--verify`` may send keys: the official Fireflies endpoint or a loopback test server.

This is the one check ``scan --verify`` and the detect-secrets plugin make (``Verifier`` runs it
once, before anything is scanned). A loopback URL must also pass ``endpoint_rules.problem``,
the rules the doctor applies to its ``--endpoint``.
"""

from __future__ import annotations

import urllib.parse

from ffaudit import endpoint_rules
from ffaudit.errors import FfauditError
from ffaudit.model import FIREFLIES_ENDPOINT

_ONLY = f'only {FIREFLIES_ENDPOINT} or a loopback test server'


def check_endpoint(url: str) -> str:
    """The endpoint to send keys to: the official one (spelling normalised) or a loopback server.

    Anything else raises ``FfauditError``; the message shows the query with credentials masked.
    """
    parts = endpoint_rules.split(url)
    if parts is None:  # a malformed port or IPv6 literal
        raise FfauditError(f'malformed --endpoint URL: {_ONLY}')
    if _is_official(parts):
        return FIREFLIES_ENDPOINT
    if parts.scheme in ('http', 'https') and endpoint_rules.is_loopback(parts.hostname or ''):
        reason = endpoint_rules.problem(url)
        if reason is not None:
            raise FfauditError(f'--endpoint refused: {reason}')
        return url
    shown = f'{parts.scheme}://{parts.hostname or ""}{parts.path}{_masked_query(parts.query)}'
    raise FfauditError(f'refusing to send keys to {shown}: {_ONLY}')


def _masked_query(query: str) -> str:
    # The query stays visible (review R3 item 14: ``?x=1`` is why the URL is refused), but a
    # credential-like name or a key-shaped value shows as ``***``; user info is never shown.
    if not query:
        return ''
    if not query.isprintable():
        return '?...'  # one line, no terminal control characters
    return '?' + '&'.join(map(_masked_pair, query.split('&')))


def _masked_pair(pair: str) -> str:
    name, sep, value = pair.partition('=')
    secret = endpoint_rules.carries_credential(f'http://h/?{name}=') or _key_shaped(value)
    return f'{name}{sep}***' if sep and value and secret else pair


def _key_shaped(value: str) -> bool:
    from ffaudit.shapes import HEX32_RE
    from ffaudit.shapes import KEY_RE

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
