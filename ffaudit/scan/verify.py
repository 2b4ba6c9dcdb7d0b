"""Ask Fireflies about found keys (``scan --verify``): each distinct key once, tri-state.

Verification reuses the doctor's probe and classification (``Diagnosis.verification``): a key
Fireflies recognises is verified (even on a cancelled account or a missing plan), ``auth_failed``
is rejected, anything else (network error, rate limit, 5xx, redirect) is unknown, with a
``reason``. After a rate limit, or ``MAX_NETWORK_ERRORS`` network errors in a row, nothing more
is sent; nor is a key that itself belongs to another vendor (``engine/vendors``, TruffleHog's
guard) or a webhook signing secret (stays not checked).
Evidence: docs/evidence.md#other-vendors, #webhook-secrets.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ffaudit.fireflies.endpoint import check_endpoint
from ffaudit.model import FIREFLIES_ENDPOINT
from ffaudit.model import FIREFLIES_TIMEOUT
from ffaudit.model import Finding
from ffaudit.model import Rule
from ffaudit.model import Verification
from ffaudit.redaction import fingerprint
from ffaudit.scan.found_keys import KeyRing

if TYPE_CHECKING:  # the doctor (and requests) load only when a key is really sent
    from ffaudit.fireflies.diagnosis import Diagnosis

Probe = Callable[[str, str, float], 'Diagnosis']  # (key, endpoint, timeout) -> one request
RATE_LIMITED = 'too_many_requests'
MAX_NETWORK_ERRORS = 2  # in a row: a stalled endpoint must not cost the timeout once per key
_RANK = {
    Verification.VERIFIED: 0,
    Verification.UNKNOWN: 1,
    Verification.NOT_CHECKED: 2,
    Verification.REJECTED: 3,
}


class Verifier:
    """Asks once per distinct key and remembers; stops after a rate limit or network errors.

    The endpoint is checked here, once, before anything is scanned; ``check`` never raises.
    ``timeout`` bounds each request (seconds); ``reasons`` says why a key is unknown.
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
        self.reasons: dict[str, str] = {}  # fingerprint -> why it is unknown (secret-free)
        self.rate_limited = False
        self.network_errors = 0  # in a row
        self.asked = 0

    @property
    def stopped(self) -> str:
        """Why nothing more is sent ('' while asking)."""
        if self.rate_limited:
            return 'stopped after a rate limit'
        if self.network_errors >= MAX_NETWORK_ERRORS:
            return f'stopped after {self.network_errors} network errors'
        return ''

    def check(self, key: str, *, other_vendor: bool | str = False) -> Verification:
        """The verification of ``key``, from the cache or from one probe.

        ``other_vendor``: the vendor the key itself overlaps (True: unnamed); never sent.
        """
        fp = fingerprint(key)
        if fp not in self._cache:
            verification, reason = self._ask(key, other_vendor)
            self._cache[fp] = verification
            if reason:
                self.reasons[fp] = reason
        return self._cache[fp]

    def reason(self, fp: str) -> str:
        """Why the key with fingerprint ``fp`` is unknown, or ''."""
        return self.reasons.get(fp, '')

    def _ask(self, key: str, other_vendor: bool | str) -> tuple[Verification, str]:
        if other_vendor:
            vendor = other_vendor if isinstance(other_vendor, str) else 'another vendor'
            return Verification.UNKNOWN, f'not sent (overlaps {vendor})'
        if self.stopped:
            return Verification.UNKNOWN, f'not sent ({self.stopped})'
        self.asked += 1
        try:
            diagnosis = (self._probe or _send)(key, self.endpoint, self.timeout)
        except Exception:  # one key's failure (a bug included) must not stop the others
            return Verification.UNKNOWN, 'probe error'
        self.rate_limited = diagnosis.code == RATE_LIMITED
        self.network_errors = self.network_errors + 1 if diagnosis.network else 0
        verification = diagnosis.verification
        return verification, _why(diagnosis) if verification is Verification.UNKNOWN else ''


