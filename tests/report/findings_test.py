"""Renderers for scan results: exact text, JSON shape, SARIF schema, annotation escaping."""

from __future__ import annotations

import json
import os
import textwrap
from typing import Any

import jsonschema
import pytest

from ffaudit.model import CommitInfo
from ffaudit.model import Confidence
from ffaudit.model import Finding
from ffaudit.model import Format
from ffaudit.model import Rule
from ffaudit.redaction import fingerprint
from ffaudit.redaction import redact
from ffaudit.report.findings import render_findings
from ffaudit.report.findings import render_summary
from ffaudit.report.locations import Origin
from ffaudit.report.rules import REMEDIATION
from ffaudit.report.rules import RULES
from ffaudit.scan.files import ScanResult
from ffaudit.scan.files import Skipped
from testing.paths import SARIF_SCHEMA

API_KEY = '0b02e7ce-a497-4fb0-8215-025330f03d1e'  # pragma: allowlist secret
WEBHOOK_SECRET = 'whsec-28b17f97e6e34e00bd3c08df7ae4144e'  # pragma: allowlist secret
SCHEMA = SARIF_SCHEMA


def _finding(path: str, line: int, secret: str, **kw: object) -> Finding:
    return Finding(
        path,
        line,
        7,
        preview=redact(secret),
        fingerprint=fingerprint(secret),
        **kw,  # type: ignore[arg-type]
    )


FINDINGS = (
    _finding('app/settings.py', 3, API_KEY),
    _finding(
        'hooks.env', 12, WEBHOOK_SECRET, rule=Rule.WEBHOOK_SECRET, confidence=Confidence.MEDIUM
    ),
)
RESULT = ScanResult(
    FINDINGS,
    files_scanned=5,
    bytes_scanned=1234,
    skipped=(Skipped('logo.png', 'binary'), Skipped('secret.txt', 'unreadable: Permission denied')),
)
CLEAN = ScanResult((), files_scanned=3, bytes_scanned=10)


def test_render_findings_text():
    fp = fingerprint(API_KEY)
    assert fp in _json_fingerprints()
    assert render_findings(RESULT, Format.TEXT) == (
        'app/settings.py:3:7: fireflies-api-key 0b02... (high)\n'
        'hooks.env:12:7: fireflies-webhook-secret whse... (medium)\n'
    )


def _json_fingerprints() -> list[str]:
    doc = json.loads(render_findings(RESULT, Format.JSON))
    return [f['fingerprint'] for f in doc['findings']]


def test_render_findings_json():
    doc = json.loads(render_findings(RESULT, Format.JSON))
    assert doc['version'] == 1
    assert doc['tool']['name'] == 'ffaudit'
    assert doc['findings'][0] == {
        'path': 'app/settings.py',
        'line': 3,
        'column': 7,
        'rule': 'fireflies-api-key',
        'confidence': 'high',
        'fingerprint': fingerprint(API_KEY),
        'preview': '0b02...',
    }
    assert doc['skipped'][1] == {'path': 'secret.txt', 'reason': 'unreadable: Permission denied'}
    assert doc['stats'] == {
        'files_scanned': 5,
        'bytes_scanned': 1234,
        'files_skipped': 2,
        'findings': 2,
    }


def test_render_findings_json_clean():
    doc = json.loads(render_findings(CLEAN, Format.JSON))
    assert doc['findings'] == []
    assert doc['stats']['findings'] == 0


def test_render_findings_sarif_matches_schema():
    schema = json.loads(SCHEMA.read_text(encoding='utf-8'))
    validator_cls = jsonschema.validators.validator_for(schema)
    validator_cls.check_schema(schema)
    for result in (RESULT, CLEAN):
        doc = json.loads(render_findings(result, Format.SARIF))
        validator_cls(schema, format_checker=validator_cls.FORMAT_CHECKER).validate(doc)


