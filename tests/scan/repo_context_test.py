"""Repository context for explicit file lists (pre-commit) via one git grep; own outputs ignored."""

from __future__ import annotations

import os
import pathlib
import subprocess

import pytest

from ffaudit.model import Confidence
from ffaudit.model import Format
from ffaudit.report import findings as report
from ffaudit.scan import baseline
from ffaudit.scan import files
from ffaudit.scan import repo_context
from ffaudit.scan import staged

KEY = '0f3d2b9a-6c41-4e8b-b7a2-95d1c8e03f64'  # pragma: allowlist secret
CLIENT = 'requests.post("https://api.fireflies.ai/graphql", headers=headers)\n'
# a CRM token in configuration (only configuration files are promoted)
CRM = f'CRM_URL=https://api.example-crm.com\nTOKEN={KEY}\n'


def _git(root: pathlib.Path, *args: str) -> None:
    subprocess.run(('git', '-C', str(root), *args), check=True, capture_output=True)


def _repo(tmp_path: pathlib.Path) -> pathlib.Path:
    _git(tmp_path, 'init', '-q')
    _git(tmp_path, 'config', 'user.email', 't@example.com')
    _git(tmp_path, 'config', 'user.name', 't')
    return tmp_path


def _where(result: files.ScanResult) -> list[tuple[str, int, int, Confidence]]:
    return [(f.path.rsplit('/', 1)[-1], f.line, f.column, f.confidence) for f in result.findings]


def test_explicit_file_gets_context_from_committed_code(tmp_path):
    root = _repo(tmp_path)
    (root / 'client.py').write_text(CLIENT)
    _git(root, 'add', 'client.py')
    _git(root, 'commit', '-q', '-m', 'client')
    (root / '.env').write_text(f'API_KEY={KEY}\n')
    _git(root, 'add', '.env')
    result = files.scan_paths([str(root / '.env')])  # what pre-commit passes
    assert _where(result) == [('.env', 1, 9, Confidence.LOW)]
    assert KEY not in repr(result)


def test_untracked_code_counts_ignored_code_does_not(tmp_path):
    root = _repo(tmp_path)
    (root / '.env').write_text(f'API_KEY={KEY}\n')
    (root / 'local').mkdir()
    (root / 'local' / 'client.py').write_text(CLIENT)
    assert len(files.scan_paths([str(root / '.env')]).findings) == 1
    (root / '.gitignore').write_text('local/\n')
    assert files.scan_paths([str(root / '.env')]).findings == ()


def test_outside_a_work_tree_there_is_no_repository_context(tmp_path):
    assert repo_context.work_tree(str(tmp_path / 'x')) is None
    (tmp_path / 'client.py').write_text(CLIENT)
    (tmp_path / '.env').write_text(f'API_KEY={KEY}\n')
    assert files.scan_paths([str(tmp_path / '.env')]).findings == ()


def test_no_candidate_means_no_git_grep(tmp_path, monkeypatch):
    root = _repo(tmp_path)
    (root / 'app.py').write_text('x = 1\n')
    (root / 'ids.json').write_text(f'{{"id": "{KEY}"}}\n')

    def boom(root):
        raise AssertionError('git grep ran without a candidate')

    monkeypatch.setattr(repo_context, 'repo_talks_to_fireflies', boom)
    assert files.scan_paths([str(root / 'app.py'), str(root / 'ids.json')]).findings == ()


def test_context_is_asked_once_per_work_tree(tmp_path, monkeypatch):
    root = _repo(tmp_path)
    (root / 'client.py').write_text(CLIENT)
    for name in ('a.env', 'b.env'):
        (root / name).write_text(f'API_KEY={KEY}\n')
    calls: list[str] = []
    real = repo_context.repo_talks_to_fireflies

    def spy(root: str) -> bool:
        calls.append(root)
        return real(root)

    monkeypatch.setattr(repo_context, 'repo_talks_to_fireflies', spy)
    result = files.scan_paths([str(root / 'a.env'), str(root / 'b.env')])
    assert (len(result.findings), calls) == (2, [str(root)])


