"""Baselines and shims written by ffaudit 0.1 keep working with the real detect-secrets.

0.1 kept the plugin in ``ffaudit/ds_plugin.py``: its baselines name the filters
``ffaudit.ds_plugin.uuid_unless_fireflies`` and ``…indirect_reference_unless_fireflies``, and
``ffaudit ds-portable --shim`` wrote a plugin file that imports the detectors from there.
"""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest

from testing.gitrepo import Repo

pytestmark = pytest.mark.e2e
BIN = pathlib.Path(sys.executable).parent
OLD_KEY = '3f2c9a1e-7b4d-4c8e-9a6f-1d2e3f4a5b6c'  # pragma: allowlist secret
NEW_KEY = '8e7d6c5b-4a39-4281-b7c6-d5e4f3a2b1c0'  # pragma: allowlist secret
# the text ffaudit 0.1's ``ds-portable --shim`` wrote (ffaudit/ds_support.py SHIM)
OLD_SHIM = '''\
"""detect-secrets plugin file: ``detect-secrets scan --plugin <this file>``."""

from __future__ import annotations

from ffaudit.ds_plugin import FirefliesDetector
from ffaudit.ds_plugin import FirefliesWebhookSecretDetector

__all__ = ['FirefliesDetector', 'FirefliesWebhookSecretDetector']
'''
OLD_BASELINE = {
    'version': '1.5.0',
    'plugins_used': [
        {'name': 'FirefliesDetector', 'path': 'file://.ffaudit/fireflies_plugin.py'},
        {'name': 'FirefliesWebhookSecretDetector', 'path': 'file://.ffaudit/fireflies_plugin.py'},
        {'name': 'KeywordDetector'},
    ],
    'filters_used': [
        {'path': 'detect_secrets.filters.heuristic.is_likely_id_string'},
        {'path': 'ffaudit.ds_plugin.indirect_reference_unless_fireflies'},
        {'path': 'ffaudit.ds_plugin.uuid_unless_fireflies'},
    ],
    'results': {},
    'generated_at': '2026-01-01T00:00:00Z',
}


def _project(tmp_path: pathlib.Path) -> pathlib.Path:
    (tmp_path / '.ffaudit').mkdir()
    (tmp_path / '.ffaudit' / 'fireflies_plugin.py').write_text(OLD_SHIM)
    (tmp_path / '.secrets.baseline').write_text(json.dumps(OLD_BASELINE, indent=2))
    (tmp_path / 'old.env').write_text(f'FIREFLIES_API_KEY={OLD_KEY}\n')
    Repo(tmp_path).commit('a project that adopted ffaudit 0.1')  # detect-secrets scans git files
    return tmp_path


def _rescan(project: pathlib.Path) -> None:
    proc = _run([str(BIN / 'detect-secrets'), 'scan', '--baseline', '.secrets.baseline'], project)
    assert proc.returncode == 0, proc.stderr
    Repo(project).git('add', '.secrets.baseline')  # detect-secrets-hook wants it staged


def _run(args: list[str], cwd: pathlib.Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )  # fmt: skip


def test_old_baseline_and_shim_rescan_with_real_detect_secrets(tmp_path):
    project = _project(tmp_path)
    _rescan(project)
    baseline = json.loads((project / '.secrets.baseline').read_text())
    (found,) = baseline['results']['old.env']
    assert found['type'] == 'Fireflies API Key'
    assert OLD_KEY not in json.dumps(baseline)
    filters = {f['path'] for f in baseline['filters_used']}
    assert 'ffaudit.ds_plugin.uuid_unless_fireflies' in filters


def test_old_baseline_gates_a_new_key_with_real_hook(tmp_path):
    project = _project(tmp_path)
    _rescan(project)
    (project / 'new.env').write_text(f'FIREFLIES_API_KEY={NEW_KEY}\n')
    hook = [str(BIN / 'detect-secrets-hook'), '--baseline', '.secrets.baseline']
    clean = _run([*hook, 'old.env'], project)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    leak = _run([*hook, 'new.env'], project)
    assert leak.returncode == 1
    assert 'Fireflies API Key' in leak.stdout
    assert NEW_KEY not in leak.stdout + leak.stderr


def test_old_dotted_names_resolve():
    from ffaudit import ds_plugin
    from ffaudit.integrations.detect_secrets import plugin

    for name in ds_plugin.__all__:
        assert getattr(ds_plugin, name) is getattr(plugin, name)
