"""Key text checks: one table per check, hits and passes."""

from __future__ import annotations

import pytest

from ffaudit import doctor
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.doctor.key import text_checks
from ffaudit.model import Status

KEY = '97a11681-ecf5-412d-9a99-4ce35a80be93'  # pragma: allowlist secret
HEX = 'f11698ba740c4b1eb7a49139f34f2432'  # pragma: allowlist secret


@pytest.mark.parametrize(
    ('value', 'status', 'fragment'),
    (
        pytest.param(KEY, Status.PASS, 'No stray', id='clean'),
        pytest.param(f' {KEY}', Status.FAIL, 'starts with a space', id='leading-space'),
        pytest.param(f'{KEY}\r', Status.FAIL, 'carriage return (\\r), likely CRLF', id='cr'),
        pytest.param(f'{KEY}\n', Status.FAIL, 'newline', id='lf'),
        pytest.param(f'{KEY}\t', Status.FAIL, 'tab', id='tab'),
        pytest.param(f'{KEY[:8]} {KEY[9:]}', Status.FAIL, 'U+0020 SPACE at index 8', id='inside'),
        pytest.param(f'\xa0{KEY}', Status.FAIL, 'U+00A0 NO-BREAK SPACE', id='nbsp'),
    ),
)
def test_whitespace(value, status, fragment):
    got, message, _ = text_checks.whitespace(value)
    assert (got, fragment in message) == (status, True)


@pytest.mark.parametrize(
    ('value', 'status'),
    (
        pytest.param(KEY, Status.PASS, id='clean'),
        pytest.param(f'"{KEY}"', Status.FAIL, id='double'),
        pytest.param(f"'{KEY}'", Status.FAIL, id='single'),
        pytest.param(f'`{KEY}`', Status.FAIL, id='backtick'),
        pytest.param(f'\u201c{KEY}\u201d', Status.FAIL, id='smart-double'),
        pytest.param(f'\u2018{KEY}\u2019', Status.FAIL, id='smart-single'),
        pytest.param(f'{KEY}"', Status.FAIL, id='half'),
    ),
)
def test_quotes(value, status):
    assert text_checks.quotes(value)[0] is status


@pytest.mark.parametrize(
    ('value', 'word'),
    (
        pytest.param(f'Bearer {KEY}', 'Bearer', id='bearer'),
        pytest.param(f'bearer:{KEY}', 'Bearer', id='bearer-colon'),
        pytest.param(f'Token {KEY}', 'Token', id='token'),
        pytest.param(f'Basic {KEY}', 'Basic', id='basic'),
        pytest.param(f'Authorization: Bearer {KEY}', 'Authorization', id='header-line'),
        pytest.param(f'"Bearer {KEY}"', 'Bearer', id='quoted'),
    ),
)
def test_scheme_hit(value, word):
    status, message, _ = text_checks.scheme(value)
    assert status is Status.FAIL
    assert f"'{word}'" in message


def test_scheme_clean():
    assert text_checks.scheme(KEY)[0] is Status.PASS


@pytest.mark.parametrize(
    ('value', 'kind'),
    (
        pytest.param('your_api_key', 'documentation placeholder', id='your'),
        pytest.param('YOUR-API-KEY-HERE', 'documentation placeholder', id='your-upper'),
        pytest.param('<API_KEY>', 'documentation placeholder', id='angle'),
        pytest.param('xxxxxxxxxxxx', 'dummy', id='xxx'),
        pytest.param('***', 'dummy', id='masked'),
        pytest.param('${FIREFLIES_API_KEY}', 'shell variable', id='braced'),
        pytest.param('$FIREFLIES_API_KEY', 'shell variable', id='dollar'),
        pytest.param('%FIREFLIES_API_KEY%', 'Windows variable', id='percent'),
        pytest.param('{{ secrets.FIREFLIES_API_KEY }}', 'template', id='actions'),
        pytest.param('${{ secrets.FIREFLIES_API_KEY }}', 'template', id='actions-dollar'),
        pytest.param('None', 'null', id='none'),
        pytest.param('null', 'null', id='null'),
        pytest.param('undefined', 'null', id='undefined'),
        pytest.param('"undefined"', 'null', id='quoted-undefined'),
        pytest.param('FIREFLIES_API_KEY', 'variable name', id='name'),
    ),
)
def test_placeholder_hit(value, kind):
    status, message, _ = text_checks.placeholder(value)
    assert status is Status.FAIL
    assert kind in message


