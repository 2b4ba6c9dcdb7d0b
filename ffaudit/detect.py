"""Detection engine: Fireflies key shapes, context rules, redaction. Pure: no I/O.

CONTRACT (other modules code against these names):
- ``fingerprint(secret) -> str``: short SHA-256 hex (first 12 hex digits) of the exact value.
- ``redact(secret) -> str``: a preview safe for output (first 4 characters + '...').
- ``iter_keys(line) -> Iterator[KeyMatch]``: line-level detection with only that line as context
  (used by ``detect-secrets scan --string`` and as a fallback).
- ``scan_text(text) -> TextScan``: whole-text detection (context spans nearby lines).

Evidence for every rule: ../shared/reference/fireflies-api.md (cited below as "api.md §N").
A key is reported only when a *binding* (``name = value``, ``name: value``, ``Bearer value``,
an argument or a query parameter) ties it to a Fireflies name, or to a generic key-like name
with Fireflies context nearby. A bare UUID is never a finding (api.md §1.2: many things are UUIDs).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from collections.abc import Iterator

from ffaudit import context as names
from ffaudit import spans
from ffaudit.model import Confidence
from ffaudit.model import Rule

# api.md §1.2 (8 of 9 public leaks, checked 2026): canonical UUIDv4, version nibble 4, variant
# [89ab]. Uppercase was never seen but nothing forbids it, so hex is case-insensitive.
KEY_RE = re.compile(
    r'(?<![0-9A-Fa-f])(?<![0-9A-Fa-f]-)[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-4[0-9A-Fa-f]{3}'
    r'-[89ABab][0-9A-Fa-f]{3}-[0-9A-Fa-f]{12}(?![0-9A-Fa-f])(?!-[0-9A-Fa-f])'
)
# api.md §1.2: one older sample was 32 hex digits without dashes: MEDIUM confidence only.
# The hex-only boundaries keep md5/sha1/sha256 digests (32/40/64 hex) apart: a sha1 never
# contains a "32-hex word".
HEX32_RE = re.compile(
    r'(?<![0-9A-Fa-f])(?<![0-9A-Fa-f]-)[0-9A-Fa-f]{32}(?![0-9A-Fa-f])(?!-[0-9A-Fa-f])'
)
# Cheap byte-level prefilter: every UUIDv4 contains "-4xxx-[89ab]"; a literal-led pattern lets
# ``re`` skip ahead with a fast substring search.
UUID4_HINT = re.compile(rb'-4[0-9A-Fa-f]{3}-[89ABab]')
_UUID4_HINT_TEXT = re.compile(r'-4[0-9A-Fa-f]{3}-[89ABab]')
# api.md §1.3: V1 webhook secrets are 16-32 characters; §4.3 shows 40-character ones in use.
_WEBHOOK_RE = re.compile(
    r'(?i)(?P<name>webhook[\w.-]{0,24}?secret[\w-]{0,24})["\'\\`\s]*(?::=|=>|[=:])'
    r'[\s"\'\\`]*(?P<value>[^\s"\'\\`,;})\]]{16,64})(?=["\'\\`\s,;})\]]|$)'
)


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


@dataclasses.dataclass(frozen=True)
class _Hit:
    pos: int
    value: str = dataclasses.field(repr=False)
    rule: Rule
    confidence: Confidence
    candidate: bool = False


def fingerprint(secret: str) -> str:
    """Return a short, stable, non-reversible id for ``secret`` (12 hex digits of SHA-256)."""
    import hashlib  # imported here: a clean run never needs it (start-up time)

    return hashlib.sha256(secret.encode('utf-8', 'surrogatepass')).hexdigest()[:12]


def redact(secret: str) -> str:
    """Return a preview of ``secret`` that is safe to print: its first 4 characters."""
    return f'{secret[:4]}...'


def might_contain(data: bytes) -> bool:
    """Cheap byte-level test: can ``data`` hold anything ``scan_text`` would report?"""
    return b'firefl' in data.lower() or UUID4_HINT.search(data) is not None


def iter_keys(line: str) -> Iterator[KeyMatch]:
    """Yield Fireflies credentials found in one line, judged with that line as sole context."""
    yield from scan_text(line).matches


def scan_text(
    text: str, *, lo: int = 0, hi: int | None = None, line_offset: int = 0, col_offset: int = 0
) -> TextScan:
    """Find Fireflies credentials in ``text`` (a whole file or a chunk of one).

    Only matches starting in ``text[lo:hi]`` are reported (the rest is context, for chunked
    reading); ``line_offset``/``col_offset`` place ``text[0]`` in the file (0-based).
    """
    hi = len(text) if hi is None else hi
    talks = names.talks_to_fireflies(text)
    hits = [h for h in _iter_hits(text, lo, hi, talks) if not spans.is_allowlisted(text, h.pos)]
    if not hits:
        return TextScan(talks_to_fireflies=talks)
    other = names.names_other_vendor(text)
    matches, candidates = [], []
    for hit, line, col in _locate(text, hits, line_offset, col_offset):
        if hit.candidate and (other or not talks):
            candidates.append(KeyMatch(hit.value, line, col, hit.rule, hit.confidence))
        else:
            matches.append(KeyMatch(hit.value, line, col, hit.rule, hit.confidence))
    return TextScan(tuple(matches), tuple(candidates), talks, other)


def merge(scans: Iterable[TextScan]) -> TextScan:
    """Combine the scans of one file's chunks; candidates count if the file talks to Fireflies."""
    scans = list(scans)
    talks = any(s.talks_to_fireflies for s in scans)
    other = any(s.names_other_vendor for s in scans)
    matches = _unique(m for s in scans for m in s.matches)
    candidates = _unique(m for s in scans for m in s.candidates)
    if talks and not other:
        return TextScan(_unique([*matches, *candidates]), (), talks, other)
    return TextScan(matches, candidates, talks, other)


