"""``ffaudit explain``: classify a Fireflies answer someone already captured, offline.

Accepted input: a JSON body; or an HTTP response with its status line and headers (``curl -i``,
``curl -i -L`` or a proxy's ``200 Connection established`` first: the last response wins).
"""

from __future__ import annotations

import dataclasses
import re
import sys
import time

from ffaudit.doctor import outcome
from ffaudit.doctor.classify import classify
from ffaudit.errors import FfauditError
from ffaudit.model import CheckResult

READ_LIMIT = 4 << 20
_STATUS_RE = re.compile(rb'^HTTP/\d(?:\.\d)?\s+(\d{3})\b')
_BLANK_RE = re.compile(rb'\r?\n\r?\n')


@dataclasses.dataclass(frozen=True)
class Capture:
    """A captured answer: status (None for a bare body), headers and body."""

    status: int | None
    headers: dict[str, str]
    body: bytes


def read_capture(path: str) -> bytes:
    """Read ``path`` ('-' for stdin) up to ``READ_LIMIT``; FfauditError if unreadable."""
    try:
        if path == '-':
            data = sys.stdin.buffer.read(READ_LIMIT + 1)
        else:
            with open(path, 'rb') as f:
                data = f.read(READ_LIMIT + 1)
    except OSError as exc:
        raise FfauditError(f'cannot read {path}: {exc.strerror or type(exc).__name__}') from None
    if len(data) > READ_LIMIT:
        raise FfauditError(f'{path} is larger than {READ_LIMIT >> 20} MiB: not a captured answer')
    if not data.strip():
        raise FfauditError(f'{path} is empty: paste the Fireflies answer (body or curl -i output)')
    return data


def parse_capture(data: bytes) -> Capture:
    """Split a capture into status, headers and body."""
    rest = data.lstrip()
    if not rest.startswith(b'HTTP/'):
        return Capture(None, {}, data)
    while True:
        head, body = _split(rest)
        match = _STATUS_RE.match(head)
        if match is None:
            raise FfauditError('the status line is not HTTP/<version> <code>')
        if not body.lstrip().startswith(b'HTTP/'):
            return Capture(int(match.group(1)), _headers(head), body)
        rest = body.lstrip()


def explain(data: bytes, *, reveal: bool = True) -> list[CheckResult]:
    """Classify a captured answer into the doctor's 'auth.probe' (and 'auth.identity') results."""
    cap = parse_capture(data)
    diag = classify(cap.status, cap.headers, cap.body, now=time.time())
    identity = outcome.identity_check(diag, reveal=reveal)
    probe = outcome.probe_check(diag)
    return [probe] if identity is None else [probe, identity]


def _split(text: bytes) -> tuple[bytes, bytes]:
    parts = _BLANK_RE.split(text, maxsplit=1)
    return parts[0], parts[1] if len(parts) == 2 else b''


def _headers(head: bytes) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in head.decode('latin-1').splitlines()[1:]:
        name, sep, value = line.partition(':')
        if sep and name.strip():
            headers[name.strip()] = value.strip()
    return headers
