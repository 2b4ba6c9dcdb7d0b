"""A Fireflies-shaped key with something around it: escaped newlines, punctuation, brackets, twice.

Evidence: docs/evidence.md#key-text.

``K\\n`` typed as text, ``K.`` from the end of a sentence, ``{K}`` from a template, the key pasted
twice. Only what surrounds the key is named, and only when it cannot be part of
a key (escape sequences, punctuation); anything else is counted, never shown.
"""

from __future__ import annotations

import re

from ffaudit.engine import shapes

# Any UUID version here: what matters is the dashed 8-4-4-4-12 core with text around it.
_UUID_RE = re.compile(shapes.UUID_ANY)
# 32 hex digits only with a non-alphanumeric edge: a longer hex run is another kind of value.
_HEX_RE = re.compile(r'(?i)(?<![0-9a-z])[0-9a-f]{32}(?![0-9a-z])')
_FULL_RE = re.compile(rf'{shapes.UUID_ANY}|{shapes.HEX32}')
# Escaped line ends and tabs written as text: JSON/YAML strings, URL encoding, echo -e.
ESCAPES = ('\\r\\n', '\\n', '\\r', '\\t', '%0d%0a', '%0a', '%0d', '%09', '%20')
_PAIRS = {'(': ')', '[': ']', '{': '}', '<': '>'}
_PUNCT = frozenset('.,;:!?)(][}{><|/\\+=*&^$#@~`')
TWICE = 'the key pasted twice'


def _full(text: str) -> bool:
    return _FULL_RE.fullmatch(text) is not None


def is_twice(text: str) -> bool:
    """``text`` is one key repeated, with up to 3 separator characters between the copies."""
    for gap in range(4):
        half, odd = divmod(len(text) - gap, 2)
        first, sep = text[:half], text[half : half + gap]
        if not odd and half and first == text[half + gap :] and _full(first):
            return not sep.isalnum()
    return False


def core(text: str) -> re.Match[str] | None:
    """The first UUID-shaped run in ``text``, else a 32-hex run with non-alphanumeric edges."""
    return _UUID_RE.search(text) or _HEX_RE.search(text)


def _side(text: str) -> str:
    if text.lower() in ESCAPES:
        return f'a literal {text} (an escaped line end or tab saved as text)'
    if len(text) <= 3 and all(c in _PUNCT for c in text):
        return f"'{text}'"
    return f'{len(text)} extra character{"" if len(text) == 1 else "s"}'


def surroundings(text: str) -> str | None:
    """What surrounds a key-shaped run in ``text``; ``None`` when there is none or only the key."""
    if is_twice(text):
        return TWICE
    match = core(text)
    if match is None or match.span() == (0, len(text)):
        return None
    before, after = text[: match.start()], text[match.end() :]
    if before and _PAIRS.get(before) == after:
        return f'brackets around it: {before}...{after}'
    sides = [
        f'{_side(before)} before it' if before else '',
        f'{_side(after)} after it' if after else '',
    ]
    return ' and '.join(filter(None, sides))