def _crm_repo(tmp_path: pathlib.Path) -> pathlib.Path:
    root = _repo(tmp_path)
    (root / 'crm.env').write_text(CRM)
    assert files.scan_paths([str(root)]).findings == ()
    return root


@pytest.mark.parametrize('fmt', [Format.SARIF, Format.JSON])
def test_own_reports_do_not_make_a_repository_talk(tmp_path, fmt):
    root = _crm_repo(tmp_path)
    fake = files.scan_paths([str(_planted(tmp_path))])
    assert fake.findings
    (root / 'ffaudit.out').write_text(report.render_findings(fake, fmt))
    assert files.scan_paths([str(root)]).findings == ()
    assert files.scan_paths([str(root / 'crm.env')]).findings == ()


def test_own_baseline_does_not_make_a_repository_talk(tmp_path):
    root = _crm_repo(tmp_path)
    fake = files.scan_paths([str(_planted(tmp_path))])
    (root / '.ffaudit-baseline.json').write_text(baseline.render(fake.findings, 'x'))
    assert files.scan_paths([str(root)]).findings == ()
    assert files.scan_paths([str(root / 'crm.env')]).findings == ()


def test_rule_ids_in_prose_do_not_make_a_repository_talk(tmp_path):
    root = _crm_repo(tmp_path)
    prose = 'CI fails on fireflies-api-key and fireflies-webhook-secret findings.\n'
    (root / 'SECURITY.md').write_text(prose)
    assert files.scan_paths([str(root / 'crm.env')]).findings == ()
    (root / 'SECURITY.md').write_text('Our bot calls https://api.fireflies.ai/graphql.\n')
    assert len(files.scan_paths([str(root / 'crm.env')]).findings) == 1


def _planted(tmp_path: pathlib.Path) -> pathlib.Path:
    path = tmp_path.parent / f'{tmp_path.name}-planted.env'
    path.write_text(f'FIREFLIES_API_KEY={KEY}\n')
    return path


FIXTURE_KEY = '5b0e7c2a-9d14-4f86-a3e1-7c2d9f40b6e5'  # pragma: allowlist secret
FIXTURE_TREE = {  # tokens in tests, fixtures and source code are no Fireflies keys
    'integrations/fireflies.py': CLIENT,
    'accounts/fixtures/invites.json': f'[{{"token": "{FIXTURE_KEY}"}}]\n',
    'tests/test_auth.py': f'token = "{FIXTURE_KEY}"\n',
    'tests/test_api.py': f'client.get("/", HTTP_AUTHORIZATION="Bearer {FIXTURE_KEY}")\n',
    'app/settings.py': f'API_TOKEN = "{FIXTURE_KEY}"\n',
    'deploy/prod.env': f'API_KEY={KEY}\n',
}


def test_only_configuration_outside_tests_is_promoted(tmp_path, monkeypatch):
    root = _repo(tmp_path)
    for name, text in FIXTURE_TREE.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    _git(root, 'add', '.')
    found = files.scan_paths([str(root)]).findings
    assert [(os.path.relpath(f.path, root), f.confidence) for f in found] == [
        (os.path.join('deploy', 'prod.env'), 'low')
    ]
    monkeypatch.chdir(root)
    found = staged.scan_staged_keys()[0].findings
    assert [f.path for f in found] == [os.path.join('deploy', 'prod.env')]


@pytest.mark.parametrize(
    ('path', 'expected'),
    [
        ('prod.env', True),
        ('config/app.yaml', True),
        ('app/settings.py', False),
        ('tests/prod.env', False),
        ('/home/me/tests/checkout/prod.env', True),  # outside a work tree: the name only
    ],
)
def test_allowed_judges_the_path_inside_its_work_tree(path, expected):
    assert repo_context.allowed(path) is expected
