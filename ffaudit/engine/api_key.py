"""Judge each key-shaped value in a text by its binding and context. Pure: no I/O.

Evidence: docs/evidence.md#key-shape, #names-and-hosts, #repository-context and #other-vendors.
Every per-hit look is bounded by the window (``lines``/``sections``), never the whole line or text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ffaudit.engine import bindings
from ffaudit.engine import lines
from ffaudit.engine import mentions
from ffaudit.engine import names
from ffaudit.engine import nearby
from ffaudit.engine import placeholders
from ffaudit.engine import sections
from ffaudit.engine import webhook_secret
from ffaudit.engine.shapes import B64_KEY_RE
from ffaudit.engine.shapes import HEX32_RE
from ffaudit.engine.shapes import KEY_RE
from ffaudit.engine.shapes import UUID4_HINT_TEXT
from ffaudit.engine.shapes import Hit
from ffaudit.engine.shapes import decode_b64_key
from ffaudit.model import Confidence
from ffaudit.model import Rule

# Unjudged UUIDv4s kept per text for "same value, same secret" (``scan.same_key``): a file with
# more distinct ids than this is data (fixtures, exports), where the rest are not followed.
MAX_OTHERS = 256
_POSTMAN_BEARER_RE = re.compile(r'"bearer"\s*:\s*\[')  # Postman v2.1 ``auth.bearer`` array


class _Doc:
    """The text being judged, with facts about it computed at most once."""

    def __init__(self, text: str, says: bool, prose: bool = False) -> None:
        self.text, self.says, self.prose = text, says, prose

    @functools.cached_property
    def api_host(self) -> bool:
        return mentions.talks_to_api_host(self.text)

    @functools.cached_property
    def sends_credentials(self) -> bool:
        # plain substring tests first: most texts never say Bearer and never import ``flow``
        if 'earer' not in self.text and 'EARER' not in self.text:
            return False
        from ffaudit.engine import flow

        return flow.may_flow(self.text)


def iter_hits(
    text: str,
    lo: int,
    hi: int,
    says: bool,
    *,
    prose: bool = False,
    others: list[tuple[int, str]] | None = None,
) -> Iterator[Hit]:
    """Yield the judged hits whose value starts in ``text[lo:hi]``; ``prose``: a note's rules.

    ``others`` collects (position, value) of the UUIDv4s no rule judged, at most MAX_OTHERS.
    """
    doc, seen = _Doc(text, says, prose), set()
    end = min(len(text), hi + 64)
    uuids = UUID4_HINT_TEXT.search(text, lo, hi + 24) is not None
    judge = _judge if prose else _judge_code  # the common case skips a call per value
    room = MAX_OTHERS if others is not None else 0
    for m in KEY_RE.finditer(text, lo, end) if uuids else ():
        hit = judge(doc, m.start(), m.group(), uuid4=True)
        if m.start() < hi and hit is not None:
            seen.add(hit.pos)
            yield hit
        elif room and m.start() < hi and others is not None:
            others.append((m.start(), m.group()))
            room -= 1
    if 'firefl' not in text.lower():
        return  # the 32-hex shape, base64 values and webhook secrets need Fireflies context
    for m in HEX32_RE.finditer(text, lo, end):
        hit = _judge(doc, m.start(), m.group(), uuid4=False) if m.start() < hi else None
        if hit is not None:
            yield hit
    for m in B64_KEY_RE.finditer(text, lo, end):
        hit = _judge_b64(doc, m.start(), m.group()) if m.start() < hi else None
        if hit is not None:
            yield hit
    yield from webhook_secret.iter_hits(text, lo, hi, seen)


def _judge(doc: _Doc, pos: int, value: str, *, uuid4: bool) -> Hit | None:
    hit = _judge_code(doc, pos, value, uuid4=uuid4)
    if doc.prose and (hit is None or hit.candidate):
        from ffaudit.engine import prose  # imported here: only notes need it (start-up time)

        return prose.judge_hit(doc.text, pos, value, uuid4=uuid4) or hit  # labels, tables, headings
    return hit


def _judge_code(doc: _Doc, pos: int, value: str, *, uuid4: bool) -> Hit | None:
    text = doc.text
    binding = bindings.binding(text, pos)
    if binding is None:
        return None  # a bare UUID is never a finding (docs/evidence.md#key-shape)
    kind = names.classify(binding)
    if kind == names.OTHER and not names.may_name_fireflies(binding):
        # ids, hashes, other vendors' names: most UUIDs in big files stop here, unless the
        # variable is sent as a credential a few statements later (``'Bearer '+t``)
        if not doc.sends_credentials:
            return None
        from ffaudit.engine import flow  # imported here: only texts that say Bearer need it

        if not flow.is_assigned(text[max(0, pos - 8) : pos]):
            return None
        if placeholders.is_placeholder(value):
            return None
        return flow.judge(text, pos, value, binding, uuid4=uuid4)
    if placeholders.is_placeholder(value) or nearby.not_fireflies(text, pos, binding, kind):
        return None
    conf = Confidence.HIGH if uuid4 else Confidence.MEDIUM
    if kind == names.OTHER:
        return _judge_other(text, pos, value, conf, binding)
    if kind == names.FIREFLIES:
        return Hit(pos, value, Rule.API_KEY, conf)
    if kind == names.MISSPELT and doc.api_host:
        return Hit(pos, value, Rule.API_KEY, conf)  # FIREFLY_API_KEY: a misspelling seen in use
    if kind == names.WEAK and bindings.weak_names_fireflies(text, pos):
        return Hit(pos, value, Rule.API_KEY, conf)
    if kind == names.BARE:
        return _judge_bare(text, pos, value, conf)
    if kind != names.GENERIC:
        return None
    return _judge_generic(doc, pos, value, conf, uuid4=uuid4, binding=binding)


def _judge_generic(
    doc: _Doc, pos: int, value: str, conf: Confidence, *, uuid4: bool, binding: str
) -> Hit | None:
    near = nearby.fireflies_nearby(doc.text, pos)
    if near is None:
        return None  # the value sits in another vendor's section or name
    if near or (binding.lower() == 'token' and _postman_bearer(doc, pos)):
        return Hit(pos, value, Rule.API_KEY, conf)
    if doc.sends_credentials:
        from ffaudit.engine import flow

        if flow.reaches_fireflies(doc.text, pos, value, binding):
            return Hit(pos, value, Rule.API_KEY, conf)  # ``API_KEY = ...`` far above the request
    if uuid4:
        return Hit(pos, value, Rule.API_KEY, Confidence.LOW, candidate=True)
    return None


def _judge_other(text: str, pos: int, value: str, conf: Confidence, binding: str) -> Hit | None:
    prefix = lines.line_prefix(text, pos)
    if names.is_fireflies_client(binding) and names.callee(prefix):
        return Hit(pos, value, Rule.API_KEY, conf)  # ``Fireflies("<key>")``
    if names.is_vendor_entry(binding) and _keys_map(bindings.container(text, pos)):
        return Hit(pos, value, Rule.API_KEY, conf)  # ``api_keys:`` / ``  fireflies: <key>``
    if names.ends_like_key(binding) and _only_fireflies_sections(text, pos):
        return Hit(pos, value, Rule.API_KEY, conf)  # ``fireflies:`` / ``  prod_api_key: <key>``
    return None


def _keys_map(name: str | None) -> bool:
    if name is None:
        return False
    kind = names.classify(name.rstrip('sS'))  # api_keys, apiKeys, tokens, secrets, keys
    return kind in (names.GENERIC, names.BARE) and not mentions.names_other_vendor(name)


def _only_fireflies_sections(text: str, pos: int) -> bool:
    enclosing = sections.headers(text, pos)
    other = any(nearby.other_header(h) for h in enclosing)
    return not other and any('fireflies' in h.lower() for h in enclosing)


def _judge_bare(text: str, pos: int, value: str, conf: Confidence) -> Hit | None:
    # A bare ``key`` counts only after "Fireflies ... key:" on its line, next to the API host
    # or in a Fireflies section; a nearby comment is not enough.
    said = mentions.mentions_fireflies(lines.line_prefix(text, pos))
    if said or mentions.talks_to_api_host(lines.window(text, pos)):
        return Hit(pos, value, Rule.API_KEY, conf)
    if sections.in_fireflies_section(text, pos):
        return Hit(pos, value, Rule.API_KEY, conf)
    return None


def _judge_b64(doc: _Doc, pos: int, value: str) -> Hit | None:
    binding = bindings.binding(doc.text, pos)
    if binding is None or names.classify(binding) != names.FIREFLIES:
        return None
    key = decode_b64_key(value)
    if key is None or placeholders.is_placeholder(key):
        return None
    return Hit(pos, key, Rule.API_KEY, Confidence.HIGH)


def _postman_bearer(doc: _Doc, pos: int) -> bool:
    before = lines.lines_before(doc.text, pos, 4)
    return _POSTMAN_BEARER_RE.search(before) is not None and doc.api_host
