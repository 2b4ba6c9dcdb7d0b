"""CLI error handling: key-shaped values never echoed, internal errors one line and exit 2."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ffaudit.cli import cli
from ffaudit.redaction import mask_argv_like

KEY = '6f1c2d3e-8a9b-4c5d-9e0f-1a2b3c4d5e6f'  # pragma: allowlist secret
HEX = '6f1c2d3e8a9b4c5d9e0f1a2b3c4d5e6f'  # pragma: allowlist secret
VENDOR = 'ghp_Zq8Kx2Lm4Np6Rt8Vw0Yb2Cd4Ef6Gh8Jk0'  # pragma: allowlist secret


@pytest.mark.parametrize(
    'secret', [KEY, KEY.upper(), HEX, VENDOR], ids=['uuid', 'upper', 'hex', 'ghp']
)
def test_mask_argv_like_masks_key_shapes(secret):
    assert mask_argv_like(f'cannot read {secret}: no such file') == (
        'cannot read <redacted>: no such file'
    )


@pytest.mark.parametrize(
    'text',
    ['cannot read tests/corpus/positive/py/settings.py', "'1.5x' is not a valid float", 'abc123'],
)
def test_mask_argv_like_keeps_ordinary_text(text):
    assert mask_argv_like(text) == text


@pytest.mark.parametrize(
    'args',
    [
        ['doctor', KEY],
        ['doctor', '--offline', '--api-key-file', KEY],
        ['doctor', '--timeout', KEY],
        ['explain', KEY],
        ['scan', KEY],
        ['scan', '--baseline', HEX],
    ],
    ids=['extra-arg', 'key-file', 'timeout', 'explain-file', 'scan-path', 'baseline-path'],
)
def test_a_key_typed_as_an_argument_is_not_echoed(args, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv('FIREFLIES_API_KEY', raising=False)
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert '<redacted>' in result.stderr
    for secret in (KEY, HEX):
        assert secret not in result.stdout + result.stderr


def test_mask_argv_like_keeps_snake_case_path_parts():
    text = 'cannot read /tmp/pytest-211/test_cli_ds_portable_needs_shi0/x'
    assert mask_argv_like(text) == text


def test_an_internal_error_is_one_line_exit_2_without_its_message(monkeypatch, tmp_path):
    from ffaudit.scan import files

    def boom(*args, **kwargs):
        raise TypeError(f'bad value {KEY}')

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv('FFAUDIT_DEBUG', raising=False)
    monkeypatch.setattr(files, 'scan_paths_keys', boom)
    result = CliRunner().invoke(cli, ['scan', '.'])
    assert result.exit_code == 2
    assert result.stderr == (
        'ffaudit: internal error (TypeError): please report it; '
        'FFAUDIT_DEBUG=1 shows the traceback\n'
    )


def test_ffaudit_debug_shows_the_traceback(monkeypatch, tmp_path):
    from ffaudit.scan import files

    def boom(*args, **kwargs):
        raise TypeError('bug')

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv('FFAUDIT_DEBUG', '1')
    monkeypatch.setattr(files, 'scan_paths_keys', boom)
    result = CliRunner().invoke(cli, ['scan', '.'])
    assert isinstance(result.exception, TypeError)


def test_interrupt_exits_130(monkeypatch, tmp_path):
    from ffaudit.scan import files

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(files, 'scan_paths_keys', interrupted)
    result = CliRunner().invoke(cli, ['scan', '.'])
    assert (result.exit_code, result.stderr) == (130, 'ffaudit: interrupted\n')
