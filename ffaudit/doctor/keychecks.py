"""Offline checks on the key's text: whitespace, quotes, scheme, placeholders, charset, shape.

Every message describes the key (length, positions, Unicode names), never its characters.
Catalogue and evidence: ../shared/reference/doctor.md §2 (#8-#17, #30).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from ffaudit.doctor.inputs import DoctorInput
from ffaudit.model import CheckResult
from ffaudit.model import Status

SECTION = 'Credentials'
Verdict = tuple[Status, str, str]  # status, message, remediation
_RECOPY = 'copy the key again from app.fireflies.ai > Integrations > Fireflies API'
_QUOTES = {'"': '"', "'": "'", '`': '`', '\u201c': '\u201d', '\u2018': '\u2019', '\u00ab': '\u00bb'}
_ALL_QUOTES = frozenset(_QUOTES) | frozenset(_QUOTES.values()) | {'\u201d', '\u2019'}
_SCHEME_RE = re.compile(r'(?i)^(bearer|token|basic|authorization)\b')
_WS_NAMES = {
    ' ': 'a space',
    '\t': 'a tab',
    '\r': 'a carriage return (\\r)',
    '\n': 'a newline (\\n)',
}
_CONTROL_NAMES = {0: 'NUL', 0x1B: 'ESC', 0x7F: 'DEL', 0x0B: 'VT', 0x0C: 'FF', 0x08: 'BS'}
# Unexpanded variables and placeholders (doctor.md §2 #17); each pattern names its kind.
_PLACEHOLDERS = (
    (re.compile(r'^\$\{\w+\}$|^\$\w+$|^\$\(.*\)$'), 'an unexpanded shell variable'),
    (re.compile(r'^%\w+%$'), 'an unexpanded Windows variable (%VAR%)'),
    (re.compile(r'^\{\{.*\}\}$|^\$\{\{.*\}\}$', re.S), 'an unexpanded template ({{ ... }})'),
    (re.compile(r'^<[^<>]*>$|^\[[^\[\]]*\]$'), 'a documentation placeholder (<...>)'),
    (re.compile(r'(?i)^(your|my|insert|replace|enter)[ _-]'), 'a documentation placeholder'),
    (
        re.compile(r'(?i)^(x{3,}|\*{3,}|\.{3,}|changeme|placeholder|dummy|test|example)$'),
        'a dummy value',
    ),
    (
        re.compile(r'(?i)^(none|null|undefined|nil|nan|true|false|""|\'\')$'),
        'a programming-language null/boolean',
    ),
    (re.compile(r'^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$'), 'a variable name, not its value'),
)
_UUID4_RE = re.compile(r'(?i)^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$')
_HEX32_RE = re.compile(r'(?i)^[0-9a-f]{32}$')
# Other vendors' documented key prefixes, so a mix-up is named (first match wins).
_VENDORS = (
    (re.compile(r'^sk-ant-'), 'an Anthropic API key'),
    (re.compile(r'^sk-'), 'an OpenAI API key'),
    (re.compile(r'^(gh[pousr]_|github_pat_)'), 'a GitHub token'),
    (re.compile(r'^glpat-'), 'a GitLab token'),
    (re.compile(r'^xox[abposr]-'), 'a Slack token'),
    (re.compile(r'^(sk|rk|pk)_(live|test)_'), 'a Stripe key'),
    (re.compile(r'^(AKIA|ASIA)[0-9A-Z]{16}$'), 'an AWS access key id'),
    (re.compile(r'^AIza'), 'a Google API key'),
    (re.compile(r'^eyJ[\w-]*\.[\w-]*\.[\w-]*$'), 'a JWT (an OAuth or session token)'),
)


def _char_name(char: str) -> str:
    code = ord(char)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(char, 'control character')
    return f'U+{code:04X} {name}'


def whitespace(value: str) -> Verdict:
    """Leading, trailing or internal whitespace (CR/LF from files, pasted spaces)."""
    if value != value.lstrip():
        what = _WS_NAMES.get(value[0], _char_name(value[0]))
        return Status.FAIL, f'the key starts with {what}', 'remove the leading whitespace'
    if value != value.rstrip():
        what = _WS_NAMES.get(value[-1], _char_name(value[-1]))
        why = ', likely CRLF line endings' if value.endswith('\r') else ''
        return Status.FAIL, f'the key ends with {what}{why}', 'save the key without a newline'
    inside = [i for i, c in enumerate(value) if c.isspace()]
    if inside:
        return Status.FAIL, f'the key contains whitespace at index {inside[0]}', _RECOPY
    return Status.PASS, 'no stray whitespace', ''


def quotes(value: str) -> Verdict:
    """Quotes kept as part of the value (docker --env-file, CI UIs, smart quotes)."""
    text = value.strip()
    fix = 'remove the quotes from the secret or .env value'
    if len(text) >= 2 and _QUOTES.get(text[0]) == text[-1]:
        return Status.FAIL, f'the key is wrapped in quotes ({_char_name(text[0])})', fix
    if text[:1] in _ALL_QUOTES or text[-1:] in _ALL_QUOTES:
        return Status.FAIL, 'the key starts or ends with a quote character', fix
    return Status.PASS, 'not wrapped in quotes', ''


def scheme(value: str) -> Verdict:
    """The auth scheme stored inside the key (``Bearer ...`` would become ``Bearer Bearer``)."""
    match = _SCHEME_RE.match(value.strip().strip(''.join(_ALL_QUOTES)))
    if match is None:
        return Status.PASS, 'no auth scheme inside the key', ''
    word = match.group(1).capitalize()
    msg = f"the key starts with '{word}'; the client adds the scheme, so it is sent twice"
    return Status.FAIL, msg, 'store only the key itself, without the scheme'


def placeholder(value: str) -> Verdict:
    """Placeholders and variables that were never expanded."""
    text = value.strip().strip(''.join(_ALL_QUOTES)).strip()
    for pattern, kind in _PLACEHOLDERS:
        if pattern.search(text):
            fix = 'set the real key (in shell use double quotes or none; in CI set the secret)'
            return Status.FAIL, f'the key looks like {kind}', fix
    return Status.PASS, 'not a placeholder', ''


def charset(value: str) -> Verdict:
    """Non-ASCII and control characters, named by index and Unicode name."""
    bad = [(i, c) for i, c in enumerate(value) if not ('\x20' <= c <= '\x7e' or c in ' \t\r\n')]
    if not bad:
        return Status.PASS, 'printable ASCII only', ''
    named = ', '.join(f'{_char_name(c)} at index {i}' for i, c in bad[:3])
    more = f' and {len(bad) - 3} more' if len(bad) > 3 else ''
    why = ' (a truncated copy)' if any(c == '\u2026' for _, c in bad) else ''
    return Status.FAIL, f'the key contains {named}{more}{why}', _RECOPY + ' in a plain-text editor'


def shape(value: str) -> Verdict:
    """Fireflies keys look like a UUIDv4 (older: 32 hex); the format is undocumented: warn."""
    text = value.strip().strip(''.join(_ALL_QUOTES)).strip()
    if _UUID4_RE.match(text) or _HEX32_RE.match(text):
        return Status.PASS, f'looks like a Fireflies key (len={len(text)})', ''
    for pattern, vendor in _VENDORS:
        if pattern.search(text):
            return Status.WARN, f'the key looks like {vendor}, not a Fireflies key', _RECOPY
    msg = f'unusual shape (len={len(text)}); Fireflies keys look like a UUIDv4 or 32 hex digits'
    return Status.WARN, msg, 'check that this is the Fireflies API key (the format is undocumented)'


def _on_key(inp: DoctorInput, check: str, judge: Callable[[str], Verdict]) -> CheckResult:
    if inp.key is None or not inp.key.strip():
        return CheckResult(check, Status.SKIP, 'no key to inspect', '', SECTION)
    status, message, hint = judge(inp.key)
    return CheckResult(check, status, message, hint, SECTION)


def check_whitespace(inp: DoctorInput) -> CheckResult:
    """``key.whitespace``."""
    return _on_key(inp, 'key.whitespace', whitespace)


def check_quotes(inp: DoctorInput) -> CheckResult:
    """``key.quotes``."""
    return _on_key(inp, 'key.quotes', quotes)


def check_scheme(inp: DoctorInput) -> CheckResult:
    """``key.scheme``."""
    return _on_key(inp, 'key.scheme', scheme)


def check_placeholder(inp: DoctorInput) -> CheckResult:
    """``key.placeholder``."""
    return _on_key(inp, 'key.placeholder', placeholder)


def check_charset(inp: DoctorInput) -> CheckResult:
    """``key.charset``."""
    return _on_key(inp, 'key.charset', charset)


def check_shape(inp: DoctorInput) -> CheckResult:
    """``key.shape``."""
    return _on_key(inp, 'key.shape', shape)
