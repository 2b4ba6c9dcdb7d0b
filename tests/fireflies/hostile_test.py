"""Hostile or broken answers are no verdict (inconclusive), never "rejected", never a crash."""

from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

from ffaudit.cli import cli
from ffaudit.fireflies import ratelimit
from ffaudit.fireflies.classify import classify
from ffaudit.fireflies.diagnosis import Verdict

JSON = {'Content-Type': 'application/json'}
NOW = 1_720_651_500.0
DEEP = b'{"errors":' + b'[' * 100_000 + b']' * 100_000 + b'}'


def _limited(headers: dict[str, str], meta: object) -> bytes:
    ext = {'code': 'too_many_requests', 'metadata': {'retryAfter': meta}}
    return json.dumps({'errors': [{'code': 'too_many_requests', 'extensions': ext}]}).encode()


@pytest.mark.parametrize('status', (200, 401, 403))
def test_deep_json_is_inconclusive(status):
    diag = classify(status, JSON, DEEP)
    assert (diag.verdict, diag.code) == (Verdict.INCONCLUSIVE, 'too-deep')
    assert 'nested too deep' in diag.message


@pytest.mark.parametrize('item', (0, {}, {'code': 'auth_failed'}))
def test_a_million_errors_is_inconclusive(item):
    body = json.dumps({'errors': [item] * 10**6}).encode()
    diag = classify(401, JSON, body)
    assert (diag.verdict, diag.code) == (Verdict.INCONCLUSIVE, 'too-many-errors')


@pytest.mark.parametrize(
    ('retry_after', 'meta'),
    (
        pytest.param('9' * 400, 10**400, id='huge'),
        pytest.param('-5', -1_720_651_545_066, id='negative'),
        pytest.param('1.5', 1.5e308, id='float'),
        pytest.param('Mon, 01 Jan 1990 00:00:00 GMT', 1000, id='past'),
        pytest.param('1e999', float('nan'), id='nan'),
        pytest.param('99999999999999', -(10**30), id='years-ahead'),
    ),
)
def test_absurd_retry_times_stay_rate_limited(retry_after, meta):
    headers = {**JSON, 'Retry-After': retry_after}
    diag = classify(429, headers, _limited(headers, meta), now=NOW)
    assert diag.verdict is Verdict.LIMITED  # exit 3: throttled, not rejected
    assert diag.retry_after is None or 0 <= diag.retry_after <= 7 * 86400
    assert len(diag.message) < 300


def test_a_retry_time_beyond_a_week_is_ignored():
    assert ratelimit.retry_after({'retry-after': str(8 * 86400)}, {}, NOW) is None
    assert ratelimit.retry_after({'retry-after': '42'}, {}, NOW) == 42
    assert ratelimit.retry_after({}, {'retryAfter': 10**400}, NOW) is None
    assert ratelimit.retry_after({}, {'retryAfter': math.inf}, NOW) is None


@pytest.mark.parametrize(
    'body',
    (DEEP, json.dumps({'errors': [0] * 10**6}).encode()),  # explain reads up to 4 MiB
    ids=('deep', 'million-errors'),
)
def test_explain_hostile_captures_exit_3(tmp_path, body):
    capture = tmp_path / 'answer.json'
    capture.write_bytes(body)
    result = CliRunner().invoke(cli, ['explain', str(capture)])
    assert result.exit_code == 3, result.output
    assert 'internal error' not in result.output
    assert result.stdout.count('\n') < 20
