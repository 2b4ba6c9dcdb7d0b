"""--header - paste forms: shell variables, compound commands,
httpie, wget, PowerShell, code/JSON, curl -v, Chrome copies, responses, unrecognised input.
"""

from __future__ import annotations

import base64

import pytest

from ffaudit.doctor.header import checks
from ffaudit.doctor.header import parse
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.model import Status

KEY = '5d7b7c54-088c-44c5-aead-3a5098e1556c'  # pragma: allowlist secret
OTHER = '407f8854-0042-4269-9900-2e7b57dcbd2a'  # pragma: allowlist secret
ENV = {'FIREFLIES_API_KEY': KEY}
URL = 'https://api.fireflies.ai/graphql'
# The README's own command must pass.
README_CURL = (
    f'curl -si {URL} -H "Authorization: Bearer $FIREFLIES_API_KEY" '
    """-H 'Content-Type: application/json' -d '{"query":"{ user { email } }"}'"""
)


def _parse_check(text: str, env: dict[str, str] | None = None) -> tuple[Status, str, str]:
    result = checks.check_parse(DoctorInput(header=text, env=env or {}))
    return result.status, result.message, result.hint


@pytest.mark.parametrize(
    'text',
    (
        pytest.param(README_CURL, id='readme-double-quotes'),
        pytest.param(f'curl -H "Authorization: Bearer ${{FIREFLIES_API_KEY}}" {URL}', id='braces'),
        pytest.param(f'curl -H Authorization:\\ Bearer\\ $FIREFLIES_API_KEY {URL}', id='bare'),
        pytest.param(f'curl -H "Authorization: Bearer $env:FIREFLIES_API_KEY" {URL}', id='ps-env'),
    ),
)
def test_shell_variables_are_expanded_from_the_doctors_env(text):
    parsed = parse.parse(text, ENV)
    assert (parsed.token, parsed.expanded, parsed.unset) == (KEY, ('FIREFLIES_API_KEY',), ())
    status, message, _ = _parse_check(text, ENV)
    assert status is Status.PASS
    assert 'would expand' in message
    assert message.endswith('FIREFLIES_API_KEY; checked its value from the environment')


def test_readme_curl_message_is_exact():
    assert _parse_check(README_CURL, ENV)[1] == (
        'Read a curl command from stdin; the shell would expand $FIREFLIES_API_KEY; '
        'checked its value from the environment'
    )


def test_single_quoted_variable_is_the_real_bug():
    text = f"curl -H 'Authorization: Bearer $FIREFLIES_API_KEY' {URL}"
    parsed = parse.parse(text, ENV)
    assert (parsed.token, parsed.literal_vars) == ('$FIREFLIES_API_KEY', ('FIREFLIES_API_KEY',))
    status, message, hint = _parse_check(text, ENV)
    assert status is Status.FAIL
    assert "'$FIREFLIES_API_KEY' is in single quotes" in message
    assert hint == 'Use double quotes: -H "Authorization: Bearer $FIREFLIES_API_KEY"'


def test_unset_variable_fails_and_sends_an_empty_key():
    text = f'curl -H "Authorization: Bearer $FF_MISSING" {URL}'
    assert parse.parse(text, ENV).token == ''
    status, message, hint = _parse_check(text, ENV)
    assert (status, hint) == (
        Status.FAIL,
        'Set FF_MISSING where the request runs (and run the doctor there)',
    )
    assert 'would fill in $FF_MISSING, which is not set in this environment' in message


def test_without_env_the_variable_stays_as_written():
    parsed = parse.parse(README_CURL)
    assert (parsed.token, parsed.expanded, parsed.unset) == ('$FIREFLIES_API_KEY', (), ())


