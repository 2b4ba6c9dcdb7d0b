"""Is there Fireflies context around a position, or does it sit in another vendor's block? Pure.

Split from ``api_key`` so the data-flow rule (``flow``) asks the same question at a value's
use as the binding rules ask at the value. Evidence: docs/evidence.md#names-and-hosts,
#other-vendors.
"""

from __future__ import annotations

from ffaudit.engine import lines
from ffaudit.engine import mentions
from ffaudit.engine import names
from ffaudit.engine import sections


def other_header(header: str) -> bool:
    """True when a section header names another vendor."""
    # ``firefly:`` is Hyperledger FireFly's configuration block, not Fireflies.ai.
    return mentions.names_other_vendor(header) or header.lower().strip('"\'') == 'firefly'


def fireflies_nearby(text: str, pos: int) -> bool | None:
    """True: Fireflies context; False: none; None: the value belongs to another vendor."""
    line = lines.line_text(text, pos)
    if mentions.names_other_vendor(line) and 'firefl' not in line.lower():
        return False
    enclosing = sections.headers(text, pos)
    if any(other_header(h) for h in enclosing):
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


def not_fireflies(text: str, pos: int, binding: str, kind: str) -> bool:
    """True when the binding's qualifier, URL or ``download_auth`` says: not a Fireflies key."""
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
