"""The GitHub Action (action.yml) runs as written: its shell steps, in a temporary repository.

Each composite step's ``run:`` script runs verbatim under ``bash -eo pipefail`` (GitHub's
``shell: bash``), with the step's ``env:`` expanded from the inputs (``${{ inputs.x }}``) and
``${{ github.action_path }}`` pointing at a snapshot of this checkout, and with the variables a
runner sets: GITHUB_ACTIONS, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE, RUNNER_TEMP.
The install step builds ffaudit from that snapshot into a fresh virtualenv once (its
dependencies come from PyPI); every other test runs the "Run ffaudit" step against it.
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import subprocess
from typing import Any

import jsonschema
import pytest
import yaml  # type: ignore[import-untyped]

from ffaudit import __version__
from testing.fakeserver import VALID_KEY
from testing.gitrepo import GIT_ENV
from testing.gitrepo import KEY
from testing.gitrepo import Repo
from testing.installs import run_install
from testing.paths import CI_RECIPES
from testing.paths import ROOT
from testing.paths import SARIF_SCHEMA

pytestmark = pytest.mark.e2e
ACTION = yaml.safe_load((ROOT / 'action.yml').read_text(encoding='utf-8'))
STEPS = ACTION['runs']['steps']
KEY2 = '28b17f97-6e3e-4e00-bd3c-08df7ae4144e'  # pragma: allowlist secret
_EXPRESSION_RE = re.compile(r'\$\{\{\s*([\w.-]+)\s*\}\}')


def _defaults() -> dict[str, str]:
    return {name: str(spec.get('default', '')) for name, spec in ACTION['inputs'].items()}


def _expand(value: str, inputs: dict[str, str], action_path: str) -> str:
    def one(m: re.Match[str]) -> str:
        name = m[1]
        if name == 'github.action_path':
            return action_path
        assert name.startswith('inputs.'), f'unexpected expression {m[0]}'
        return inputs[name.removeprefix('inputs.')]

    return _EXPRESSION_RE.sub(one, value)


class Runner:
    """The job's environment: one runner temp dir (the installed virtualenv) per session."""

    def __init__(self, temp: pathlib.Path, action_path: str) -> None:
        self.temp = temp
        self.action_path = action_path

    def step(self, index: int, workspace: pathlib.Path, **with_: str) -> Run:
        inputs = {**_defaults(), **with_}
        step = STEPS[index]
        assert step['shell'] == 'bash'
        assert '${{' not in step['run'], 'inputs reach the script through env: only'
        env = {k: _expand(str(v), inputs, self.action_path) for k, v in step['env'].items()}
        files = workspace.parent / f'{workspace.name}-runner'
        files.mkdir(exist_ok=True)
        github = {
            'GITHUB_ACTIONS': 'true',
            'CI': 'true',
            'GITHUB_WORKSPACE': str(workspace),
            'GITHUB_OUTPUT': str(files / 'output'),
            'GITHUB_STEP_SUMMARY': str(files / 'summary.md'),
            'RUNNER_TEMP': str(self.temp),
        }
        for name in ('output', 'summary.md'):
            (files / name).write_text('')
        base = {k: v for k, v in os.environ.items() if not k.startswith('FIREFLIES_')}
        full = {**base, **GIT_ENV, **github, **env, **_extra_env(with_)}
        proc = subprocess.run(
            ['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c', step['run']],
            cwd=workspace,
            env=full,
            capture_output=True,
            text=True,
            timeout=300,
        )
        return Run(proc, files)


def _extra_env(with_: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in with_.items() if k.isupper()}  # FIREFLIES_API_KEY, HTTPS_PROXY


class Run:
    def __init__(self, proc: subprocess.CompletedProcess[str], files: pathlib.Path) -> None:
        self.proc = proc
        self.code = proc.returncode
        self.output = proc.stdout + proc.stderr
        lines = (files / 'output').read_text().splitlines()
        self.outputs = dict(line.split('=', 1) for line in lines)
        self.summary = (files / 'summary.md').read_text(encoding='utf-8')


