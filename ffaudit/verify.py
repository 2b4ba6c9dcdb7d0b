"""Ask Fireflies about found keys (``scan --verify``): each distinct key once, tri-state.

Verification reuses the doctor's probe and classification (``Diagnosis.verification``): a key
Fireflies recognises is verified (even on a cancelled account or a missing plan), ``auth_failed``
is rejected, anything else (network error, rate limit, 5xx, redirect) is unknown. After the first
rate-limit answer nothing more is sent. Like TruffleHog's overlap guard, a key whose text also
names another UUID-keyed vendor (Heroku, Firefly III, ...) is never sent: it stays unknown.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ffaudit import context as names
from ffaudit import detect
from ffaudit import scan
from ffaudit.keyring import KeyRing
from ffaudit.model import Finding
from ffaudit.model import Verification
from ffaudit.verify_endpoint import DEFAULT_ENDPOINT
from ffaudit.verify_endpoint import check_endpoint

if TYPE_CHECKING:  # the doctor (and requests) load only when a key is really sent
    from ffaudit.doctor.diagnosis import Diagnosis

Probe = Callable[[str, str, float], 'Diagnosis']  # (key, endpoint, timeout): doctor.remote
DEFAULT_TIMEOUT = 10.0
RATE_LIMITED = 'too_many_requests'
_RANK = {
    Verification.VERIFIED: 0,
    Verification.UNKNOWN: 1,
    Verification.NOT_CHECKED: 2,
    Verification.REJECTED: 3,
}


class Verifier:
    """Asks once per distinct key and remembers; stops asking after the first rate limit."""

    def __init__(
        self,
        endpoint: str = DEFAULT_ENDPOINT,
        timeout: float = DEFAULT_TIMEOUT,
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
        diagnosis = self._get_probe()(key, self.endpoint, self.timeout)
        self.asked += 1
        self.rate_limited = diagnosis.code == RATE_LIMITED
        return diagnosis.verification

    def _get_probe(self) -> Probe:
        if self._probe is not None:
            return self._probe
        from ffaudit.doctor import remote  # requests is imported only when asked to verify

        return remote.probe_key


def verify_keys(ring: KeyRing, verifier: Verifier) -> dict[str, Verification]:
    """Map each fingerprint in ``ring`` to its verification (one probe per distinct key)."""
    return {fp: verifier.check(key, other_vendor=ring.overlaps(fp)) for fp, key in ring.items()}


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


def keys_from_files(findings: Iterable[Finding]) -> KeyRing:
    """Recover the keys of work-tree findings from the files the tree scan read, for --verify.

    Only for plain file/tree scans: ``--staged`` and ``--history`` hand over the keys of the
    blobs and commits they scanned, which the working tree may no longer hold.
    """
    wanted: dict[str, set[str]] = {}
    for f in findings:
        wanted.setdefault(f.path, set()).add(f.fingerprint)
    ring = KeyRing()
    for path, fps in wanted.items():
        text = scan.scan_file(path).text_scan if os.path.isfile(path) else None
        if text is not None:
            ring.add_scan(text, only=fps)
    return ring


def verify_secret(key: str, context: str = '', verifier: Verifier | None = None) -> Verification:
    """For the detect-secrets plugin: never raises; an error of any kind is unknown."""
    try:
        other = names.names_other_vendor(context)
        return (verifier or _default_verifier()).check(key, other_vendor=other)
    except Exception:  # detect-secrets aborts the whole scan on anything but requests' errors
        return Verification.UNKNOWN


_DEFAULT: list[Verifier] = []  # one per process (detect-secrets); reset_default() for tests


def reset_default() -> None:
    """Forget the plugin's cached answers and rate-limit state."""
    _DEFAULT.clear()


def _default_verifier() -> Verifier:
    if not _DEFAULT:
        _DEFAULT.append(Verifier())
    return _DEFAULT[0]


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
        f.fingerprint: verifier.check(
            keys[f.fingerprint], other_vendor=ring.overlaps(f.fingerprint)
        )
        if f.fingerprint in keys
        else Verification.UNKNOWN
        for f in findings
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
