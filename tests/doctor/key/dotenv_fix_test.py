"""doctor --fix: what it repairs in ./.env, what it never touches, and how it writes."""

from __future__ import annotations

import os
import stat

import pytest

from ffaudit.doctor.key import dotenv_fix

KEY = '6cd55924-5aa0-4593-ad29-77d4918938bc'  # pragma: allowlist secret
NAME = 'FIREFLIES_API_KEY'


def _plan(tmp_path, data: bytes) -> dotenv_fix.Plan | None:
    (tmp_path / '.env').write_bytes(data)
    return dotenv_fix.plan(str(tmp_path))


def _slices(text: str) -> list[str]:
    return [KEY[i : i + 6] for i in range(len(KEY) - 5) if KEY[i : i + 6] in text]


@pytest.mark.parametrize(
    ('data', 'expected', 'what'),
    (
        pytest.param(
            b'\xef\xbb\xbf' + f'{NAME}={KEY}\n'.encode(), f'{NAME}={KEY}\n', 'byte-order', id='bom'
        ),
        pytest.param(f'{NAME}={KEY}\r\n', f'{NAME}={KEY}\n', 'carriage return', id='crlf'),
        pytest.param(
            f'{NAME}="{KEY}"\r\n', f'{NAME}="{KEY}"\n', 'carriage return', id='crlf-quoted'
        ),
        pytest.param(f'{NAME}=\'"{KEY}"\'\n', f'{NAME}={KEY}\n', 'quotes', id='nested-quotes'),
        pytest.param(f'{NAME}=\u201c{KEY}\u201d\n', f'{NAME}={KEY}\n', 'quotes', id='smart-quotes'),
        pytest.param(f'{NAME}="{KEY}\\n"\n', f'{NAME}={KEY}\n', 'newline', id='escaped-newline'),
        pytest.param(
            f'exprot {NAME}={KEY}\n', f'export {NAME}={KEY}\n', "spell 'export'", id='typo'
        ),
        pytest.param(
            f'EXPORT {NAME}={KEY}\n', f'export {NAME}={KEY}\n', "spell 'export'", id='caps'
        ),
        pytest.param(
            f'A=1\r\n{NAME}={KEY}\r\nB=2\r\n',
            f'A=1\r\n{NAME}={KEY}\nB=2\r\n',
            'carriage',
            id='only-its-line',
        ),
    ),
)
def test_fixes(tmp_path, data, expected, what):
    plan = _plan(tmp_path, data if isinstance(data, bytes) else data.encode())
    assert plan is not None
    assert plan.data.decode() == expected
    assert any(what in e.what for e in plan.edits)
    shown = ' '.join(f'{e.what} {e.before} {e.after}' for e in plan.edits) + repr(plan)
    assert _slices(shown) == []  # the key never shows, not even 6 characters of it


@pytest.mark.parametrize(
    'data',
    (
        pytest.param(f'{NAME}={KEY}\n', id='clean'),
        pytest.param(f'{NAME}="{KEY}"\n', id='double-quotes-are-right-for-dotenv'),
        pytest.param(f"export {NAME}='{KEY}'\n", id='single-quotes-too'),
        pytest.param(f'{NAME}="your_api_key"\r\n', id='placeholder-not-provably-a-key'),
        pytest.param(f'{NAME}="{KEY[:20]}"\n', id='truncated'),
        pytest.param(f'set {NAME}={KEY}\n', id='cmd-set-is-not-a-typo'),
        pytest.param('OTHER="x"\r\n', id='other-variables'),
        pytest.param('', id='empty'),
    ),
)
def test_never_touches_what_it_cannot_prove_wrong(tmp_path, data):
    assert _plan(tmp_path, data.encode()) is None


def test_no_env_file(tmp_path):
    assert dotenv_fix.plan(str(tmp_path)) is None


def test_apply_is_atomic_keeps_a_backup_and_the_mode(tmp_path):
    old = f'{NAME}="{KEY}\\n"\r\n'.encode()
    plan = _plan(tmp_path, old)
    assert plan is not None
    os.chmod(tmp_path / '.env', 0o600)
    backup = dotenv_fix.apply(plan)
    assert (tmp_path / '.env').read_bytes() == f'{NAME}={KEY}\n'.encode()
    assert open(backup, 'rb').read() == old
    assert stat.S_IMODE(os.stat(tmp_path / '.env').st_mode) == 0o600
    assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ['.env', '.env.bak']  # no temp left


def test_a_symlinked_env_is_written_through(tmp_path):
    real = tmp_path / 'secrets.env'
    real.write_bytes(f'{NAME}={KEY}\r\n'.encode())
    (tmp_path / '.env').symlink_to(real)
    plan = dotenv_fix.plan(str(tmp_path))
    assert plan is not None
    dotenv_fix.apply(plan)
    assert (tmp_path / '.env').is_symlink()
    assert real.read_bytes() == f'{NAME}={KEY}\n'.encode()
    assert (tmp_path / '.env.bak').read_bytes() == f'{NAME}={KEY}\r\n'.encode()
