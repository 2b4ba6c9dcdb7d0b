"""History scanning on real git repositories built in tmp_path."""

from __future__ import annotations

import io
import pathlib
import subprocess

import pytest

from ffaudit.errors import FfauditError
from ffaudit.model import CommitInfo
from ffaudit.model import Confidence
from ffaudit.model import Finding
from ffaudit.redaction import fingerprint
from ffaudit.scan import history
from ffaudit.scan.git import log_chunks
from ffaudit.scan.git import log_parse
from ffaudit.scan.git import plumbing
from testing.gitrepo import KEY
from testing.gitrepo import Repo

KEY2 = 'faa0230d-0ec3-4f06-85bd-8396c91b11b6'  # pragma: allowlist secret
KEY3 = 'eb9fac16-f265-43fd-90ff-7f922e345a37'  # pragma: allowlist secret
HEROKU_KEY = 'd3bbf186-afc1-4161-b4df-5a65757b23cd'  # pragma: allowlist secret


@pytest.fixture
def repo(tmp_path: pathlib.Path) -> Repo:
    return Repo(tmp_path / 'repo')


def _log(repo: Repo, *extra: str) -> bytes:
    argv = plumbing.argv(str(repo.path), *plumbing.LOG, *extra, '--all')
    return subprocess.run(argv, capture_output=True, check=True).stdout


def _pieces(out: bytes, size: int = log_parse.PIECE) -> list[bytes]:
    # what scan_history reads: lines, a long one split into pieces of at most ``size`` bytes
    reader = io.BytesIO(out)
    return list(iter(lambda: reader.readline(size), b''))


def _parser() -> log_parse.LogParser:
    return log_parse.LogParser(select=lambda data: True)  # every file diff, not just likely ones


def _items(repo: Repo, *extra: str) -> list[log_chunks.Chunk | log_chunks.BinaryDiff]:
    return list(_parser().chunks(_pieces(_log(repo, *extra))))


def _chunks(repo: Repo, *extra: str) -> list[log_chunks.Chunk]:
    return [c for c in _items(repo, *extra) if isinstance(c, log_chunks.Chunk)]


def test_parser_added_lines_with_their_line_numbers(repo: Repo) -> None:
    repo.write('a.txt', 'one\ntwo\nthree\n')
    first = repo.commit()
    repo.write('a.txt', 'one\nTWO\nthree\nfour\n')
    second = repo.commit()
    newest, oldest = _chunks(repo)
    assert (oldest.sha, oldest.path, oldest.text, oldest.lines, oldest.added) == (
        first,
        'a.txt',
        'one\ntwo\nthree\n',
        (1, 2, 3),
        frozenset({1, 2, 3}),
    )
    # the unchanged lines around a change come along as context, with their line numbers
    assert (newest.sha, newest.text, newest.lines) == (
        second,
        'one\nTWO\nthree\nfour\n',
        (1, 2, 3, 4),
    )
    assert newest.added == {2, 4}
    assert newest.date == '2024-01-01T00:00:02+00:00'


def test_parser_keeps_distance_between_hunks_bounded(repo: Repo) -> None:
    repo.write('a.txt', ''.join(f'line {i}\n' for i in range(1, 101)))
    repo.commit()
    repo.write('a.txt', 'top\n' + ''.join(f'line {i}\n' for i in range(2, 100)) + 'end\n')
    repo.commit()
    chunk = _chunks(repo)[0]
    gap = log_parse.MAX_GAP
    assert (
        chunk.text
        == 'top\nline 2\nline 3\nline 4\n' + '\n' * gap + 'line 97\nline 98\nline 99\nend\n'
    )
    assert chunk.lines == (1, 2, 3, 4, *[0] * gap, 97, 98, 99, 100)
    assert chunk.added == {1, 4 + gap + 4}


def test_parser_skips_deletions_pure_renames_and_binaries(repo: Repo) -> None:
    repo.write('keep.txt', 'x\n' * 20)
    repo.write('gone.txt', 'bye\n')
    first = repo.commit()
    repo.git('mv', 'keep.txt', 'moved.txt')
    (repo.path / 'gone.txt').unlink()
    repo.write('blob.bin', b'\x00\x01binary\x00' * 50)
    second = repo.commit()
    chunks = _chunks(repo)
    assert sorted(c.path for c in chunks) == ['gone.txt', 'keep.txt']
    assert {c.sha for c in chunks} == {first}
    # a binary diff has no lines: its blob ids come along, for history_blobs
    oid = repo.git('rev-parse', 'HEAD:blob.bin')
    binaries = [b for b in _items(repo) if isinstance(b, log_chunks.BinaryDiff)]
    assert binaries == [
        log_chunks.BinaryDiff(second, '2024-01-01T00:00:02+00:00', 'blob.bin', oid, ())
    ]


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
    assert (newest.text, newest.lines, newest.added) == (
        'first\nlast changed\n',
        (1, 2),
        frozenset({2}),
    )
    assert chunk.text == 'first\nlast\n'


