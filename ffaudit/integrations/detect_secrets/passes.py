"""Which of detect-secrets' passes over a file the plugin answers on.

Evidence: docs/evidence.md#detect-secrets-plugins.

``detect_secrets.core.scan.scan_file`` reads a file in up to two passes (raw or transformed
lines, then lines from its eager transformers) and stops after the first pass in which any
plugin yields a secret. Were the plugin to answer on an earlier pass than the other plugins do,
their findings would be lost. So the plugin answers on the first pass in which the other
plugins yield something, exactly where plain detect-secrets stops; if they never do, on every
pass (the first one that keeps one of our keys ends the scan, as without us).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator


class Tracker:
    """Follows one detector's calls through the passes of one file version."""

    def __init__(self, target: int | None) -> None:
        self.target = target  # None: the other plugins yield on no pass
        self.index = 0
        self.last = 0

    def answers(self, line_number: int) -> bool:
        """Whether the call for ``line_number`` belongs to the pass the plugin answers on.

        Lines come in increasing order within a pass; a smaller or equal number starts the
        next pass, or, after the target pass (where detect-secrets stops), a new scan.
        """
        if line_number <= self.last:
            self.index = self.index + 1 if self.target and self.index < self.target else 0
        self.last = line_number
        return self.target is None or self.index == self.target


class Planner:
    """Finds, once per file version, the first pass where the other plugins yield."""

    def __init__(self) -> None:
        self.probing = False  # True while the other plugins are asked: ours stay silent

    def target(self, filename: str) -> int | None:
        """The first pass (0-based) of ``filename`` in which the other plugins yield a secret."""
        from detect_secrets.core import scan as ds_scan

        with self._silenced():
            try:
                for index, lines in enumerate(ds_scan._get_lines_from_file(filename)):
                    numbered = list(enumerate(lines, start=1))
                    if any(True for _ in ds_scan._process_line_based_plugins(numbered, filename)):
                        return index
            except OSError:
                return None
        return None

    @contextlib.contextmanager
    def _silenced(self) -> Iterator[None]:
        self.probing = True
        try:
            yield
        finally:
            self.probing = False
