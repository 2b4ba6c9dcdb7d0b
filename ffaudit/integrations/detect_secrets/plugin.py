"""detect-secrets plugin: Fireflies detectors; every decision is the engine's.

Usage: ``detect-secrets scan --plugin "$(ffaudit plugin-path)" .``, no other flag: loading this
module puts ``heuristics``' versions of detect-secrets' UUID and indirect-reference filters in
place, which let our findings through and answer as before for every other plugin. If a
detect-secrets release still applies its own (checked when detect-secrets builds the plugins),
one line on stderr names the fix.
detect-secrets registers every public plugin class in this file, so it imports modules (and
only abstract bases), never other concrete detectors.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Generator
from collections.abc import Iterable
from collections.abc import Iterator
from typing import Any

from detect_secrets.constants import VerifiedResult
from detect_secrets.core.potential_secret import PotentialSecret
from detect_secrets.plugins.base import RegexBasedDetector

from ffaudit.engine import detect
from ffaudit.engine.detect import KeyMatch
from ffaudit.integrations.detect_secrets import heuristics
from ffaudit.integrations.detect_secrets import session
from ffaudit.integrations.detect_secrets.heuristics import API_KEY_TYPE
from ffaudit.integrations.detect_secrets.heuristics import FIREFLIES_TYPES
from ffaudit.integrations.detect_secrets.heuristics import WEBHOOK_SECRET_TYPE
from ffaudit.integrations.detect_secrets.heuristics import indirect_reference_unless_fireflies
from ffaudit.integrations.detect_secrets.heuristics import uuid_unless_fireflies
from ffaudit.model import Rule

__all__ = [
    'API_KEY_TYPE',
    'FIREFLIES_TYPES',
    'WEBHOOK_SECRET_TYPE',
    'FirefliesDetector',
    'FirefliesWebhookSecretDetector',
    'indirect_reference_unless_fireflies',
    'uuid_unless_fireflies',
    'verify_key',
]

VERIFY_ENV = 'FFAUDIT_VERIFY'  # verification is opt-in: FFAUDIT_VERIFY=1
WARNED_ENV = 'FFAUDIT_DS_WARNED'  # set once warned: pool workers inherit it and stay quiet
# What older releases needed on the command line, and the fix the warning names: the filters
# are replaced by dotted paths (portable baselines). Each flag takes exactly one value.
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
_POLICY_FILTER = 'detect_secrets.filters.common.is_ignored_due_to_verification_policies'


def _warn_once(warning: str | None) -> None:
    # The plugin runs inside detect-secrets: stderr is the only channel it has to the user.
    if warning and os.environ.get(WARNED_ENV) != '1':
        os.environ[WARNED_ENV] = '1'
        sys.stderr.write(warning + '\n')


heuristics.install()
SESSION = session.Session()  # one per detect-secrets process; tests swap in a fresh one
_SNIPPET_AFTER = 5  # detect_secrets.util.code_snippet.get_code_snippet(lines_of_context=5)


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
    version = SESSION.version(filename, line_number, detector) if line_number > 0 else None
    if version is None:
        yield from SESSION.line_keys(line)
        return
    by_line = SESSION.file_keys(*version)
    if by_line and SESSION.answers(version, filename, detector, line_number):
        yield from _keys_at(by_line, line_number, snippet)


def _keys_at(by_line: session.ByLine, line_number: int, snippet: Any) -> Iterator[KeyMatch]:
    yield from by_line.get(line_number, ())
    last = _last_line_number(line_number, snippet)
    if last is not None:
        for number in sorted(n for n in by_line if n > last):
            yield from by_line[number]


def reports_on_line(filename: str, snippet: Any, detector: str = '') -> bool:
    """Whether ffaudit reports a key for the line ``snippet`` centres on (a line filter asks)."""
    start, target = getattr(snippet, 'start_line', None), getattr(snippet, 'target_index', None)
    if not isinstance(start, int) or not isinstance(target, int):
        return False
    line_number = start + target + 1
    version = SESSION.version(filename, line_number, f'line filter: {detector}')
    by_line = SESSION.file_keys(*version) if version else {}
    return any(True for _ in _keys_at(by_line, line_number, snippet))


def _last_line_number(line_number: int, snippet: Any) -> int | None:
    # A CodeSnippet holds up to 5 lines after its target: fewer means the line list ends there.
    lines, target = getattr(snippet, 'lines', None), getattr(snippet, 'target_index', None)
    if not isinstance(lines, list) or not isinstance(target, int):
        return None
    after = len(lines) - 1 - target
    return line_number + after if 0 <= after < _SNIPPET_AFTER else None


def _verifying() -> bool:
    # detect-secrets verifies only while its verification filter is on (no --no-verify)
    from detect_secrets.settings import get_settings

    return os.environ.get(VERIFY_ENV) == '1' and _POLICY_FILTER in get_settings().filters


def verify_key(secret: str) -> VerifiedResult:
    """Ask Fireflies about ``secret`` only if FFAUDIT_VERIFY=1; never raises; once per secret.

    Only keys this process reported, never one whose file names another vendor (as --verify).
    Findings held since ``analyze_line`` are marked verified when Fireflies accepts the key.
    """
    if os.environ.get(VERIFY_ENV) != '1':
        return VerifiedResult.UNVERIFIED
    from ffaudit.model import Verification

    try:
        verified = SESSION.verify(secret) is Verification.VERIFIED
    except Exception:  # detect-secrets only catches requests errors: any other aborts its scan
        return VerifiedResult.UNVERIFIED
    SESSION.settle(secret, verified)
    # Never VERIFIED_FALSE: detect-secrets drops those, and a revoked key still has to go.
    return VerifiedResult.VERIFIED_TRUE if verified else VerifiedResult.UNVERIFIED


class _FirefliesBase(RegexBasedDetector):
    """Shared adapter: answers per line from a whole-file ffaudit scan."""

    rule = Rule.API_KEY
    denylist = ()  # unused: analyze_string delegates to ffaudit.engine.detect

    def __init__(self) -> None:
        # detect-secrets builds its plugins once every flag is read: what it applies is final
        _warn_once(heuristics.check())

    def analyze_line(
        self, filename: str, line: str, line_number: int = 0, context: Any = None, **kwargs: Any
    ) -> set[PotentialSecret]:
        """Our findings on this line, never verified here (``BasePlugin`` verifies before the
        filters run); detect-secrets' verification filter asks ``verify`` after them."""
        if SESSION.planner.probing:
            return set()  # detect-secrets is asked what the other plugins find
        found: set[PotentialSecret] = set()
        for key in iter_line_keys(filename, line, line_number, context, self.secret_type):
            if key.rule is self.rule:
                number = key.line if line_number else 0
                found.add(PotentialSecret(self.secret_type, filename, key.value, number))
        if found and _verifying():
            SESSION.hold(found)
        return found

    def analyze_string(
        self, string: str, values: Iterable[str] | None = None
    ) -> Generator[str, None, None]:
        if values is None:
            values = (m.value for m in detect.iter_keys(string) if m.rule is self.rule)
        yield from values

    def reports_on_line(self, filename: str, snippet: Any) -> bool:
        """Whether this plugin's session reports a key for the line ``snippet`` centres on."""
        return reports_on_line(filename, snippet, self.secret_type)

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
