"""History scans of text git calls binary (UTF-16/UTF-32), and of quoted path names."""

from __future__ import annotations

import pathlib

import pytest

from ffaudit.model import CommitInfo
from ffaudit.scan import history
from ffaudit.scan.git import history_blobs
from ffaudit.scan.git import log_chunks
from testing.gitrepo import KEY
from testing.gitrepo import Repo

KEY2 = 'c2d47e0a-9b1f-4a63-8e5d-31f7b9a2c640'  # pragma: allowlist secret
PS1 = '$env:FIREFLIES_API_KEY = "{}"\r\n'


@pytest.fixture
def repo(tmp_path: pathlib.Path) -> Repo:
    return Repo(tmp_path / 'repo')


def _where(result: history.HistoryResult) -> list[tuple[str, int, int, CommitInfo | None]]:
    return [(f.path, f.line, f.column, f.commit) for f in result.findings]


@pytest.mark.parametrize('codec', ['utf-16', 'utf-16-le', 'utf-16-be', 'utf-32'])
def test_history_finds_keys_in_wide_text(repo: Repo, codec: str) -> None:
    # git prints "Binary files differ": the key must still be found
    repo.write('k.ps1', ('# deploy\r\n' + PS1.format(KEY)).encode(codec))
    sha = repo.commit()
    result = history.scan_history(str(repo.path))
    commit = CommitInfo(sha, '2024-01-01T00:00:01+00:00', 1, True)  # still at HEAD
    assert _where(result) == [('k.ps1', 2, 27, commit)]
    assert result.files_scanned == 1


def test_history_reports_only_lines_new_against_the_parent_blob(repo: Repo) -> None:
    repo.write('k.ps1', PS1.format(KEY).encode('utf-16'))
    first = repo.commit()
    repo.write('k.ps1', (PS1.format(KEY) + '$x = 1\r\n' + PS1.format(KEY2)).encode('utf-16'))
    second = repo.commit()
    repo.write('k.ps1', '$x = 2\r\n'.encode('utf-16'))  # both keys gone from HEAD
    repo.commit()
    result = history.scan_history(str(repo.path))
    assert _where(result) == [
        ('k.ps1', 1, 27, CommitInfo(first, '2024-01-01T00:00:01+00:00', 1, False)),
        ('k.ps1', 3, 27, CommitInfo(second, '2024-01-01T00:00:02+00:00', 1, False)),
    ]


def test_history_branches_of_wide_text_report_each_key_once(repo: Repo) -> None:
    repo.write('k.ps1', PS1.format(KEY).encode('utf-16'))
    first = repo.commit()
    repo.git('checkout', '-q', '-b', 'side')
    repo.write('k.ps1', (PS1.format(KEY) + '$side = 1\r\n').encode('utf-16'))
    repo.commit()
    repo.git('checkout', '-q', 'main')
    repo.write('k.ps1', (PS1.format(KEY) + '$main = 1\r\n').encode('utf-16'))
    repo.commit()
    repo.git('merge', '-q', '-s', 'ours', 'side', '-m', 'merge')
    repo.write('k.ps1', (PS1.format(KEY) + '$both = 1\r\n' + PS1.format(KEY2)).encode('utf-16'))
    later = repo.commit()
    found = {f.preview: f.commit for f in history.scan_history(str(repo.path)).findings}
    assert [(c.sha, c.count) for c in found.values() if c] == [(first, 1), (later, 1)]


def test_history_skips_real_binaries_and_deleted_files(repo: Repo) -> None:
    blob = b'\x89PNG\r\n\x1a\n\x00\x00\x00' + f'FIREFLIES_API_KEY={KEY}'.encode() + b'\x00' * 64
    repo.write('logo.png', blob)
    repo.write('k.ps1', PS1.format(KEY2).encode('utf-16'))
    repo.commit()
    (repo.path / 'k.ps1').unlink()
    repo.commit()
    result = history.scan_history(str(repo.path))
    assert [
        (f.path, f.preview, f.commit and f.commit.present_at_head) for f in result.findings
    ] == [('k.ps1', 'c2d4...', False)]


def test_history_reads_every_blob_through_one_cat_file(repo: Repo, monkeypatch) -> None:
    started = []
    real_start = history_blobs.BlobReader._start

    def counting_start(self: history_blobs.BlobReader):
        started.append(self.repo)
        return real_start(self)

    monkeypatch.setattr(history_blobs.BlobReader, '_start', counting_start)
    for n in range(3):
        repo.write(f'k{n}.ps1', PS1.format(KEY if n else KEY2).encode('utf-16'))
        repo.commit()
    found = history.scan_history(str(repo.path)).findings
    assert (len(found), len({f.fingerprint for f in found})) == (3, 2)  # KEY in two files
    assert started == [str(repo.path)]


def test_history_without_binary_diffs_starts_no_cat_file(repo: Repo, monkeypatch) -> None:
    monkeypatch.setattr(history_blobs.BlobReader, '_start', lambda self: pytest.fail('started'))
    repo.write('a.env', f'FIREFLIES_API_KEY={KEY}\n')
    repo.commit()
    assert len(history.scan_history(str(repo.path)).findings) == 1


@pytest.mark.parametrize(
    'name', ['my keys.ps1', 'tab\there.env', 'quote"d.env', 'caf\u00e9.env', 'b/inner.env']
)
def test_history_paths_with_unusual_names(repo: Repo, name: str) -> None:
    # text diffs quote such names (logparse unquotes them with gitquote); binary ones too
    repo.write(name, f'FIREFLIES_API_KEY={KEY}\n')
    repo.write(f'wide {name}', PS1.format(KEY2).encode('utf-16'))
    repo.commit()
    paths = sorted(f.path for f in history.scan_history(str(repo.path)).findings)
    assert paths == sorted([name, f'wide {name}'])


def test_binary_diff_line_parsing() -> None:
    ids = b'a' * 40 + b',' + b'b' * 40 + b'..' + b'c' * 40
    merged = log_chunks.binary_diff(b'Binary files differ\n', ids, 's', 'd', 'x.ps1')
    assert merged == log_chunks.BinaryDiff('s', 'd', 'x.ps1', 'c' * 40, ('a' * 40, 'b' * 40))
    new = b'0' * 40 + b'..' + b'c' * 40
    added = log_chunks.binary_diff(
        b'Binary files /dev/null and b/n.ps1 differ\n', new, 's', 'd', ''
    )
    assert added == log_chunks.BinaryDiff('s', 'd', 'n.ps1', 'c' * 40, ())
    gone = b'c' * 40 + b'..' + b'0' * 40
    assert (
        log_chunks.binary_diff(b'Binary files a/n.ps1 and /dev/null differ', gone, '', '', '')
        is None
    )
