"""Staged-diff scanning: diff parsing, and real git repositories in tmp_path."""

from __future__ import annotations

import io
import os
import pathlib
import subprocess
import tempfile

import pytest

from ffaudit.errors import FfauditError
from ffaudit.model import Confidence
from ffaudit.model import ScanResult
from ffaudit.model import Skipped
from ffaudit.redaction import fingerprint
from ffaudit.scan import staged
from ffaudit.scan.git import blobs
from ffaudit.scan.staged import parse_added_lines
from ffaudit.scan.staged import scan_staged_keys

KEY = 'f025c6ec-c15e-4aa5-ad75-7f69b82789a4'  # pragma: allowlist secret
OLD_KEY = '0b02e7ce-a497-4fb0-8215-025330f03d1e'  # pragma: allowlist secret
GIT_ENV = {
    'GIT_AUTHOR_NAME': 'ffaudit tests',
    'GIT_AUTHOR_EMAIL': 'tests@example.invalid',
    'GIT_COMMITTER_NAME': 'ffaudit tests',
    'GIT_COMMITTER_EMAIL': 'tests@example.invalid',
    'GIT_CONFIG_NOSYSTEM': '1',
}

DIFF = """\
diff --git a/app.py b/app.py
index 1111111..2222222 100644
--- a/app.py
+++ b/app.py
@@ -1,0 +2,3 @@ import os
+++ this added line starts with three pluses
+b
+c
@@ -10 +13 @@ def f():
-old
+new
@@ -20,2 +22,0 @@ def g():
-gone
-gone too
diff --git a/new dir/x y.env b/new dir/x y.env
new file mode 100644
--- /dev/null
+++ b/new dir/x y.env\t
@@ -0,0 +1 @@
+A=1
diff --git "a/tab\\there" "b/tab\\there"
--- "a/tab\\there"
+++ "b/tab\\there"
@@ -1 +1 @@
-x
+y
diff --git a/gone.py b/gone.py
deleted file mode 100644
--- a/gone.py
+++ /dev/null
@@ -1 +0,0 @@
-bye
"""


def test_parse_added_lines():
    assert parse_added_lines(DIFF) == {
        'app.py': frozenset({2, 3, 4, 13}),
        'new dir/x y.env': frozenset({1}),
        'tab\there': frozenset({1}),
    }


def test_parse_added_lines_octal_escapes():
    diff = 'diff --git a/x b/x\n+++ "b/caf\\303\\251.py"\n@@ -0,0 +1,2 @@\n+a\n+b\n'
    assert parse_added_lines(diff) == {'café.py': frozenset({1, 2})}


@pytest.fixture
def repo(tmp_path, monkeypatch):
    for name, value in GIT_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv('HOME', str(tmp_path))  # no global git config
    root = tmp_path / 'repo'
    root.mkdir()
    _git(root, 'init', '-q')
    monkeypatch.chdir(root)
    return root


def _git(root: pathlib.Path, *args: str) -> None:
    subprocess.run(['git', *args], cwd=root, check=True, capture_output=True)


def _commit(root: pathlib.Path, files: dict[str, str | bytes]) -> None:
    _stage(root, files)
    _git(root, 'commit', '-q', '-m', 'commit')


def scan_staged(pathspecs: tuple[str, ...] | list[str] = ()) -> ScanResult:
    return scan_staged_keys(pathspecs)[0]


def staged_changes() -> dict[str, frozenset[int] | None]:
    return {path: change.lines for path, change in staged._changes(()).items()}


