"""The doctor's surface: the same --endpoint/--timeout as scan, key-shaped arguments refused
without being echoed, --header FILE, JSON verdicts with typed fields, the compact default view."""

from __future__ import annotations

import json
import pathlib
import re

import click
import pytest
from click.testing import CliRunner

from ffaudit.cli import cli
from ffaudit.cli.doctor import doctor
from ffaudit.cli.scan import scan

KEY = '6cd55924-5aa0-4593-ad29-77d4918938bc'  # pragma: allowlist secret


def _option(command: click.Command, name: str) -> click.Option:
    found = next(p for p in command.params if p.name == name)
    assert isinstance(found, click.Option)
    return found


@pytest.mark.parametrize('name', ('endpoint', 'timeout'))
def test_endpoint_and_timeout_match_scan(name):
    mine, theirs = _option(doctor, name), _option(scan, name)
    assert (mine.opts, mine.metavar, mine.default) == (theirs.opts, theirs.metavar, theirs.default)
    assert repr(mine.type) == repr(theirs.type)


def _slices(text: str) -> list[str]:
    return [KEY[i : i + 6] for i in range(31) if KEY[i : i + 6] in text]


@pytest.mark.parametrize(
    'args', ((KEY,), ('--header', KEY), ('--api-key-file', KEY), (f'Bearer {KEY}',))
)
def test_a_key_on_the_command_line_gets_the_history_advice(args):
    result = CliRunner().invoke(cli, ['doctor', *args])
    assert result.exit_code == 2
    assert 'it is now in your shell history' in result.stderr
    assert '--api-key-stdin' in result.stderr
    assert _slices(result.output) == []


def test_header_reads_a_file(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv('FIREFLIES_API_KEY', raising=False)
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'req.txt').write_text(f'Authorization: Bearer {KEY}\n')
    result = CliRunner().invoke(cli, ['doctor', '--offline', '--header', 'req.txt', '-v'])
    assert result.exit_code == 0, result.output
    assert 'API key from header:req.txt' in result.stdout
    assert 'Read header lines' in result.stdout


@pytest.mark.parametrize(('key', 'verdict', 'code'), ((KEY, 'ok', 0), ('', 'problem', 1)))
def test_json_has_a_verdict_and_typed_fields(monkeypatch, key, verdict, code):
    monkeypatch.setenv('FIREFLIES_API_KEY', key)
    result = CliRunner().invoke(cli, ['doctor', '--offline', '--format', 'json'])
    doc = json.loads(result.stdout)
    assert (doc['verdict'], doc['exit_code'], result.exit_code) == (verdict, code, code)
    assert doc['not_checked'] == ['the key was not tried against Fireflies (--offline)']
    checks = {c['id']: c for c in doc['checks']}
    if key:
        assert checks['key.sources']['details']['length'] == 36
    else:
        assert checks['key.sources']['caused_by'] == 'key.empty'


def test_compact_default_shows_one_line_per_section_and_the_root(monkeypatch):
    monkeypatch.setenv('FIREFLIES_API_KEY', f'Bearer {KEY}')
    result = CliRunner().invoke(cli, ['doctor', '--offline'])
    lines = result.stdout.splitlines()
    assert lines[2:6] == [
        '✗ Credentials    1 problem',
        '- Request        not checked: no header given',
        '✓ Environment    5 checks passed',
        '- Fireflies API  not asked (--offline)',
    ]
    assert result.stdout.count('✗') == 2  # the section and its one root cause
    assert 'also explains: key.whitespace, key.shape' in result.stdout
    assert lines[-1] == 'Not checked: the key was not tried against Fireflies (--offline) — exit 1'
    assert _slices(result.output) == []


def test_verbose_shows_every_check_and_what_follows(monkeypatch):
    monkeypatch.setenv('FIREFLIES_API_KEY', f'Bearer {KEY}')
    result = CliRunner().invoke(cli, ['doctor', '--offline', '-v'])
    assert '(key.whitespace; follows from key.scheme)' in result.stdout
    assert '(env.requests)' in result.stdout


def test_step_summary_lists_problems_and_counts_passes(monkeypatch, tmp_path):
    summary = tmp_path / 'summary.md'
    monkeypatch.setenv('FIREFLIES_API_KEY', '')
    monkeypatch.setenv('GITHUB_ACTIONS', 'true')
    monkeypatch.setenv('GITHUB_STEP_SUMMARY', str(summary))
    CliRunner().invoke(cli, ['doctor', '--offline'])
    text = summary.read_text()
    assert '| `key.empty` |' in text
    assert '`key.sources`' not in text  # it follows from key.empty
    assert 'skip' not in text
    assert re.search(r'✅ \d+ checks passed — exit 1', text)
