"""Context predicates for ``detect``: binding names, Fireflies and other-vendor mentions.

Pure string functions, no I/O. Evidence: docs/evidence.md#names-and-hosts.
"""

from __future__ import annotations

import functools
import re

FIREFLIES = 'fireflies'  # a Fireflies credential name: FIREFLIES_API_KEY, firefliesApiKey, ...
MISSPELT = 'misspelt'  # FIREFLY_API_KEY: counts only where the text calls api.fireflies.ai
GENERIC = 'generic'  # api_key, token, secret, Bearer: counts only with Fireflies context
WEAK = 'weak'  # value, default: counts only next to a Fireflies credential name (k8s, Terraform)
BARE = 'bare'  # a bare ``key`` (React list keys, dict keys): only next to the API host
OTHER = 'other'  # anything else: a non-secret id, another vendor's name, a hash

# names seen next to leaked keys (docs/evidence.md#names-and-hosts); GENERIC names count only
# with repository context (docs/evidence.md#repository-context).
KEY_WORDS = 'key|token|secret|auth|bearer|credential|password'  # in a Fireflies credential name
_KEY_WORD_RE = re.compile(KEY_WORDS)
_GENERIC = frozenset(
    'apikey apitoken key token secret accesstoken authtoken bearer bearertoken authorization '
    'auth apisecret secretkey xapikey authkey accesskey password credential credentials '
    'bearerauth'.split()  # reqwest ``.bearer_auth("<key>")``
)
# ``ff``: FF_API_KEY is a Fireflies key only where the repository talks to Fireflies.
# A placeholder is judged by its value, never its name (docs/evidence.md#placeholders):
# ``your_api_key = '<uuid>'`` and ``YOUR_API_KEY_HERE`` are generic names, not other ones.
_GENERIC_PREFIXES = (
    'my', 'default', 'set', 'with', 'the', 'ff', 'your', 'example', 'sample', 'dummy', 'test',
    'fake', 'placeholder', 'demo',
)  # fmt: skip
_PLACEHOLDER_SUFFIX = 'here'  # YOUR_API_KEY_HERE, api_key_here
# A framework's own signing secret, never an API key, even beside FIREFLIES_API_KEY: Django and
# Flask ``SECRET_KEY``, Flask ``app.secret_key`` (docs/evidence.md#settings-files).
_FRAMEWORK_SECRETS = frozenset({'secretkey', 'jwtsecretkey', 'csrfsecretkey', 'wtfcsrfsecretkey'})
_GENERIC_NAMES = frozenset(p + g for p in ('', *_GENERIC_PREFIXES) for g in _GENERIC)
_MISSPELT = frozenset({'fireflyapikey', 'fireflykey', 'fireflyapitoken', 'fireflytoken'})
# Names of digests near Fireflies code ("hashes near the word fireflies" are not keys).
HASH_WORDS = ('hash', 'md5', 'sha1', 'sha256', 'sha512', 'checksum', 'digest', 'etag', 'commit')
_TYPE_WORDS = frozenset(
    'str string String const final var let val auto readonly static private public protected '
    'Optional Final ClassVar char new return export def As Dim Const ReadOnly Shared'.split()
)
_NON_ALNUM_RE = re.compile(r'[^a-z0-9]')
_KEY_ENDINGS = ('apikey', 'apitoken', 'accesstoken', 'authtoken', 'token', 'apisecret', 'secretkey')
# Qualifiers that say nothing about whose key it is (``self.api_key``, ``config.token``).
_NEUTRAL_QUALIFIERS = frozenset(
    'self this cls config cfg conf configuration settings setting options option opts env '
    'environ process os app application params param headers header auth credentials creds '
    'secrets secret default defaults api client ff session request req http globals global '
    'window module exports props state data values vars local my spring'.split()
)