def _why(diagnosis: Diagnosis) -> str:
    if diagnosis.code == RATE_LIMITED:
        return 'rate limited'
    if diagnosis.network:
        return f'network error ({diagnosis.code})'
    status = diagnosis.http_status
    if status is not None and status >= 500:
        return f'server error (HTTP {status})'
    return f'no verdict ({diagnosis.code})'


def _send(key: str, endpoint: str, timeout: float) -> Diagnosis:
    # probe.probe, not probe_key: the endpoint was checked once, in Verifier.__init__
    from ffaudit.fireflies import probe  # requests is imported only when asked to verify

    return probe.probe(key, endpoint, timeout)[0]


def apply(findings: Iterable[Finding], results: dict[str, Verification]) -> tuple[Finding, ...]:
    """Stamp each API-key finding with its key's verification; verified keys first.

    Webhook signing secrets are never sent, so they keep ``not-checked``.
    """
    stamped = (
        dataclasses.replace(f, verification=results.get(f.fingerprint, f.verification))
        if f.rule is Rule.API_KEY
        else dataclasses.replace(f, verification=Verification.NOT_CHECKED)
        for f in findings
    )
    return sort_findings(stamped)


def sort_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Verified first, then unknown, unchecked and rejected; path order within each."""
    return tuple(sorted(findings, key=lambda f: (_RANK[f.verification], f)))


def only_verified(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings whose key Fireflies accepted (the ``--only-verified`` CI gate).

    Only API keys can be verified: webhook secrets never fail this gate.
    """
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
    results = {}
    for fp in (f.fingerprint for f in findings if f.rule is Rule.API_KEY):
        if fp in keys:
            results[fp] = verifier.check(keys[fp], other_vendor=ring.overlap_of(fp))
        else:
            results[fp] = Verification.UNKNOWN
            verifier.reasons.setdefault(fp, 'not sent (key not held)')
    return apply(findings, results)


def describe(findings: Iterable[Finding], verifier: Verifier) -> str:
    """One secret-free stderr line: what verification found, how many requests it sent, and
    why keys are unknown (``; unknown: 1 not sent (overlaps heroku)``)."""
    findings = tuple(findings)
    keys = {f.fingerprint: f.verification for f in findings if f.rule is Rule.API_KEY}.values()
    parts = ', '.join(
        f'{list(keys).count(v)} {v}' for v in _RANK if v is not Verification.NOT_CHECKED
    )
    stopped = f'; {verifier.stopped}' if verifier.stopped else ''
    requests = f'{verifier.asked} request{"" if verifier.asked == 1 else "s"}{stopped}'
    webhook = len({f.fingerprint for f in findings if f.rule is Rule.WEBHOOK_SECRET})
    never = f'; {webhook} webhook secret{"" if webhook == 1 else "s"} not sent' if webhook else ''
    return f'verify: {parts} ({requests}){_unknown_reasons(findings, verifier)}{never}'


def _unknown_reasons(findings: Iterable[Finding], verifier: Verifier) -> str:
    unknown = {f.fingerprint for f in findings if f.verification is Verification.UNKNOWN}
    counts: dict[str, int] = {}
    for fp in sorted(unknown):
        why = verifier.reason(fp) or 'no verdict'
        counts[why] = counts.get(why, 0) + 1
    return '; unknown: ' + ', '.join(f'{n} {why}' for why, n in counts.items()) if counts else ''


def reasons_by_finding(findings: Iterable[Finding], verifier: Verifier) -> dict[Finding, str]:
    """Why each unknown finding is unknown (secret-free), for per-finding output."""
    return {
        f: verifier.reason(f.fingerprint) or 'no verdict'
        for f in findings
        if f.verification is Verification.UNKNOWN
    }


def unknown_keys(findings: Iterable[Finding]) -> int:
    """How many distinct API keys got no verdict: the ``--only-verified`` gate cannot pass."""
    unknown = Verification.UNKNOWN
    return len(
        {f.fingerprint for f in findings if f.rule is Rule.API_KEY and f.verification is unknown}
    )
