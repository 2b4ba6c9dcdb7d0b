"""What is wrong with the scheme part of an Authorization value.

Missing, doubled, misspelt or lower-case ``Bearer``, ``Token``/``Basic`` instead, several
values; evidence: docs/evidence.md#header-forms.

RFC 6750 §2.1: ``credentials = "Bearer" 1*SP b64token``; strict servers accept exactly one
space, so tabs or several spaces fail, named.
"""

from __future__ import annotations

import re

from ffaudit.doctor.header.parsed import split_scheme
from ffaudit.model import Status

_SCHEME_RE = re.compile(r'(?i)^(bearer|token|basic)(:?)([ \t\u00a0]*)')


def _count(n: int, what: str) -> str:
    return f'a {what}' if n == 1 else f'{n} {what}s'


def describe_gap(gap: str) -> str:
    """``'a tab'``, ``'2 spaces'``, ``'a space and a tab'``: the separator, named."""
    parts = []
    for char, what in ((' ', 'space'), ('\t', 'tab'), ('\u00a0', 'no-break space (U+00A0)')):
        if gap.count(char):
            parts.append(_count(gap.count(char), what))
    return ' and '.join(parts)


def _gap_problem(value: str) -> str | None:
    match = _SCHEME_RE.match(value)
    if match is None or match.group(2):
        return None
    gap = match.group(3)
    if not gap or gap == ' ':
        return None
    return f"'{match.group(1)}' is followed by {describe_gap(gap)}; use exactly one space"


def scheme_problem(value: str) -> tuple[Status, str] | None:
    """The first problem with ``Bearer`` + one space + key in ``value``, if any."""
    scheme, rest = split_scheme(value)
    word = scheme.rstrip(': \t')
    if not scheme:
        return Status.FAIL, "The value lacks the 'Bearer ' scheme (a bare key)"
    if word.lower() != 'bearer':
        return Status.FAIL, f'The scheme is {word}; Fireflies expects Bearer'
    if ':' in scheme:
        return Status.FAIL, "'Bearer:' has a colon; the scheme is followed by one space only"
    gap = _gap_problem(value)
    if gap is not None:
        return Status.FAIL, gap
    if scheme == word:
        return Status.FAIL, "No space between 'Bearer' and the key"
    if split_scheme(rest)[0]:
        return Status.FAIL, "The scheme is doubled ('Bearer Bearer ...')"
    if word != 'Bearer':
        return Status.WARN, f"The scheme is written '{word}'; some servers only accept 'Bearer'"
    return None
