"""``ffaudit scan -``: standard input read like a file, capped, never a silent pass (issue 9)."""

from __future__ import annotations

import io

import pytest

from ffaudit.errors import FfauditError
from ffaudit.model import Skipped
from ffaudit.scan import files
from ffaudit.scan import standard_input
from ffaudit.scan.standard_input import CappedInput

KEY = 'f025c6ec-c15e-4aa5-ad75-7f69b82789a4'  # pragma: allowlist secret


def _scan(data: bytes, **kwargs):
    return files.scan_paths_keys(['-'], stdin=io.BytesIO(data), **kwargs)[0]


def test_stdin_is_scanned_as_a_file_named_stdin():
    result = _scan(f'FIREFLIES_API_KEY={KEY}\n'.encode())
    assert [(f.path, f.line, f.column) for f in result.findings] == [('<stdin>', 1, 19)]
    assert (result.files_scanned, result.bytes_scanned) == (1, 55)


def test_stdin_in_chunks_and_utf16_like_a_file():
    text = 'x = 1\n' * 5000 + f'FIREFLIES_API_KEY={KEY}\n'
    result = _scan(text.encode('utf-16'), chunk_size=1024)
    assert [f.line for f in result.findings] == [5001]


def test_binary_stdin_is_skipped_like_a_binary_file():
    result = _scan(b'\x89PNG\r\n\x1a\n\x00\x00' + bytes(range(256)))
    assert result.skipped == (Skipped('<stdin>', 'binary'),)


@pytest.mark.parametrize(
    ('stream', 'message'),
    [
        pytest.param(None, 'standard input is closed: nothing to scan', id='closed'),
        pytest.param(io.BytesIO(b''), 'standard input is empty: nothing to scan', id='empty'),
    ],
)
def test_closed_or_empty_stdin_is_exit_2(stream, message):
    with pytest.raises(FfauditError, match=message) as info:
        files.scan_paths_keys(['-'], stdin=stream)
    assert info.value.exit_code == 2


def test_stdin_over_the_limit_is_refused_after_limit_plus_one_bytes():
    stream = io.BytesIO(b'a' * 100)
    reader = CappedInput(stream, limit=10)
    assert reader.read(64) == b'a' * 11
    assert reader.read(64) == b''
    with pytest.raises(FfauditError, match='standard input is larger than 64 MiB'):
        reader.check()
    assert standard_input.LIMIT == 64 * 1024 * 1024


class _Broken(io.RawIOBase):
    def __init__(self, exc: Exception) -> None:
        self.exc = exc

    def read(self, size: int = -1) -> bytes:
        raise self.exc


@pytest.mark.parametrize(
    ('exc', 'message'),
    [
        (OSError(5, 'Input/output error'), 'cannot read standard input: Input/output error'),
        (ValueError('I/O operation on closed file'), 'standard input is closed'),
    ],
)
def test_unreadable_stdin_is_one_line(exc, message):
    with pytest.raises(FfauditError, match=message):
        CappedInput(_Broken(exc)).read(10)  # type: ignore[arg-type]
