"""Offline checks on the key's text: whitespace, quotes, scheme, placeholders, charset, shape.

Every message describes the key (length, positions, Unicode names), never its characters.
Evidence: docs/evidence.md#key-text; the tables are in ``patterns.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from ffaudit.doctor.inputs import DoctorInput
from ffaudit.doctor.key import patterns
from ffaudit.doctor.key import surroundings
from ffaudit.engine.placeholders import WELL_KNOWN
from ffaudit.engine.placeholders import is_placeholder
from ffaudit.model import CheckResult
from ffaudit.model import Status

SECTION = 'Credentials'
Verdict = tuple[Status, str, str]  # status, message, remediation
Check = Callable[[DoctorInput], CheckResult]
_RECOPY = 'Copy the key again from app.fireflies.ai > Integrations > Fireflies API'
_SHORT = 16  # shorter than any plausible API key: a truncated copy


def _bare(value: str) -> str:
    return value.strip().strip(patterns.ALL_QUOTES).strip()


def _chars(n: int) -> str:
    return f'{n} character{"" if n == 1 else "s"}'


def _trailing_fix(char: str) -> str:
    if char in '\r\n':
        return 'Save the key without a newline (printf %s, or echo -n)'
    return 'Remove the trailing whitespace'


def whitespace(value: str) -> Verdict:
    """Leading, trailing or internal whitespace (CR/LF from files, pasted spaces)."""
    if value != value.lstrip():
        what = patterns.WS_NAMES.get(value[0], patterns.char_name(value[0]))
        return Status.FAIL, f'The key starts with {what}', 'Remove the leading whitespace'
    if value != value.rstrip():
        what = patterns.WS_NAMES.get(value[-1], patterns.char_name(value[-1]))
        why = ', likely CRLF line endings' if value.endswith('\r') else ''
        return Status.FAIL, f'The key ends with {what}{why}', _trailing_fix(value[-1])
    inside = [(i, c) for i, c in enumerate(value) if c.isspace()]
    if inside:
        named = ', '.join(f'{patterns.char_name(c)} at index {i}' for i, c in inside[:3])
        more = f' and {len(inside) - 3} more' if len(inside) > 3 else ''
        return Status.FAIL, f'The key contains whitespace: {named}{more}', _RECOPY
    return Status.PASS, 'No stray whitespace', ''


def quotes(value: str) -> Verdict:
    """Quotes kept as part of the value (docker --env-file, CI UIs, smart quotes)."""
    text = value.strip()
    fix = 'Remove the quotes from the secret or .env value'
    if len(text) >= 2 and patterns.QUOTES.get(text[0]) == text[-1]:
        return Status.FAIL, f'The key is wrapped in quotes ({patterns.char_name(text[0])})', fix
    if text[:1] in patterns.ALL_QUOTES or text[-1:] in patterns.ALL_QUOTES:
        return Status.FAIL, 'The key starts or ends with a quote character', fix
    return Status.PASS, 'Not wrapped in quotes', ''


def scheme(value: str) -> Verdict:
    """The auth scheme or a ``NAME=`` prefix stored inside the key."""
    text = value.strip().strip(patterns.ALL_QUOTES)
    match = patterns.SCHEME_RE.match(text)
    if match is not None:
        word = match.group(1).capitalize()
        msg = f"The key starts with '{word}'; the client adds the scheme, so it is sent twice"
        return Status.FAIL, msg, 'Store only the key itself, without the scheme'
    name = patterns.assignment_name(text)
    if name is not None:
        msg = f"The key starts with '{name}=': a whole NAME=value line was pasted as the key"
        return Status.FAIL, msg, 'Store only the value after the = sign'
    return Status.PASS, 'No auth scheme or NAME= prefix inside the key', ''


def _placeholder_uuid(text: str, fix: str) -> Verdict:
    msg = 'The key looks like a placeholder UUID (repeated, sequential or a known example)'
    # a well-formed random key can hold a 6-digit run by chance (~3 in 100,000): only warn then
    real = patterns.UUID4_RE.match(text) or patterns.HEX32_RE.match(text)
    status = Status.WARN if real and text.lower() not in WELL_KNOWN else Status.FAIL
    return status, msg, fix


def placeholder(value: str) -> Verdict:
    """Placeholders and variables that were never expanded."""
    text = _bare(value)
    fix = 'Set the real key (in shell use double quotes or none; in CI set the secret)'
    if not text:
        return Status.FAIL, 'The key is only a pair of quotes: an empty value', fix
    if (
        surroundings.core(text) is not None
    ):  # a real-looking key inside <...> or [...]: see key.shape
        if patterns.ANY_KEY_RE.fullmatch(text) and is_placeholder(text):
            return _placeholder_uuid(text, fix)
        return Status.PASS, 'Not a placeholder', ''
    for pattern, kind in patterns.PLACEHOLDERS:
        if pattern.search(text):
            return Status.FAIL, f'The key looks like {kind}', fix
    return Status.PASS, 'Not a placeholder', ''


def charset(value: str) -> Verdict:
    """Non-ASCII and control characters, named by index and Unicode name."""
    bad = [(i, c) for i, c in enumerate(value) if not ('\x20' <= c <= '\x7e' or c in ' \t\r\n')]
    if not bad:
        return Status.PASS, 'Printable ASCII only', ''
    named = ', '.join(f'{patterns.char_name(c)} at index {i}' for i, c in bad[:3])
    more = f' and {len(bad) - 3} more' if len(bad) > 3 else ''
    why = ' (a truncated copy)' if any(c == '\u2026' for _, c in bad) else ''
    return Status.FAIL, f'The key contains {named}{more}{why}', _RECOPY + ' in a plain-text editor'


def _truncated(text: str) -> Verdict | None:
    if text.endswith(('...', '\u2026')):
        msg = f"The key ends with '...' (len={len(text)}): a truncated copy, not the whole key"
        return Status.FAIL, msg, _RECOPY
    if patterns.UUID_PREFIX_RE.match(text):
        msg = f'The key is the first {_chars(len(text))} of a 36-character key: truncated?'
        return Status.WARN, msg, _RECOPY
    if len(text) < _SHORT:
        msg = f'The key is only {_chars(len(text))} long; it may have been truncated'
        return Status.WARN, msg, _RECOPY
    return None


def _extra_fix(extra: str) -> str:
    if 'literal' in extra:
        return 'Remove the escape sequence: store the key alone (printf %s, not echo -e)'
    return 'Store only the key itself, without what surrounds it'


def shape(value: str) -> Verdict:
    """Fireflies keys look like a UUIDv4 (older: 32 hex); the format is undocumented: warn."""
    text = _bare(value)
    if patterns.UUID4_RE.match(text) or patterns.HEX32_RE.match(text):
        return Status.PASS, f'Looks like a Fireflies key (len={len(text)})', ''
    extra = surroundings.surroundings(text)
    if extra == surroundings.TWICE:
        return Status.FAIL, 'The key is pasted twice (two copies of one key)', 'Paste it once'
    if extra is not None:
        return Status.FAIL, f'The key is a Fireflies-shaped key with {extra}', _extra_fix(extra)
    for pattern, vendor in patterns.VENDORS:
        if pattern.search(text):
            return Status.WARN, f'The key looks like {vendor}, not a Fireflies key', _RECOPY
    cut = _truncated(text)
    if cut is not None:
        return cut
    msg = f'Unusual shape (len={len(text)}); Fireflies keys look like a UUIDv4 or 32 hex digits'
    return Status.WARN, msg, 'Check that this is the Fireflies API key (the format is undocumented)'


JUDGES: tuple[tuple[str, Callable[[str], Verdict]], ...] = (
    ('key.whitespace', whitespace),
    ('key.quotes', quotes),
    ('key.scheme', scheme),
    ('key.placeholder', placeholder),
    ('key.charset', charset),
    ('key.shape', shape),
)


def on_key(check_id: str, judge: Callable[[str], Verdict]) -> Check:
    """The check ``check_id``: ``judge`` applied to the key; SKIP when there is no key."""

    def check(inp: DoctorInput) -> CheckResult:
        if inp.key is None or not inp.key.strip():
            return CheckResult(check_id, Status.SKIP, 'No key to inspect', '', SECTION)
        status, message, hint = judge(inp.key)
        return CheckResult(check_id, status, message, hint, SECTION)

    return check


CHECK_IDS = tuple(cid for cid, _ in JUDGES)
# (check id, check) pairs for doctor.CHECKS, built from JUDGES: each id is written once
CHECKS: tuple[tuple[str, Check], ...] = tuple((cid, on_key(cid, judge)) for cid, judge in JUDGES)
