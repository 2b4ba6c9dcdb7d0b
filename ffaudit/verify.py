"""Ask Fireflies about found keys (``scan --verify``): each distinct key once, tri-state.

Verification reuses the doctor's probe and classification (``Diagnosis.verification``): a key
Fireflies recognises is verified (even on a cancelled account or a missing plan), ``auth_failed``
is rejected, anything else (network error, rate limit, 5xx, redirect) is unknown. After the first
rate-limit answer nothing more is sent. Like TruffleHog's overlap guard, a key whose text also
names another UUID-keyed vendor (Heroku, Firefly III, ...) is never sent: it stays unknown.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import urllib.parse
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ffaudit import context as names
from ffaudit import detect
from ffaudit import scan
from ffaudit.errors import FfauditError
from ffaudit.model import FIREFLIES_ENDPOINT
from ffaudit.model import Finding
from ffaudit.model import Verification

if TYPE_CHECKING:  # the doctor (and requests) load only when a key is really sent
    from ffaudit.doctor.diagnosis import Diagnosis

Probe = Callable[[str, str, float], 'Diagnosis']  # (key, endpoint, timeout): doctor.remote
DEFAULT_ENDPOINT = FIREFLIES_ENDPOINT
DEFAULT_TIMEOUT = 10.0
RATE_LIMITED = 'too_many_requests'
_RANK = {
    Verification.VERIFIED: 0,
    Verification.UNKNOWN: 1,
    Verification.NOT_CHECKED: 2,
    Verification.REJECTED: 3,
}


class KeyRing:
    """Raw keys by fingerprint, held in memory for verification; its repr shows no key."""

    def __init__(self) -> None:
        self._keys: dict[str, str] = {}
        self._overlaps: set[str] = set()

    def add(self, key: str, *, other_vendor: bool = False) -> str:
        """Remember ``key``; return its fingerprint. Once seen beside another vendor, always so."""
        fp = detect.fingerprint(key)
        self._keys.setdefault(fp, key)
        if other_vendor:
            self._overlaps.add(fp)
        return fp

    def items(self) -> Iterator[tuple[str, str]]:
        """Yield (fingerprint, key) pairs in insertion order."""
        yield from self._keys.items()

    def overlaps(self, fp: str) -> bool:
        """Whether the key was found in text that names another vendor."""
        return fp in self._overlaps

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return f'KeyRing({len(self._keys)} keys)'


def check_endpoint(url: str) -> None:
    """Refuse to send keys anywhere but the official https endpoint or a loopback server."""
    if url == DEFAULT_ENDPOINT:
        return
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ('http', 'https') or not _is_loopback(parts.hostname or ''):
        raise FfauditError(
            f'refusing to send keys to {parts.scheme}://{parts.hostname or ""}: '
            f'only {DEFAULT_ENDPOINT} or a loopback test server'
        )


def _is_loopback(host: str) -> bool:
    if host == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Verifier:
    """Asks once per distinct key and remembers; stops asking after the first rate limit."""

    def __init__(
        self,
        endpoint: str = DEFAULT_ENDPOINT,
        timeout: float = DEFAULT_TIMEOUT,
        probe: Probe | None = None,
    ) -> None:
        check_endpoint(endpoint)
        self.endpoint, self.timeout = endpoint, timeout
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
    """Re-read the files named by work-tree findings to recover their keys, for verification."""
    wanted: dict[str, set[str]] = {}
    for f in findings:
        wanted.setdefault(f.path, set()).add(f.fingerprint)
    ring = KeyRing()
    for path, fps in wanted.items():
        text = scan.scan_file(path).text_scan
        if text is None:
            continue
        for match in (*text.matches, *text.candidates):
            if detect.fingerprint(match.value) in fps:
                ring.add(match.value, other_vendor=text.names_other_vendor)
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
    """Verify the keys behind ``findings`` (each once); verified first."""
    findings = tuple(findings)
    wanted = {f.fingerprint for f in findings}
    results = {
        fp: verifier.check(key, other_vendor=ring.overlaps(fp))
        for fp, key in ring.items()
        if fp in wanted
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
