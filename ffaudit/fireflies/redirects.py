"""What a 3xx answer to the probe means: where it points and what clients do on the way. Pure.

Redirect rules of requests (docs/evidence.md#requests-redirects): the Authorization header is
dropped when host, port or scheme changes, and 301/302/303 turn the POST into a GET without its
body.
The ``Location`` value is the server's: only its scheme and host are shown, escaped.
"""

from __future__ import annotations

import urllib.parse

from ffaudit.fireflies import scrub
from ffaudit.fireflies.diagnosis import Diagnosis
from ffaudit.fireflies.diagnosis import Verdict
from ffaudit.model import FIREFLIES_ENDPOINT

_FINAL_URL = 'Use the final URL, normally https://api.fireflies.ai/graphql.'


def explain(status: int, url: str, location: str) -> Diagnosis:
    """Explain a 3xx to ``location``; nothing about the key was learnt."""
    try:
        base = url or FIREFLIES_ENDPOINT  # explain knows no URL: captures come from Fireflies
        src = urllib.parse.urlsplit(base)
        dst = urllib.parse.urlsplit(urllib.parse.urljoin(base, location.strip()))
    except ValueError:  # e.g. 'https://[::1/x': no client could follow it
        return _invalid(status)
    host = dst.netloc.rpartition('@')[2]  # never show userinfo
    if dst.scheme not in ('http', 'https') or not host:
        return _invalid(status)
    target = scrub.escape(f'{dst.scheme}://{host}')[:100]
    effects = []
    if _origin(dst) != _origin(src):
        effects.append('clients drop the Authorization header when host, port or scheme changes')
    if src.scheme == 'https' and dst.scheme == 'http':
        effects.append('the key would travel in clear text')
    if status in (301, 302, 303):
        effects.append('POST becomes GET and the GraphQL query is dropped')
    msg = f'The endpoint redirects (HTTP {status}) to {target}; ffaudit did not follow it'
    said = '; '.join(effects)
    hint = f'{said[:1].upper()}{said[1:]}. ' if said else ''
    return Diagnosis(Verdict.REDIRECT, f'redirect-{status}', msg, hint + _FINAL_URL, status)


def _invalid(status: int) -> Diagnosis:
    msg = (
        f'The endpoint redirects (HTTP {status}) to an invalid target (unparsable Location);'
        ' the request, key included, had been sent'
    )
    hint = f'A proxy or a misconfigured server answered. {_FINAL_URL}'
    return Diagnosis(Verdict.REDIRECT, f'redirect-{status}', msg, hint, status)


def _origin(parts: urllib.parse.SplitResult) -> tuple[str, str | None, str]:
    try:
        port = str(parts.port or '')
    except ValueError:  # a garbled Location port: compare it as text
        port = parts.netloc.rpartition(':')[2]
    return parts.scheme, parts.hostname, port