def test_parser_splits_huge_diffs_keeping_line_numbers(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(log_parse, 'CHUNK_LIMIT', 1000)
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
    # lines from one parent are context; only the line new against both parents is added
    assert (chunk.sha, chunk.text, chunk.lines) == (merge, 'main\nresolved\nside\n', (1, 2, 3))
    assert chunk.added == {2}


def test_parser_counts_commits(repo: Repo) -> None:
    for i in range(3):
        repo.write('a.txt', f'{i}\n')
        repo.commit()
    parser = _parser()
    assert len(list(parser.chunks(_pieces(_log(repo))))) == 3
    assert parser.commits == 3


def _by_fp(result: history.HistoryResult) -> dict[str, Finding]:
    return {f.fingerprint: f for f in result.findings}


def test_scan_history_one_finding_per_key_and_path_at_its_first_commit(repo: Repo) -> None:
    # issue 13: a key copied into several files is reported in each, where it was first added
    settings = ''.join(f'OPTION_{i} = {i}\n' for i in range(20))
    repo.write('app/settings.py', settings)
    repo.commit()
    repo.write('config.py', f'import os\nFIREFLIES_API_KEY = "{KEY}"\n')
    first = repo.commit('add key')
    (repo.path / 'config.py').unlink()
    repo.write('app/settings.py', f'{settings}FIREFLIES_API_KEY = "{KEY}"\n')
    moved = repo.commit('move key to another file')
    repo.write('app/settings.py', settings)
    repo.commit('delete key')
    repo.write('app/settings.py', f'{settings}FIREFLIES_API_KEY = "{KEY}"\n')
    repo.commit('put it back')
    repo.git('checkout', '-q', '-b', 'feature')
    repo.write('feature.env', f'FIREFLIES_API_KEY={KEY}\n')
    branch = repo.commit('re-add on a branch')
    repo.git('checkout', '-q', 'main')
    result = history.scan_history(str(repo.path))
    found = {f.path: f for f in result.findings}
    assert {
        p: (f.line, f.column, f.commit.sha, f.commit.count) for p, f in found.items() if f.commit
    } == {
        'config.py': (2, 22, first, 1),
        'app/settings.py': (21, 22, moved, 2),
        'feature.env': (1, 19, branch, 1),
    }
    assert {f.fingerprint for f in result.findings} == {fingerprint(KEY)}
    assert found['config.py'].commit == CommitInfo(first, '2024-01-01T00:00:02+00:00', 1, True)
    assert result.commits_scanned == 6
    assert not result.shallow


def test_scan_history_reports_the_first_line_of_an_addition(repo: Repo) -> None:
    # the assignment, not a later comment repeating the key
    body = f'FIREFLIES_API_KEY = "{KEY}"\nTIMEOUT = 3\n# FIREFLIES_API_KEY was "{KEY}"\n'
    repo.write('app.py', body)
    repo.commit()
    (finding,) = history.scan_history(str(repo.path)).findings
    assert (finding.line, finding.column) == (1, 22)


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
    # the overlap is per key, as in scan and --staged; a Heroku key beside
    # a Fireflies key leaves the Fireflies key free to verify
    repo.write('keys.env', f'FIREFLIES_API_KEY={KEY}\nHEROKU_API_KEY={HEROKU_KEY}\n')
    repo.commit()
    result = history.scan_history(str(repo.path))
    (finding,) = result.findings
    assert result.keys.overlap_of(finding.fingerprint) == ''
    assert dict(result.keys.items()) == {finding.fingerprint: KEY}
    assert KEY not in repr(result)


def test_scan_history_holds_back_a_key_that_is_also_another_vendors(repo: Repo) -> None:
    repo.write('keys.env', f'FIREFLIES_API_KEY={KEY}\n# stripe below\n')
    repo.commit()
    repo.write('keys.env', f'FIREFLIES_API_KEY={KEY}\n# stripe below\nOLD = "HRKU-{KEY}"\n')
    repo.commit()
    repo.write('b.env', f'FIREFLIES_API_KEY={KEY2}\nSTRIPE_SECRET_KEY=sk_test_abc\n')
    repo.commit()
    result = history.scan_history(str(repo.path))
    overlaps = {f.path: result.keys.overlap_of(f.fingerprint) for f in result.findings}
    assert overlaps == {'keys.env': 'heroku', 'b.env': ''}


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


def test_scan_history_value_changed_under_an_unchanged_name(repo: Repo) -> None:
    # only the value line changes; the name sits on an unchanged context line
    deploy = 'env:\n        - name: FIREFLIES_API_KEY\n          value: "{}"\n'
    config = 'fireflies:\n  url: https://api.fireflies.ai/graphql\n  api_key: "{}"\n'
    repo.write('deploy.yaml', 'kind: Deployment\nspec:\n  ' + deploy.format('changeme'))
    repo.write('config.yaml', config.format(''))
    repo.commit()
    repo.write('deploy.yaml', 'kind: Deployment\nspec:\n  ' + deploy.format(KEY))
    repo.write('config.yaml', config.format(KEY2))
    second = repo.commit('set the real values')
    found = {f.path: f for f in history.scan_history(str(repo.path)).findings}
    assert {p: (f.line, f.column, f.confidence) for p, f in found.items()} == {
        'config.yaml': (3, 13, Confidence.HIGH),
        'deploy.yaml': (5, 19, Confidence.HIGH),
    }
    assert {f.commit.sha for f in found.values() if f.commit} == {second}


def test_scan_history_key_on_a_context_line_is_not_added_again(repo: Repo) -> None:
    repo.write('app.py', f'import os\nFIREFLIES_API_KEY = "{KEY}"\nDEBUG = False\n')
    first = repo.commit()
    repo.write('app.py', f'import os\nFIREFLIES_API_KEY = "{KEY}"\nDEBUG = True\n')
    repo.commit('edit the next line')
    (finding,) = history.scan_history(str(repo.path)).findings
    assert finding.commit == CommitInfo(first, '2024-01-01T00:00:01+00:00', 1, True)


_RECORD = '{"n": "\u00e9%06d"}, '  # non-ASCII: characters and bytes differ


def _huge_line(count: int, planted: dict[int, str] | None = None) -> str:
    line = ''.join(_RECORD % i for i in range(count))
    for at, text in (planted or {}).items():
        line = line[:at] + text + line[at + len(text) :]
    return line


def _small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(log_parse, 'PIECE', 5000)
    monkeypatch.setattr(log_parse, 'CHUNK_LIMIT', 6000)


def _seams(repo: Repo, line: str) -> list[int]:
    # where each piece's reported region ends, as offsets in the huge line (line 2 of the file)
    repo.write('data.json', f'head\n{line}\ntail\n')
    repo.commit()
    items = _parser().chunks(_pieces(_log(repo), log_parse.PIECE))
    chunks = [c for c in items if isinstance(c, log_chunks.Chunk)]
    assert max(len(c.text) for c in chunks) < 5000 + 6000 + 2 * log_chunks.OVERLAP
    assert ''.join(c.text[c.lo : c.hi] for c in chunks) == f'head\n{line}\ntail\n'
    for c in chunks[1:]:
        assert (c.lines[0], c.added) == (2, frozenset({1, 2}) if c.hi is None else {1})
        assert line[c.column + c.lo :].startswith(c.text[c.lo : c.hi].partition('\n')[0])
    return [c.column + c.hi for c in chunks if c.hi is not None]


def test_parser_cuts_a_huge_line_into_bounded_pieces(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a committed one-line file is scanned in bounded, overlapping pieces
    _small_pieces(monkeypatch)
    assert len(_seams(repo, _huge_line(6000))) > 10


def test_scan_history_keys_at_the_seams_of_a_huge_line(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    _small_pieces(monkeypatch)
    seams = _seams(Repo(repo.path.parent / 'probe'), _huge_line(6000))
    bind = '"FIREFLIES_API_KEY": "{}"'
    starts = {seams[2] - 10: KEY, seams[5] + 3: KEY2, seams[8] - 400: KEY3}
    planted = {at - len(bind.split('{')[0]): bind.format(key) for at, key in starts.items()}
    repo.write('data.json', f'head\n{_huge_line(6000, planted)}\ntail\n')
    repo.commit()
    found = {f.fingerprint: f for f in history.scan_history(str(repo.path)).findings}
    assert {fp: (f.line, f.column) for fp, f in found.items()} == {
        fingerprint(key): (2, at + 1) for at, key in starts.items()
    }


def test_parser_parses_only_likely_file_diffs_but_counts_all(repo: Repo) -> None:
    repo.write('a.py', 'A = 1\n')
    repo.write('b.py', 'URL = "https://api.fireflies.ai/graphql"\n')
    repo.write('c.bin', b'\x00\x01' * 10)
    repo.commit()
    parser = log_parse.LogParser()
    chunks = list(parser.chunks(_pieces(_log(repo))))
    assert [c.path for c in chunks] == ['b.py', 'c.bin']  # c.bin: a BinaryDiff
    assert isinstance(chunks[1], log_chunks.BinaryDiff)
    assert (parser.commits, parser.files) == (1, 2)  # the binary diff has no hunks


def test_scan_history_streams_big_diffs_between_small_ones(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(log_parse, 'CHUNK_LIMIT', 1000)
    repo.write('a.env', f'FIREFLIES_API_KEY={KEY}\n')
    first = repo.commit()
    repo.write('big.py', ''.join(f'VALUE_{i} = {i}\n' for i in range(200)))
    repo.write('c.env', f'FIREFLIES_API_KEY={KEY2}\n')
    repo.write('d.py', 'D = 1\n')
    second = repo.commit()
    repo.write('e.env', f'FIREFLIES_API_KEY={KEY3}\n')
    third = repo.commit()
    result = history.scan_history(str(repo.path))
    found = {f.path: f.commit.sha for f in result.findings if f.commit}
    assert found == {'a.env': first, 'c.env': second, 'e.env': third}
    assert (result.commits_scanned, result.files_scanned) == (3, 5)
