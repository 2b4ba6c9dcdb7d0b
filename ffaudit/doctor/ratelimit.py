"""When may a rate-limited client retry? Pure: headers and error metadata in, seconds out.

Precedence follows the official SDK (firefliesai/fireflies-node-sdk ``src/rate-limit.ts``) and
the n8n node: ``Retry-After`` (seconds or HTTP date), then ``extensions.metadata.retryAfter``
(epoch milliseconds, docs.fireflies.ai/miscellaneous/error-codes), then ``X-RateLimit-Reset``.
The message text ("retry after <time> (UTC)") is never parsed: the docs' own example is wrong.
"""

from __future__ import annotations

import email.utils
import math
from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

_EPOCH_SECONDS = 1_000_000_000  # larger reset values are timestamps, smaller ones are deltas
_REMAINING = 'x-ratelimit-remaining'  # plus per-window copies: '-api', '-api_burst', ... (§2.4)


def retry_after(headers: Mapping[str, str], metadata: Mapping[str, Any], now: float) -> int | None:
    """Seconds to wait before retrying, from lower-cased ``headers`` and error ``metadata``."""
    for wait in (
        _retry_after_header(headers.get('retry-after', ''), now),
        _epoch_ms(metadata.get('retryAfter'), now),
        _reset_header(headers.get('x-ratelimit-reset', ''), now),
    ):
        if wait is not None:
            return max(0, wait)
    return None


def remaining(
    headers: Mapping[str, str], clean: Callable[[object, int], str]
) -> tuple[tuple[str, str], ...]:
    """``X-RateLimit-Remaining`` and its per-window copies, as detail pairs, from lower-cased
    ``headers``; ``clean`` makes each server-provided window name and value safe to show."""
    pairs = []
    for name, value in sorted(headers.items()):
        if name == _REMAINING or name.startswith(f'{_REMAINING}-'):
            window = clean(name[len(_REMAINING) + 1 :], 30)
            label = f'rate_limit_remaining_{window}' if window else 'rate_limit_remaining'
            pairs.append((label, clean(value, 20)))
    return tuple(pairs[:6])


def _retry_after_header(value: str, now: float) -> int | None:
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return math.ceil(when.timestamp() - now)


def _epoch_ms(value: object, now: float) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return math.ceil(value / 1000 - now)


def _reset_header(value: str, now: float) -> int | None:
    try:
        reset = float(value)
    except ValueError:
        return None
    if not math.isfinite(reset):
        return None
    return math.ceil(reset - now if reset > _EPOCH_SECONDS else reset)
