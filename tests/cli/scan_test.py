"""``ffaudit scan`` end to end: CliRunner on tmp_path files, plus the real executable."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from ffaudit.cli import cli
from ffaudit.cli.scan_options import Progress
from ffaudit.cli.scan_options import progress_for
from ffaudit.model import Format
from ffaudit.redaction import fingerprint
from ffaudit.redaction import redact
from ffaudit.report.rules import REMEDIATION
from ffaudit.scan import textio
from testing.fakeserver import VALID_KEY

KEY = 'f025c6ec-c15e-4aa5-ad75-7f69b82789a4'  # pragma: allowlist secret
KEY2 = '28b17f97-6e3e-4e00-bd3c-08df7ae4144e'  # pragma: allowlist secret
FFAUDIT = os.path.join(os.path.dirname(sys.executable), 'ffaudit')
WRAPPED = textwrap.fill(REMEDIATION, 79) + '\n'


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A plain directory (no git) with one key in app.py and clean files beside it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'app.py').write_text(f'import os\nFIREFLIES_API_KEY = "{KEY}"\n', encoding='utf-8')
    (tmp_path / 'clean.py').write_text('FIREFLIES_API_KEY = os.environ["X"]\n', encoding='utf-8')
    return tmp_path


def _run(*args: str):
    return CliRunner().invoke(cli, ['scan', *args], catch_exceptions=False)


def _assert_secret_free(*texts: str) -> None:
    for text in texts:
        assert KEY not in text
        assert KEY2 not in text


def test_scan_text_output(tree):
    result = _run('.')
    assert result.exit_code == 1
    assert result.stdout == 'app.py:2:22: fireflies-api-key f025... (high)\n'
    assert result.stderr == WRAPPED + 'ffaudit: 1 finding in 1 file (2 files scanned)\n'


def test_scan_defaults_to_current_directory(tree):
    assert _run().stdout == _run('.').stdout


def test_scan_clean_exits_zero(tree):
    result = _run('clean.py')
    assert result.exit_code == 0
    assert result.stdout == ''
    assert result.stderr == 'ffaudit: 0 findings in 0 files (1 file scanned)\n'


def test_scan_explicit_file_list_as_pre_commit_passes_it(tree):
    (tree / 'b.env').write_text(f'FIREFLIES_API_KEY={KEY2}\n', encoding='utf-8')
    result = _run('clean.py', 'b.env', 'app.py')
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        'app.py:2:22: fireflies-api-key f025... (high)',
        'b.env:1:19: fireflies-api-key 28b1... (high)',
    ]


@pytest.mark.parametrize('fmt', list(Format))
def test_scan_never_prints_the_key(tree, fmt):
    (tree / 'hook.py').write_text(f'FIREFLIES_WEBHOOK_SECRET = "{KEY2}"\n', encoding='utf-8')
    result = _run('--format', fmt.value)
    assert result.exit_code == 1
    _assert_secret_free(result.stdout, result.stderr)
    assert redact(KEY) in result.stdout


def test_scan_json(tree):
    result = _run('--format', 'json')
    doc = json.loads(result.stdout)
    assert doc['version'] == 1
    assert doc['findings'] == [
        {
            'path': 'app.py',
            'line': 2,
            'column': 22,
            'rule': 'fireflies-api-key',
            'confidence': 'high',
            'fingerprint': fingerprint(KEY),
            'preview': 'f025...',
        }
    ]
    assert doc['stats']['files_scanned'] == 2
    assert result.stderr == 'ffaudit: 1 finding in 1 file (2 files scanned)\n'


def test_scan_sarif(tree):
    result = _run('--format', 'SARIF')
    run = json.loads(result.stdout)['runs'][0]
    assert [r['locations'][0]['physicalLocation']['region'] for r in run['results']] == [
        {'startLine': 2, 'startColumn': 22}
    ]


def test_scan_github_annotations(tree):
    result = _run('--format', 'github', 'app.py')
    assert result.stdout.startswith(
        '::error file=app.py,line=2,col=22,title=Fireflies API key::Hard-coded Fireflies API key'
    )


def test_scan_missing_path_is_one_line_exit_2(tree):
    result = _run('app.py', 'nope.py')
    assert result.exit_code == 2
    assert result.stdout == ''
    assert result.stderr == 'ffaudit: error: nope.py: no such file or directory\n'


def test_scan_binary_files_are_skipped_and_counted(tree):
    (tree / 'logo.png').write_bytes(b'\x89PNG\r\n\x1a\n\x00\x00' + bytes(range(256)))
    result = _run('app.py', 'logo.png')
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        'ffaudit: 1 finding in 1 file (1 file scanned); 1 file skipped: 1 binary'
    )


def test_scan_a_named_broken_symlink_is_one_line_exit_2(tree):
    # issue 9: a path named on the command line that cannot be read is no silent skip
    os.symlink(tree / 'missing-target', tree / 'dangling.env')
    result = _run('app.py', 'dangling.env')
    assert (result.exit_code, result.stdout) == (2, '')
    assert result.stderr == (
        'ffaudit: error: dangling.env: broken symbolic link (its target does not exist)\n'
    )


def _deny(monkeypatch, name: str) -> None:
    real_open = textio.open_file

    def open_file(path: str):
        if os.path.basename(path) == name:
            raise PermissionError(13, 'Permission denied')
        return real_open(path)

    monkeypatch.setattr(textio, 'open_file', open_file)


def test_scan_an_unreadable_file_in_a_tree_is_named_and_never_passes(tree, monkeypatch):
    # issue 9: a file met while walking that cannot be read is named and counted, and a run
    # with no findings exits 2 (not 0: the gate could not look at everything)
    _deny(monkeypatch, 'clean.py')
    found = _run('.')
    assert found.exit_code == 1
    assert 'ffaudit: skipped clean.py: unreadable: Permission denied\n' in found.stderr
    (tree / 'app.py').unlink()
    clean = _run('.')
    assert (clean.exit_code, clean.stdout) == (2, '')
    assert clean.stderr.splitlines() == [
        'ffaudit: skipped clean.py: unreadable: Permission denied',
        'ffaudit: 0 findings in 0 files (0 files scanned); 1 file skipped: 1 unreadable',
        'ffaudit: error: 1 file could not be read, so the scan is incomplete (exclude it in '
        'the configuration to accept that)',
    ]


def test_scan_baseline_workflow(tree):
    created = _run('--baseline', '.ffaudit-baseline.json', '--update-baseline')
    assert created.exit_code == 0
    assert created.stdout == ''
    assert created.stderr == 'ffaudit: wrote .ffaudit-baseline.json with 1 known finding\n'
    text = (tree / '.ffaudit-baseline.json').read_text(encoding='utf-8')
    _assert_secret_free(text)
    assert str(tree) not in text
    # known finding, even after the line moves: clean
    (tree / 'app.py').write_text(f'import os\n\n\nFIREFLIES_API_KEY = "{KEY}"\n', encoding='utf-8')
    known = _run('--baseline', '.ffaudit-baseline.json')
    assert (known.exit_code, known.stdout) == (0, '')
    assert known.stderr == (
        'ffaudit: 0 findings in 0 files (3 files scanned); 1 known in baseline, ignored\n'
    )
    # a new key is reported, the known one is not
    (tree / 'new.env').write_text(f'FIREFLIES_API_KEY={KEY2}\n', encoding='utf-8')
    new = _run('--baseline', '.ffaudit-baseline.json')
    assert (new.exit_code, new.stdout) == (1, 'new.env:1:19: fireflies-api-key 28b1... (high)\n')
    # updating keeps the file sorted and stable
    _run('--baseline', '.ffaudit-baseline.json', '--update-baseline')
    doc = json.loads((tree / '.ffaudit-baseline.json').read_text(encoding='utf-8'))
    assert [e['path'] for e in doc['findings']] == ['app.py', 'new.env']


def test_scan_malformed_baseline_is_exit_2(tree):
    (tree / 'b.json').write_text('{"version": 1, "findings": {}}', encoding='utf-8')
    result = _run('--baseline', 'b.json')
    assert result.exit_code == 2
    assert result.stderr == (
        'ffaudit: error: malformed baseline b.json: "findings" must be a list\n'
    )


def test_scan_missing_baseline_is_exit_2(tree):
    result = _run('--baseline', 'none.json')
    assert result.exit_code == 2
    assert result.stderr.startswith('ffaudit: error: cannot read baseline none.json:')
    assert result.stderr.count('\n') == 1


@pytest.mark.parametrize(
    ('args', 'message'),
    [
        (['--update-baseline'], '--update-baseline needs --baseline FILE'),
        (['--staged', '--all-files'], '--staged and --all-files cannot be combined'),
    ],
)
def test_scan_bad_option_combinations(tree, args, message):
    result = _run(*args)
    assert result.exit_code == 2
    assert result.stderr == f'ffaudit: error: {message}\n'


def test_scan_staged_outside_git_is_exit_2(tree, monkeypatch):
    monkeypatch.setenv('GIT_CEILING_DIRECTORIES', str(tree.parent))
    result = _run('--staged')
    assert result.exit_code == 2
    assert result.stderr.startswith('ffaudit: error: --staged needs a git work tree')
    assert result.stderr.count('\n') == 1


def test_scan_unknown_format_is_usage_error(tree):
    assert _run('--format', 'xml').exit_code == 2


def test_progress_redraws_at_most_ten_times_a_second_and_clears():
    clock = iter([0.0, 0.05, 0.2, 0.25])
    stream = io.StringIO()
    progress = Progress(stream, clock=lambda: next(clock))
    for done in range(1, 5):
        progress(done, f'f{done}')
    progress.clear()
    assert stream.getvalue() == '\rscanning: 1 file\rscanning: 3 files\r' + ' ' * 17 + '\r'


def test_progress_only_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    with progress_for(io.StringIO()) as none:
        assert none is None
    tty = Tty()
    with progress_for(tty) as progress:
        assert progress is not None
        progress(7, 'x')
    assert tty.getvalue() == '\rscanning: 7 files\r' + ' ' * 17 + '\r'


def test_real_executable_text_and_sarif(tree):
    text = subprocess.run([FFAUDIT, 'scan', 'app.py'], capture_output=True, text=True)
    assert text.returncode == 1
    assert text.stdout == 'app.py:2:22: fireflies-api-key f025... (high)\n'
    assert 'scanning:' not in text.stderr  # no progress in pipes
    _assert_secret_free(text.stdout, text.stderr)
    sarif = subprocess.run(
        [sys.executable, '-m', 'ffaudit', 'scan', '--format', 'sarif', '.'],
        capture_output=True,
        text=True,
    )
    assert sarif.returncode == 1
    assert json.loads(sarif.stdout)['version'] == '2.1.0'
    _assert_secret_free(sarif.stdout, sarif.stderr)


def test_real_executable_bad_input_has_no_traceback(tree):
    (tree / 'b.json').write_bytes(b'\x00\x01garbage')
    proc = subprocess.run(
        [FFAUDIT, 'scan', '--baseline', 'b.json', 'app.py'], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert proc.stderr == (
        'ffaudit: error: malformed baseline b.json: not valid JSON (line 1, column 1)\n'
    )


def test_scan_staged_cli_reports_added_key_without_leaking(tree, monkeypatch):
    monkeypatch.setenv('HOME', str(tree))
    for args in (['init', '-q'], ['add', 'app.py', 'clean.py']):
        subprocess.run(['git', *args], cwd=tree, check=True, capture_output=True)
    result = _run('--staged', '--format', 'github')
    assert result.exit_code == 1
    assert result.stdout.startswith('::error file=app.py,line=2,col=22,')
    _assert_secret_free(result.stdout, result.stderr)
    assert result.stderr == 'ffaudit: 1 finding in 1 file (2 files scanned)\n'


def test_scan_baseline_with_a_utf8_bom_is_accepted(tree):
    # Windows editors and PowerShell write a byte-order mark
    _run('--baseline', 'b.json', '--update-baseline')
    text = (tree / 'b.json').read_text(encoding='utf-8')
    (tree / 'b.json').write_bytes(b'\xef\xbb\xbf' + text.encode('utf-8'))
    result = _run('--baseline', 'b.json')
    assert (result.exit_code, result.stdout) == (0, '')
    assert result.stderr.endswith('1 known in baseline, ignored\n')


def test_scan_verify_refuses_a_bad_endpoint_before_scanning(tree):
    result = _run('--verify', '--endpoint', 'https://api.fireflies.ai/v1/', 'nope.py')
    assert result.exit_code == 2
    assert result.stderr == (
        'ffaudit: error: refusing to send keys to https://api.fireflies.ai/v1/: only '
        'https://api.fireflies.ai/graphql or a loopback test server\n'
    )


def test_scan_sarif_and_github_paths_from_the_repository_root(tree, monkeypatch):
    # code scanning maps repository-root paths, wherever the scan ran
    monkeypatch.setenv('HOME', str(tree))
    subprocess.run(['git', 'init', '-q'], cwd=tree, check=True)
    sub = tree / 'svc dir'
    sub.mkdir()
    (sub / 'x.env').write_text(f'FIREFLIES_API_KEY={KEY2}\n', encoding='utf-8')
    monkeypatch.chdir(sub)
    result = _run('--format', 'sarif', '--all-files', '.', '../app.py')
    run = json.loads(result.stdout)['runs'][0]
    uris = [
        r['locations'][0]['physicalLocation']['artifactLocation']['uri'] for r in run['results']
    ]
    assert sorted(uris) == ['app.py', 'svc%20dir/x.env']
    github = _run('--format', 'github', '--all-files', '.', '../app.py').stdout
    assert sorted(line.split(',')[0] for line in github.splitlines()) == [
        '::error file=app.py',
        '::error file=svc dir/x.env',
    ]
    text = _run('--all-files', '.', '../app.py').stdout
    assert sorted(line.split(':')[0] for line in text.splitlines()) == ['../app.py', 'x.env']


@pytest.mark.parametrize('fmt', ['text', 'github'])
def test_scan_a_file_name_cannot_start_a_workflow_command(tree, fmt):
    # the name ends the line and starts '::error' under GitHub Actions
    name = 'a\n::error title=x::pwned\x1b]0;t\x07.env'
    (tree / name).write_text(f'FIREFLIES_API_KEY={KEY}\n', encoding='utf-8')
    result = _run('--format', fmt, name)
    assert result.exit_code == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith(('a\\n::error title=x::pwned\\x1b]0;t\\x07.env:1:', '::error file=a\\n'))
    assert '\x1b' not in result.stdout + result.stderr
    _assert_secret_free(result.stdout, result.stderr)


_LOADED = """\
import sys
from ffaudit.cli import cli
try:
    cli(['scan', *sys.argv[1:]])
