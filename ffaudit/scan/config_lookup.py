"""Where the scan configuration is: looked up without loading the configuration code.

From the scanned folder up to the repository root (the first folder that holds ``.git``; the
filesystem root outside a repository), the first folder with a ``.ffaudit.toml``, or a
``pyproject.toml`` that has a ``[tool.ffaudit]`` table, wins; ``.ffaudit.toml`` first. Most
``pyproject.toml`` files never say ``ffaudit`` and are skipped without parsing TOML, so a scan
in a repository without a configuration pays a few ``stat`` calls.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from ffaudit.scan import textio

NAMES = ('.ffaudit.toml', 'pyproject.toml')  # per folder, in this order
PYPROJECT = 'pyproject.toml'
SNIFF_LIMIT = 1024 * 1024  # bytes of a pyproject.toml searched for "ffaudit"
# a line that may open or fill the table: [tool.ffaudit], [[tool.ffaudit.allowlist]],
# tool.ffaudit.exclude = ..., or ffaudit = {...} under [tool]; never "ffaudit>=1" in a list
_MAYBE_TABLE_RE = re.compile(
    rb'(?m)^[ \t]*(?:\[+[ \t]*)?(?:tool[ \t]*\.[ \t]*)?["\']?ffaudit["\']?[ \t]*[.=\]]'
)


def find(start: str) -> str | None:
    """The configuration file for a scan of the folder ``start`` (see the module docstring)."""
    current = os.path.abspath(start)
    while True:
        for name in NAMES:
            path = os.path.join(current, name)
            if os.path.isfile(path) and (name != PYPROJECT or _has_table(path)):
                return _shown(path)
        parent = os.path.dirname(current)
        if parent == current or os.path.lexists(os.path.join(current, '.git')):
            return None
        current = parent


def _shown(path: str) -> str:
    shown = os.path.relpath(path)
    return path if shown.startswith(os.pardir) else shown


def _has_table(path: str) -> bool:
    # most pyproject.toml files have no ffaudit table: those are skipped without parsing TOML
    try:
        with textio.open_file(path) as f:
            if not _MAYBE_TABLE_RE.search(f.read(SNIFF_LIMIT)):
                return False
    except OSError:
        return True  # let load() say why it cannot be read
    from ffaudit.scan import config

    shown = _shown(path)
    doc = config.parse(shown, config.read(shown))
    tool = doc.get('tool')
    return isinstance(tool, dict) and 'ffaudit' in tool


def start_of(paths: Sequence[str]) -> str:
    """The folder a configuration is looked up from: the first PATH's (``.`` for none or ``-``)."""
    first = paths[0] if paths else '.'
    if first == '-' or os.path.isdir(first):
        return '.' if first == '-' else first
    return os.path.dirname(first) or '.'
