"""Context predicates for ``detect``: binding names, Fireflies/vendor mentions, placeholders.

Pure string functions, no I/O. Evidence: ../shared/reference/fireflies-api.md ("api.md §N").
"""

from __future__ import annotations

import re

FIREFLIES = 'fireflies'  # a Fireflies credential name: FIREFLIES_API_KEY, firefliesApiKey, ...
MISSPELT = 'misspelt'  # FIREFLY_API_KEY: counts only where the text calls api.fireflies.ai
GENERIC = 'generic'  # api_key, token, secret, Bearer: counts only with Fireflies context
WEAK = 'weak'  # value, default: counts only next to a Fireflies credential name (k8s, Terraform)
OTHER = 'other'  # anything else: a non-secret id, another vendor's name, a hash

# api.md §1.2 "Names that sit near keys"; GENERIC names come from the repository rule.
_KEY_WORD_RE = re.compile(r'key|token|secret|auth|bearer|credential|password')
_GENERIC = frozenset(
    'apikey apitoken key token secret accesstoken authtoken bearer bearertoken authorization '
    'auth apisecret secretkey xapikey authkey accesskey password credential credentials'.split()
)
_GENERIC_PREFIXES = ('my', 'default', 'set', 'with', 'the')
_MISSPELT = frozenset({'fireflyapikey', 'fireflykey', 'fireflyapitoken', 'fireflytoken'})
# Names of digests near Fireflies code ("hashes near the word fireflies" are not keys).
_HASH_WORDS = ('hash', 'md5', 'sha1', 'sha256', 'sha512', 'checksum', 'digest', 'etag', 'commit')
_TYPE_WORDS = frozenset(
    'str string String const final var let val auto readonly static private public protected '
    'Optional Final ClassVar char new return export def'.split()
)
_TRAIL = ' \t"\'`\\'
_OPS = (':=', '=>', '||', '??', ':-', ' or', '=', ':', ',', '(', '>')
_IDENT_RE = re.compile(r'[A-Za-z_$@][\w.$@-]*')
_NAME_ATTR_RE = re.compile(r"""(?:name|key)\\?["']?\s*[:=]\s*\\?["']([^"'\\]+)\\?["'][^"']*$""")
_TAG_RE = re.compile(r'<([A-Za-z_][\w.:-]*)[^<>]*$')
# api.md §1.2: hosts and names; "fireflies" alone, not "firefly" (Firefly III, Adobe Firefly).
_TALKS_RE = re.compile(
    r'(?i)fireflies(?:\.ai|ai|[_-]?api|[_-]?key|[_-]?token|[_-]?webhook|[_-]?client|[_-]?sdk)'
    r'|FIREFLIES_'
)
_DECLARED_NAME_RE = re.compile(r'(?i)\b(?:name|variable|key)\b["\'\s:=]*([\w./-]+)')
_API_HOST_RE = re.compile(r'(?i)api\.fireflies\.ai')
# api.md §1.2 and scanners.md §2: other products whose keys are UUID- or 32-hex-shaped.
_VENDOR_RE = re.compile(
    r'(?i)heroku|hubspot|firefly[\s_-]*iii|adobe|hyperledger|firefly\.ai|datadog|sentry|'
    r'bugsnag|rollbar|twilio|algolia|mailchimp|launchdarkly|pagerduty|azure|new[\s_-]?relic|'
    r'netlify|okta|segment\.(?:io|com)'
)
_SECTION_RE = re.compile(
    r"""(?i)^\s*(?:["']?[\w.-]*fireflies[\w.-]*["']?\s*[:=]\s*[{\[]?\s*|\[[\w."-]*fireflies[\w."-]*\]\s*)$"""
)
_PLACEHOLDER_WORDS = (
    'your', 'change', 'example', 'placeholder', 'xxxx', '****', 'replace', 'dummy', 'redacted',
    'todo', 'secret_here', 'insert', '...',
)  # fmt: skip
_REFERENCE_RE = re.compile(r'[A-Z][A-Z0-9_]*|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+')
_WORDS_RE = re.compile(r'[a-z]+(?:[-_][a-z]+)+')
_HEX_ORDER = '0123456789abcdef'


def binding_name(prefix: str) -> str | None:
    """Return the name a value is bound to, given the text before it on its line, or None."""
    p = prefix.rstrip(_TRAIL)
    if p[-6:].lower() == 'bearer':
        return 'bearer'  # api.md §1.1: every request sends ``Authorization: Bearer <key>``
    for op in _OPS:
        if p.endswith(op):
            rest = p[: -len(op)].rstrip(_TRAIL)
            return _tag_name(rest) if op == '>' else _last_identifier(rest)
    return None


