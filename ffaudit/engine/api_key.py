"""Judge each key-shaped value in a text by its binding and context. Pure: no I/O.

Evidence: docs/evidence.md#key-shape, #names-and-hosts, #repository-context and #other-vendors.
Every per-hit look is bounded by the window (``lines``/``sections``), never the whole line or text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ffaudit.engine import bindings
from ffaudit.engine import flow
from ffaudit.engine import lines
from ffaudit.engine import mentions
from ffaudit.engine import names
from ffaudit.engine import placeholders
from ffaudit.engine import prose
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
        return flow.may_flow(self.text)


def iter_hits(text: str, lo: int, hi: int, says: bool, *, prose: bool = False) -> Iterator[Hit]:
    """Yield the judged hits whose value starts in ``text[lo:hi]``; ``prose``: a note's rules."""
    doc, seen = _Doc(text, says, prose), set()
    end = min(len(text), hi + 64)
    uuids = UUID4_HINT_TEXT.search(text, lo, hi + 24) is not None
    for m in KEY_RE.finditer(text, lo, end) if uuids else ():
        hit = _judge(doc, m.start(), m.group(), uuid4=True)
        if m.start() < hi and hit is not None:
            seen.add(hit.pos)
            yield hit
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
        return _judge_prose(doc, pos, value, uuid4=uuid4) or hit
    return hit


def _judge_prose(doc: _Doc, pos: int, value: str, *, uuid4: bool) -> Hit | None:
    # issue 9: keys pasted into Markdown and text notes (``prose``)
    said = prose.judge(doc.text, pos)
    if said is None or placeholders.is_placeholder(value):
        return None
    conf = Confidence.HIGH if uuid4 and said == 'strong' else Confidence.MEDIUM
    return Hit(pos, value, Rule.API_KEY, conf)


def _judge_code(doc: _Doc, pos: int, value: str, *, uuid4: bool) -> Hit | None:
    text = doc.text
    binding = bindings.binding(text, pos)
    if binding is None:
        return None  # a bare UUID is never a finding (docs/evidence.md#key-shape)
    kind = names.classify(binding)
    if kind == names.OTHER and not names.may_name_fireflies(binding):
        # ids, hashes, other vendors' names: most UUIDs in big files stop here, unless the
        # variable is sent as a credential a few statements later (``'Bearer '+t``)
        return _judge_flow(doc, pos, value, binding, uuid4=uuid4)
    if placeholders.is_placeholder(value) or _not_fireflies(text, pos, binding, kind):
        return None
    conf = Confidence.HIGH if uuid4 else Confidence.MEDIUM
    if kind == names.OTHER:
        return _judge_other(text, pos, value, conf, binding)
    if kind == names.FIREFLIES:
        return Hit(pos, value, Rule.API_KEY, conf)
    if kind == names.MISSPELT and doc.api_host:
        return Hit(pos, value, Rule.API_KEY, conf)  # FIREFLY_API_KEY: a misspelling seen in use
    if kind == names.WEAK and _weak_names_fireflies(text, pos):
        return Hit(pos, value, Rule.API_KEY, conf)
    if kind == names.BARE:
        return _judge_bare(text, pos, value, conf)
    if kind != names.GENERIC:
        return None
    return _judge_generic(doc, pos, value, conf, uuid4=uuid4, binding=binding)


def _judge_generic(
    doc: _Doc, pos: int, value: str, conf: Confidence, *, uuid4: bool, binding: str
) -> Hit | None:
    nearby = _fireflies_nearby(doc.text, pos)
    if nearby is None:
        return None  # the value sits in another vendor's section or name
    if nearby or (binding.lower() == 'token' and _postman_bearer(doc, pos)):
        return Hit(pos, value, Rule.API_KEY, conf)
    if _flows_to_fireflies(doc, pos, value, binding):
        return Hit(pos, value, Rule.API_KEY, conf)  # ``API_KEY = ...`` far above the request
    if uuid4:
        return Hit(pos, value, Rule.API_KEY, Confidence.LOW, candidate=True)
    return None


