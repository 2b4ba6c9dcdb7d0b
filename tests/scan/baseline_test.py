"""Baselines: fingerprint+rule+path identity, stable file format, malformed input."""

from __future__ import annotations

import dataclasses
import json
import os

import pytest

from ffaudit.errors import ExitCode
from ffaudit.errors import FfauditError
from ffaudit.model import CommitInfo
from ffaudit.model import Finding
from ffaudit.model import Rule
from ffaudit.redaction import fingerprint
from ffaudit.redaction import redact
from ffaudit.scan import baseline
from ffaudit.scan.files import ScanResult

KEY_A = '28b17f97-6e3e-4e00-bd3c-08df7ae4144e'  # pragma: allowlist secret
KEY_B = 'ec0eccb1-148e-44fd-b7a7-306ef9a69665'  # pragma: allowlist secret


def _finding(path: str, line: int, key: str, rule: Rule = Rule.API_KEY) -> Finding:
    return Finding(path, line, 1, rule, preview=redact(key), fingerprint=fingerprint(key))


def test_entry_for_is_relative_to_the_baseline_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'sub').mkdir()
    base = str(tmp_path / 'sub' / 'baseline.json')
    entry = baseline.entry_for(_finding('sub/pkg/a.py', 3, KEY_A), base)
    assert entry == baseline.Entry('pkg/a.py', 'fireflies-api-key', fingerprint(KEY_A))
    assert baseline.entry_for(_finding(str(tmp_path / 'sub/pkg/a.py'), 9, KEY_A), base) == entry


def test_render_is_sorted_deduplicated_and_secret_free(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    findings = [_finding('b.py', 9, KEY_B), _finding('a.py', 2, KEY_A), _finding('b.py', 1, KEY_B)]
    text = baseline.render(findings, 'baseline.json')
    assert json.loads(text) == {
        'version': 1,
        'tool': 'ffaudit',
        'findings': [
            {'path': 'a.py', 'rule': 'fireflies-api-key', 'fingerprint': fingerprint(KEY_A)},
            {'path': 'b.py', 'rule': 'fireflies-api-key', 'fingerprint': fingerprint(KEY_B)},
        ],
    }
    assert KEY_A not in text and KEY_B not in text
    assert str(tmp_path) not in text
    assert 'line' not in text
    assert baseline.render(reversed(findings), 'baseline.json') == text


def test_save_then_load_round_trips(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    findings = [_finding('a.py', 2, KEY_A), _finding('w.env', 4, KEY_B, Rule.WEBHOOK_SECRET)]
    baseline.save(findings, 'baseline.json')
    known = baseline.load('baseline.json')
    assert known == {baseline.entry_for(f, 'baseline.json') for f in findings}


def test_partition_ignores_line_numbers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'a.py').write_text('still here: a copy of its key elsewhere is new\n')
    baseline.save([_finding('a.py', 2, KEY_A)], 'baseline.json')
    known = baseline.load('baseline.json')
    moved = _finding('a.py', 40, KEY_A)
    other_file = _finding('b.py', 2, KEY_A)
    new_key = _finding('a.py', 41, KEY_B)
    new, ignored = baseline.partition([moved, other_file, new_key], known, 'baseline.json')
    assert new == (other_file, new_key)
    assert ignored == 1


def test_apply_without_baseline_keeps_everything():
    result = ScanResult((_finding('a.py', 1, KEY_A),), 1, 10)
    assert baseline.apply(result, None, '') == (result, 0)


def test_apply_drops_known_findings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = ScanResult((_finding('a.py', 1, KEY_A), _finding('a.py', 2, KEY_B)), 1, 10)
    known = frozenset({baseline.entry_for(result.findings[0], 'b.json')})
    filtered, ignored = baseline.apply(result, known, 'b.json')
    assert filtered.findings == (result.findings[1],)
    assert (filtered.files_scanned, filtered.bytes_scanned, ignored) == (1, 10, 1)


@pytest.mark.parametrize(
    ('content', 'message'),
    [
        pytest.param(b'{not json', 'not valid JSON (line 1, column 2)', id='not-json'),
        pytest.param(b'{\n  "version": 1,\n}', 'not valid JSON (line 3, column 1)', id='comma'),
        pytest.param(b'\xff\xfe{\x00}\x00', 'baseline.json: not UTF-8', id='utf-16'),
        pytest.param(b'[]', 'expected an object with "version": 1', id='list'),
        pytest.param(b'{"version": 2, "findings": []}', '"version": 1', id='future-version'),
        pytest.param(b'{"version": 1}', '"findings" must be a list', id='no-findings'),
        pytest.param(b'{"version": 1, "findings": [3]}', 'needs string path', id='bad-item'),
        pytest.param(
            b'{"version": 1, "findings": [{"path": "a", "rule": "x", "fingerprint": "f"}]}',
            "unknown rule 'x'",
            id='unknown-rule',
        ),
    ],
)
def test_load_rejects_malformed_baselines(tmp_path, content, message):
    path = tmp_path / 'baseline.json'
    path.write_bytes(content)
    with pytest.raises(FfauditError, match='malformed baseline') as excinfo:
        baseline.load(str(path))
    assert message in str(excinfo.value)
    assert excinfo.value.exit_code is ExitCode.USAGE


def test_load_missing_baseline(tmp_path):
    with pytest.raises(FfauditError, match='cannot read baseline .*No such file'):
        baseline.load(str(tmp_path / 'nope.json'))


def test_save_unwritable_baseline(tmp_path):
    target = tmp_path / 'dir'
    target.mkdir()
    with pytest.raises(FfauditError, match='cannot write baseline'):
        baseline.save([], str(target))
    assert os.listdir(target) == []


def test_partition_history_findings_match_at_any_path(tmp_path, monkeypatch):
    # history reports a key at one path of one commit (an old name, or
    # the last of several files), the tree baseline may hold it at another
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'sub').mkdir()
    (tmp_path / 'sub' / 'a.env').write_text('kept\n')
    known = frozenset({baseline.entry_for(_finding('sub/a.env', 1, KEY_A), 'b.json')})
    commit = CommitInfo('0' * 40, '2024-01-01T00:00:01+00:00')
    elsewhere = dataclasses.replace(_finding('old/name.env', 3, KEY_A), commit=commit)
    other_rule = dataclasses.replace(elsewhere, rule=Rule.WEBHOOK_SECRET)
    other_key = dataclasses.replace(_finding('sub/a.env', 1, KEY_B), commit=commit)
    new, ignored = baseline.partition([elsewhere, other_rule, other_key], known, 'b.json')
    assert (new, ignored) == ((other_rule, other_key), 1)


