"""Positions in a text: line bounds, context windows, inline allowlist markers. Pure.

Evidence: docs/evidence.md#key-shape (the context window), #allowlist-markers.

Every function here looks at most ``REACH`` characters either side of ``pos`` (never back to
the start of a long line), so judging one hit costs O(window) however long the line is
(a 25 MB one-line JSON file must scan in seconds, not hours).
"""

from __future__ import annotations

import re

WINDOW_LINES = 3  # context within about 3 lines (docs/evidence.md#key-shape)
WINDOW_CHARS = 400  # ... and for minified one-line files, a character window either side
REACH = 1024  # the farthest any per-hit look goes, either side (line bounds, allowlist markers)
# detect-secrets' own markers, so one annotation silences both tools
# (docs/evidence.md#allowlist-markers).
ALLOW_RE = re.compile(r'pragma: ?(?:allow|white)list secret|ffaudit: ?ignore')
_ALLOW_NEXT_RE = re.compile(r'pragma: ?(?:allow|white)list nextline secret')


def line_bounds(text: str, pos: int, reach: int = REACH) -> tuple[int, int]:
    """Return the bounds of the line holding ``pos``, clipped to ``reach`` characters each way."""
    lo = max(0, pos - reach)
    start = text.rfind('\n', lo, pos) + 1 or lo
    end = text.find('\n', pos, pos + reach)
    return start, min(len(text), pos + reach) if end < 0 else end


def line_prefix(text: str, pos: int) -> str:
    """Return the text before ``pos`` on its line (at most 200 characters)."""
    start, _ = line_bounds(text, pos, 200)
    return text[start:pos]


def line_text(text: str, pos: int) -> str:
    """Return the line holding ``pos``, clipped to WINDOW_CHARS either side."""
    start, end = line_bounds(text, pos, WINDOW_CHARS)
    return text[start:end]


def previous_line(text: str, pos: int) -> str:
    """Return the line above the one holding ``pos`` (at most 200 characters of it), or ''."""
    start, _ = line_bounds(text, pos, 200)
    if start == 0 or text[start - 1] != '\n':
        return ''
    prev_start, _ = line_bounds(text, start - 1, 200)
    return text[prev_start : start - 1].rstrip('\r')


def window(text: str, pos: int, lo: int = 0, hi: int | None = None) -> str:
    """Return the lines around ``pos`` (3 each way), clipped to WINDOW_CHARS and to [lo, hi)."""
    hi = len(text) if hi is None else hi
    lo, hi = max(lo, pos - WINDOW_CHARS), min(hi, pos + WINDOW_CHARS)
    start, end = pos, pos - 1
    for _ in range(WINDOW_LINES + 1):
        start = max(text.rfind('\n', lo, start), lo)
        found = text.find('\n', end + 1, hi)
        end = hi if found < 0 else found
    return text[start:end]


def lines_before(text: str, pos: int, count: int) -> str:
    """Return ``count`` lines before ``pos`` plus its own line up to ``pos``."""
    start, lo = pos, max(0, pos - WINDOW_CHARS)
    for _ in range(count + 1):
        start = max(text.rfind('\n', lo, start), lo)
    return text[start:pos]


def is_allowlisted(text: str, pos: int) -> bool:
    """True when the line of ``pos`` or the line above carries an allowlist marker."""
    start, end = line_bounds(text, pos)
    if ALLOW_RE.search(text, start, end):
        return True
    if start == 0 or text[start - 1] != '\n':
        return False
    prev_start, _ = line_bounds(text, start - 1)
    return _ALLOW_NEXT_RE.search(text, prev_start, start) is not None
