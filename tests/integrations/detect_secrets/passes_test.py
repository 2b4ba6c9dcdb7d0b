"""Which detect-secrets pass the plugin answers on."""

from __future__ import annotations

import pathlib

from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
from detect_secrets.settings import transient_settings

from ffaudit.integrations.detect_secrets import passes


def _answers(target: int | None, calls: list[int]) -> list[bool]:
    tracker = passes.Tracker(target)
    return [tracker.answers(n) for n in calls]


def test_tracker_answers_every_pass_when_other_plugins_find_nothing():
    assert _answers(None, [1, 2, 3, 1, 2, 3]) == [True] * 6


def test_tracker_answers_only_the_first_pass_when_others_find_something_there():
    # detect-secrets stops after the first pass; a later call for line 1 is a new scan
    assert _answers(0, [1, 2, 3, 1, 2]) == [True, True, True, True, True]


def test_tracker_answers_only_the_second_pass_when_others_find_something_only_there():
    assert _answers(1, [1, 2, 3, 1, 2, 3]) == [False] * 3 + [True] * 3


def test_tracker_starts_a_new_scan_after_the_target_pass():
    assert _answers(1, [1, 2, 1, 2, 1, 2, 1]) == [False, False, True, True, False, False, True]


def test_tracker_single_line_passes():
    assert _answers(1, [1, 1, 1, 1]) == [False, True, False, True]


def _target(path: pathlib.Path) -> int | None:
    try:
        with transient_settings({'plugins_used': [{'name': 'KeywordDetector'}]}):
            return passes.Planner().target(str(path))
    finally:  # detect-secrets keeps this cache across settings: leave it as other tests expect
        get_mapping_from_secret_type_to_class.cache_clear()


def test_planner_finds_the_pass_other_plugins_yield_on(tmp_path):
    (tmp_path / 'a.env').write_text('DB_PASSWORD=Sup3rS3cretPassw0rd\n')  # pragma: allowlist secret
    (tmp_path / 'b.py').write_text(
        'DB_PASSWORD = "Sup3rS3cretPassw0rd"\n'
    )  # pragma: allowlist secret
    (tmp_path / 'c.env').write_text('LOG_LEVEL=info\n')
    assert [_target(tmp_path / n) for n in ('a.env', 'b.py', 'c.env')] == [1, 0, None]


def test_planner_unreadable_file_has_no_target(tmp_path):
    assert _target(tmp_path / 'missing.env') is None
