"""The raw keys a scan found, held in memory by fingerprint for ``--verify`` only."""

from __future__ import annotations

from collections.abc import Container
from collections.abc import Iterator

from ffaudit import detect
from ffaudit.detect import TextScan


class KeyRing:
    """Raw keys by fingerprint, held in memory for verification; its repr shows no key."""

    def __init__(self) -> None:
        self._keys: dict[str, str] = {}
        self._overlaps: set[str] = set()

    def add(self, key: str, *, other_vendor: bool = False) -> str:
        """Remember ``key``; return its fingerprint. Once seen beside another vendor, always so."""
        fp = detect.fingerprint(key)
        self._keys.setdefault(fp, key)
        if other_vendor:
            self._overlaps.add(fp)
        return fp

    def add_scan(self, scan: TextScan, only: Container[str] | None = None) -> None:
        """Remember the keys (matches and candidates) a text scan found, or those in ``only``."""
        for match in (*scan.matches, *scan.candidates):
            if only is None or detect.fingerprint(match.value) in only:
                self.add(match.value, other_vendor=scan.names_other_vendor)

    def items(self) -> Iterator[tuple[str, str]]:
        """Yield (fingerprint, key) pairs in insertion order."""
        yield from self._keys.items()

    def overlaps(self, fp: str) -> bool:
        """Whether the key was found in text that names another vendor."""
        return fp in self._overlaps

    def __contains__(self, fp: object) -> bool:
        return fp in self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:
        return f'KeyRing({len(self._keys)} keys)'
