"""What the detect-secrets plugin learns in one process, held in one explicit ``Session``.

detect-secrets asks the plugin line by line and calls ``verify(secret)`` with the secret only.
The session scans each file once (cached by path, mtime and size), remembers every key it
reported and the other UUID-keyed vendor the key itself belongs to, if any (``overlap``), and
builds one ``Verifier`` on first use. So the plugin sends exactly the keys ``scan --verify``
would send: never a key that overlaps another vendor, never a key whose context it has not
judged (docs/evidence.md#other-vendors). It holds each finding until detect-secrets'
verification filter, which runs after the other filters, asks about its value (``hold``,
``settle``): only then is a key sent, and the finding marked verified.
"""

from __future__ import annotations

import os

from ffaudit.engine import detect
from ffaudit.engine import vendors
from ffaudit.engine.detect import KeyMatch
from ffaudit.engine.detect import TextScan
from ffaudit.integrations.detect_secrets import passes
from ffaudit.model import Verification
from ffaudit.redaction import fingerprint
from ffaudit.scan import files
from ffaudit.scan import repo_context
from ffaudit.scan.found_keys import KeyRing

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: the plugin loads in every detect-secrets run
if TYPE_CHECKING:
    from collections.abc import Iterable

    from detect_secrets.core.potential_secret import PotentialSecret

    from ffaudit.scan.verify import Verifier

ByLine = dict[int, tuple[KeyMatch, ...]]
Version = tuple[str, int, int]  # absolute path, mtime_ns, size
MAX_FILES = 16  # whole-file answers kept: detect-secrets asks about one file's lines in a row


def version_of(filename: str) -> Version | None:
    """The file's absolute path, mtime and size, or None if it cannot be read."""
    try:
        stat = os.stat(filename)
    except (OSError, ValueError):
        return None
    return os.path.abspath(filename), stat.st_mtime_ns, stat.st_size


class Session:
    """The plugin's state for one detect-secrets process; its repr shows no key."""

    def __init__(self) -> None:
        self.seen = KeyRing()
        self._files: dict[Version, ByLine] = {}
        self._trackers: dict[tuple[Version, str], passes.Tracker] = {}
        self.planner = passes.Planner()
        self._verifier: Verifier | None = None
        self._held: dict[str, list[PotentialSecret]] = {}  # by fingerprint, until verified
        self._recent: dict[str, tuple[str, int, Version | None]] = {}  # by detector

    def version(self, filename: str, line_number: int, detector: str) -> Version | None:
        """``version_of(filename)``, looked up again only when a pass or a scan starts.

        Within one pass a detector is asked about increasing line numbers of one file, so the
        file is not stat'ed for every line (that cost the plugin path a tenth of its time).
        """
        recent = self._recent.get(detector)
        if recent is not None and recent[0] == filename and recent[1] < line_number:
            version = recent[2]
        else:
            version = version_of(filename)
        self._recent[detector] = (filename, line_number, version)
        return version

    def file_keys(self, path: str, mtime_ns: int, size: int) -> ByLine:
        """The keys ``ffaudit scan`` reports in the file at absolute ``path``, by line number."""
        version = (path, mtime_ns, size)
        if version not in self._files:
            if len(self._files) >= MAX_FILES:
                del self._files[next(iter(self._files))]  # the oldest
            self._files[version] = self._scan(path)
        return self._files[version]

    def answers(self, version: Version, filename: str, detector: str, line_number: int) -> bool:
        """Whether ``detector`` answers this call: only on the pass plain detect-secrets ends on."""
        if (version, detector) not in self._trackers:
            if len(self._trackers) >= 2 * MAX_FILES:
                del self._trackers[next(iter(self._trackers))]  # the oldest
            same = [t for (v, _), t in self._trackers.items() if v == version]
            target = same[0].target if same else self.planner.target(filename)
            self._trackers[version, detector] = passes.Tracker(target)
        return self._trackers[version, detector].answers(line_number)

    def line_keys(self, line: str) -> tuple[KeyMatch, ...]:
        """The keys in ``line`` judged alone (``detect-secrets scan --string``)."""
        text_scan = detect.scan_text(line)
        self.seen.add_scan(TextScan(text_scan.matches), overlaps=vendors.of_scan(line, text_scan))
        return text_scan.matches

    def verify(self, secret: str) -> Verification:
        """Ask Fireflies about a key this session reported, unless it overlaps another vendor."""
        fp = fingerprint(secret)
        if fp not in self.seen:
            return Verification.UNKNOWN  # its context was never judged: never sent
        if self._verifier is None:
            from ffaudit.scan.verify import Verifier  # only when FFAUDIT_VERIFY=1 asks for it

            self._verifier = Verifier()
        return self._verifier.check(secret, other_vendor=self.seen.overlap_of(fp))

    def hold(self, found: Iterable[PotentialSecret]) -> None:
        """Keep findings until detect-secrets' verification filter asks about their values."""
        for secret in found:
            self._held.setdefault(fingerprint(secret.secret_value or ''), []).append(secret)

    def settle(self, secret: str, verified: bool) -> None:
        """Mark the held findings of ``secret`` with Fireflies' verdict and let them go."""
        for found in self._held.pop(fingerprint(secret), []):
            found.is_verified = verified

    def _scan(self, path: str) -> ByLine:
        file_scan = files.scan_file(path)
        text_scan = file_scan.text_scan
        if text_scan is None:
            return {}
        promoted = repo_context.promoter([(path, text_scan)])(path)  # as ``ffaudit scan FILE``
        keys = repo_context.keys_of(text_scan, promoted)
        self.seen.add_scan(TextScan(keys), overlaps=file_scan.overlaps)
        by_line: dict[int, list[KeyMatch]] = {}
        for match in keys:
            by_line.setdefault(match.line, []).append(match)
        return {line: tuple(matches) for line, matches in by_line.items()}

    def __repr__(self) -> str:
        return f'Session({len(self._files)} files, {len(self.seen)} keys)'
