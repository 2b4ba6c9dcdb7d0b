"""The engine's rules as a gitleaks / Betterleaks config (``ffaudit rules --format gitleaks``).

Each ``[[rules]]`` entry is built from the engine's own names and shapes, so it cannot drift
from them: the key shapes (``shapes.UUID4``, ``shapes.HEX32``), what a Fireflies credential name
holds (``fireflies`` and one of ``names.KEY_WORDS``), the binding operators and quotes around
them (``names.OPERATORS``, ``names.TRAIL``), and allowlists for the placeholders, digests and
inline markers the engine skips. Only what one line shows can be exported: gitleaks rules are
single regexes (Go RE2: no look-arounds, no back-references) over the text, so repository
context, enclosing YAML/JSON sections, the API host on another line and the placeholder
heuristics that count digits are ffaudit's alone. Rule format:
https://github.com/gitleaks/gitleaks#configuration
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from collections.abc import Mapping

from ffaudit import __version__
from ffaudit.engine import lines
from ffaudit.engine import names
from ffaudit.engine import placeholders
from ffaudit.engine import shapes
from ffaudit.engine import webhook_secret
from ffaudit.model import Rule

KEYWORD = 'fireflies'
HOST = 'api.fireflies.ai'  # gitleaks' keyword prefilter: a rule runs only where this word appears
# a minimum Shannon entropy (bits per character) of the secret: about 1 in 80,000 random UUIDv4s
# scores below 3.0 (the lowest of a million: 2.96); 11111111-2222-4333-8444-555555555555 scores 2.5
MIN_ENTROPY = 3.0
_PUNCTUATION = '\\.^$*+?()[]{}|'
_CLASS_ESCAPES = {'\t': r'\t', '\\': r'\\', ']': r'\]', '-': r'\-', '^': r'\^'}
_IDENT = r'[\w.$@-]'  # the characters of a binding name (names._IDENT_RE)
_ANNOTATION = r'(?::[ \t]*[A-Za-z_][\w.\[\]|]{0,30}[ \t]*)?'  # ``name: str = value``


def _escape(text: str) -> str:
    """``text`` as a literal in a regex both Python and Go RE2 accept (no ``\\ `` escapes)."""
    return ''.join('\\' + c if c in _PUNCTUATION else c for c in text)


def _char_class(chars: str) -> str:
    body = ''.join(_CLASS_ESCAPES.get(c, c) for c in chars)
    return f'[{body}]'


def _name(words: str) -> str:
    """A binding name holding ``fireflies`` and one of ``words``, in either order."""
    return (
        f'{_IDENT}{{0,40}}(?:{KEYWORD}{_IDENT}{{0,40}}(?:{words})'
        f'|(?:{words}){_IDENT}{{0,40}}{KEYWORD}){_IDENT}{{0,40}}'
    )


def _binding() -> str:
    """A type annotation (``: str``), one of the engine's binding operators or a blank
    (``ENV NAME value``, ``setx NAME value``), with quotes and blanks either side."""
    trail = _char_class(names.TRAIL)
    operators = '|'.join(_escape(op) for op in names.OPERATORS)
    return f'{_ANNOTATION}{trail}{{0,5}}(?:{operators}|[ \t]){trail}{{0,5}}'


def api_key_regex() -> str:
    """A UUIDv4 or an older 32-hex key (group 1) bound to a Fireflies credential name, or to a
    key-like name (``Bearer``, ``token``) on a line that names the API host."""
    # the engine's hex-only boundary (after KEY_RE), as a consuming group: RE2 has no
    # look-ahead
    end = '(?:[^0-9A-Fa-f-]|-[^0-9A-Fa-f]|-?$)'
    host = f'{_escape(HOST)}[^\\r\\n]{{0,200}}?(?:{names.KEY_WORDS})[\\w.$@-]{{0,20}}'
    bound = f'(?:{_name(names.KEY_WORDS)}|{host}){_binding()}'
    return f'(?i){bound}({shapes.UUID4}|{shapes.HEX32}){end}'


def webhook_secret_regex() -> str:
    """A Fireflies webhook-secret name bound to a literal of 16-64 characters (group 1)."""
    name = f'{_IDENT}{{0,40}}{KEYWORD}{_IDENT}{{0,20}}?{webhook_secret.WEBHOOK_NAME}'
    end = f'(?:{webhook_secret.VALUE_END}|$)'
    return f'(?i){name}{_binding()}({webhook_secret.WEBHOOK_VALUE}){end}'


def placeholder_regexes() -> list[str]:
    """Keys the engine calls placeholders that a regex can name: documentation UUIDs and one
    hex digit repeated (the nil UUID, ``ffffffff-ffff-...``)."""
    known = '|'.join(sorted(placeholders.WELL_KNOWN))
    repeated = '|'.join(f'[{d}-]+' for d in '0123456789abcdef')
    return [f'(?i)^(?:{known})$', f'(?i)^(?:{repeated})$']


def _not_key_names() -> str:
    # names.classify: a digest's name (sha256, checksum) or a webhook secret's is no API key
    return '(?i)' + '|'.join((*names.HASH_WORDS, 'webhook'))


Allowlist = dict[str, object]  # one [[rules.allowlists]] table
_MARKERS: Allowlist = {
    'description': "ffaudit's and detect-secrets' inline markers",
    'regexTarget': 'line',
    'regexes': [lines.ALLOW_RE.pattern],
}
_LOOKUPS = r'(?i)^(?:process\.env|os\.environ|os\.getenv|env\.|secrets\.)'


def _not_literal() -> Allowlist:
    # placeholders.is_literal_secret, as far as regexes and stop words reach
    return {
        'description': 'look-ups, references, paths, names and placeholders: not literals',
        'regexes': [
            r'^[$%<{\[(]|[({]',
            _LOOKUPS,
            f'(?i)^(?:{placeholders.SCHEME_RE.pattern.removeprefix("(?i)")})',
            f'^(?:{placeholders.REFERENCE_RE.pattern})$',
            f'^(?:{placeholders.WORDS_RE.pattern})$',
        ],
        'stopwords': [*placeholders.PLACEHOLDER_WORDS, 'webhook', 'firefl'],
    }


def _metadata() -> Allowlist:
    # FIREFLIES_WEBHOOK_SECRET_HEADER=..., ..._ROTATED_AT=...: about the secret, not the secret
    words = '|'.join(sorted(webhook_secret.META_WORDS))
    return {
        'description': "the secret's metadata (header name, rotation date, parameter path)",
        'regexTarget': 'match',
        'regexes': [f'(?i)secret(?:[\\w.-]*[_.-])?(?:{words})(?:[^a-z0-9]|$)'],
    }


def _allowlists(rule: Rule) -> list[Allowlist]:
    if rule is Rule.WEBHOOK_SECRET:
        return [_not_literal(), _metadata(), _MARKERS]
    keys: Allowlist = {
        'description': 'placeholder keys: documentation examples, repeated and counting digits',
        'regexes': placeholder_regexes(),
        'stopwords': list(placeholders.RUNS),
    }
    digests: Allowlist = {
        'description': 'digests and webhook secrets',
        'regexTarget': 'match',
        'regexes': [_not_key_names()],
    }
    return [keys, digests, _MARKERS]


def _regex(rule: Rule) -> str:
    return api_key_regex() if rule is Rule.API_KEY else webhook_secret_regex()


def _value(value: object) -> str:
    if isinstance(value, str):
        # a regex as a TOML literal string (no escapes: readable); anything else as a basic one
        if '\\' not in value or "'''" in value or value.endswith("'") or '\n' in value:
            return json.dumps(value)
        return f"'''{value}'''"
    if isinstance(value, list):
        return '[' + ', '.join(_value(v) for v in value) + ']'
    return json.dumps(value)


def _table(header: str, fields: Iterable[tuple[str, object]]) -> str:
    return header + '\n' + ''.join(f'{k} = {_value(v)}\n' for k, v in fields)


def render_gitleaks(titles: Mapping[Rule, str]) -> str:
    """The ``[[rules]]`` TOML for gitleaks (8.21 or later) and Betterleaks, with its allowlists;
    ``titles`` name each rule (its ``description``)."""
    parts = [
        f'# Fireflies.ai rules generated by ffaudit {__version__} (ffaudit rules --format '
        'gitleaks).\n# Save as .gitleaks.toml; [extend] keeps the default rules.\n'
        '[extend]\nuseDefault = true\n'
    ]
    for rule in Rule:
        fields: list[tuple[str, object]] = [
            ('id', rule.value),
            ('description', titles[rule]),
            ('regex', _regex(rule)),
            ('secretGroup', 1),
            ('entropy', MIN_ENTROPY),
            ('keywords', [KEYWORD]),
            ('tags', ['fireflies', rule.value.removeprefix('fireflies-')]),
        ]
        parts.append(_table('[[rules]]', fields))
        parts.extend(_table('[[rules.allowlists]]', a.items()) for a in _allowlists(rule))
    return '\n'.join(parts)
