"""detect-secrets plugin: Fireflies detectors and filters; every decision is the engine's.

Usage: ``detect-secrets scan --plugin "$(ffaudit plugin-path)" $(ffaudit plugin-path --filter)``.
detect-secrets registers every public plugin class in this file, so it imports modules (and
only abstract bases), never other concrete detectors.
"""

from __future__ import annotations

import os
from collections.abc import Generator
from collections.abc import Iterable
from collections.abc import Iterator
from typing import Any

from detect_secrets.constants import VerifiedResult
from detect_secrets.core.potential_secret import PotentialSecret
from detect_secrets.filters import heuristic
from detect_secrets.plugins.base import BasePlugin
from detect_secrets.plugins.base import RegexBasedDetector

from ffaudit.engine import detect
from ffaudit.engine.detect import KeyMatch
from ffaudit.integrations.detect_secrets import session
from ffaudit.model import Rule

__all__ = [
    'FirefliesDetector',
    'FirefliesWebhookSecretDetector',
    'indirect_reference_unless_fireflies',
    'uuid_unless_fireflies',
    'verify_key',
]

API_KEY_TYPE = 'Fireflies API Key'  # persisted in baselines: never rename
WEBHOOK_SECRET_TYPE = 'Fireflies Webhook Secret'  # persisted in baselines: never rename
FIREFLIES_TYPES = frozenset({API_KEY_TYPE, WEBHOOK_SECRET_TYPE})
VERIFY_ENV = 'FFAUDIT_VERIFY'  # verification is opt-in: FFAUDIT_VERIFY=1
# Replace two line-blind heuristics with versions that skip only our findings. Dotted paths keep
# the baseline portable. Each flag takes exactly one value, so paths may follow.
FILTER_ARGS = (
    '--disable-filter',
    'detect_secrets.filters.heuristic.is_potential_uuid',
    '--disable-filter',
    'detect_secrets.filters.heuristic.is_indirect_reference',
    '--filter',
    'ffaudit.integrations.detect_secrets.plugin.uuid_unless_fireflies',
    '--filter',
    'ffaudit.integrations.detect_secrets.plugin.indirect_reference_unless_fireflies',
)

SESSION = session.Session()  # one per detect-secrets process; tests swap in a fresh one
_SNIPPET_AFTER = 5  # detect_secrets.util.code_snippet.get_code_snippet(lines_of_context=5)


def _version(filename: str) -> session.Version | None:
    try:
        stat = os.stat(filename)
    except (OSError, ValueError):
        return None
    return os.path.abspath(filename), stat.st_mtime_ns, stat.st_size


def iter_line_keys(
    filename: str, line: str, line_number: int, snippet: Any = None, detector: str = ''
) -> Iterator[KeyMatch]:
    """Yield the matches ffaudit reports on this line, judged with the whole file as context.

    Without a readable file or a line number (``detect-secrets scan --string``), the line is
    judged alone. Otherwise the answer goes by line number, not text: detect-secrets' YAML/INI
    transformers blank lines they cannot represent (list items, comments) and stop at the last
    value they parse; near that end (``snippet`` shows it), keys below it come too. Answers
    come on one pass only (``passes``), so other plugins report what they report without us.
    """
    version = _version(filename) if line_number > 0 else None
    if version is None:
        yield from SESSION.line_keys(line)
        return
    by_line = SESSION.file_keys(*version)
    if not by_line or not SESSION.answers(version, filename, detector, line_number):
        return
    yield from by_line.get(line_number, ())
    last = _last_line_number(line_number, snippet)
    if last is not None:
        for number in sorted(n for n in by_line if n > last):
            yield from by_line[number]


def _last_line_number(line_number: int, snippet: Any) -> int | None:
    # A CodeSnippet holds up to 5 lines after its target: fewer means the line list ends there.
    lines, target = getattr(snippet, 'lines', None), getattr(snippet, 'target_index', None)
    if not isinstance(lines, list) or not isinstance(target, int):
        return None
    after = len(lines) - 1 - target
    return line_number + after if 0 <= after < _SNIPPET_AFTER else None


def verify_key(secret: str) -> VerifiedResult:
    """Ask Fireflies about ``secret`` only if FFAUDIT_VERIFY=1; never raises; once per secret.

    Only keys this process reported, never one whose file names another vendor (as --verify).
    """
    if os.environ.get(VERIFY_ENV) != '1':
        return VerifiedResult.UNVERIFIED
    from ffaudit.model import Verification

    try:
        verified = SESSION.verify(secret) is Verification.VERIFIED
    except Exception:  # detect-secrets only catches requests errors: any other aborts its scan
        return VerifiedResult.UNVERIFIED
    # Never VERIFIED_FALSE: detect-secrets drops those, and a revoked key still has to go.
    return VerifiedResult.VERIFIED_TRUE if verified else VerifiedResult.UNVERIFIED


class _FirefliesBase(RegexBasedDetector):
    """Shared adapter: answers per line from a whole-file ffaudit scan."""

    rule = Rule.API_KEY
    denylist = ()  # unused: analyze_string delegates to ffaudit.engine.detect

    def analyze_line(
        self, filename: str, line: str, line_number: int = 0, context: Any = None, **kwargs: Any
    ) -> set[PotentialSecret]:
        if SESSION.planner.probing:
            return set()  # detect-secrets is asked what the other plugins find
        by_number: dict[int, list[str]] = {}
        for key in iter_line_keys(filename, line, line_number, context, self.secret_type):
            if key.rule is self.rule:
                by_number.setdefault(key.line if line_number else 0, []).append(key.value)
        found: set[PotentialSecret] = set()
        for number, values in by_number.items():
            found |= super().analyze_line(filename, line, number, context, values=values)
        return found

    def analyze_string(
        self, string: str, values: Iterable[str] | None = None
    ) -> Generator[str, None, None]:
        if values is None:
            values = (m.value for m in detect.iter_keys(string) if m.rule is self.rule)
        yield from values

    def verify(self, secret: str) -> VerifiedResult:
        return verify_key(secret)


class FirefliesDetector(_FirefliesBase):
    """Scans for Fireflies.ai API keys (rules and evidence: ffaudit/engine/detect.py)."""

    secret_type = API_KEY_TYPE
    rule = Rule.API_KEY


class FirefliesWebhookSecretDetector(_FirefliesBase):
    """Scans for literal Fireflies webhook signing secrets."""

    secret_type = WEBHOOK_SECRET_TYPE
    rule = Rule.WEBHOOK_SECRET

    def verify(self, secret: str) -> VerifiedResult:
        # A signing secret is no API key: it is never sent (docs/evidence.md#webhook-secrets).
        return VerifiedResult.UNVERIFIED


def uuid_unless_fireflies(secret: str, plugin: BasePlugin | None = None) -> bool:
    """Replacement for ``heuristic.is_potential_uuid`` that lets Fireflies findings through."""
    if plugin is not None and plugin.secret_type in FIREFLIES_TYPES:
        return False
    return heuristic.is_potential_uuid(secret)


def indirect_reference_unless_fireflies(
    secret: str, line: str, plugin: BasePlugin | None = None
) -> bool:
    """Replacement for ``heuristic.is_indirect_reference``: keeps ``Fireflies(api_key='…')``."""
    # ``secret`` is unused but required: it makes detect-secrets run this per finding, with plugin.
    if plugin is not None and plugin.secret_type in FIREFLIES_TYPES:
        return False
    return heuristic.is_indirect_reference(line)