except SystemExit:
    pass
lazy = ('json', 'textwrap', 'ffaudit.scan.baseline', 'ffaudit.report.sarif', 'ffaudit.scan.verify')
print(' '.join(m for m in lazy if m in sys.modules))
"""


@pytest.mark.parametrize(
    ('args', 'loaded'),
    (
        pytest.param(['clean.py'], '', id='clean-file'),
        pytest.param(['app.py'], 'textwrap', id='finding'),
        pytest.param(['--format', 'sarif', 'clean.py'], 'json ffaudit.report.sarif', id='sarif'),
    ),
)
def test_scan_imports_only_what_the_run_needs(tree, args, loaded):
    # the pre-commit path (one clean file) pays for no JSON or SARIF code
    proc = subprocess.run(
        [sys.executable, '-c', _LOADED, *args], capture_output=True, text=True, check=False
    )
    assert proc.stdout.splitlines()[-1] == loaded, proc.stderr


def test_scan_verify_reads_each_file_once(tree, monkeypatch, fake_fireflies_http):
    # --verify sends the key the scan read, not one read again later
    opened = []
    real_open = textio.open_file

    def counting_open(path: str):
        opened.append(path)
        return real_open(path)

    monkeypatch.setattr(textio, 'open_file', counting_open)
    (tree / 'live.env').write_text(f'FIREFLIES_API_KEY={VALID_KEY}\n', encoding='utf-8')
    result = _run('--verify', '--endpoint', fake_fireflies_http.url(), 'live.env', 'app.py')
    assert result.exit_code == 1
    assert result.stdout.startswith('live.env:1:19: fireflies-api-key 6cd5... (high) [verified]\n')
    assert sorted(opened) == ['app.py', 'live.env']
    assert [r.authorization for r in fake_fireflies_http.received] == [
        (f'Bearer {KEY}',),
        (f'Bearer {VALID_KEY}',),
    ]
    assert VALID_KEY not in result.stdout + result.stderr
