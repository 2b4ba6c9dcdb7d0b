"""Make server-provided text safe to show: no key, no control characters, bounded length. Pure.

A server (or a proxy posing as one) chooses every byte of its answer: it may echo the key we sent
(``correlationId: "Bearer <key>"``), inject GitHub workflow commands after a newline
(``"name": "Evil\\n::error::x"``) or terminal escapes. Every field taken from an answer passes
through ``text`` before it becomes part of a Diagnosis; ``scrub`` re-checks a whole Diagnosis.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from ffaudit.doctor.diagnosis import Diagnosis
from ffaudit.doctor.diagnosis import Identity
from ffaudit.escapes import escape_controls

LIMIT = 200  # longest server-provided text ever shown
MIN_SLICE = 6  # a shown run of this many characters of the key counts as a leak
REDACTED = '<redacted>'
# credentials a server may echo even when the key is unknown (explain): 'Bearer xyz', 'api_key=xyz'
_SCHEME_RE = re.compile(r'(?i)\b(bearer|basic)(\s+"?)[^\s",;&]+')
_NAMED_RE = re.compile(
    r'(?i)\b(authorization|api[_-]?key|(?:access[_-]?)?token)("?\s*[:=]\s*"?)(?!bearer\b|basic\b)[^\s",;&]+'
)
_HEX32 = re.compile(r'[0-9a-f]{32}')
_ASCII_LOWER = str.maketrans('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')


def text(value: object, secrets: Iterable[str] = (), limit: int = LIMIT) -> str:
    """``value`` as safe one-line text: '' unless a string or number; key and credentials masked."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ''
    raw = str(value)[: 4 * limit]  # bound the work before masking; masking never un-masks
    safe = escape(mask(raw, secrets))
    return safe if len(safe) <= limit else f'{safe[: limit - 1]}…'


def escape(value: str) -> str:
    """Replace control, format and separator characters by visible escapes (``escapes.py``)."""
    return escape_controls(value)


def mask(value: str, secrets: Iterable[str]) -> str:
    """Replace each run of ``value`` that repeats 6+ characters of a secret, and any credential.

    A secret counts in any ASCII case, without its dashes, and (32 hex digits) as a dashed UUID.
    """
    for secret in secrets:
        value = _mask_one(value, secret.strip())
    for regex in (_SCHEME_RE, _NAMED_RE):
        value = regex.sub(lambda m: f'{m.group(1)}{m.group(2)}{REDACTED}', value)
    return value


def leaks(value: str, secret: str) -> bool:
    """Does ``value`` repeat the secret, or 6+ consecutive characters of it?"""
    return _mask_one(value, secret.strip()) != value


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
        details=tuple((k, clean(v)) for k, v in diag.details),
    )


def _mask_one(value: str, secret: str) -> str:
    if len(secret) < MIN_SLICE:
        return value.replace(secret, REDACTED) if secret else value
    low = value.translate(_ASCII_LOWER)
    covered = [False] * len(value)
    for form in _forms(secret):
        for i in range(len(form) - MIN_SLICE + 1):
            start = low.find(form[i : i + MIN_SLICE])
            while start != -1:
                covered[start : start + MIN_SLICE] = [True] * MIN_SLICE
                start = low.find(form[i : i + MIN_SLICE], start + 1)
    if not any(covered):
        return value
    parts = []
    for i, char in enumerate(value):
        if not covered[i]:
            parts.append(char)
        elif i == 0 or not covered[i - 1]:
            parts.append(REDACTED)
    return ''.join(parts)


def _forms(secret: str) -> set[str]:
    # a server may echo the key in any case, with its dashes removed, or (for a 32-hex key)
    # dashed like a UUID: every form is searched, so no 6-character run of any of them shows
    key = secret.translate(_ASCII_LOWER)
    bare = key.replace('-', '')
    forms = {key, bare}
    if _HEX32.fullmatch(bare):
        forms.add(f'{bare[:8]}-{bare[8:12]}-{bare[12:16]}-{bare[16:20]}-{bare[20:]}')
    return forms
