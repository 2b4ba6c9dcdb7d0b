"""user_files: regular files only, never blocking, size-capped; atomic writes."""

from __future__ import annotations

import os
import sys

import pytest

from ffaudit import user_files
from ffaudit.errors import FfauditError
from ffaudit.redaction import MASK

KEY = '6f1c9e2a-4b7d-4c3e-8a5f-2d9b0e7c4a18'  # pragma: allowlist secret


@pytest.mark.parametrize(
    ('make', 'rule', 'reason'),
    (
        pytest.param(lambda p: None, user_files.NOT_FOUND, 'No such file or directory', id='gone'),
        pytest.param(lambda p: p.mkdir(), user_files.NOT_REGULAR, 'is a directory', id='folder'),
        pytest.param(os.mkfifo, user_files.NOT_REGULAR, 'is a FIFO (named pipe)', id='fifo'),
        pytest.param(
            lambda p: p.write_bytes(b'x' * 1025),
            user_files.TOO_LARGE,
            'larger than 1 KiB',
            id='large',
        ),
    ),
)
def test_read_bytes_refuses_with_the_rule(tmp_path, make, rule, reason):
    path = tmp_path / 'f'
    make(path)
    with pytest.raises(user_files.Refused) as info:
        user_files.read_bytes(str(path), '--opt', 1024)
    assert (info.value.rule, reason in info.value.reason) == (rule, True)
    assert str(info.value).startswith(f'cannot read --opt {path}: ')


@pytest.mark.parametrize('device', ('/dev/zero', '/dev/urandom', '/dev/null'))
def test_read_bytes_refuses_devices(device):
    with pytest.raises(user_files.Refused, match='is a character device, not a regular file'):
        user_files.read_bytes(device, 'x', 1024)


def test_read_text_drops_a_bom_and_refuses_other_encodings(tmp_path):
    path = tmp_path / 'f'
    path.write_bytes(b'\xef\xbb\xbf{}')
    assert user_files.read_text(str(path), 'x', 64) == '{}'
    path.write_bytes(b'\xe9t\xe9')
    with pytest.raises(user_files.Refused, match='not UTF-8'):
        user_files.read_text(str(path), 'x', 64)


def test_refusal_masks_a_key_shaped_path(tmp_path):
    with pytest.raises(user_files.Refused) as info:
        user_files.read_bytes(str(tmp_path / f'{KEY}.json'), 'baseline', 64)
    assert KEY[:8] not in str(info.value) and f'{MASK}.json' in str(info.value)


def test_read_stdin_closed(monkeypatch):
    monkeypatch.setattr(sys, 'stdin', None)
    with pytest.raises(user_files.Refused, match='^cannot read --api-key-stdin: stdin is closed$'):
        user_files.read_stdin('--api-key-stdin', 64)


def test_write_atomic_replaces_whole_and_leaves_no_temporary(tmp_path):
    path = tmp_path / 'b.json'
    path.write_text('old')
    path.chmod(0o600)
    user_files.write_atomic(str(path), 'new\n', 'baseline')
    assert (path.read_text(), path.stat().st_mode & 0o777) == ('new\n', 0o600)
    assert os.listdir(tmp_path) == ['b.json']


def test_write_atomic_new_file_gets_the_umask_mode(tmp_path):
    umask = os.umask(0o022)
    try:
        user_files.write_atomic(str(tmp_path / 'n.json'), 'x', 'baseline')
    finally:
        os.umask(umask)
    assert (tmp_path / 'n.json').stat().st_mode & 0o777 == 0o644


def test_write_atomic_failure_leaves_no_temporary(tmp_path, monkeypatch):
    def fail(src: str, dst: str) -> None:
        raise OSError(28, 'No space left on device')

    monkeypatch.setattr(os, 'replace', fail)
    with pytest.raises(FfauditError, match='^cannot write baseline .*: No space left on device$'):
        user_files.write_atomic(str(tmp_path / 'b.json'), 'x', 'baseline')
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize('make', (lambda p: p.mkdir(), os.mkfifo), ids=('folder', 'fifo'))
def test_check_target_refuses_what_is_not_a_regular_file(tmp_path, make):
    make(tmp_path / 't')
    with pytest.raises(user_files.Refused, match='^cannot write baseline .*/t: is a'):
        user_files.check_target(str(tmp_path / 't'), 'baseline')
    user_files.check_target(str(tmp_path / 'absent'), 'baseline')
