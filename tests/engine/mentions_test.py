"""What counts as talking to Fireflies and where generic candidates count."""

from __future__ import annotations

import pytest

from ffaudit.engine import mentions

DS_BASELINE = (
    '{\n  "version": "1.5.0",\n  "plugins_used": [\n    {\n      "name": "FirefliesDetector",\n'
    '      "path": "file://.ffaudit/fireflies_plugin.py"\n    }\n  ],\n  "results": {}\n}\n'
)
TEXT_OUTPUT = (
    'src/fireflies_sync.py:3:9: fireflies-api-key 7483... (high)\n'
    'Treat a hard-coded Fireflies API key as leaked: rotate it in app.fireflies.ai\n'
    '-> Integrations -> Fireflies API (generate a new key; the old one stops\n'
    'working), then remove it from the code and read it at run time from the\n'
    'FIREFLIES_API_KEY environment variable (e.g. os.environ["FIREFLIES_API_KEY"]).\n'
    'Deleting the line is not enough: the value stays in git history.\n'
    'ffaudit: 1 finding in 1 file (2 files scanned)\n'
)
QUIET = [
    pytest.param(DS_BASELINE, id='detect-secrets-baseline'),
    pytest.param(TEXT_OUTPUT, id='ffaudit-text-output'),
    pytest.param('shim: .ffaudit/fireflies_plugin.py\n', id='path'),
    pytest.param('see docs\\fireflies_notes.md\n', id='windows-path'),
    pytest.param('notes in fireflies_notes.md\n', id='file-name'),
]
TALKING = [
    pytest.param('URL = "https://api.fireflies.ai/graphql"', id='api-host'),
    pytest.param('key = os.environ["FIREFLIES_API_KEY"]', id='env-lookup'),
    pytest.param('from integrations import fireflies_client\n', id='import'),
    pytest.param('fireflies_client.connect()\n', id='module-call'),
    pytest.param(TEXT_OUTPUT + 'FIREFLIES_API_KEY=${FF}\n', id='output-then-real-use'),
]


@pytest.mark.parametrize('text', QUIET)
def test_talks_to_fireflies_ignores_incidental_mentions(text):
    assert not mentions.talks_to_fireflies(text)


@pytest.mark.parametrize('text', TALKING)
def test_talks_to_fireflies_on_real_use(text):
    assert mentions.talks_to_fireflies(text)


def test_detect_secrets_baseline_is_own_output():
    assert mentions.is_own_output(DS_BASELINE)
    assert not mentions.is_own_output('{"version": "1.5.0", "name": "x"}')


@pytest.mark.parametrize(
    'path',
    [
        '.env', '.env.production', 'deploy/prod.env', 'config/app.yaml', 'k8s/x.yml',
        'settings.json', 'app.properties', 'setup.cfg', 'nginx.conf', 'web.config', 'pom.xml',
        'main.tf', 'prod.tfvars', 'docker-compose.override.yml', 'docker-compose', 'tox.ini',
        'pyproject.toml', 'C:\\app\\.env.local',
    ],
)  # fmt: skip
def test_generic_candidate_allowed_in_configuration(path):
    assert mentions.generic_candidate_allowed(path)


@pytest.mark.parametrize(
    'path',
    [
        'crm.py', 'src/index.js', 'Main.java', 'README.md', 'tests/.env', 'test/app.yaml',
        'accounts/fixtures/invites.json', 'web/__tests__/x.json', 'spec/config.yml',
        'tests\\settings.json', 'Makefile',
    ],
)  # fmt: skip
def test_generic_candidate_not_allowed_in_code_or_tests(path):
    assert not mentions.generic_candidate_allowed(path)


@pytest.mark.parametrize(
    ('text', 'named'),
    [
        pytest.param('const clean = stripEmoji(title)', False, id='stripEmoji'),
        pytest.param('BUILDER=herokuish', False, id='herokuish'),
        pytest.param('toktable = {}', False, id='okta-inside-word'),
        pytest.param('STRIPE_KEY=x', True, id='STRIPE_KEY'),
        pytest.param('const stripeKey = x', True, id='stripeKey'),
        pytest.param('heroku_api: x', True, id='heroku_api'),
        pytest.param('MyStripeAccount', True, id='camel-inside'),
        pytest.param('Firefly III token', True, id='firefly-iii'),
    ],
)
def test_vendor_words_are_matched_as_words(text, named):
    # identifier-case boundaries on both sides of a vendor word
    assert mentions.names_other_vendor(text) is named
