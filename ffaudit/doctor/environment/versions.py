"""Version strings of installed packages, compared as tuples.

Evidence: docs/evidence.md#requests-versions.
"""

from __future__ import annotations

import os
import re
import sys


def version_tuple(text: str) -> tuple[int, ...]:
    """``'2.32.3'`` -> ``(2, 32, 3)``; stops at the first non-numeric part."""
    out: list[int] = []
    for part in text.split('.'):
        digits = ''.join(c for c in part if c.isdigit()) if part[:1].isdigit() else ''
        if not digits:
            break
        out.append(int(digits))
    return tuple(out)


def installed_version(dist: str) -> str | None:
    """The installed version of ``dist``, or None; cheap on the doctor's start-up path.

    Importing ``importlib.metadata`` costs more than the rest of ``doctor --offline``, so a
    wheel's ``<name>-<version>.dist-info`` directory on ``sys.path`` is read first (the layout of
    the binary distribution format, packaging.python.org/specifications/binary-distribution-format);
    anything else (eggs, editable installs), or a ``metadata`` already imported, uses metadata.
    """
    if 'importlib.metadata' not in sys.modules:
        found = _dist_info_version(dist)
        if found is not None:
            return found
    from importlib import metadata

    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _dist_info_version(dist: str) -> str | None:
    wanted = re.sub(r'[-_.]+', '_', dist).lower()
    for entry in sys.path:
        try:
            names = os.listdir(entry or '.')
        except OSError:
            continue
        for name in names:
            stem, dot, ext = name.rpartition('.')
            if ext != 'dist-info' or not dot:
                continue
            project, _, version = stem.partition('-')
            if re.sub(r'[-_.]+', '_', project).lower() == wanted and version:
                return version
    return None
