"""Tables for the detection engine: what is a Fireflies credential, and what is not."""

from __future__ import annotations

import pytest

from ffaudit.engine import detect
from ffaudit.model import Confidence
from ffaudit.model import Rule
from ffaudit.redaction import fingerprint
from ffaudit.redaction import redact

KEY = 'd7e40bdf-24de-445c-92f7-5075b56c1253'  # pragma: allowlist secret
KEY_UPPER = KEY.upper()
HEX = '5717c66045b14e668d1ce9db869e8050'  # pragma: allowlist secret
HOOK = 'Zq8vN2xLp4Tr7KmW9sYb3Hc'  # pragma: allowlist secret
MD5 = '9e107d9d372bb6826bd81d3542a419d6'  # pragma: allowlist secret
SHA1 = '2fd4e1c67a2d28fced849ee1bb76e7391b93eb12'  # pragma: allowlist secret
ULID = '01K8ZQ3V5N2M7X4B9C6D1E0F2G'
HOST = 'https://api.fireflies.ai/graphql'

HIGH, MEDIUM, LOW = Confidence.HIGH, Confidence.MEDIUM, Confidence.LOW
API, HOOK_RULE = Rule.API_KEY, Rule.WEBHOOK_SECRET

HITS = [
    pytest.param(f'FIREFLIES_API_KEY={KEY}', API, HIGH, id='dotenv'),
    pytest.param(f'export FIREFLIES_API_KEY="{KEY}"', API, HIGH, id='shell-export'),
    pytest.param(f"fireflies_api_token: '{KEY}'", API, HIGH, id='elixir-yaml-token'),
    pytest.param(f'const firefliesApiKey = "{KEY}";', API, HIGH, id='js-camel'),
    pytest.param(f'public string FirefliesApiKey = "{KEY}";', API, HIGH, id='cs-pascal'),
    pytest.param(f'FIREFLIES_KEY = "{KEY}"', API, HIGH, id='short-name'),
    pytest.param(f'MONKE_FIREFLIES_API_KEY: {KEY}', API, HIGH, id='prefixed-ci-name'),
    pytest.param(f'FIREFLIES_API_KEY={KEY_UPPER}', API, HIGH, id='uppercase-hex'),
    pytest.param(f"key = process.env.FIREFLIES_API_KEY || '{KEY}'", API, HIGH, id='js-fallback'),
    pytest.param(f'k = os.getenv("FIREFLIES_API_KEY", "{KEY}")', API, HIGH, id='getenv-default'),
    pytest.param(f'k = os.environ.get("FIREFLIES_API_KEY") or "{KEY}"', API, HIGH, id='py-or'),
    pytest.param(f'apiKey := "{KEY}" // api.fireflies.ai', API, HIGH, id='go-walrus'),
    pytest.param(f"'api_key' => '{KEY}', # fireflies", API, HIGH, id='php-arrow'),
    pytest.param(f'fireflies_api_key: str = "{KEY}"', API, HIGH, id='py-annotated'),
    pytest.param(f'curl -H "Authorization: Bearer {KEY}" {HOST}', API, HIGH, id='curl'),
    pytest.param(f'HeaderValue("Bearer", "{KEY}"); // {HOST}', API, HIGH, id='cs-header'),
    pytest.param(f'https://api.fireflies.ai/graphql?api_key={KEY}', API, HIGH, id='query'),
    pytest.param(f'<add key="FirefliesApiKey" value="{KEY}" />', API, HIGH, id='xml-add'),
    pytest.param(f'<FirefliesApiKey>{KEY}</FirefliesApiKey>', API, HIGH, id='xml-element'),
    pytest.param(f'fireflies.api.key={KEY}', API, HIGH, id='properties'),
    pytest.param(f'"FIREFLIES_API_KEY = \\"{KEY}\\"\\n",', API, HIGH, id='notebook-escaped'),
    pytest.param(f'"{{\\"FIREFLIES_KEY\\": \\\\\\"{KEY}\\\\\\"}}"', API, HIGH, id='json-in-json'),
    pytest.param(f'FIREFLIES_API_KEY={KEY}\r', API, HIGH, id='crlf'),
    pytest.param(f'FIREFLIES_API_KEY=${{FIREFLIES_API_KEY:-{KEY}}}', API, HIGH, id='shell-default'),
    pytest.param(f'fireflies_api_key = "{HEX}"', API, MEDIUM, id='hex32'),
    pytest.param(f'FIREFLIES_WEBHOOK_SECRET={HOOK}', HOOK_RULE, MEDIUM, id='webhook'),
    pytest.param(f'webhook_secret: "{HOOK}"  # fireflies', HOOK_RULE, MEDIUM, id='webhook-generic'),
    pytest.param(f'firefliesWebhookSecret = "{KEY}"', HOOK_RULE, MEDIUM, id='webhook-uuid-value'),
]  # fmt: skip

