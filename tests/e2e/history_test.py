"""End to end: the real ``ffaudit`` executable scans real git histories and verifies keys against
the fake Fireflies server on 127.0.0.1. No key may appear in any stream."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import jsonschema
import pytest

from testing.fakeserver import UNKNOWN_KEY
from testing.fakeserver import VALID_KEY
from testing.fakeserver import FakeFireflies
from testing.gitrepo import KEY
from testing.gitrepo import Repo
from testing.paths import SARIF_SCHEMA

pytestmark = pytest.mark.e2e
FFAUDIT = str(pathlib.Path(sys.executable).with_name('ffaudit'))
SCHEMA = SARIF_SCHEMA
SECRETS = (KEY, VALID_KEY, UNKNOWN_KEY)


def _run(repo: Repo, *args: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [FFAUDIT, 'scan', *args], cwd=repo.path, capture_output=True, text=True, timeout=60
    )
    for secret in SECRETS:
        assert secret not in proc.stdout + proc.stderr
    return proc


@pytest.fixture
def leaked(repo: Repo) -> Repo:
    """A history where KEY was committed, then deleted; VALID_KEY and UNKNOWN_KEY remain."""
    repo.write('README.md', 'demo\n')
    repo.commit()
    repo.write('config.py', f'FIREFLIES_API_KEY = "{KEY}"\n')
    repo.commit('oops')
    (repo.path / 'config.py').unlink()
    repo.write('.env', f'FIREFLIES_API_KEY={UNKNOWN_KEY}\n')
    repo.write('app/client.py', f'fireflies_api_key = "{VALID_KEY}"\n')
    repo.commit('move to .env')
    return repo


@pytest.fixture
def repo(tmp_path: pathlib.Path) -> Repo:
    return Repo(tmp_path / 'repo')


def test_history_text_names_commit_date_and_head(leaked: Repo) -> None:
    first = leaked.git('rev-parse', 'HEAD~1')[:12]
    proc = _run(leaked, '--history')
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == 3
    (old,) = [line for line in lines if line.startswith('config.py:1:')]
    assert f'first added in commit {first} on 2024-01-01T00:00:02+00:00' in old
    assert old.endswith('(1 commit; gone from HEAD)')
    assert sum(line.endswith('still at HEAD)') for line in lines) == 2
    assert proc.stderr.startswith('ffaudit: history: scanned 3 commits\n')


def test_history_json_and_sarif(leaked: Repo) -> None:
    doc = json.loads(_run(leaked, '--history', '--format', 'json').stdout)
    commits = {f['path']: f['commit'] for f in doc['findings']}
    assert commits['config.py']['sha'] == leaked.git('rev-parse', 'HEAD~1')
    assert commits['config.py']['present_at_head'] is False
    assert commits['.env']['count'] == 1
    sarif = json.loads(_run(leaked, '--history', '--format', 'sarif').stdout)
    schema = json.loads(SCHEMA.read_text(encoding='utf-8'))
    validator = jsonschema.validators.validator_for(schema)
    validator(schema, format_checker=validator.FORMAT_CHECKER).validate(sarif)
    shas = {r['partialFingerprints']['commitSha'] for r in sarif['runs'][0]['results']}
    assert shas == {leaked.git('rev-parse', 'HEAD~1'), leaked.git('rev-parse', 'HEAD')}


def test_history_github_annotations(leaked: Repo) -> None:
    proc = _run(leaked, '--history', '--format', 'github')
    assert proc.returncode == 1
    assert all(line.startswith('::error file=') for line in proc.stdout.splitlines())
    assert 'First added in commit' in proc.stdout


def test_history_verify_sorts_verified_first(
    leaked: Repo, fake_fireflies_http: FakeFireflies
) -> None:
    args = ('--history', '--verify', '--endpoint', fake_fireflies_http.url(), '--format', 'json')
    proc = _run(leaked, *args)
    found = [(f['path'], f['verification']) for f in json.loads(proc.stdout)['findings']]
    assert found == [('app/client.py', 'verified'), ('.env', 'rejected'), ('config.py', 'rejected')]
    assert 'verify: 1 verified, 0 unknown, 2 rejected (3 requests)' in proc.stderr
    assert len(fake_fireflies_http.received) == 3


def test_only_verified_gates_on_verified_keys(
    leaked: Repo, fake_fireflies_http: FakeFireflies
) -> None:
    gate = _run(leaked, '--only-verified', '--endpoint', fake_fireflies_http.url())
    assert gate.returncode == 1
    assert gate.stdout.startswith('app/client.py:1:22: fireflies-api-key 6cd5... (high) [verified]')
    assert len(gate.stdout.splitlines()) == 1
    (leaked.path / 'app/client.py').write_text('import os\n')
    clean = _run(leaked, '--only-verified', '--endpoint', fake_fireflies_http.url())
    assert (clean.returncode, clean.stdout) == (0, '')
    assert 'verify: 0 verified, 0 unknown, 1 rejected' in clean.stderr


def test_verify_stops_after_a_rate_limit(leaked: Repo, fake_fireflies_http: FakeFireflies) -> None:
    url = fake_fireflies_http.url('too_many_requests_429')
    proc = _run(leaked, '--history', '--verify', '--endpoint', url)
    assert proc.returncode == 1
    assert 'verify: 0 verified, 3 unknown, 0 rejected (1 request; stopped after a rate limit)' in (
        proc.stderr
    )
    assert len(fake_fireflies_http.received) == 1


def test_verify_refuses_a_remote_endpoint_before_sending(leaked: Repo) -> None:
    proc = _run(leaked, '--verify', '--endpoint', 'http://example.com/graphql')
    assert proc.returncode == 2
    assert proc.stderr.startswith('ffaudit: error: refusing to send keys to http://example.com')


@pytest.mark.parametrize(
    ('args', 'message'),
    [
        (('--history', '--since', 'v9'), 'unknown revision: v9'),
        (('--history', '--branch', 'nope'), 'unknown revision: nope'),
        (('--since', 'HEAD'), '--since and --branch need --history'),
        (
            ('--history', '--staged'),
            '--history takes one repository PATH and no --staged or --all-files',
        ),
        (('--history', 'missing'), 'not a directory: missing'),
    ],
)
def test_history_bad_input_is_one_line_exit_2(
    leaked: Repo, args: tuple[str, ...], message: str
) -> None:
    proc = _run(leaked, *args)
    assert (proc.returncode, proc.stdout, proc.stderr) == (2, '', f'ffaudit: error: {message}\n')


def test_history_outside_a_repository_and_without_commits(tmp_path: pathlib.Path) -> None:
    empty = Repo(tmp_path / 'empty')
    proc = _run(empty, '--history')
    assert (proc.returncode, proc.stderr) == (2, 'ffaudit: error: repository has no commits: .\n')
    plain = tmp_path / 'plain'
    plain.mkdir()
    proc = subprocess.run(
        [FFAUDIT, 'scan', '--history', str(plain)], capture_output=True, text=True, check=False
    )
    assert (proc.returncode, proc.stderr) == (2, f'ffaudit: error: not a git repository: {plain}\n')


def _shallow(source: Repo, clone: pathlib.Path, *args: str) -> subprocess.CompletedProcess[str]:
    url = f'file://{source.path}'
    subprocess.run(['git', 'clone', '-q', '--depth', '1', url, str(clone)], check=True)
    return subprocess.run(
        [FFAUDIT, 'scan', '--history', str(clone), *args], capture_output=True, text=True
    )


def test_history_shallow_clone_says_how_much(leaked: Repo, tmp_path: pathlib.Path) -> None:
    proc = _shallow(leaked, tmp_path / 'clone', '--allow-shallow')
    assert proc.returncode == 1
    assert proc.stderr.startswith(
        'ffaudit: shallow clone: scanned 1 commit (run git fetch --unshallow for full history)\n'
    )
    assert 'config.py' not in proc.stdout


def test_history_of_a_clean_shallow_clone_could_not_look(
    repo: Repo, tmp_path: pathlib.Path
) -> None:
    # issue 9: a gate that saw one commit of many must not pass (exit 3) unless told to
    repo.write('config.py', f'FIREFLIES_API_KEY = "{KEY}"\n')
    repo.commit()
    repo.write('config.py', 'import os\n')
    repo.commit()
    blind = _shallow(repo, tmp_path / 'clone')
    assert (blind.returncode, blind.stdout) == (3, '')
    assert blind.stderr.startswith(
        'ffaudit: shallow clone: scanned 1 commit; the older history is not in this clone and '
        'was not looked at (run git fetch --unshallow, or pass --allow-shallow)\n'
    )
    allowed = _shallow(repo, tmp_path / 'again', '--allow-shallow')
    assert (allowed.returncode, allowed.stdout) == (0, '')


def test_history_sarif_names_the_repository_without_credentials(leaked: Repo) -> None:
    leaked.git('remote', 'add', 'origin', 'https://ci:s3cr3t-token@example.com/acme/app.git')
    run = json.loads(_run(leaked, '--history', '--format', 'sarif').stdout)['runs'][0]
    assert run['versionControlProvenance'] == [
        {
            'repositoryUri': 'https://example.com/acme/app.git',
            'revisionId': leaked.git('rev-parse', 'HEAD'),
            'mappedTo': {'uriBaseId': '%SRCROOT%'},
        }
    ]
    gone = [r for r in run['results'] if r['properties']['commit']['present_at_head'] is False]
    (result,) = gone
    sha = leaked.git('rev-parse', 'HEAD~1')
    assert result['properties']['commitPath'] == f'{sha}:config.py'
    assert result['locations'][0]['message']['text'] == f'in commit {sha}:config.py'
    assert 's3cr3t' not in json.dumps(run)


def test_staged_verify_checks_the_staged_key_not_the_work_tree(
    repo: Repo, fake_fireflies_http: FakeFireflies
) -> None:
    # the key to verify comes from the staged blob
    repo.write('README.md', 'demo\n')
    repo.commit()
    repo.write('app.py', f'FIREFLIES_API_KEY = "{VALID_KEY}"\n')
    repo.git('add', 'app.py')
    repo.write('app.py', 'import os\nFIREFLIES_API_KEY = os.environ["FIREFLIES_API_KEY"]\n')
    url = fake_fireflies_http.url()
    proc = _run(repo, '--staged', '--verify', '--endpoint', url)
    assert proc.returncode == 1
    assert proc.stdout.startswith('app.py:1:22: fireflies-api-key 6cd5... (high) [verified]')
    assert 'verify: 1 verified, 0 unknown, 0 rejected (1 request)' in proc.stderr
    gate = _run(repo, '--staged', '--only-verified', '--endpoint', url)
    assert (gate.returncode, len(gate.stdout.splitlines())) == (1, 1)
    assert [r.authorization for r in fake_fireflies_http.received] == [
        (f'Bearer {VALID_KEY}',),
        (f'Bearer {VALID_KEY}',),
    ]


def test_history_verify_sends_a_key_beside_another_vendors_name(
    repo: Repo, fake_fireflies_http: FakeFireflies
) -> None:
    # the overlap guard is per key in --history too; a file naming Stripe
    # holds back only a value tied to Stripe, not the key bound to FIREFLIES_API_KEY
    repo.write('.env', f'FIREFLIES_API_KEY={VALID_KEY}\nSTRIPE_SECRET_KEY=sk_test_abc\n')
    repo.commit()
    repo.write('.env', f'FIREFLIES_API_KEY={VALID_KEY}\nSTRIPE_SECRET_KEY=sk_live_abc\n')
    repo.commit('rotate stripe')
    proc = _run(repo, '--history', '--verify', '--endpoint', fake_fireflies_http.url())
    assert proc.returncode == 1
    assert proc.stdout.startswith('.env:1:19: fireflies-api-key 6cd5... (high) [verified]')
    assert 'verify: 1 verified, 0 unknown, 0 rejected (1 request)' in proc.stderr
    assert [r.authorization for r in fake_fireflies_http.received] == [(f'Bearer {VALID_KEY}',)]


def test_history_verify_holds_back_a_key_that_is_also_another_vendors(
    repo: Repo, fake_fireflies_http: FakeFireflies
) -> None:
    repo.write('.env', f'FIREFLIES_API_KEY={VALID_KEY}\n')
    repo.commit()
    repo.write('.env', f'FIREFLIES_API_KEY={VALID_KEY}\nHEROKU_API_KEY={VALID_KEY}\n')
    repo.commit('heroku too')
    proc = _run(repo, '--history', '--verify', '--endpoint', fake_fireflies_http.url())
    assert 'unknown: 1 not sent (overlaps heroku)' in proc.stderr
    assert fake_fireflies_http.received == []


def test_staged_git_mv_of_a_committed_key_is_no_new_finding(repo: Repo) -> None:
    body = f'import os\n\nFIREFLIES_API_KEY = "{KEY}"\nTIMEOUT = 30\n'
    repo.write('app.py', body)
    repo.commit()
    repo.git('mv', 'app.py', 'client.py')
    pure = _run(repo, '--staged')
    assert (pure.returncode, pure.stdout) == (0, '')
    repo.write('client.py', body + f'FIREFLIES_TOKEN = "{UNKNOWN_KEY}"\n')
    repo.git('add', 'client.py')
    edited = _run(repo, '--staged')
    assert edited.returncode == 1
    (line,) = edited.stdout.splitlines()
    assert line.startswith('client.py:5:20: fireflies-api-key fb33...')


def test_history_with_a_deleted_blob_could_not_look(repo: Repo) -> None:
    # issue 13: the scan goes on around a missing object, names it, and exits 3, not 0
    repo.write('old.py', f'FIREFLIES_API_KEY = "{KEY}"\n')
    lost = repo.commit('key')
    repo.write('old.py', 'import os\n')
    repo.write('notes.txt', 'clean\n')
    repo.commit('clean')
    oid = repo.git('rev-parse', 'HEAD~1:old.py')
    (repo.path / '.git' / 'objects' / oid[:2] / oid[2:]).unlink()
    proc = _run(repo, '--history')
    assert (proc.returncode, proc.stdout) == (3, '')
    assert proc.stderr.startswith('ffaudit: history: scanned 2 commits\n')
    head = repo.git('rev-parse', 'HEAD')
    assert (
        'ffaudit: could not read 2 paths in 2 commits (objects missing: a partial clone or a '
        'damaged repository; each is named below as <commit>:<path>)\n'
        f'ffaudit: skipped {head}:old.py: missing object\n'
        f'ffaudit: skipped {lost}:old.py: missing object\n'
    ) in proc.stderr
    assert proc.stderr.endswith(
        '; 2 files skipped: 2 missing object\n'
        'ffaudit: no verdict: part of the history could not be looked at (see above)\n'
    )
    doc = json.loads(_run(repo, '--history', '--format', 'json').stdout)
    assert doc['skipped'] == [
        {'path': f'{head}:old.py', 'reason': 'missing object'},
        {'path': f'{lost}:old.py', 'reason': 'missing object'},
    ]


def test_history_of_a_partial_clone_reports_what_it_can_read(
    leaked: Repo, tmp_path: pathlib.Path
) -> None:
    bare = tmp_path / 'bare.git'
    subprocess.run(['git', 'clone', '-q', '--bare', str(leaked.path), str(bare)], check=True)
    subprocess.run(['git', '-C', str(bare), 'config', 'uploadpack.allowFilter', 'true'], check=True)
    clone = tmp_path / 'clone'
    subprocess.run(
        ['git', 'clone', '-q', '--filter=blob:none', bare.as_uri(), str(clone)], check=True
    )
    proc = subprocess.run(
        [FFAUDIT, 'scan', '--history', str(clone)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1  # the keys at HEAD are there to read; config.py's blob is not
    assert sorted(line.split(':')[0] for line in proc.stdout.splitlines()) == [
        '.env',
        'app/client.py',
    ]
    assert 'ffaudit: could not read 1 path in 1 commit (objects missing' in proc.stderr
    assert all(secret not in proc.stdout + proc.stderr for secret in SECRETS)
