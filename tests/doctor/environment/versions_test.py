"""Installed versions without importing importlib.metadata on the start-up path."""

from __future__ import annotations

import sys
from importlib import metadata

from ffaudit.doctor.environment import versions


def test_dist_info_name_gives_the_same_version_as_metadata():
    for dist in ('requests', 'urllib3', 'click'):
        assert versions._dist_info_version(dist) == metadata.version(dist)


def test_fast_path_when_metadata_is_not_imported(monkeypatch):
    monkeypatch.delitem(sys.modules, 'importlib.metadata')
    assert versions.installed_version('requests') == metadata.version('requests')


def test_missing_package(monkeypatch):
    monkeypatch.delitem(sys.modules, 'importlib.metadata')
    assert versions.installed_version('no-such-package-ffaudit') is None
    assert versions._dist_info_version('no-such-package-ffaudit') is None