NOOPS = [
    pytest.param(f'x = "{KEY}"  # fireflies', id='unbound-name'),
    pytest.param(f'{KEY}', id='bare-uuid'),
    pytest.param(f'FIREFLIES_API_KEY={KEY}  # pragma: allowlist secret', id='allowlist'),
    pytest.param(f'FIREFLIES_API_KEY={KEY}  # pragma: whitelist secret', id='allowlist-legacy'),
    pytest.param(f'FIREFLIES_API_KEY={KEY}  # ffaudit: ignore', id='ffaudit-ignore'),
    pytest.param('FIREFLIES_API_KEY = os.environ["FIREFLIES_API_KEY"]', id='environ'),
    pytest.param('key = os.getenv("FIREFLIES_API_KEY")', id='getenv'),
    pytest.param('const k = process.env.FIREFLIES_API_KEY;', id='process-env'),
    pytest.param('FIREFLIES_API_KEY=${FIREFLIES_API_KEY}', id='shell-var'),
    pytest.param('FIREFLIES_API_KEY: ${{ secrets.FIREFLIES_API_KEY }}', id='gh-secret'),
    pytest.param('set FIREFLIES_API_KEY=%FIREFLIES_API_KEY%', id='cmd-var'),
    pytest.param('FIREFLIES_API_KEY=your_api_key', id='placeholder-words'),
    pytest.param('FIREFLIES_API_KEY=<API_KEY>', id='placeholder-angle'),
    pytest.param('FIREFLIES_API_KEY=xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx', id='placeholder-x'),
    pytest.param('FIREFLIES_API_KEY=00000000-0000-0000-0000-000000000000', id='nil'),
    pytest.param('FIREFLIES_API_KEY=11111111-1111-4111-8111-111111111111', id='repeated'),
    pytest.param('FIREFLIES_API_KEY=12345678-1234-4234-8234-123456789012', id='sequential'),
    pytest.param('FIREFLIES_API_KEY=abcdabcd-abcd-4bcd-abcd-abcdabcdabcd', id='pattern'),
    pytest.param('FIREFLIES_API_KEY=a1b24c3d-a1b2-4c3d-a1b2-4c3da1b24c3d', id='pattern-8'),
    pytest.param(f'String = "{KEY}"  # fireflies', id='type-word-only'),
    pytest.param(f'# fireflies\n\n\n\n\n\ntoken = "{HEX}"', id='hex32-generic-far'),
    pytest.param(f'# fireflies\n\n\n\n\n\nwebhook_secret = "{HOOK}"', id='webhook-far'),
    pytest.param('FIREFLIES_API_KEY=***', id='stars'),
    pytest.param('FIREFLIES_API_KEY=changeme', id='changeme'),
    pytest.param(f'clientReferenceId: "{KEY}" # fireflies', id='client-reference-id'),
    pytest.param(f'"client_reference_id": "{KEY}", "event": "fireflies"', id='client-ref-snake'),
    pytest.param(f'meetingId = "{KEY}"  // api.fireflies.ai', id='meeting-id'),
    pytest.param(f'transcript_id: {KEY} # fireflies', id='transcript-id'),
    pytest.param(f'user_id = "{KEY}"  # fireflies user', id='user-id'),
    pytest.param(f'FIREFLIES_TRANSCRIPT_ID={ULID}', id='ulid'),
    pytest.param(f'HEROKU_API_KEY={KEY}', id='heroku'),
    pytest.param(f'FIREFLY_III_ACCESS_TOKEN={KEY}', id='firefly-iii'),
    pytest.param(f'ADOBE_FIREFLY_CLIENT_SECRET = "{KEY}"', id='adobe-firefly'),
    pytest.param(f'firefly_api_key = "{KEY}"  # Hyperledger FireFly', id='hyperledger'),
    pytest.param(f'FIREFLY_API_KEY={KEY}', id='misspelt-without-host'),
    pytest.param(f'HUBSPOT_API_KEY = "{KEY}" # fireflies sync', id='hubspot'),
    pytest.param(f'fireflies_md5 = "{MD5}"', id='md5-name'),
    pytest.param(f'checksum = "{MD5}"  # fireflies export', id='md5-near-fireflies'),
    pytest.param(f'fireflies_sha1 = "{SHA1}"', id='sha1'),
    pytest.param(f'token = "{HEX}"', id='hex32-generic-no-context'),
    pytest.param(f'if key == "{KEY}":  # fireflies', id='comparison'),
    pytest.param(f'Authorization: Bearer {KEY}  # heroku', id='bearer-other-vendor'),
    pytest.param('FIREFLIES_WEBHOOK_SECRET=${FIREFLIES_WEBHOOK_SECRET}', id='webhook-env'),
    pytest.param('FIREFLIES_WEBHOOK_SECRET=process.env.FIREFLIES_WEBHOOK_SECRET', id='webhook-pe'),
    pytest.param('FIREFLIES_WEBHOOK_SECRET=your-webhook-secret-here', id='webhook-placeholder'),
    pytest.param('FIREFLIES_WEBHOOK_SECRET=short', id='webhook-short'),
    pytest.param("WEBHOOK_SECRET = 'fireflies-webhook-secret'", id='webhook-rule-id'),
    pytest.param('FIREFLIES_WEBHOOK_SECRET=signing_secret_value_name', id='webhook-words'),
    pytest.param('fireflies_webhook_secret = settings.FIREFLIES_SECRET', id='webhook-reference'),
    pytest.param(f'webhook_secret = "{HOOK}"', id='webhook-no-context'),
]  # fmt: skip


