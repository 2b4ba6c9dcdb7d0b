"""Keys in Markdown and text notes: labels, tables, fences, headings."""

from __future__ import annotations

import pytest

from ffaudit.engine import detect
from ffaudit.engine import mentions
from ffaudit.model import Confidence

KEY = '6b1e3f7a-9c2d-4e8b-a5f1-3d7c9e2b4a60'  # pragma: allowlist secret
HIGH, MEDIUM = Confidence.HIGH, Confidence.MEDIUM

HITS = [
    pytest.param(f'# Fireflies setup\n\nMy key: `{KEY}`\n', 3, HIGH, id='label-backticks'),
    pytest.param(f'## Fireflies\n\n- **API key:** `{KEY}`\n', 3, HIGH, id='bold-list-item'),
    pytest.param(f'| Service | Key |\n|---|---|\n| Fireflies | {KEY} |\n', 3, HIGH, id='table-row'),
    pytest.param(
        f'## Fireflies\n\nEnvs:\n\n| Env | API key |\n|---|---|\n| prod | {KEY} |\n',
        7,
        MEDIUM,
        id='table-column-heading',
    ),
    pytest.param(f'Your Fireflies API key:\n\n```\n{KEY}\n```\n', 4, HIGH, id='fence'),
    pytest.param(f'1. Open app.fireflies.ai\n2. Copy it\n3. Key: {KEY}\n', 3, HIGH, id='app-step'),
    pytest.param(f'# Fireflies\n\na\n\nb\n\nc\n\nToken: {KEY}\n', 9, MEDIUM, id='heading-far'),
]
NOOPS = [
    pytest.param(f'# Setup\n\nMy key: `{KEY}`\n', id='no-fireflies'),
    pytest.param(f'# Fireflies\n\nTranscript ID: {KEY}\n', id='transcript-id'),
    pytest.param(f'# Fireflies\n\n- clientReferenceId: {KEY}\n', id='client-reference'),
    pytest.param(f'# Fireflies\n\n| Meeting | ID |\n|---|---|\n| a | {KEY} |\n', id='id-column'),
    pytest.param(f'| Service | Key |\n|---|---|\n| Stripe | {KEY} |\n', id='other-vendor-row'),
    pytest.param(f'# Fireflies\n## Heroku\n\nAPI key: {KEY}\n', id='other-vendor-heading'),
    pytest.param(f'# Fireflies\n\nThe meeting id:\n\n```\n{KEY}\n```\n', id='fenced-id'),
    pytest.param(f'# Fireflies notes\n\nWe log uuid {KEY} here.\n', id='bare-in-prose'),
]


@pytest.mark.parametrize(('text', 'line', 'confidence'), HITS)
def test_prose_hits(text, line, confidence):
    (m,) = detect.scan_text(text, prose=True).matches
    assert (m.line, m.value, m.confidence) == (line, KEY, confidence)


@pytest.mark.parametrize('text', NOOPS)
def test_prose_noops(text):
    scan = detect.scan_text(text, prose=True)
    assert scan.matches == scan.candidates == ()


def test_prose_rules_apply_to_notes_only():
    assert detect.scan_text(f'# Fireflies setup\n\nMy key: `{KEY}`\n').matches == ()
    assert [mentions.is_prose_path(p) for p in ('a/README.md', 'n.TXT', 'q.mdx', 'x.py')] == [
        True,
        True,
        True,
        False,
    ]
