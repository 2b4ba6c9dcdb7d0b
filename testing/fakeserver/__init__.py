"""A fake Fireflies GraphQL server on 127.0.0.1 (HTTP or HTTPS) that answers from data files.

Scenario selection:
- ``POST /graphql``: like Fireflies: ``VALID_KEY`` gets its user, a missing header gets
  ``auth_failed_missing_header``, any other key gets ``auth_failed_401``;
- ``POST /<scenario>/graphql``: the answer in ``responses/<scenario>.json``; ``{authorization}``
  in its body becomes the Authorization header received (a server echoing the key; ``{key_bare}``,
  ``{key_upper}``, ``{key_middle}``: the key without dashes, upper-cased, its middle groups), and a
  ``behaviour`` of ``trickle_headers`` / ``trickle_body`` (one piece every ``interval`` s) or
  ``close`` (hang up without answering) replaces a plain answer; ``body_parts`` (``[[text,
  times], ...]``) builds a body too deep or too long to write out (hostile answers);
- ``CONNECT host:port``: a proxy demanding credentials (407), for ``HTTPS_PROXY`` tests.

Every request is recorded, and ``problems()`` lists what a correct client must not do: anything
but exactly one ``Authorization: Bearer <key>`` (netrc Basic auth included), a Content-Type other
than application/json, a method other than POST, or a body without a GraphQL query.
"""

from __future__ import annotations

import dataclasses
import http.server
import json
import pathlib
import ssl
import tempfile
import threading
import time
from typing import Any

import trustme

VALID_KEY = '6cd55924-5aa0-4593-ad29-77d4918938bc'  # pragma: allowlist secret
UNKNOWN_KEY = 'fb331ed1-ae7a-479d-b77e-c386b733c197'  # pragma: allowlist secret
RESPONSES = pathlib.Path(__file__).parent / 'responses'
SCENARIOS = tuple(sorted(p.stem for p in RESPONSES.glob('*.json')))


@dataclasses.dataclass(frozen=True)
class Received:
    """One request as the server saw it."""

    method: str
    path: str
    authorization: tuple[str, ...]
    content_type: str
    accept: str
    body: bytes


def load(scenario: str) -> dict[str, Any]:
    """Return the data file of ``scenario``."""
    doc: dict[str, Any] = json.loads((RESPONSES / f'{scenario}.json').read_text())
    return doc


def problems(req: Received) -> list[str]:
    """What ``req`` did wrong, as a Fireflies client; empty when all is well."""
    found = []
    if req.method != 'POST':
        found.append(f'method {req.method}')
    if len(req.authorization) != 1 or not req.authorization[0].startswith('Bearer '):
        found.append(f'{len(req.authorization)} Authorization header(s), not one Bearer')
    if req.content_type.split(';')[0].strip() != 'application/json':
        found.append(f'Content-Type {req.content_type!r}')
    try:
        query = json.loads(req.body)['query']
    except (ValueError, KeyError, TypeError):
        query = ''
    if 'user' not in query:
        found.append('no user query in the body')
    return found


def tls_context(ca: trustme.CA) -> ssl.SSLContext:
    """A server context with a certificate for 127.0.0.1 issued by ``ca``."""
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert('127.0.0.1', 'localhost').configure_cert(ctx)
    return ctx


def self_signed_context() -> ssl.SSLContext:
    """A server context whose certificate signs itself (a CA certificate used as the leaf)."""
    ca = trustme.CA()
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    with tempfile.TemporaryDirectory() as tmp:
        cert, key = pathlib.Path(tmp, 'cert.pem'), pathlib.Path(tmp, 'key.pem')
        ca.cert_pem.write_to_path(str(cert))
        ca.private_key_pem.write_to_path(str(key))
        ctx.load_cert_chain(cert, key)
    return ctx