@pytest.mark.parametrize(
    ('text', 'form'),
    (
        pytest.param(f"X=1 && curl -H 'Authorization: Bearer {KEY}' {URL}", 'curl', id='and'),
        pytest.param(f"R=$(curl -s -H 'Authorization: Bearer {KEY}' {URL})", 'curl', id='subst'),
        pytest.param(
            f"# fetch the user\ncurl -H 'Authorization: Bearer {KEY}' {URL}", 'curl', id='comment'
        ),
        pytest.param(f"# curl -H 'Authorization: Bearer {KEY}' {URL}", 'curl', id='root-prompt'),
        pytest.param(
            f"PS C:\\> curl.exe -H 'Authorization: Bearer {KEY}' {URL}", 'curl', id='ps-prompt'
        ),
        pytest.param(
            f"set -e; curl -H 'Authorization: Bearer {KEY}' {URL} | jq .", 'curl', id='pipe'
        ),
        pytest.param(
            f"http POST {URL} Authorization:'Bearer {KEY}' query='{{ user {{ email }} }}'",
            'httpie',
            id='httpie',
        ),
        pytest.param(
            f'https -A bearer -a {KEY} api.fireflies.ai/graphql', 'httpie', id='httpie-auth'
        ),
        pytest.param(f"wget --header='Authorization: Bearer {KEY}' {URL}", 'wget', id='wget-eq'),
        pytest.param(f"wget --header 'Authorization: Bearer {KEY}' {URL}", 'wget', id='wget'),
        pytest.param(
            f'Invoke-RestMethod -Uri {URL} -Method Post -Headers @{{Authorization="Bearer {KEY}"}}',
            'powershell',
            id='powershell',
        ),
        pytest.param(
            f"$h = @{{ 'Authorization' = 'Bearer {KEY}' }}\niwr -Uri '{URL}' -Headers $h",
            'powershell',
            id='powershell-hashtable',
        ),
        pytest.param(f'{{"Authorization": "Bearer {KEY}"}}', 'code', id='json'),
        pytest.param(f"headers = {{'Authorization': 'Bearer ' + '{KEY}'}}", 'code', id='concat'),
        pytest.param(
            f"requests.post(u, headers={{'Authorization': 'Bearer %s' % '{KEY}'}})",
            'code',
            id='percent',
        ),
        pytest.param(
            f'* Connected\n> POST /graphql HTTP/2\n> Host: api.fireflies.ai\n'
            f'> authorization: Bearer {KEY}\n>\n< HTTP/2 401\n',
            'http',
            id='curl-v',
        ),
        pytest.param(
            f'authorization\nBearer {KEY}\ncontent-type\napplication/json\n', 'chrome', id='chrome'
        ),
        pytest.param(f'Authorization:\nBearer {KEY}\n', 'chrome', id='chrome-colon'),
    ),
)
def test_paste_forms_are_parsed(text, form):
    parsed = parse.parse(text, ENV)
    assert (parsed.form, parsed.token, parsed.error) == (form, KEY, '')


def test_httpie_sends_json_and_url_gets_a_scheme():
    parsed = parse.parse(f"https POST api.fireflies.ai/graphql 'Authorization:Bearer {KEY}' a=1")
    assert (parsed.url, parsed.has_body, parsed.content_type) == (URL, True, 'application/json')


def test_httpie_basic_auth_is_reported():
    parsed = parse.parse(f'http -a me:{KEY} {URL}')
    assert (parsed.form, parsed.basic_user, parsed.token) == ('httpie', True, None)


def test_wget_post_data_lacks_json_content_type():
    text = f"wget --header='Authorization: Bearer {KEY}' --post-data='{{}}' {URL}"
    result = checks.check_content_type(DoctorInput(header=text))
    assert result.status is Status.FAIL
    assert 'wget --post-data sends application/x-www-form-urlencoded' in result.message


def test_powershell_body_and_content_type():
    text = (
        f'Invoke-RestMethod -Uri {URL} -Method Post -Body $b -ContentType "application/json" '
        f'-Headers @{{Authorization="Bearer {KEY}"}}'
    )
    parsed = parse.parse(text)
    assert (parsed.url, parsed.has_body, parsed.content_type) == (URL, True, 'application/json')


@pytest.mark.parametrize(
    ('text', 'expanded', 'token'),
    (
        pytest.param(
            "{'Authorization': f'Bearer {os.getenv(\"FIREFLIES_API_KEY\")}'}",
            'FIREFLIES_API_KEY',
            KEY,
            id='py',
        ),
        pytest.param(
            '{ Authorization: `Bearer ${process.env.FIREFLIES_API_KEY}` }',
            'FIREFLIES_API_KEY',
            KEY,
            id='js',
        ),
        pytest.param(
            "{'Authorization': f'Bearer {os.getenv(\"NOPE\")}'}", 'NOPE', 'None', id='py-unset'
        ),
        pytest.param(
            '{ Authorization: `Bearer ${process.env.NOPE}` }', 'NOPE', 'undefined', id='js-unset'
        ),
        pytest.param(
            '@{Authorization = "Bearer $env:FIREFLIES_API_KEY"}', 'FIREFLIES_API_KEY', KEY, id='ps'
        ),
    ),
)
def test_code_environment_reads_are_filled_in(text, expanded, token):
    parsed = parse.parse(text, ENV)
    assert (parsed.expanded, parsed.token) == ((expanded,), token)