TRAIL = ' \t"\'`\\'  # quotes, backslashes (escaped JSON) and blanks around a binding's operator
# binding operators, longest first; '|': a Markdown table cell
OPERATORS = (':=', '=>', '||', '??', ':-', ' or', '=', ':', ',', '(', '>', '|')
_IDENT_RE = re.compile(r'[A-Za-z_$@][\w.$@-]*')
# ``{"key": "token", "value": ...}`` (Postman), ``"ParameterKey": "X", "ParameterValue": ...``
_NAME_ATTR_RE = re.compile(r"""(?i)(?:name|key)\\?["']?\s*[:=]\s*\\?["']([^"'\\]+)\\?["']""")
_VALUE_NAMES = frozenset({'value', 'val', 'content', 'parametervalue', 'secretvalue'})
# ``gh secret set NAME --body "<key>"``; Dockerfile ``ENV NAME <key>``; csh/fish ``setenv``.
_FLAG_RE = re.compile(
    r'(?:secret|variable)\s+set\s+["\']?([\w.-]+)["\']?(?:\s+\S+)*?\s+(?:--body|-b)=?$'
)
# Windows ``setx NAME "<key>"``, fish ``set -Ux NAME <key>``, Clojure/Lisp ``(def name "<key>")``,
# ``aws secretsmanager create-secret --name NAME --secret-string "<key>"``.
_ENV_RE = re.compile(
    r'(?:^|[\s;(])(?:ENV|setenv|setx|set\s+-[A-Za-z]*x|def|defonce|defvar|setq)\s+'
    r'([A-Za-z_][\w.-]*)$'
)
_CLI_NAME_RE = re.compile(
    r'--name[= ]["\']?([\w./-]+)["\']?(?:\s+--?[\w-]+(?:[= ]\S+)?)*?\s+'
    r'--(?:secret-string|value)(?:=|$)'
)
_ANCHOR_RE = re.compile(r'(?<=:)[ \t]+(?:[&!][^\s:]*[ \t]*)+$')  # YAML ``KEY: &anchor <key>``
# ``Fireflies("<key>")``, ``fireflies.NewClient("<key>")``: the first positional argument.
_CLIENT_WORDS = frozenset(
    {'newclient', 'client', 'new', 'create', 'createclient', 'init', 'connect'}
)
_TAG_RE = re.compile(r'<([A-Za-z_][\w.:-]*)[^<>]*$')
# hosts and names; "fireflies" alone, not "firefly" (Firefly III, Adobe Firefly):
# docs/evidence.md#names-and-hosts.
_DECLARED_NAME_RE = re.compile(r'(?i)\b(?:name|variable|key)\b["\'\s:=>]*([\w./-]+)')


def binding_name(prefix: str) -> str | None:
    """Return the name a value is bound to, given the text before it on its line, or None."""
    p = prefix.rstrip(TRAIL)
    anchor = _ANCHOR_RE.search(p, max(0, len(p) - 80)) if '&' in p or '!' in p else None
    p = p[: anchor.start()] if anchor else p
    if p[-6:].lower() == 'bearer':
        return 'bearer'  # every Fireflies request sends ``Authorization: Bearer <key>``
    for op in OPERATORS:
        if p.endswith(op):
            rest = p[: -len(op)].rstrip(TRAIL)
            return _tag_name(rest) if op == '>' else _last_identifier(rest)
    named = _FLAG_RE.search(p) or _ENV_RE.search(p) or _CLI_NAME_RE.search(p)
    return named.group(1) if named else None


def callee(prefix: str) -> str | None:
    """Return the function a value is the first positional argument of, or None."""
    p = prefix.rstrip(TRAIL)
    return _last_identifier(p[:-1].rstrip()) if p.endswith('(') else None


def is_fireflies_client(name: str) -> bool:
    """True for ``Fireflies``, ``FirefliesClient``, ``fireflies.NewClient`` and the like."""
    lower = name.lower()
    last = lower.rsplit('.', 1)[-1]
    return 'fireflies' in lower and ('fireflies' in last or last in _CLIENT_WORDS)


@functools.lru_cache(maxsize=4096)
def may_name_fireflies(name: str) -> bool:
    """True for an OTHER name that can still bind a Fireflies key in the right place."""
    return is_fireflies_client(name) or is_vendor_entry(name) or ends_like_key(name)


