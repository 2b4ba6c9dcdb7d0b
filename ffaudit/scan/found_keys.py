"""The raw keys a scan found, held in memory by fingerprint for ``--verify`` only.

Each key also carries the other vendor it overlaps (``overlap``), if any: such a key is never sent.
"""

from __future__ import annotations

from collections.abc import Container
from collections.abc import Iterable
from collections.abc import Iterator

from ffaudit.engine import vendors
from ffaudit.engine.detect import TextScan
from ffaudit.redaction import fingerprint


class KeyRing:
    """Raw keys by fingerprint, held in memory for verification; its repr shows no key."""

    def __init__(self) -> None:
        self._keys: dict[str, str] = {}
        self._overlaps: dict[str, str] = {}

    def add(self, key: str, *, other_vendor: bool | str = False) -> str:
        """Remember ``key``; return its fingerprint.

        ``other_vendor`` names the vendor the key itself overlaps (``vendors.of_scan``); True
        stands for an unnamed one. Once a key overlaps, it always does.
        """
        fp = fingerprint(key)
        self._keys.setdefault(fp, key)
        if other_vendor:
            vendor = other_vendor if isinstance(other_vendor, str) else vendors.ANOTHER
            self._overlaps.setdefault(fp, vendor)
        return fp

    def add_scan(
        self,
        scan: TextScan,
        only: Container[str] | None = None,
        overlaps: Iterable[vendors.Overlap] = (),
    ) -> None:
        """Remember the keys (matches and candidates) a text scan found, or those in ``only``."""
        vendors = dict(overlaps)
        for match in (*scan.matches, *scan.candidates):
            fp = fingerprint(match.value)
            if only is None or fp in only:
                self.add(match.value, other_vendor=vendors.get(fp, False))

    def items(self) -> Iterator[tuple[str, str]]:
        """Yield (fingerprint, key) pairs in insertion order."""
        yield from self._keys.items()

    def overlaps(self, fp: str) -> bool:
        """Whether the key itself belongs to another vendor too."""
        return fp in self._overlaps

    def overlap_of(self, fp: str) -> str:
        """The other vendor the key belongs to, or ''."""
        return self._overlaps.get(fp, '')

    def __contains__(self, fp: object) -> bool:
        return fp in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return f'KeyRing({len(self._keys)} keys)'
