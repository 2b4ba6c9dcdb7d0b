"""detect-secrets baselines: read them, and make their plugin and filter paths portable."""

from __future__ import annotations

import contextlib
import copy
import json
import os
from collections.abc import Iterator
from typing import Any

from ffaudit.errors import FfauditError
from ffaudit.integrations.detect_secrets.baseline_shape import check_files
from ffaudit.integrations.detect_secrets.baseline_shape import check_shape
from ffaudit.jsonfile import read_json
from ffaudit.user_files import write_atomic

# The text of plugins/fireflies.py (a test keeps them equal); a plain pip install has no
# plugins/ folder, so the package carries its own copy.
SHIM = '''\
"""detect-secrets plugin file: ``detect-secrets scan --plugin <this file>``.

A thin adapter: the detectors live in the installed module
``ffaudit.integrations.detect_secrets.plugin``, so this file only re-exports them (detect-secrets
registers every public plugin class it finds here). ``ffaudit ds-portable --shim PATH`` writes
this same text (``ffaudit.integrations.detect_secrets.baselines.SHIM``).
"""

from __future__ import annotations

from ffaudit.integrations.detect_secrets.plugin import FirefliesDetector
from ffaudit.integrations.detect_secrets.plugin import FirefliesWebhookSecretDetector

__all__ = ['FirefliesDetector', 'FirefliesWebhookSecretDetector']
'''
_SCHEME = 'file://'


def load_baseline(path: str) -> dict[str, Any]:
    """Read a detect-secrets baseline; unusable input is an ``FfauditError`` (exit 2)."""
    return check_shape(read_json(path, 'baseline'), path)


@contextlib.contextmanager
def served(data: dict[str, Any]) -> Iterator[None]:
    """detect-secrets reads ``data`` (already read and checked) instead of opening the file,
    and writes baselines atomically (``user_files.write_atomic``).

    Its own reader would hang on a FIFO and fail on a UTF-8 byte-order mark; its writer
    truncates the file first, so a reader (or a Ctrl-C) could meet half a baseline.
    """
    from detect_secrets.core import baseline

    def save_to_file(secrets: Any, filename: str) -> None:
        output = secrets if isinstance(secrets, dict) else baseline.format_for_output(secrets)
        write_atomic(filename, dump_baseline(output), 'baseline')

    load_from_file, save = baseline.load_from_file, baseline.save_to_file
    setattr(baseline, 'load_from_file', lambda filename: copy.deepcopy(data))  # noqa: B010
    setattr(baseline, 'save_to_file', save_to_file)  # noqa: B010
    try:
        yield
    finally:
        setattr(baseline, 'load_from_file', load_from_file)  # noqa: B010
        setattr(baseline, 'save_to_file', save)  # noqa: B010


def dump_baseline(data: dict[str, Any]) -> str:
    """Serialise ``data`` the way detect-secrets writes baselines."""
    return json.dumps(data, indent=2) + '\n'


def _portable_file(file: str, root: str, shim: str | None) -> str:
    if not os.path.isabs(file):
        return file
    relative = os.path.relpath(file, root)
    if not relative.startswith(os.pardir):
        return relative.replace(os.sep, '/')
    if shim is None:
        raise FfauditError(f'{file} lies outside {root}: pass --shim PATH to write a repo copy')
    return shim


def _portable_url(url: str, root: str, shim: str | None) -> str:
    if not url.startswith(_SCHEME):
        return url
    file, sep, function = url[len(_SCHEME) :].partition('::')
    return f'{_SCHEME}{_portable_file(file, root, shim)}{sep}{function}'


def make_portable(data: dict[str, Any], root: str, shim: str | None = None) -> dict[str, Any]:
    """Return ``data`` with every absolute ``file://`` plugin/filter path made relative to root.

    Paths outside ``root`` (an installed ffaudit) point at ``shim``, a repo-relative file the
    caller writes with ``SHIM``. detect-secrets resolves relative paths from its working
    directory, which is the repository root under pre-commit.
    """
    data = copy.deepcopy(data)
    for entry in data.get('plugins_used', []) + data.get('filters_used', []):
        if isinstance(entry, dict) and isinstance(entry.get('path'), str):
            entry['path'] = _portable_url(entry['path'], root, shim)
    return data


def rewrite_portable(path: str, root: str = '.', shim: str | None = None) -> None:
    """Rewrite the baseline at ``path`` in place without absolute paths; write ``shim`` if used."""
    data = load_baseline(path)
    portable = make_portable(data, os.path.abspath(root), shim)
    if shim is not None and shim in dump_baseline(portable):
        shim_file = os.path.join(root, shim)
        os.makedirs(os.path.dirname(shim_file) or '.', exist_ok=True)
        write_atomic(shim_file, SHIM, '--shim')
    check_files(portable, path, results=False, root=root)  # a portable path to nothing helps no one
    write_atomic(path, dump_baseline(portable), 'baseline')
