"""Keys pasted into notes: Markdown and plain-text documents (``.md``, ``.mdx``, ``.txt``). Pure.

Many real leaked key lines the code rules missed sat in setup guides, READMEs and
assistant notes, written for people, not parsers: ``My key: `<key>```, ``- API key: <key>``, a
table row ``| Fireflies | <key> |``, a fenced block under "Your Fireflies API key:", with the
word Fireflies in a heading a few lines up or ``app.fireflies.ai`` in a nearby step (the docs
send users to app.fireflies.ai -> Integrations -> Fireflies API for the key:
https://docs.fireflies.ai/fundamentals/authorization). A value counts only under a label that
names a key (never an id: ``Transcript ID``, ``clientReferenceId``, ``Meeting``), and, unless
the label names Fireflies itself, with Fireflies in its window or its section heading. Which
files are notes: ``mentions.is_prose_path``; imported only for them. Every look is bounded
(``lines``: a few lines and at most ``MAX_BACK`` characters up).
Evidence: docs/evidence.md#markdown-and-prose.
"""

from __future__ import annotations

import re

from ffaudit.engine import lines
from ffaudit.engine import mentions
from ffaudit.engine import names
from ffaudit.engine import placeholders
from ffaudit.engine.shapes import Hit
from ffaudit.model import Confidence
from ffaudit.model import Rule

MAX_LINES = 40  # lines looked at above a value for its heading, table head or fence
MAX_BACK = 4096  # ... and characters
# ``- **API key:** `<key>```, ``3. Key = <key>``, ``> Token → <key>``: a short label, a separator.
_LABEL_RE = re.compile(
    r'^[ \t>]*(?:(?:[-*+]|\d{1,2}[.)])[ \t]+)*(?:\*\*|__|`)?'
    r'(?P<label>[A-Za-z][\w .()/\'-]{0,60}?)[ \t]*(?:\*\*|__|`)?[ \t]*'
    r'(?::|=|[ \t](?:-|\u2013|\u2014|->|\u2192))[ \t]*(?:\*\*|__)?[ \t]*["\'`]?(?:Bearer[ \t]+)?$'
)
_HEADING_RE = re.compile(r'[ \t]{0,3}#{1,6}[ \t]+(.+)')
_FENCE_RE = re.compile(r'[ \t]*(?:```|~~~)')
_TABLE_RULE_RE = re.compile(r'[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$')
_KEY_WORD_RE = re.compile(r'(?i)\b(?:api[ _-]?key|key|token|bearer|secret)\b')
_ID_WORD_RE = re.compile(r'(?i)\b(?:id|ids|uuid|guid|reference)\b')
_FIREFLIES, _CONTEXT = 'fireflies', 'context'  # what a label says: its own vendor, or ask around


def judge_hit(text: str, pos: int, value: str, *, uuid4: bool) -> Hit | None:
    """Judge the key-shaped value at ``pos`` of a note by its label and context."""
    said = judge(text, pos)
    if said is None or placeholders.is_placeholder(value):
        return None
    conf = Confidence.HIGH if uuid4 and said == 'strong' else Confidence.MEDIUM
    return Hit(pos, value, Rule.API_KEY, conf)


def judge(text: str, pos: int) -> str | None:
    """How sure a prose note is about the value at ``pos``: 'strong', 'weak' or None.

    'strong': a Fireflies label, or a key label with Fireflies on nearby lines; 'weak': a key
    label whose only Fireflies context is the section heading.
    """
    said = _label_says(text, pos)
    if said is None:
        return None
    if said == _FIREFLIES:
        return 'strong'
    line = lines.line_text(text, pos)
    if mentions.names_other_vendor(line) and not mentions.mentions_fireflies(line):
        return None
    heading = _heading(text, pos) or ''
    if mentions.names_other_vendor(heading) and not mentions.mentions_fireflies(heading):
        return None  # ``## Heroku`` / ``API key: <uuid>``: the nearest heading wins
    if mentions.mentions_fireflies(lines.window(text, pos)):
        return 'strong'
    return 'weak' if mentions.mentions_fireflies(heading) else None


def _label_says(text: str, pos: int) -> str | None:
    prefix = lines.line_prefix(text, pos)
    if prefix.lstrip().startswith('|'):
        return _cell_says(text, pos, prefix)
    m = _LABEL_RE.match(prefix)
    if m is not None:
        return _name_says(m.group('label'))
    if prefix.strip(' \t`"\'') in ('', 'Bearer') and _only_value(text, pos):
        return _fenced_says(text, pos)
    return None


def _name_says(label: str) -> str | None:
    # "API key" reads as one name (apikey): joined, it is classified as code names are
    if _ID_WORD_RE.search(label) or mentions.names_other_vendor(label):
        return None
    kind = names.classify(label.replace(' ', '_'))
    if kind == names.FIREFLIES:
        return _FIREFLIES
    if kind in (names.GENERIC, names.BARE, names.MISSPELT):
        return _CONTEXT
    return None


def _cell_says(text: str, pos: int, prefix: str) -> str | None:
    # ``| FIREFLIES_API_KEY | <key> |``, ``| Fireflies | <key> |`` under ``| Service | Key |``
    cells = [c.strip(' \t*`"\'') for c in prefix.strip().lstrip('|').split('|')]
    row = cells[0] if len(cells) > 1 else ''
    column = _column_name(text, pos, len(cells) - 1)
    saying = [s for s in (_name_says(row), _name_says(column)) if s is not None]
    if any(_ID_WORD_RE.search(n) or mentions.names_other_vendor(n) for n in (row, column)):
        return None
    if _FIREFLIES in saying or (saying and names.is_vendor_entry(row)):
        return _FIREFLIES
    return _CONTEXT if saying else None


def _column_name(text: str, pos: int, index: int) -> str:
    above = _lines_above(text, pos)
    for i, line in enumerate(above):
        if _TABLE_RULE_RE.match(line) and i + 1 < len(above):
            heads = [c.strip(' \t*`') for c in above[i + 1].strip().strip('|').split('|')]
            return heads[index] if 0 <= index < len(heads) else ''
        if not line.lstrip().startswith('|'):
            return ''
    return ''


def _fenced_says(text: str, pos: int) -> str | None:
    # a value alone in a fenced block: the line before the fence (or its heading) labels it
    above = _lines_above(text, pos)
    for i, line in enumerate(above[:4]):
        if _FENCE_RE.match(line):
            label = next((a for a in above[i + 1 : i + 4] if a.strip()), '')
            return _sentence_says(label.lstrip('#').strip())
    return None


def _sentence_says(sentence: str) -> str | None:
    if not _KEY_WORD_RE.search(sentence) or _ID_WORD_RE.search(sentence):
        return None
    if mentions.names_other_vendor(sentence):
        return None
    return _FIREFLIES if mentions.mentions_fireflies(sentence) else _CONTEXT


def _only_value(text: str, pos: int) -> bool:
    _, end = lines.line_bounds(text, pos, 200)
    rest = text[pos:end].split(None, 1)
    return len(rest) == 1


def _heading(text: str, pos: int) -> str | None:
    for line in _lines_above(text, pos):
        m = _HEADING_RE.match(line)
        if m is not None:
            return m.group(1)
    return None


def _lines_above(text: str, pos: int) -> list[str]:
    # nearest first; the value's own line is left out
    start, _ = lines.line_bounds(text, pos, 200)
    floor = max(0, start - MAX_BACK)
    chunk = text[floor : max(floor, start - 1)]
    found = chunk.split('\n')[::-1][:MAX_LINES]
    return [line.rstrip('\r') for line in found if len(line) <= 400]
