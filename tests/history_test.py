"""History scanning on real git repositories built in tmp_path."""

from __future__ import annotations

import os
import pathlib
import subprocess

import pytest

from ffaudit import detect
from ffaudit import history
from ffaudit.errors import FfauditError
from ffaudit.model import CommitInfo
from ffaudit.model import Confidence
from ffaudit.model import Finding

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


def _by_fp(result: history.HistoryResult) -> dict[str, Finding]:
    return {f.fingerprint: f for f in result.findings}


def test_scan_history_one_finding_per_key_with_first_commit_and_count(repo: Repo) -> None:
    settings = ''.join(f'OPTION_{i} = {i}\n' for i in range(20))
    repo.write('app/settings.py', settings)
    repo.commit()
    repo.write('config.py', f'import os\nFIREFLIES_API_KEY = "{KEY}"\n')
    first = repo.commit('add key')
    (repo.path / 'config.py').unlink()
    repo.write('app/settings.py', f'{settings}FIREFLIES_API_KEY = "{KEY}"\n')
    repo.commit('move key to another file')
    repo.write('app/settings.py', settings)
    repo.commit('delete key')
    repo.git('checkout', '-q', '-b', 'feature')
    repo.write('feature.env', f'FIREFLIES_API_KEY={KEY}\n')
    repo.commit('re-add on a branch')
    repo.git('checkout', '-q', 'main')
    result = history.scan_history(str(repo.path))
    (finding,) = result.findings
    assert (finding.path, finding.line, finding.column) == ('config.py', 2, 22)
    assert finding.commit == CommitInfo(first, '2024-01-01T00:00:02+00:00', 3, False)
    assert finding.fingerprint == detect.fingerprint(KEY)
    assert result.commits_scanned == 5
    assert not result.shallow


def test_scan_history_key_in_a_merge_resolution(repo: Repo) -> None:
    repo.write('settings.yaml', 'name: demo\n')
    repo.commit()
    repo.git('checkout', '-q', '-b', 'side')
    repo.write('settings.yaml', 'name: side\n')
    repo.commit()
    repo.git('checkout', '-q', 'main')
    repo.write('settings.yaml', 'name: main\n')
    repo.commit()
    with pytest.raises(subprocess.CalledProcessError):
        repo.git('merge', '-q', 'side')
    repo.write('settings.yaml', f'name: main\nfireflies:\n  api_key: {KEY2}\n')
    merge = repo.commit('merge side')
    (finding,) = history.scan_history(str(repo.path)).findings
    assert (finding.path, finding.line, finding.column) == ('settings.yaml', 3, 12)
    assert finding.commit is not None
    assert (finding.commit.sha, finding.commit.present_at_head) == (merge, True)


def test_scan_history_present_at_head_survives_a_rename(repo: Repo) -> None:
    repo.write('old.env', f'FIREFLIES_API_KEY={KEY3}\n' + 'PORT=8080\n' * 10)
    first = repo.commit()
    repo.git('mv', 'old.env', 'new.env')
    repo.commit('rename')
    (finding,) = history.scan_history(str(repo.path)).findings
    assert finding.commit == CommitInfo(first, '2024-01-01T00:00:01+00:00', 1, True)
    assert finding.path == 'old.env'


def test_scan_history_names_on_nearby_added_lines_count(repo: Repo) -> None:
    repo.write('deploy.yaml', 'services:\n  web: {}\n')
    repo.commit()
    repo.write('deploy.yaml', f'services:\n  web: {{}}\nfireflies:\n  api_key: "{KEY}"\n')
    repo.commit()
    (finding,) = history.scan_history(str(repo.path)).findings
    assert (finding.path, finding.line) == ('deploy.yaml', 4)


