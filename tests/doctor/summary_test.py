from __future__ import annotations

import platform

import pytest

from ffaudit import __version__
from ffaudit.doctor import summary
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.doctor.key import source_checks
from ffaudit.doctor.key import sources
from ffaudit.redaction import fingerprint

KEY = 'a724dec3-db3b-4342-83db-f8b80199d37e'  # pragma: allowlist secret
STALE = '3a3f1de6-5a0c-40f8-9e42-7c94d5c5ec1e'  # pragma: allowlist secret


def _resolve(tmp_path, env: dict[str, str], dotenv: str | None, key_file: str | None):
    if dotenv is not None:
        (tmp_path / '.env').write_text(f'FIREFLIES_API_KEY={dotenv}\n')
    path = None
    if key_file is not None:
        path = str(tmp_path / 'key.txt')
        (tmp_path / 'key.txt').write_text(key_file)
    return sources.resolve(env=env, cwd=str(tmp_path), key_file=path)


@pytest.mark.parametrize(
    ('env_key', 'dotenv', 'key_file', 'expected'),
    (
        pytest.param(KEY, None, None, (), id='one-source'),
        pytest.param(KEY, KEY, None, (), id='same-key'),
        pytest.param(KEY, STALE, None, ('dotenv:.env',), id='stale-dotenv'),
        pytest.param('', STALE, None, ('dotenv:.env',), id='empty-winner'),
        pytest.param(KEY, STALE, STALE, ('env:FIREFLIES_API_KEY',), id='file-wins'),
        pytest.param(None, '', None, (), id='empty-dotenv-only'),
    ),
)
def test_summary_names_the_sources_key_shadowed_names(
    tmp_path, env_key, dotenv, key_file, expected
):
    env = {} if env_key is None else {'FIREFLIES_API_KEY': env_key}
    inp = _resolve(tmp_path, env, dotenv, key_file)

    built = summary.summarize(inp, 1)
    check = source_checks.check_shadowed(inp)

    assert tuple(s.name for s in built.shadowed) == expected
    assert tuple(k.removeprefix('fingerprint:') for k, _ in check.details) == expected
    assert {fp for _, fp in check.details} <= {fingerprint(STALE), fingerprint(KEY)}
    assert built.credential == inp.source
    assert built.sources == inp.sources
    assert built.exit_code == 1


def test_summary_versions_and_ci():
    env = {'GITHUB_ACTIONS': 'true', 'GITHUB_EVENT_NAME': 'pull_request'}

    built = summary.summarize(DoctorInput(env=env), 0)

    versions = dict(built.versions)
    assert versions['ffaudit'] == __version__
    assert versions['Python'] == platform.python_version()
    assert versions['requests'][0].isdigit()
    assert built.ci == 'GitHub Actions (pull_request)'
    assert summary.ci_name({}) == ''
    assert summary.ci_name({'GITHUB_ACTIONS': 'true'}) == 'GitHub Actions (?)'


def test_package_version_of_a_missing_package():
    assert summary.package_version('ffaudit-no-such-distribution') == 'not installed'
