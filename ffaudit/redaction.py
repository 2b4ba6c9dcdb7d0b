"""Every rule for text leaving ffaudit: fingerprints, previews, masking and visible escapes. Pure.

- ``fingerprint`` / ``redact``: how a found key is named in output (a hash, a 4-character preview);
- ``mask`` / ``leaks``: a known secret (any 6-character run of it, in any case, with or without
  dashes) and ``Bearer x`` / ``api_key=x`` credentials are replaced by ``<redacted>``;
- ``mask_argv_like``: key-shaped runs in what the user typed (a key pasted where a path belongs
  must not come back in "cannot read <path>");
- ``mask_key_shaped`` / ``path_text``: names a committer chose (file and folder names, remote
  URLs): only the Fireflies key shapes are masked, so ``0001_initial_schema.py`` stays readable;
- ``escape_controls``: control, format and separator characters (a newline that would start a
  ``::error::`` workflow command, terminal escapes, bidi overrides) shown as ``\\n``, ``\\x1b``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MASK = '<redacted>'
REDACTED = MASK
MIN_SLICE = 6  # a shown run of this many characters of the key counts as a leak
UNSAFE = frozenset({'Cc', 'Cf', 'Cs', 'Co', 'Cn', 'Zl', 'Zp'})
_NAMED = {'\n': '\\n', '\r': '\\r', '\t': '\\t'}
# UUIDs of any version and 32+ hex runs (the Fireflies shapes), and long mixed letter/digit
# tokens (4+ digits and 4+ letters) such as other vendors' keys (sk-..., ghp_...): none of
# them is worth echoing back, while snake_case path parts stay readable.
_KEY_SHAPES = (
    r'[0-9A-Fa-f]{8}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12}'
    r'|[0-9A-Fa-f]{32,}'
)
# in names: a UUID or exactly 32 hex digits, not part of a longer hex run (a git commit id)
_KEY_SHAPED = re.compile(
    r'(?<![0-9A-Fa-f])[0-9A-Fa-f]{8}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?'
    r'[0-9A-Fa-f]{12}(?![0-9A-Fa-f])'
)
_SECRET_LIKE = re.compile(
    _KEY_SHAPES
    + r'|(?<![\w-])(?=(?:[A-Za-z_-]*[0-9]){4})(?=(?:[0-9_-]*[A-Za-z]){4})[\w-]{24,}(?![\w-])'
)
# credentials a server may echo even when the key is unknown (explain): 'Bearer xyz', 'api_key=xyz'
_SCHEME_RE = re.compile(r'(?i)\b(bearer|basic)(\s+"?)[^\s",;&]+')
_NAMED_RE = re.compile(
    r'(?i)\b(authorization|api[_-]?key|(?:access[_-]?)?token)("?\s*[:=]\s*"?)(?!bearer\b|basic\b)[^\s",;&]+'
)
_HEX32 = re.compile(r'[0-9a-f]{32}')
_ASCII_LOWER = str.maketrans('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')


def fingerprint(secret: str) -> str:
    """Return a short, stable, non-reversible id for ``secret`` (12 hex digits of SHA-256)."""
    import hashlib  # imported here: a clean run never needs it (start-up time)

    return hashlib.sha256(secret.encode('utf-8', 'surrogatepass')).hexdigest()[:12]


def redact(secret: str) -> str:
    """Return a preview of ``secret`` that is safe to print: its first 4 characters."""
    return f'{secret[:4]}...'


def mask_argv_like(text: str) -> str:
    """Replace every key-shaped run in ``text`` with ``<redacted>``."""
    return _SECRET_LIKE.sub(MASK, text)


def mask_key_shaped(text: str) -> str:
    """Replace every Fireflies-key-shaped run in ``text``: a UUID, or 32 hex digits (not 40)."""
    return _KEY_SHAPED.sub(MASK, text)


def path_text(path: str) -> str:
    """``path`` safe to show: undecodable bytes as ``\\xff``, key-shaped runs masked, escapes."""
    text = path.encode('utf-8', 'surrogateescape').decode('utf-8', 'backslashreplace')
    return escape_controls(mask_key_shaped(text))


def mask(value: str, secrets: Iterable[str]) -> str:
    """Replace each run of ``value`` that repeats 6+ characters of a secret, and any credential.

    A secret counts in any ASCII case, without its dashes, and (32 hex digits) as a dashed UUID.
    """
    for secret in secrets:
        value = _mask_one(value, secret.strip())
    for regex in (_SCHEME_RE, _NAMED_RE):
        value = regex.sub(lambda m: f'{m.group(1)}{m.group(2)}{REDACTED}', value)
    return value


def leaks(value: str, secret: str) -> bool:
    """Does ``value`` repeat the secret, or 6+ consecutive characters of it?"""
    return _mask_one(value, secret.strip()) != value


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


def _mask_one(value: str, secret: str) -> str:
    if len(secret) < MIN_SLICE:
        return value.replace(secret, REDACTED) if secret else value
    low = value.translate(_ASCII_LOWER)
    covered = [False] * len(value)
    for form in _forms(secret):
        for i in range(len(form) - MIN_SLICE + 1):
            start = low.find(form[i : i + MIN_SLICE])
            while start != -1:
                covered[start : start + MIN_SLICE] = [True] * MIN_SLICE
                start = low.find(form[i : i + MIN_SLICE], start + 1)
    if not any(covered):
        return value
    parts = []
    for i, char in enumerate(value):
        if not covered[i]:
            parts.append(char)
        elif i == 0 or not covered[i - 1]:
            parts.append(REDACTED)
    return ''.join(parts)


def _forms(secret: str) -> set[str]:
    # a server may echo the key in any case, with its dashes removed, or (for a 32-hex key)
    # dashed like a UUID: every form is searched, so no 6-character run of any of them shows
    key = secret.translate(_ASCII_LOWER)
    bare = key.replace('-', '')
    forms = {key, bare}
    if _HEX32.fullmatch(bare):
        forms.add(f'{bare[:8]}-{bare[8:12]}-{bare[12:16]}-{bare[16:20]}-{bare[20:]}')
    return forms