class FakeFireflies:
    """A threaded server; use as a context manager, read ``url`` and ``received``."""

    def __init__(self, context: ssl.SSLContext | None = None) -> None:
        self.received: list[Received] = []
        self.hangups = threading.Event()  # set when a client gave up on a trickled answer
        self.stop = threading.Event()
        self.httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), _handler(self))
        self.httpd.daemon_threads = True
        if context is not None:
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        scheme = 'https' if context is not None else 'http'
        self.port = self.httpd.server_address[1]
        self.origin = f'{scheme}://127.0.0.1:{self.port}'
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, scenario: str = '') -> str:
        """The endpoint of ``scenario`` ('' = the key-driven /graphql)."""
        return f'{self.origin}/{scenario}/graphql' if scenario else f'{self.origin}/graphql'

    def __enter__(self) -> FakeFireflies:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def answer(self, req: Received) -> dict[str, Any]:
        """The scenario document for ``req``, with its dynamic parts filled in."""
        parts = req.path.strip('/').split('/')
        if len(parts) == 2 and parts[0] in SCENARIOS:
            doc = load(parts[0])
        elif not req.authorization:
            doc = load('auth_failed_missing_header')
        else:
            valid = req.authorization == (f'Bearer {VALID_KEY}',)
            doc = load('user' if valid else 'auth_failed_401')
        return _fill(doc, self.port, ''.join(req.authorization[:1]))


def _fill(doc: dict[str, Any], port: int, authorization: str = '') -> dict[str, Any]:
    headers = {k: v.replace('{port}', str(port)) for k, v in doc.get('headers', {}).items()}
    doc = {**doc, 'headers': headers}
    if 'body' in doc:
        text = json.dumps(doc['body'])
        for name, value in _echoes(authorization).items():
            text = text.replace(f'{{{name}}}', json.dumps(value)[1:-1])
        doc['body'] = json.loads(text)
    if 'retry_after_ms_from_now' in doc:
        meta = doc['body']['errors'][0]['extensions']['metadata']
        meta['retryAfter'] = int(time.time() * 1000) + doc['retry_after_ms_from_now']
    return doc


def _echoes(authorization: str) -> dict[str, str]:
    key = authorization.removeprefix('Bearer ')
    bare = key.replace('-', '')
    return {
        'authorization': authorization,
        'key_bare': bare,
        'key_upper': key.upper(),
        'key_middle': bare[8:20],
    }


def _body(doc: dict[str, Any]) -> bytes:
    if 'body' in doc:
        return json.dumps(doc['body']).encode()
    if 'body_parts' in doc:  # [[text, times], ...]: answers too deep or too long to write out
        return ''.join(text * times for text, times in doc['body_parts']).encode()
    text: str = doc.get('body_text', '')
    pad: int = doc.get('pad_bytes', 0)
    return text.encode() + b'x' * pad


def _handler(server: FakeFireflies) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = 'HTTP/1.1'
        disable_nagle_algorithm = True

        def do_POST(self) -> None:
            length = int(self.headers.get('Content-Length') or 0)
            req = Received(
                self.command,
                self.path,
                tuple(self.headers.get_all('Authorization') or ()),
                self.headers.get('Content-Type', ''),
                self.headers.get('Accept', ''),
                self.rfile.read(length),
            )
            server.received.append(req)
            self._send(server.answer(req))

        do_GET = do_POST

        def do_CONNECT(self) -> None:  # acting as a proxy that wants credentials
            auth = tuple(self.headers.get_all('Authorization') or ())
            server.received.append(Received('CONNECT', self.path, auth, '', '', b''))
            self.send_response(407)
            self.send_header('Proxy-Authenticate', 'Basic realm="corp"')
            self.send_header('Content-Length', '0')
            self.end_headers()

        def _send(self, doc: dict[str, Any]) -> None:
            if server.stop.wait(doc.get('delay', 0)):
                return
            behaviour = doc.get('behaviour', '')
            if behaviour == 'close':  # the request was read: hang up without a word
                self.close_connection = True
                return
            if behaviour == 'trickle_headers':
                self._trickle([b'HTTP/1.1 200 OK\r\n'] + [b'X-Pad: x\r\n'] * 10_000, doc)
                return
            body = _body(doc)
            self.send_response(doc['status'])
            for name, value in doc['headers'].items():
                self.send_header(name, value)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            if behaviour == 'trickle_body':
                self._trickle([body[i : i + 1] for i in range(len(body))], doc)
                return
            try:
                self.wfile.write(body)
            except OSError:  # the client gave up on a huge answer: expected
                pass

        def _trickle(self, pieces: list[bytes], doc: dict[str, Any]) -> None:
            self.close_connection = True
            for piece in pieces:
                try:
                    self.wfile.write(piece)
                    self.wfile.flush()
                except OSError:  # the client gave up: what a deadline should do
                    server.hangups.set()
                    return
                if server.stop.wait(doc['interval']):
                    return

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler
