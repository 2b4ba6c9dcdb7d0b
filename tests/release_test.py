"""The release: version, CHANGELOG, RELEASING.md and the publishing workflow agree."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import yaml  # type: ignore[import-untyped]

from ffaudit import __version__
from testing.paths import ROOT

WORKFLOW = yaml.safe_load((ROOT / '.github' / 'workflows' / 'release.yml').read_text())
BIN = os.path.dirname(sys.executable)


def _steps(job: str) -> list[dict[str, str]]:
    steps: list[dict[str, str]] = WORKFLOW['jobs'][job]['steps']
    return steps


def test_changelog_has_this_version_and_its_link():
    text = (ROOT / 'CHANGELOG.md').read_text(encoding='utf-8')
    assert re.search(rf'^## \[{re.escape(__version__)}\] - ', text, re.M)
    assert f'[{__version__}]: https://github.com/OWNER/ffaudit/releases/tag/v{__version__}' in text
    assert 'keepachangelog.com' in text


def test_releasing_names_the_exact_commands():
    text = (ROOT / 'RELEASING.md').read_text(encoding='utf-8')
    for command in (
        'python -m build',
        'twine check --strict dist/*',
        f"git tag -a v{__version__} -m 'ffaudit {__version__}'",
        f'git push origin main v{__version__}',
        'bash .ci/run',
    ):
        assert command in text, command


def test_workflow_publishes_tags_with_trusted_publishing():
    assert WORKFLOW[True] == {'push': {'tags': ['v*']}}  # YAML reads the key `on` as true
    publish = WORKFLOW['jobs']['publish']
    assert publish['permissions'] == {'id-token': 'write'}
    assert publish['environment'] == 'pypi'
    assert _steps('publish')[-1]['uses'] == 'pypa/gh-action-pypi-publish@release/v1'
    build = '\n'.join(step.get('run', '') for step in _steps('build'))
    assert 'python -m build' in build and 'twine check --strict dist/*' in build


@pytest.mark.parametrize(('tag', 'code'), [(f'v{__version__}', 0), ('v9.9.9', 1)])
def test_workflow_refuses_a_tag_that_is_not_the_version(tag, code):
    (check,) = [s['run'] for s in _steps('build') if s.get('name', '').startswith('The tag')]
    env = {**os.environ, 'GITHUB_REF_NAME': tag, 'PATH': f'{BIN}{os.pathsep}{os.environ["PATH"]}'}
    proc = subprocess.run(['bash', '-e', '-c', check], cwd=ROOT, env=env, capture_output=True)
    assert proc.returncode == code


def test_release_extra_holds_the_release_tools():
    import tomllib

    project = tomllib.loads((ROOT / 'pyproject.toml').read_text())['project']
    extra = project['optional-dependencies']['release']
    assert sorted(re.split('[<>=]', req)[0] for req in extra) == ['build', 'twine']
