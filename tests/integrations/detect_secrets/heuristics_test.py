"""Our versions of detect-secrets' UUID and indirect-reference heuristics, and how they go in."""

from __future__ import annotations

import functools
import pathlib
import sysconfig

import pytest
from detect_secrets import settings
from detect_secrets.filters import heuristic
from detect_secrets.plugins.keyword import KeywordDetector
from detect_secrets.util.code_snippet import get_code_snippet

from ffaudit.integrations.detect_secrets import heuristics
from ffaudit.integrations.detect_secrets import plugin
from ffaudit.integrations.detect_secrets import session

KEY = 'e0d6790f-6fae-4372-9550-6890f51e952e'  # pragma: allowlist secret
INDIRECT = f'client = Fireflies(api_key="{KEY}")'


def test_loading_the_plugin_puts_ours_under_detect_secrets_names():
    assert heuristic.is_potential_uuid is heuristics.uuid_unless_fireflies
    assert heuristic.is_indirect_reference is heuristics.indirect_reference_unless_fireflies
    heuristics.install()  # the plugin file loads many times: never wraps ours
    assert heuristic.is_potential_uuid is heuristics.uuid_unless_fireflies
    assert heuristics.ORIGINALS['is_potential_uuid'] is not heuristics.uuid_unless_fireflies


@pytest.mark.parametrize(
    ('secret', 'detector', 'dropped'),
    [
        pytest.param(KEY, KeywordDetector(), True, id='other-plugin-uuid'),
        pytest.param('hunter2hunter2', KeywordDetector(), False, id='other-plugin-no-uuid'),
        pytest.param(KEY, plugin.FirefliesDetector(), False, id='ours'),
        pytest.param(KEY, None, True, id='no-plugin'),
    ],
)
def test_uuid_filter_drops_uuids_of_every_plugin_but_ours(secret, detector, dropped):
    assert heuristics.uuid_unless_fireflies(secret, detector) is dropped
    assert heuristics.ORIGINALS['is_potential_uuid'](secret) is (secret == KEY)


def test_indirect_reference_per_finding_drops_only_other_plugins():
    ours = heuristics.indirect_reference_unless_fireflies
    assert ours(INDIRECT, secret=KEY, plugin=KeywordDetector()) is True
    assert ours(INDIRECT, secret=KEY, plugin=plugin.FirefliesDetector()) is False
    assert ours(f'api_key = "{KEY}"', secret=KEY, plugin=KeywordDetector()) is False


def test_indirect_reference_per_line_keeps_lines_our_plugin_reports(tmp_path, monkeypatch):
    monkeypatch.setattr(plugin, 'SESSION', session.Session())
    path = tmp_path / 'client.py'
    lines = ['import fireflies', INDIRECT, 'password = get_password("x")']
    path.write_text('\n'.join(lines) + '\n')
    monkeypatch.setattr(
        'detect_secrets.settings.get_plugins',
        lambda: [KeywordDetector(), plugin.FirefliesDetector()],
    )
    ours = heuristics.indirect_reference_unless_fireflies
    kept = ours(INDIRECT, filename=str(path), context=get_code_snippet(lines, 2))
    dropped = ours(lines[2], filename=str(path), context=get_code_snippet(lines, 3))
    assert (kept, dropped) == (False, True)
    assert ours(lines[0], filename=str(path), context=get_code_snippet(lines, 1)) is False
    monkeypatch.setattr('detect_secrets.settings.get_plugins', lambda: [KeywordDetector()])
    assert ours(INDIRECT, filename=str(path), context=get_code_snippet(lines, 2)) is True


def _applied(monkeypatch: pytest.MonkeyPatch, *functions: object) -> None:
    # what a detect-secrets release that resolves its filters some other way would apply
    monkeypatch.setattr(settings, 'get_filters', functools.lru_cache(maxsize=1)(lambda: functions))
    monkeypatch.setitem(heuristics._STATE, 'checked', False)


def test_check_is_quiet_when_detect_secrets_applies_ours(monkeypatch):
    monkeypatch.setitem(heuristics._STATE, 'checked', False)
    assert heuristics.check() is None


def _is_potential_uuid(secret: str) -> bool:
    return False


_is_potential_uuid.__name__ = 'is_potential_uuid'


@pytest.mark.parametrize(
    'applied',
    [
        pytest.param(lambda: heuristics.ORIGINALS['is_potential_uuid'], id='bound-before-load'),
        pytest.param(lambda: _is_potential_uuid, id='moved-elsewhere'),
    ],
)
def test_check_warns_once_in_one_line_naming_the_fix(monkeypatch, applied):
    _applied(monkeypatch, heuristics.indirect_reference_unless_fireflies, applied())
    warning = heuristics.check()
    assert warning is not None and '\n' not in warning
    assert warning.startswith('ffaudit: detect-secrets 1.5.0 drops Fireflies keys')
    assert '$(ffaudit plugin-path --filter)' in warning and 'ffaudit ds-hook' in warning
    assert heuristics.check() is None  # said once per process


def test_check_is_quiet_once_the_filter_flags_replace_them(monkeypatch):
    _applied(monkeypatch, heuristics.uuid_unless_fireflies, heuristic.is_sequential_string)
    assert heuristics.check() is None


EDGE_LINES = [
    'a = b(c)',
    'x := y[0]',
    'if a != b(c):',
    'k: v(1)',
    'a===b[1]',
    'a = \x0bb(c)',
    '=(x)',
    'a = (b)',
    'a=b.c-d[e]f]',
    'password = "hunter2"',
    'x' * 990 + ' = f(y)',
    'x' * 1001 + ' = f(y)',
]


def test_indirect_reference_answers_as_detect_secrets_on_every_line():
    # our faster pattern must agree with the original on real code, line for line
    stdlib = pathlib.Path(sysconfig.get_paths()['stdlib'])
    lines = [*EDGE_LINES]
    for path in sorted(stdlib.glob('*.py'))[:60]:
        lines += path.read_text(encoding='utf-8', errors='replace').splitlines()
    original = heuristics.ORIGINALS['is_indirect_reference']
    assert [heuristics._is_indirect_reference(x) for x in lines] == [original(x) for x in lines]
    assert any(original(x) for x in lines) and not all(original(x) for x in lines)
