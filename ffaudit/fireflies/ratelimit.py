"""When may a rate-limited client retry? Pure: headers and error metadata in, seconds out.

Evidence: docs/evidence.md#rate-limits.

Precedence follows the official SDK (firefliesai/fireflies-node-sdk ``src/rate-limit.ts``) and
the n8n node: ``Retry-After`` (seconds or HTTP date), then ``extensions.metadata.retryAfter``
(epoch milliseconds, docs.fireflies.ai/miscellaneous/error-codes), then ``X-RateLimit-Reset``.
The message text ("retry after <time> (UTC)") is never parsed: the docs' own example is wrong.
"""

from __future__ import annotations

import datetime
import email.utils
import math
import time
from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

_EPOCH_SECONDS = 1_000_000_000  # larger reset values are timestamps, smaller ones are deltas
_STALE = 60  # a Date this much older than now marks a capture, not a live answer
_REMAINING = 'x-ratelimit-remaining'  # plus per-window copies: '-api', '-api_burst', ...
# Fireflies' longest window is a day (docs.fireflies.ai/fundamentals/limits): a retry time more
# than a week ahead is a hostile or broken answer and is ignored (a past one "has passed").
_AHEAD = 7 * 86400


def retry_after(headers: Mapping[str, str], metadata: Mapping[str, Any], now: float) -> int | None:
    """Seconds to wait before retrying, from lower-cased ``headers`` and error ``metadata``."""
    at = retry_at(headers, metadata, now)
    return None if at is None else max(0, math.ceil(at - now))


def retry_at(headers: Mapping[str, str], metadata: Mapping[str, Any], now: float) -> float | None:
    """When (epoch seconds) a retry makes sense; relative values count from the answer's Date
    header when it is older than a minute (a capture read later by ``explain``), else ``now``."""
    base = _date(headers.get('date', ''))
    base = base if base is not None and now - base > _STALE else now
    for at in (
        _retry_after_header(headers.get('retry-after', ''), base),
        _epoch_ms(metadata.get('retryAfter')),
        _reset_header(headers.get('x-ratelimit-reset', ''), base),
    ):
        if at is not None and at <= now + _AHEAD:
            return at
    return None


def describe(at: float, now: float) -> str:
    """'retry in 42 s, at 2024-07-10 22:45:45 UTC', or say that the time has passed."""
    try:
        stamp = time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime(math.ceil(at)))
    except (OverflowError, OSError, ValueError):  # a server-chosen time beyond the calendar
        stamp = 'a time out of range'
    wait = math.ceil(at - now)
    return (
        f'retry in {wait} s, at {stamp}' if wait > 0 else f'retry after {stamp}, which has passed'
    )


def remaining(
    headers: Mapping[str, str], clean: Callable[[object, int], str]
) -> tuple[tuple[str, str | int], ...]:
    """``X-RateLimit-Remaining`` and its per-window copies, as detail pairs, from lower-cased
    ``headers``; ``clean`` makes each server-provided window name and value safe to show."""
    pairs: list[tuple[str, str | int]] = []
    for name, value in sorted(headers.items()):
        if name == _REMAINING or name.startswith(f'{_REMAINING}-'):
            window = clean(name[len(_REMAINING) + 1 :], 30)
            label = f'rate_limit_remaining_{window}' if window else 'rate_limit_remaining'
            shown = clean(value, 20)
            pairs.append((label, int(shown) if shown.isdigit() else shown))
    return tuple(pairs[:6])


def _retry_after_header(value: str, base: float) -> float | None:
    value = value.strip()
    if value.isdigit():  # digits only: no sign, no fraction (RFC 9110 §10.2.3)
        return base + int(value) if len(value) <= 12 else None
    return _date(value)


def _date(value: str) -> float | None:
    try:
        when = email.utils.parsedate_to_datetime(value.strip())
        return when.replace(tzinfo=when.tzinfo or datetime.UTC).timestamp()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _epoch_ms(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, int) and not -(10**16) < value < 10**16:  # beyond float, and any date
        return None
    return value / 1000 if math.isfinite(value) else None


def _reset_header(value: str, base: float) -> float | None:
    try:
        reset = float(value)
    except ValueError:
        return None
    if not math.isfinite(reset):
        return None
    return reset if reset > _EPOCH_SECONDS else base + reset
