"""The scan configuration: ``.ffaudit.toml`` or ``[tool.ffaudit]`` in ``pyproject.toml``.

Lookup (``find``): from the scanned folder up to the repository root (the first folder that
holds ``.git``; the filesystem root outside a repository), the first folder with a
``.ffaudit.toml`` or a ``pyproject.toml`` that has a ``[tool.ffaudit]`` table wins;
``.ffaudit.toml`` first. Keys (``load``): ``exclude`` (globs, see ``globs``), ``min-confidence``
(``high``/``medium``/``low``) and ``allowlist`` (tables of ``fingerprint`` and ``reason``). A
malformed file raises ``FfauditError`` (exit 2) naming the file and the line; values are never
repeated (an allowlist entry may hold a pasted key).
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Sequence
from typing import Any

from ffaudit.errors import FfauditError
from ffaudit.model import Confidence
from ffaudit.redaction import escape_controls
from ffaudit.scan import config_lines
from ffaudit.scan import globs
from ffaudit.scan import textio

NAMES = ('.ffaudit.toml', 'pyproject.toml')  # per folder, in this order
PYPROJECT = 'pyproject.toml'
READ_LIMIT = 1024 * 1024  # bytes; a configuration is a few hundred
KEYS = ('exclude', 'min-confidence', 'allowlist')
ENTRY_KEYS = ('fingerprint', 'reason')
_FINGERPRINT_RE = re.compile(r'[0-9a-f]{12}')


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


def find(start: str) -> str | None:
    """The configuration file for a scan of the folder ``start`` (see the module docstring)."""
    current = os.path.abspath(start)
    while True:
        for name in NAMES:
            path = _shown(os.path.join(current, name))
            if os.path.isfile(path) and (name != PYPROJECT or _has_table(path)):
                return path
        parent = os.path.dirname(current)
        if parent == current or os.path.lexists(os.path.join(current, '.git')):
            return None
        current = parent


def _shown(path: str) -> str:
    shown = os.path.relpath(path)
    return path if shown.startswith(os.pardir) else shown


def load(path: str) -> ScanConfig:
    """Read and check one configuration file; raise ``FfauditError`` when it is malformed."""
    text = _read(path)
    table = _table(_parse(path, text), path)
    return _config(path, text, table)


def _has_table(path: str) -> bool:
    # most pyproject.toml files never say ffaudit: those are skipped without parsing TOML
    try:
        with textio.open_file(path) as f:
            if b'ffaudit' not in f.read(READ_LIMIT):
                return False
    except OSError:
        return True  # let load() say why it cannot be read
    doc = _parse(path, _read(path))
    tool = doc.get('tool')
    return isinstance(tool, dict) and 'ffaudit' in tool


def _read(path: str) -> str:
    shown = escape_controls(path)
    try:
        with textio.open_file(path) as f:  # a FIFO or device is refused, never waited on
            data = f.read(READ_LIMIT + 1)
    except OSError as exc:
        raise FfauditError(f'cannot read config {shown}: {exc.strerror or exc}') from None
    if len(data) > READ_LIMIT:
        raise FfauditError(f'malformed config {shown}: larger than {READ_LIMIT // 1024} KiB')
    try:
        return data.decode('utf-8-sig')  # a byte-order mark from a Windows editor is fine
    except UnicodeDecodeError:
        raise FfauditError(f'malformed config {shown}: not UTF-8') from None


def _parse(path: str, text: str) -> dict[str, Any]:
    import tomllib  # only when a configuration exists: start-up time

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
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
    where = config_lines.Locator(path, text, in_pyproject=os.path.basename(path) == PYPROJECT)
    for key in table:
        if key not in KEYS:
            raise where.error(key, f'unknown key (known: {", ".join(KEYS)})')
    return ScanConfig(
        source=path,
        exclude=_exclude(table.get('exclude', []), where),
        min_confidence=_min_confidence(table.get('min-confidence'), where),
        allowlist=_allowlist(table.get('allowlist', []), where),
    )


def _exclude(value: Any, where: config_lines.Locator) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise where.error('exclude', 'must be a list of glob strings')
    for i, pattern in enumerate(value):
        try:
            globs.translate(pattern)
        except globs.GlobError as exc:
            raise where.error('exclude', f'pattern {i + 1}: {exc}') from None
    return tuple(value)


def _min_confidence(value: Any, where: config_lines.Locator) -> Confidence | None:
    if value is None:
        return None
    choices = [str(c) for c in Confidence]
    if not isinstance(value, str) or value.lower() not in choices:
        raise where.error('min-confidence', f'must be one of {", ".join(choices)}')
    return Confidence(value.lower())


def _allowlist(value: Any, where: config_lines.Locator) -> tuple[Allowed, ...]:
    if not isinstance(value, list):
        raise where.error('allowlist', 'must be an array of tables ([[allowlist]])')
    return tuple(_allowed(entry, i, where) for i, entry in enumerate(value))


def _allowed(entry: Any, index: int, where: config_lines.Locator) -> Allowed:
    if not isinstance(entry, dict):
        raise where.entry_error(index, '', 'must be a table of fingerprint and reason')
    for key in entry:
        if key not in ENTRY_KEYS:
            raise where.entry_error(index, key, 'unknown key (known: fingerprint, reason)')
    fp, reason = entry.get('fingerprint'), entry.get('reason')
    if not isinstance(fp, str) or not _FINGERPRINT_RE.fullmatch(fp.lower()):
        why = 'must be the 12 hex digits ffaudit prints (never the key itself)'
        raise where.entry_error(index, 'fingerprint', why)
    if not isinstance(reason, str) or not reason.strip():
        raise where.entry_error(index, 'reason', 'must be a non-empty string')
    return Allowed(fp.lower(), reason.strip())


def start_of(paths: Sequence[str]) -> str:
    """The folder a configuration is looked up from: the first PATH's (``.`` for none or ``-``)."""
    first = paths[0] if paths else '.'
    if first == '-' or os.path.isdir(first):
        return '.' if first == '-' else first
    return os.path.dirname(first) or '.'