def _unique(matches: Iterable[KeyMatch]) -> tuple[KeyMatch, ...]:
    found = {(m.line, m.column, m.rule): m for m in matches}
    return tuple(found[k] for k in sorted(found))


def _iter_hits(text: str, lo: int, hi: int, talks: bool) -> Iterator[_Hit]:
    seen: set[int] = set()
    uuids = _UUID4_HINT_TEXT.search(text, lo, hi + 24) is not None
    for m in KEY_RE.finditer(text, lo, min(len(text), hi + 64)) if uuids else ():
        hit = _judge(text, m.start(), m.group(), uuid4=True, talks=talks)
        if m.start() < hi and hit is not None:
            seen.add(hit.pos)
            yield hit
    if 'firefl' not in text.lower():
        return  # both the 32-hex shape and webhook secrets need Fireflies context
    for m in HEX32_RE.finditer(text, lo, min(len(text), hi + 64)):
        if m.start() < hi:
            hit = _judge(text, m.start(), m.group(), uuid4=False, talks=talks)
            if hit is not None:
                yield hit
    for m in _WEBHOOK_RE.finditer(text, max(0, lo - 200), min(len(text), hi + 200)):
        if lo <= m.start('value') < hi and m.start('value') not in seen:
            name = _name_head(text, m.start()) + m.group('name')
            hit = _judge_webhook(text, m.start('value'), name, m.group('value'))
            if hit is not None:
                yield hit


def _judge(text: str, pos: int, value: str, *, uuid4: bool, talks: bool) -> _Hit | None:
    if names.is_placeholder(value):
        return None
    binding = names.binding_name(spans.line_prefix(text, pos))
    if binding is None:
        return None  # a bare UUID is never a finding (api.md §1.2)
    conf = Confidence.HIGH if uuid4 else Confidence.MEDIUM
    kind = names.classify(binding)
    if kind == names.FIREFLIES:
        return _Hit(pos, value, Rule.API_KEY, conf)
    if kind == names.MISSPELT and names.talks_to_api_host(text):
        return _Hit(pos, value, Rule.API_KEY, conf)  # api.md §1.2: FIREFLY_API_KEY seen in use
    if kind == names.WEAK and names.names_fireflies_credential(spans.lines_before(text, pos, 2)):
        return _Hit(pos, value, Rule.API_KEY, conf)
    if kind != names.GENERIC:
        return None
    if _fireflies_nearby(text, pos):
        return _Hit(pos, value, Rule.API_KEY, conf)
    if uuid4:
        return _Hit(pos, value, Rule.API_KEY, Confidence.LOW, candidate=True)
    return None


def _name_head(text: str, end: int) -> str:
    start = end
    while start > max(0, end - 40) and (text[start - 1].isalnum() or text[start - 1] in '_.-'):
        start -= 1
    return text[start:end]


def _judge_webhook(text: str, pos: int, name: str, value: str) -> _Hit | None:
    if not names.is_literal_secret(value):
        return None
    if 'fireflies' not in name.lower() and not _fireflies_nearby(text, pos):
        return None
    return _Hit(pos, value, Rule.WEBHOOK_SECRET, Confidence.MEDIUM)


def _fireflies_nearby(text: str, pos: int) -> bool:
    start, end = spans.line_bounds(text, pos)
    line = text[max(start, pos - spans.WINDOW_CHARS) : min(end, pos + spans.WINDOW_CHARS)]
    if names.names_other_vendor(line) and 'firefl' not in line.lower():
        return False
    return names.mentions_fireflies(spans.window(text, pos)) or names.in_fireflies_section(
        text, pos
    )


def _locate(
    text: str, hits: list[_Hit], line_offset: int, col_offset: int
) -> Iterator[tuple[_Hit, int, int]]:
    line, last = line_offset + 1, 0
    for hit in sorted(hits, key=lambda h: (h.pos, h.rule)):
        line += text.count('\n', last, hit.pos)
        last = hit.pos
        nl = text.rfind('\n', 0, hit.pos)
        yield hit, line, hit.pos - nl if nl >= 0 else col_offset + hit.pos + 1