def test_render_findings_sarif_content():
    run = json.loads(render_findings(RESULT, Format.SARIF))['runs'][0]
    rules = {r['id']: r for r in run['tool']['driver']['rules']}
    assert set(rules) == {
        'fireflies-api-key',
        'fireflies-webhook-secret',
        'fireflies-api-key-generic-name',  # low confidence: its own precision and severity
        'fireflies-webhook-secret-generic-name',
    }
    api = rules['fireflies-api-key']
    assert api['properties']['precision'] == 'high'
    assert api['properties']['tags'] == ['security', 'secret']
    assert api['properties']['security-severity'] == '8.5'
    assert 'app.fireflies.ai' in api['help']['markdown']
    first = run['results'][0]
    assert first['ruleId'] == 'fireflies-api-key'
    assert first['level'] == 'error'
    assert first['partialFingerprints'] == {'secretFingerprint/v1': fingerprint(API_KEY)}
    assert first['locations'][0]['physicalLocation'] == {
        'artifactLocation': {'uri': 'app/settings.py', 'uriBaseId': '%SRCROOT%'},
        'region': {'startLine': 3, 'startColumn': 7},
    }
    assert run['results'][1]['level'] == 'warning'


def test_render_findings_sarif_uri_is_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    absolute = os.path.join(tmp_path, 'my dir', 'a.env')
    result = ScanResult((_finding(absolute, 1, API_KEY),), 1, 1)
    run = json.loads(render_findings(result, Format.SARIF))['runs'][0]
    uri = run['results'][0]['locations'][0]['physicalLocation']['artifactLocation']['uri']
    assert uri == 'my%20dir/a.env'


def test_render_findings_github():
    out = render_findings(RESULT, Format.GITHUB)
    fp = fingerprint(API_KEY)
    assert out.splitlines()[0] == (
        '::error file=app/settings.py,line=3,col=7,title=Fireflies API key::'
        f'Hard-coded Fireflies API key 0b02... (high confidence, fingerprint {fp}). '
        'Rotate it and read it from FIREFLIES_API_KEY instead.'
    )
    assert out.splitlines()[1].startswith(
        '::warning file=hooks.env,line=12,col=7,title=Fireflies webhook secret::'
    )


def test_render_findings_github_escapes_properties():
    result = ScanResult((_finding('a,b:c%d.env', 2, API_KEY),), 1, 1)
    out = render_findings(result, Format.GITHUB)
    assert out.startswith('::error file=a%2Cb%3Ac%25d.env,line=2,col=7,')
    assert out.count('\n') == 1


# a committed file named like this once printed a line starting with '::error'
INJECTED_PATH = 'a\n::error title=x::pwned\r\x1b]0;t\x07\u2028::add-mask::y.env'


@pytest.mark.parametrize('fmt', (Format.TEXT, Format.GITHUB))
def test_render_findings_file_names_cannot_inject_workflow_commands(fmt):
    commit = CommitInfo('c' * 40, '2024-05-01', 1, True)
    plain = _finding(INJECTED_PATH, 2, API_KEY)
    result = ScanResult((plain, _finding(INJECTED_PATH, 3, API_KEY, commit=commit)), 1, 1)
    out = render_findings(result, fmt)
    lines = out.splitlines()
    assert len(lines) == 2
    assert not any(c in out for c in '\r\x1b\x07\u2028')
    assert all(line.startswith(('::error file=a\\n', 'a\\n::error')) for line in lines)
    assert '\\x1b]0;t\\x07\\u2028' in out


def test_render_findings_text_shows_control_characters_as_escapes():
    result = ScanResult((_finding('a\n::error::x\x1b.env', 2, API_KEY),), 1, 1)
    assert render_findings(result, Format.TEXT) == (
        'a\\n::error::x\\x1b.env:2:7: fireflies-api-key 0b02... (high)\n'
    )


@pytest.mark.parametrize('fmt', list(Format))
def test_render_findings_every_format_is_secret_free(fmt):
    out = render_findings(RESULT, fmt)
    assert isinstance(out, str)
    assert out.endswith('\n')
    assert API_KEY not in out
    assert WEBHOOK_SECRET not in out
    assert fingerprint(API_KEY) in out or fmt is Format.TEXT


