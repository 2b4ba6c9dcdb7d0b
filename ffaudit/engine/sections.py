"""Enclosing sections of a position: YAML/JSON parent keys by indentation, TOML/INI tables. Pure.

Evidence: docs/evidence.md#names-and-hosts.

Bounded: at most ``MAX_LINES`` lines and ``MAX_BACK`` characters are looked at above a
position, and lines longer than 200 characters are never headers, so the cost per hit is
O(window) even on one-line (minified) files.
"""

from __future__ import annotations

import re

MAX_LINES = 60
MAX_BACK = 16_384
_TABLE_RE = re.compile(r'\s*\[+\s*["\']?([\w.\-" ]+?)["\']?\s*\]+\s*$')
# ``key:``, ``- key:``, ``"key": {``, ``key = {``: a line that opens a nested block.
_HEADER_RE = re.compile(r'\s*(?:-\s+)?["\']?([\w.$@-]+)["\']?\s*[:=]\s*[{\[]?\s*$')
_FIREFLIES_RE = re.compile(r'(?i)fireflies')
_NAME_RE = re.compile(r'["\']?(?:name|service|provider)["\']?\s*:\s*["\']?([\w.-]+)')
_FIREFLIES_HEADER_RE = re.compile(
    r'(?im)^[ \t]*(?:-[ \t]+)?["\']?[\w.$@-]*fireflies[\w.$@-]*["\']?'
    r'[ \t]*[:=][ \t]*[{\[]?[ \t]*\r?$'
    r'|^[ \t]*\[+[^\]\n]*fireflies[^\]\n]*\]+[ \t]*\r?$'
)


def headers(text: str, pos: int) -> list[str]:
    """Return the names of the blocks enclosing ``pos``, nearest first.

    A TOML/INI ``[table]`` line ends the walk (tables do not nest by indentation).
    """
    return [name for _, name in _ancestors(text, pos)]


def header_name(line: str) -> str | None:
    """Return the key a line opens a block with (``key:``, ``"key": [``), or None."""
    m = _HEADER_RE.match(line)
    return m.group(1) if m and len(line) <= 200 else None


def item_name(text: str, pos: int) -> str | None:
    """Return the ``name:`` of the YAML list item holding ``pos`` (``- name: x``), or None."""
    start = text.rfind('\n', max(0, pos - MAX_BACK), pos) + 1
    own, end, found = _indent(text, start), start - 1, None
    for _ in range(12):
        if end < 0:
            return None
        begin = text.rfind('\n', max(0, pos - MAX_BACK), end) + 1
        line, end = text[begin:end], begin - 1
        if not line.strip() or len(line) > 200:
            continue
        indent, body = _indent(text, begin), line.strip()
        named = _NAME_RE.match(body.removeprefix('-').lstrip())
        if indent == own and not body.startswith('-'):
            found = named.group(1) if named else found
        elif indent < own:
            if not body.startswith('-'):
                return None
            return named.group(1) if named else found
    return None


def in_fireflies_section(text: str, pos: int) -> bool:
    """True when ``pos`` sits under a ``fireflies:`` YAML/JSON key or a ``[fireflies]`` table."""
    return any(_FIREFLIES_RE.search(name) for name in headers(text, pos))


def _ancestors(text: str, pos: int) -> list[tuple[int, str]]:
    floor = max(0, pos - MAX_BACK)
    end = text.rfind('\n', floor, pos)
    if end < 0 and floor > 0:
        return []  # the line of ``pos`` alone is longer than MAX_BACK: no structure to see
    indent, found = _indent(text, end + 1), []
    for _ in range(MAX_LINES):
        if end < 0:
            break
        start = text.rfind('\n', floor, end) + 1
        if start == 0 and floor > 0:
            break
        line, end = text[start:end], start - 1
        if not line.strip() or len(line) > 200:
            continue
        table = _TABLE_RE.match(line)
        if table and line.lstrip().startswith('['):
            found.append((start, table.group(1)))
            break
        if _indent(text, start) < indent:
            indent = _indent(text, start)
            header = _HEADER_RE.match(line)
            if header:
                found.append((start, header.group(1)))
    return found


def _indent(text: str, start: int) -> int:
    i, stop = start, min(len(text), start + 200)
    while i < stop and text[i] in ' \t':
        i += 1
    return i - start


def opens_fireflies_block(text: str) -> bool:
    """True when a line of ``text`` opens a ``fireflies:`` block or a ``[fireflies]`` table."""
    return _FIREFLIES_HEADER_RE.search(text) is not None
