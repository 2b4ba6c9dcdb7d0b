"""Where ``--verify`` may send keys: the official Fireflies endpoint or a loopback test server.

This is the one check ``scan --verify`` and the detect-secrets plugin make (``Verifier`` runs it
once, before anything is scanned). The doctor's ``--endpoint`` has its own, looser rules (any
https host) in ``doctor/remote.py``.
"""

from __future__ import annotations

import ipaddress
import urllib.parse

from ffaudit.errors import FfauditError
from ffaudit.model import FIREFLIES_ENDPOINT

_ONLY = f'only {FIREFLIES_ENDPOINT} or a loopback test server'


def check_endpoint(url: str) -> str:
    """The endpoint to send keys to: the official one (spelling normalised) or a loopback server.

    Anything else raises ``FfauditError``; the message never repeats credentials or a query.
    """
    try:
        parts = urllib.parse.urlsplit(url)
        official = _is_official(parts)
    except ValueError:  # a malformed port or IPv6 literal
        raise FfauditError(f'malformed --endpoint URL: {_ONLY}') from None
    if official:
        return FIREFLIES_ENDPOINT
    if parts.scheme in ('http', 'https') and _is_loopback(parts.hostname or ''):
        if _extras(parts) or not url.isprintable() or any(c.isspace() for c in url):
            raise FfauditError('--endpoint must not carry credentials, a query or spaces')
        return url
    shown = f'{parts.scheme}://{parts.hostname or ""}{parts.path}'
    raise FfauditError(f'refusing to send keys to {shown}: {_ONLY}')


def _extras(parts: urllib.parse.SplitResult) -> bool:
    return bool(parts.query or parts.fragment or parts.username or parts.password)


def _is_official(parts: urllib.parse.SplitResult) -> bool:
    # 'https://api.fireflies.ai/graphql/' and 'https://API.fireflies.ai:443/graphql' are the same
    return (
        parts.scheme == 'https'
        and parts.hostname == 'api.fireflies.ai'
        and parts.port in (None, 443)
        and parts.path.rstrip('/') in ('', '/graphql')
        and not _extras(parts)
    )


def _is_loopback(host: str) -> bool:
    if host == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
