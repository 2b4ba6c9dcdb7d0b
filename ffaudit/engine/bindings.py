"""The name a value is bound to: on its line, in a list of keys, or on the line above. Pure.

Several keys under one name (``FIREFLIES_API_KEYS=K1,K2``, ``["K1", "K2"]``, a YAML ``- K1``
list or a multi-line JSON array under a Fireflies name or section), and a value wrapped in
parentheses (``FIREFLIES_API_KEY = (\\n    "<key>"\\n)``). Every look is bounded (``lines``,
``sections``). Evidence: docs/evidence.md#names-and-hosts.
"""

from __future__ import annotations

import re

from ffaudit.engine import lines
from ffaudit.engine import names
from ffaudit.engine import sections
from ffaudit.engine.shapes import HEX32_RE
from ffaudit.engine.shapes import KEY_RE

_BLOCK_SCALAR_RE = re.compile(r':[ \t]*[|>][+-]?\d?[+-]?[ \t]*$')  # YAML ``KEY: >-`` / ``KEY: |``
_OPEN_PAREN_RE = re.compile(r'(?:=|:|=>)[ \t]*\($')  # Python ``KEY = (`` then the value
_ITEM_PREFIX_RE = re.compile(r'[ \t]*(?:-[ \t]+)?["\']?')  # ``  - <key>`` / ``  "<key>",``
_KEYISH_TAIL_RE = re.compile(r'[0-9A-Fa-f][0-9A-Fa-f-]{31,35}$')
_TRAIL = ' \t"\'`\\'
# ``const tokens = { openai: x, fireflies: '<key>'``: the map a ``fireflies`` entry sits in.
_MAP_OPEN_RE = re.compile(r'([\w.$-]+)["\']?\s*(?:[:=]|=>)\s*(?:\{|\[|dict\()[^{}\[\]]*$')
# ``FIREFLIES_API_KEY = config('FIREFLIES_API_KEY', default='<key>')`` (python-decouple,
# django-environ ``env.str``, pydantic ``Field(default=...)``): the line's assignment target or
# the call's first quoted argument names the value bound to ``default``.
_TARGET_RE = re.compile(
    r'\s*(?:(?:export|const|let|var|final)\s+)?([A-Za-z_][\w.]*)(?:\s*:\s*[\w\[\]., |]+?)?\s*=(?!=)'
)
_FIRST_ARG_RE = re.compile(r'\(\s*["\']([\w.-]+)["\']\s*,')
_LINE_NAMES = (_TARGET_RE, _FIRST_ARG_RE)


def binding(text: str, pos: int) -> str | None:
    """Return the name the value at ``pos`` is bound to, or None for a bare value."""
    prefix = lines.line_prefix(text, pos)
    if not _ITEM_PREFIX_RE.fullmatch(prefix):
        return _inline(text, pos, prefix)
    above = lines.previous_line(text, pos).rstrip()
    m = _BLOCK_SCALAR_RE.search(above) or _OPEN_PAREN_RE.search(above)
    if m and not prefix.strip(_TRAIL):
        return names.binding_name(above[: m.start() + 1])
    if '-' in prefix or above.strip().endswith(('[', ',')):
        return _list_name(text, pos, above)
    return None


def container(text: str, pos: int) -> str | None:
    """Return the name of the map holding the entry at ``pos`` (``api_keys:``, ``[tokens]``)."""
    prefix = lines.line_prefix(text, pos)
    m = _MAP_OPEN_RE.search(prefix)
    if m:
        return m.group(1)
    enclosing = sections.headers(text, pos)
    return enclosing[0] if enclosing else None


def weak_names_fireflies(text: str, pos: int) -> bool:
    """True when a ``value:`` / ``default=`` binding sits next to a Fireflies credential name."""
    # k8s ``- name: FIREFLIES_API_KEY`` / ``value:``; CloudFormation ``FirefliesApiKey:`` /
    # ``Default: <key>`` and terraform.tfstate ``"fireflies_api_key": {"value": ...}``.
    if names.names_fireflies_credential(lines.lines_before(text, pos, 2)):
        return True
    prefix = lines.line_prefix(text, pos)
    found = (rx.match(prefix) if rx is _TARGET_RE else rx.search(prefix) for rx in _LINE_NAMES)
    if any(m is not None and names.classify(m.group(1)) == names.FIREFLIES for m in found):
        return True  # ``FIREFLIES_API_KEY = config('FIREFLIES_API_KEY', default='<key>')``
    enclosing = sections.headers(text, pos)
    return bool(enclosing) and names.classify(enclosing[0]) == names.FIREFLIES


def _inline(text: str, pos: int, prefix: str) -> str | None:
    name = names.binding_name(prefix)
    if name is not None and names.is_value_name(name):  # pretty JSON: "key" a line above
        return names.attr_name(lines.lines_before(text, pos, 2)) or name
    if name is not None and names.classify(name) != names.OTHER:
        return name
    head = _list_head(prefix)
    listed = names.binding_name(head) if head is not None else None
    return listed or name


def _list_head(prefix: str) -> str | None:
    # Strip earlier keys of a list (``K1,`` / ``"K1", ``) and an opening bracket: what is left
    # ends with the list's binding (``FIREFLIES_API_KEYS=`` / ``KEYS = [``).
    p, stripped = prefix.rstrip(_TRAIL), False
    if not p.endswith((',', '[', '(')):
        return None
    while p.endswith(','):
        m = _KEYISH_TAIL_RE.search(p[:-1].rstrip(_TRAIL))
        if m is None or not (KEY_RE.fullmatch(m.group()) or HEX32_RE.fullmatch(m.group())):
            return None
        p, stripped = p[:-1].rstrip(_TRAIL)[: m.start()].rstrip(_TRAIL), True
    if p.endswith(('[', '(')):
        return p[:-1]
    return p if stripped else None


def _list_name(text: str, pos: int, above: str) -> str | None:
    # ``api_keys:`` right above a ``- <key>`` item at the same indent (kubectl style), else
    # the nearest enclosing block (``"keys": [`` / ``keys:`` at a lower indent).
    header = sections.header_name(above)
    if header is not None:
        return header
    enclosing = sections.headers(text, pos)
    return enclosing[0] if enclosing else None
