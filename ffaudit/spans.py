"""Positions in a text: line bounds, context windows, inline allowlist markers. Pure."""

from __future__ import annotations

import re

WINDOW_LINES = 3  # fireflies-api.md "Design implications" 1: context within about 3 lines
WINDOW_CHARS = 400  # ... and for minified one-line files, a character window either side
# detect-secrets' own markers (scanners.md §1.3), so one annotation silences both tools.
_ALLOW_RE = re.compile(r'pragma: ?(?:allow|white)list secret|ffaudit: ?ignore')
_ALLOW_NEXT_RE = re.compile(r'pragma: ?(?:allow|white)list nextline secret')


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    """Return the start and end offsets of the line holding ``pos``."""
    start = text.rfind('\n', 0, pos) + 1
    end = text.find('\n', pos)
    return start, len(text) if end < 0 else end


def line_prefix(text: str, pos: int) -> str:
    """Return the text before ``pos`` on its line (at most 200 characters)."""
    start, _ = line_bounds(text, pos)
    return text[max(start, pos - 200) : pos]


def window(text: str, pos: int) -> str:
    """Return the lines around ``pos`` (3 each way), clipped to WINDOW_CHARS either side."""
    lo, hi = max(0, pos - WINDOW_CHARS), min(len(text), pos + WINDOW_CHARS)
    start, end = pos, pos - 1
    for _ in range(WINDOW_LINES + 1):
        start = max(text.rfind('\n', lo, start), lo)
        found = text.find('\n', end + 1, hi)
        end = hi if found < 0 else found
    return text[start:end]


def lines_before(text: str, pos: int, count: int) -> str:
    """Return ``count`` lines before ``pos`` plus its own line up to ``pos``."""
    start = pos
    for _ in range(count + 1):
        start = max(text.rfind('\n', max(0, pos - WINDOW_CHARS), start), max(0, pos - WINDOW_CHARS))
    return text[start:pos]


def is_allowlisted(text: str, pos: int) -> bool:
    """True when the line of ``pos`` or the line above carries an allowlist marker."""
    start, end = line_bounds(text, pos)
    if _ALLOW_RE.search(text, start, end):
        return True
    prev_start = text.rfind('\n', 0, max(0, start - 1)) + 1
    return start > 0 and _ALLOW_NEXT_RE.search(text, prev_start, start) is not None
