"""``detect-secrets-hook`` that always runs with the Fireflies plugin and its filters.

Plain ``detect-secrets-hook`` loads custom plugins only from ``--plugin`` or a baseline, so with
no arguments it would pass a staged Fireflies key silently. This wrapper prepends the installed
plugin file (unless the baseline already loads it from a file that exists) and the replacement
filters (dotted paths: portable), then passes every other argument through. If detect-secrets
rewrites the baseline (line numbers moved), our plugin entries go back to what they were.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
from collections.abc import Sequence
from typing import Any

from ffaudit.integrations.detect_secrets.baseline_shape import check_usable
from ffaudit.integrations.detect_secrets.baselines import dump_baseline
from ffaudit.integrations.detect_secrets.baselines import load_baseline
from ffaudit.integrations.detect_secrets.baselines import served
from ffaudit.user_files import write_atomic

PLUGIN_NAMES = frozenset({'FirefliesDetector', 'FirefliesWebhookSecretDetector'})
_SCHEME = 'file://'


def plugin_file() -> str:
    """The installed ``integrations/detect_secrets/plugin.py``: the file ``--plugin`` needs."""
    spec = importlib.util.find_spec('ffaudit.integrations.detect_secrets.plugin')
    assert spec is not None and spec.origin is not None  # part of this package
    return spec.origin


def baseline_arg(args: Sequence[str]) -> str | None:
    """Return the value of ``--baseline`` in ``args`` (either spelling), or None."""
    for index, arg in enumerate(args):
        if arg == '--baseline' and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith('--baseline='):
            return arg.partition('=')[2]
    return None


def _our_paths(data: dict[str, Any]) -> dict[str, str]:
    entries = data.get('plugins_used', [])
    return {
        e['name']: e['path']
        for e in entries
        if isinstance(e, dict) and e.get('name') in PLUGIN_NAMES and isinstance(e.get('path'), str)
    }


def _loads_plugin(paths: dict[str, str]) -> bool:
    # detect-secrets resolves a relative file:// path from its working directory
    files = [p[len(_SCHEME) :] for p in paths.values() if p.startswith(_SCHEME)]
    return len(files) == len(PLUGIN_NAMES) and all(os.path.isfile(f) for f in files)


def hook_argv(args: Sequence[str], baseline: dict[str, Any] | None) -> list[str]:
    """Return ``detect-secrets-hook`` arguments: ours first, then ``args`` untouched."""
    from ffaudit.integrations.detect_secrets.plugin import FILTER_ARGS

    plugin = [] if baseline and _loads_plugin(_our_paths(baseline)) else ['--plugin', plugin_file()]
    # --plugin takes one or more values: a --disable-filter flag must follow it
    return [*plugin, *FILTER_ARGS, *args]


def _restore_plugins(path: str, before: dict[str, str]) -> None:
    # Our entries go back to what they were: same path, or absent if the baseline had none.
    data = load_baseline(path)
    kept = []
    for entry in data['plugins_used']:
        name = entry.get('name') if isinstance(entry, dict) else None
        if name in PLUGIN_NAMES and name not in before:
            continue
        if name in before:
            entry['path'] = before[name]
        kept.append(entry)
    data['plugins_used'] = kept
    write_atomic(path, dump_baseline(data), 'baseline')


def run(args: Sequence[str]) -> int:
    """Run detect-secrets' pre-commit hook with the Fireflies plugin; return its exit code."""
    from detect_secrets.pre_commit_hook import main

    baseline_path = baseline_arg(args)
    baseline = load_baseline(baseline_path) if baseline_path else None
    if baseline is not None and baseline_path:
        check_usable(baseline, baseline_path, results=False)  # a missing plugin file
    with served(baseline) if baseline is not None else contextlib.nullcontext():
        code = main(hook_argv(args, baseline))
    if baseline_path and baseline and code == 3:  # detect-secrets rewrote the baseline
        _restore_plugins(baseline_path, _our_paths(baseline))
    return int(code)
