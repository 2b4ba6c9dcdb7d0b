"""Ask Fireflies about found keys (``scan --verify``): each distinct key once, tri-state.

Verification reuses the doctor's probe and classification (``Diagnosis.verification``): a key
Fireflies recognises is verified (even on a cancelled account or a missing plan), ``auth_failed``
is rejected, anything else (network error, rate limit, 5xx, redirect) is unknown. After the first
rate-limit answer nothing more is sent. Like TruffleHog's overlap guard, a key whose text also
names another UUID-keyed vendor (Heroku, Firefly III, ...) is never sent: it stays unknown.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ffaudit import detect
from ffaudit.keyring import KeyRing
from ffaudit.model import FIREFLIES_ENDPOINT
from ffaudit.model import FIREFLIES_TIMEOUT
from ffaudit.model import Finding
from ffaudit.model import Verification
from ffaudit.verify_endpoint import check_endpoint

if TYPE_CHECKING:  # the doctor (and requests) load only when a key is really sent
    from ffaudit.doctor.diagnosis import Diagnosis

Probe = Callable[[str, str, float], 'Diagnosis']  # (key, endpoint, timeout) -> one request
RATE_LIMITED = 'too_many_requests'
_RANK = {
    Verification.VERIFIED: 0,
    Verification.UNKNOWN: 1,
    Verification.NOT_CHECKED: 2,
    Verification.REJECTED: 3,
}


class Verifier:
    """Asks once per distinct key and remembers; stops asking after the first rate limit.

    The endpoint is checked here, once, before anything is scanned; ``check`` never raises.
    """

    def __init__(
        self,
        endpoint: str = FIREFLIES_ENDPOINT,
        timeout: float = FIREFLIES_TIMEOUT,
        probe: Probe | None = None,
    ) -> None:
        self.endpoint, self.timeout = check_endpoint(endpoint), timeout
        self._probe = probe
        self._cache: dict[str, Verification] = {}
        self.rate_limited = False
        self.asked = 0

    def check(self, key: str, *, other_vendor: bool = False) -> Verification:
        """The verification of ``key``, from the cache or from one probe."""
        fp = detect.fingerprint(key)
        if fp not in self._cache:
            self._cache[fp] = self._ask(key, other_vendor)
        return self._cache[fp]

    def _ask(self, key: str, other_vendor: bool) -> Verification:
        if other_vendor or self.rate_limited:
            return Verification.UNKNOWN
        self.asked += 1
        try:
            diagnosis = (self._probe or _send)(key, self.endpoint, self.timeout)
        except Exception:  # one key's failure (a bug included) must not stop the others
            return Verification.UNKNOWN
        self.rate_limited = diagnosis.code == RATE_LIMITED
        return diagnosis.verification


def _send(key: str, endpoint: str, timeout: float) -> Diagnosis:
    # doctor.remote.probe, not probe_key: the endpoint was checked once, in Verifier.__init__
    from ffaudit.doctor import remote  # requests is imported only when asked to verify

    return remote.probe(key, endpoint, timeout)[0]


def apply(findings: Iterable[Finding], results: dict[str, Verification]) -> tuple[Finding, ...]:
    """Stamp each finding with its key's verification; verified keys first."""
    stamped = (
        dataclasses.replace(f, verification=results.get(f.fingerprint, f.verification))
        for f in findings
    )
    return sort_findings(stamped)


def sort_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Verified first, then unknown, unchecked and rejected; path order within each."""
    return tuple(sorted(findings, key=lambda f: (_RANK[f.verification], f)))


def only_verified(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings whose key Fireflies accepted (the ``--only-verified`` CI gate)."""
    return tuple(f for f in findings if f.verification is Verification.VERIFIED)


def verify_findings(
    findings: Iterable[Finding], ring: KeyRing, verifier: Verifier
) -> tuple[Finding, ...]:
    """Verify the keys behind ``findings`` (each once); verified first.

    ``ring`` must hold the keys of what was scanned (the files, the staged blobs or the history);
    a finding whose key it lacks cannot be checked and is marked unknown, never skipped silently.
    """
    findings = tuple(findings)
    keys = dict(ring.items())
    results = {
        fp: verifier.check(keys[fp], other_vendor=ring.overlaps(fp))
        if fp in keys
        else Verification.UNKNOWN
        for fp in (f.fingerprint for f in findings)
    }
    return apply(findings, results)


def describe(findings: Iterable[Finding], verifier: Verifier) -> str:
    """One secret-free stderr line: what verification found and how many requests it sent."""
    keys = {f.fingerprint: f.verification for f in findings}.values()
    parts = ', '.join(
        f'{list(keys).count(v)} {v}' for v in _RANK if v is not Verification.NOT_CHECKED
    )
    stopped = '; stopped after a rate limit' if verifier.rate_limited else ''
    return (
        f'verify: {parts} ({verifier.asked} request{"" if verifier.asked == 1 else "s"}{stopped})'
    )
