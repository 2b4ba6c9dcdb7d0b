"""How to undo each key mistake, to tell which other key checks only follow from it.

``doctor/rootcause.py`` applies the repair of the first failing check and judges the text again:
what passes then was caused by that mistake. ``None`` means the mistake makes every other
judgement on the text moot (a placeholder is not a key; nothing after an ellipsis was copied).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from ffaudit.doctor.key import patterns


def _no_scheme(value: str) -> str | None:
    text = value.strip().strip(patterns.ALL_QUOTES)
    match = patterns.SCHEME_RE.match(text)
    if match is None:
        return value.split('=', 1)[-1]  # a pasted NAME=value line
    return text[match.end() :].lstrip(':').strip()


def _no_bad_chars(value: str) -> str | None:
    if value.rstrip().endswith('\u2026'):  # a truncated copy: nothing after it can be judged
        return None
    # invisible characters (ZWSP, BOM, controls) go; a look-alike letter stands for one character
    return ''.join(
        c if '\x20' < c <= '\x7e' else '' if unicodedata.category(c)[0] in 'CZ' else '0'
        for c in value
    )


Repair = Callable[[str], str | None]
# In root-cause order: the first failing check here is the one the user fixes first.
REPAIRS: tuple[tuple[str, Repair], ...] = (
    ('key.placeholder', lambda value: None),
    ('key.scheme', _no_scheme),
    ('key.quotes', lambda value: value.strip().strip(patterns.ALL_QUOTES)),
    ('key.whitespace', lambda value: ''.join(value.split())),
    ('key.charset', _no_bad_chars),
    ('key.shape', lambda value: None),
)
