"""Shared fixtures. Keep each one small and documented: several test modules use them.

Fake Fireflies servers (testing/fakeserver): ``fake_fireflies`` (HTTPS, certificate from a local
trustme CA whose bundle is ``fireflies_ca_bundle``), ``fake_fireflies_http`` (plain HTTP) and
``self_signed_fireflies`` (HTTPS with a self-signed certificate). Each runs once per session on
127.0.0.1; the fixtures hand it over with an empty ``received`` list.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys
from collections.abc import Iterator

import pytest
import trustme

from testing.fakeserver import FakeFireflies
from testing.fakeserver import self_signed_context
from testing.fakeserver import tls_context
from testing.gitrepo import GIT_ENV
from testing.gitrepo import Repo
from testing.installs import NETWORK_ERRORS
from testing.paths import ROOT


@pytest.fixture(autouse=True)
def _no_user_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test runs with an empty HOME, no NETRC and no GITHUB_ACTIONS, so a developer's
    ~/.netrc (which makes requests swap Bearer for Basic auth), git/pip config or a GitHub
    runner (where ``--format`` defaults to github) cannot change a result."""
    home = tmp_path_factory.mktemp('home')
    (home / '.gitconfig').write_text(
        '[user]\n\tname = ffaudit tests\n\temail = tests@ffaudit.invalid\n'
    )
    monkeypatch.setenv('HOME', str(home))
    monkeypatch.delenv('NETRC', raising=False)
    monkeypatch.delenv('GITHUB_ACTIONS', raising=False)


@pytest.fixture(scope='session')
def fireflies_ca() -> trustme.CA:
    """The local CA that issued the ``fake_fireflies`` certificate."""
    return trustme.CA()


@pytest.fixture(scope='session')
def fireflies_ca_bundle(
    fireflies_ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory
) -> pathlib.Path:
    """PEM file of ``fireflies_ca``: point REQUESTS_CA_BUNDLE here."""
    path = tmp_path_factory.mktemp('ca') / 'ca.pem'
    fireflies_ca.cert_pem.write_to_path(str(path))
    return path


@pytest.fixture(scope='session')
def _https_server(fireflies_ca: trustme.CA) -> Iterator[FakeFireflies]:
    with FakeFireflies(tls_context(fireflies_ca)) as server:
        yield server


@pytest.fixture(scope='session')
def _http_server() -> Iterator[FakeFireflies]:
    with FakeFireflies() as server:
        yield server


@pytest.fixture(scope='session')
def _self_signed_server() -> Iterator[FakeFireflies]:
    with FakeFireflies(self_signed_context()) as server:
        yield server


@pytest.fixture
def fake_fireflies(_https_server: FakeFireflies) -> FakeFireflies:
    """The HTTPS fake Fireflies server, with nothing received yet."""
    _https_server.received.clear()
    return _https_server


@pytest.fixture
def fake_fireflies_http(_http_server: FakeFireflies) -> FakeFireflies:
    """The plain-HTTP fake Fireflies server (loopback), with nothing received yet."""
    _http_server.received.clear()
    return _http_server


@pytest.fixture
def self_signed_fireflies(_self_signed_server: FakeFireflies) -> FakeFireflies:
    """An HTTPS fake Fireflies server whose certificate nothing trusts."""
    _self_signed_server.received.clear()
    return _self_signed_server


# --- pre-commit end to end (tests/e2e_precommit_test.py, tests/ci_recipes_test.py) -------------
# One session-wide PRE_COMMIT_HOME and hook snapshot, defined here (not imported into two test
# modules, which gave each its own copy), so pre-commit builds the hook environment once.

_VENV_BIN = pathlib.Path(sys.executable).parent


def _isolated_home(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    # pre-commit, virtualenv and pip write caches under HOME (~/.cache/virtualenv, pip's
    # cache, ~/.rustup/settings.toml): point them at session temp dirs. The user's pip
    # configuration (index, mirror) is still read, never written.
    home = tmp_path_factory.mktemp('home')
    env = {
        'HOME': str(home),
        'XDG_CACHE_HOME': str(home / '.cache'),
        'XDG_DATA_HOME': str(home / '.local' / 'share'),
        'VIRTUALENV_OVERRIDE_APP_DATA': str(home / 'virtualenv-app-data'),
        'PRE_COMMIT_HOME': str(tmp_path_factory.mktemp('pre-commit-home')),
    }
    config_home = os.environ.get('XDG_CONFIG_HOME') or os.path.expanduser('~/.config')
    user_pip = [os.path.join(config_home, 'pip', 'pip.conf'), os.path.expanduser('~/.pip/pip.conf')]
    existing = [path for path in user_pip if os.path.isfile(path)]
    if 'PIP_CONFIG_FILE' not in os.environ and existing:
        env['PIP_CONFIG_FILE'] = existing[0]
    return env


@pytest.fixture(scope='session')
def precommit_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Environment for the real ``pre-commit``: this venv first on PATH, HOME in a temp dir."""
    path = f'{_VENV_BIN}{os.pathsep}{os.environ["PATH"]}'
    return {**os.environ, **GIT_ENV, **_isolated_home(tmp_path_factory), 'PATH': path}


def _snapshot(dest: pathlib.Path, env: dict[str, str]) -> str:
    # a one-commit copy of this checkout's working tree (tracked and new files); its sha
    root = ROOT
    files = subprocess.run(
        ['git', 'ls-files', '-co', '--exclude-standard', '-z'],
        cwd=root, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    for name in filter(None, files.split('\0')):
        if (root / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / name, dest / name)
    repo = Repo(dest)
    return repo.commit('snapshot')


def _install_hooks(repo: str, rev: str, project: pathlib.Path, env: dict[str, str]) -> None:
    # build the hook environment once, up front; offline, skip rather than fail after retries
    hooks = '  - id: ffaudit\n  - id: ffaudit-detect-secrets\n'
    (project / '.pre-commit-config.yaml').write_text(
        f'repos:\n- repo: {repo}\n  rev: {rev}\n  hooks:\n{hooks}'
    )
    Repo(project)
    proc = subprocess.run(
        [str(_VENV_BIN / 'pre-commit'), 'install-hooks'],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    output = proc.stdout + proc.stderr
    if proc.returncode and any(error in output for error in NETWORK_ERRORS):
        pytest.skip('pre-commit could not install the hook environment from PyPI (offline?)')
    assert proc.returncode == 0, output


@pytest.fixture(scope='session')
def checkout_snapshot(
    tmp_path_factory: pytest.TempPathFactory, precommit_env: dict[str, str]
) -> tuple[str, str]:
    """(path, sha) of a one-commit git copy of this checkout's working tree (never changed)."""
    snapshot = tmp_path_factory.mktemp('ffaudit-snapshot')
    return str(snapshot), _snapshot(snapshot, precommit_env)


@pytest.fixture(scope='session')
def hook_repo(
    tmp_path_factory: pytest.TempPathFactory,
    precommit_env: dict[str, str],
    checkout_snapshot: tuple[str, str],
) -> tuple[str, str]:
    """(path, rev) of a snapshot of this checkout, its hook environment already installed."""
    snapshot, rev = checkout_snapshot
    _install_hooks(snapshot, rev, tmp_path_factory.mktemp('install-hooks'), precommit_env)
    return snapshot, rev