def _stage(root: pathlib.Path, files: dict[str, str | bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding='utf-8')
        _git(root, 'add', name)


def test_scan_staged_reports_only_added_lines(repo):
    _commit(repo, {'app.py': f'FIREFLIES_API_KEY = "{OLD_KEY}"\n'})
    _stage(repo, {'app.py': f'FIREFLIES_API_KEY = "{OLD_KEY}"\nx = 1\nFIREFLIES_TOKEN = "{KEY}"\n'})
    result = scan_staged()
    assert [(f.path, f.line, f.fingerprint) for f in result.findings] == [
        ('app.py', 3, fingerprint(KEY))
    ]
    assert result.files_scanned == 1


def test_scan_staged_scans_the_index_not_the_work_tree(repo):
    _commit(repo, {'README.md': 'hello\n'})
    _stage(repo, {'settings.py': f'FIREFLIES_API_KEY = "{KEY}"\n'})
    (repo / 'settings.py').write_text('FIREFLIES_API_KEY = os.environ["X"]\n', encoding='utf-8')
    (repo / 'README.md').write_text(f'FIREFLIES_API_KEY = "{OLD_KEY}"\n', encoding='utf-8')
    result = scan_staged()
    assert [(f.path, f.line) for f in result.findings] == [('settings.py', 1)]


def test_scan_staged_uses_context_from_unchanged_lines(repo):
    _commit(repo, {'config.yaml': 'fireflies:\n  url: https://api.fireflies.ai/graphql\n'})
    _stage(
        repo,
        {'config.yaml': f'fireflies:\n  url: https://api.fireflies.ai/graphql\n  api_key: {KEY}\n'},
    )
    result = scan_staged()
    assert [(f.path, f.line) for f in result.findings] == [('config.yaml', 3)]


def test_scan_staged_repository_context_from_the_index(repo):
    _commit(repo, {'client.py': 'URL = "https://api.fireflies.ai/graphql"\n'})
    _stage(repo, {'.env': f'API_KEY={KEY}\n'})
    result = scan_staged()
    assert [(f.path, f.line, f.confidence) for f in result.findings] == [
        ('.env', 1, Confidence.LOW)
    ]


def test_scan_staged_generic_name_without_fireflies_is_clean(repo):
    _commit(repo, {'client.py': 'URL = "https://example.com"\n'})
    _stage(repo, {'.env': f'API_KEY={KEY}\n'})
    assert scan_staged().findings == ()


def test_scan_staged_utf16_file_is_scanned_whole(repo):
    text = f'FIREFLIES_API_KEY={KEY}\n'
    _stage(repo, {'secrets.env': b'\xff\xfe' + text.encode('utf-16-le')})
    assert staged_changes() == {'secrets.env': None}  # binary to git: no line diff
    result = scan_staged()
    assert [(f.path, f.line) for f in result.findings] == [('secrets.env', 1)]


def test_scan_staged_binary_is_skipped_and_counted(repo):
    _stage(repo, {'logo.png': b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR' + bytes(range(256))})
    result = scan_staged()
    assert result.findings == ()
    assert [(s.path, s.reason) for s in result.skipped] == [('logo.png', 'binary')]
    assert result.files_scanned == 0


def test_scan_staged_deleted_files_are_ignored(repo):
    _commit(repo, {'old.py': f'FIREFLIES_API_KEY = "{KEY}"\n'})
    _git(repo, 'rm', '-q', 'old.py')
    result = scan_staged()
    assert (result.findings, result.files_scanned) == ((), 0)


def test_scan_staged_pathspecs_and_paths_relative_to_cwd(repo, monkeypatch):
    _stage(
        repo,
        {
            'pkg/sub/a.py': f'FIREFLIES_API_KEY = "{KEY}"\n',
            'other/b.py': f'FIREFLIES_API_KEY = "{OLD_KEY}"\n',
        },
    )
    monkeypatch.chdir(repo / 'pkg')
    result = scan_staged(['sub'])
    assert [f.path for f in result.findings] == [os.path.join('sub', 'a.py')]
    everything = scan_staged()
    assert sorted(f.path for f in everything.findings) == [
        os.path.join('..', 'other', 'b.py'),
        os.path.join('sub', 'a.py'),
    ]


def test_scan_staged_unusual_file_names(repo):
    _stage(repo, {'we ird\tname.env': f'FIREFLIES_API_KEY={KEY}\n'})
    assert [f.path for f in scan_staged().findings] == ['we ird\tname.env']


def test_scan_staged_outside_a_work_tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv('GIT_CEILING_DIRECTORIES', str(tmp_path.parent))
    with pytest.raises(
        FfauditError,
        match='--staged needs a git work tree .git rev-parse failed: fatal: not a git repository',
    ):
        scan_staged()


def _subcommand(args: list[str]) -> str:
    # git -C DIR -c NAME=VALUE ... SUBCOMMAND: the options plumbing.argv puts first
    rest = iter(args[1:])
    return next(a for a in rest if not (a in ('-C', '-c') and next(rest)))


def test_scan_staged_reads_every_blob_through_one_cat_file_process(repo, monkeypatch):
    # one `git cat-file --batch` for any number of files, no temporary files
    _commit(repo, {f'pkg/m{i}.py': f'X = {i}\n' for i in range(40)})
    changed = {f'pkg/m{i}.py': f'X = {i}\n\nFIREFLIES_API_KEY = "{KEY}"\n' for i in range(0, 40, 2)}
    _stage(repo, {**changed, 'new.env': f'FIREFLIES_API_KEY={OLD_KEY}\n'})
    started = []
    real_popen = subprocess.Popen

    def popen(args, **kwargs):
        started.append(args)
        return real_popen(args, **kwargs)

    monkeypatch.setattr(subprocess, 'Popen', popen)
    monkeypatch.setattr(tempfile, 'mkdtemp', None)  # any temporary directory would fail
    result = scan_staged()
    # rev-parse, diff --raw, then --numstat and -U0 for the modified files, one cat-file
    assert [_subcommand(args) for args in started if args[0] == 'git'] == [
        'rev-parse',
        'diff',
        'diff',
        'diff',
        'cat-file',
    ]
    assert result.files_scanned == 21
    assert sorted((f.path, f.line) for f in result.findings) == sorted(
        [('new.env', 1)] + [(os.path.join('pkg', f'm{i}.py'), 3) for i in range(0, 40, 2)]
    )


def test_scan_staged_keys_come_from_the_blobs(repo):
    # the key ring holds the staged key, even once the work tree drops it
    _stage(repo, {'settings.py': f'FIREFLIES_API_KEY = "{KEY}"\n'})
    (repo / 'settings.py').write_text('FIREFLIES_API_KEY = os.environ["K"]\n', encoding='utf-8')
    result, ring = scan_staged_keys()
    assert [f.fingerprint for f in result.findings] == [fingerprint(KEY)]
    assert dict(ring.items()) == {fingerprint(KEY): KEY}


def _stream(data: bytes, trailer: bytes = b'\nNEXT') -> tuple[blobs._Limited, io.BytesIO]:
    raw = io.BytesIO(data + trailer)
    return blobs._Limited(raw, len(data)), raw


def test_scan_stream_reads_a_large_blob_in_bounded_pieces():
    text = 'x = 1\n' * 50 + f'FIREFLIES_API_KEY = "{KEY}"\n' + 'y = 2\n' * 50
    reader, raw = _stream(text.encode())
    files = blobs.scan_stream('big.py', reader, chunk_size=64)
    assert files.text_scan is not None
    assert [(m.line, m.column) for m in files.text_scan.matches] == [(51, 22)]
    assert (files.size, reader.left, raw.read()) == (len(text), 0, b'\nNEXT')


def test_scan_stream_skips_binary_and_leaves_the_rest_for_draining():
    reader, raw = _stream(b'\x89PNG\r\n\x1a\n\x00\x00' + bytes(range(256)))
    files = blobs.scan_stream('logo.png', reader, chunk_size=64)
    assert (files.skipped, files.text_scan) == (Skipped('logo.png', 'binary'), None)
    reader.drain()
    assert raw.read() == b'\nNEXT'


def test_scan_staged_modified_and_new_files_in_one_commit(repo):
    _commit(repo, {'a.py': 'A = 1\n'})
    _stage(repo, {'a.py': f'A = 1\nFIREFLIES_API_KEY = "{KEY}"\n', 'b.py': 'B = 2\n'})
    assert staged_changes() == {'a.py': frozenset({2}), 'b.py': None}


def _sarif_of_a_planted_key(tmp_path: pathlib.Path) -> str:
    from ffaudit.model import Format
    from ffaudit.report.findings import render_findings
    from ffaudit.scan import files

    planted = tmp_path / 'planted.env'
    planted.write_text(f'FIREFLIES_API_KEY={OLD_KEY}\n')
    sarif = render_findings(files.scan_paths([str(planted)]), Format.SARIF)
    assert 'api.fireflies.ai' in sarif.lower() or 'FIREFLIES_API_KEY' in sarif
    return sarif


def test_scan_staged_own_report_in_the_index_is_no_repository_context(repo, tmp_path):
    # --staged used to join every matching index line, so a committed SARIF
    # report made `API_KEY=<uuid>` a finding that `scan .env` and `scan .` do not report
    from ffaudit.scan import files

    _commit(repo, {'ffaudit.sarif': _sarif_of_a_planted_key(tmp_path)})
    _stage(repo, {'.env': f'API_KEY={KEY}\n'})
    assert scan_staged().findings == ()
    assert files.scan_paths(['.env']).findings == files.scan_paths(['.']).findings == ()
    _stage(repo, {'client.py': 'URL = "https://api.fireflies.ai/graphql"\n'})
    assert [(f.path, f.confidence) for f in scan_staged().findings] == [('.env', Confidence.LOW)]


def test_scan_staged_context_is_the_index_not_the_work_tree(repo):
    _stage(repo, {'.env': f'API_KEY={KEY}\n'})
    (repo / 'client.py').write_text('URL = "https://api.fireflies.ai/graphql"\n')  # untracked
    assert scan_staged().findings == ()
    _git(repo, 'add', 'client.py')
    (repo / 'client.py').unlink()  # staged, then deleted from the work tree: the index counts
    assert len(scan_staged().findings) == 1


def test_scan_stream_keeps_a_large_own_report_quiet():
    # blobs go through files.scan_stream, so a big staged report (read in
    # pieces) does not count as Fireflies context, exactly like the same file on disk
    report = '{"tool": "ffaudit", "findings": [' + '{"help": "api.fireflies.ai"},' * 200 + '{}]}'
    reader, _ = _stream(report.encode())
    files = blobs.scan_stream('ffaudit.json', reader, chunk_size=64)
    assert files.text_scan is not None and not files.text_scan.talks_to_fireflies
    assert files.size == len(report)
    reader, _ = _stream(report.replace('ffaudit', 'other').encode())
    other = blobs.scan_stream('other.json', reader, chunk_size=64)
    assert other.text_scan is not None and other.text_scan.talks_to_fireflies


RENAMED = 'import os\n\nFIREFLIES_API_KEY = "{key}"\nTIMEOUT = 30\nRETRIES = 3\n'


def test_scan_staged_a_pure_rename_adds_nothing(repo):
    _commit(repo, {'old dir/app.py': RENAMED.format(key=OLD_KEY)})
    _git(repo, 'mv', 'old dir', 'new\tdir')
    assert staged_changes() == {'new\tdir/app.py': frozenset()}
    result = scan_staged()
    assert (result.findings, result.files_scanned) == ((), 1)


def test_scan_staged_a_rename_with_edits_reports_only_the_edited_lines(repo):
    _commit(repo, {'app.py': RENAMED.format(key=OLD_KEY)})
    _git(repo, 'mv', 'app.py', 'client.py')
    _stage(repo, {'client.py': RENAMED.format(key=OLD_KEY) + f'FIREFLIES_TOKEN = "{KEY}"\n'})
    assert staged_changes() == {'client.py': frozenset({6})}
    assert [(f.path, f.line, f.fingerprint) for f in scan_staged().findings] == [
        ('client.py', 6, fingerprint(KEY))
    ]


def test_scan_staged_a_pure_rename_of_utf16_text_adds_nothing(repo):
    text = RENAMED.format(key=OLD_KEY).encode('utf-16-le')
    _commit(repo, {'secrets.env': b'\xff\xfe' + text})
    _git(repo, 'mv', 'secrets.env', 'prod.env')
    assert staged_changes() == {'prod.env': frozenset()}
    assert scan_staged().findings == ()


def test_scan_staged_a_renamed_utf16_file_with_edits_is_scanned_whole(repo):
    text = RENAMED.format(key=OLD_KEY)
    _commit(repo, {'secrets.env': b'\xff\xfe' + text.encode('utf-16-le')})
    _git(repo, 'mv', 'secrets.env', 'prod.env')
    edited = text + f'FIREFLIES_TOKEN={KEY}\n'
    _stage(repo, {'prod.env': b'\xff\xfe' + edited.encode('utf-16-le')})
    assert staged_changes() == {'prod.env': None}  # binary to git: no line diff, keep all
    assert sorted(f.line for f in scan_staged().findings) == [3, 6]


def test_scan_staged_a_copy_keeps_its_findings(repo):
    # a copied key is a new place for it: -M overrides diff.renames=copies (which says C100)
    _git(repo, 'config', 'diff.renames', 'copies')
    _commit(repo, {'app.py': RENAMED.format(key=OLD_KEY)})
    _stage(repo, {'app.py': RENAMED.format(key=OLD_KEY) + 'X = 1\n'})
    _stage(repo, {'copy.py': RENAMED.format(key=OLD_KEY)})
    assert staged_changes() == {'app.py': frozenset({6}), 'copy.py': None}
    assert [(f.path, f.line) for f in scan_staged().findings] == [('copy.py', 3)]