@pytest.mark.parametrize('value', (KEY, HEX, 'sk-proj-abc', 'nonexistent'))
def test_placeholder_noop(value):
    assert text_checks.placeholder(value)[0] is Status.PASS


@pytest.mark.parametrize(
    ('value', 'fragment'),
    (
        pytest.param(f'{KEY}\u200b', f'U+200B ZERO WIDTH SPACE at index {len(KEY)}', id='zwsp'),
        pytest.param(f'\ufeff{KEY}', 'U+FEFF ZERO WIDTH NO-BREAK SPACE at index 0', id='bom'),
        pytest.param(
            f'{KEY[:20]}\u2026',
            'U+2026 HORIZONTAL ELLIPSIS at index 20 (a truncated',
            id='ellipsis',
        ),
        pytest.param(f'{KEY}\x00', 'U+0000 NUL', id='nul'),
        pytest.param(f'{KEY}\x1b', 'U+001B ESC', id='esc'),
        pytest.param(
            f'{KEY[:5]}\u0430{KEY[6:]}', 'CYRILLIC SMALL LETTER A at index 5', id='cyrillic'
        ),
        pytest.param('\u00e9' * 5, 'and 2 more', id='capped'),
    ),
)
def test_charset_hit(value, fragment):
    status, message, _ = text_checks.charset(value)
    assert status is Status.FAIL
    assert fragment in message


def test_charset_ascii_passes_even_with_edge_whitespace():
    assert text_checks.charset(f' {KEY}\r\n')[0] is Status.PASS


@pytest.mark.parametrize(
    ('value', 'status', 'fragment'),
    (
        pytest.param(KEY, Status.PASS, 'Looks like a Fireflies key', id='uuid4'),
        pytest.param(KEY.upper(), Status.PASS, 'Looks like a Fireflies key', id='uuid4-upper'),
        pytest.param(HEX, Status.PASS, 'Looks like a Fireflies key', id='hex32'),
        pytest.param(f'"{KEY}"', Status.PASS, 'Looks like a Fireflies key', id='quoted-inside'),
        pytest.param('sk-proj-' + 'a' * 40, Status.WARN, 'OpenAI', id='openai'),
        pytest.param('sk-ant-api03-' + 'a' * 40, Status.WARN, 'Anthropic', id='anthropic'),
        pytest.param('ghp_' + 'a' * 36, Status.WARN, 'GitHub', id='github'),
        pytest.param('eyJhbGciOi.eyJzdWIiOi.sig_nature', Status.WARN, 'JWT', id='jwt'),
        pytest.param('xoxb-123-abc', Status.WARN, 'Slack', id='slack'),
        pytest.param('abc123', Status.WARN, 'only 6 characters long', id='short'),
    ),
)
def test_shape(value, status, fragment):
    got, message, _ = text_checks.shape(value)
    assert (got, fragment in message) == (status, True)


@pytest.mark.parametrize(('check_id', 'check'), text_checks.CHECKS)
@pytest.mark.parametrize('key', (None, '', '   '))
def test_checks_skip_without_a_key(check_id, check, key):
    result = check(DoctorInput(key=key))
    assert (result.check, result.status) == (check_id, Status.SKIP)


