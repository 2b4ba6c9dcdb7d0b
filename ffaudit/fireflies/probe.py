"""Live probe of the Fireflies API: check the endpoint, send one request, classify the answer.

Evidence: docs/evidence.md#endpoint-url, #requests-redirects, #network-failures.

One POST of a minimal ``user`` query (sent by ``transport``: ``BearerAuth``, no redirects, no
retries, one hard deadline, the answer read up to 1 MiB). Public entry points:

- ``probe(key, url, timeout, env) -> (Diagnosis, ms)``: the doctor's live check (``doctor.online``);
- ``probe_key(key, endpoint, timeout) -> Diagnosis``: for ``scan --verify``; never raises, any
  failure (bad endpoint included) is an INCONCLUSIVE Diagnosis. ``Diagnosis.verification`` maps
  it onto ``model.Verification``.

Every Diagnosis leaves ``probe`` scrubbed by ``scrub``: no slice of the key, no control
characters, whatever the server sent.
"""

from __future__ import annotations

import os
import time
import unicodedata
import urllib.parse
from collections.abc import Mapping

from ffaudit.errors import FfauditError
from ffaudit.fireflies import endpoint
from ffaudit.fireflies import failures
from ffaudit.fireflies import scrub
from ffaudit.fireflies import transport
from ffaudit.fireflies.classify import classify
from ffaudit.fireflies.diagnosis import Diagnosis
from ffaudit.fireflies.diagnosis import Verdict

BearerAuth = transport.BearerAuth
PROBE_QUERY = transport.PROBE_QUERY
MAX_BODY = transport.MAX_BODY
_SEND_ERRORS = (OSError, ValueError)  # requests' (OSError), TLS set-up, InvalidHeader, Unicode


def header_problem(key: str) -> str | None:
    """Why ``key`` cannot be sent in a header, naming position and character only; or None."""
    if not key:
        return 'the key is empty'
    for index, char in enumerate(key):
        if not '!' <= char <= '~':  # printable ASCII without space (RFC 6750 b64token is stricter)
            name = unicodedata.name(char, 'control character')
            return f'character {index + 1} is U+{ord(char):04X} {name}'
    return None


def check_endpoint(url: str, key: str = '') -> urllib.parse.SplitResult:
    """Parse ``url``; raise FfauditError (exit 2) unless the key may be sent there.

    The rules are ``endpoint.problem``'s, the ones env.endpoint and ``--verify`` apply.
    """
    reason = endpoint.problem(url, key)
    parts = endpoint.split(url)
    if reason is not None or parts is None:
        raise FfauditError(f'--endpoint refused: {reason or endpoint.MALFORMED}')
    return parts


def send(key: str, url: str, timeout: float) -> transport.Answer:
    """POST the probe once within ``timeout`` seconds overall (see ``transport.send``)."""
    return transport.send(key, url, timeout)


def probe(
    key: str, url: str, timeout: float, env: Mapping[str, str] | None = None
) -> tuple[Diagnosis, int]:
    """Send the probe and classify the answer; returns the diagnosis and elapsed ms."""
    problem = header_problem(key)
    if problem is not None:
        msg = f'the key cannot be sent in an HTTP header: {problem}'
        hint = 'Re-copy the key from app.fireflies.ai → Integrations → Fireflies API.'
        return Diagnosis(Verdict.REJECTED, 'unsendable-key', msg, hint), 0
    diag, elapsed = _ask(key, url, timeout, os.environ if env is None else env)
    return scrub.scrub(diag, (key,)), elapsed


def probe_key(key: str, endpoint: str, timeout: float) -> Diagnosis:
    """Ask Fireflies about ``key`` once; every failure becomes an INCONCLUSIVE Diagnosis."""
    try:
        check_endpoint(endpoint, key)
        return probe(key, endpoint, timeout)[0]
    except Exception as exc:  # scan --verify must go on with the next key
        msg = f'could not probe ({type(exc).__name__})'
        return Diagnosis(Verdict.INCONCLUSIVE, 'probe-error', msg, network=True)


def _ask(key: str, url: str, timeout: float, env: Mapping[str, str]) -> tuple[Diagnosis, int]:
    try:
        answer = send(key, url, timeout)
    except failures.BodyTooLarge as exc:
        return failures.too_large(exc.status), 0
    except _SEND_ERRORS as exc:
        return failures.diagnose(transport.failure_kind(exc), exc, url, timeout, env), 0
    now = time.time()
    diag = classify(answer.status, answer.headers, answer.body, url=url, now=now, secrets=(key,))
    return diag, answer.elapsed_ms
