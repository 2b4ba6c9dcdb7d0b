"""``ffaudit explain``: classify a Fireflies answer someone already captured, offline.

Evidence: docs/evidence.md#error-envelope.

Accepted input: a JSON body; an HTTP response with its status line and headers (``curl -i``,
``curl -i -L`` or a proxy's ``200 Connection established`` first: the last response wins); or
``curl -v`` output (``< `` response lines, ``> `` request lines, ``* `` notes). UTF-8 with or
without a BOM, and UTF-16 with a BOM (PowerShell's ``>``) or without one, are read.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Iterable

from ffaudit import user_files
from ffaudit.errors import FfauditError
from ffaudit.explain import forms
from ffaudit.fireflies import results
from ffaudit.fireflies.classify import classify
from ffaudit.model import CheckResult
from ffaudit.redaction import escape_controls
from ffaudit.redaction import fingerprint
from ffaudit.redaction import mask_argv_like

READ_LIMIT = 4 << 20
_STATUS_RE = re.compile(rb'^HTTP/\d(?:\.\d)?\s+(\d{3})\b')
_BLANK_RE = re.compile(rb'\r?\n\r?\n')
_VERBOSE_RE = re.compile(rb'^< HTTP/', re.MULTILINE)
_SENT_KEY_RE = re.compile(rb'(?im)^> authorization:\s*bearer\s+(\S+)')
_MARKS = (b'< ', b'> ', b'* ', b'{ [', b'} [')  # curl -v: received, sent, notes, data sizes


@dataclasses.dataclass(frozen=True)
class Capture:
    """A captured answer: status (None for a bare body), headers and body."""

    status: int | None
    headers: dict[str, str] = dataclasses.field(repr=False)  # server text: may echo the key
    body: bytes = dataclasses.field(repr=False)
    # the key a ``curl -v`` capture shows it sent: masked wherever echoed, never in repr()
    sent_key: str = dataclasses.field(default='', repr=False)


def read_capture(path: str) -> bytes:
    """Read the regular file ``path`` (``user_files``); FfauditError if unusable or empty."""
    return accept(user_files.read_bytes(path, '', READ_LIMIT), _shown(path))


def accept(data: bytes, name: str = 'stdin') -> bytes:
    """``data`` (read up to ``READ_LIMIT + 1`` bytes from ``name``) unless too large or empty."""
    if len(data) > READ_LIMIT:
        limit = READ_LIMIT >> 20
        raise FfauditError(f'{name} is larger than {limit} MiB: not a captured answer')
    if not data.strip():
        raise FfauditError(f'{name} is empty: paste the Fireflies answer (body or curl -i output)')
    return data


def decode(data: bytes) -> bytes:
    """``data`` as UTF-8 without a BOM; UTF-16 (with a BOM, or detected by its NULs) re-encoded."""
    if data.startswith(b'\xef\xbb\xbf'):
        return data[3:]
    encoding = _utf16(data)
    if encoding is None:
        return data
    try:
        return data.decode(encoding).lstrip('\ufeff').encode('utf-8')
    except UnicodeDecodeError:
        raise FfauditError(
            'the capture looks like UTF-16 but is garbled: save it as UTF-8'
        ) from None


def parse_capture(data: bytes) -> Capture:
    """Split a capture into status, headers and body."""
    data = decode(data)
    if _VERBOSE_RE.search(data):
        return _from_verbose(data)
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


def explain(data: bytes, *, reveal: bool = True, secrets: Iterable[str] = ()) -> list[CheckResult]:
    """Classify a captured answer into the doctor's 'auth.probe' (and 'auth.identity') results.

    ``secrets`` (e.g. the FIREFLIES_API_KEY in the environment) are masked wherever echoed. A
    Python dict repr or the official SDK's error line is read too, with an 'explain.input' note.
    The fingerprint shown is the one of the key a ``curl -v`` capture sent; without one, the
    hint says how to compute it.
    """
    cap = parse_capture(data)
    body, note = forms.normalise(cap.body)
    known = [s for s in (*secrets, cap.sent_key) if s]
    diag = classify(cap.status, cap.headers, body, now=time.time(), secrets=known)
    sent = fingerprint(cap.sent_key) if cap.sent_key else ''
    if not sent:
        diag = forms.without_fingerprint(diag)
    probe = results.probe_check(diag, sent, 'the curl -v capture' if sent else '')
    identity = results.identity_check(diag, reveal=reveal)
    return [r for r in (note, probe, identity) if r is not None]


def _shown(path: str) -> str:
    # a key pasted as FILE stays hidden; a newline in the name cannot split the error line
    return escape_controls(mask_argv_like(path))


def _utf16(data: bytes) -> str | None:
    if data.startswith((b'\xff\xfe', b'\xfe\xff')):
        return 'utf-16'
    sample = data[:64]
    if len(sample) >= 4 and sample[1::2].count(0) > len(sample) // 4 and 0 not in sample[::2]:
        return 'utf-16-le'
    if len(sample) >= 4 and sample[::2].count(0) > len(sample) // 4 and 0 not in sample[1::2]:
        return 'utf-16-be'
    return None


def _from_verbose(data: bytes) -> Capture:
    lines = data.splitlines()
    start = max(i for i, line in enumerate(lines) if line.startswith(b'< HTTP/'))
    head = [ln[2:] for ln in lines[start:] if ln.startswith(b'< ')]
    body = [ln for ln in lines[start:] if not ln.startswith(_MARKS) and ln.rstrip() != b'<']
    sent = _SENT_KEY_RE.search(data)
    cap = parse_capture(b'\r\n'.join(head).strip() + b'\r\n\r\n' + b'\n'.join(body).strip())
    key = sent.group(1).decode('latin-1') if sent else ''
    return dataclasses.replace(cap, sent_key=key)


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
