"""The pre-commit manifest: valid for the real pre-commit, and every entry resolves."""

from __future__ import annotations

import importlib.metadata
import pathlib
import subprocess
import sys
from typing import Any

import yaml  # type: ignore[import-untyped]

from ffaudit.cli import COMMANDS
from testing.paths import ROOT

MANIFEST = ROOT / '.pre-commit-hooks.yaml'
BIN = pathlib.Path(sys.executable).parent


def _hooks() -> dict[str, dict[str, Any]]:
    return {hook['id']: hook for hook in yaml.safe_load(MANIFEST.read_text())}


def _console_scripts() -> set[str]:
    return {ep.name for ep in importlib.metadata.entry_points(group='console_scripts')}


def test_manifest_is_valid_for_pre_commit():
    proc = subprocess.run(
        [BIN / 'pre-commit', 'validate-manifest', MANIFEST], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_manifest_ffaudit_hook_runs_scan_on_text_files():
    hook = _hooks()['ffaudit']
    assert hook['entry'] == 'ffaudit scan'
    assert (hook['language'], hook['types'], hook['require_serial']) == ('python', ['text'], False)


def test_manifest_detect_secrets_hook_loads_our_plugin():
    # plain detect-secrets-hook would pass a key silently without a baseline
    assert _hooks()['ffaudit-detect-secrets']['entry'] == 'ffaudit ds-hook'


def test_manifest_entries_resolve():
    for hook in _hooks().values():
        program, *args = hook['entry'].split()
        assert program in _console_scripts(), hook['id']
        if program == 'ffaudit':
            assert args[0] in COMMANDS, hook['id']
