"""The block splitter: any block size gives the chunks the line-by-line reading gives."""

from __future__ import annotations

import io
import subprocess

import pytest

from ffaudit.scan.git import log_parse
from ffaudit.scan.git import log_split
from ffaudit.scan.git import plumbing
from ffaudit.scan.git.log_chunks import BinaryDiff
from ffaudit.scan.git.log_chunks import Chunk
from testing.gitrepo import KEY
from testing.gitrepo import Repo


@pytest.fixture(scope='module')
def log(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    repo = Repo(tmp_path_factory.mktemp('split') / 'repo')
    repo.write('a.py', 'one\n' * 50)
    repo.write('sub/diff .txt', 'diff --git is text here\n')
    repo.commit()
    repo.write('a.py', 'one\n' * 20 + f'FIREFLIES_API_KEY = "{KEY}"\n' + 'one\n' * 30)
    repo.write('long.json', '{"x": "' + 'y' * 3000 + f'", "fireflies_api_key": "{KEY}"}}\n')
    repo.write('empty.txt', '')
    repo.commit()
    repo.git('commit', '-q', '--allow-empty', '-m', 'empty')
    argv = plumbing.argv(str(repo.path), *plumbing.LOG, '--all', '--')
    return subprocess.run(argv, capture_output=True, check=True).stdout


def _chunks(pieces: list[bytes]) -> tuple[list[Chunk | BinaryDiff], int, int, int]:
    parser = log_parse.LogParser(select=lambda data: True)
    found = list(parser.chunks(pieces))
    return found, parser.commits, parser.files, parser.bytes


def _lines(log: bytes) -> list[bytes]:
    reader = io.BytesIO(log)
    return list(iter(lambda: reader.readline(log_parse.PIECE), b''))


@pytest.mark.parametrize('block', [1, 7, 64, 1000, 1 << 18])
@pytest.mark.parametrize('limit', [200, 1 << 20])
def test_any_block_size_gives_the_same_chunks(
    log: bytes, block: int, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(log_parse, 'PIECE', 500)
    monkeypatch.setattr(log_parse, 'CHUNK_LIMIT', limit)
    expected = _chunks(_lines(log))
    monkeypatch.setattr(log_split, 'BLOCK', block)
    pieces = [log[i : i + block] for i in range(0, len(log), block)]
    assert _chunks(pieces) == expected
    assert expected[1:3] == (3, 4)  # commits; file diffs with hunks


def test_lines_cuts_long_lines_into_pieces() -> None:
    assert log_split.lines(b'ab\n' + b'c' * 5 + b'\nd', 2) == [
        b'ab',
        b'\n',
        b'cc',
        b'cc',
        b'c\n',
        b'd',
    ]
    assert log_split.lines(b'', 2) == []


def test_a_diff_header_opens_only_at_the_start_of_a_line() -> None:
    # 'diff ' at the start of a line only ever opens a file diff: hunk lines have a prefix
    assert log_split._BOUNDARY.findall(b' diff \n+diff \ndiff --git a b\n') == [b'\n']
