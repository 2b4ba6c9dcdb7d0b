"""The webhook-secret rule: literal values bound to Fireflies webhook-secret names. Pure.

V1 webhook secrets are 16-32 characters, and 40-character ones are in use
(docs/evidence.md#webhook-secrets).
A value counts only under a Fireflies name (``FIREFLIES_WEBHOOK_SECRET``), in a Fireflies
section (``fireflies:`` / ``webhook:`` / ``secret:``), or as a generic ``webhook_secret`` on a
line that says "fireflies"; never under another vendor's name (``STRIPE_WEBHOOK_SECRET``) and
never mere proximity.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ffaudit.engine import lines
from ffaudit.engine import names
from ffaudit.engine import placeholders
from ffaudit.engine import sections
from ffaudit.engine.shapes import Hit
from ffaudit.model import Confidence
from ffaudit.model import Rule

# name, an optional type annotation (``: str``, ``: string``), an operator, the value. The
# operator may be a look-up's default (``os.getenv("NAME", "<v>")``, ``ENV.fetch('NAME', '<v>')``,
# ``process.env.NAME || '<v>'``).
WEBHOOK_NAME = r'webhook[\w.-]{0,24}?secret[\w-]{0,24}'
WEBHOOK_VALUE = r'[^\s"\'\\`,;})\]]{16,64}'  # a literal of 16-64 characters
VALUE_END = r'["\'\\`\s,;})\]]'  # what may follow the value
WEBHOOK_RE = re.compile(
    rf'(?i)(?P<name>{WEBHOOK_NAME})["\'\\`\s]*'
    r'(?::[ \t]*[A-Za-z_][\w.\[\]|, ]{0,40}?[ \t]*(?==))?'
    r'(?::=|=>|[=:]|,(?=[ \t]*["\'`])|\|\||\?\?|or\b)'
    rf'[\s"\'\\`]*(?P<value>{WEBHOOK_VALUE})(?={VALUE_END}|$)'
)
# k8s ``- name: FIREFLIES_WEBHOOK_SECRET`` / ``value: "<v>"``; ECS ``{"name": ..., "value": ...}``.
_VALUE_ATTR_RE = re.compile(
    r'(?i)(?<![\w-])["\']?value["\']?[ \t]*[:=][ \t]*["\']?(?P<value>[^\s"\',}]{16,64})["\']?'
    r'(?=[\s,}]|$)'
)
# ``FIREFLIES_WEBHOOK_SECRET_HEADER=x-hub-signature-256``, ``..._ROTATED_AT=<date>``: about the
# secret, not the secret.
META_WORDS = frozenset(
    'header headers rotated rotation at ssm param parameter id name path arn ref file env var '
    'url date time version len length expires expiry created updated location algorithm algo '
    'type enabled'.split()
)
# ``fireflies:`` / ``  webhook:`` / ``    secret: <value>`` (also ``signing_secret``).
_NESTED_RE = re.compile(
    r'(?im)^[ \t]+["\']?(?:signing[_-]?)?secret["\']?[ \t]*:[ \t]*["\']?'
    r'(?P<value>[^\s"\',}]{16,64})["\']?[ \t]*,?[ \t]*\r?$'
)
_GENERIC_HEADS = frozenset(
    {'', 'app', 'my', 'default', 'hmac', 'signing', 'config', 'settings', 'env', 'self', 'this'}
)


def iter_hits(text: str, lo: int, hi: int, seen: set[int]) -> Iterator[Hit]:
    """Yield webhook-secret hits whose value starts in ``text[lo:hi]``."""
    for m in WEBHOOK_RE.finditer(text, max(0, lo - 200), min(len(text), hi + 200)):
        pos = m.start('value')
        if lo <= pos < hi and pos not in seen:
            name = _name_head(text, m.start()) + m.group('name')
            if _judge(text, pos, name, m.group('value')):
                seen.add(pos)
                yield Hit(pos, m.group('value'), Rule.WEBHOOK_SECRET, Confidence.MEDIUM)
    if 'webhook' not in text.lower():
        return
    for m in _NESTED_RE.finditer(text, lo, min(len(text), hi + 200)):
        pos = m.start('value')
        if pos < hi and pos not in seen and _in_fireflies_webhook(text, pos, m.group('value')):
            seen.add(pos)
            yield Hit(pos, m.group('value'), Rule.WEBHOOK_SECRET, Confidence.MEDIUM)
    for m in _VALUE_ATTR_RE.finditer(text, lo, min(len(text), hi + 200)):
        pos, declared = (
            m.start('value'),
            names.declared_name(lines.lines_before(text, m.start(), 2)),
        )
        if (
            pos < hi
            and pos not in seen
            and declared
            and _judge(text, pos, declared, m.group('value'))
        ):
            yield Hit(pos, m.group('value'), Rule.WEBHOOK_SECRET, Confidence.MEDIUM)


def _judge(text: str, pos: int, name: str, value: str) -> bool:
    lower = name.lower()
    if 'webhook' not in lower or 'secret' not in lower or not placeholders.is_literal_secret(value):
        return False
    if META_WORDS.intersection(re.split(r'[\W_]+', lower.rsplit('secret', 1)[1])):
        return False
    if 'fireflies' in lower:
        return True
    head = re.split(r'[._-]', lower.split('webhook', 1)[0].strip('._-'))[-1]
    if head not in _GENERIC_HEADS:
        return False  # STRIPE_WEBHOOK_SECRET, githubWebhookSecret: another vendor's secret
    line = lines.line_text(text, pos).lower()
    return 'fireflies' in line or sections.in_fireflies_section(text, pos)


def _in_fireflies_webhook(text: str, pos: int, value: str) -> bool:
    names = sections.headers(text, pos)
    return (
        bool(names)
        and 'webhook' in names[0].lower()
        and any('fireflies' in n.lower() for n in names)
        and placeholders.is_literal_secret(value)
    )


def _name_head(text: str, end: int) -> str:
    start = end
    while start > max(0, end - 40) and (text[start - 1].isalnum() or text[start - 1] in '_.-'):
        start -= 1
    return text[start:end]