@pytest.mark.parametrize(('line', 'rule', 'confidence'), HITS)
def test_scan_text_hit(line, rule, confidence):
    (match,) = detect.scan_text(line).matches
    assert (match.rule, match.confidence, match.line) == (rule, confidence, 1)
    assert line[match.column - 1 :].startswith(match.value)


@pytest.mark.parametrize('line', NOOPS)
def test_scan_text_noop(line):
    assert detect.scan_text(line).matches == ()


def test_scan_text_generic_name_is_a_candidate_without_context():
    scan = detect.scan_text(f'API_KEY={KEY}\n')
    assert scan.matches == ()
    assert [(c.line, c.column, c.confidence) for c in scan.candidates] == [(1, 9, LOW)]
    assert not scan.talks_to_fireflies


def test_scan_text_generic_name_near_fireflies_host_is_a_finding():
    text = f'URL = "https://api.fireflies.ai/graphql"\n\n\ntoken = "{KEY}"\n'
    (match,) = detect.scan_text(text).matches
    assert (match.line, match.column, match.confidence) == (4, 10, HIGH)


def test_scan_text_generic_name_far_from_context_in_a_talking_file_is_low():
    text = 'FIREFLIES_URL = "https://api.fireflies.ai/graphql"\n' + '\n' * 10 + f'token = "{KEY}"\n'
    scan = detect.scan_text(text)
    assert [(m.line, m.confidence) for m in scan.matches] == [(12, LOW)]
    assert scan.candidates == ()


def test_scan_text_candidate_stays_when_file_names_other_vendor():
    text = 'FIREFLIES_URL = "https://api.fireflies.ai"\nSENTRY_DSN=x\n' + '\n' * 10
    scan = detect.scan_text(text + f'token = "{KEY}"\n')
    assert scan.matches == ()
    assert len(scan.candidates) == 1
    assert scan.names_other_vendor


def test_scan_text_yaml_section():
    text = f'fireflies:\n  base_url: x\n  timeout: 30\n  retries: 3\n  other: 1\n  api_key: {KEY}\n'
    (match,) = detect.scan_text(text).matches
    assert (match.line, match.column) == (6, 12)


def test_scan_text_toml_section():
    text = f'[fireflies]\na = 1\nb = 2\nc = 3\nd = 4\ntoken = "{KEY}"\n'
    assert [m.line for m in detect.scan_text(text).matches] == [6]


def test_scan_text_section_of_another_vendor_is_no_context():
    text = f'[heroku]\na = 1\nb = 2\nc = 3\nd = 4\ntoken = "{KEY}"\n'
    assert detect.scan_text(text).matches == ()


def test_scan_text_nested_json_section():
    text = '{\n  "fireflies": {\n    "x": 1,\n    "y": 2,\n    "z": 3,\n    "auth": {\n'
    text += f'      "apiKey": "{KEY}"\n    }}\n  }}\n}}\n'
    assert [m.line for m in detect.scan_text(text).matches] == [7]


