"""The scan configuration: ``.ffaudit.toml`` or ``[tool.ffaudit]`` in ``pyproject.toml``.

Found by ``config_lookup.find``. Keys (``load``): ``exclude`` (globs, see ``globs``),
``min-confidence`` (``high``/``medium``/``low``) and ``allowlist`` (tables of ``fingerprint``
and ``reason``). A malformed file raises ``FfauditError`` (exit 2) naming the file and the
line; values are never repeated (an allowlist entry may hold a pasted key).
"""

from __future__ import annotations

import dataclasses
import os
from typing import TYPE_CHECKING
from typing import Any

from ffaudit import user_files
from ffaudit.errors import FfauditError
from ffaudit.model import Confidence
from ffaudit.redaction import escape_controls

if TYPE_CHECKING:
    from ffaudit.scan.config_lines import Locator
# config_lines, globs and tomllib load only when needed: this module itself loads only when a
# configuration file exists (config_lookup finds it).

PYPROJECT = 'pyproject.toml'
READ_LIMIT = 1024 * 1024  # bytes; a configuration is a few hundred
KEYS = ('exclude', 'min-confidence', 'allowlist')
ENTRY_KEYS = ('fingerprint', 'reason')
_HEX = frozenset('0123456789abcdef')
FINGERPRINT_LENGTH = 12


@dataclasses.dataclass(frozen=True)
class Allowed:
    """One allowlisted secret: its fingerprint and why it may stay."""

    fingerprint: str
    reason: str


@dataclasses.dataclass(frozen=True)
class ScanConfig:
    """What a configuration file asks of ``scan``; ``NO_CONFIG`` when there is none."""

    source: str | None = None  # the file read
    exclude: tuple[str, ...] = ()
    min_confidence: Confidence | None = None
    allowlist: tuple[Allowed, ...] = ()

    @property
    def root(self) -> str:
        """The folder ``exclude`` globs are relative to: the configuration file's."""
        return os.path.dirname(os.path.abspath(self.source)) if self.source else os.getcwd()


NO_CONFIG = ScanConfig()


def load(path: str) -> ScanConfig:
    """Read and check one configuration file; raise ``FfauditError`` when it is malformed."""
    text = read(path)
    table = _table(parse(path, text), path)
    return _config(path, text, table)


def read(path: str) -> str:
    """The text of a configuration file (``user_files``: a FIFO or device is refused at once)."""
    try:
        return user_files.read_text(path, 'config', READ_LIMIT)  # a BOM is fine
    except user_files.Refused as exc:
        if exc.rule in (user_files.TOO_LARGE, user_files.NOT_UTF8):
            raise FfauditError(f'malformed config {escape_controls(path)}: {exc.reason}') from None
        raise


def parse(path: str, text: str) -> dict[str, Any]:
    import tomllib  # only when a configuration exists: start-up time

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        from ffaudit.scan import config_lines

        line, why = config_lines.syntax_error(str(exc), text)
        raise FfauditError(f'{escape_controls(path)}:{line}: invalid TOML: {why}') from None


def _table(doc: dict[str, Any], path: str) -> dict[str, Any]:
    if os.path.basename(path) != PYPROJECT:
        return doc
    tool = doc.get('tool', {})
    table = tool.get('ffaudit', {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        raise FfauditError(f'{escape_controls(path)}: [tool.ffaudit] must be a table')
    return table


def _config(path: str, text: str, table: dict[str, Any]) -> ScanConfig:
    from ffaudit.scan.config_lines import Locator

    where = Locator(path, text, in_pyproject=os.path.basename(path) == PYPROJECT)
    for key in table:
        if key not in KEYS:
            raise where.error(key, f'unknown key (known: {", ".join(KEYS)})')
    return ScanConfig(
        source=path,
        exclude=_exclude(table.get('exclude', []), where),
        min_confidence=_min_confidence(table.get('min-confidence'), where),
        allowlist=_allowlist(table.get('allowlist', []), where),
    )


def _exclude(value: Any, where: Locator) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise where.error('exclude', 'must be a list of glob strings')
    from ffaudit.scan import globs

    for i, pattern in enumerate(value):
        try:
            globs.translate(pattern)
        except globs.GlobError as exc:
            raise where.error('exclude', f'pattern {i + 1}: {exc}') from None
    return tuple(value)


def _min_confidence(value: Any, where: Locator) -> Confidence | None:
    if value is None:
        return None
    choices = [str(c) for c in Confidence]
    if not isinstance(value, str) or value.lower() not in choices:
        raise where.error('min-confidence', f'must be one of {", ".join(choices)}')
    return Confidence(value.lower())


def _allowlist(value: Any, where: Locator) -> tuple[Allowed, ...]:
    if not isinstance(value, list):
        raise where.error('allowlist', 'must be an array of tables ([[allowlist]])')
    return tuple(_allowed(entry, i, where) for i, entry in enumerate(value))


def _allowed(entry: Any, index: int, where: Locator) -> Allowed:
    if not isinstance(entry, dict):
        raise where.entry_error(index, '', 'must be a table of fingerprint and reason')
    for key in entry:
        if key not in ENTRY_KEYS:
            raise where.entry_error(index, key, 'unknown key (known: fingerprint, reason)')
    fp, reason = entry.get('fingerprint'), entry.get('reason')
    if not _is_fingerprint(fp):
        why = 'must be the 12 hex digits ffaudit prints (never the key itself)'
        raise where.entry_error(index, 'fingerprint', why)
    if not isinstance(reason, str) or not reason.strip():
        raise where.entry_error(index, 'reason', 'must be a non-empty string')
    return Allowed(str(fp).lower(), reason.strip())


def _is_fingerprint(value: Any) -> bool:
    return (
        isinstance(value, str) and len(value) == FINGERPRINT_LENGTH and set(value.lower()) <= _HEX
    )
