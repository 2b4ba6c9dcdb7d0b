"""What a failed request means (no answer at all). Pure: ``remote`` names the failure kind.

Exception texts are never shown: they can embed the URL or, for header errors, the key itself
(shared/reference/doctor.md §3.3). Only the TLS verification reason is passed on, after
``ssl`` produced it. Advice follows doctor.md §5 row 18: never suggest disabling verification.
"""

from __future__ import annotations

import socket
import ssl
import urllib.parse
from collections.abc import Iterator

from ffaudit.doctor.diagnosis import Diagnosis
from ffaudit.doctor.diagnosis import Verdict

_ADVICE = {
    'tls': (
        'TLS verification failed{reason}: a proxy or security product is probably intercepting'
        ' HTTPS (corporate TLS inspection)',
        "Point REQUESTS_CA_BUNDLE at your organisation's CA bundle (PEM file); do not disable"
        ' certificate verification.',
    ),
    'proxy-auth': (
        'The proxy demands credentials (HTTP 407 Proxy Authentication Required); Fireflies was'
        ' not reached',
        'Add the proxy credentials to HTTPS_PROXY, or ask IT; the key was not sent to Fireflies.',
    ),
    'proxy': (
        'Could not get through the proxy to {host}',
        'Check HTTPS_PROXY / NO_PROXY and that the proxy is reachable.',
    ),
    'dns': (
        'DNS lookup of {hostname} failed',
        'Check the host name in --endpoint, your network and DNS settings.',
    ),
    'refused': (
        '{host} refused the connection',
        'Check --endpoint; a firewall may be rejecting the traffic.',
    ),
    'connect-timeout': (
        'No connection to {host} within {timeout:g} s',
        'A firewall may drop the traffic, or a proxy is needed (HTTPS_PROXY); or raise --timeout.',
    ),
    'read-timeout': (
        '{host} did not answer within {timeout:g} s',
        'Fireflies or a proxy is slow: retry later, or raise --timeout.',
    ),
    'cut-short': (
        'The connection to {host} broke while the answer was being read',
        'Retry; if it persists, a proxy may be cutting connections.',
    ),
    'connection': (
        'Could not connect to {host}',
        'Check your network, proxy settings (HTTPS_PROXY) and --endpoint.',
    ),
    'request-error': (
        'The request could not be sent ({name})',
        'Check --endpoint and your network settings.',
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
        if isinstance(err, TimeoutError) or type(err).__name__ == 'ReadTimeoutError':
            return 'read-timeout'
    return 'connection'


def diagnose(kind: str, exc: BaseException, url: str, timeout: float) -> Diagnosis:
    """An INCONCLUSIVE diagnosis for a failure of ``kind`` (a key of ``_ADVICE``)."""
    template, hint = _ADVICE.get(kind, _ADVICE['request-error'])
    parts = urllib.parse.urlsplit(url)
    host = f'{parts.hostname}:{parts.port or (443 if parts.scheme == "https" else 80)}'
    reason = _tls_reason(exc)
    message = template.format(
        host=host,
        hostname=parts.hostname,
        timeout=timeout,
        name=type(exc).__name__,
        reason=f' ({reason})' if reason else '',
    )
    return Diagnosis(Verdict.INCONCLUSIVE, kind, message, hint, network=True)


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
