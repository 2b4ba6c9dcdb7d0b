"""Same value, same secret: other places of a judged key are findings, in trees, staged sets
and history; one extra pass over the values the engine kept, no second read."""

from __future__ import annotations

import pathlib

import pytest

from ffaudit.engine.detect import KeyMatch
from ffaudit.engine.detect import TextScan
from ffaudit.model import Confidence
from ffaudit.redaction import fingerprint
from ffaudit.scan import files
from ffaudit.scan import history
from ffaudit.scan import same_key
from ffaudit.scan import staged
from ffaudit.scan.same_key import SameKey
from testing.gitrepo import Repo

KEY = '3c9d2e7f-5a1b-4c8d-9e6f-2b4a7c1d0e93'  # pragma: allowlist secret
OTHER = 'e2b7c4d1-8a3f-4b6e-9c5d-1f0a7e3b2c84'  # pragma: allowlist secret


def _tree(root: pathlib.Path) -> None:
    (root / 'docs').mkdir(parents=True)
    (root / '.env').write_text(f'FIREFLIES_API_KEY={KEY}\n')
    (root / 'docs' / 'notes.md').write_text(f'# Notes\n\nRun it with:\n\n    {KEY}\n')
    (root / 'run.py').write_text(f"x = '{KEY}'\nprint(x)\n")
    (root / 'ids.yaml').write_text(f'id: {OTHER}\n')  # never judged anywhere: no finding
    (root / 'heroku.env').write_text(f'HEROKU_API_KEY={KEY}\n')  # that line is Heroku's


def test_tree_reports_every_copy_of_a_judged_key(tmp_path: pathlib.Path) -> None:
    _tree(tmp_path)
    found = files.scan_paths([str(tmp_path)], all_files=True).findings
    where = {(pathlib.Path(f.path).name, f.line, f.confidence, f.same_as) for f in found}
    judged = f'{tmp_path / ".env"}:1'
    assert where == {
        ('.env', 1, Confidence.HIGH, ''),
        ('notes.md', 5, Confidence.MEDIUM, judged),
        ('run.py', 1, Confidence.MEDIUM, judged),
    }
    assert {f.fingerprint for f in found} == {fingerprint(KEY)}


def test_one_file_alone_has_nothing_to_copy(tmp_path: pathlib.Path) -> None:
    _tree(tmp_path)
    assert files.scan_paths([str(tmp_path / 'run.py')]).findings == ()


def test_a_second_copy_in_the_judged_file_is_reported(tmp_path: pathlib.Path) -> None:
    path = tmp_path / 'setup.md'
    path.write_text(f'FIREFLIES_API_KEY={KEY}\n\nthen run\n\n    ./sync {KEY}\n')
    found = files.scan_paths([str(path)]).findings
    assert [(f.line, f.same_as) for f in found] == [(1, ''), (5, f'{path}:1')]


def test_allowlisted_copies_stay_quiet(tmp_path: pathlib.Path) -> None:
    (tmp_path / '.env').write_text(f'FIREFLIES_API_KEY={KEY}\n')
    (tmp_path / 't.py').write_text(f"x = '{KEY}'  # pragma: allowlist secret\n")
    found = files.scan_paths([str(tmp_path)], all_files=True).findings
    assert [pathlib.Path(f.path).name for f in found] == ['.env']


def test_low_keys_make_low_copies() -> None:
    same = SameKey()
    same.add('a.env', [KeyMatch(KEY, 1, 9, confidence=Confidence.LOW)], [])
    same.add('b.txt', [], [KeyMatch(KEY, 3, 1, confidence=Confidence.LOW)])
    (f,) = same.findings()
    assert (f.path, f.line, f.confidence, f.same_as) == ('b.txt', 3, Confidence.LOW, 'a.env:1')
    assert KEY not in repr(same)


def test_unjudged_keeps_candidates_left_out() -> None:
    cand = KeyMatch(KEY, 2, 1, confidence=Confidence.LOW)
    other = KeyMatch(OTHER, 3, 1, confidence=Confidence.LOW)
    ts = TextScan((), (cand,), others=(other,))
    assert same_key.unjudged(ts, ()) == (cand, other)
    assert same_key.unjudged(ts, (cand,)) == (other,)


@pytest.fixture
def repo(tmp_path: pathlib.Path) -> Repo:
    return Repo(tmp_path / 'repo')


def test_staged_copies_on_added_lines_count(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    # the staged set is the scanned input: a key judged in a staged blob, even on a line it
    # does not change, makes its copies on added lines findings
    repo.write('.env', f'FIREFLIES_API_KEY={KEY}\n')
    repo.write('run.py', f"print(1)\nz = '{KEY}'\n")
    repo.commit()
    repo.write('.env', f'FIREFLIES_API_KEY={KEY}\nDEBUG=1\n')
    repo.write('run.py', f"print(1)\nz = '{KEY}'\nx = '{KEY}'\n")
    repo.write('notes.txt', f'old: {KEY}\n')
    repo.git('add', '-A')
    monkeypatch.chdir(repo.path)
    result, ring = staged.scan_staged_keys()
    got = {(f.path, f.line, f.same_as) for f in result.findings}
    assert got == {('notes.txt', 1, '.env:1'), ('run.py', 3, '.env:1')}
    assert fingerprint(KEY) in ring  # --verify can check the copies


def test_history_reports_a_copy_per_path_at_its_commit(repo: Repo) -> None:
    first = repo.commit()
    repo.write('run.py', f"x = '{KEY}'\n")
    copied = repo.commit()
    repo.write('.env', f'FIREFLIES_API_KEY={KEY}\n')
    repo.commit()
    repo.write('run.py', f"x = '{KEY}'\ny = '{KEY}'\n")
    repo.commit()
    found = history.scan_history(str(repo.path)).findings
    got = {(f.path, f.line, f.same_as, f.commit.sha if f.commit else '') for f in found}
    assert ('run.py', 1, '.env:1', copied) in got
    assert len([f for f in found if f.path == 'run.py']) == 1  # one per (key, path)
    assert first not in {f.commit.sha for f in found if f.commit}
    assert all(f.commit and f.commit.present_at_head for f in found)


def test_reports_name_where_the_key_was_judged(tmp_path: pathlib.Path) -> None:
    import json

    from ffaudit.model import Format
    from ffaudit.report.findings import render_findings

    _tree(tmp_path)
    result = files.scan_paths([str(tmp_path)], all_files=True)
    judged = f'{tmp_path / ".env"}:1'
    text = render_findings(result, Format.TEXT)
    assert f'(medium) same key as {judged}\n' in text
    doc = json.loads(render_findings(result, Format.JSON))
    assert [f.get('same_key_as', '') for f in doc['findings']] == ['', judged, judged]
    sarif = json.loads(render_findings(result, Format.SARIF))
    props = [r['properties'].get('sameKeyAs', '') for r in sarif['runs'][0]['results']]
    assert sorted(props) == ['', judged, judged]
    for out in (text, json.dumps(doc), json.dumps(sarif)):
        assert KEY[:8] not in out and KEY[-8:] not in out
