from __future__ import annotations

import pytest

from ffaudit.fireflies import scrub
from ffaudit.fireflies.diagnosis import Diagnosis
from ffaudit.fireflies.diagnosis import Identity
from ffaudit.fireflies.diagnosis import Verdict
from ffaudit.redaction import REDACTED
from ffaudit.redaction import leaks
from ffaudit.redaction import mask

KEY = '0d5b7e3c-9f5e-4c52-8a2e-6f0b1b7d4a91'  # pragma: allowlist secret


def _leaks(text: str) -> bool:
    low = text.lower()
    return any(KEY[i : i + 6] in low for i in range(len(KEY) - 5))


@pytest.mark.parametrize(
    ('value', 'expected'),
    (
        ('Jane Doe', 'Jane Doe'),
        (12345, '12345'),
        (None, ''),
        (True, ''),
        (['a'], ''),
        ({'x': 1}, ''),
        ('Evil\n::error::x', 'Evil\\n::error::x'),
        ('a\r\nb', 'a\\r\\nb'),
        ('\x1b]0;pwned\x07', '\\x1b]0;pwned\\x07'),
        ('rtl\u202eevil', 'rtl\\u202eevil'),
        ('line\u2028sep', 'line\\u2028sep'),
        ('caf\xe9 \u2192 ok', 'caf\xe9 \u2192 ok'),
    ),
)
def test_text_keeps_printable_text_and_escapes_the_rest(value, expected):
    assert scrub.text(value) == expected


@pytest.mark.parametrize(
    'value',
    (
        f'Bearer {KEY}',
        f'id-{KEY.upper()}',
        f'x{KEY[3:12]}y',
        f'{KEY[:18]}',
        f'{KEY[-6:]}',
        f'https://docs.example/#k={KEY}',
    ),
)
def test_text_masks_the_key_or_any_6_char_slice(value):
    shown = scrub.text(value, (KEY,))
    assert REDACTED in shown
    assert not _leaks(shown)
    assert leaks(value, KEY)


def test_text_keeps_context_around_a_masked_key():
    assert scrub.text(f'id-{KEY}-end', (f'{KEY}\n',)) == 'id-<redacted>-end'
    assert not leaks('corr-test-0001', KEY)


@pytest.mark.parametrize(
    ('value', 'expected'),
    (
        ('Bearer sk-unknown-token', 'Bearer <redacted>'),
        ('basic dXNlcjpwdw==', 'basic <redacted>'),
        ('Authorization: Bearer abc', 'Authorization: Bearer <redacted>'),
        ('api_key=abc&x=1', 'api_key=<redacted>&x=1'),
        ('"token": "abc"', '"token": "<redacted>"'),
        ('token expired', 'token expired'),
    ),
)
def test_mask_hides_credentials_even_when_the_key_is_unknown(value, expected):
    assert mask(value, ()) == expected


def test_mask_short_secret_is_replaced_whole():
    assert mask('say abc now', ('abc',)) == 'say <redacted> now'
    assert mask('unchanged', ('',)) == 'unchanged'


def test_text_bounds_length():
    shown = scrub.text('x' * 5000)
    assert len(shown) == scrub.LIMIT
    assert shown.endswith('…')
    assert scrub.text('y' * 50, limit=10) == 'yyyyyyyyy…'


def test_scrub_cleans_every_text_field():
    dirty = f'Bearer {KEY}\n::error::x'
    diag = Diagnosis(
        Verdict.ACCEPTED,
        dirty,
        dirty,
        dirty,
        help_urls=(dirty,),
        correlation_id=dirty,
        identity=Identity(dirty, dirty, dirty),
        details=(('rate_limit_remaining', dirty),),
    )
    clean = scrub.scrub(diag, (KEY,))
    assert not _leaks(repr(clean))
    assert '\n' not in repr(clean).replace('\\n', '')
    assert clean.message == 'Bearer <redacted>\\n::error::x'
    assert clean.identity == Identity(*(clean.message,) * 3)


BARE = KEY.replace('-', '')


@pytest.mark.parametrize(
    'value',
    (
        pytest.param(f'correlation_id={BARE}', id='without-dashes'),
        pytest.param(f'correlation_id={BARE.upper()}', id='without-dashes-upper'),
        pytest.param(f'id {KEY.upper()}', id='upper'),
        pytest.param(f'x{BARE[8:20]}y', id='middle-groups-without-dashes'),
        pytest.param(f'x{BARE[10:16].upper()}y', id='6-char-slice-across-a-dash'),
        pytest.param(f'x{KEY.upper()[9:15]}y', id='6-char-slice-with-a-dash'),
    ),
)
def test_mask_finds_the_key_in_every_form(value):
    shown = scrub.text(value, (KEY,))
    assert '<redacted>' in shown
    low = shown.lower()
    assert not _leaks(shown)
    assert not any(BARE[i : i + 6] in low for i in range(len(BARE) - 5)), shown


@pytest.mark.parametrize('secret', (BARE, BARE.upper(), KEY.upper()))
def test_mask_finds_a_dashed_echo_of_a_key_given_without_dashes_or_upper_case(secret):
    shown = scrub.text(f'echo: {KEY} / {BARE[4:14]}', (secret,))
    assert shown == 'echo: <redacted> / <redacted>'
    assert leaks(f'k={KEY[24:30]}', secret)
