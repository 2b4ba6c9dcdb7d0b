"""Doctor check renderers: text checklist, JSON schema, GitHub annotations and step summary."""

from __future__ import annotations

import json

import click
import pytest

from ffaudit.cli import doctor as cli_doctor
from ffaudit.cli import explain as cli_explain
from ffaudit.model import CheckResult
from ffaudit.model import DoctorSummary
from ffaudit.model import Format
from ffaudit.model import KeySource
from ffaudit.model import SourceState
from ffaudit.model import Status
from ffaudit.report import checks
from ffaudit.report import checks_github

WINNER = KeySource('env:FIREFLIES_API_KEY', SourceState.SET, 'aaaabbbbcccc', 36)
STALE = KeySource('dotenv:.env', SourceState.SET, 'ddddeeeeffff', 36)
SUMMARY = DoctorSummary(
    versions=(('ffaudit', '0.1.0'), ('Python', '3.11.7'), ('requests', '2.34.2')),
    credential=WINNER,
    shadowed=(STALE,),
    sources=(WINNER, STALE),
    exit_code=1,
)
RESULTS = [
    CheckResult(
        'key.sources', Status.PASS, 'API key from env', '', 'Credentials', (('length', '36'),)
    ),
    CheckResult(
        'key.whitespace', Status.FAIL, 'The key ends with a CR', 'save it, 100%', 'Credentials'
    ),
    CheckResult('env.netrc', Status.WARN, 'netrc: "default"\nentry', 'pass auth=', 'Environment'),
    CheckResult('header.parse', Status.SKIP, 'no header given', '', 'Request'),
]


def test_text_layout():
    text = checks.render_checks(RESULTS, SUMMARY, Format.TEXT)
    assert text == (
        'ffaudit doctor · ffaudit 0.1.0 · Python 3.11.7 · requests 2.34.2\n'
        '\n'
        'Credentials\n'
        '  ✓ API key from env  length=36  (key.sources)\n'
        '  ✗ The key ends with a CR  (key.whitespace)\n'
        '    → save it, 100%\n'
        '\n'
        'Environment\n'
        '  ! netrc: "default"\\nentry  (env.netrc)\n'
        '    → pass auth=\n'
        '\n'
        'Request\n'
        '  - no header given  (header.parse)\n'
        '\n'
        '1 failed · 1 warning · 1 passed · 1 skipped — exit 1\n'
    )


def test_text_ascii_and_color():
    text = checks.render_checks(RESULTS, SUMMARY, Format.TEXT, ascii=True, color=True)
    assert '\x1b[31m[FAIL]\x1b[0m The key' in text
    assert '    -> save it' in text
    assert text.isascii()
    assert '\x1b' not in checks.render_checks(RESULTS, SUMMARY, Format.TEXT)


def test_json_schema():
    doc = json.loads(checks.render_checks(RESULTS, SUMMARY, Format.JSON))
    assert doc['schema_version'] == 2
    assert doc['tool'] == {'name': 'ffaudit', 'version': '0.1.0'}
    assert doc['environment'] == {'python': '3.11.7', 'requests': '2.34.2', 'ci': None}
    assert doc['credential'] == {
        'source': 'env:FIREFLIES_API_KEY',
        'length': 36,
        'fingerprint': 'aaaabbbbcccc',
        'shadowed': [{'source': 'dotenv:.env', 'length': 36, 'fingerprint': 'ddddeeeeffff'}],
    }
    assert [s['state'] for s in doc['sources']] == ['set', 'set']
    assert doc['checks'][1] == {
        'id': 'key.whitespace',
        'section': 'Credentials',
        'status': 'fail',
        'message': 'The key ends with a CR',
        'remediation': 'save it, 100%',
        'caused_by': None,
        'details': {},
    }
    assert doc['summary'] == {'pass': 1, 'warn': 1, 'fail': 1, 'skip': 1, 'inconclusive': 0}
    assert doc['exit_code'] == 1
    assert (doc['verdict'], doc['not_checked']) == ('problem', [])


def test_json_without_credential():
    doc = json.loads(checks.render_checks([], DoctorSummary(), Format.JSON))
    assert doc['credential'] is None


def test_github_annotations_escaped_and_capped():
    many = [CheckResult(f'k.{i}', Status.FAIL, 'm', '', 'S') for i in range(12)]
    out = checks.render_checks([*RESULTS, *many], SUMMARY, Format.GITHUB)
    assert (
        '::error title=ffaudit doctor (key.whitespace)::The key ends with a CR — save it, 100%25\n'
        in out
    )
    assert (
        '::warning title=ffaudit doctor (env.netrc)::netrc: "default"\\nentry — pass auth=\n' in out
    )
    assert out.count('::error ') == 10
    assert out.startswith('ffaudit doctor ·')


def test_annotation_title_and_message_are_escaped():
    result = CheckResult('x:y,z', Status.FAIL, '50% done\n::error::forged', 'fix\rit')
    out = checks_github.render_annotations([result], 'ffaudit doctor')
    assert (
        out == '::error title=ffaudit doctor (x%3Ay%2Cz)::50%25 done%0A::error::forged — fix%0Dit\n'
    )


