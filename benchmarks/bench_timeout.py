"""How long ``ffaudit doctor`` takes against a server that stalls or trickles, and against one
that answers at once: whole processes on the loopback fake Fireflies of ``testing/fakeserver``.

Run: ``.venv/bin/python benchmarks/bench_timeout.py [RUNS]`` (default 3). For each scenario and
``--timeout`` it prints the median wall time and its overshoot past the timeout (the process
start-up, ~0.2 s, is part of it). The tests only check that a run ends between ``--timeout``
and ``--timeout`` + 3 s; the exact numbers live here.
"""

from __future__ import annotations

import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from testing.fakeserver import VALID_KEY  # noqa: E402
from testing.fakeserver import FakeFireflies  # noqa: E402

CASES = (('stall', 1.0), ('trickle_body', 1.0), ('trickle_headers', 1.0), ('trickle_body', 2.0))


def _median(argv: list[str], runs: int, env: dict[str, str], cwd: str) -> tuple[float, int]:
    times, code = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        code = proc.returncode
    return statistics.median(times), code


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as cwd, FakeFireflies() as server:
        env = {
            **os.environ,
            'FIREFLIES_API_KEY': VALID_KEY,
            'NO_PROXY': '127.0.0.1',
            'NETRC': os.devnull,
            'CI': '',
            'GITHUB_ACTIONS': '',
        }
        doctor = [sys.executable, '-m', 'ffaudit', 'doctor', '--endpoint']
        base, _ = _median([sys.executable, '-c', 'pass'], runs, env, cwd)
        print(f'python -c pass                    {base:6.2f} s (median of {runs})')
        took, code = _median([*doctor, server.url()], runs, env, cwd)
        print(f'answer at once        exit {code}     {took:6.2f} s')
        for scenario, timeout in CASES:
            argv = [*doctor, server.url(scenario), '--timeout', str(timeout)]
            took, code = _median(argv, runs, env, cwd)
            over = took - timeout
            print(f'{scenario:<15} --timeout {timeout:g} exit {code} {took:6.2f} s (+{over:.2f} s)')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
