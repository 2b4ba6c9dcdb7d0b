"""Show invisible characters as visible escapes: the one rule for all text ffaudit prints. Pure.

Text a server, a file name or a pasted command chose can hold a newline (which would start a
``::error::`` workflow command under GitHub Actions), terminal escapes (ESC, CSI, OSC), the
Unicode line separators, bidi overrides ("Trojan Source") or zero-width characters. Every such
character (Unicode categories Cc, Cf, Cs, Co, Cn, Zl, Zp) is shown as ``\\n``, ``\\x1b`` or
``\\u202e``; a plain space stays.
"""

from __future__ import annotations

import unicodedata

UNSAFE = frozenset({'Cc', 'Cf', 'Cs', 'Co', 'Cn', 'Zl', 'Zp'})
_NAMED = {'\n': '\\n', '\r': '\\r', '\t': '\\t'}


def is_unsafe(char: str) -> bool:
    """``char`` is a control, format, surrogate, private, unassigned or separator character."""
    return unicodedata.category(char) in UNSAFE


def escape_char(char: str) -> str:
    """``char`` as a visible escape if unsafe, else unchanged."""
    if not is_unsafe(char):
        return char
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f'\\x{code:02x}' if code < 0x100 else f'\\u{code:04x}'


def escape_controls(text: str) -> str:
    """``text`` with every unsafe character shown as a visible escape (``\\n``, ``\\x1b``)."""
    if text.isprintable():  # fast path: no Cc/Cf/Cs/Co/Cn/Z* other than the plain space
        return text
    return ''.join(escape_char(c) for c in text)
