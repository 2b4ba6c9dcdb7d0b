"""Undo git's C-style quoting of unusual path names (``"tab\\there"``, octal UTF-8 bytes)."""

from __future__ import annotations

import re

_ESCAPE_RE = re.compile(rb'\\([0-7]{3}|.)')
_ESCAPES = {
    b'a': b'\a',
    b'b': b'\b',
    b't': b'\t',
    b'n': b'\n',
    b'v': b'\v',
    b'f': b'\f',
    b'r': b'\r',
}


def unquote(name: bytes) -> bytes:
    """Return the raw bytes of a path git printed, quoted (``"a\\tb"``) or not (``a b``).

    git quotes a name holding control characters, ``"``, ``\\`` or (unless
    ``core.quotePath=false``) bytes above 0x7f, escaping them as in C (git's ``quote.c``).
    """
    if not (len(name) >= 2 and name[:1] == name[-1:] == b'"'):
        return name
    return _ESCAPE_RE.sub(lambda m: _ESCAPES.get(m[1]) or _octal_or_self(m[1]), name[1:-1])


def _octal_or_self(esc: bytes) -> bytes:
    return bytes([int(esc, 8)]) if len(esc) == 3 else esc
