"""The tables behind the key checks: quotes, placeholders, other vendors' keys, character names.

Evidence: docs/evidence.md#key-text (quotes, invisible characters, placeholders, truncated copies).
"""

from __future__ import annotations

import re
import unicodedata

from ffaudit.engine import shapes

QUOTES = {'"': '"', "'": "'", '`': '`', '\u201c': '\u201d', '\u2018': '\u2019', '\u00ab': '\u00bb'}
ALL_QUOTES = ''.join(frozenset(QUOTES) | frozenset(QUOTES.values()) | {'\u201d', '\u2019'})
# 'Bearer'/'Authorization' never start a real key, so no word boundary is needed ('BearerKEY');
# 'Token'/'Basic' need one.
SCHEME_RE = re.compile(r'(?i)^(bearer|authorization|(?:token|basic)\b)')
# A whole 'NAME=value' or 'NAME: value' line pasted as the key ('=' is not inside a b64token).
ASSIGNMENT_RE = re.compile(r'^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(=|:\s)\s*\S')
_SAFE_NAME_RE = re.compile(r'[A-Z][A-Z0-9_]*|(?i:.*(key|token|secret).*)')
WS_NAMES = {' ': 'a space', '\t': 'a tab', '\r': 'a carriage return (\\r)', '\n': 'a newline (\\n)'}
_CONTROL_NAMES = {
    0x00: 'NUL',
    0x08: 'BACKSPACE',
    0x09: 'CHARACTER TABULATION',
    0x0A: 'LINE FEED',
    0x0B: 'LINE TABULATION',
    0x0C: 'FORM FEED',
    0x0D: 'CARRIAGE RETURN',
    0x1B: 'ESC',
    0x7F: 'DEL',
}
_DUMMY_WORDS = (
    r'changeme|placeholder|dummy|test|example|sample|demo|fake|secret|password'
    r'|todo|tbd|fixme|redacted|removed|hidden'
)
# op://vault/item/field (1Password), vault:..., arn:aws:secretsmanager:..., Azure Key Vault and
# GCP Secret Manager names: a reference the runner should have resolved, not the secret.
_REFERENCE = (
    r'(?i)^([a-z][a-z0-9+-]{1,20}://\S|vault:\S|arn:aws:(secretsmanager|ssm):'
    r'|@microsoft\.keyvault\(|projects/[^/]+/secrets/)'
)
# Unexpanded variables and placeholders (docs/evidence.md#key-text); each pattern names its kind.
PLACEHOLDERS = (
    (re.compile(r'(?i)^\$env:\w+$'), 'an unexpanded PowerShell variable ($env:NAME)'),
    (re.compile(r'(?i)^\$\{env:\w+\}$'), 'an unexpanded VS Code variable (${env:NAME})'),
    (re.compile(r'^\$\{\w+\}$|^\$\w+$|^\$\(.*\)$'), 'an unexpanded shell variable'),
    (re.compile(r'^%\w+%$'), 'an unexpanded Windows variable (%VAR%)'),
    (re.compile(r'^\{\{.*\}\}$|^\$\{\{.*\}\}$', re.S), 'an unexpanded template ({{ ... }})'),
    (re.compile(_REFERENCE), 'a secret-manager reference, not the secret itself'),
    (re.compile(r'^<[^<>]*>$'), 'a documentation placeholder (<...>)'),
    (re.compile(r'^\[[^\[\]]*\]$'), 'a documentation placeholder ([...])'),
    (re.compile(r'(?i)^(your|my|insert|replace|enter)[ _-]'), 'a documentation placeholder'),
    (re.compile(rf'(?i)^(x{{3,}}|\*{{3,}}|\.{{3,}}|{_DUMMY_WORDS})$'), 'a dummy value'),
    (
        re.compile(rf'(?i)^({_DUMMY_WORDS}|api|my)[ _-]?(api[ _-]?)?(key|token)$'),
        'a dummy value',
    ),
    # xxxxxxxx-xxxx-..., the nil UUID, 0000...: one character repeated, dashes allowed
    (re.compile(r'(?i)^([0-9a-z*#])(?:\1|-){7,}$'), 'a dummy value (one repeated character)'),
    (
        re.compile(r'(?i)^(none|null|undefined|nil|nan|true|false|""|\'\')$'),
        'a programming-language null/boolean',
    ),
    (re.compile(r'^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$'), 'a variable name, not its value'),
)
UUID4_RE = re.compile(rf'^{shapes.UUID4}$')
HEX32_RE = re.compile(rf'^{shapes.HEX32}$')
# Any UUID version or 32 hex digits: the shapes a placeholder key is checked in (text_checks.py).
ANY_KEY_RE = re.compile(r'(?i)[0-9a-f]{8}(-?[0-9a-f]{4}){3}-?[0-9a-f]{12}')
# The start of a UUID (8-4-4-4-12) cut short: a truncated copy.
UUID_PREFIX_RE = re.compile(r'(?i)^[0-9a-f]{8}-(?:[0-9a-f]{4}-){0,3}[0-9a-f]{0,11}$')
# Other vendors' documented key prefixes, so a mix-up is named (first match wins).
VENDORS = (
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


def char_name(char: str) -> str:
    """``U+200B ZERO WIDTH SPACE``: code point and Unicode (or control) name."""
    code = ord(char)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(char, 'control character')
    return f'U+{code:04X} {name}'


def assignment_name(value: str) -> str | None:
    """The ``NAME`` of a pasted ``NAME=value`` line (a safe-looking name, else ``'NAME'``)."""
    match = ASSIGNMENT_RE.match(value)
    if match is None:
        return None
    name = match.group(1)
    return name if len(name) <= 40 and _SAFE_NAME_RE.fullmatch(name) else 'NAME'
