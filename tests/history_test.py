"""History scanning on real git repositories built in tmp_path."""

from __future__ import annotations

import os
import pathlib
import subprocess

import pytest

from ffaudit import history
from ffaudit.errors import FfauditError
from ffaudit.model import Confidence

KEY = '1adca7d8-385f-4383-86bb-103d1513b7e3'  # pragma: allowlist secret
KEY2 = 'faa0230d-0ec3-4f06-85bd-8396c91b11b6'  # pragma: allowlist secret
KEY3 = 'eb9fac16-f265-43fd-90ff-7f922e345a37'  # pragma: allowlist secret
HEROKU_KEY = 'd3bbf186-afc1-4161-b4df-5a65757b23cd'  # pragma: allowlist secret
ENV = {
    'GIT_CONFIG_GLOBAL': os.devnull,
    'GIT_CONFIG_NOSYSTEM': '1',
    'GIT_AUTHOR_NAME': 'Test',
    'GIT_AUTHOR_EMAIL': 'test@example.com',
    'GIT_COMMITTER_NAME': 'Test',
    'GIT_COMMITTER_EMAIL': 'test@example.com',
}


class Repo:
    """A real git repository in a temporary directory, with one commit per second from 2024."""

    def __init__(self, path: pathlib.Path) -> None:
        self.path = path
        self.ticks = 0
        path.mkdir(parents=True, exist_ok=True)
        self.git('init', '-q', '-b', 'main')

    def git(self, *args: str) -> str:
        env = {**os.environ, **ENV}
        proc = subprocess.run(
            ['git', '-C', str(self.path), *args], capture_output=True, env=env, check=True
        )
        return proc.stdout.decode('utf-8', 'replace').strip()

    def write(self, name: str, content: str | bytes) -> None:
        target = self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode() if isinstance(content, str) else content
        target.write_bytes(data)

    def commit(self, message: str = 'change', *, allow_fail: bool = False) -> str:
        self.ticks += 1
        date = f'2024-01-01T00:{self.ticks // 60:02d}:{self.ticks % 60:02d}+00:00'
        os.environ.update({'GIT_AUTHOR_DATE': date, 'GIT_COMMITTER_DATE': date})
        try:
            self.git('add', '-A')
            self.git('commit', '-q', '--allow-empty', '-m', message)
        finally:
            del os.environ['GIT_AUTHOR_DATE'], os.environ['GIT_COMMITTER_DATE']
        return self.git('rev-parse', 'HEAD')


@pytest.fixture
def repo(tmp_path: pathlib.Path) -> Repo:
    return Repo(tmp_path / 'repo')


def _chunks(repo: Repo, *extra: str) -> list[history.Chunk]:
    out = subprocess.run(
        history._argv(str(repo.path), *history._LOG, *extra, '--all'),
        capture_output=True,
        check=True,
    ).stdout
    return list(history.LogParser().chunks(out.splitlines(keepends=True)))


def test_parser_added_lines_with_their_line_numbers(repo: Repo) -> None:
    repo.write('a.txt', 'one\ntwo\nthree\n')
    first = repo.commit()
    repo.write('a.txt', 'one\nTWO\nthree\nfour\n')
    second = repo.commit()
    newest, oldest = _chunks(repo)
    assert (oldest.sha, oldest.path, oldest.text, oldest.lines) == (
        first,
        'a.txt',
        'one\ntwo\nthree\n',
        (1, 2, 3),
    )
    assert (newest.sha, newest.text, newest.lines) == (second, 'TWO\n\nfour\n', (2, 0, 4))
    assert newest.date == '2024-01-01T00:00:02+00:00'


def test_parser_keeps_distance_between_hunks_bounded(repo: Repo) -> None:
    repo.write('a.txt', ''.join(f'line {i}\n' for i in range(1, 101)))
    repo.commit()
    repo.write('a.txt', 'top\n' + ''.join(f'line {i}\n' for i in range(2, 100)) + 'end\n')
    repo.commit()
    chunk = _chunks(repo)[0]
    assert chunk.text == 'top\n' + '\n' * history.MAX_GAP + 'end\n'
    assert chunk.lines == (1, *[0] * history.MAX_GAP, 100)


def test_parser_skips_deletions_pure_renames_and_binaries(repo: Repo) -> None:
    repo.write('keep.txt', 'x\n' * 20)
    repo.write('gone.txt', 'bye\n')
    first = repo.commit()
    repo.git('mv', 'keep.txt', 'moved.txt')
    (repo.path / 'gone.txt').unlink()
    repo.write('blob.bin', b'\x00\x01binary\x00' * 50)
    repo.commit()
    chunks = _chunks(repo)
    assert sorted(c.path for c in chunks) == ['gone.txt', 'keep.txt']
    assert {c.sha for c in chunks} == {first}


def test_parser_reads_odd_paths_latin1_and_plus_lines(repo: Repo) -> None:
    repo.write('dir with space/caf\u00e9 "q".txt', '++ looks like a header\n--- and this\n')
    repo.write('latin.txt', 'caf\xe9 = 1\n'.encode('latin-1'))
    repo.git('config', 'i18n.commitEncoding', 'latin-1')
    repo.commit('r\xe9sum\xe9')
    chunks = {c.path: c for c in _chunks(repo)}
    odd = chunks['dir with space/caf\u00e9 "q".txt']
    assert odd.text == '++ looks like a header\n--- and this\n'
    assert chunks['latin.txt'].text == 'caf\xe9 = 1\n'


def test_parser_no_newline_at_end_of_file(repo: Repo) -> None:
    repo.write('a.txt', 'first\nlast')
    repo.commit()
    (chunk,) = _chunks(repo)
    repo.write('a.txt', 'first\nlast changed')
    repo.commit()
    newest = _chunks(repo)[0]
    assert (newest.text, newest.lines) == ('last changed\n', (2,))
    assert chunk.text == 'first\nlast\n'


def test_parser_splits_huge_diffs_keeping_line_numbers(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history, 'CHUNK_LIMIT', 1000)
    repo.write('big.txt', ''.join(f'{i:09d}\n' for i in range(1, 501)))
    repo.commit()
    chunks = _chunks(repo)
    assert len(chunks) > 3
    assert [n for c in chunks for n in c.lines] == list(range(1, 501))
    assert ''.join(c.text for c in chunks) == ''.join(f'{i:09d}\n' for i in range(1, 501))


def test_parser_sees_only_new_lines_of_a_merge_resolution(repo: Repo) -> None:
    repo.write('conf.txt', 'base\n')
    repo.commit()
    repo.git('checkout', '-q', '-b', 'side')
    repo.write('conf.txt', 'side\n')
    repo.commit()
    repo.git('checkout', '-q', 'main')
    repo.write('conf.txt', 'main\n')
    repo.commit()
    with pytest.raises(subprocess.CalledProcessError):
        repo.git('merge', '-q', 'side')
    repo.write('conf.txt', 'main\nresolved\nside\n')
    merge = repo.commit('merge')
    chunk = _chunks(repo)[0]
    assert (chunk.sha, chunk.text, chunk.lines) == (merge, 'resolved\n', (2,))


def test_parser_counts_commits(repo: Repo) -> None:
    for i in range(3):
        repo.write('a.txt', f'{i}\n')
        repo.commit()
    parser = history.LogParser()
    out = subprocess.run(
        history._argv(str(repo.path), *history._LOG, '--all'), capture_output=True, check=True
    ).stdout
    assert len(list(parser.chunks(out.splitlines(keepends=True)))) == 3
    assert parser.commits == 3
