"""What gitleaks does with a ``[[rules]]`` config, in Python, for measuring exported rules.

It follows gitleaks' detect.go (v8.30): keywords prefilter the lower-cased text; the rule's
regex runs over the whole file; the finding's line is where the match starts; the secret is
``secretGroup``; a finding is dropped when its secret's Shannon entropy is at or below
``entropy``, when any allowlist's regexes match its target (the secret, the match or the
line) or a stopword is in the lower-cased secret, or when the line says ``gitleaks:allow``.
Patterns run on RE2 itself (the ``google-re2`` bindings: the C++ library whose syntax Go's
``regexp`` implements), so a look-around or back-reference fails here as it would in gitleaks;
``re2_incompatible`` names such constructs from Python's own parser too. Not emulated:
decoding (base64, hex), archives, path allowlists.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from re import _parser  # type: ignore[attr-defined]
from typing import Any
from typing import NamedTuple

import re2  # type: ignore[import-untyped]

# sre opcodes RE2 has no counterpart for
_UNSUPPORTED = {'ASSERT', 'ASSERT_NOT', 'GROUPREF', 'GROUPREF_EXISTS', 'ATOMIC_GROUP'}
_UNSUPPORTED_REPEATS = {'POSSESSIVE_REPEAT'}


class Leak(NamedTuple):
    rule: str
    line: int  # 1-based, where the match starts
    secret: str


def entropy(text: str) -> float:
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def re2_incompatible(pattern: str) -> set[str]:
    """The constructs in ``pattern`` that Go's RE2 rejects (look-arounds, back-references)."""
    found: set[str] = set()

    def walk(items: Any) -> None:
        for op, arg in items:
            name = str(op)
            if name in _UNSUPPORTED or name in _UNSUPPORTED_REPEATS:
                found.add(name)
            for sub in arg if isinstance(arg, (list, tuple)) else ():
                if isinstance(sub, _parser.SubPattern):
                    walk(sub)
                elif isinstance(sub, (list, tuple)):
                    for part in sub:
                        if isinstance(part, _parser.SubPattern):
                            walk(part)

    walk(_parser.parse(pattern))
    return found


@functools.cache
def compiled(pattern: str) -> Any:
    """``pattern`` compiled by RE2 (raises on syntax RE2 rejects)."""
    return re2.compile(pattern)


def _allowed(allowlist: dict[str, Any], secret: str, match: str, line: str) -> bool:
    target = {'match': match, 'line': line}.get(allowlist.get('regexTarget', ''), secret)
    if any(compiled(r).search(target) for r in allowlist.get('regexes', [])):
        return True
    return any(word in secret.lower() for word in allowlist.get('stopwords', []))


def _line_at(text: str, start: int, end: int) -> str:
    first = text.rfind('\n', 0, start) + 1
    last = text.find('\n', end)
    return text[first : len(text) if last < 0 else last]


def scan(config: dict[str, Any], text: str) -> list[Leak]:
    """The findings gitleaks would report for ``text`` under ``config``'s rules."""
    lower = text.lower()
    leaks = []
    for rule in config['rules']:
        if rule.get('keywords') and not any(k in lower for k in rule['keywords']):
            continue
        for m in compiled(rule['regex']).finditer(text):
            match = m.group(0).strip('\n')
            secret = m.group(rule.get('secretGroup', 1))
            line = _line_at(text, m.start(), m.start() + len(match))
            if entropy(secret) <= rule.get('entropy', 0.0) or 'gitleaks:allow' in line:
                continue
            if any(_allowed(a, secret, match, line) for a in rule.get('allowlists', [])):
                continue
            leaks.append(Leak(rule['id'], text.count('\n', 0, m.start()) + 1, secret))
    return leaks


def scan_bytes(config: dict[str, Any], data: bytes) -> list[Leak]:
    """``scan`` on a file's bytes; files with NUL bytes (images, UTF-16) find nothing.

    (gitleaks reads bytes, not encodings: UTF-16 text never matches a rule, and the default
    config's allowlist skips images, fonts and archives.)
    """
    if b'\0' in data:
        return []
    return scan(config, data.decode('utf-8', 'replace'))
