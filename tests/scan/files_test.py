"""Scanning files and trees: encodings, binaries, chunk seams, repository context, bad input."""

from __future__ import annotations

import codecs
import dataclasses
import os
import subprocess
import sys

import pytest

from ffaudit.engine import detect
from ffaudit.errors import FfauditError
from ffaudit.model import Confidence
from ffaudit.redaction import fingerprint
from ffaudit.scan import files
from ffaudit.scan import textio

KEY = '46ee58b1-af4d-4f1a-a952-b2b60137e274'  # pragma: allowlist secret
KEY2 = 'a3702646-e1a7-48ec-8779-4a35c4405f00'  # pragma: allowlist secret
LINE = f'FIREFLIES_API_KEY = "{KEY}"\n'
COL = LINE.index(KEY) + 1


def _where(result: files.ScanResult) -> list[tuple[str, int, int, Confidence]]:
    return [(f.path.rsplit('/', 1)[-1], f.line, f.column, f.confidence) for f in result.findings]


def _assert_no_key(result: files.ScanResult) -> None:
    assert KEY not in repr(result)
    assert KEY2 not in repr(result)


@pytest.mark.parametrize(
    'data',
    [
        pytest.param(LINE.encode(), id='utf8'),
        pytest.param(codecs.BOM_UTF8 + LINE.encode(), id='utf8-bom'),
        pytest.param(f'# café\n{LINE}'.encode('latin-1'), id='latin1'),
        pytest.param(f'# café\n{LINE}'.encode('utf-16'), id='utf16-bom'),
        pytest.param(f'# café\n{LINE}'.encode('utf-16-le'), id='utf16-le'),
        pytest.param(f'# café\n{LINE}'.encode('utf-16-be'), id='utf16-be'),
        pytest.param(f'# x\r\n{LINE}'.replace('\n', '\r\n').encode(), id='crlf'),
    ],
)
def test_scan_file_encodings(tmp_path, data):
    path = tmp_path / 'f.txt'
    path.write_bytes(data)
    result = files.scan_file(str(path))
    assert result.skipped is None
    assert result.text_scan is not None
    (match,) = result.text_scan.matches
    assert (match.line, match.column) in ((1, COL), (2, COL))
    assert result.size == len(data)


def test_scan_file_binary_is_skipped(tmp_path):
    path = tmp_path / 'img.png'
    path.write_bytes(b'\x89PNG\r\n\x1a\n\x00\x00' + LINE.encode())
    result = files.scan_file(str(path))
    assert result.skipped == files.Skipped(str(path), 'binary')
    assert result.text_scan is None


def test_scan_file_missing_is_an_error(tmp_path):
    with pytest.raises(FfauditError, match='no such file or directory') as info:
        files.scan_file(str(tmp_path / 'nope'))
    assert info.value.exit_code == 2


def test_scan_file_unreadable_is_skipped(tmp_path, monkeypatch):
    path = tmp_path / 'secret.env'
    path.write_text(LINE)

    def denied(path):
        raise PermissionError(13, 'Permission denied')

    monkeypatch.setattr(textio, 'open_file', denied)
    result = files.scan_file(str(path))
    assert result.skipped == files.Skipped(str(path), 'unreadable: Permission denied')


def test_scan_paths_refuses_a_named_fifo_without_opening_it(tmp_path):
    # issue 9: a FIFO named on the command line is exit 2, never a skip (nor a hang)
    os.mkfifo(tmp_path / 'pipe')
    (tmp_path / 'a.env').write_text(LINE)
    with pytest.raises(FfauditError, match=r'pipe: not read: a FIFO \(named pipe\)') as info:
        files.scan_paths([str(tmp_path / 'a.env'), str(tmp_path / 'pipe')])
    assert info.value.exit_code == 2


def test_scan_paths_walk_leaves_fifos_out(tmp_path):
    os.mkfifo(tmp_path / 'pipe')
    (tmp_path / 'a.env').write_text(LINE)
    result = files.scan_paths([str(tmp_path)], all_files=True)
    assert (result.files_scanned, len(result.findings), result.skipped) == (1, 1, ())