def test_partition_a_moved_file_keeps_its_baselined_key(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    known = frozenset({baseline.entry_for(_finding('old.env', 1, KEY_A), 'b.json')})
    (tmp_path / 'new.env').write_text('the file old.env became\n')
    renamed = _finding('new.env', 1, KEY_A)
    assert baseline.partition([renamed], known, 'b.json') == ((), 1)
    (tmp_path / 'old.env').write_text('back again: new.env is a copy, not a rename\n')
    assert baseline.partition([renamed], known, 'b.json') == ((renamed,), 0)


def test_partition_history_matches_per_path_like_the_tree(tmp_path, monkeypatch):
    # issue 13: history reports a key in every file it was copied to; a copy the tree baseline
    # does not hold, in a file that still exists, is new. Paths are relative to ``root``.
    repo = tmp_path / 'repo'
    (repo / 'sub').mkdir(parents=True)
    (repo / 'a.env').write_text('kept\n')
    (repo / 'sub' / 'copy.env').write_text('kept too\n')
    monkeypatch.chdir(repo / 'sub')  # run from a subdirectory: history paths are from the top
    base = str(repo / 'b.json')
    known = frozenset({baseline.Entry('a.env', 'fireflies-api-key', fingerprint(KEY_A))})
    commit = CommitInfo('0' * 40, '2024-01-01T00:00:01+00:00')
    at_a = dataclasses.replace(_finding('a.env', 1, KEY_A), commit=commit)
    copied = dataclasses.replace(_finding('sub/copy.env', 1, KEY_A), commit=commit)
    deleted = dataclasses.replace(_finding('gone.env', 1, KEY_A), commit=commit)
    new, ignored = baseline.partition([at_a, copied, deleted], known, base, str(repo))
    assert (new, ignored) == ((copied,), 2)