def test_code_expression_is_opaque_and_warned():
    text = "headers={'Authorization': f'Bearer {key}'}"
    parsed = parse.parse(text, ENV)
    assert (parsed.form, parsed.token, parsed.interpolated) == ('code', None, 'key')
    status, message, _ = _parse_check(text, ENV)
    assert status is Status.WARN
    assert 'the key comes from `key`, which the doctor cannot evaluate' in message
    assert checks.check_scheme(DoctorInput(header=text)).status is Status.PASS


def test_code_expression_that_looks_like_a_key_is_masked():
    text = f"headers={{'Authorization': 'Bearer ' + k_{KEY.replace('-', '')}}}"
    status, message, _ = _parse_check(text)
    assert (status, KEY.replace('-', '')[:8] in message) == (Status.WARN, False)


@pytest.mark.parametrize(
    'text',
    (
        pytest.param(
            'HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n{}', id='status'
        ),
        pytest.param('{"errors": [{"code": "auth_failed"}]}', id='json-body'),
        pytest.param("{'data': {'user': None}}", id='python-repr'),
        pytest.param('< HTTP/2 200\n< content-type: application/json\n', id='curl-v-response'),
    ),
)
def test_a_response_points_to_explain(text):
    parsed = parse.parse(text)
    assert (parsed.form, parsed.error) == ('response', 'This is a response: use `ffaudit explain`')
    assert _parse_check(text)[2] == 'ffaudit explain - reads a captured Fireflies response'


@pytest.mark.parametrize(
    'text',
    (
        pytest.param('please check why my key does not work', id='prose'),
        pytest.param(f'{KEY}\n{OTHER}\n', id='two-lines'),
        pytest.param(f'echo {KEY} && true', id='other-command'),
    ),
)
def test_unrecognised_input_is_named(text):
    status, message, _ = _parse_check(text)
    assert (status, message) == (
        Status.FAIL,
        'Input not recognised: give an Authorization header line, a raw request '
        'or a curl/httpie/wget/PowerShell command',
    )


@pytest.mark.parametrize('text', (f'{KEY};', f'{KEY}.', f'{{{KEY}}}', f'Bearer {KEY} '))
def test_short_bare_values_stay_values(text):
    parsed = parse.parse(text)
    assert (parsed.form, parsed.values) == ('value', (text,))


@pytest.mark.parametrize(
    ('text', 'fragment'),
    (
        pytest.param(f'Authorization:\tBearer\t{KEY}', "'Bearer' is followed by a tab", id='tabs'),
        pytest.param(f'Bearer   {KEY}', "'Bearer' is followed by 3 spaces", id='three-spaces'),
        pytest.param(f'Bearer \t{KEY}', 'a space and a tab', id='mixed'),
        pytest.param(f'Bearer\u00a0{KEY}', 'no-break space (U+00A0)', id='nbsp'),
    ),
)
def test_scheme_gap_must_be_one_space(text, fragment):
    result = checks.check_scheme(DoctorInput(header=text))
    assert (result.status, fragment in result.message) == (Status.FAIL, True)
    assert KEY[:8] not in result.message


def test_tab_after_the_header_colon_is_allowed():
    assert (
        checks.check_scheme(DoctorInput(header=f'Authorization:\tBearer {KEY}')).status
        is Status.PASS
    )


@pytest.mark.parametrize(
    'text', (f'Bearer {KEY}, Bearer {OTHER}', f'Authorization: Bearer {KEY},{OTHER}')
)
def test_comma_separated_credentials_fail(text):
    result = checks.check_count(DoctorInput(header=text))
    assert (result.status, result.message) == (
        Status.FAIL,
        'The Authorization value holds 2 comma-separated credentials',
    )
    assert parse.parse(text).token == KEY


def test_trailing_comma_is_one_credential_kept_for_the_key_checks():
    parsed = parse.parse(f'Bearer {KEY},')
    assert (parsed.credentials, parsed.token) == (1, f'{KEY},')


def test_basic_scheme_yields_the_password_not_a_name_assignment():
    encoded = base64.b64encode(f'api:{KEY}'.encode()).decode()
    parsed = parse.parse(f'Authorization: Basic {encoded}')
    assert parsed.token == KEY
    result = checks.check_scheme(DoctorInput(header=f'Basic {encoded}'))
    assert (result.status, result.message) == (
        Status.FAIL,
        'The scheme is Basic; Fireflies expects Bearer',
    )


def test_basic_with_junk_keeps_the_raw_value():
    assert parse.parse('Basic not*base64').token == 'not*base64'


def test_oauth2_bearer_variable_is_expanded():
    parsed = parse.parse(f'curl --oauth2-bearer "$FIREFLIES_API_KEY" {URL}', ENV)
    assert (parsed.token, parsed.expanded) == (KEY, ('FIREFLIES_API_KEY',))
