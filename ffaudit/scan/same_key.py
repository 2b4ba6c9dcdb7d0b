"""Same value, same secret: every other place of a value judged a Fireflies key is a finding.

One key is often copied across many files (a ``.env`` judged by its name, the same
value bare in a README, bound to ``t`` in a script); after rotating it, every copy must be
found. The engine already hands back, per text it read, the UUIDv4s no rule judged
(``TextScan.others``); this module keeps them with the judged keys and promotes, in one pass
over those values at the end of a scan, the ones whose exact value was judged a key anywhere
in the same scan (tree, staged set or history). No file is read again. A promoted place has
its own confidence (medium, low if the key it copies is low) and names where the key was
judged (``Finding.same_as``). Evidence: docs/evidence.md#same-value-same-secret.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Container
from collections.abc import Iterable

from ffaudit.engine.detect import KeyMatch
from ffaudit.engine.detect import TextScan
from ffaudit.model import CommitInfo
from ffaudit.model import Confidence
from ffaudit.model import Finding
from ffaudit.redaction import fingerprint
from ffaudit.redaction import redact

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs start-up time
if TYPE_CHECKING:
    from ffaudit.scan.git.log_chunks import Chunk

Position = tuple[str, int, int]  # path, line, column
MAX_PLACES = 100_000  # unjudged places kept per scan (history of data files): memory stays bounded


# Where a value was seen: path, line, column, and the commit for history scans. A plain tuple:
# a dataclass here would cost start-up time on every one-file scan.
Place = tuple[str, int, int, 'CommitInfo | None']


class SameKey:
    """Judged keys and unjudged key-shaped values of one scan, by value; repr shows no key."""

    def __init__(self, *, per_path: bool = False) -> None:
        # per_path: history keeps one place per (value, path), the oldest added (log order)
        self._per_path = per_path
        self._judged: dict[str, tuple[Place, KeyMatch]] = {}
        self._seen: dict[tuple[str, str, int, int], Place] = {}

    def add(self, path: str, judged: Iterable[KeyMatch], others: Iterable[KeyMatch]) -> None:
        """Record one text's judged keys and its other key-shaped values (lines in ``path``)."""
        self.add_places(((path, m.line, m.column, None), m) for m in judged)
        self.add_seen(((path, m.line, m.column, None), m) for m in others)

    def add_places(self, judged: Iterable[tuple[Place, KeyMatch]]) -> None:
        """Record judged keys at explicit places; the first place (in path order) is named."""
        for place, match in judged:
            known = self._judged.get(match.value)
            if known is None or place[:3] < known[0][:3]:
                self._judged[match.value] = (place, match)

    def add_seen(self, others: Iterable[tuple[Place, KeyMatch]]) -> None:
        """Record unjudged key-shaped values at explicit places."""
        for place, match in others:
            key = (match.value, place[0], 0, 0) if self._per_path else (match.value, *place[:3])
            if key in self._seen or len(self._seen) < MAX_PLACES:
                self._seen[key] = place  # history: a later call is an older commit

    def add_chunk(
        self, chunk: Chunk, judged: Iterable[KeyMatch], others: Iterable[KeyMatch]
    ) -> None:
        """Record a history chunk's judged keys and its others on added lines, at its commit."""
        commit = CommitInfo(chunk.sha, chunk.date)

        def place(m: KeyMatch) -> Place:
            return chunk.path, chunk.lines[m.line - 1], m.column, commit

        self.add_seen((place(m), m) for m in others if m.line in chunk.added)
        self.add_places((place(m), m) for m in judged)

    def findings(
        self,
        taken: Container[Position] = (),
        paths: Container[tuple[str, str]] = (),
        present: Container[str] = (),
    ) -> list[Finding]:
        """The promoted places: values judged a key elsewhere, not already a finding.

        ``taken`` holds the positions of the scan's findings; for history, ``paths`` holds the
        (path, fingerprint) pairs already reported and ``present`` the fingerprints at HEAD.
        """
        found = []
        for (value, *_), place in self._seen.items():
            source = self._judged.get(value)
            if source is None or place[:3] in taken or place[:3] == source[0][:3]:
                continue
            fp = fingerprint(value)
            if (place[0], fp) not in paths:
                found.append(_finding(place, source, fp, fp in present))
        return sorted(found)

    def __repr__(self) -> str:
        return f'SameKey({len(self._judged)} keys, {len(self._seen)} places)'


def unjudged(ts: TextScan, keys: tuple[KeyMatch, ...]) -> tuple[KeyMatch, ...]:
    """A text's key-shaped values that are not among ``keys``: candidates left out, and others."""
    if not ts.candidates or len(keys) == len(ts.matches) + len(ts.candidates):
        return ts.others
    return (*(m for m in ts.candidates if m not in keys), *ts.others)


def _finding(place: Place, source: tuple[Place, KeyMatch], fp: str, present: bool) -> Finding:
    (path, line, column, commit), ((origin, origin_line, *_), match) = place, source
    if commit is not None:
        commit = dataclasses.replace(commit, present_at_head=present)
    conf = Confidence.LOW if match.confidence is Confidence.LOW else Confidence.MEDIUM
    preview, same_as = redact(match.value), f'{origin}:{origin_line}'
    return Finding(
        path, line, column, match.rule, conf, preview, fp, commit,
        same_as=same_as,
    )  # fmt: skip