def test_scan_text_misspelt_name_with_api_host():
    text = f"const FIREFLY_API_KEY = '{KEY}';\nfetch('https://api.fireflies.ai/graphql')\n"
    assert [m.line for m in detect.scan_text(text).matches] == [1]


def test_scan_text_allowlist_nextline():
    text = f'# pragma: allowlist nextline secret\nFIREFLIES_API_KEY={KEY}\nFIREFLIES_KEY={KEY}\n'
    assert [m.line for m in detect.scan_text(text).matches] == [3]


def test_scan_text_minified_uses_char_window():
    far = 'x' * 5000
    auth = f'var h={{Authorization:"Bearer {KEY}"}};'
    line = f'var a="https://api.fireflies.ai/graphql";{far}var token="{KEY}";{auth}'
    matches = detect.scan_text(line).matches
    assert [m.confidence for m in matches] == [LOW, LOW]  # too far for HIGH, same file: LOW
    near = f'var a="https://api.fireflies.ai/graphql",h={{Authorization:"Bearer {KEY}"}};{far}'
    assert [m.confidence for m in detect.scan_text(near).matches] == [HIGH]


def test_scan_text_window_limits():
    text = f'# fireflies\n{"a" * 600}\ntoken = "{KEY}"\n'  # 600 chars away: outside the window
    assert detect.scan_text(text).candidates != ()
    text = f'# fireflies\n\n\n\n\ntoken = "{KEY}"\n'  # 5 lines away: outside the window
    assert detect.scan_text(text).candidates != ()


def test_scan_text_lo_hi_offsets():
    text = f'FIREFLIES_KEY={KEY}\nFIREFLIES_KEY={KEY}\n'
    second = text.index('\n') + 1
    scan = detect.scan_text(text, lo=second, line_offset=10, col_offset=3)
    assert [(m.line, m.column) for m in scan.matches] == [(12, 15)]
    scan = detect.scan_text(text, hi=second, line_offset=10, col_offset=3)
    assert [(m.line, m.column) for m in scan.matches] == [(11, 18)]


def test_scan_text_key_repr_hides_value():
    (match,) = detect.scan_text(f'FIREFLIES_API_KEY={KEY}').matches
    assert KEY not in repr(match)
    assert KEY not in repr(detect.scan_text(f'FIREFLIES_API_KEY={KEY}'))


def test_iter_keys_uses_only_the_line():
    assert [m.value for m in detect.iter_keys(f'FIREFLIES_API_KEY = "{KEY}"')] == [KEY]
    assert list(detect.iter_keys(f'API_KEY = "{KEY}"')) == []


def test_merge_promotes_candidates_when_a_chunk_talks():
    talks = detect.scan_text('FIREFLIES_URL = "https://api.fireflies.ai"')
    cand = detect.scan_text(f'token = "{KEY}"', line_offset=99)
    merged = detect.merge([talks, cand, cand])
    assert [(m.line, m.confidence) for m in merged.matches] == [(100, LOW)]
    assert detect.merge([cand]).candidates == cand.candidates


def test_might_contain():
    assert detect.might_contain(b'x = 1\nFIREFLIES_URL\n')
    assert detect.might_contain(f'k={KEY}'.encode())
    assert not detect.might_contain(b'import os\nx = 3-4\n')


def test_redact_and_fingerprint():
    assert redact(KEY) == 'd7e4...'
    assert fingerprint(KEY) == fingerprint(KEY)
    assert len(fingerprint(KEY)) == 12
    assert fingerprint(KEY) != fingerprint(KEY_UPPER)


@pytest.mark.parametrize(
    'filler',
    [
        pytest.param('x' * 200_000, id='word-chars'),
        pytest.param('webhook_' * 25_000, id='webhook-words'),
        pytest.param('fireflies_' * 20_000, id='fireflies-words'),
        pytest.param('-4aaa-8' * 30_000, id='uuid-hints'),
        pytest.param('a' * 200_000 + '\n' + 'fireflies ' * 100 + '\n' * 50, id='long-line-above'),
    ],
)
def test_scan_text_stays_linear_on_pathological_lines(filler):
    line = f'{filler} FIREFLIES_WEBHOOK_SECRET={HOOK} token="{KEY}" {filler}'
    scan = detect.scan_text(line)  # a quadratic regex would take minutes here
    assert [m.rule for m in scan.matches] == [HOOK_RULE, API]


