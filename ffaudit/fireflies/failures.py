"""What a failed request means (no answer at all). Pure: ``transport`` names the failure kind.

Exception texts are never shown: they can embed the URL or, for header errors, the key itself
(docs/evidence.md#requests-header-validation). Only the TLS verification reason is passed on,
after ``ssl`` produced it. Never suggest disabling verification (docs/evidence.md#network-failures).
"""

from __future__ import annotations

import http.client
import socket
import ssl
import urllib.parse
from collections.abc import Iterator
from collections.abc import Mapping

from ffaudit.fireflies import failure_advice
from ffaudit.fireflies.diagnosis import Diagnosis
from ffaudit.fireflies.diagnosis import Verdict
from ffaudit.redaction import mask_argv_like

PROXY_VARIABLES = (
    'HTTPS_PROXY',
    'https_proxy',
    'ALL_PROXY',
    'all_proxy',
    'HTTP_PROXY',
    'http_proxy',
)
# OpenSSL reasons when a TLS client reads a plain-HTTP answer ('HTTP/1.1 400 ...') as a record
PLAIN_HTTP_REASONS = frozenset({'WRONG_VERSION_NUMBER', 'PACKET_LENGTH_TOO_LONG'})
ADVICE = {
    **failure_advice.ADVICE,
    'tls-plain-http': (
        '{host} answered plain HTTP on an https URL (TLS handshake failed{reason}); the key was'
        ' not sent',
        'The server speaks plain HTTP on that port: use the port of its https listener (or the'
        ' right --endpoint). This is not TLS inspection; do not disable certificate verification.',
    ),
}


class BodyTooLarge(Exception):
    """The answer exceeded the read cap: not a Fireflies answer to the probe."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def too_large(status: int) -> Diagnosis:
    """Diagnose an answer that was too large to read."""
    msg = f'HTTP {status} carried more than 1 MiB, not a Fireflies answer; nothing is known'
    hint = 'A proxy or the wrong --endpoint may have answered; check the endpoint.'
    return Diagnosis(Verdict.INCONCLUSIVE, 'huge-answer', msg, hint, status)


def connection_kind(exc: BaseException) -> str:
    """Tell DNS failure, refusal and a stalled read apart inside a generic connection error."""
    for err in iter_chain(exc):
        if isinstance(err, socket.gaierror) or type(err).__name__ == 'NameResolutionError':
            return 'dns'
        if isinstance(err, ConnectionRefusedError):
            return 'refused'
        if isinstance(err, http.client.RemoteDisconnected | ConnectionResetError):
            return 'dropped'
        if isinstance(err, TimeoutError) or type(err).__name__ == 'ReadTimeoutError':
            return 'read-timeout'
    return 'connection'


def diagnose(
    kind: str, exc: BaseException, url: str, timeout: float, env: Mapping[str, str] | None = None
) -> Diagnosis:
    """An INCONCLUSIVE diagnosis for a failure of ``kind`` (a key of ``ADVICE``)."""
    env = {} if env is None else env
    parts = urllib.parse.urlsplit(url)
    var, path = ca_bundle_variable(env)
    reason = _tls_reason(exc)
    if kind == 'tls' and reason in PLAIN_HTTP_REASONS:
        kind = 'tls-plain-http'
    elif kind == 'tls' and failure_advice.CLOCK_WORDS.search(reason):
        kind = 'tls-date'
    elif kind == 'tls' and var:
        kind = 'ca-bundle'
    elif kind == 'socks-missing':
        var = next((n for n in PROXY_VARIABLES if env.get(n, '').lower().startswith('socks')), '')
    template, hint = ADVICE.get(kind, ADVICE['request-error'])
    hostname = mask_argv_like(parts.hostname or '')  # a key pasted into --endpoint stays hidden
    fields = {
        'host': f'{hostname}:{parts.port or (443 if parts.scheme == "https" else 80)}',
        'hostname': hostname,
        'timeout': timeout,
        'name': type(exc).__name__,
        'reason': f' ({reason})' if reason else '',
        'var': var or 'REQUESTS_CA_BUNDLE',
        'path': path or 'a missing file',
    }
    hint = hint.format(**fields)
    return Diagnosis(Verdict.INCONCLUSIVE, kind, template.format(**fields), hint, network=True)


def ca_bundle_variable(env: Mapping[str, str]) -> tuple[str, str]:
    """The CA bundle variable requests reads (REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE), and its value."""
    for name in ('REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE'):
        if env.get(name):
            return name, env[name]
    return '', ''


def iter_chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and every exception it wraps (args, ``reason``, cause, context)."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        err = todo.pop()
        if id(err) in seen:
            continue
        seen.add(id(err))
        yield err
        todo.extend(a for a in err.args if isinstance(a, BaseException))
        for linked in (getattr(err, 'reason', None), err.__cause__, err.__context__):
            if isinstance(linked, BaseException):
                todo.append(linked)


def _tls_reason(exc: BaseException) -> str:
    for err in iter_chain(exc):
        if isinstance(err, ssl.SSLCertVerificationError):
            return str(err.verify_message)
    for err in iter_chain(exc):
        if isinstance(err, ssl.SSLError) and err.reason:
            return str(err.reason)
    return ''
