"""Detection engine: Fireflies key shapes, context rules, redaction. Pure: no I/O.

CONTRACT (other modules code against these names; helper A implements the bodies):
- ``fingerprint(secret) -> str``: short SHA-256 hex (first 12 hex digits) of the exact value.
- ``redact(secret) -> str``: a preview safe for output (first 4 characters + '...').
- ``iter_keys(line) -> Iterator[KeyMatch]``: line-level detection with only that line as context
  (used by ``detect-secrets scan --string`` and as a fallback).
- ``scan_text(text) -> TextScan``: whole-text detection (context spans nearby lines).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterator

from ffaudit.model import Confidence
from ffaudit.model import Rule


@dataclasses.dataclass(frozen=True)
class KeyMatch:
    """A raw match. ``value`` is the secret itself: never print or store it."""

    value: str = dataclasses.field(repr=False)
    line: int  # 1-based
    column: int  # 1-based
    rule: Rule = Rule.API_KEY
    confidence: Confidence = Confidence.HIGH


@dataclasses.dataclass(frozen=True)
class TextScan:
    """Everything one pass over a text yields."""

    matches: tuple[KeyMatch, ...] = ()
    # UUIDv4 bound to a generic key-like name (api_key, token, secret, Bearer) with no Fireflies
    # context in this text: a Fireflies key only if the repository elsewhere talks to Fireflies.
    candidates: tuple[KeyMatch, ...] = ()
    talks_to_fireflies: bool = False  # names api.fireflies.ai / app.fireflies.ai / FIREFLIES_*
    names_other_vendor: bool = False  # names another UUID-keyed vendor (Heroku, Firefly III, ...)


def fingerprint(secret: str) -> str:
    """Return a short, stable, non-reversible id for ``secret`` (12 hex digits of SHA-256)."""
    return hashlib.sha256(secret.encode('utf-8', 'surrogatepass')).hexdigest()[:12]


def redact(secret: str) -> str:
    """Return a preview of ``secret`` that is safe to print: its first 4 characters."""
    return f'{secret[:4]}...'


def iter_keys(line: str) -> Iterator[KeyMatch]:
    """Yield Fireflies credentials found in one line, judged with that line as sole context."""
    raise NotImplementedError


def scan_text(text: str) -> TextScan:
    """Find Fireflies credentials in ``text`` (a whole file or a chunk of one)."""
    raise NotImplementedError
