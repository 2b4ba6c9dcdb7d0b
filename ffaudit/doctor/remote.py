"""Live probe of the Fireflies API: the only module importing requests.

One POST of a minimal ``user`` query, the key sent through ``BearerAuth`` (so ``~/.netrc`` cannot
replace it, shared/reference/doctor.md §3.1), redirects not followed (§3.2), connect and read
timeouts, no retries, the answer read up to 1 MiB. Public entry points:

- ``run_online(inp) -> list[CheckResult]``: the doctor's 'Fireflies API' section;
- ``probe_key(key, endpoint, timeout) -> Diagnosis``: for ``scan --verify``; never raises, any
  failure (bad endpoint included) is an INCONCLUSIVE Diagnosis. ``Diagnosis.verification`` maps
  it onto ``model.Verification``.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import time
import unicodedata
import urllib.parse

import requests
import requests.adapters
import requests.auth

from ffaudit import detect
from ffaudit.doctor import netfail
from ffaudit.doctor import outcome
from ffaudit.doctor.classify import classify
from ffaudit.doctor.diagnosis import Diagnosis
from ffaudit.doctor.diagnosis import Verdict
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.errors import FfauditError
from ffaudit.model import CheckResult
from ffaudit.model import Status

PROBE_QUERY = 'query { user { user_id email name } }'  # docs.fireflies.ai/graphql-api/query/user
MAX_BODY = 1 << 20


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
    headers: dict[str, str]
    body: bytes
    elapsed_ms: int


def header_problem(key: str) -> str | None:
    """Why ``key`` cannot be sent in a header, naming position and character only; or None."""
    if not key:
        return 'the key is empty'
    for index, char in enumerate(key):
        if not '!' <= char <= '~':  # printable ASCII without space (RFC 6750 b64token is stricter)
            name = unicodedata.name(char, 'control character')
            return f'character {index + 1} is U+{ord(char):04X} {name}'
    return None


def check_endpoint(url: str) -> urllib.parse.SplitResult:
    """Parse ``url``; raise FfauditError (exit 2) unless the key may be sent there."""
    parts = urllib.parse.urlsplit(url.strip())
    try:
        parts.port  # noqa: B018  (raises ValueError on a bad port)
    except ValueError:
        raise FfauditError('--endpoint has an invalid port') from None
    if parts.scheme not in ('https', 'http') or not parts.hostname:
        raise FfauditError('--endpoint must be an absolute https:// URL')
    if parts.username is not None or parts.password is not None:
        raise FfauditError('--endpoint must not carry credentials')
    if parts.scheme == 'http' and not _is_loopback(parts.hostname):
        raise FfauditError(
            f'refusing to send the key over plain http to {parts.hostname}: use https'
        )
    return parts


def send(key: str, url: str, timeout: float) -> Answer:
    """POST the probe once; requests exceptions propagate (see ``netfail``)."""
    with requests.Session() as session:
        for prefix in ('https://', 'http://'):
            session.mount(prefix, requests.adapters.HTTPAdapter(max_retries=0))
        started = time.monotonic()
        with session.post(
            url,
            json={'query': PROBE_QUERY},
            headers={'Accept': 'application/json'},
            auth=BearerAuth(key),
            allow_redirects=False,
            timeout=(timeout, timeout),
            stream=True,
        ) as resp:
            body = _read_bounded(resp, started + 2 * timeout)
            elapsed = int((time.monotonic() - started) * 1000)
            return Answer(resp.status_code, dict(resp.headers), body, elapsed)


def probe(key: str, url: str, timeout: float) -> tuple[Diagnosis, int]:
    """Send the probe and classify the answer; returns the diagnosis and elapsed ms."""
    problem = header_problem(key)
    if problem is not None:
        msg = f'the key cannot be sent in an HTTP header: {problem}'
        hint = 'Re-copy the key from app.fireflies.ai → Integrations → Fireflies API.'
        return Diagnosis(Verdict.REJECTED, 'unsendable-key', msg, hint), 0
    try:
        answer = send(key, url, timeout)
    except netfail.BodyTooLarge as exc:
        return netfail.too_large(exc.status), 0
    except (requests.RequestException, ValueError, UnicodeError) as exc:
        return netfail.diagnose(_failure_kind(exc), exc, url, timeout), 0
    diag = classify(answer.status, answer.headers, answer.body, url=url, now=time.time())
    return diag, answer.elapsed_ms


def run_online(inp: DoctorInput) -> list[CheckResult]:
    """Probe Fireflies once with the key in ``inp`` and classify the answer."""
    if inp.key is None:
        return [CheckResult('auth.probe', Status.SKIP, 'no key to probe', section=outcome.SECTION)]
    try:
        parts = check_endpoint(inp.endpoint)
    except FfauditError as exc:
        hint = 'Use https://api.fireflies.ai/graphql (plain http only to a loopback test server).'
        return [
            CheckResult('net.connect', Status.FAIL, f'not probed: {exc}', hint, outcome.SECTION)
        ]
    diag, elapsed = probe(inp.key, inp.endpoint, inp.timeout)
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
        check_endpoint(endpoint)
        return probe(key, endpoint, timeout)[0]
    except Exception as exc:  # scan --verify must go on with the next key
        msg = f'could not probe ({type(exc).__name__})'
        return Diagnosis(Verdict.INCONCLUSIVE, 'probe-error', msg, network=True)


def _failure_kind(exc: Exception) -> str:
    errors = requests.exceptions
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
        return netfail.connection_kind(exc)
    return 'request-error'


def _is_loopback(host: str) -> bool:
    if host.lower() == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _read_bounded(resp: requests.Response, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in resp.iter_content(64 * 1024):
        size += len(chunk)
        if size > MAX_BODY:
            raise netfail.BodyTooLarge(resp.status_code)
        if time.monotonic() > deadline:
            raise requests.exceptions.ReadTimeout('answer trickled in past the deadline')
        chunks.append(chunk)
    return b''.join(chunks)
