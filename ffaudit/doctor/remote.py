"""Live probe of the Fireflies API: check the endpoint, send one request, classify the answer.

One POST of a minimal ``user`` query (sent by ``transport``: ``BearerAuth``, no redirects, no
retries, one hard deadline, the answer read up to 1 MiB). Public entry points:

- ``run_online(inp) -> list[CheckResult]``: the doctor's 'Fireflies API' section;
- ``probe_key(key, endpoint, timeout) -> Diagnosis``: for ``scan --verify``; never raises, any
  failure (bad endpoint included) is an INCONCLUSIVE Diagnosis. ``Diagnosis.verification`` maps
  it onto ``model.Verification``.

Every Diagnosis leaves ``probe`` scrubbed by ``untrusted``: no slice of the key, no control
characters, whatever the server sent.
"""

from __future__ import annotations

import os
import time
import unicodedata
import urllib.parse
from collections.abc import Mapping

from ffaudit import detect
from ffaudit import endpoint_rules
from ffaudit.doctor import netfail
from ffaudit.doctor import outcome
from ffaudit.doctor import transport
from ffaudit.doctor import untrusted
from ffaudit.doctor.classify import classify
from ffaudit.doctor.diagnosis import Diagnosis
from ffaudit.doctor.diagnosis import Verdict
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.errors import FfauditError
from ffaudit.model import CheckResult
from ffaudit.model import Status

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

    The rules are ``endpoint_rules.problem``'s, the ones env.endpoint and ``--verify`` apply.
    """
    reason = endpoint_rules.problem(url, key)
    parts = endpoint_rules.split(url)
    if reason is not None or parts is None:
        raise FfauditError(f'--endpoint refused: {reason or endpoint_rules.MALFORMED}')
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
    return untrusted.scrub(diag, (key,)), elapsed


def run_online(inp: DoctorInput) -> list[CheckResult]:
    """Probe Fireflies once with the key in ``inp`` and classify the answer."""
    if inp.key is None:
        return [CheckResult('auth.probe', Status.SKIP, 'no key to probe', section=outcome.SECTION)]
    try:
        parts = check_endpoint(inp.endpoint, inp.key)
    except FfauditError as exc:
        hint = 'Use https://api.fireflies.ai/graphql (plain http only to a loopback test server).'
        return [
            CheckResult('net.connect', Status.FAIL, f'not probed: {exc}', hint, outcome.SECTION)
        ]
    diag, elapsed = probe(inp.key, inp.endpoint, inp.timeout, inp.env)
    reveal = inp.show_identity or not inp.env.get('CI')
    retv = [
        outcome.connect_check(diag, f'{parts.scheme}://{parts.netloc}', elapsed),
        outcome.probe_check(diag, detect.fingerprint(inp.key), inp.key_source),
    ]
    identity = outcome.identity_check(diag, inp.expect_email, reveal)
    return retv if identity is None else [*retv, identity]


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
    except netfail.BodyTooLarge as exc:
        return netfail.too_large(exc.status), 0
    except _SEND_ERRORS as exc:
        return netfail.diagnose(transport.failure_kind(exc), exc, url, timeout, env), 0
    now = time.time()
    diag = classify(answer.status, answer.headers, answer.body, url=url, now=now, secrets=(key,))
    return diag, answer.elapsed_ms
