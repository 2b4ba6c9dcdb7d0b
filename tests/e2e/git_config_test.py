"""End to end: a hostile git configuration cannot blind ``--staged`` or ``--history`` (issue 9).

The user's ``~/.gitconfig`` (``GIT_CONFIG_GLOBAL``) sets every option we know of that changes
what ``git diff`` and ``git log`` print; ffaudit, run from a subdirectory, must find the same
keys at the same places as with no configuration at all.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
from typing import Any

import pytest

from testing.gitrepo import GIT_ENV
from testing.gitrepo import KEY
from testing.gitrepo import Repo

pytestmark = pytest.mark.e2e
FFAUDIT = str(pathlib.Path(sys.executable).with_name('ffaudit'))
KEY2 = 'faa0230d-0ec3-4f06-85bd-8396c91b11b6'  # pragma: allowlist secret
KEY3 = 'eb9fac16-f265-43fd-90ff-7f922e345a37'  # pragma: allowlist secret
HOSTILE = """\
[core]
    quotePath = true
    attributesFile = {attributes}
    bigFileThreshold = 10
    pager = cat
[color]
    ui = always
    diff = always
    grep = always
[diff]
    noprefix = true
    mnemonicPrefix = true
    srcPrefix = SRC/
    dstPrefix = DST/
    relative = true
    renames = copies
    algorithm = patience
    indentHeuristic = false
    interHunkContext = 20
    context = 0
    suppressBlankEmpty = true
    submodule = log
    colorMoved = zebra
    wsErrorHighlight = all
    external = /bin/false
    orderFile = {order}
[diff "hide"]
    textconv = sed s/[0-9a-f]/x/g
    binary = true
[log]
    showRoot = false
    showSignature = true
    follow = true
    decorate = full
    abbrevCommit = true
    date = relative
    mailmap = true
    diffMerges = first-parent
[format]
    pretty = oneline
[i18n]
    logOutputEncoding = ISO-8859-1
[grep]
    lineNumber = true
    column = true
    fullName = true
    patternType = perl
    extendedRegexp = true
[notes]
    displayRef = refs/notes/*
"""


@pytest.fixture
def hostile(tmp_path: pathlib.Path) -> dict[str, str]:
    attributes = tmp_path / 'attributes'
    attributes.write_text('* diff=hide\n')
    order = tmp_path / 'order'
    order.write_text('zzz\n')
    config = tmp_path / 'gitconfig'
    config.write_text(HOSTILE.format(attributes=attributes, order=order))
    return {'GIT_CONFIG_GLOBAL': str(config), 'GIT_DIFF_OPTS': '--unified=0'}


@pytest.fixture
def repo(tmp_path: pathlib.Path) -> Repo:
    """A root commit with a key, a value changed under an unchanged name, an odd file name, a
    rename with an edit, a key outside the subdirectory ffaudit runs from."""
    repo = Repo(tmp_path / 'repo')
    repo.write('config.py', f'FIREFLIES_API_KEY = "{KEY}"\n')
    repo.write('sub/README.md', 'docs\n')
    repo.commit('root')
    deploy = 'env:\n  - name: FIREFLIES_API_KEY\n    value: "{}"\n'
    repo.write('deploy.yaml', deploy.format('changeme'))
    repo.write('caf\u00e9 "x".env', 'PORT=1\n')
    repo.commit()
    repo.write('deploy.yaml', deploy.format(KEY2))
    repo.write('caf\u00e9 "x".env', f'PORT=1\nFIREFLIES_API_KEY={KEY3}\n')
    repo.commit()
    repo.git('mv', 'config.py', 'sub/settings.py')
    repo.write('sub/settings.py', f'FIREFLIES_API_KEY = "{KEY}"\nFIREFLIES_TOKEN = "{KEY2}"\n')
    repo.commit('move')
    return repo


def _scan(repo: Repo, env: dict[str, str], *args: str) -> tuple[int, list[dict[str, Any]]]:
    proc = subprocess.run(
        [FFAUDIT, 'scan', *args, '--format', 'json'],
        cwd=repo.path / 'sub',
        env={**os.environ, **GIT_ENV, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode in (0, 1), proc.stderr
    for secret in (KEY, KEY2, KEY3):
        assert secret not in proc.stdout + proc.stderr
    return proc.returncode, json.loads(proc.stdout)['findings']


def test_history_is_the_same_under_a_hostile_git_config(
    repo: Repo, hostile: dict[str, str]
) -> None:
    plain = _scan(repo, {}, '--history')
    assert plain[0] == 1
    places = {(f['path'], f['line'], f['commit']['sha'][:7]) for f in plain[1]}
    assert {p for p, _, _ in places} == {
        'config.py',
        'deploy.yaml',
        'caf\u00e9 "x".env',
        'sub/settings.py',
    }
    assert _scan(repo, hostile, '--history') == plain


def test_staged_is_the_same_under_a_hostile_git_config(repo: Repo, hostile: dict[str, str]) -> None:
    repo.write('deploy.yaml', f'env:\n  - name: FIREFLIES_API_KEY\n    value: "{KEY3}"\n')
    repo.write('caf\u00e9 "x".env', f'PORT=2\nFIREFLIES_API_KEY={KEY}\n')
    repo.write('new.py', f'import os\n\nFIREFLIES_API_KEY = "{KEY2}"\n')
    repo.git('add', '-A')
    plain = _scan(repo, {}, '--staged')
    assert {f['path'] for f in plain[1]} == {'../deploy.yaml', '../caf\u00e9 "x".env', '../new.py'}
    assert _scan(repo, hostile, '--staged') == plain