@pytest.fixture(scope='module')
def runner(tmp_path_factory, checkout_snapshot, precommit_env) -> Runner:
    snapshot, _ = checkout_snapshot
    temp = tmp_path_factory.mktemp('runner-temp')
    install = STEPS[0]
    env = {k: _expand(str(v), _defaults(), snapshot) for k, v in install['env'].items()}
    script = ['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c', install['run']]
    full = {**precommit_env, **env, 'RUNNER_TEMP': str(temp)}
    proc = run_install(script, env=full, cwd=temp, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().endswith('ffaudit, version 0.2.0')
    return Runner(temp, snapshot)


@pytest.fixture
def repo(tmp_path) -> Repo:
    repo = Repo(tmp_path / 'repo')
    repo.write('app.py', 'import os\nKEY = os.environ["FIREFLIES_API_KEY"]\n')
    repo.commit()
    return repo


def _no_key(run: Run, *files: pathlib.Path) -> None:
    texts = [run.output, run.summary, *(f.read_text() for f in files)]
    assert not [t for t in texts if any(k[:8] in t for k in (KEY, KEY2, VALID_KEY))]


def test_action_metadata():
    assert ACTION['runs']['using'] == 'composite'
    assert set(ACTION['inputs']) == {
        'command', 'path', 'format', 'history', 'baseline', 'fail-on', 'sarif-file',
    }  # fmt: skip
    assert {k: v['value'] for k, v in ACTION['outputs'].items()} == {
        name: f'${{{{ steps.ffaudit.outputs.{name} }}}}'
        for name in ('findings', 'verdict', 'sarif-file')
    }
    assert STEPS[1]['id'] == 'ffaudit'
    assert STEPS[0]['env'] == {'FFAUDIT_SOURCE': '${{ github.action_path }}'}


def test_clean_repository(runner, repo):
    run = runner.step(1, repo.path)
    assert run.code == 0, run.output
    assert run.outputs == {'findings': '0', 'verdict': 'clean'}
    assert run.summary.startswith('### ffaudit scan: clean\n')


def test_key_in_the_tree_with_sarif_for_code_scanning(runner, repo):
    repo.write('settings.py', f'FIREFLIES_API_KEY = "{KEY}"\n')
    repo.commit()
    run = runner.step(1, repo.path, **{'sarif-file': 'ffaudit.sarif'})
    assert run.code == 1
    assert run.outputs == {'findings': '1', 'verdict': 'findings', 'sarif-file': 'ffaudit.sarif'}
    assert run.proc.stdout.startswith('::error file=settings.py,line=1,col=22,')
    assert '| `settings.py` | 1 | Fireflies API key |' in run.summary
    sarif = repo.path / 'ffaudit.sarif'
    doc = json.loads(sarif.read_text())
    jsonschema.validate(doc, json.loads(SARIF_SCHEMA.read_text(encoding='utf-8')))
    (result,) = doc['runs'][0]['results']
    assert result['locations'][0]['physicalLocation']['artifactLocation']['uri'] == 'settings.py'
    _no_key(run, sarif)


@pytest.mark.parametrize('fmt', ['text', 'json', 'sarif'])
def test_every_format_counts_the_findings(runner, repo, fmt):
    repo.write('.env', f'FIREFLIES_API_KEY={KEY}\nFIREFLIES_TOKEN={KEY2}\n')
    run = runner.step(1, repo.path, format=fmt, **{'sarif-file': 'out.sarif'})
    assert (run.code, run.outputs['findings'], run.outputs['verdict']) == (1, '2', 'findings')
    assert len(json.loads((repo.path / 'out.sarif').read_text())['runs'][0]['results']) == 2
    assert '| `.env` | 1 | fireflies-api-key |' in run.summary or fmt == 'text'
    _no_key(run)


def test_history_finds_a_key_only_history_remembers(runner, repo):
    repo.write('settings.py', f'FIREFLIES_API_KEY = "{KEY}"\n')
    repo.commit()
    (repo.path / 'settings.py').unlink()
    repo.commit()
    assert runner.step(1, repo.path).outputs['verdict'] == 'clean'
    run = runner.step(1, repo.path, history='true')
    assert (run.code, run.outputs['findings']) == (1, '1')
    _no_key(run)


def test_baseline_accepts_what_is_there(runner, repo):
    repo.write('settings.py', f'FIREFLIES_API_KEY = "{KEY}"\n')
    bin_ = runner.temp / 'ffaudit-action' / 'bin' / 'ffaudit'
    subprocess.run(
        [bin_, 'scan', '--baseline', 'base.json', '--update-baseline'], cwd=repo.path, check=True
    )
    run = runner.step(1, repo.path, baseline='base.json')
    assert (run.code, run.outputs) == (0, {'findings': '0', 'verdict': 'clean'})


@pytest.mark.parametrize(
    ('with_', 'message'),
    [
        ({'path': 'missing'}, 'missing'),
        ({'fail-on': 'anything'}, 'fail-on is findings or verified'),
        ({'command': 'verify'}, 'command is scan or doctor'),
    ],
)
def test_unusable_input_fails_the_step(runner, repo, with_, message):
    run = runner.step(1, repo.path, **with_)
    assert run.code == 2
    assert message in run.output
    assert run.outputs.get('verdict', 'error') == 'error'


def test_doctor_without_a_key_fails(runner, repo):
    run = runner.step(1, repo.path, command='doctor')
    assert run.code == 1
    assert run.outputs['verdict'] == 'failed' and int(run.outputs['findings']) >= 1
    assert '### ffaudit doctor' in run.summary  # the doctor's own table


def test_doctor_without_an_answer_has_no_verdict(runner, repo):
    # HTTPS_PROXY points at a closed loopback port: nothing leaves this machine
    env = {'FIREFLIES_API_KEY': VALID_KEY, 'HTTPS_PROXY': 'http://127.0.0.1:9', 'NO_PROXY': ''}
    run = runner.step(1, repo.path, command='doctor', **env)
    assert run.code == 3
    assert run.outputs == {'findings': '1', 'verdict': 'inconclusive'}
    _no_key(run)


def _recipe_steps(job: str) -> list[dict[str, Any]]:
    doc = yaml.safe_load((CI_RECIPES / 'github-action.yml').read_text(encoding='utf-8'))
    return [s for s in doc['jobs'][job]['steps'] if s.get('uses', '').startswith('OWNER/ffaudit@')]


def _with(step: dict[str, Any]) -> dict[str, str]:
    # YAML's true is the string 'true' by the time an action sees it
    return {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in step['with'].items()}


def test_recipe_pins_this_release():
    steps = _recipe_steps('fireflies-keys') + _recipe_steps('fireflies-doctor')
    assert {step['uses'] for step in steps} == {f'OWNER/ffaudit@v{__version__}'}


def test_recipe_scan_steps(runner, repo):
    scan, history = _recipe_steps('fireflies-keys')
    repo.write('settings.py', f'FIREFLIES_API_KEY = "{KEY}"\n')
    repo.commit()
    (repo.path / 'settings.py').unlink()
    repo.commit()
    run = runner.step(1, repo.path, **_with(scan))
    assert (run.code, run.outputs['verdict']) == (0, 'clean')
    assert json.loads((repo.path / 'ffaudit.sarif').read_text())['runs'][0]['results'] == []
    run = runner.step(1, repo.path, **_with(history))
    assert (run.code, run.outputs['findings']) == (1, '1')
    assert run.proc.stdout.startswith('::error file=settings.py,line=1,col=22,')
    _no_key(run)


def test_recipe_doctor_gate(runner, repo):
    (doctor,) = _recipe_steps('fireflies-doctor')
    assert doctor['env'] == {'FIREFLIES_API_KEY': '${{ secrets.FIREFLIES_API_KEY }}'}
    env = {'FIREFLIES_API_KEY': VALID_KEY, 'HTTPS_PROXY': 'http://127.0.0.1:9', 'NO_PROXY': ''}
    run = runner.step(1, repo.path, **_with(doctor), **env)
    assert (run.code, run.outputs['verdict']) == (3, 'inconclusive')  # fails closed


def test_fail_on_verified_asks_fireflies(runner, repo):
    repo.write('settings.py', f'FIREFLIES_API_KEY = "{KEY}"\n')
    env = {'HTTPS_PROXY': 'http://127.0.0.1:9', 'NO_PROXY': ''}  # nothing leaves this machine
    run = runner.step(1, repo.path, **{'fail-on': 'verified'}, **env)
    assert 'verify:' in run.output and 'unknown' in run.output
    # no verdict is no pass: exit 3, never 0
    assert (run.code, run.outputs) == (3, {'findings': '0', 'verdict': 'inconclusive'})
    _no_key(run)


def test_an_unusable_run_never_shows_an_earlier_report(runner, repo):
    repo.write('settings.py', f'FIREFLIES_API_KEY = "{KEY}"\n')
    assert runner.step(1, repo.path).code == 1
    run = runner.step(1, repo.path, path='missing')
    assert run.code == 2
    assert '::error file=' not in run.proc.stdout


@pytest.mark.parametrize('fmt', ['text', 'json'])
def test_doctor_in_other_formats_counts_and_summarises(runner, repo, fmt):
    # HTTPS_PROXY points at a closed loopback port: whatever the doctor asks never leaves
    env = {'FIREFLIES_API_KEY': f'{KEY}\n', 'HTTPS_PROXY': 'http://127.0.0.1:9', 'NO_PROXY': ''}
    run = runner.step(1, repo.path, command='doctor', format=fmt, **env)
    assert (run.code, run.outputs['verdict']) == (1, 'failed')
    assert run.outputs['findings'] == '1'  # key.whitespace
    assert run.summary.startswith('### ffaudit doctor: failed')
    _no_key(run)
