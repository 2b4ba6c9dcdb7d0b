"""The per-key overlap guard of --verify: a key tied to another vendor is never sent."""

from __future__ import annotations

import pytest

from ffaudit.engine import detect
from ffaudit.engine import vendors
from ffaudit.redaction import fingerprint

KEY = '0f0b3c55-8e2d-4b8a-9d41-6f7c2a1e5b90'  # pragma: allowlist secret

OVERLAPS = [
    pytest.param(f'FIREFLIES_API_KEY={KEY}\nHEROKU_API_KEY={KEY}\n', 'heroku', id='same-value'),
    pytest.param(
        f'fireflies:\n  api_key: {KEY}\nheroku:\n  api_key: {KEY}\n', 'heroku', id='section'
    ),
    pytest.param(
        f'services:\n  - name: fireflies\n    token: {KEY}\n  - name: twilio\n    token: {KEY}\n',
        'twilio',
        id='list-item',
    ),
    pytest.param(f'FIREFLIES_API_KEY={KEY}\nold = "HRKU-{KEY}"\n', 'heroku', id='prefix'),
    pytest.param(
        f'FIREFLIES_API_KEY={KEY}\nx = "firefly-iii:{KEY}"\n', vendors.ANOTHER, id='multi'
    ),
]
CLEAN = [
    pytest.param(f'# heroku, stripe, sentry\nFIREFLIES_API_KEY={KEY}\n', id='file-mentions'),
    pytest.param(f'heroku:\n  app: x\nfireflies:\n  api_key: {KEY}\n', id='fireflies-section'),
    pytest.param(f'FIREFLIES_API_KEY={KEY}\nFIREFLIES_BACKUP={KEY}\n', id='twice-fireflies'),
]


@pytest.mark.parametrize(('text', 'vendor'), OVERLAPS)
def test_of_scan_names_the_vendor_a_key_also_belongs_to(text, vendor):
    ts = detect.scan_text(text)
    assert ts.matches  # the case is a finding
    assert vendors.of_scan(text, ts) == ((fingerprint(KEY), vendor),)


@pytest.mark.parametrize('text', CLEAN)
def test_of_scan_ignores_vendors_the_key_is_not_tied_to(text):
    ts = detect.scan_text(text)
    assert ts.matches and vendors.of_scan(text, ts) == ()


def test_vendor_in_names_one_word():
    assert vendors.vendor_in('STRIPE_SECRET_KEY=') == 'stripe'
    assert vendors.vendor_in('API_KEY=') is None
