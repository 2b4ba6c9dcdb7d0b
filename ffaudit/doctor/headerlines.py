"""What a pasted header, request or curl command holds: the parsed form and header-line reader.

Values are secret (they hold the key): ``ParsedHeader`` keeps them out of its repr.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable

# Header names people use instead of Authorization (doctor.md §2 #26).
_ALT_NAMES = frozenset(
    ('x-api-key', 'api-key', 'apikey', 'x-auth-token', 'x-access-token', 'access-token', 'auth')
)
NOT_NAMES = frozenset(('bearer', 'token', 'basic'))  # "Bearer: key" is a value, not a header
LINE_RE = re.compile(r'^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:')
_SCHEME_RE = re.compile(r'(?i)^(bearer|token|basic)(:?)([ \t]*)')
_LEADING = ' \t\ufeff'  # indentation from docs, a BOM at the start of a pasted line


@dataclasses.dataclass(frozen=True)
class ParsedHeader:
    """What ``--header -`` held. ``values`` and ``url`` may hold the key: never print them."""

    form: str  # 'value' | 'line' | 'http' | 'http2' | 'curl'
    names: tuple[str, ...] = ()  # auth-like header names as written ('' for a bare value)
    values: tuple[str, ...] = dataclasses.field(default=(), repr=False)
    basic_user: bool = False  # curl -u/--user: Basic auth
    error: str = ''  # secret-free reason the text could not be read
    url: str = dataclasses.field(default='', repr=False)  # the request URL, when the form has one
    content_type: str | None = dataclasses.field(default=None, repr=False)
    has_body: bool = False  # the request sends a body (POST data)

    @property
    def token(self) -> str | None:
        """The credential inside the first auth-like value, scheme removed (secret)."""
        if not self.values:
            return None
        return split_scheme(self.values[0])[1]


def split_scheme(value: str) -> tuple[str, str]:
    """Split ``Bearer xyz`` into (``Bearer ``, ``xyz``): scheme word, one separator, rest."""
    match = _SCHEME_RE.match(value)
    if match is None:
        return '', value
    sep = match.group(2) + match.group(3)[:1]
    return match.group(1) + sep, value[len(match.group(1)) + len(sep) :]


def is_auth_name(name: str) -> bool:
    """``Authorization`` or a look-alike (``Authorisation``, ``X-API-Key``)."""
    low = name.lower()
    if low in _ALT_NAMES or low == 'authorization':
        return True
    return difflib.SequenceMatcher(None, low, 'authorization').ratio() >= 0.8


def header_pairs(lines: Iterable[str]) -> list[tuple[str, str]]:
    """(name, value) for every header-shaped line, indentation and a leading BOM ignored."""
    pairs: list[tuple[str, str]] = []
    for line in lines:
        text = line.lstrip(_LEADING)
        match = LINE_RE.match(text)
        if match and match.group(1).lower() not in NOT_NAMES:
            pairs.append((match.group(1), text[match.end() :].lstrip(' \t')))
    return pairs


def from_pairs(
    pairs: list[tuple[str, str]],
    form: str,
    *,
    url: str = '',
    has_body: bool = False,
    implied_type: str | None = None,
) -> ParsedHeader:
    """Auth-like headers and Content-Type among ``pairs`` (``implied_type``: curl --json)."""
    auth = [(n, v) for n, v in pairs if is_auth_name(n)]
    ctype = next((v for n, v in pairs if n.lower() == 'content-type'), implied_type)
    return ParsedHeader(
        form,
        tuple(n for n, _ in auth),
        tuple(v for _, v in auth),
        error='' if auth else 'No Authorization header found in the input',
        url=url,
        content_type=ctype,
        has_body=has_body,
    )
