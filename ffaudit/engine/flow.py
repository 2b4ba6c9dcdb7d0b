"""Short-distance data flow: a value bound to a variable, then sent as a credential. Pure.

Real leaks bind the key to a name that says nothing (``var t='<key>'`` in a minified
bundle, ``API_KEY = '<key>'`` far above the request) and build the header a few statements
later: ``'Bearer '+t``, ``f"Bearer {token}"``, ``\\`Bearer ${k}\\```, ``"Bearer %s" % k``,
``"Bearer {}".format(k)``, or pass it as ``Authorization: k`` / ``api_key=k`` /
``bearer_auth(k)``. Fireflies takes every request as ``Authorization: Bearer <key>``
(https://docs.fireflies.ai/fundamentals/authorization). Bounded: only ``FLOW_CHARS`` characters
after the value and its first ``MAX_USES`` uses are looked at, so a minified one-line file
costs O(window) per value, never a scan of the whole line.
Evidence: docs/evidence.md#data-flow-over-a-short-distance.
"""

from __future__ import annotations

import functools
import re

from ffaudit.engine import names
from ffaudit.engine import nearby
from ffaudit.engine.shapes import Hit
from ffaudit.model import Confidence
from ffaudit.model import Rule

FLOW_CHARS = 1500  # how far after a binding its uses are looked for (a few statements)
MAX_USES = 8  # uses of one name looked at
_BEFORE = 48  # characters before a use that say how it is used
_NAME_RE = re.compile(r'[A-Za-z_$][\w$]{0,63}')
# ``'Bearer '+t``, ``"Bearer " . $t``, ``"Bearer " .. t``, ``f"Bearer {t}"``, ```Bearer ${t}```,
# ``"Bearer #{t}"``, ``"Bearer %s" % t``, ``"Bearer {}".format(t)``, ``'Bearer', t``
_BEARER_USE_RE = re.compile(
    r'(?i)bearer[ ]?(?:["\'`][ \t]*(?:\+|\.\.?|,)[ \t]*|\{|\$\{|#\{|%s["\'][ \t]*%[ \t]*\(?'
    r'|\{\}["\']\.format\()[ \t]*(?:(?:self|this|cls)\.|@|\$)?$'
)
# ``Authorization: t``, ``api_key=t``, ``apiKey: t``, ``bearer_auth(t)``, ``BearerAuth(t)``
_NAMED_USE_RE = re.compile(
    r'(?i)(?:authorization|api[_-]?key|api[_-]?token|access[_-]?token|auth[_-]?token|bearer[_-]?auth'
    r'|x-api-key)["\']?[ \t]*(?:[:=]|=>|\()[ \t]*(?:(?:self|this|cls)\.|@|\$)?$'
)
_BEARER_RE = re.compile(r'(?i)bearer')
# ``t = '``, ``t:='``, not ``"t": "``
_ASSIGNED_RE = re.compile(r'(?<![=!<>:])(?::=|=)[ \t]*["\'`]?$')
BEARER, NAMED = 'bearer', 'named'  # how the value is sent: in a Bearer header, or under a name


def may_flow(text: str) -> bool:
    """Cheap whole-text test: does ``text`` send any Bearer credential at all?"""
    # two plain substring searches: a case-insensitive regex over a 4 MB chunk costs 10x more
    return ('earer' in text or 'EARER' in text) and _BEARER_RE.search(text) is not None


def is_assigned(prefix: str) -> bool:
    """True when the value after ``prefix`` is assigned to a variable (never a JSON/YAML key)."""
    return _ASSIGNED_RE.search(prefix[-8:]) is not None


def use_of(text: str, end: int, binding: str) -> tuple[int, str] | None:
    """The first use of ``binding``'s variable after ``end`` that sends it as a credential.

    Returns (position of the use, BEARER or NAMED), or None.
    """
    m = _NAME_RE.fullmatch(binding.rsplit('.', 1)[-1])
    if m is None:
        return None
    uses = _uses_re(m.group()).finditer(text, end, min(len(text), end + FLOW_CHARS))
    for count, use in enumerate(uses):
        if count >= MAX_USES:
            return None
        before = text[max(0, use.start() - _BEFORE) : use.start()]
        if _BEARER_USE_RE.search(before):
            return use.start(), BEARER
        if _NAMED_USE_RE.search(before):
            return use.start(), NAMED
    return None


def judge(text: str, pos: int, value: str, binding: str, *, uuid4: bool) -> Hit | None:
    """Judge a value bound to a name that says nothing (``t``) by how it is sent later."""
    if not is_assigned(text[max(0, pos - 8) : pos]):
        return None  # ``{"id": "<uuid>"}``: a field, not a variable (most dense data stops here)
    use = use_of(text, pos + len(value), binding)
    if use is None or use[1] != BEARER or names.qualifier_names_other(binding):
        return None  # ``t`` passed as ``api_key=t`` says no more than ``api_key = <key>``
    near_use, near_value = nearby.fireflies_nearby(text, use[0]), nearby.fireflies_nearby(text, pos)
    if near_use is None or near_value is None:
        return None  # the header or the value sits in another vendor's section
    if near_use or near_value:
        return Hit(pos, value, Rule.API_KEY, Confidence.HIGH if uuid4 else Confidence.MEDIUM)
    return Hit(pos, value, Rule.API_KEY, Confidence.LOW, candidate=True) if uuid4 else None


def reaches_fireflies(text: str, pos: int, value: str, binding: str) -> bool:
    """True when the variable bound at ``pos`` is sent as a credential next to Fireflies."""
    use = use_of(text, pos + len(value), binding)
    return use is not None and nearby.fireflies_nearby(text, use[0]) is True


@functools.lru_cache(maxsize=512)
def _uses_re(name: str) -> re.Pattern[str]:
    return re.compile(r'(?<![\w$])\$?' + re.escape(name) + r'(?![\w$])')  # PHP: $t
