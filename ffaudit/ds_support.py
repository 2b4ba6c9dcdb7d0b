"""detect-secrets helpers for the CLI: portable baselines and an ``audit`` that loads plugins.

``detect-secrets audit`` crashes on findings from custom plugins (Yelp/detect-secrets#611): the
secret-type map is an ``lru_cache`` filled before the baseline's ``plugins_used`` is applied.
We clear it right after the baseline loads, then call detect-secrets' own audit code.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
from collections.abc import Iterator
from typing import Any

from ffaudit import detect
from ffaudit.errors import FfauditError
from ffaudit.jsonfile import read_json

SHIM = '''\
"""detect-secrets plugin shim written by ffaudit: the detectors live in ffaudit.ds_plugin."""

from ffaudit.ds_plugin import FirefliesDetector
from ffaudit.ds_plugin import FirefliesWebhookSecretDetector

__all__ = ['FirefliesDetector', 'FirefliesWebhookSecretDetector']
'''
_SCHEME = 'file://'


def load_baseline(path: str) -> dict[str, Any]:
    """Read a detect-secrets baseline; unusable input is an ``FfauditError`` (exit 2)."""
    data = read_json(path, 'baseline')
    if not isinstance(data, dict) or not isinstance(data.get('plugins_used'), list):
        raise FfauditError(f'malformed baseline {path}: no plugins_used list')
    return data


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


@contextlib.contextmanager
def _plugins_from_baseline() -> Iterator[None]:
    from detect_secrets.core import baseline
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.settings import get_plugins

    original = baseline.load

    def load(data: dict[str, Any], filename: str = '') -> Any:
        secrets = original(data, filename)
        get_mapping_from_secret_type_to_class.cache_clear()
        get_plugins.cache_clear()
        return secrets

    setattr(baseline, 'load', load)  # noqa: B010 (mypy rejects assigning to a module function)
    try:
        yield
    finally:
        setattr(baseline, 'load', original)  # noqa: B010


def audit_stats(path: str) -> dict[str, Any]:
    """Return detect-secrets' ``audit --stats --json`` statistics for the baseline at ``path``."""
    from detect_secrets.audit.analytics import calculate_statistics_for_baseline

    load_baseline(path)  # one clear line for unusable input, before detect-secrets sees it
    with _plugins_from_baseline():
        stats: dict[str, Any] = calculate_statistics_for_baseline(path).json()
    return stats


def audit_report(path: str, only: str | None = None) -> dict[str, Any]:
    """Return detect-secrets' ``audit --report`` with every secret redacted (``only``: real/false).

    detect-secrets' own report prints raw secrets and the lines holding them; ours never does.
    """
    from detect_secrets.audit.report import SecretClassToPrint
    from detect_secrets.audit.report import generate_report

    load_baseline(path)  # one clear line for unusable input, before detect-secrets sees it
    wanted = {
        'real': SecretClassToPrint.REAL_SECRET,
        'false': SecretClassToPrint.FALSE_POSITIVE,
    }.get(only or '')
    with _plugins_from_baseline():
        report: dict[str, Any] = generate_report(path, wanted)  # type: ignore[arg-type]
    return _redact_report(report)


def _redact_report(report: dict[str, Any]) -> dict[str, Any]:
    secrets = sorted({item['secrets'] for item in report['results']}, key=len, reverse=True)
    for item in report['results']:
        item['secrets'] = detect.redact(item['secrets'])
        item['lines'] = {n: _redact_text(text, secrets) for n, text in item['lines'].items()}
    return report


def _redact_text(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, detect.redact(secret))
    return text


def audit_interactive(path: str) -> None:
    """Run detect-secrets' interactive labelling session on ``path`` (it shows code in context)."""
    from detect_secrets.audit.audit import audit_baseline

    load_baseline(path)  # one clear line for unusable input, before detect-secrets sees it
    with _plugins_from_baseline():
        audit_baseline(path)


def rewrite_portable(path: str, root: str = '.', shim: str | None = None) -> None:
    """Rewrite the baseline at ``path`` in place without absolute paths; write ``shim`` if used."""
    data = load_baseline(path)
    portable = make_portable(data, os.path.abspath(root), shim)
    if shim is not None and shim in dump_baseline(portable):
        shim_file = os.path.join(root, shim)
        os.makedirs(os.path.dirname(shim_file) or '.', exist_ok=True)
        with open(shim_file, 'w', encoding='utf-8') as f:
            f.write(SHIM)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(dump_baseline(portable))
