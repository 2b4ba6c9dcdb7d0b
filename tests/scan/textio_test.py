"""File reading: binary sniffing, encodings, pieces."""

from __future__ import annotations

import codecs
import io
import os

import pytest

from ffaudit.scan import textio


@pytest.mark.parametrize(
    ('head', 'codec'),
    [
        pytest.param(b'plain ascii\n', 'utf-8', id='ascii'),
        pytest.param(codecs.BOM_UTF8 + b'x = 1\n', 'utf-8-sig', id='utf8-bom'),
        pytest.param(codecs.BOM_UTF16_LE + 'x'.encode('utf-16-le'), 'utf-16', id='utf16-bom-le'),
        pytest.param(codecs.BOM_UTF16_BE + 'x'.encode('utf-16-be'), 'utf-16', id='utf16-bom-be'),
        pytest.param('key = 1\n'.encode('utf-16-le'), 'utf-16-le', id='utf16-le-no-bom'),
        pytest.param('key = 1\n'.encode('utf-16-be'), 'utf-16-be', id='utf16-be-no-bom'),
        pytest.param('k = 1\n'.encode('utf-32'), 'utf-32', id='utf32-bom'),
        pytest.param(codecs.BOM_UTF32_BE + 'k'.encode('utf-32-be'), 'utf-32', id='utf32-bom-be'),
        pytest.param('key = 1\n'.encode('utf-32-le'), 'utf-32-le', id='utf32-le-no-bom'),
        pytest.param('key = 1\n'.encode('utf-32-be'), 'utf-32-be', id='utf32-be-no-bom'),
        pytest.param(b'\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01', None, id='png'),
        pytest.param(b'\x7fELF\x02\x01\x01\x00' + bytes(range(256)), None, id='elf'),
    ],
)
def test_sniff(head, codec):
    assert textio.sniff(head) == codec


@pytest.mark.parametrize(
    ('data', 'codec', 'text'),
    [
        pytest.param('café'.encode(), 'utf-8', 'café', id='utf8'),
        pytest.param('café'.encode('latin-1'), 'utf-8', 'café', id='latin1-fallback'),
        pytest.param(codecs.BOM_UTF8 + b'x', 'utf-8-sig', 'x', id='bom-stripped'),
        pytest.param('ké'.encode('utf-16'), 'utf-16', 'ké', id='utf16'),
        pytest.param('ké'.encode('utf-32'), 'utf-32', 'ké', id='utf32'),
        pytest.param(b'k\x00e', 'utf-16-le', 'k\ufffd', id='odd-utf16-replaced'),
    ],
)
def test_decode(data, codec, text):
    assert textio.decode(data, codec) == text


def test_iter_pieces_keeps_multibyte_characters_across_reads():
    data = 'é' * 10
    raw = data.encode()
    f = io.BytesIO(raw[3:])
    assert ''.join(textio.iter_pieces(f, raw[:3], 'utf-8', 3)) == data


def test_iter_pieces_falls_back_to_latin1():
    raw = 'café crème'.encode('latin-1')
    f = io.BytesIO(raw[6:])
    assert ''.join(textio.iter_pieces(f, raw[:6], 'utf-8', 4)) == 'café crème'


def test_open_file_refuses_directories_and_fifos(tmp_path):
    with pytest.raises(IsADirectoryError):
        textio.open_file(str(tmp_path))
    fifo = tmp_path / 'fifo'
    os.mkfifo(fifo)
    with pytest.raises(OSError, match='not a regular file'):
        textio.open_file(str(fifo))


def test_utf32_file_key_is_found(tmp_path):
    # A UTF-32 file was once counted as scanned but its key was missed.
    from ffaudit.scan import files

    key = '7601411e-5f2e-4705-8e04-17d49a8e8d61'  # pragma: allowlist secret
    for codec in ('utf-32', 'utf-32-le', 'utf-32-be'):
        path = tmp_path / f'{codec}.env'
        path.write_bytes(f'FIREFLIES_API_KEY={key}\n'.encode(codec))
        (finding,) = files.scan_paths([str(path)]).findings
        assert (finding.line, finding.column, finding.preview) == (1, 19, '7601...')
