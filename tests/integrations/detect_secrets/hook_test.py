"""The ds-hook wrapper: which arguments it adds, and how it restores a rewritten baseline."""

from __future__ import annotations

import json
import pathlib

import pytest
from click.testing import CliRunner

from ffaudit.cli import cli
from ffaudit.integrations.detect_secrets import hook
from ffaudit.integrations.detect_secrets.plugin import FILTER_ARGS

INSTALLED = hook.plugin_file()


def _baseline(path: str | None) -> dict[str, object]:
    ours = [] if path is None else [{'name': n, 'path': path} for n in sorted(hook.PLUGIN_NAMES)]
    return {'plugins_used': [{'name': 'AWSKeyDetector'}, *ours], 'results': {}}


@pytest.mark.parametrize(
    ('args', 'expected'),
    [
        pytest.param(['--baseline', 'b.json', 'a.py'], 'b.json', id='separate'),
        pytest.param(['--baseline=b.json', 'a.py'], 'b.json', id='equals'),
        pytest.param(['a.py', '--baseline'], None, id='no-value'),
        pytest.param(['a.py'], None, id='absent'),
    ],
)
def test_baseline_arg(args, expected):
    assert hook.baseline_arg(args) == expected


def test_plugin_file_is_the_installed_module():
    assert pathlib.Path(INSTALLED).name == 'plugin.py'
    assert pathlib.Path(INSTALLED).is_file()


def test_hook_argv_without_baseline_adds_plugin_and_filters_first():
    argv = hook.hook_argv(['--json', 'a.py'], None)
    assert argv == ['--plugin', INSTALLED, *FILTER_ARGS, '--json', 'a.py']


def test_hook_argv_trusts_baseline_plugin_only_if_its_file_exists(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative file:// paths resolve from the working directory
    (tmp_path / 'tools').mkdir()
    (tmp_path / 'tools' / 'ff.py').write_text('')
    present = hook.hook_argv(['a.py'], _baseline('file://tools/ff.py'))
    assert present == [*FILTER_ARGS, 'a.py']
    for stale in (_baseline('file://elsewhere/ff.py'), _baseline(None)):
        assert hook.hook_argv(['a.py'], stale)[:2] == ['--plugin', INSTALLED]


@pytest.mark.parametrize('before', ['file://tools/ff.py', None], ids=['had-ours', 'had-none'])
def test_restore_plugins_puts_our_entries_back(tmp_path, before):
    path = tmp_path / 'b.json'
    path.write_text(json.dumps(_baseline(f'file://{INSTALLED}')))  # as detect-secrets rewrote it
    old = _baseline(before)
    hook._restore_plugins(str(path), hook._our_paths(old))
    assert json.loads(path.read_text())['plugins_used'] == old['plugins_used']


def test_cli_ds_hook_missing_baseline_is_one_line_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ['ds-hook', '--baseline', 'nope.json', 'a.py'])
    assert (result.exit_code, result.stdout) == (2, '')
    assert (
        result.stderr
        == 'ffaudit: error: cannot read baseline nope.json: No such file or directory\n'
    )
