"""``TextScan.others``: the UUIDv4s no rule judged, kept for same-key promotion (bounded)."""

from __future__ import annotations

import uuid

from ffaudit.engine import api_key
from ffaudit.engine import detect

KEY = '6b1e3f7a-9c2d-4e8b-a5f1-3d7c9e2b4a60'  # pragma: allowlist secret
OTHER = 'e2b7c4d1-8a3f-4b6e-9c5d-1f0a7e3b2c84'  # pragma: allowlist secret


def test_others_hold_unjudged_values_with_their_places():
    text = f'FIREFLIES_API_KEY={KEY}\nid: {OTHER}\n  {KEY}\n'
    scan = detect.scan_text(text)
    assert [(m.line, m.column) for m in scan.matches] == [(1, 19)]
    assert [(m.value, m.line, m.column) for m in scan.others] == [(OTHER, 2, 5), (KEY, 3, 3)]


def test_others_skip_allowlisted_lines_and_other_vendors_lines():
    text = f'x = "{KEY}"  # pragma: allowlist secret\nHEROKU_API_KEY={OTHER}\n'
    assert detect.scan_text(text).others == ()


def test_others_are_bounded_per_text():
    text = '\n'.join(f'id: {uuid.uuid4()}' for _ in range(api_key.MAX_OTHERS + 50))
    assert len(detect.scan_text(text).others) == api_key.MAX_OTHERS


def test_merge_keeps_others_unique_and_bounded():
    one = detect.scan_text(f'id: {OTHER}\n')
    merged = detect.merge([one, one])
    assert [m.value for m in merged.others] == [OTHER]