# Multi-line shapes (base64 Secrets, Postman, webhook sections, React keys):
# (text, line of the finding, rule).
B64 = (
    'ZDdlNDBiZGYtMjRkZS00NDVjLTkyZjctNTA3NWI1NmMxMjUz'  # base64 of KEY  # pragma: allowlist secret
)
B64_NL = 'ZDdlNDBiZGYtMjRkZS00NDVjLTkyZjctNTA3NWI1NmMxMjUzCg=='  # pragma: allowlist secret
POSTMAN = (
    '{"item": [{"request": {\n  "auth": {\n    "type": "bearer",\n    "bearer": [\n'
    f'      {{"key": "token", "value": "{KEY}", "type": "string"}}\n    ]\n  }},\n'
    '  "method": "POST",\n  "header": [],\n  "body": {"mode": "graphql"},\n'
    '  "url": {"raw": "https://api.fireflies.ai/graphql"}\n}}]}\n'
)
SHAPES = [
    pytest.param(POSTMAN, 5, API, id='postman-bearer'),
    pytest.param(f'client = Fireflies("{KEY}")', 1, API, id='positional-ctor'),
    pytest.param(f'c := fireflies.NewClient("{KEY}")', 1, API, id='go-newclient'),
    pytest.param(f'const ff = new FirefliesClient("{KEY}", {{ t: 5 }});', 1, API, id='js-new'),
    pytest.param(f'kind: Secret\ndata:\n  FIREFLIES_API_KEY: {B64}\n', 3, API, id='k8s-b64'),
    pytest.param(f'data:\n  FIREFLIES_API_KEY: "{B64_NL}"\n', 2, API, id='k8s-b64-newline'),
    pytest.param(f'gh secret set FIREFLIES_API_KEY --body "{KEY}"', 1, API, id='gh-secret-body'),
    pytest.param(f'gh secret set FIREFLIES_API_KEY -R o/r -b {KEY}', 1, API, id='gh-secret-b'),
    pytest.param(
        f'[{{"ParameterKey": "FirefliesApiKey", "ParameterValue": "{KEY}"}}]', 1, API, id='cfn'
    ),
    pytest.param(
        f'{{\n  "ParameterKey": "FirefliesApiKey",\n  "ParameterValue": "{KEY}"\n}}', 3, API,
        id='cfn-pretty',
    ),
    pytest.param(
        f'<dict>\n  <key>FirefliesAPIKey</key>\n  <string>{KEY}</string>\n</dict>', 3, API,
        id='plist',
    ),
    pytest.param(f'FROM python:3.12\nENV FIREFLIES_API_KEY {KEY}\n', 2, API, id='dockerfile-env'),
    pytest.param(f'env:\n  FIREFLIES_API_KEY: >-\n    {KEY}\n', 3, API, id='yaml-folded'),
    pytest.param(f'env:\n  FIREFLIES_API_KEY: |\n    {KEY}\n', 3, API, id='yaml-literal'),
    pytest.param(f'fireflies_webhook_secret: str = "{HOOK}"', 1, HOOK_RULE, id='pydantic-hook'),
    pytest.param(f'const FIREFLIES_WEBHOOK_SECRET: string = "{HOOK}";', 1, HOOK_RULE, id='ts-hook'),
    pytest.param(f'fireflies:\n  webhook:\n    secret: {HOOK}\n', 3, HOOK_RULE, id='yaml-hook'),
    pytest.param(f'fireflies:\n  webhook_secret: "{HOOK}"\n', 2, HOOK_RULE, id='yaml-hook-flat'),
    pytest.param(f'fireflies:\n  url: x\n  key: {KEY}\n', 3, API, id='bare-key-in-section'),
    pytest.param(f'Your Fireflies API key: `{KEY}`', 1, API, id='bare-key-prose'),
]  # fmt: skip
SHAPE_NOOPS = [
    pytest.param(
        f'integrations:\n  fireflies:\n    enabled: true\n  postmark:\n    token: {KEY}\n',
        id='sibling-vendor-section',
    ),
    pytest.param(f'# fireflies sync\ndatadog:\n  api_key: {HEX}\n', id='vendor-section-hex'),
    pytest.param(f'# fireflies\ncrm:\n  token: {KEY}\nfireflies:\n  on: 1\n', id='sibling-after'),
    pytest.param(
        f'FIREFLIES_API_KEY=\nSTRIPE_WEBHOOK_SECRET=whsec_{HOOK}\nGITHUB_WEBHOOK_SECRET={HOOK}\n',
        id='vendor-webhook-names',
    ),
    pytest.param(f'FIREFLIES_API_KEY=\nWEBHOOK_SECRET={HOOK}\n', id='webhook-proximity-only'),
    pytest.param('FIREFLIES_WEBHOOK_SECRET=op://Private/ff-notes/password', id='hook-1password'),
    pytest.param(
        'FIREFLIES_WEBHOOK_SECRET=arn:aws:ssm:us-east-1:1234:parameter/ff/hook', id='hook-arn'
    ),
    pytest.param('FIREFLIES_WEBHOOK_SECRET=/run/secrets/ff_hook_signing', id='hook-path'),
    pytest.param('fireflies:\n  webhook:\n    secret: ${WEBHOOK_SECRET}\n', id='yaml-hook-env'),
    pytest.param(f'webhook:\n  secret: {HOOK}\n', id='yaml-hook-no-fireflies'),
    pytest.param(
        f"// Fireflies meetings list\nconst items = [{{ key: '{KEY}', label: 'Weekly' }}];",
        id='react-list-key',
    ),
    pytest.param(f'client = Fireflies.get_meeting("{KEY}")', id='fireflies-call-not-ctor'),
    pytest.param(f'x = Heroku("{KEY}")', id='other-ctor'),
    pytest.param(f'data:\n  HEROKU_API_KEY: {B64}\n', id='b64-other-name'),
    pytest.param(f'data:\n  FIREFLIES_API_KEY: {"QUJD" * 12}\n', id='b64-not-a-uuid'),
    pytest.param(f'ENV HEROKU_API_KEY {KEY}', id='dockerfile-other'),
    pytest.param(f'gh secret set HEROKU_API_KEY --body "{KEY}"', id='gh-other'),
    pytest.param(f'notes: >-\n  {KEY}\n', id='yaml-folded-other'),
]  # fmt: skip
PLACEHOLDERS = [
    '11111111-2222-4333-8444-555555555555',
    'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
    'deadbeef-dead-4eef-beef-deadbeefdead',
    'cafebabe-cafe-4abe-babe-cafebabecafe',
    '550e8400-e29b-41d4-a716-446655440000',  # Wikipedia
    'f47ac10b-58cc-4372-a567-0e02b2c3d479',  # RFC 4122 / Go docs
    '3fa85f64-5717-4562-b3fc-2c963f66afa6',  # Swagger default
    '16fd2706-8baf-433b-82eb-8c7fada847da',  # Python uuid docs
]


