"""Shapes of Fireflies credentials (regexes with their evidence) and the raw hit record. Pure.

Evidence: docs/evidence.md#key-shape.
"""

from __future__ import annotations

import dataclasses
import re

from ffaudit.model import Confidence
from ffaudit.model import Rule

# 8 of 9 public leaks (checked 2026; docs/evidence.md#key-shape): canonical UUIDv4, version
# nibble 4, variant [89ab]. Uppercase was never seen but nothing forbids it, so hex is
# case-insensitive.
# The one UUIDv4 pattern: KEY_RE, the prefilters below and the doctor's shape check use it.
VERSION_VARIANT = r'-4[0-9A-Fa-f]{3}-[89ABab]'
UUID4 = rf'[0-9A-Fa-f]{{8}}-[0-9A-Fa-f]{{4}}{VERSION_VARIANT}[0-9A-Fa-f]{{3}}-[0-9A-Fa-f]{{12}}'
# any UUID version (8-4-4-4-12), for what only needs the dashed shape around a key
UUID_ANY = r'[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}'
HEX32 = r'[0-9A-Fa-f]{32}'
KEY_RE = re.compile(rf'(?<![0-9A-Fa-f])(?<![0-9A-Fa-f]-){UUID4}(?![0-9A-Fa-f])(?!-[0-9A-Fa-f])')
# one older leaked sample was 32 hex digits without dashes: MEDIUM confidence only.
# The hex-only boundaries keep md5/sha1/sha256 digests (32/40/64 hex) apart: a sha1 never
# contains a "32-hex word".
HEX32_RE = re.compile(rf'(?<![0-9A-Fa-f])(?<![0-9A-Fa-f]-){HEX32}(?![0-9A-Fa-f])(?!-[0-9A-Fa-f])')
# Cheap byte-level prefilter: every UUIDv4 contains "-4xxx-[89ab]"; a literal-led pattern lets
# ``re`` skip ahead with a fast substring search.
UUID4_HINT = re.compile(VERSION_VARIANT.encode())
UUID4_HINT_TEXT = re.compile(VERSION_VARIANT)
# Kubernetes Secret ``data:`` values are base64: a 36-character key encodes
# to exactly 48 characters, 52 with the newline ``echo`` adds ("...Cg==").
B64_KEY_RE = re.compile(r'(?<![\w+/=])[A-Za-z0-9+/]{48}(?:[A-Za-z0-9+/]{2}==)?(?![\w+/=])')


@dataclasses.dataclass(frozen=True)
class Hit:
    """A judged match at offset ``pos`` of a text. ``value`` is the secret: never print it."""

    pos: int
    value: str = dataclasses.field(repr=False)
    rule: Rule
    confidence: Confidence
    candidate: bool = False


def decode_b64_key(value: str) -> str | None:
    """Return the UUIDv4 that the base64 ``value`` encodes, or None."""
    import base64  # imported here: only files with a base64 value under a Fireflies name need it
    import binascii

    try:
        decoded = base64.b64decode(value, validate=True).decode('ascii').rstrip('\r\n')
    except (binascii.Error, UnicodeDecodeError):
        return None
    return decoded if KEY_RE.fullmatch(decoded) else None
