"""The ``--verify`` overlap guard, per key: does this key itself belong to another vendor?

Evidence: docs/evidence.md#other-vendors.

A key is never sent when the value itself points at another UUID-keyed vendor
(Heroku, Firefly III, ...): the same value bound on any line of its text to that vendor's name
(``HEROKU_API_KEY=<the same uuid>``), under that vendor's section or list item, or glued to its
prefix (``heroku-<uuid>``, Heroku's ``HRKU-`` tokens). A file that merely mentions another vendor
elsewhere changes nothing: TruffleHog's overlap guard is per value too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Iterator

from ffaudit.engine import mentions
from ffaudit.engine import sections
from ffaudit.engine.detect import TextScan
from ffaudit.engine.shapes import HEX32_RE
from ffaudit.engine.shapes import KEY_RE
from ffaudit.redaction import fingerprint

Overlap = tuple[str, str]  # (fingerprint, vendor): secret-free
ANOTHER = 'another vendor'  # when the text names a vendor without one word for it
MAX_OCCURRENCES = 50  # places of one value looked at
_WORD_RE = re.compile(r'[A-Za-z]+')
_GLUED_RE = re.compile(r'([A-Za-z]+)[-_:]$')
_PREFIXES = {'hrku': 'heroku'}
_SHAPES = (KEY_RE, HEX32_RE)


def vendor_in(text: str) -> str | None:
    """The other vendor ``text`` names (one lower-case word where possible), or None."""
    if not mentions.names_other_vendor(text):
        return None
    words = (w.lower() for w in _WORD_RE.findall(text))
    return next((w for w in words if mentions.names_other_vendor(w)), ANOTHER)


def of_scan(text: str, scan: TextScan) -> tuple[Overlap, ...]:
    """The found keys of ``scan`` (matches and candidates) that ``text`` ties to another vendor."""
    values = {m.value for m in (*scan.matches, *scan.candidates)}
    return tuple(of_values(text, values))


def of_values(text: str, values: Iterable[str]) -> Iterator[Overlap]:
    """Yield (fingerprint, vendor) for each value some place in ``text`` ties to another vendor."""
    places = _index(text, set(values))
    for value, positions in places.items():
        vendor = next(filter(None, (_at(text, pos) for pos in positions)), None)
        if vendor is not None:
            yield fingerprint(value), vendor


def _index(text: str, values: set[str]) -> dict[str, list[int]]:
    # One pass per key shape for all values (a find per value would be quadratic in keys).
    shaped = {v for v in values if any(rx.fullmatch(v) for rx in _SHAPES)}
    places: dict[str, list[int]] = {v: list(_places(text, v)) for v in values - shaped}
    for rx in _SHAPES if shaped else ():
        for m in rx.finditer(text):
            found = places.setdefault(m.group(), []) if m.group() in shaped else None
            if found is not None and len(found) < MAX_OCCURRENCES:
                found.append(m.start())
    return places


def _places(text: str, value: str) -> Iterator[int]:
    pos = text.find(value)
    for _ in range(MAX_OCCURRENCES):
        if pos < 0:
            return
        yield pos
        pos = text.find(value, pos + len(value))


def _at(text: str, pos: int) -> str | None:
    prefix = text[text.rfind('\n', 0, pos) + 1 : pos]
    glued = _GLUED_RE.search(prefix)
    if glued is not None:
        word = glued.group(1).lower()
        if word in _PREFIXES or mentions.names_other_vendor(word):
            return _PREFIXES.get(word, word)
    if mentions.mentions_fireflies(prefix):
        return None  # the value's own line names Fireflies
    return vendor_in(prefix) or _enclosing(text, pos)


def _enclosing(text: str, pos: int) -> str | None:
    for name in (sections.item_name(text, pos) or '', *sections.headers(text, pos)):
        if mentions.mentions_fireflies(name):
            return None  # the nearest named block is Fireflies'
        vendor = vendor_in(name)
        if vendor is not None:
            return vendor
    return None
