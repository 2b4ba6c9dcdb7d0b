"""Is a value a real secret? Placeholder UUIDs and webhook-secret references. Pure.

Evidence: docs/evidence.md#placeholders (documentation examples; TruffleHog's
``fp_uuids.txt``: repeated, sequential and hexspeak UUIDs).
"""

from __future__ import annotations

import re

# UUIDv4-shaped examples copied from well-known documentation, never real keys: Wikipedia's
# "Universally unique identifier" article, RFC 4122 / Go's uuid docs, the Swagger/OpenAPI
# editor's default ``format: uuid`` example, Python's ``uuid`` docs, the npm ``uuid`` README.
WELL_KNOWN = frozenset(
    {
        '550e8400-e29b-41d4-a716-446655440000',
        'f47ac10b-58cc-4372-a567-0e02b2c3d479',
        '3fa85f64-5717-4562-b3fc-2c963f66afa6',
        '16fd2706-8baf-433b-82eb-8c7fada847da',
        '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d',
        '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
    }
)
# Hexspeak words (TruffleHog fp_uuids: deadbeef, cafebabe, feedface, badc0ffee, ...).
_HEXSPEAK_RE = re.compile(
    r'dead|beef|cafe|babe|face|feed|fade|deaf|bead|f00d|c0de|d00d|c0ffee|0ff1ce|decaf|b00b|abba'
)
_HEX_ORDER = '0123456789abcdef'
# Six ascending or descending hex digits in a row (``123456``, ``fedcba``): typed, not random.
RUNS = tuple(_HEX_ORDER[i : i + 6] for i in range(11)) + tuple(
    _HEX_ORDER[::-1][i : i + 6] for i in range(11)
)
PLACEHOLDER_WORDS = (
    'your', 'change', 'example', 'placeholder', 'xxxx', '****', 'replace', 'dummy', 'redacted',
    'todo', 'secret_here', 'insert', '...',
)  # fmt: skip
REFERENCE_RE = re.compile(r'[A-Z][A-Z0-9_]*|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+')
WORDS_RE = re.compile(r'[a-z]+(?:[-_][a-z]+)+')
# Secret-manager references, not secrets: op://vault/item, arn:aws:ssm:..., vault:secret/...,
# file paths such as /run/secrets/name (Docker secrets) or ./secrets/hook.
SCHEME_RE = re.compile(r'(?i)[a-z][a-z0-9+.-]{1,15}:|/|~/|\.\.?/')
# ``/Zq8K...+x==`` is base64 starting with '/', not a path: padded, or
# one slash and a '+'.
_B64_RE = re.compile(r'[A-Za-z0-9+/]{14,}={1,2}|/[A-Za-z0-9]*\+[A-Za-z0-9+]*')


def is_placeholder(value: str) -> bool:
    """True for nil, well-known, repeated, sequential, hexspeak or patterned hex values."""
    lower = value.lower()
    hexes = lower.replace('-', '')
    if lower in WELL_KNOWN or len(set(hexes)) <= 5:
        return True
    groups = lower.split('-')
    if len(groups) == 5 and all(len(set(g)) <= 2 for g in groups):
        return True  # 11111111-2222-4333-8444-555555555555, aaaaaaaa-bbbb-4ccc-8ddd-eeee...
    if any(hexes == (hexes[:k] * 33)[: len(hexes)] for k in range(2, 9)):
        return True
    if sum(len(m) for m in _HEXSPEAK_RE.findall(hexes)) * 2 >= len(hexes):
        return True  # deadbeef-dead-4eef-beef-deadbeefdead
    return any(run in hexes for run in RUNS) or _is_typed_sequence(hexes)


def _is_typed_sequence(hexes: str) -> bool:
    # Hand-typed README examples: a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d and
    # 12ab34cd-56ef-4a78-9b01-cd23ef45ab67 count up digits and letters separately. A random
    # UUID steps to the successor about once in 8 steps; these do almost every time.
    if len(hexes) == 32:
        hexes = hexes[:12] + hexes[13:]  # the UUIDv4 version nibble is fixed, not typed
    steps = successors = 0
    for kind in (str.isdigit, str.isalpha):
        seq = [c for c in hexes if kind(c)]
        for a, b in zip(seq, seq[1:], strict=False):
            steps += 1
            successors += _next(a) == b
    return steps >= 16 and successors * 5 >= steps * 4


def _next(c: str) -> str:
    return {'9': '0', 'f': 'a'}.get(c, chr(ord(c) + 1))


def is_literal_secret(value: str) -> bool:
    """True when a webhook-secret value is a literal, not a lookup, reference or placeholder."""
    lower = value.lower()
    if value[0] in '$%<{[(' or '(' in value or '{' in value:
        return False
    if lower.startswith(('process.env', 'os.environ', 'os.getenv', 'env.', 'secrets.')):
        return False
    if SCHEME_RE.match(value) and not _B64_RE.fullmatch(value):
        return False
    if any(w in lower for w in PLACEHOLDER_WORDS) or len(set(lower)) <= 4:
        return False
    if 'webhook' in lower or 'firefl' in lower or WORDS_RE.fullmatch(value):
        return False  # a name such as 'fireflies-webhook-secret', not a secret
    return REFERENCE_RE.fullmatch(value) is None
