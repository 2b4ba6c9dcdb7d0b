"""Where in a configuration file a problem is: the line, for one-line error messages.

``tomllib`` gives a line only for syntax errors; for a value of the wrong type or an unknown key
the line is found by looking for the key in the text (best effort: without it, the key is still
named).
"""

from __future__ import annotations

import re

from ffaudit.errors import FfauditError
from ffaudit.redaction import escape_controls

_AT_RE = re.compile(r'\s*\(at (?:line (\d+), column (\d+)|end of document)\)$')


def syntax_error(message: str, text: str) -> tuple[str, str]:
    """``(line[:column], reason)`` from a ``tomllib.TOMLDecodeError`` message."""
    m = _AT_RE.search(message)
    if m is None:
        return '1', message
    where = f'{m[1]}:{m[2]}' if m[1] else str(len(text.splitlines()) or 1)
    return where, message[: m.start()]


class Locator:
    """Builds ``FfauditError``s naming ``path``, the line of a key, and the key."""

    def __init__(self, path: str, text: str, *, in_pyproject: bool) -> None:
        self.path, self.lines = escape_controls(path), text.splitlines()
        self.prefix = 'tool.ffaudit.' if in_pyproject else ''
        table = r'tool\s*\.\s*ffaudit' if in_pyproject else ''
        self.table_re = re.compile(rf'^\s*\[\s*{table}\s*\]') if in_pyproject else None
        entry = rf'{table}\s*\.\s*allowlist' if in_pyproject else 'allowlist'
        self.entry_re = re.compile(rf'^\s*\[\[\s*{entry}\s*\]\]')

    def error(self, key: str, why: str) -> FfauditError:
        """The error for top-level ``key``."""
        start = self._find(self.table_re, 0) if self.table_re is not None else 0
        line = self._find(_key_re(key), start or 0)
        return self._error(line, f'{self.prefix}{key}', why)

    def entry_error(self, index: int, key: str, why: str) -> FfauditError:
        """The error for ``key`` of allowlist entry ``index`` (0-based)."""
        line = None
        start = 0
        for _ in range(index + 1):
            found = self._find(self.entry_re, start)
            if found is None:
                break
            line, start = found, found
        if line is not None and key:
            line = self._find(_key_re(key), line) or line
        if line is None:
            line = self._find(_key_re('allowlist'), 0)
        name = f'{self.prefix}allowlist[{index + 1}]{"." if key else ""}{key}'
        return self._error(line, name, why)

    def _find(self, pattern: re.Pattern[str] | None, start: int) -> int | None:
        # 1-based line of the first match at or after line ``start + 1``
        if pattern is None:
            return None
        for number, line in enumerate(self.lines[start:], start + 1):
            if pattern.match(line):
                return number
        return None

    def _error(self, line: int | None, key: str, why: str) -> FfauditError:
        where = f'{self.path}:{line}' if line else self.path
        return FfauditError(f'{where}: {escape_controls(key)}: {why}')


def _key_re(key: str) -> re.Pattern[str]:
    return re.compile(rf'^\s*["\']?{re.escape(key)}["\']?\s*=')