def classify(name: str) -> str:
    """Say whether ``name`` is a Fireflies, misspelt, generic or other name."""
    lower = name.lower()
    norm = re.sub(r'[^a-z0-9]', '', lower)
    if any(w in norm for w in _HASH_WORDS) or 'webhook' in norm:
        return OTHER  # webhook secrets have their own rule
    if 'fireflies' in norm and _KEY_WORD_RE.search(norm):
        return FIREFLIES
    if norm in _MISSPELT:
        return MISSPELT
    last = re.sub(r'[^a-z0-9]', '', lower.rsplit('.', 1)[-1])
    if last in _GENERIC or any(last == p + g for p in _GENERIC_PREFIXES for g in _GENERIC):
        return GENERIC
    return WEAK if last in ('value', 'default') else OTHER


def names_fireflies_credential(text: str) -> bool:
    """True when the last ``name:``/``variable``/``key=`` in ``text`` is a Fireflies credential."""
    names = _DECLARED_NAME_RE.findall(text)
    return bool(names) and classify(names[-1]) == FIREFLIES


def mentions_fireflies(text: str) -> bool:
    """True when ``text`` says "fireflies" (never just "firefly")."""
    return 'fireflies' in text.lower()


def talks_to_fireflies(text: str) -> bool:
    """True when ``text`` names a Fireflies host, SDK or ``FIREFLIES_*`` variable."""
    return 'firefl' in text.lower() and _TALKS_RE.search(text) is not None


def talks_to_api_host(text: str) -> bool:
    """True when ``text`` names ``api.fireflies.ai``."""
    return _API_HOST_RE.search(text) is not None


def names_other_vendor(text: str) -> bool:
    """True when ``text`` names another vendor with UUID-shaped keys."""
    return _VENDOR_RE.search(text) is not None


def in_fireflies_section(text: str, pos: int) -> bool:
    """True when ``pos`` sits under a ``fireflies:`` YAML/JSON key or a ``[fireflies]`` table."""
    end = text.rfind('\n', 0, pos)
    indent = _indent(text, end + 1)
    for _ in range(60):
        if end < 0:
            return False
        start = text.rfind('\n', 0, end) + 1
        line, end = text[start:end], start - 1
        if not line.strip() or len(line) > 200:
            continue  # long lines are never section headers (and would make the regex slow)
        if line.lstrip().startswith('[') and line.rstrip().endswith(']'):
            return _SECTION_RE.match(line) is not None
        if _indent(text, start) < indent:
            if _SECTION_RE.match(line):
                return True
            indent = _indent(text, start)
    return False


def is_placeholder(value: str) -> bool:
    """True for nil, repeated, sequential or patterned hex values (api.md "Design" 5)."""
    hexes = value.lower().replace('-', '')
    if len(set(hexes)) <= 5:
        return True
    if any(hexes == (hexes[:k] * 33)[: len(hexes)] for k in range(2, 9)):
        return True
    return _longest_run(hexes) >= 6


def is_literal_secret(value: str) -> bool:
    """True when a webhook-secret value is a literal, not a lookup or a placeholder."""
    lower = value.lower()
    if value[0] in '$%<{[(' or '(' in value or '{' in value:
        return False
    if lower.startswith(('process.env', 'os.environ', 'os.getenv', 'env.', 'secrets.')):
        return False
    if any(w in lower for w in _PLACEHOLDER_WORDS) or len(set(lower)) <= 4:
        return False
    if 'webhook' in lower or 'firefl' in lower or _WORDS_RE.fullmatch(value):
        return False  # a name such as 'fireflies-webhook-secret', not a secret
    return _REFERENCE_RE.fullmatch(value) is None


def _last_identifier(rest: str) -> str | None:
    tokens: list[str] = _IDENT_RE.findall(rest[-120:])
    if not tokens or not _ends_with_name(rest):
        return None
    for token in reversed(tokens):
        name = token.strip('$@.-')
        if name and name not in _TYPE_WORDS:
            if name.lower() in ('value', 'val', 'content'):
                attr = _NAME_ATTR_RE.search(rest)
                return str(attr.group(1)) if attr else name
            return name
    return None


def _ends_with_name(rest: str) -> bool:
    # ``if key == "<uuid>"`` leaves ``if key =``: a comparison, not a binding.
    return rest[-1:] not in ('=', '!', '<', '>', '+', '*', '/')


def _tag_name(rest: str) -> str | None:
    m = _TAG_RE.search(rest)
    return m.group(1) if m else None


def _indent(text: str, start: int) -> int:
    i = start
    while i < len(text) and text[i] in ' \t':
        i += 1
    return i - start


def _longest_run(hexes: str) -> int:
    best = run_up = run_down = 1
    for a, b in zip(hexes, hexes[1:], strict=False):
        d = _HEX_ORDER.find(b) - _HEX_ORDER.find(a)
        run_up = run_up + 1 if d == 1 else 1
        run_down = run_down + 1 if d == -1 else 1
        best = max(best, run_up, run_down)
    return best
