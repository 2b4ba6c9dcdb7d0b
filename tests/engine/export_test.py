"""The exported gitleaks rules: valid TOML, RE2-safe regexes, and what they keep on the corpus."""

from __future__ import annotations

import json
import pathlib
import random
import re
import tomllib
import uuid

import pytest

from ffaudit.engine.export import render_gitleaks
from ffaudit.report.rules import RULES
from testing import gitleaks
from testing.gitrepo import KEY
from testing.paths import CORPUS
from testing.paths import ROOT

CONFIG = tomllib.loads(render_gitleaks({rule: info.title for rule, info in RULES.items()}))
MANIFEST = json.loads((CORPUS / 'manifest.json').read_text())
# what the exported rules keep of ffaudit's 129/129 and 0 false positives (README states these)
EXPECTED = {'expected': 129, 'found': 49, 'true': 46}


def _patterns() -> list[str]:
    out = []
    for rule in CONFIG['rules']:
        out.append(rule['regex'])
        for allowlist in rule['allowlists']:
            out.extend(allowlist.get('regexes', []))
    return out


def test_config_has_one_rule_per_ffaudit_rule():
    assert CONFIG['extend'] == {'useDefault': True}
    ids = [rule['id'] for rule in CONFIG['rules']]
    assert ids == ['fireflies-api-key', 'fireflies-webhook-secret']
    for rule in CONFIG['rules']:
        assert rule['keywords'] == ['fireflies']
        assert rule['secretGroup'] == 1
        assert re.compile(rule['regex']).groups >= 1


@pytest.mark.parametrize('pattern', _patterns())
def test_every_regex_compiles_and_suits_re2(pattern):
    re.compile(pattern)
    gitleaks.compiled(pattern)  # RE2 itself
    assert gitleaks.re2_incompatible(pattern) == set()
    assert '\\ ' not in pattern  # RE2 rejects escaped blanks


@pytest.mark.parametrize('pattern', [r'(?<!x)a', r'a(?=b)', r'(a)\1'])
def test_re2_refuses_lookarounds_and_backreferences(pattern):
    assert gitleaks.re2_incompatible(pattern)
    with pytest.raises(Exception, match='invalid'):
        gitleaks.compiled(pattern)


@pytest.mark.parametrize(
    'line',
    [
        f'FIREFLIES_API_KEY = "{KEY}"',
        f'export FIREFLIES_API_KEY={KEY}',
        f'  "firefliesApiKey": "{KEY}",',
        f'fireflies_api_key: str = "{KEY}"',
        f'ENV FIREFLIES_API_KEY {KEY}',
        f'key = os.getenv("FIREFLIES_API_KEY", "{KEY}")',
        f'FIREFLIES_TOKEN = "{KEY.upper()}"',
        f'post("https://api.fireflies.ai/graphql", headers={{"Authorization": "Bearer {KEY}"}})',
        f'FIREFLIES_API_KEY={KEY.replace("-", "")}',  # the older 32-hex shape
    ],
)
def test_keys_bound_to_fireflies_names_are_found(line):
    (leak,) = gitleaks.scan(CONFIG, line + '\n')
    assert leak.rule == 'fireflies-api-key'
    assert leak.secret in line


@pytest.mark.parametrize(
    'line',
    [
        'FIREFLIES_API_KEY=00000000-0000-0000-0000-000000000000',
        'FIREFLIES_API_KEY=550e8400-e29b-41d4-a716-446655440000',  # Wikipedia's example
        'FIREFLIES_API_KEY=11111111-2222-4333-8444-555555555555',  # entropy 2.5
        'FIREFLIES_API_KEY=12345678-9abc-4def-8123-456789abcdef',  # counting
        f'FIREFLIES_API_KEY={KEY}  # pragma: allowlist secret',
        f'FIREFLIES_WEBHOOK_SECRET={KEY}',  # a webhook secret is not an API key
        f'fireflies_sha256 = "{KEY}"',
        f'HEROKU_API_KEY={KEY}',
        f'fetch("https://api.fireflies.ai/graphql", {{ transcriptId: "{KEY}" }})',
        'FIREFLIES_API_KEY=${FIREFLIES_API_KEY}',
    ],
)
def test_placeholders_markers_and_other_names_are_not(line):
    assert [leak.rule for leak in gitleaks.scan(CONFIG, line + '\n')] in (
        [],
        ['fireflies-webhook-secret'],  # the one line that is a webhook secret
    )
    assert not [leak for leak in gitleaks.scan(CONFIG, line + '\n') if leak.rule.endswith('key')]


def test_webhook_secrets_and_their_references():
    rule = 'fireflies-webhook-secret'
    found = gitleaks.scan(CONFIG, 'FIREFLIES_WEBHOOK_SECRET="h7Kq2xV9pLm4Rt8WzB3nY6cD"\n')
    assert [leak.rule for leak in found] == [rule]
    for value in ('op://vault/ff/hook', '${HOOK}', 'settings.FIREFLIES_WEBHOOK_SECRET'):
        assert gitleaks.scan(CONFIG, f'FIREFLIES_WEBHOOK_SECRET={value}\n') == []
    assert gitleaks.scan(CONFIG, 'FIREFLIES_WEBHOOK_SECRET_HEADER=x-hub-signature-256\n') == []


def test_random_keys_pass_the_entropy_floor():
    # seeded, so every run checks the same keys; about 1 random UUIDv4 in 80,000 scores below
    # the floor (000a1ff8-40a4-4a40-aa4a-88a4e9fba1a4: 2.97), which these 2,000 do not hold
    rng = random.Random(2000)
    keys = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(2000)]
    text = ''.join(f'FIREFLIES_API_KEY={k}\n' for k in keys)
    assert len(gitleaks.scan(CONFIG, text)) == len(keys)


def _measure() -> dict[str, int]:
    expected = found = true = 0

    def add(path: pathlib.Path, labels: list[list[object]]) -> None:
        nonlocal expected, found, true
        want = {(int(str(line)), str(rule)) for line, rule in labels}
        got = {(leak.line, leak.rule) for leak in gitleaks.scan_bytes(CONFIG, path.read_bytes())}
        expected, found, true = expected + len(want), found + len(got), true + len(want & got)

    for rel, labels in MANIFEST['files'].items():
        add(CORPUS / rel, labels)
    for rel, tree in MANIFEST['trees'].items():
        for path in sorted((CORPUS / rel).rglob('*')):
            if path.is_file():
                add(path, tree.get(str(path.relative_to(CORPUS / rel)), []))
    return {'expected': expected, 'found': found, 'true': true}


def test_corpus_recall_and_precision_of_the_exported_rules(capsys):
    measured = _measure()
    with capsys.disabled():
        print(
            f'\ngitleaks export on the corpus: recall {measured["true"]}/{measured["expected"]}, '
            f'precision {measured["true"]}/{measured["found"]}'
        )
    assert measured == EXPECTED


def test_readme_states_the_measured_numbers():
    readme = (ROOT / 'README.md').read_text(encoding='utf-8')
    e, f, t = EXPECTED['expected'], EXPECTED['found'], EXPECTED['true']
    assert f'{t} of the {e}' in readme
    assert f'{t} of its {f}' in readme
