"""Detection engine: Fireflies key shapes, context rules, redaction. Pure: no I/O.

CONTRACT (other modules code against these names):
- ``fingerprint(secret) -> str``: short SHA-256 hex (first 12 hex digits) of the exact value.
- ``redact(secret) -> str``: a preview safe for output (first 4 characters + '...').
- ``iter_keys(line) -> Iterator[KeyMatch]``: line-level detection with only that line as context
  (used by ``detect-secrets scan --string`` and as a fallback).
- ``scan_text(text) -> TextScan``: whole-text detection (context spans nearby lines).

Evidence for every rule: docs/evidence.md (one section per rule). A key is reported only when
a *binding* (``name = value``, ``name: value``, ``Bearer value``, an argument or a query
parameter) ties it to a Fireflies name, or to a generic key-like name with Fireflies context
nearby. A bare UUID is never a finding (many things are UUIDs: docs/evidence.md#key-shape).

Layout: ``shapes`` (regexes), ``api_key`` (bindings and context per hit), ``bindings`` (the name
a value is bound to), ``webhook_secret`` (webhook secrets), ``names`` (binding names),
``mentions`` (talks-to-Fireflies), ``vendors`` (other vendors' keys), ``sections`` (enclosing
YAML/JSON/TOML blocks), ``placeholders`` (placeholders, references), ``lines`` (bounded windows),
``nearby`` (Fireflies context at a position), ``prose`` (notes' labels, tables and headings),
``flow`` (a variable sent as a Bearer token). ``TextScan.others`` hands the UUIDv4s no rule
judged to ``scan.same_key`` (docs/evidence.md#same-value-same-secret).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from collections.abc import Iterator

from ffaudit.engine import api_key
from ffaudit.engine import lines
from ffaudit.engine import mentions
from ffaudit.engine.shapes import HEX32_RE as HEX32_RE
from ffaudit.engine.shapes import KEY_RE as KEY_RE
from ffaudit.engine.shapes import UUID4_HINT as UUID4_HINT
from ffaudit.engine.shapes import Hit
from ffaudit.model import Confidence
from ffaudit.model import Rule


@dataclasses.dataclass(frozen=True)
class KeyMatch:
    """A raw match. ``value`` is the secret itself: never print or store it."""

    value: str = dataclasses.field(repr=False)
    line: int  # 1-based
    column: int  # 1-based
    rule: Rule = Rule.API_KEY
    confidence: Confidence = Confidence.HIGH


@dataclasses.dataclass(frozen=True)
class TextScan:
    """Everything one pass over a text yields."""

    matches: tuple[KeyMatch, ...] = ()
    # UUIDv4 bound to a generic key-like name (api_key, token, secret, Bearer) with no Fireflies
    # context in this text: a Fireflies key only if the repository elsewhere talks to Fireflies.
    candidates: tuple[KeyMatch, ...] = ()
    talks_to_fireflies: bool = False  # names api.fireflies.ai / app.fireflies.ai / FIREFLIES_*
    # names another UUID-keyed vendor (Heroku, Firefly III, ...); computed only when there are hits
    names_other_vendor: bool = False
    # UUIDv4s no rule judged (not allowlisted, not placeholders; at most api_key.MAX_OTHERS):
    # a Fireflies key if the same value is judged one elsewhere in the scan (``scan.same_key``)
    others: tuple[KeyMatch, ...] = ()


def might_contain(data: bytes) -> bool:
    """Cheap byte-level test: can ``data`` hold anything ``scan_text`` would report?"""
    return b'firefl' in data.lower() or UUID4_HINT.search(data) is not None


def iter_keys(line: str) -> Iterator[KeyMatch]:
    """Yield Fireflies credentials found in one line, judged with that line as sole context."""
    yield from scan_text(line).matches


def scan_text(
    text: str,
    *,
    lo: int = 0,
    hi: int | None = None,
    line_offset: int = 0,
    col_offset: int = 0,
    prose: bool = False,
) -> TextScan:
    """Find Fireflies credentials in ``text`` (a whole file or a chunk of one).

    Only matches starting in ``text[lo:hi]`` are reported (the rest is context, for chunked
    reading); ``line_offset``/``col_offset`` place ``text[0]`` in the file (0-based). ``prose``:
    the text is a note for people (``prose.is_prose_path``), so its labels, tables and
    headings bind values too.
    """
    hi = len(text) if hi is None else hi
    says = mentions.talks_to_fireflies(text)
    seen: list[tuple[int, str]] = []
    found = api_key.iter_hits(text, lo, hi, says, prose=prose, others=seen)
    hits = [h for h in found if not lines.is_allowlisted(text, h.pos)]
    others = _others(text, seen, line_offset, col_offset) if seen else ()
    if not hits:
        return TextScan(talks_to_fireflies=says, others=others)
    other = mentions.names_other_vendor(text)
    matches, candidates = [], []
    for hit, line, col in _locate(text, hits, line_offset, col_offset):
        if hit.candidate and (other or not says):
            candidates.append(KeyMatch(hit.value, line, col, hit.rule, hit.confidence))
        else:
            matches.append(KeyMatch(hit.value, line, col, hit.rule, hit.confidence))
    return TextScan(tuple(matches), tuple(candidates), says, other, others)


def _others(
    text: str, seen: list[tuple[int, str]], line_offset: int, col_offset: int
) -> tuple[KeyMatch, ...]:
    # a place whose own line names another vendor (``HEROKU_API_KEY=<v>``, ``HRKU-<v>``) is
    # that vendor's, whatever the value is judged elsewhere (the ``--verify`` overlap guard);
    # placeholders need no test here: no rule ever judges one a key, so none is ever promoted
    kept = [
        Hit(pos, value, Rule.API_KEY, Confidence.LOW)
        for pos, value in seen
        if not lines.is_allowlisted(text, pos)
        and not mentions.names_other_vendor(lines.line_prefix(text, pos))
    ]
    located = _locate(text, kept, line_offset, col_offset)
    return tuple(KeyMatch(h.value, line, col, h.rule, h.confidence) for h, line, col in located)


def merge(scans: Iterable[TextScan]) -> TextScan:
    """Combine the scans of one file's chunks; candidates count if the file talks to Fireflies."""
    scans = list(scans)
    said = any(s.talks_to_fireflies for s in scans)
    other = any(s.names_other_vendor for s in scans)
    matches = _unique(m for s in scans for m in s.matches)
    candidates = _unique(m for s in scans for m in s.candidates)
    others = _unique(m for s in scans for m in s.others)[: api_key.MAX_OTHERS]
    if said and not other:
        return TextScan(_unique([*matches, *candidates]), (), said, other, others)
    return TextScan(matches, candidates, said, other, others)


def _unique(matches: Iterable[KeyMatch]) -> tuple[KeyMatch, ...]:
    found = {(m.line, m.column, m.rule): m for m in matches}
    return tuple(found[k] for k in sorted(found))


def _locate(
    text: str, hits: list[Hit], line_offset: int, col_offset: int
) -> Iterator[tuple[Hit, int, int]]:
    # One pass over the text for all hits (never a search back to the line start per hit).
    line, last, nl = line_offset + 1, 0, -1
    for hit in sorted(hits, key=lambda h: (h.pos, h.rule)):
        line += text.count('\n', last, hit.pos)
        found = text.rfind('\n', last, hit.pos)
        nl, last = found if found >= 0 else nl, hit.pos
        yield hit, line, hit.pos - nl if nl >= 0 else col_offset + hit.pos + 1
