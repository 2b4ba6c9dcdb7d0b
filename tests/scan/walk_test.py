"""Listing files: git ls-files inside a work tree, a loop-safe walk elsewhere."""

from __future__ import annotations

import os
import pathlib
import subprocess
from typing import Any

from ffaudit.scan import walk


def _git(cwd: pathlib.Path, *args: str) -> None:
    subprocess.run(('git', '-C', str(cwd), *args), check=True, capture_output=True)


def _names(root: pathlib.Path, **kwargs: Any) -> list[str]:
    return sorted(os.path.relpath(p, root) for p, _ in walk.iter_files(str(root), **kwargs))


def _tree(root: pathlib.Path) -> None:
    (root / 'src').mkdir()
    (root / 'src' / 'a.py').write_text('a\n')
    (root / 'ignored.log').write_text('log\n')
    (root / '.gitignore').write_text('*.log\n')


def test_iter_files_honours_gitignore_in_a_work_tree(tmp_path):
    _git(tmp_path, 'init', '-q')
    _tree(tmp_path)
    assert _names(tmp_path) == ['.gitignore', 'src/a.py']


def test_iter_files_all_files_includes_ignored_but_not_dot_git(tmp_path):
    _git(tmp_path, 'init', '-q')
    _tree(tmp_path)
    assert _names(tmp_path, all_files=True) == ['.gitignore', 'ignored.log', 'src/a.py']


def test_iter_files_skips_deleted_tracked_files_and_symlinks(tmp_path):
    _git(tmp_path, 'init', '-q')
    _tree(tmp_path)
    (tmp_path / 'gone.txt').write_text('x\n')
    (tmp_path / 'link.py').symlink_to(tmp_path / 'src' / 'a.py')
    _git(tmp_path, 'add', '.')
    (tmp_path / 'gone.txt').unlink()
    assert _names(tmp_path) == ['.gitignore', 'src/a.py']


def test_iter_files_outside_git_walks_everything(tmp_path):
    _tree(tmp_path)
    assert _names(tmp_path) == ['.gitignore', 'ignored.log', 'src/a.py']


def test_iter_files_does_not_follow_directory_symlink_loops(tmp_path):
    _tree(tmp_path)
    (tmp_path / 'src' / 'loop').symlink_to(tmp_path)
    (tmp_path / 'src' / 'self').symlink_to(tmp_path / 'src')
    assert _names(tmp_path, all_files=True) == ['.gitignore', 'ignored.log', 'src/a.py']


def test_iter_files_reports_unreadable_directories(tmp_path, monkeypatch):
    _tree(tmp_path)
    real = os.scandir

    def scandir(path):
        if str(path).endswith('src'):
            raise PermissionError(13, 'Permission denied')
        return real(path)

    monkeypatch.setattr(os, 'scandir', scandir)
    entries = dict(walk.iter_files(str(tmp_path), all_files=True))
    assert entries[str(tmp_path / 'src')] == 'unreadable: Permission denied'


def test_iter_files_without_git_on_path(tmp_path, monkeypatch):
    _tree(tmp_path)
    monkeypatch.setenv('PATH', str(tmp_path / 'nowhere'))
    assert _names(tmp_path) == ['.gitignore', 'ignored.log', 'src/a.py']


def test_walk_counts_files_gitignore_hid(tmp_path):
    _git(tmp_path, 'init', '-q')
    _tree(tmp_path)
    (tmp_path / 'other.log').write_text('log\n')
    result = walk.walk(str(tmp_path))
    assert (result.ignored, result.nested, result.root_ignored) == (2, (), False)
    assert walk.walk(str(tmp_path), all_files=True).ignored == 0


def test_walk_scans_an_ignored_directory_named_explicitly(tmp_path):
    # ``ffaudit scan dist`` with ``dist/`` in .gitignore once scanned nothing.
    _git(tmp_path, 'init', '-q')
    (tmp_path / '.gitignore').write_text('dist/\n')
    (tmp_path / 'dist' / 'js').mkdir(parents=True)
    (tmp_path / 'dist' / 'js' / 'app.js').write_text('x\n')
    result = walk.walk(str(tmp_path / 'dist'))
    assert [os.path.relpath(p, tmp_path) for p, _ in result.files] == ['dist/js/app.js']
    assert result.root_ignored
    assert _names(tmp_path) == ['.gitignore']  # from the top, dist/ stays ignored


def test_walk_recurses_into_nested_repositories_and_submodules(tmp_path):
    _git(tmp_path, 'init', '-q')
    (tmp_path / 'a.txt').write_text('a\n')
    nested = tmp_path / 'sub'
    nested.mkdir()
    _git(nested, 'init', '-q')
    (nested / '.env.prod').write_text('x\n')
    (nested / '.gitignore').write_text('*.tmp\n')
    (nested / 't.tmp').write_text('t\n')
    module = _submodule(tmp_path)
    result = walk.walk(str(tmp_path))
    names = sorted(os.path.relpath(p, tmp_path) for p, _ in result.files)
    assert names == ['.gitmodules', 'a.txt', 'lib/m.py', 'sub/.env.prod', 'sub/.gitignore']
    assert sorted(result.nested) == [str(module), str(nested)]
    assert result.ignored == 1  # sub/t.tmp, by the nested repository's own .gitignore


def _submodule(top: pathlib.Path) -> pathlib.Path:
    origin = top.parent / 'origin'
    origin.mkdir()
    _git(origin, 'init', '-q')
    (origin / 'm.py').write_text('m\n')
    _git(origin, 'add', '.')
    _git(origin, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'm')
    _git(top, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', str(origin), 'lib')
    return top / 'lib'
