from __future__ import annotations

import dataclasses

import pytest

from ffaudit.doctor.header import code
from ffaudit.doctor.header import parse
from ffaudit.doctor.header.shell_words import Word
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.doctor.key import dotenv
from ffaudit.doctor.key import sources
from ffaudit.explain import capture
from ffaudit.fireflies import classify
from ffaudit.fireflies import transport

KEY = '33b7eb70-b7a9-4cac-b3bc-045e6da9c98a'  # pragma: allowlist secret
OTHER = '917e8418-e833-425d-89c5-ae514ba16981'  # pragma: allowlist secret
ENV = {'FIREFLIES_API_KEY': KEY, 'OTHER_TOKEN': OTHER}


def _no_secret(text: str) -> bool:
    return KEY not in text and OTHER not in text and KEY[:8] not in text


def test_doctor_input_repr_never_shows_the_key_header_or_environment():
    inp = DoctorInput(key=KEY, header=f'Authorization: Bearer {KEY}', env=ENV, key_source='env')

    shown = repr(inp)

    assert _no_secret(shown)
    assert "key_source='env'" in shown  # the secret-free fields still show


def test_resolved_doctor_input_repr_never_shows_the_key(tmp_path):
    inp = sources.resolve(env=ENV, cwd=str(tmp_path), header=f'Bearer {KEY}')

    assert inp.key is not None
    assert _no_secret(repr(inp))


def test_capture_repr_never_shows_the_sent_key_headers_or_body():
    data = (
        f'> Authorization: Bearer {KEY}\r\n< HTTP/1.1 401 Unauthorized\r\n'
        f'< X-Echo: {KEY}\r\n<\r\n{{"errors":[{{"message":"bad {KEY}"}}]}}'
    ).encode()

    cap = capture.parse_capture(data)

    assert cap.sent_key == KEY
    assert cap.status == 401
    assert _no_secret(repr(cap))


def test_server_answers_never_show_their_text_in_repr():
    answer = transport.Answer(200, {'x-echo': KEY}, KEY.encode(), 5)
    internal = classify._Answer(200, {'x-echo': KEY}, 0.0, (KEY,))

    for value in (answer, internal):
        assert _no_secret(repr(value))
        assert dataclasses.is_dataclass(value)


@pytest.mark.parametrize(
    'value',
    (
        pytest.param(code.Value(text=KEY), id='code-value'),
        pytest.param(Word(text=KEY), id='shell-word'),
        pytest.param(dotenv.Expanded({'FIREFLIES_API_KEY': KEY}, (), ()), id='dotenv'),
    ),
)
def test_parsed_values_never_show_the_key_in_repr(value: object):
    assert _no_secret(repr(value))


def test_parsed_header_repr_never_shows_the_key():
    parsed = parse.parse(f"curl -H 'Authorization: Bearer {KEY}' https://x.test/graphql")

    assert parsed.values  # the key was read...
    assert _no_secret(repr(parsed))  # ...and is not in repr
