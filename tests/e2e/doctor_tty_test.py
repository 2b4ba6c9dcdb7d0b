"""The doctor on a real terminal (a pty): live-check feedback and the hidden key prompt.

On a terminal the doctor says "Asking Fireflies (up to N s)…" while it waits and erases the line
once the answer is in; --api-key-stdin prompts without echo (getpass). Off a terminal, neither.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

import pytest

from testing.fakeserver import VALID_KEY

pytestmark = pytest.mark.e2e
ERASE = '\r\x1b[K'


def _env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(('FIREFLIES', 'GITHUB', 'CI'))}
    return {**env, 'HOME': str(tmp_path), 'NO_PROXY': '127.0.0.1', 'TERM': 'xterm'}


def _read_until_exit(fd: int, pid: int, answer: bytes = b'', after: bytes = b'') -> str:
    out = b''
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the pty
                break
            if not chunk:
                break
            out += chunk
            if answer and after in out:
                os.write(fd, answer)
                answer = b''
    os.waitpid(pid, 0)
    return out.decode('utf-8', 'replace')


def _on_pty(args: list[str], env: dict[str, str], cwd: str, **kw: bytes) -> str:
    pid, fd = pty.fork()
    if pid == 0:  # the child: stdin, stdout and stderr are the terminal
        os.chdir(cwd)
        os.execve(sys.executable, [sys.executable, '-m', 'ffaudit', *args], env)
    return _read_until_exit(fd, pid, **kw)


def test_live_check_feedback_on_a_terminal(tmp_path, fake_fireflies_http):
    env = {**_env(tmp_path), 'FIREFLIES_API_KEY': VALID_KEY}
    args = ['doctor', '--endpoint', fake_fireflies_http.url(), '--timeout', '7']
    out = _on_pty(args, env, str(tmp_path))
    assert 'Asking Fireflies (up to 7 s)…' + ERASE in out
    assert 'Key belongs to Jane Doe' in out.split(ERASE, 1)[1]
    assert VALID_KEY[:8] not in out


def test_no_feedback_when_not_a_terminal(tmp_path, fake_fireflies_http):
    env = {**_env(tmp_path), 'FIREFLIES_API_KEY': VALID_KEY}
    cmd = [sys.executable, '-m', 'ffaudit', 'doctor', '--endpoint', fake_fireflies_http.url()]
    proc = subprocess.run(cmd, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=30)
    assert (proc.returncode, proc.stderr) == (0, '')
    assert 'Asking Fireflies' not in proc.stdout


def test_api_key_stdin_prompts_without_echo(tmp_path):
    args = ['doctor', '--api-key-stdin', '--offline']
    prompt = b'press Enter): '
    out = _on_pty(
        args, _env(tmp_path), str(tmp_path), answer=f'{VALID_KEY}\n'.encode(), after=prompt
    )
    assert 'Fireflies API key (input hidden; paste it, then press Enter): ' in out
    assert VALID_KEY[:8] not in out  # not echoed, not printed
    assert 'API key from stdin (length 36' in out
    assert 'exit 0' in out


def test_header_dash_on_a_terminal_says_how_to_finish(tmp_path):
    args = ['doctor', '--offline', '--header', '-']
    paste = f'Authorization: Bearer {VALID_KEY}\n\x04'.encode()  # then Ctrl-D
    out = _on_pty(args, _env(tmp_path), str(tmp_path), answer=paste, after=b'Ctrl-D')
    assert 'Paste the header, request or command, then press Ctrl-D' in out
    assert 'API key from header:stdin (length 36' in out