@pytest.mark.parametrize(('check_id', 'judge'), text_checks.JUDGES)
def test_each_check_reports_its_judges_verdict_under_its_id(check_id, judge):
    checks = dict(text_checks.CHECKS)
    for value in (KEY, f' "Bearer {KEY}…"\r', 'changeme'):
        result = checks[check_id](DoctorInput(key=value))
        assert (result.status, result.message, result.hint) == judge(value)
        assert (result.check, result.section) == (check_id, text_checks.SECTION)


def test_the_registry_lists_the_key_checks_once_in_order():
    ids = [cid for _, checks in doctor.CHECKS for cid, _ in checks]
    key_ids = [cid for cid, _ in text_checks.JUDGES]
    start = ids.index(key_ids[0])
    assert ids[start : start + len(key_ids)] == key_ids
    assert len(key_ids) == len(set(ids) & set(key_ids))


def test_messages_never_echo_the_key():
    bad = f'"Bearer {KEY}\u2026\r'
    for judge in (
        text_checks.whitespace,
        text_checks.quotes,
        text_checks.scheme,
        text_checks.placeholder,
        text_checks.charset,
        text_checks.shape,
    ):
        _, message, hint = judge(bad)
        assert not any(KEY[i : i + 6] in message + hint for i in range(len(KEY) - 5))


@pytest.mark.parametrize(
    ('value', 'fragment'),
    (
        pytest.param(f'Bearer{KEY}', "'Bearer'", id='bearer-no-space'),
        pytest.param(f'FIREFLIES_API_KEY={KEY}', "'FIREFLIES_API_KEY='", id='assignment'),
        pytest.param(f'export FIREFLIES_API_KEY="{KEY}"', "'FIREFLIES_API_KEY='", id='export'),
        pytest.param(f'FIREFLIES_API_KEY: {KEY}', "'FIREFLIES_API_KEY='", id='yaml'),
        pytest.param(f'ab_{KEY[:8]}={KEY}', "'NAME='", id='unsafe-name-hidden'),
    ),
)
def test_scheme_and_assignment_prefixes(value, fragment):
    status, message, _ = text_checks.scheme(value)
    assert status is Status.FAIL
    assert fragment in message
    assert KEY[:8] not in message


@pytest.mark.parametrize(
    'value',
    (
        'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx',
        '00000000-0000-0000-0000-000000000000',
        'test-key',
        'api_key',
        'secret',
    ),
)
def test_more_placeholders(value):
    assert text_checks.placeholder(value)[0] is Status.FAIL


@pytest.mark.parametrize(
    ('value', 'status', 'fragment'),
    (
        pytest.param(f'{KEY[:20]}...', Status.FAIL, "ends with '...' (len=23)", id='dots'),
        pytest.param(KEY[:30], Status.WARN, 'first 30 characters', id='uuid-prefix'),
        pytest.param('a1b2c3d4e', Status.WARN, 'only 9 characters long', id='nine'),
    ),
)
def test_truncated_keys(value, status, fragment):
    got, message, _ = text_checks.shape(value)
    assert (got, fragment in message) == (status, True)


def test_internal_whitespace_is_named():
    _, message, _ = text_checks.whitespace(f'{KEY[:8]}\t{KEY[9:20]}\u3000{KEY[21:]}')
    assert message == (
        'The key contains whitespace: U+0009 CHARACTER TABULATION at index 8, '
        'U+3000 IDEOGRAPHIC SPACE at index 20'
    )