def test_scan_history_latin1_text_and_commit_message(repo: Repo) -> None:
    repo.git('config', 'i18n.commitEncoding', 'latin-1')
    text = f'# caf\xe9 cr\xe8me\nFIREFLIES_API_KEY = "{KEY}"\n'
    repo.write('legacy.py', text.encode('latin-1'))
    repo.commit('r\xe9sum\xe9')
    (finding,) = history.scan_history(str(repo.path)).findings
    assert (finding.path, finding.line) == ('legacy.py', 2)


def test_scan_history_generic_names_count_only_in_a_repository_that_talks_to_fireflies(
    repo: Repo,
) -> None:
    repo.write('.env', f'API_KEY={KEY}\n')
    repo.commit()
    assert history.scan_history(str(repo.path)).findings == ()
    repo.write('client.py', 'URL = "https://api.fireflies.ai/graphql"\n')
    repo.commit()
    (finding,) = history.scan_history(str(repo.path)).findings
    assert (finding.path, finding.confidence) == ('.env', Confidence.LOW)


def test_scan_history_remembers_keys_beside_another_vendor(repo: Repo) -> None:
    repo.write('keys.env', f'FIREFLIES_API_KEY={KEY}\nHEROKU_API_KEY={HEROKU_KEY}\n')
    repo.commit()
    result = history.scan_history(str(repo.path))
    (finding,) = result.findings
    assert result.keys.overlaps(finding.fingerprint)
    assert dict(result.keys.items()) == {finding.fingerprint: KEY}
    assert KEY not in repr(result)


def test_scan_history_since_and_branch(repo: Repo) -> None:
    repo.write('a.py', f'FIREFLIES_API_KEY = "{KEY}"\n')
    base = repo.commit()
    repo.write('b.py', f'FIREFLIES_API_KEY = "{KEY2}"\n')
    repo.commit()
    repo.git('checkout', '-q', '-b', 'other', base)
    repo.write('c.py', f'FIREFLIES_API_KEY = "{KEY3}"\n')
    repo.commit()
    since = history.scan_history(str(repo.path), since=base)
    assert sorted(f.path for f in since.findings) == ['b.py', 'c.py']
    assert since.commits_scanned == 2
    only_main = history.scan_history(str(repo.path), branch='main')
    assert sorted(f.path for f in only_main.findings) == ['a.py', 'b.py']
    both = history.scan_history(str(repo.path), since=base, branch='main')
    assert [f.path for f in both.findings] == ['b.py']


def test_scan_history_shallow_clone_says_how_much(repo: Repo, tmp_path: pathlib.Path) -> None:
    for i in range(3):
        repo.write('a.py', f'FIREFLIES_API_KEY = "{KEY}"\n# {i}\n')
        repo.commit()
    clone = tmp_path / 'clone'
    url = f'file://{repo.path}'
    subprocess.run(['git', 'clone', '-q', '--depth', '1', url, str(clone)], check=True)
    result = history.scan_history(str(clone))
    assert (result.shallow, result.commits_scanned, len(result.findings)) == (True, 1, 1)


@pytest.mark.parametrize(
    ('kwargs', 'message'),
    [
        pytest.param({'since': 'nope'}, 'unknown revision: nope', id='since'),
        pytest.param({'branch': 'nope'}, 'unknown revision: nope', id='branch'),
        pytest.param({'branch': '--output=x'}, 'unknown revision: --output=x', id='option'),
    ],
)
def test_scan_history_unknown_revision(repo: Repo, kwargs: dict[str, str], message: str) -> None:
    repo.write('a.txt', 'x\n')
    repo.commit()
    with pytest.raises(FfauditError, match=f'^{message}$'):
        history.scan_history(str(repo.path), **kwargs)


def test_scan_history_unusable_repositories(tmp_path: pathlib.Path) -> None:
    with pytest.raises(FfauditError, match='^not a directory: '):
        history.scan_history(str(tmp_path / 'missing'))
    with pytest.raises(FfauditError, match='^not a git repository: '):
        history.scan_history(str(tmp_path))
    empty = Repo(tmp_path / 'empty')
    with pytest.raises(FfauditError, match='^repository has no commits: '):
        history.scan_history(str(empty.path))