@pytest.mark.parametrize('shift', [*range(-40, 41, 9), 1024 - 20, 1024 + 3])
def test_scan_file_key_straddling_a_chunk_seam(tmp_path, shift):
    chunk = 1024  # with OVERLAP 2048 the reported ranges meet at multiples of the chunk size
    filler = 'x = 1\n' * 2000
    text = filler[: 3 * chunk + shift - 10] + '\n' + LINE + 'y = 2\n' * 1000
    path = tmp_path / 'big.py'
    path.write_text(text)
    result = files.scan_file(str(path), chunk_size=chunk)
    assert result.text_scan is not None
    want = [(text[: text.index(KEY)].count('\n') + 1, COL)]
    assert [(m.line, m.column) for m in result.text_scan.matches] == want
    assert result.size == len(text)


@pytest.mark.parametrize('size', [29, 64, 101, 250, 4096])
def test_scan_pieces_equals_whole_text(size):
    text = ''.join(
        f'{"z" * (i * 13 % 300)} FIREFLIES_KEY={KEY if i % 2 else KEY2};{"q" * (i * 7 % 50)}\n'
        for i in range(60)
    )
    whole = detect.scan_text(text).matches
    pieces = [text[i : i + size] for i in range(0, len(text), size)]
    chunked = files.scan_pieces(pieces, overlap=450)
    assert len(whole) == 60
    assert chunked.matches == whole


def test_scan_pieces_long_single_line_columns(tmp_path):
    chunk = 50
    text = 'a' * 997 + ';' + LINE.rstrip('\n') + ';' + 'b' * 500
    path = tmp_path / 'min.js'
    path.write_text(text)
    ts = files.scan_file(str(path), chunk_size=chunk).text_scan
    assert ts is not None
    assert [(m.line, m.column) for m in ts.matches] == [(1, text.index(KEY) + 1)]


def test_scan_pieces_context_in_an_earlier_chunk_promotes_candidates():
    pieces = ['URL = "https://api.fireflies.ai"\n', '\n' * 5000, f'token = "{KEY}"\n']
    ts = files.scan_pieces(pieces, overlap=100)
    assert [(m.line, m.confidence) for m in ts.matches] == [(5002, Confidence.LOW)]


def test_scan_paths_repository_context(tmp_path):
    (tmp_path / '.env').write_text(f'API_KEY={KEY}\n')
    (tmp_path / 'client.py').write_text('requests.post("https://api.fireflies.ai/graphql")\n')
    result = files.scan_paths([str(tmp_path)])
    assert _where(result) == [('.env', 1, 9, Confidence.LOW)]
    _assert_no_key(result)


def test_scan_paths_no_repository_context_no_finding(tmp_path):
    (tmp_path / '.env').write_text(f'API_KEY={KEY}\n')
    (tmp_path / 'client.py').write_text('requests.post("https://api.example.com/graphql")\n')
    assert files.scan_paths([str(tmp_path)]).findings == ()


def test_scan_paths_candidate_in_other_vendor_file_is_not_promoted(tmp_path):
    (tmp_path / '.env').write_text(f'HEROKU_APP=x\nAPI_KEY={KEY}\n')
    (tmp_path / 'client.py').write_text('requests.post("https://api.fireflies.ai/graphql")\n')
    assert files.scan_paths([str(tmp_path)]).findings == ()


def test_scan_paths_sorted_deduplicated_with_progress(tmp_path):
    (tmp_path / 'b.env').write_text(f'x=1\n{LINE}')
    (tmp_path / 'a.env').write_text(f'{LINE}FIREFLIES_KEY={KEY2}\n')
    (tmp_path / 'blob.bin').write_bytes(b'\x00\x01\x02' * 100)
    seen = []
    paths = [str(tmp_path), str(tmp_path / 'a.env')]
    result = files.scan_paths(paths, progress=lambda n, p: seen.append((n, p)))
    assert [(f[0], f[1]) for f in _where(result)] == [('a.env', 1), ('a.env', 2), ('b.env', 2)]
    assert [n for n, _ in seen] == [1, 2, 3]
    assert result.files_scanned == 2
    assert result.skipped == (files.Skipped(str(tmp_path / 'blob.bin'), 'binary'),)
    assert result.bytes_scanned == sum(len(p.read_bytes()) for p in tmp_path.iterdir())
    assert result.findings[0].fingerprint != result.findings[1].fingerprint
    _assert_no_key(result)