def test_render_summary_with_findings_and_skips():
    webhook = RULES[Rule.WEBHOOK_SECRET].remediation
    assert render_summary(RESULT, baselined=3) == (
        f'{textwrap.fill(REMEDIATION, 79)}\n'
        '\n'
        f'{textwrap.fill(webhook, 79)}\n'
        'ffaudit: skipped secret.txt: unreadable: Permission denied\n'
        'ffaudit: 2 findings in 2 files (5 files scanned); 3 known in baseline, ignored; '
        '2 files skipped: 1 binary, 1 unreadable\n'
    )


def test_render_summary_names_unreadable_files_up_to_a_cap():
    skipped = tuple(Skipped(f'f{i}\n.env', 'unreadable: Permission denied') for i in range(25))
    out = render_summary(ScanResult((), 1, 1, (Skipped('logo.png', 'binary'), *skipped)))
    lines = out.splitlines()
    assert lines[0] == 'ffaudit: skipped f0\\n.env: unreadable: Permission denied'
    assert lines[19].startswith('ffaudit: skipped f19')
    assert lines[20] == 'ffaudit: ... and 5 more skipped'
    assert lines[21].endswith('26 files skipped: 1 binary, 25 unreadable')
    assert len(lines) == 22 and 'logo.png' not in out


def test_render_summary_clean():
    assert render_summary(CLEAN) == 'ffaudit: 0 findings in 0 files (3 files scanned)\n'


def test_render_summary_without_remediation():
    out = render_summary(RESULT, remediation=False)
    assert REMEDIATION not in out
    assert out.splitlines()[-1].startswith('ffaudit: 2 findings in 2 files')


def test_remediation_names_rotation_and_env_var():
    assert 'app.fireflies.ai -> Integrations -> Fireflies API' in REMEDIATION
    assert 'FIREFLIES_API_KEY' in REMEDIATION


def test_remediation_per_rule():
    # webhook secrets live in Developer Settings and FIREFLIES_WEBHOOK_SECRET
    webhook = RULES[Rule.WEBHOOK_SECRET].remediation
    assert 'Settings -> Developer Settings' in webhook
    assert 'FIREFLIES_WEBHOOK_SECRET' in webhook
    assert 'FIREFLIES_API_KEY' not in webhook and 'Integrations' not in webhook
    only_webhook = ScanResult(FINDINGS[1:], 1, 1)
    assert render_summary(only_webhook).startswith(textwrap.fill(webhook, 79) + '\n')
    assert 'Integrations' not in render_summary(only_webhook)


def test_sarif_help_stands_alone():
    run = json.loads(render_findings(RESULT, Format.SARIF))['runs'][0]
    for rule in run['tool']['driver']['rules']:
        info = RULES[Rule(rule['id'].removesuffix('-generic-name'))]
        assert info.remediation in rule['help']['text']
        assert 'above' not in rule['help']['text'] + rule['help']['markdown']
    helps = {r['id']: r['help']['text'] for r in run['tool']['driver']['rules']}
    assert 'Developer Settings' in helps['fireflies-webhook-secret']
    assert 'Developer Settings' not in helps['fireflies-api-key']


SHA = '3f2a1c9d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39'
HISTORY = ScanResult(
    (_finding('old/config.py', 4, API_KEY, commit=CommitInfo(SHA, '2024-01-01T00:00:02+00:00')),),
    files_scanned=3,
    bytes_scanned=99,
)
PROVENANCE = Origin(None, 'https://github.com/acme/app.git', 'a' * 40)


def _validate(doc: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA.read_text(encoding='utf-8'))
    validator_cls = jsonschema.validators.validator_for(schema)
    validator_cls(schema, format_checker=validator_cls.FORMAT_CHECKER).validate(doc)