def _judge_flow(doc: _Doc, pos: int, value: str, binding: str, *, uuid4: bool) -> Hit | None:
    if not doc.sends_credentials or placeholders.is_placeholder(value):
        return None
    use = flow.use_of(doc.text, pos + len(value), binding)
    if use is None or use[1] != flow.BEARER or names.qualifier_names_other(binding):
        return None  # ``t`` passed as ``api_key=t`` says no more than ``api_key = <key>``
    near_use, near_value = _fireflies_nearby(doc.text, use[0]), _fireflies_nearby(doc.text, pos)
    if near_use is None or near_value is None:
        return None  # the header or the value sits in another vendor's section
    conf = Confidence.HIGH if uuid4 else Confidence.MEDIUM
    if near_use or near_value:
        return Hit(pos, value, Rule.API_KEY, conf)
    return Hit(pos, value, Rule.API_KEY, Confidence.LOW, candidate=True) if uuid4 else None


def _flows_to_fireflies(doc: _Doc, pos: int, value: str, binding: str) -> bool:
    if not doc.sends_credentials:
        return False
    use = flow.use_of(doc.text, pos + len(value), binding)
    return use is not None and _fireflies_nearby(doc.text, use[0]) is True


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
    other = any(_other_header(h) for h in enclosing)
    return not other and any('fireflies' in h.lower() for h in enclosing)


def _weak_names_fireflies(text: str, pos: int) -> bool:
    # k8s ``- name: FIREFLIES_API_KEY`` / ``value:``; CloudFormation ``FirefliesApiKey:`` /
    # ``Default: <key>`` and terraform.tfstate ``"fireflies_api_key": {"value": ...}`` .
    if names.names_fireflies_credential(lines.lines_before(text, pos, 2)):
        return True
    if names.line_names_fireflies(lines.line_prefix(text, pos)):
        return True  # ``FIREFLIES_API_KEY = config('FIREFLIES_API_KEY', default='<key>')``
    enclosing = sections.headers(text, pos)
    return bool(enclosing) and names.classify(enclosing[0]) == names.FIREFLIES


def _not_fireflies(text: str, pos: int, binding: str, kind: str) -> bool:
    # ``zoom.api-key`` / ``aai.settings.api_key`` (the qualifier names another
    # object), uploadAudio ``download_auth`` (the user's own media host), and a
    # token inside a URL to a host that is not Fireflies' (``https://myapp/hook?token=<key>``).
    if names.qualifier_names_other(binding):
        return True
    prefix = lines.line_prefix(text, pos)
    if mentions.in_foreign_url(prefix):
        return True
    if mentions.says_download_auth(prefix):
        return True
    if kind not in (names.GENERIC, names.BARE):
        return False
    return any(mentions.says_download_auth(h) for h in sections.headers(text, pos)[:3])


def _other_header(header: str) -> bool:
    # ``firefly:`` is Hyperledger FireFly's configuration block, not Fireflies.ai.
    return mentions.names_other_vendor(header) or header.lower().strip('"\'') == 'firefly'


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


def _fireflies_nearby(text: str, pos: int) -> bool | None:
    """True: Fireflies context; False: none; None: the value belongs to another vendor."""
    line = lines.line_text(text, pos)
    if mentions.names_other_vendor(line) and 'firefl' not in line.lower():
        return False
    enclosing = sections.headers(text, pos)
    if any(_other_header(h) for h in enclosing):
        return None  # ``datadog:`` / ``  api_key: ...``: the section wins over nearby text
    item = sections.item_name(text, pos)
    if item is not None and 'fireflies' not in item.lower():
        return None  # ``- name: calendly`` / ``  token: <key>``: another service's entry
    if any('fireflies' in h.lower() for h in enclosing):
        return True
    near = lines.window(text, pos)
    if sections.opens_fireflies_block(near):
        return None  # a sibling ``fireflies:`` block: this value is in another section
    return mentions.mentions_fireflies(near)
