"""Values passed between the core and the renderers: findings, check results, formats."""

from __future__ import annotations

import dataclasses
import enum

# The one Fireflies GraphQL endpoint (docs.fireflies.ai/fundamentals/concepts).
FIREFLIES_ENDPOINT = 'https://api.fireflies.ai/graphql'
FIREFLIES_TIMEOUT = 10.0  # seconds one probe of the endpoint may take overall


class Rule(enum.StrEnum):
    """Stable rule ids (persisted in baselines and SARIF: never rename)."""

    API_KEY = 'fireflies-api-key'
    WEBHOOK_SECRET = 'fireflies-webhook-secret'


class Confidence(enum.StrEnum):
    """How sure the engine is that a match is a Fireflies credential."""

    HIGH = 'high'  # UUIDv4 bound to a Fireflies name or host
    MEDIUM = 'medium'  # older 32-hex shape with Fireflies context; webhook secrets
    LOW = 'low'  # generic name (api_key, token) in a repository that talks to Fireflies


class Verification(enum.StrEnum):
    """Outcome of asking Fireflies about a found key (scan --verify)."""

    NOT_CHECKED = 'not-checked'
    VERIFIED = 'verified'
    REJECTED = 'rejected'
    UNKNOWN = 'unknown'


@dataclasses.dataclass(frozen=True, order=True)
class CommitInfo:
    """Where a history finding was first introduced."""

    sha: str
    date: str  # ISO-8601, committer date
    count: int = 1  # commits that add the same key
    present_at_head: bool = False


@dataclasses.dataclass(frozen=True, order=True)
class Finding:
    """One hard-coded credential; holds a redacted preview and a hash, never the secret."""

    path: str
    line: int
    column: int
    rule: Rule = Rule.API_KEY
    confidence: Confidence = Confidence.HIGH
    preview: str = ''  # redact(key)
    fingerprint: str = ''  # fingerprint(key): short SHA-256, safe to print and store
    commit: CommitInfo | None = None
    verification: Verification = Verification.NOT_CHECKED
    same_as: str = ''  # 'path:line' where a rule judged this value a key (scan.same_key)


@dataclasses.dataclass(frozen=True)
class Skipped:
    """A file that was not scanned, and why (secret-free)."""

    path: str
    reason: str  # 'binary', 'unreadable: Permission denied', 'undecodable', 'too large', ...


@dataclasses.dataclass(frozen=True)
class ScanResult:
    """The result of one scan run."""

    findings: tuple[Finding, ...]
    files_scanned: int
    bytes_scanned: int
    skipped: tuple[Skipped, ...] = ()
    excluded: int = 0  # files left out by the configuration's exclude globs
    allowlisted: int = 0  # findings dropped by the configuration's allowlist


class Status(enum.StrEnum):
    """Outcome of one doctor check."""

    PASS = 'pass'
    WARN = 'warn'
    FAIL = 'fail'
    SKIP = 'skip'
    INCONCLUSIVE = 'inconclusive'


Detail = str | int | float | bool  # a JSON scalar: numbers stay numbers in --format json


@dataclasses.dataclass(frozen=True)
class CheckResult:
    """Outcome of one doctor check: stable id, status, one secret-free line and a fix."""

    check: str  # stable dotted/kebab id, e.g. 'key.whitespace'
    status: Status
    message: str
    hint: str = ''
    section: str = ''  # human grouping: 'Credentials', 'Request', 'Environment', 'Fireflies API'
    details: tuple[tuple[str, Detail], ...] = ()  # extra secret-free key/value pairs for JSON
    caused_by: str = ''  # id of the root-cause check this one follows from ('' = a root)


class Format(enum.StrEnum):
    """Output formats; not every command supports every format."""

    TEXT = 'text'
    JSON = 'json'
    SARIF = 'sarif'
    GITHUB = 'github'


class SourceState(enum.StrEnum):
    """What one key source held when the doctor looked."""

    UNSET = 'unset'
    EMPTY = 'empty'
    SET = 'set'
    UNREADABLE = 'unreadable'


@dataclasses.dataclass(frozen=True)
class KeySource:
    """One place a key can come from, e.g. ``env:FIREFLIES_API_KEY`` or ``dotenv:.env``."""

    name: str
    state: SourceState
    fingerprint: str = ''  # fingerprint of the raw value when SET; never the value
    length: int = 0
    detail: str = ''  # secret-free note, e.g. why it is unreadable


VERDICTS = {0: 'ok', 1: 'problem', 3: 'inconclusive'}


@dataclasses.dataclass(frozen=True)
class DoctorSummary:
    """Secret-free facts shown around the checks: versions, CI, the credential's source."""

    versions: tuple[tuple[str, str], ...] = ()  # (('ffaudit', '0.1.0'), ('Python', ...), ...)
    ci: str = ''  # 'GitHub Actions (push)' or ''
    credential: KeySource | None = None
    shadowed: tuple[KeySource, ...] = ()
    sources: tuple[KeySource, ...] = ()
    exit_code: int = 0
    title: str = 'ffaudit doctor'  # the command whose checks these are
    not_checked: tuple[str, ...] = ()  # what this run did not look at, e.g. the live check
    verbose: bool = True  # every check (False: one line per section, then only the problems)

    @property
    def verdict(self) -> str:
        """'ok', 'problem' or 'inconclusive': the exit code in a word."""
        return VERDICTS.get(self.exit_code, 'problem')


@dataclasses.dataclass(frozen=True)
class DoctorReport:
    """What one doctor run found: its checks in report order, the summary, the exit code."""

    results: tuple[CheckResult, ...]
    summary: DoctorSummary
    exit_code: int
