"""``ffaudit doctor --fix`` from the command line: show, ask (or --yes), apply, check again."""

from __future__ import annotations

import pathlib

import pytest
from click.testing import CliRunner

from ffaudit.cli import cli
from ffaudit.cli import doctor_fix

KEY = '6cd55924-5aa0-4593-ad29-77d4918938bc'  # pragma: allowlist secret
BROKEN = f'\ufeffexprot FIREFLIES_API_KEY="{KEY}\\n"\r\n'.encode()


@pytest.fixture
def project(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv('FIREFLIES_API_KEY', raising=False)
    (tmp_path / '.env').write_bytes(BROKEN)
    return tmp_path


def _doctor(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, ['doctor', '--offline', '--fix', *args], input=input)


def _no_slice(text: str) -> None:
    assert [KEY[i : i + 6] for i in range(31) if KEY[i : i + 6] in text] == []


def test_yes_applies_reports_and_checks_again(project: pathlib.Path) -> None:
    result = _doctor('--yes')
    assert result.exit_code == 0, result.output
    assert (project / '.env').read_bytes() == f'export FIREFLIES_API_KEY={KEY}\n'.encode()
    assert (project / '.env.bak').read_bytes() == BROKEN
    assert 'line 1: remove the byte-order mark' in result.stderr
    assert "fixed: line 1: spell 'export' (was 'exprot')" in result.stderr
    assert '<key: 36 characters>' in result.stderr
    assert 'API key from dotenv:.env' in result.stdout
    _no_slice(result.output)


def test_without_a_terminal_nothing_is_written_without_yes(project: pathlib.Path) -> None:
    result = _doctor()
    assert result.exit_code == 1
    assert 'add --yes to apply' in result.stderr
    assert (project / '.env').read_bytes() == BROKEN
    assert not (project / '.env.bak').exists()
    _no_slice(result.output)


def test_a_terminal_is_asked_and_no_keeps_the_file(
    project: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(doctor_fix, '_stdin_is_tty', lambda: True)
    result = _doctor(input='n\n')
    assert 'Apply? The old file is kept as ./.env.bak' in result.stderr
    assert (project / '.env').read_bytes() == BROKEN


def test_manual_steps_are_named(project: pathlib.Path) -> None:
    (project / '.env').write_bytes(b'\xef\xbb\xbfFIREFLIES_API_KEY=your_api_key\n')
    result = _doctor('--yes')
    assert result.exit_code == 1
    assert 'fixed: line 1: remove the byte-order mark' in result.stderr
    assert 'manual: key.placeholder: Set the real key' in result.stderr


def test_nothing_to_fix(project: pathlib.Path) -> None:
    (project / '.env').write_text(f'FIREFLIES_API_KEY="{KEY}"\n')
    result = _doctor('--yes')
    assert result.exit_code == 0
    assert 'nothing in ./.env that ffaudit can repair with certainty' in result.stderr
    assert not (project / '.env.bak').exists()


def test_a_key_from_stdin_is_still_the_key_after_the_fix(project: pathlib.Path) -> None:
    # stdin is read once: the checks after the repair use the same --api-key-stdin key
    result = _doctor('--yes', '--api-key-stdin', input=f'{KEY}\n')
    assert (project / '.env').read_bytes() == f'export FIREFLIES_API_KEY={KEY}\n'.encode()
    assert 'in stdin is empty' not in result.output
    assert result.exit_code == 0, result.output
    _no_slice(result.output)


@pytest.mark.parametrize(('ignore', 'warned'), [('.env\n', True), ('.env*\n', False)])
def test_a_backup_git_would_commit_is_named(project: pathlib.Path, ignore: str, warned: bool):
    # the backup holds the key: a .gitignore that lists only .env lets git commit .env.bak
    from testing.gitrepo import Repo

    Repo(project)
    (project / '.gitignore').write_text(ignore)
    result = _doctor('--yes')
    assert result.exit_code == 0, result.output
    assert ('.env.bak holds the key and git does not ignore it' in result.stderr) is warned
    _no_slice(result.output)
