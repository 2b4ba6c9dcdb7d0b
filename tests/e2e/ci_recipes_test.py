"""The CI recipes in docs/ci/ run as written: their shell steps, on real git repositories.

Each ``run:`` (GitHub Actions) or ``script:`` (GitLab CI) command is run verbatim with bash -e,
``ffaudit`` coming from this virtualenv. The install line, the same in every recipe, is run
once on its own: against a temporary clone of this checkout carrying the release tag, in a
fresh virtualenv (its dependencies come from PyPI). The pre-commit recipe runs through the
real pre-commit against a snapshot of this checkout (the ``hook_repo`` fixture in conftest.py,
shared with tests/e2e_precommit_test.py); building that hook environment needs PyPI too.
The recipe that uses the GitHub Action is run by tests/e2e/action_test.py.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
from typing import Any

import jsonschema
import pytest
import yaml  # type: ignore[import-untyped]

from ffaudit import __version__
from testing.fakeserver import VALID_KEY
from testing.fakeserver import FakeFireflies
from testing.gitrepo import GIT_ENV
from testing.gitrepo import KEY
from testing.gitrepo import Repo
from testing.installs import run_install
from testing.paths import CI_RECIPES
from testing.paths import SARIF_SCHEMA

pytestmark = pytest.mark.e2e
CI = CI_RECIPES
SCHEMA = SARIF_SCHEMA
RELEASE = f'v{__version__}'
HOME_URL = 'https://github.com/OWNER/ffaudit'  # OWNER: a placeholder the README explains
INSTALL = f'python -m pip install "git+{HOME_URL}@{RELEASE}"'
BIN = str(pathlib.Path(sys.executable).parent)


def _load(name: str) -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load((CI / name).read_text(encoding='utf-8'))
    return doc


def github_commands(job: str) -> list[str]:
    """The ``run:`` commands of ``job`` in docs/ci/github-actions.yml, in order."""
    steps = _load('github-actions.yml')['jobs'][job]['steps']
    return [step['run'] for step in steps if 'run' in step]


def gitlab_commands(job: str) -> list[str]:
    """The ``script:`` commands of ``job`` in docs/ci/gitlab-ci.yml, in order."""
    script: list[str] = _load('gitlab-ci.yml')[job]['script']
    return script


def _shell(command: str, cwd: pathlib.Path, **extra: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, 'PATH': f'{BIN}{os.pathsep}{os.environ["PATH"]}', **extra}
    return subprocess.run(
        ['bash', '-e', '-o', 'pipefail', '-c', command],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _run_all(commands: list[str], cwd: pathlib.Path) -> list[int]:
    assert commands[0] == INSTALL
    codes = []
    for command in commands[1:]:
        proc = _shell(command, cwd)
        assert KEY not in proc.stdout + proc.stderr
        codes.append(proc.returncode)
    return codes


def _validate_sarif(path: pathlib.Path) -> list[Any]:
    assert KEY not in path.read_text()
    schema = json.loads(SCHEMA.read_text(encoding='utf-8'))
    validator = jsonschema.validators.validator_for(schema)
    doc = json.loads(path.read_text())
    validator(schema, format_checker=validator.FORMAT_CHECKER).validate(doc)
    results: list[Any] = doc['runs'][0]['results']
    return results


@pytest.fixture
def repo(tmp_path: pathlib.Path) -> Repo:
    repo = Repo(tmp_path / 'repo')
    repo.write('app.py', 'import os\nKEY = os.environ["FIREFLIES_API_KEY"]\n')
    repo.commit()
    return repo


def test_github_job_uploads_the_sarif_it_writes() -> None:
    steps = _load('github-actions.yml')['jobs']['fireflies-keys']['steps']
    (upload,) = [s for s in steps if s.get('uses', '').startswith('github/codeql-action/upload')]
    assert upload['with']['sarif_file'] == 'ffaudit.sarif'
    assert upload['if'] == 'always()'
    assert 'ffaudit scan --format sarif > ffaudit.sarif' in github_commands('fireflies-keys')[1]


def test_github_job_on_a_clean_repository(repo: Repo) -> None:
    assert _run_all(github_commands('fireflies-keys'), repo.path) == [0, 0]
    assert _validate_sarif(repo.path / 'ffaudit.sarif') == []


def test_github_job_with_a_key_in_the_tree_and_in_history(repo: Repo) -> None:
    repo.write('settings.py', f'FIREFLIES_API_KEY = "{KEY}"\n')
    repo.commit()
    # the SARIF step passes (findings go to code scanning); the history gate fails
    assert _run_all(github_commands('fireflies-keys'), repo.path) == [0, 1]
    (result,) = _validate_sarif(repo.path / 'ffaudit.sarif')
    assert result['locations'][0]['physicalLocation']['artifactLocation']['uri'] == 'settings.py'


def test_github_job_catches_a_key_only_history_remembers(repo: Repo) -> None:
    repo.write('settings.py', f'FIREFLIES_API_KEY = "{KEY}"\n')
    repo.commit()
    (repo.path / 'settings.py').unlink()
    repo.commit()
    proc = _shell(github_commands('fireflies-keys')[2], repo.path)
    assert proc.returncode == 1
    assert proc.stdout.startswith('::error file=settings.py,line=1,col=22,')
    assert KEY not in proc.stdout + proc.stderr


def test_github_job_fails_on_unusable_input(tmp_path: pathlib.Path) -> None:
    # not a git repository: exit 2 must fail the step despite the "|| [ $? -eq 1 ]"
    assert _run_all(github_commands('fireflies-keys'), tmp_path) == [0, 2]
    proc = _shell('ffaudit scan --format sarif missing > x.sarif || [ "$?" -eq 1 ]', tmp_path)
    assert proc.returncode != 0


def test_gitlab_job(repo: Repo) -> None:
    assert _run_all(gitlab_commands('fireflies-keys'), repo.path) == [0, 0]
    assert json.loads((repo.path / 'ffaudit.json').read_text())['findings'] == []
    repo.write('.env', f'FIREFLIES_API_KEY={KEY}\n')
    repo.commit()
    assert _run_all(gitlab_commands('fireflies-keys'), repo.path) == [0, 1]
    (finding,) = json.loads((repo.path / 'ffaudit.json').read_text())['findings']
    assert finding['path'] == '.env'


@pytest.mark.parametrize('commands', [github_commands, gitlab_commands])
def test_doctor_gate_fails_closed_without_an_answer(commands: Any, tmp_path: pathlib.Path) -> None:
    (command,) = commands('fireflies-doctor')[1:]
    assert command == 'ffaudit doctor'
    # HTTPS_PROXY points at a closed loopback port: nothing leaves this machine, no verdict
    proc = _shell(
        command,
        tmp_path,
        FIREFLIES_API_KEY=VALID_KEY,
        HTTPS_PROXY='http://127.0.0.1:9',
        NO_PROXY='',
    )
    assert proc.returncode == 3
    assert VALID_KEY not in proc.stdout + proc.stderr


def test_doctor_gate_passes_with_a_working_key(
    tmp_path: pathlib.Path, fake_fireflies_http: FakeFireflies
) -> None:
    # the recipe's command, pointed at the fake Fireflies server instead of api.fireflies.ai
    (command,) = github_commands('fireflies-doctor')[1:]
    endpoint = f'{command} --endpoint {fake_fireflies_http.url()}'
    assert _shell(endpoint, tmp_path, FIREFLIES_API_KEY=VALID_KEY).returncode == 0
    assert _shell(endpoint, tmp_path, FIREFLIES_API_KEY=KEY).returncode == 1


def test_every_recipe_installs_the_tagged_release():
    installs = [c for job in ('fireflies-keys', 'fireflies-doctor') for c in github_commands(job)]
    installs += [c for job in ('fireflies-keys', 'fireflies-doctor') for c in gitlab_commands(job)]
    assert [c for c in installs if 'pip install' in c] == [INSTALL] * 4
    config = _load('pre-commit-config.yaml')
    assert (config['repos'][0]['repo'], config['repos'][0]['rev']) == (HOME_URL, RELEASE)


def test_install_line_installs_the_tag_from_a_clone(
    tmp_path: pathlib.Path, checkout_snapshot: tuple[str, str], precommit_env: dict[str, str]
) -> None:
    # the release steps tag the commit; here the tag is made in a temporary clone
    snapshot, _ = checkout_snapshot
    clone = tmp_path / 'ffaudit'
    git = {**precommit_env, **GIT_ENV}
    subprocess.run(['git', 'clone', '-q', snapshot, str(clone)], env=git, check=True)
    subprocess.run(['git', '-C', str(clone), 'tag', '-a', RELEASE, '-m', 'x'], env=git, check=True)
    # a later commit with another version: the pinned tag, not the branch, must be installed
    init = clone / 'ffaudit' / '__init__.py'
    init.write_text(init.read_text().replace(__version__, '9.9.9'))
    subprocess.run(['git', '-C', str(clone), 'commit', '-qam', 'later'], env=git, check=True)
    venv = tmp_path / 'venv'
    subprocess.run([sys.executable, '-m', 'venv', str(venv)], check=True)
    command = INSTALL.replace(HOME_URL, clone.as_uri())
    path = f'{venv / "bin"}{os.pathsep}{os.environ["PATH"]}'
    proc = run_install(['bash', '-e', '-c', command], env={**git, 'PATH': path}, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ffaudit = str(venv / 'bin' / 'ffaudit')
    version = subprocess.run([ffaudit, '--version'], capture_output=True, text=True, check=True)
    assert version.stdout == f'ffaudit, version {__version__}\n'
    repo = Repo(tmp_path / 'repo')
    repo.write('settings.py', f'FIREFLIES_API_KEY = "{KEY}"\n')
    proc = subprocess.run([ffaudit, 'scan', '.'], cwd=repo.path, capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stdout.startswith('settings.py:1:22: fireflies-api-key')
    assert KEY not in proc.stdout + proc.stderr


def test_pre_commit_recipe_refuses_a_key(
    repo: Repo,
    precommit_env: dict[str, str],
    hook_repo: tuple[str, str],
) -> None:
    config = _load('pre-commit-config.yaml')
    (entry,) = config['repos']
    assert [hook['id'] for hook in entry['hooks']] == ['ffaudit']
    entry['repo'], entry['rev'] = hook_repo  # this checkout instead of the published release
    (repo.path / '.pre-commit-config.yaml').write_text(yaml.safe_dump(config))
    repo.write('config.py', f'FIREFLIES_API_KEY = "{KEY}"\n')
    subprocess.run(['git', 'add', '-A'], cwd=repo.path, env=precommit_env, check=True)
    proc = subprocess.run(
        ['pre-commit', 'run'], cwd=repo.path, env=precommit_env, capture_output=True, text=True
    )
    assert proc.returncode == 1
    assert 'config.py:1:22: fireflies-api-key' in proc.stdout
    assert KEY not in proc.stdout + proc.stderr


def test_readme_shows_exactly_the_tested_files() -> None:
    readme = CI.parent.parent / 'README.md'
    text = readme.read_text(encoding='utf-8')
    blocks = [b.split('```', 1)[0] for b in text.split('```yaml\n')[1:]]
    files = ('pre-commit-config.yaml', 'github-actions.yml', 'github-action.yml', 'gitlab-ci.yml')
    for name in files:
        # the first line of each file is a comment naming where to save it
        assert (CI / name).read_text(encoding='utf-8').split('\n', 1)[1] in blocks, name