def test_history_sarif_points_at_the_commit():
    # provenance on the run, the commit on each result and its location
    doc = json.loads(render_findings(HISTORY, Format.SARIF, PROVENANCE))
    _validate(doc)
    run = doc['runs'][0]
    assert run['versionControlProvenance'] == [
        {
            'repositoryUri': 'https://github.com/acme/app.git',
            'revisionId': 'a' * 40,
            'mappedTo': {'uriBaseId': '%SRCROOT%'},
        }
    ]
    (result,) = run['results']
    location = result['locations'][0]
    assert location['message'] == {'text': f'in commit {SHA}:old/config.py'}
    assert location['physicalLocation']['artifactLocation']['uri'] == 'old/config.py'
    assert result['properties']['commitPath'] == f'{SHA}:old/config.py'
    assert result['properties']['commit']['sha'] == SHA
    assert result['partialFingerprints']['commitSha'] == SHA
    assert (
        f'First added in commit {SHA}:old/config.py line 4 on 2024-01-01T00:00:02+00:00'
        in (result['message']['text'])
    )


def test_sarif_and_annotation_paths_are_relative_to_the_work_tree_root(tmp_path, monkeypatch):
    # a scan run in a subdirectory still reports repository-root paths
    sub = tmp_path / 'dir, x'
    sub.mkdir()
    monkeypatch.chdir(sub)
    inside = ScanResult((_finding('a.env', 1, API_KEY), _finding('../b.env', 2, API_KEY)), 2, 2)
    origin = Origin(str(tmp_path))
    run = json.loads(render_findings(inside, Format.SARIF, origin))['runs'][0]
    uris = [r['locations'][0]['physicalLocation']['artifactLocation'] for r in run['results']]
    assert [u['uri'] for u in uris] == ['dir%2C%20x/a.env', 'b.env']
    github = render_findings(inside, Format.GITHUB, origin).splitlines()
    assert [line.split(',line=')[0] for line in github] == [
        '::error file=dir%2C x/a.env',
        '::error file=b.env',
    ]
    outside = ScanResult((_finding(str(tmp_path.parent / 'c.env'), 1, API_KEY),), 1, 1)
    run = json.loads(render_findings(outside, Format.SARIF, origin))['runs'][0]
    assert run['results'][0]['locations'][0]['physicalLocation']['artifactLocation']['uri'] == (
        '../../c.env'
    )


def _history(path: str, line: int, secret: str) -> Finding:
    return _finding(path, line, secret, commit=CommitInfo('c' * 40, '2024-05-01', 1, True))


PLACES = ScanResult(
    (
        _history('a.py', 1, API_KEY),
        _history('b.env', 2, WEBHOOK_SECRET),
        _history('c.py', 3, API_KEY),
    ),
    3,
    30,
)


def test_history_text_groups_the_places_of_one_key():
    # issue 13: the same key in several files is one group under its fingerprint
    lines = render_findings(PLACES, Format.TEXT).splitlines()
    assert [line.split(':')[0] for line in lines] == [
        f'key {fingerprint(API_KEY)} ({redact(API_KEY)})',
        'a.py',
        'c.py',
        'b.env',
    ]
    assert lines[0].endswith('): same key, 2 places')
    assert 'ffaudit: 3 findings of 2 distinct keys in 3 files' in render_summary(PLACES)


def test_history_json_and_sarif_carry_the_key_group():
    doc = json.loads(render_findings(PLACES, Format.JSON))
    assert [f['key'] for f in doc['findings']] == [
        fingerprint(API_KEY),
        fingerprint(WEBHOOK_SECRET),
        fingerprint(API_KEY),
    ]
    sarif = json.loads(render_findings(PLACES, Format.SARIF))
    keys = [r['properties']['key'] for r in sarif['runs'][0]['results']]
    assert keys == [f['key'] for f in doc['findings']]


@pytest.mark.parametrize('fmt', [Format.TEXT, Format.JSON, Format.SARIF, Format.GITHUB])
def test_same_key_place_named_after_a_key_is_masked_in_every_format(fmt):
    # "same key as <path>:<line>" names another file: a folder named after the key is masked
    folder = API_KEY
    found = _finding('scripts/sync.py', 2, API_KEY, same_as=f'{folder}/.env:1')
    out = render_findings(ScanResult((found,), 2, 100), fmt)
    assert API_KEY not in out
    assert API_KEY[:8] not in out and API_KEY[-8:] not in out