@pytest.mark.parametrize(('text', 'line', 'rule'), SHAPES)
def test_scan_text_shapes(text, line, rule):
    (match,) = detect.scan_text(text).matches
    assert (match.line, match.rule) == (line, rule)
    assert match.value in (KEY, HOOK)  # base64 values are reported as the key they encode


@pytest.mark.parametrize('text', SHAPE_NOOPS)
def test_scan_text_shape_noops(text):
    scan = detect.scan_text(text)
    assert (scan.matches, scan.candidates) == ((), ())


@pytest.mark.parametrize('value', PLACEHOLDERS)
def test_scan_text_placeholder_uuids(value):
    assert detect.scan_text(f'export FIREFLIES_API_KEY={value}').matches == ()


def test_scan_text_postman_without_fireflies_url_is_only_a_candidate():
    scan = detect.scan_text(POSTMAN.replace('api.fireflies.ai', 'api.example.com'))
    assert (scan.matches, [c.line for c in scan.candidates]) == ((), [5])


def test_scan_text_base64_column_points_at_the_encoded_value():
    text = f'data:\n  FIREFLIES_API_KEY: {B64}\n'
    (match,) = detect.scan_text(text).matches
    assert text.splitlines()[1][match.column - 1 :] == B64
    assert B64 not in repr(match)


def _uuid_json(records: int) -> str:
    import json
    import uuid

    rows = [{'id': str(uuid.uuid4()), 'source': 'fireflies'} for _ in range(records)]
    return json.dumps([*rows, {'fireflies_api_key': KEY}])


def _cpu_seconds(text: str) -> tuple[float, detect.TextScan]:
    # CPU time of this process, so other work on a busy machine does not count
    import time

    start = time.process_time()
    scan = detect.scan_text(text)
    return time.process_time() - start, scan