@pytest.mark.parametrize(
    ('value', 'fragment'),
    (
        pytest.param(f'{KEY}\\n', 'a literal \\n (an escaped line end', id='literal-lf'),
        pytest.param(f'{KEY}\\r\\n', 'a literal \\r\\n', id='literal-crlf'),
        pytest.param(f'{KEY}%0A', 'a literal %0A', id='url-encoded-lf'),
        pytest.param(f'{KEY}.', "with '.' after it", id='period'),
        pytest.param(f'{KEY},', "with ',' after it", id='comma'),
        pytest.param(f'{KEY};', "with ';' after it", id='semicolon'),
        pytest.param(f'{{{KEY}}}', 'brackets around it: {...}', id='braces'),
        pytest.param(f'({KEY})', 'brackets around it: (...)', id='parens'),
        pytest.param(f'[{KEY}]', 'brackets around it: [...]', id='square'),
        pytest.param(f'<{KEY}>', 'brackets around it: <...>', id='angle'),
        pytest.param(f'{HEX}.', "with '.' after it", id='hex-period'),
        pytest.param(f'{KEY}0', '1 extra character after it', id='one-char'),
        pytest.param(f'x{KEY}yz', '1 extra character before it and 2 extra characters', id='both'),
        pytest.param(KEY + KEY, 'pasted twice', id='twice'),
        pytest.param(f'{KEY} {KEY}', 'pasted twice', id='twice-spaced'),
        pytest.param(HEX + HEX, 'pasted twice', id='twice-hex'),
    ),
)
def test_shape_fails_on_a_key_with_something_around_it(value, fragment):
    status, message, hint = text_checks.shape(value)
    assert status is Status.FAIL
    assert fragment in message
    assert not any(KEY[i : i + 6] in message + hint for i in range(len(KEY) - 5))
    assert not any(HEX[i : i + 6] in message + hint for i in range(len(HEX) - 5))


@pytest.mark.parametrize('value', (f'[{KEY}]', f'<{KEY}>'))
def test_bracketed_real_key_is_not_called_a_placeholder(value):
    assert text_checks.placeholder(value)[0] is Status.PASS


@pytest.mark.parametrize(
    ('value', 'kind'),
    (
        pytest.param('$env:FIREFLIES_API_KEY', 'PowerShell variable', id='powershell'),
        pytest.param('${env:FIREFLIES_API_KEY}', 'VS Code variable', id='vscode'),
        pytest.param('TODO', 'dummy value', id='todo'),
        pytest.param('12345678-1234-1234-1234-123456789012', 'placeholder UUID', id='sequential'),
        pytest.param('550e8400-e29b-41d4-a716-446655440000', 'placeholder UUID', id='wikipedia'),
        pytest.param('op://vault/ff/key', 'secret-manager reference', id='1password'),
        pytest.param('arn:aws:secretsmanager:us-east-1:1:secret:ff', 'secret-manager', id='aws'),
        pytest.param('[API_KEY]', 'documentation placeholder ([...])', id='square-placeholder'),
    ),
)
def test_placeholder_catches_references_and_unexpanded_variables(value, kind):
    status, message, _ = text_checks.placeholder(value)
    assert status is Status.FAIL
    assert kind in message


@pytest.mark.parametrize(
    ('value', 'fix'),
    (
        pytest.param(f'{KEY} ', 'Remove the trailing whitespace', id='space'),
        pytest.param(f'{KEY}\t', 'Remove the trailing whitespace', id='tab'),
        pytest.param(f'{KEY}\xa0', 'Remove the trailing whitespace', id='nbsp'),
        pytest.param(f'{KEY}\n', 'without a newline', id='lf'),
        pytest.param(f'{KEY}\r\n', 'without a newline', id='crlf'),
    ),
)
def test_trailing_whitespace_remediation_names_the_right_fix(value, fix):
    assert fix in text_checks.whitespace(value)[2]


def test_one_character_is_singular():
    assert 'only 1 character long' in text_checks.shape('a')[1]


@pytest.mark.parametrize(
    ('value', 'status'),
    (
        pytest.param('12345678-1234-1234-1234-123456789012', Status.FAIL, id='not-v4'),
        pytest.param('550e8400-e29b-41d4-a716-446655440000', Status.FAIL, id='well-known'),
        pytest.param('6f1e2d3c-4b5a-4987-a123-456789abcdef', Status.WARN, id='v4-with-a-run'),
    ),
)
def test_placeholder_uuid_fails_unless_it_could_be_a_real_key(value, status):
    assert text_checks.placeholder(value)[0] is status
