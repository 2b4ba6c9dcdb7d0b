"""Paths named on the command line are checked before anything is read (issue 9)."""

from __future__ import annotations

import os
import socket
import time

import pytest

from ffaudit.errors import FfauditError
from ffaudit.scan import targets


def _refusal(path: str) -> str:
    with pytest.raises(FfauditError) as info:
        targets.check_named(path)
    assert info.value.exit_code == 2
    return str(info.value)


def test_check_named_accepts_files_and_folders(tmp_path):
    (tmp_path / 'a.py').write_text('x = 1\n')
    targets.check_named(str(tmp_path / 'a.py'))
    targets.check_named(str(tmp_path))


def test_check_named_refuses_a_fifo_at_once(tmp_path):
    os.mkfifo(tmp_path / 'pipe')
    start = time.monotonic()
    assert _refusal(str(tmp_path / 'pipe')).endswith(
        'pipe: not read: a FIFO (named pipe), not a regular file'
    )
    assert time.monotonic() - start < 1


def test_check_named_refuses_devices_and_sockets(tmp_path):
    assert _refusal('/dev/null') == '/dev/null: not read: a character device, not a regular file'
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / 'sock'))
        assert _refusal(str(tmp_path / 'sock')).endswith(
            'sock: not read: a socket, not a regular file'
        )


def test_check_named_refuses_broken_and_looping_links(tmp_path):
    os.symlink(tmp_path / 'gone', tmp_path / 'dangling')
    os.symlink(tmp_path / 'loop', tmp_path / 'loop')
    assert _refusal(str(tmp_path / 'dangling')).endswith(
        'dangling: broken symbolic link (its target does not exist)'
    )
    assert 'loop: cannot read: Too many levels of symbolic links' in _refusal(
        str(tmp_path / 'loop')
    )


@pytest.mark.parametrize('kind', ['file', 'folder'])
def test_check_named_refuses_permission_denied(tmp_path, monkeypatch, kind):
    path = tmp_path / 'locked'
    path.mkdir() if kind == 'folder' else path.write_text('x\n')
    monkeypatch.setattr(os, 'access', lambda p, mode: False)  # the tests may run as root
    assert _refusal(str(path)).endswith('locked: cannot read: Permission denied')


def test_check_named_escapes_control_characters(tmp_path):
    os.mkfifo(tmp_path / 'a\nb')
    assert '\n' not in _refusal(str(tmp_path / 'a\nb'))


def test_targets_checks_every_path_before_reading_any(tmp_path):
    (tmp_path / 'a.py').write_text('x = 1\n')
    with pytest.raises(FfauditError, match='nope: no such file or directory'):
        targets.targets([str(tmp_path / 'a.py'), str(tmp_path / 'nope')], all_files=True)


def test_targets_once_each_stdin_passes_and_excludes_are_counted(tmp_path):
    for name in ('a.py', 'b.min.js', 'c.py'):
        (tmp_path / name).write_text('x = 1\n')
    os.mkfifo(tmp_path / 'pipe.min.js')  # excluded, so never checked
    a, c = str(tmp_path / 'a.py'), str(tmp_path / 'c.py')
    names = [a, str(tmp_path), '-', str(tmp_path / 'pipe.min.js')]
    entries, excluded = targets.targets(names, True, lambda p: p.endswith('.min.js'))
    assert entries == [(a, ''), (c, ''), ('-', '')]
    assert excluded == 2