def is_vendor_entry(name: str) -> bool:
    """True for a map entry named after Fireflies itself (``api_keys: {fireflies: <key>}``)."""
    return _NON_ALNUM_RE.sub('', name.lower()) in ('fireflies', 'firefliesai')


def ends_like_key(name: str) -> bool:
    """True for ``prod_api_key``, ``stagingToken``: a key-like name with a qualifier."""
    norm = _NON_ALNUM_RE.sub('', name.lower())
    return norm.endswith(_KEY_ENDINGS) and 'webhook' not in norm


def qualifier_names_other(name: str) -> bool:
    """True when a dotted name's qualifier is another object (``zoom.api-key``, ``aai.x``)."""
    parts = name.lower().split('.')
    if len(parts) < 2 or 'firefl' in name.lower():
        return False
    return any(_NON_ALNUM_RE.sub('', q) not in _NEUTRAL_QUALIFIERS for q in parts[:-1])


def is_value_name(name: str) -> bool:
    """True for ``value``, ``ParameterValue`` and the like: the name sits in a sibling attribute."""
    return name.lower() in _VALUE_NAMES


def attr_name(text: str) -> str | None:
    """Return the last ``"key": "X"`` / ``name="X"`` attribute value in ``text``, or None."""
    attrs: list[str] = _NAME_ATTR_RE.findall(text)
    return attrs[-1] if attrs else None


@functools.lru_cache(maxsize=4096)  # names repeat: a big JSON file binds every id to ``id``
def classify(name: str) -> str:
    """Say whether ``name`` is a Fireflies, misspelt, generic or other name."""
    lower = name.lower()
    norm = _NON_ALNUM_RE.sub('', lower)
    if any(w in norm for w in HASH_WORDS) or 'webhook' in norm:
        return OTHER  # webhook secrets have their own rule
    if 'fireflies' in norm and _KEY_WORD_RE.search(norm):
        return FIREFLIES
    if norm in _MISSPELT:
        return MISSPELT
    last = _NON_ALNUM_RE.sub('', lower.rsplit('.', 1)[-1])
    if last.endswith(_PLACEHOLDER_SUFFIX) and len(last) > len(_PLACEHOLDER_SUFFIX) + 2:
        last = last[: -len(_PLACEHOLDER_SUFFIX)]
    if last in _FRAMEWORK_SECRETS:
        return OTHER
    if last == 'key':
        return BARE  # ``{ key: '<uuid>', label: ... }`` is a React list key
    if last in _GENERIC_NAMES or (last[-1:] == 's' and last[:-1] in _GENERIC_NAMES - {'key'}):
        return GENERIC  # api_keys, tokens: a list or map of keys
    return WEAK if last in ('value', 'default', 'string') else OTHER


def names_fireflies_credential(text: str) -> bool:
    """True when the last ``name:``/``variable``/``key=`` in ``text`` is a Fireflies credential."""
    name = declared_name(text)
    return name is not None and classify(name) == FIREFLIES


def declared_name(text: str) -> str | None:
    """Return the last ``name: X`` / ``"name": "X"`` / ``variable X`` / ``key=X`` in ``text``."""
    names: list[str] = _DECLARED_NAME_RE.findall(text)
    return names[-1] if names else None


def _last_identifier(rest: str) -> str | None:
    tokens: list[str] = _IDENT_RE.findall(rest[-120:])
    if not tokens or not _ends_with_name(rest):
        return None
    for token in reversed(tokens):
        name = token.strip('$@.-')
        if name and name not in _TYPE_WORDS:
            if name.lower() in _VALUE_NAMES:
                return attr_name(rest[-200:]) or name
            return name
    return None


def _ends_with_name(rest: str) -> bool:
    # ``if key == "<uuid>"`` leaves ``if key =``: a comparison, not a binding.
    return rest[-1:] not in ('=', '!', '<', '>', '+', '*', '/')


def _tag_name(rest: str) -> str | None:
    m = _TAG_RE.search(rest)
    return m.group(1) if m else None