def test_step_summary_has_no_fingerprints():
    md = checks.render_step_summary(RESULTS, SUMMARY)
    assert md.startswith(
        '### ffaudit doctor\n\n| check | status | message | fix |\n|---|---|---|---|\n'
    )
    assert '| `key.whitespace` | ❌ fail | The key ends with a CR | save it, 100% |' in md
    assert 'aaaabbbb' not in md
    assert 'length' not in md


@pytest.mark.parametrize('fmt', list(Format))
def test_every_format_is_handled(fmt):
    if fmt is Format.SARIF:
        with pytest.raises(ValueError, match='no SARIF form'):
            checks.render_checks(RESULTS, SUMMARY, fmt)
    else:
        assert checks.render_checks(RESULTS, SUMMARY, fmt).endswith('\n')


@pytest.mark.parametrize('command', (cli_doctor.doctor, cli_explain.explain))
def test_format_option_offers_exactly_the_formats_render_checks_renders(command):
    (option,) = [p for p in command.params if p.name == 'fmt']
    assert isinstance(option.type, click.Choice)
    rendered = set()
    for fmt in Format:
        try:
            checks.render_checks(RESULTS, SUMMARY, fmt)
        except ValueError:
            continue
        rendered.add(fmt.value)
    assert set(option.type.choices) == rendered


@pytest.mark.parametrize(
    ('env', 'isatty', 'expected'),
    (
        ({}, True, True),
        ({}, False, False),
        ({'NO_COLOR': '1'}, True, False),
        ({'NO_COLOR': ''}, True, True),
        ({'FORCE_COLOR': '1'}, False, True),
        ({'NO_COLOR': '1', 'FORCE_COLOR': '1'}, False, False),
        ({'TERM': 'dumb'}, True, False),
        ({'TERM': 'dumb', 'FORCE_COLOR': '1'}, True, True),
        ({'TERM': 'xterm'}, True, True),
    ),
)
def test_use_color(env, isatty, expected):
    assert checks.use_color(env, isatty) is expected


@pytest.mark.parametrize(
    ('encoding', 'expected'),
    (('utf-8', True), ('cp1252', False), ('ascii', False), (None, False), ('nope', False)),
)
def test_can_encode(encoding, expected):
    assert checks.can_encode(encoding) is expected


def test_github_annotates_inconclusive_as_an_error():
    results = [CheckResult('auth.probe', Status.INCONCLUSIVE, 'HTTP 503', 'try later', 'API')]
    text = checks.render_checks(results, SUMMARY, Format.GITHUB)
    assert '::error title=ffaudit doctor (auth.probe)::HTTP 503 — try later\n' in text


def test_title_names_the_command():
    summary = DoctorSummary(exit_code=1, title='ffaudit explain')
    text = checks.render_checks(RESULTS, summary, Format.GITHUB)
    assert text.startswith('ffaudit explain\n')
    assert '::error title=ffaudit explain (key.whitespace)::' in text
    assert checks.render_step_summary(RESULTS, summary).startswith('### ffaudit explain\n')


INJECTED = CheckResult(
    'auth.identity',
    Status.FAIL,
    'Key belongs to Evil\n::error::injected\r\x1b]0;title\x07\x9b31m\u2028x',
    'fix\n::add-mask::x',
    'Fireflies API',
    (('name', 'a\n::stop-commands::t'),),
)


@pytest.mark.parametrize('fmt', (Format.TEXT, Format.GITHUB, Format.JSON))
def test_control_characters_never_reach_the_output(fmt):
    out = checks.render_checks([INJECTED], SUMMARY, fmt)
    lines = out.splitlines()
    assert not any(line.startswith('::error::') for line in lines)
    assert not any(line.lstrip().startswith(('::add-mask', '::stop-commands')) for line in lines)
    assert not any(c in out for c in '\r\x1b\x07\x9b\u2028')
    if fmt is Format.JSON:
        message = json.loads(out)['checks'][0]['message']
        assert message.startswith('Key belongs to Evil\\n::error::injected\\r\\x1b]0;title')


def test_control_characters_are_shown_as_escapes():
    text = checks.render_checks([INJECTED], SUMMARY, Format.TEXT)
    assert (
        '  ✗ Key belongs to Evil\\n::error::injected\\r\\x1b]0;title\\x07\\x9b31m\\u2028x'
        '  name=a\\n::stop-commands::t  (auth.identity)\n'
        '    → fix\\n::add-mask::x\n'
    ) in text


def test_step_summary_is_cleaned_and_leaves_out_fingerprints():
    rejected = CheckResult(
        'auth.probe',
        Status.FAIL,
        'Fireflies rejected the key; key from env, fingerprint 0123456789ab',
        'compare aaaabbbbcccc with the key page',
        'Fireflies API',
    )
    md = checks.render_step_summary([rejected, INJECTED], SUMMARY)
    assert '0123456789ab' not in md
    assert 'aaaabbbbcccc' not in md
    assert 'fingerprint (not shown)' in md
    assert '\n::' not in md
    assert '\x1b' not in md


def test_json_ascii_escapes_non_ascii_text():
    results = [CheckResult('auth.identity', Status.PASS, 'Key belongs to \u5f20\u4f1f', '', 'API')]
    text = checks.render_checks(results, SUMMARY, Format.JSON, ascii=True)
    assert text.isascii()
    assert json.loads(text)['checks'][0]['message'] == 'Key belongs to \u5f20\u4f1f'