def test_scan_text_long_uuid_line_is_linear():
    # ~2 MB one-line JSON full of UUIDs used to take 5 s (quadratic). Four times the text
    # costs ~4x CPU now, ~16x when quadratic; a wall-clock bound was flaky on a shared machine.
    small, big = _uuid_json(5_000), _uuid_json(20_000)
    assert len(big) > 1_000_000
    big_seconds, scan = _cpu_seconds(big)
    (match,) = scan.matches
    assert (match.line, match.column) == (1, big.index(KEY) + 1)
    assert big_seconds < 8 * _cpu_seconds(small)[0]


# Several keys per binding, more binding shapes (defaults of look-ups, setx, parentheses), and
# values that are not Fireflies keys (another service's entry, FireFly blocks).
# (text, [(line, rule), ...]) for hits; texts for no-ops.
KEY2 = '9b195449-c207-42b4-b331-14d404eff3e1'  # pragma: allowlist secret
KEY3 = 'caeecf83-b8af-4d80-98fa-c5b539101b8e'  # pragma: allowlist secret
BINDING_HITS = [
    pytest.param(f'FIREFLIES_API_KEYS={KEY},{KEY2},{KEY3}\n', [1, 1, 1], id='comma-list'),
    pytest.param(f'FIREFLIES_API_KEYS = ["{KEY}", "{KEY2}"]\n', [1, 1], id='py-list'),
    pytest.param(f'fireflies:\n  api_keys:\n    - {KEY}\n    - {KEY2}\n', [3, 4], id='yaml-list'),
    pytest.param(f'fireflies:\n  api_keys:\n  - {KEY}\n', [3], id='yaml-list-same-indent'),
    pytest.param(
        f'{{\n  "fireflies_api_keys": [\n    "{KEY}",\n    "{KEY2}"\n  ]\n}}\n', [3, 4],
        id='json-array',
    ),
    pytest.param(
        f'fireflies:\n  prod_api_key: {KEY}\n  staging_api_key: {KEY2}\n', [2, 3],
        id='section-prefixed-names',
    ),
    pytest.param(f'api_keys:\n  fireflies: {KEY}\n  openai: sk-x\n', [2], id='yaml-keys-map'),
    pytest.param(f'{{\n "apiKeys": {{\n  "fireflies": "{KEY}"\n }}\n}}', [3], id='json-keys-map'),
    pytest.param(f'API_KEYS = {{\n    "fireflies": "{KEY}",\n}}\n', [2], id='py-keys-dict'),
    pytest.param(f"const tokens = {{ a: 1, fireflies: '{KEY}' }};\n", [1], id='js-tokens'),
    pytest.param(f'[tokens]\nfireflies = "{KEY}"\n', [2], id='toml-tokens'),
    pytest.param(
        f'Parameters:\n  FirefliesApiKey:\n    Type: String\n    Default: {KEY}\n', [4],
        id='cfn-yaml-default',
    ),
    pytest.param(
        f'{{"outputs": {{\n  "fireflies_api_key": {{\n    "value": "{KEY}"\n  }}\n}}}}\n', [3],
        id='tfstate-output',
    ),
    pytest.param(
        f'let r = client\n    .post("{HOST}")\n    .bearer_auth("{KEY}")\n', [3], id='reqwest'
    ),
    pytest.param(
        f'aws secretsmanager create-secret --name fireflies-api-key --secret-string "{KEY}"\n',
        [1], id='aws-secretsmanager',
    ),
    pytest.param(f'setx FIREFLIES_API_KEY "{KEY}"\n', [1], id='setx'),
    pytest.param(f'set -Ux FIREFLIES_API_KEY {KEY}\n', [1], id='fish-set-Ux'),
    pytest.param(f'| Name | Value |\n|---|---|\n| FIREFLIES_API_KEY | {KEY} |', [3], id='md-table'),
    pytest.param(f'x-env: &env\n  FIREFLIES_API_KEY: &ffkey {KEY}\n', [2], id='yaml-anchor'),
    pytest.param(f'FIREFLIES_API_KEY = (\n    "{KEY}"\n)\n', [2], id='py-paren'),
    pytest.param(f'(def fireflies-api-key "{KEY}")\n', [1], id='clojure-def'),
    pytest.param(f'Const FirefliesApiKey As String = "{KEY}"\n', [1], id='vb-const'),
]  # fmt: skip
WEBHOOK_BINDING_HITS = [
    pytest.param(f'secret = os.getenv("FIREFLIES_WEBHOOK_SECRET", "{HOOK}")', id='py-getenv'),
    pytest.param(f"s = process.env.FIREFLIES_WEBHOOK_SECRET || '{HOOK}';", id='js-fallback'),
    pytest.param(f"SECRET = ENV.fetch('FIREFLIES_WEBHOOK_SECRET', '{HOOK}')", id='ruby-fetch'),
    pytest.param(f'env:\n  - name: FIREFLIES_WEBHOOK_SECRET\n    value: "{HOOK}"\n', id='k8s-env'),
    pytest.param(
        f'{{"environment": [\n  {{"name": "FIREFLIES_WEBHOOK_SECRET", "value": "{HOOK}"}}\n]}}',
        id='ecs-env',
    ),
    pytest.param(
        'FIREFLIES_WEBHOOK_SECRET=/Zq8Kp2Lm9Xr4Tv6Wb1Nc+x==  # not a path', id='b64-slash'
    ),
]  # fmt: skip
BINDING_NOOPS = [
    pytest.param(
        f'fireflies.api-url=https://api.fireflies.ai\nfireflies.api-key=${{FF}}\nzoom.api-key={KEY}',
        id='properties-other-qualifier',
    ),
    pytest.param(
        'services:\n  - name: fireflies\n    token: ${FIREFLIES_TOKEN}\n'
        f'  - name: calendly\n    token: {KEY}\n',
        id='list-item-named-other-service',
    ),
    pytest.param(
        '// fireflies uploadAudio with our own storage auth\n'
        f"const input = {{ url, download_auth: {{ bearer: {{ token: '{KEY}' }} }} }};",
        id='upload-audio-download-auth',
    ),
    pytest.param(
        f'FIREFLIES_WEBHOOK_URL=https://myapp.example.com/hooks/fireflies?token={KEY}',
        id='token-in-foreign-url',
    ),
    pytest.param(
        f'aai.settings.api_key = "{HEX}"\n# compare with the fireflies transcript',
        id='assemblyai-dotted',
    ),
    pytest.param(f'fireflies.enabled=true\ndevice.token={KEY}\n', id='device-token'),
    pytest.param('FIREFLIES_API_KEY=a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', id='typed-example'),
    pytest.param('FIREFLIES_API_KEY=12ab34cd-56ef-4a78-9b01-cd23ef45ab67', id='typed-example-2'),
    pytest.param(f'firefly:\n  apiKey: {KEY}\n', id='hyperledger-firefly-section'),
    pytest.param(f'FIREFLIES_API_KEYS=abc,{KEY}\n', id='list-after-a-non-key'),
    pytest.param('FIREFLIES_WEBHOOK_SECRET_HEADER=x-hub-signature-256', id='hook-header'),
    pytest.param('FIREFLIES_WEBHOOK_SECRET_ROTATED_AT=2024-05-01T00:00:00Z', id='hook-rotated'),
    pytest.param('FIREFLIES_WEBHOOK_SECRET_SSM_PARAM=prod_ff_hook_signing_v2', id='hook-ssm'),
    pytest.param('FIREFLIES_WEBHOOK_SECRET_ID=1234567890123456789', id='hook-id'),
    pytest.param(
        f'env:\n  - name: STRIPE_WEBHOOK_SECRET\n    value: "{HOOK}"\n', id='k8s-other-hook'
    ),
    pytest.param('{"name": "FirefliesWebhookSecret",\n "shortDescription": {}}', id='sarif'),
]  # fmt: skip


@pytest.mark.parametrize(('text', 'lines'), BINDING_HITS)
def test_scan_text_binding_shapes(text, lines):
    scan = detect.scan_text(text)
    assert [(m.line, m.rule) for m in scan.matches] == [(n, API) for n in lines]
    assert {m.value for m in scan.matches} <= {KEY, KEY2, KEY3}


@pytest.mark.parametrize('text', WEBHOOK_BINDING_HITS)
def test_scan_text_webhook_binding_shapes(text):
    (match,) = detect.scan_text(text).matches
    assert match.rule == HOOK_RULE
    assert match.value in (HOOK, '/Zq8Kp2Lm9Xr4Tv6Wb1Nc+x==')


@pytest.mark.parametrize('text', BINDING_NOOPS)
def test_scan_text_binding_noops(text):
    scan = detect.scan_text(text)
    assert (scan.matches, scan.candidates) == ((), ())


def test_scan_text_ff_prefixed_name_is_a_candidate():
    scan = detect.scan_text(f'FF_API_KEY={KEY}\n')
    assert (scan.matches, [(c.line, c.confidence) for c in scan.candidates]) == ((), [(1, LOW)])
