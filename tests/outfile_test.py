"""outfile.write_atomic: all or nothing, one secret-free line on failure."""

from __future__ import annotations

import os

import pytest

from ffaudit import outfile
from ffaudit.errors import FfauditError


def test_writes_utf8_and_replaces(tmp_path):
    target = tmp_path / 'r.txt'
    target.write_text('old', encoding='utf-8')
    outfile.write_atomic(str(target), 'naïve\n')
    assert target.read_bytes() == 'naïve\n'.encode()
    assert os.listdir(tmp_path) == ['r.txt']


def test_a_failed_replace_keeps_the_old_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / 'r.txt'
    target.write_text('old', encoding='utf-8')

    def refuse(src, dst):
        raise PermissionError(13, 'Permission denied')

    monkeypatch.setattr(os, 'replace', refuse)
    with pytest.raises(FfauditError, match='cannot write .*r.txt: Permission denied'):
        outfile.write_atomic(str(target), 'new')
    assert target.read_text() == 'old'
    assert os.listdir(tmp_path) == ['r.txt']


def test_refuses_a_directory(tmp_path):
    with pytest.raises(FfauditError, match='is a directory'):
        outfile.write_atomic(str(tmp_path), 'x')


def test_new_files_get_the_usual_mode(tmp_path):
    target = tmp_path / 'r.txt'
    outfile.write_atomic(str(target), 'x')
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
