"""What a pasted header, request or curl command holds: the parsed form and header-line reader.

Evidence: docs/evidence.md#header-forms.

Values are secret (they hold the key): ``ParsedHeader`` keeps them out of its repr.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import re
from collections.abc import Iterable

# Header names people use instead of Authorization (docs/evidence.md#header-forms).
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

    form: str  # a key of header.FORMS ('value', 'line', 'http', 'curl', 'httpie', ...)
    names: tuple[str, ...] = ()  # auth-like header names as written ('' for a bare value)
    values: tuple[str, ...] = dataclasses.field(default=(), repr=False)
    basic_user: bool = False  # curl -u/--user: Basic auth
    error: str = ''  # secret-free reason the text could not be read
    url: str = dataclasses.field(default='', repr=False)  # the request URL, when the form has one
    content_type: str | None = dataclasses.field(default=None, repr=False)
    has_body: bool = False  # the request sends a body (POST data)
    # Names only, never values. expanded: variables the shell/code would fill in, taken from
    # the doctor's environment (unset: those not set there); literal_vars: '$NAME' kept
    # literally by single quotes; interpolated: a code expression the doctor cannot evaluate.
    expanded: tuple[str, ...] = ()
    unset: tuple[str, ...] = ()
    literal_vars: tuple[str, ...] = ()
    interpolated: str = ''
    expanded_by: str = 'the shell'

    @property
    def credentials(self) -> int:
        """How many comma-separated credentials the first value holds (``Bearer a, Bearer b``)."""
        return len(_credentials(self.values[0])) if self.values else 0

    @property
    def token(self) -> str | None:
        """The credential inside the first auth-like value, scheme removed (secret).

        ``None`` when the value is built by code the doctor cannot run. For ``Basic`` the
        password inside the base64 ``user:password`` (where people put the key); for several
        comma-separated credentials the first one (header.count fails on the rest).
        """
        if not self.values or self.interpolated:
            return None
        value = self.values[0]
        if self.credentials > 1:
            value = value.split(',', 1)[0].rstrip(' \t')
        scheme, rest = split_scheme(value)
        if scheme.rstrip(': \t').lower() == 'basic':
            return _basic_secret(rest) or rest
        return rest


def _credentials(value: str) -> list[str]:
    return [part for part in value.split(',') if part.strip()]


def _basic_secret(encoded: str) -> str | None:
    try:
        plain = base64.b64decode(encoded.strip(), validate=True).decode('utf-8')
    except (binascii.Error, ValueError):
        return None
    user, colon, password = plain.partition(':')
    return (password or user) if colon else None


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
    import difflib  # lazy: only a pasted header needs it (start-up time)

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
