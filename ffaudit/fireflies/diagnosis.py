"""The result of one probe: a verdict plus secret-free texts (shared by doctor, explain, scan).

Evidence: docs/evidence.md#error-envelope.
"""

from __future__ import annotations

import dataclasses
import enum

from ffaudit.model import Detail
from ffaudit.model import Status
from ffaudit.model import Verification


class Verdict(enum.StrEnum):
    """What one probe says about a key."""

    ACCEPTED = 'accepted'  # Fireflies returned the key's user
    REJECTED = 'rejected'  # Fireflies said auth_failed
    LIMITED = 'limited'  # key recognised but unusable now: account, plan, rights, rate limit
    INCONCLUSIVE = 'inconclusive'  # could not tell: network, TLS, 5xx, not a Fireflies answer
    REDIRECT = 'redirect'  # the endpoint answered 3xx; nothing was learnt about the key


@dataclasses.dataclass(frozen=True)
class Identity:
    """Who a key belongs to, as the ``user`` query returned it."""

    user_id: str = ''
    name: str = ''
    email: str = ''


@dataclasses.dataclass(frozen=True)
class Diagnosis:
    """The classified answer: secret-free texts plus what Fireflies said about itself."""

    verdict: Verdict
    code: str  # Fireflies error code, or our own kebab id ('html-answer', 'tls', ...)
    message: str
    hint: str = ''
    http_status: int | None = None
    retry_after: int | None = None  # seconds until a retry makes sense
    help_urls: tuple[str, ...] = ()
    correlation_id: str = ''
    identity: Identity | None = None
    network: bool = False  # True when no HTTP answer arrived (DNS, TLS, timeouts, proxy)
    details: tuple[tuple[str, Detail], ...] = ()  # extra secret-free pairs, e.g. rate-limit windows

    @property
    def status(self) -> Status:
        """The doctor status: rate limits and unknowns are inconclusive, never a failure."""
        if self.verdict is Verdict.ACCEPTED:
            return Status.PASS
        if self.verdict is Verdict.INCONCLUSIVE or self.code == 'too_many_requests':
            return Status.INCONCLUSIVE
        return Status.FAIL

    @property
    def verification(self) -> Verification:
        """For ``scan --verify``: a key Fireflies recognised (even limited) counts as verified."""
        if self.verdict is Verdict.REJECTED:
            return Verification.REJECTED
        if self.verdict is Verdict.ACCEPTED or (
            self.verdict is Verdict.LIMITED and self.code != 'too_many_requests'
        ):
            return Verification.VERIFIED
        return Verification.UNKNOWN
