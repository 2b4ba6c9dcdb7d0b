"""The public Python API: ``ffaudit.scan_text``, ``ffaudit.scan_paths``, ``ffaudit.diagnose``."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest

import ffaudit
from ffaudit.errors import FfauditError
from ffaudit.model import Confidence
from ffaudit.model import DoctorReport
from ffaudit.model import ScanResult
from ffaudit.model import Status
from ffaudit.redaction import fingerprint

KEY = 'c0ffee11-2222-4333-8444-555566667777'  # pragma: allowlist secret


def test_scan_text_reports_a_bound_key_without_the_key():
    result = ffaudit.scan_text(f'FIREFLIES_API_KEY={KEY}\n', path='.env')
    assert isinstance(result, ScanResult)
    (finding,) = result.findings
    assert (finding.path, finding.line, finding.column) == ('.env', 1, 19)
    assert finding.confidence is Confidence.HIGH
    assert finding.fingerprint == fingerprint(KEY)
    assert KEY not in repr(result)


def test_scan_text_is_quiet_on_an_unbound_uuid(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no work tree around: no repository context
    assert ffaudit.scan_text(f'request_id = "{KEY}"\n', path='app.py').findings == ()


def test_scan_paths_matches_the_cli(tmp_path):
    (tmp_path / 'a.env').write_text(f'FIREFLIES_API_KEY={KEY}\n')
    (tmp_path / 'b.txt').write_text('nothing here\n')
    result = ffaudit.scan_paths([str(tmp_path)], all_files=True)
    assert [f.path for f in result.findings] == [str(tmp_path / 'a.env')]
    assert result.files_scanned == 2
    with pytest.raises(FfauditError, match='no such file'):
        ffaudit.scan_paths([str(tmp_path / 'missing')])


def test_diagnose_offline_returns_frozen_report(tmp_path):
    report = ffaudit.diagnose(f' {KEY}', env={}, cwd=str(tmp_path))
    assert isinstance(report, DoctorReport)
    assert report.exit_code == 1
    failed = [r.check for r in report.results if r.status is Status.FAIL]
    assert 'key.whitespace' in failed
    assert KEY not in repr(report)
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.exit_code = 0  # type: ignore[misc]


def test_diagnose_reads_the_environment_like_the_cli(tmp_path):
    report = ffaudit.diagnose(env={'FIREFLIES_API_KEY': KEY}, cwd=str(tmp_path))
    assert report.summary.credential is not None
    assert report.summary.credential.name == 'env:FIREFLIES_API_KEY'
    assert report.exit_code == 0


def test_import_ffaudit_stays_cheap():
    code = 'import sys, ffaudit; print(sorted(m for m in sys.modules if m.startswith("ffaudit")))'
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['ffaudit']"


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError):
        ffaudit.no_such_thing  # noqa: B018
