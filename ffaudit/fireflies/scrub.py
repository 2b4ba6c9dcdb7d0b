"""Make server-provided text safe to show: no key, no control characters, bounded length. Pure.

Evidence: docs/evidence.md#error-envelope (what an answer may echo).

A server (or a proxy posing as one) chooses every byte of its answer: it may echo the key we sent
(``correlationId: "Bearer <key>"``), inject GitHub workflow commands after a newline
(``"name": "Evil\\n::error::x"``) or terminal escapes. Every field taken from an answer passes
through ``text`` before it becomes part of a Diagnosis; ``scrub`` re-checks a whole Diagnosis.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from ffaudit.fireflies.diagnosis import Diagnosis
from ffaudit.fireflies.diagnosis import Identity
from ffaudit.redaction import escape_controls
from ffaudit.redaction import mask

LIMIT = 200  # longest server-provided text ever shown


def text(value: object, secrets: Iterable[str] = (), limit: int = LIMIT) -> str:
    """``value`` as safe one-line text: '' unless a string or number; key and credentials masked."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ''
    raw = str(value)[: 4 * limit]  # bound the work before masking; masking never un-masks
    safe = escape(mask(raw, secrets))
    return safe if len(safe) <= limit else f'{safe[: limit - 1]}…'


def escape(value: str) -> str:
    """Show control, format and separator characters as visible escapes (``redaction``)."""
    return escape_controls(value)


def scrub(diag: Diagnosis, secrets: Iterable[str]) -> Diagnosis:
    """``diag`` with every text field passed through ``mask`` and ``escape`` (belt and braces)."""
    keys = tuple(secrets)

    def clean(value: str) -> str:
        return escape(mask(value, keys))

    ident = diag.identity
    if ident is not None:
        ident = Identity(*(clean(v) for v in (ident.user_id, ident.name, ident.email)))
    return dataclasses.replace(
        diag,
        code=clean(diag.code),
        message=clean(diag.message),
        hint=clean(diag.hint),
        help_urls=tuple(clean(u) for u in diag.help_urls),
        correlation_id=clean(diag.correlation_id),
        identity=ident,
        details=tuple((k, clean(v) if isinstance(v, str) else v) for k, v in diag.details),
    )
