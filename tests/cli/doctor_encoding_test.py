"""doctor and explain on streams that cannot encode Unicode: real processes.

``PYTHONIOENCODING=cp1252`` is what a Windows runner or ``ffaudit doctor > log.txt`` gives;
the output must be folded or escaped, never a UnicodeEncodeError traceback.
"""

from __future__ import annotations

import http.server
import json
import os
import pathlib
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest

from ffaudit.cli.checks_output import fit
from testing.fakeserver import UNKNOWN_KEY

CJK_KEY = 'b9d1f2a6-3e4c-4f0a-9d2b-6a7c8e1f0b34'  # pragma: allowlist secret
CJK_NAME = '\u5f20\u4f1f'  # 张伟, an account name cp1252 cannot encode
CJK_USER = {'data': {'user': {'user_id': 'u1', 'email': 'zw@example.com', 'name': CJK_NAME}}}
AUTH_FAILED = {
    'data': None,
    'errors': [{'message': 'Invalid API key', 'code': 'auth_failed', 'extensions': {}}],
}
ENCODINGS = ('cp1252', 'cp437', 'latin-1')


class _CjkHandler(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get('Content-Length', 0)))
        body = json.dumps(CJK_USER, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header('Content-Type', 'application/json; charset=utf-8')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope='module')
def cjk_server() -> Iterator[str]:
    """A loopback server that accepts any key and answers the user 张伟."""
    httpd = http.server.ThreadingHTTPServer(('127.0.0.1', 0), _CjkHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f'http://127.0.0.1:{httpd.server_address[1]}/graphql'
    httpd.shutdown()
    httpd.server_close()


def _run(tmp_path: pathlib.Path, encoding: str, key: str, *args: str) -> tuple[int, str, str]:
    env = {
        'PATH': os.environ.get('PATH', ''),
        'HOME': str(tmp_path),
        'PYTHONIOENCODING': encoding,
        'FIREFLIES_API_KEY': key,
    }
    cmd = [sys.executable, '-m', 'ffaudit', *args]
    proc = subprocess.run(cmd, env=env, cwd=tmp_path, capture_output=True, timeout=30)
    out, err = proc.stdout.decode(encoding), proc.stderr.decode(encoding)
    assert 'Traceback' not in err, err
    assert key not in out + err
    return proc.returncode, out, err


@pytest.mark.parametrize(
    ('encoding', 'fmt'),
    [(e, 'text') for e in ENCODINGS] + [('cp1252', 'json'), ('cp1252', 'github')],
)
def test_doctor_rejected_key_on_a_legacy_stream(tmp_path, fake_fireflies_http, encoding, fmt):
    url = fake_fireflies_http.url()
    code, out, _ = _run(
        tmp_path, encoding, UNKNOWN_KEY, 'doctor', '--endpoint', url, '--format', fmt
    )
    assert code == 1
    if fmt == 'json':
        doc = json.loads(out)
        assert {c['id']: c['status'] for c in doc['checks']}['auth.probe'] == 'fail'
        assert out.isascii()
    else:
        assert '[FAIL]' in out
        assert '->' in out  # the arrows of hints and advice, folded


@pytest.mark.parametrize('fmt', ('text', 'json', 'github'))
def test_doctor_accepted_key_with_a_cjk_account_name(tmp_path, cjk_server, fmt):
    code, out, _ = _run(
        tmp_path, 'cp1252', CJK_KEY, 'doctor', '--endpoint', cjk_server, '--format', fmt
    )
    assert code == 0, out
    if fmt == 'json':
        assert out.isascii()
        assert CJK_NAME in json.dumps(json.loads(out), ensure_ascii=False)
    else:
        assert '\\u5f20\\u4f1f' in out  # escaped, not dropped


@pytest.mark.parametrize('encoding', ENCODINGS)
@pytest.mark.parametrize(
    ('doc', 'code', 'needle'),
    ((AUTH_FAILED, 1, '[FAIL]'), ({**CJK_USER}, 0, '\\u5f20\\u4f1f')),
    ids=('auth-failed', 'cjk-user'),
)
def test_explain_on_a_legacy_stream(tmp_path, encoding, doc, code, needle):
    capture = tmp_path / 'af.json'
    capture.write_text(json.dumps(doc, ensure_ascii=False), encoding='utf-8')
    got, out, _ = _run(tmp_path, encoding, UNKNOWN_KEY, 'explain', str(capture))
    assert got == code, out
    assert needle in out


def test_explain_json_is_ascii_escaped_on_a_legacy_stream(tmp_path):
    capture = tmp_path / 'user.json'
    capture.write_text(json.dumps(CJK_USER, ensure_ascii=False), encoding='utf-8')
    code, out, _ = _run(
        tmp_path, 'cp1252', UNKNOWN_KEY, 'explain', '--format', 'json', str(capture)
    )
    assert code == 0
    assert out.isascii()
    assert CJK_NAME in json.dumps(json.loads(out), ensure_ascii=False)


@pytest.mark.parametrize(
    ('encoding', 'text', 'expected'),
    (
        ('utf-8', '\u2713 ok \u2192 fix \u5f20', '\u2713 ok \u2192 fix \u5f20'),
        ('cp1252', 'a \u2192 b \u2014 c \u00b7 d', 'a -> b -- c - d'),
        ('cp437', 'name \u5f20\u4f1f', 'name \\u5f20\\u4f1f'),
        ('latin-1', 'caf\u00e9 \u2026', 'caf\u00e9 ...'),
        ('no-such-codec', '\u2192 \u00e9', '-> \\xe9'),
        (None, 'plain', 'plain'),
    ),
)
def test_fit_folds_then_escapes(encoding, text, expected):
    assert fit(text, encoding) == expected


def test_smart_quoted_key_under_the_c_locale_is_named(tmp_path):
    # LC_ALL=C without UTF-8 mode: os.environ holds surrogate escapes
    env = {
        b'PATH': os.environ.get('PATH', '').encode(),
        b'HOME': str(tmp_path).encode(),
        b'LC_ALL': b'C',
        b'PYTHONUTF8': b'0',
        b'FIREFLIES_API_KEY': f'\u201c{CJK_KEY}\u201d'.encode(),
    }
    cmd = [sys.executable, '-m', 'ffaudit', 'doctor', '--offline', '--format', 'json']
    proc = subprocess.run(cmd, env=env, cwd=tmp_path, capture_output=True, timeout=30)
    assert proc.returncode == 1, proc.stderr
    checks = {c['id']: c for c in json.loads(proc.stdout)['checks']}
    assert checks['key.quotes']['status'] == 'fail'
    assert 'LEFT DOUBLE QUOTATION MARK' in checks['key.quotes']['message']
    assert 'U+DC' not in proc.stdout.decode('ascii')
    assert CJK_KEY.encode() not in proc.stdout + proc.stderr
