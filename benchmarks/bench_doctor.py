"""Time ``ffaudit doctor --offline`` as a whole process against ``python -c pass``.

Run: ``.venv/bin/python benchmarks/bench_doctor.py [RUNS]``; prints medians and their ratio.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

KEY = '97a11681-ecf5-412d-9a99-4ce35a80be93'  # pragma: allowlist secret


def _median_seconds(argv: list[str], runs: int, env: dict[str, str], cwd: str) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    env = {**os.environ, 'FIREFLIES_API_KEY': KEY}
    with tempfile.TemporaryDirectory() as cwd:
        base = _median_seconds([sys.executable, '-c', 'pass'], runs, env, cwd)
        doctor = [sys.executable, '-m', 'ffaudit', 'doctor', '--offline']
        took = _median_seconds(doctor, runs, env, cwd)
    print(f'python -c pass            {base * 1000:7.1f} ms (median of {runs})')
    print(f'ffaudit doctor --offline  {took * 1000:7.1f} ms (median of {runs})')
    print(f'ratio                     {took / base:7.1f}x')
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
