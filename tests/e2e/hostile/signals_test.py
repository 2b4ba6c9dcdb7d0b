"""Class 3: SIGINT at any moment exits 130 with ``ffaudit: interrupted``; SIGTERM (143) leaves
no half-written file.

The moment is set by watching the process: ``/proc/PID/status`` shows when ffaudit's own
handlers are in (its first act, before click and the commands are imported), the fake server
shows when the probe is waiting. Before that moment only the interpreter runs, which ffaudit
cannot change (see README, "Signals").
"""

from __future__ import annotations

import json
import os
import pathlib
import signal
import subprocess
import time

import pytest

from testing.fakeserver import VALID_KEY
from testing.hostile import CONSOLE_SCRIPT
from testing.hostile import FFAUDIT
from testing.hostile import TIMEOUT
from testing.hostile import assert_no_leak

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not os.path.exists('/proc/self/status'), reason='needs /proc'),
]

INTERRUPTED = (130, 'ffaudit: interrupted\n')
TERMINATED = (143, 'ffaudit: terminated\n')
PROGRAMS = {'console-script': [CONSOLE_SCRIPT], 'python-m': FFAUDIT}


def _handlers_in(pid: int) -> bool:
    # SigCgt: the signals the process catches; Python alone never catches SIGTERM
    for line in pathlib.Path(f'/proc/{pid}/status').read_text().splitlines():
        if line.startswith('SigCgt:'):
            return bool(int(line.split()[1], 16) & (1 << (signal.SIGTERM - 1)))
    return False


def _start(
    argv: list[str], cwd: pathlib.Path, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + TIMEOUT
    while not _handlers_in(proc.pid):
        assert proc.poll() is None, 'ended before its handlers were in'
        assert time.monotonic() < deadline, 'handlers never installed'
        time.sleep(0.001)
    return proc


def _stop(proc: subprocess.Popen[bytes], signum: int, after: float = 0.0) -> tuple[int, str]:
    time.sleep(after)
    assert proc.poll() is None, 'ended before the signal: the case needs more work to do'
    proc.send_signal(signum)
    assert proc.stderr is not None
    stderr = proc.stderr.read().decode()
    return proc.wait(TIMEOUT), stderr


def _tree(folder: pathlib.Path, files: int = 1500) -> pathlib.Path:
    folder.mkdir(exist_ok=True)
    for i in range(files):
        lines = (f'FIREFLIES_API_KEY_{j} = "{i:08x}-1111-4111-8111-{j:012x}"\n' for j in range(20))
        (folder / f'f{i}.py').write_text(''.join(lines))
    return folder


@pytest.mark.parametrize('after', (0.0, 0.01, 0.03, 0.08), ids=lambda s: f'+{s}s')
@pytest.mark.parametrize('program', PROGRAMS, ids=str)
def test_sigint_during_start_up_and_imports(tmp_path, program, after):
    proc = _start([*PROGRAMS[program], 'scan', '--all-files', '.'], tmp_path)
    time.sleep(after)
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
    assert proc.stderr is not None
    stderr = proc.stderr.read().decode()
    code = proc.wait(TIMEOUT)
    if (code, stderr) == INTERRUPTED:
        return
    # the command finished first (a fast machine): its report is whole, and a signal during the
    # interpreter's own shutdown (handlers gone) ends it the default way, as the shell's 130
    assert code in (0, -signal.SIGINT) and stderr.endswith('(0 files scanned)\n'), (code, stderr)


@pytest.mark.parametrize('program', PROGRAMS, ids=str)
def test_sigint_during_a_scan(tmp_path, program):
    proc = _start([*PROGRAMS[program], 'scan', '--all-files', str(_tree(tmp_path / 't'))], tmp_path)
    assert _stop(proc, signal.SIGINT, 0.4) == INTERRUPTED


def test_sigint_during_a_probe(tmp_path, fake_fireflies_http):
    env = {**os.environ, 'FIREFLIES_API_KEY': VALID_KEY, 'NO_PROXY': '127.0.0.1'}
    url = fake_fireflies_http.url('stall')  # answers after 5 s
    argv = [*FFAUDIT, 'doctor', '--endpoint', url, '--timeout', '30']
    proc = _start(argv, tmp_path, env)
    deadline = time.monotonic() + TIMEOUT
    while not fake_fireflies_http.received:
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.01)
    started = time.monotonic()
    code, stderr = _stop(proc, signal.SIGINT)
    assert (code, stderr) == INTERRUPTED
    assert time.monotonic() - started < 3  # not after the stalled answer
    assert_no_leak(stderr, key=VALID_KEY)


@pytest.mark.parametrize('after', (0.1, 0.3, 0.6), ids=lambda s: f'+{s}s')
def test_sigterm_leaves_the_old_baseline_or_the_new_one(tmp_path, after):
    tree = _tree(tmp_path / 't', 800)
    baseline = tmp_path / 'b.json'
    old = json.dumps({'version': 1, 'tool': 'ffaudit', 'findings': []}) + '\n'
    baseline.write_text(old)
    argv = [*FFAUDIT, 'scan', '--all-files', '--baseline', str(baseline), '--update-baseline']
    proc = _start([*argv, str(tree)], tmp_path)
    time.sleep(after)
    proc.send_signal(signal.SIGTERM)
    assert proc.stderr is not None
    stderr = proc.stderr.read().decode()
    code = proc.wait(TIMEOUT)
    text = baseline.read_text()
    assert text == old or json.loads(text)['findings'], text[-200:]
    assert (code, stderr) == TERMINATED or (code == 0 and text != old), stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ['b.json', 't']  # no temporary file
