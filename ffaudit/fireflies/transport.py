"""Send the probe with ``requests`` under one hard deadline; the only module importing requests.

The key goes through ``BearerAuth`` (so ``~/.netrc`` cannot replace it:
docs/evidence.md#requests-netrc). The request is prepared by a Session (environment proxies and
CA bundle apply) but sent straight through the adapter: requests' redirect machinery never runs
(docs/evidence.md#requests-redirects), so it can neither
follow nor parse a ``Location``, nor read a redirect's body without bounds. ``requests``' own
timeouts are per socket operation, so a server that trickles its headers or body one byte at a
time would never trip them: the request runs in a worker thread, and when ``timeout`` seconds
have passed the caller gives up and shuts the connection's socket down.

Proxies from the environment apply to https endpoints only (a CONNECT tunnel keeps the key
encrypted). A plain-http endpoint is always a loopback test server (``remote.check_endpoint``),
and a proxy would receive the key in clear text, so it is reached directly: the proxies
requests merged from ``HTTP_PROXY``/``ALL_PROXY`` are dropped, not overridden with None.
"""

from __future__ import annotations

import contextlib
import dataclasses
import socket
import threading
import time
from collections.abc import MutableMapping
from typing import Any

import requests
import requests.adapters
import requests.auth

from ffaudit.fireflies import failures

PROBE_QUERY = 'query { user { user_id email name } }'  # docs.fireflies.ai/graphql-api/query/user
MAX_BODY = 1 << 20
_CHUNK = 4096


class BearerAuth(requests.auth.AuthBase):
    """Sends ``Authorization: Bearer <key>``; as ``auth=`` it wins over ``~/.netrc``."""

    def __init__(self, key: str) -> None:
        self._key = key

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        r.headers['Authorization'] = f'Bearer {self._key}'
        return r

    def __repr__(self) -> str:
        return 'BearerAuth(<redacted>)'


@dataclasses.dataclass(frozen=True)
class Answer:
    """What came back: status, headers, at most ``MAX_BODY`` bytes, and how long it took."""

    status: int
    headers: dict[str, str] = dataclasses.field(repr=False)  # server text: may echo the key
    body: bytes = dataclasses.field(repr=False)
    elapsed_ms: int


class DeadlineExceeded(TimeoutError):
    """``timeout`` passed before the whole answer arrived; ``phase`` says how far it got."""

    def __init__(self, phase: str) -> None:
        super().__init__(phase)
        self.phase = phase  # 'connect', 'headers' or 'body'


class _WatchedAdapter(requests.adapters.HTTPAdapter):
    """An adapter that remembers its connections' sockets, so a watchdog can shut them down."""

    def __init__(self) -> None:
        super().__init__(max_retries=0)
        self.sockets: list[socket.socket] = []

    def get_connection_with_tls_context(self, *args: Any, **kwargs: Any) -> Any:
        pool: Any = super().get_connection_with_tls_context(*args, **kwargs)
        base = pool.ConnectionCls  # one request per adapter: subclassed once
        pool.ConnectionCls = type(base.__name__, (base,), {'connect': self._connect(base)})
        return pool

    def _connect(self, base: Any) -> Any:
        sockets = self.sockets

        def connect(conn: Any) -> None:
            base.connect(conn)
            sockets.append(conn.sock)

        return connect

    def abort(self) -> None:
        for sock in self.sockets:
            with contextlib.suppress(OSError, ValueError):  # shut the socket, leave TLS alone
                dup = socket.fromfd(sock.fileno(), sock.family, sock.type)
                dup.shutdown(socket.SHUT_RDWR)
                dup.close()


class _Call:
    """One probe request, run in a worker thread; ``phase`` tracks how far it got."""

    def __init__(self, key: str, url: str, timeout: float) -> None:
        self.key, self.url, self.timeout = key, url, timeout
        self.adapter = _WatchedAdapter()
        self.phase = 'connect'
        self.answer: Answer | None = None
        self.error: Exception | None = None

    def run(self) -> None:
        try:
            self.answer = self._send()
        except Exception as exc:  # handed to the caller's thread, which classifies it
            self.error = exc

    def _send(self) -> Answer:
        started = time.monotonic()
        with requests.Session() as session:
            request = requests.Request(
                'POST',
                self.url,
                json={'query': PROBE_QUERY},
                headers={'Accept': 'application/json'},
                auth=BearerAuth(self.key),
            )
            prep = session.prepare_request(request)
            env = session.merge_environment_settings(prep.url, {}, True, None, None)
            verify = True if env['verify'] is None else env['verify']
            with self.adapter.send(
                prep,
                stream=True,
                timeout=(self.timeout, self.timeout),
                verify=verify,
                cert=env['cert'],
                proxies=proxies_for(prep.url or '', env['proxies']),
            ) as resp:
                self.phase = 'body'
                body = _read_bounded(resp)
        elapsed = int((time.monotonic() - started) * 1000)
        return Answer(resp.status_code, dict(resp.headers), body, elapsed)


def proxies_for(url: str, proxies: MutableMapping[str, str]) -> MutableMapping[str, str]:
    """The proxies to use for ``url``: none unless it is https (no clear-text key to a proxy)."""
    return proxies if url.lower().startswith('https://') else {}


def send(key: str, url: str, timeout: float) -> Answer:
    """POST the probe once, within ``timeout`` seconds overall; failures propagate as raised."""
    call = _Call(key, url, timeout)
    worker = threading.Thread(target=call.run, name='ffaudit-probe', daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        phase = 'headers' if call.adapter.sockets and call.phase == 'connect' else call.phase
        call.adapter.abort()
        raise DeadlineExceeded(phase)
    if call.error is not None:
        raise call.error
    assert call.answer is not None
    return call.answer


def failure_kind(exc: BaseException) -> str:
    """Name the failure behind ``exc`` (a key of ``failure_advice``'s texts)."""
    errors = requests.exceptions
    if isinstance(exc, DeadlineExceeded):
        return {'connect': 'connect-timeout', 'headers': 'read-timeout'}.get(exc.phase, 'deadline')
    if isinstance(exc, errors.SSLError):
        return 'tls'
    if isinstance(exc, errors.ProxyError):
        return 'proxy-auth' if '407' in str(exc) else 'proxy'
    if isinstance(exc, errors.ConnectTimeout):
        return 'connect-timeout'
    if isinstance(exc, errors.ReadTimeout):
        return 'read-timeout'
    if isinstance(exc, errors.ChunkedEncodingError | errors.ContentDecodingError):
        return 'cut-short'
    if isinstance(exc, errors.ConnectionError):
        return failures.connection_kind(exc)
    if isinstance(exc, errors.InvalidSchema) and 'socks' in str(exc).lower():
        return 'socks-missing'
    if isinstance(exc, OSError) and not isinstance(exc, errors.RequestException):
        return 'tls-config'  # adapter.cert_verify: a CA bundle or client certificate path is bad
    return 'request-error'


def _read_bounded(resp: requests.Response) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_content(_CHUNK):
        size += len(chunk)
        if size > MAX_BODY:
            raise failures.BodyTooLarge(resp.status_code)
        chunks.append(chunk)
    return b''.join(chunks)