def test_scan_paths_missing_path_fails_before_scanning(tmp_path):
    (tmp_path / 'a.env').write_text(LINE)
    seen = []
    with pytest.raises(FfauditError, match='missing.py: no such file'):
        files.scan_paths(
            [str(tmp_path / 'a.env'), 'missing.py'], progress=lambda n, p: seen.append(p)
        )
    assert seen == []


def test_scan_paths_honours_gitignore_unless_all_files(tmp_path):
    subprocess.run(('git', 'init', '-q', str(tmp_path)), check=True)
    (tmp_path / '.gitignore').write_text('local.env\n')
    (tmp_path / 'local.env').write_text(LINE)
    assert files.scan_paths([str(tmp_path)]).findings == ()
    assert len(files.scan_paths([str(tmp_path)], all_files=True).findings) == 1
    assert len(files.scan_paths([str(tmp_path / 'local.env')]).findings) == 1  # explicit file


def test_scan_paths_directory_loop_terminates(tmp_path):
    (tmp_path / 'd').mkdir()
    (tmp_path / 'd' / 'up').symlink_to(tmp_path)
    (tmp_path / 'd' / 'k.env').write_text(LINE)
    result = files.scan_paths([str(tmp_path)], all_files=True)
    assert [f.line for f in result.findings] == [1]


def test_finding_holds_no_secret():
    (finding,) = files.findings_of('p', [next(iter(detect.iter_keys(LINE)))])
    assert KEY not in repr(dataclasses.asdict(finding))
    assert finding.preview == KEY[:4] + '...'


def test_scan_import_stays_light():
    heavy = ('requests', 'detect_secrets', 'dotenv', 'click')
    code = f'import sys, ffaudit.scan.files; print([m for m in {heavy!r} if m in sys.modules])'
    out = subprocess.run((sys.executable, '-c', code), check=True, capture_output=True, text=True)
    assert out.stdout.strip() == '[]'


def test_scan_paths_counts_unreadable_directories(tmp_path, monkeypatch):
    (tmp_path / 'locked').mkdir()
    (tmp_path / 'a.env').write_text(LINE)
    real = os.scandir

    def scandir(path):
        if str(path).endswith('locked'):
            raise PermissionError(13, 'Permission denied')
        return real(path)

    monkeypatch.setattr(os, 'scandir', scandir)
    result = files.scan_paths([str(tmp_path)], all_files=True)
    assert result.skipped == (
        files.Skipped(str(tmp_path / 'locked'), 'unreadable: Permission denied'),
    )
    assert len(result.findings) == 1


def test_scan_paths_keys_holds_the_keys_of_the_findings_read_once(tmp_path, monkeypatch):
    # --verify gets its keys from the same read, not a second scan_file; the overlap is per key
    # (KEY2 is also Heroku's), not per file
    (tmp_path / 'a.env').write_text(f'# heroku and fireflies\n{LINE}')
    (tmp_path / 'heroku.env').write_text(f'FIREFLIES_API_KEY={KEY2}\nHEROKU_API_KEY={KEY2}\n')
    (tmp_path / 'ids.json').write_text(f'{{"id": "{KEY2}x"}}\n')
    opened: list[str] = []
    real_open = textio.open_file

    def spy(path: str):
        opened.append(os.path.basename(path))
        return real_open(path)

    monkeypatch.setattr(textio, 'open_file', spy)
    result, ring = files.scan_paths_keys([str(tmp_path)], all_files=True)
    assert sorted(opened) == ['a.env', 'heroku.env', 'ids.json']
    assert dict(ring.items()) == {fingerprint(KEY): KEY, fingerprint(KEY2): KEY2}
    assert {f.fingerprint for f in result.findings} == {fp for fp, _ in ring.items()}
    fps = fingerprint(KEY), fingerprint(KEY2)
    assert [ring.overlap_of(fp) for fp in fps] == ['', 'heroku']
    assert KEY not in repr(ring) and files.scan_paths([str(tmp_path)], all_files=True) == result


def test_scan_result_still_importable_from_scan():
    from ffaudit import model

    assert (files.ScanResult, files.Skipped) == (model.ScanResult, model.Skipped)
