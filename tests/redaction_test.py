from __future__ import annotations

import os
import unicodedata

import pytest

from ffaudit.fireflies import scrub
from ffaudit.redaction import escape_controls
from ffaudit.redaction import mask_key_shaped
from ffaudit.redaction import path_text
from ffaudit.report import safe_text


@pytest.mark.parametrize(
    ('text', 'expected'),
    (
        pytest.param('plain text, 50% — ✓ ü 日本', 'plain text, 50% — ✓ ü 日本', id='printable'),
        pytest.param('a\nb\r\tc', 'a\\nb\\r\\tc', id='named'),
        pytest.param('\x00\x07\x1b[31m\x7f', '\\x00\\x07\\x1b[31m\\x7f', id='c0-del'),
        pytest.param('\x85\x9b', '\\x85\\x9b', id='c1'),
        pytest.param('a\u2028b\u2029c', 'a\\u2028b\\u2029c', id='separators'),
        pytest.param('rtl\u202eevil\u2066', 'rtl\\u202eevil\\u2066', id='bidi'),
        pytest.param('zero\u200bwidth\ufeff', 'zero\\u200bwidth\\ufeff', id='zero-width'),
        pytest.param('soft\xadhyphen', 'soft\\xadhyphen', id='soft-hyphen'),
        pytest.param('private\ue000', 'private\\ue000', id='private-use'),
        pytest.param('nbsp\xa0kept', 'nbsp\xa0kept', id='nbsp-is-a-space'),
    ),
)
def test_escape_controls(text, expected):
    assert escape_controls(text) == expected


def test_report_and_doctor_escape_every_character_alike():
    # one rule: the report's clean() and the doctor's scrub.escape() never disagree
    text = ''.join(chr(c) for c in range(0x3000) if not 0xD800 <= c < 0xE000)
    cleaned = safe_text.clean(text)
    assert cleaned == scrub.escape(text)
    assert all(c.isprintable() or unicodedata.category(c) == 'Zs' for c in cleaned)


@pytest.mark.parametrize(
    ('path', 'shown'),
    (
        ('cfg/6f1c9e2a-4b7d-4c3e-8a5f-2d9b0e7c4a18/app.py', 'cfg/<redacted>/app.py'),
        ('keys-6f1c9e2a4b7d4c3e8a5f2d9b0e7c4a18.py', 'keys-<redacted>.py'),
        (
            'migrations/0001_initial_schema_for_users.py',
            'migrations/0001_initial_schema_for_users.py',
        ),
    ),
)
def test_mask_key_shaped_masks_only_the_key_run(path, shown):
    assert mask_key_shaped(path) == shown


def test_path_text_shows_undecodable_bytes_and_controls():
    assert path_text(os.fsdecode(b'a\xff\nb')) == 'a\\xff\\nb'
