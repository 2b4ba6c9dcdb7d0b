"""--output FILE is written by user_files.write_atomic: all or nothing, one secret-free line."""

from __future__ import annotations

import os

import pytest

from ffaudit import user_files
from ffaudit.errors import FfauditError


def test_writes_utf8_and_replaces(tmp_path):
    target = tmp_path / 'r.txt'
    target.write_text('old', encoding='utf-8')
    user_files.write_atomic(str(target), 'naïve\n', '')
    assert target.read_bytes() == 'naïve\n'.encode()
    assert os.listdir(tmp_path) == ['r.txt']


def test_a_failed_replace_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / 'r.txt'
    target.write_text('old', encoding='utf-8')

    def refuse(src, dst):
        raise PermissionError(13, 'Permission denied')

    monkeypatch.setattr(os, 'replace', refuse)
    with pytest.raises(FfauditError, match='cannot write .*r.txt: Permission denied'):
        user_files.write_atomic(str(target), 'new', '')
    assert target.read_text() == 'old'
    assert os.listdir(tmp_path) == ['r.txt']


def test_refuses_a_directory(tmp_path):
    with pytest.raises(FfauditError, match='is a directory'):
        user_files.write_atomic(str(tmp_path), 'x', '')


def test_new_files_get_the_usual_mode(tmp_path):
    target = tmp_path / 'r.txt'
    user_files.write_atomic(str(target), 'x', '')
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
