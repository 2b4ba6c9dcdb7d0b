"""The CI recipes in docs/ci/ run as written: their shell steps, on real git repositories.

Each ``run:`` (GitHub Actions) or ``script:`` (GitLab CI) command is run verbatim with bash -e,
``ffaudit`` coming from this virtualenv. The one exception is the install line, checked for its
exact text and skipped. The pre-commit recipe runs through the real pre-commit against a
snapshot of this checkout (the ``hook_repo`` fixture in conftest.py, shared with
tests/e2e_precommit_test.py); building that hook environment is the one step that needs PyPI.
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

from testing.fakeserver import VALID_KEY
from testing.fakeserver import FakeFireflies
from testing.gitrepo import KEY
from testing.gitrepo import Repo
from testing.paths import CI_RECIPES
from testing.paths import SARIF_SCHEMA

pytestmark = pytest.mark.e2e
CI = CI_RECIPES
SCHEMA = SARIF_SCHEMA
INSTALL = 'python -m pip install ffaudit'
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
    files = ('pre-commit-config.yaml', 'github-actions.yml', 'gitlab-ci.yml')
    for name in files:
        # the first line of each file is a comment naming where to save it
        assert (CI / name).read_text(encoding='utf-8').split('\n', 1)[1] in blocks, name
