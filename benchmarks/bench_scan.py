"""Benchmark ``ffaudit scan`` against plain reading and detect-secrets; see benchmarks/README.md.

Run: ``.venv/bin/python benchmarks/bench_scan.py [--skip-peer] [--skip-huge] [--runs N]``.
Every timing is a whole process (``python -m ffaudit ...``) measured from this script.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import uuid

HERE = pathlib.Path(__file__).resolve().parent
CACHE = HERE / '.cache'
BIN = pathlib.Path(sys.executable).parent
READ_ALL = """
import os, sys
total = 0
for d, dirs, files in os.walk(sys.argv[1]):
    for f in files:
        p = os.path.join(d, f)
        if not os.path.islink(p):
            with open(p, 'rb') as fh:
                total += len(fh.read())
print(total)
"""
PEAK_RSS = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def wall(cmd: list[str], runs: int) -> float:
    """Median wall time of ``cmd`` over ``runs`` runs, after one warm-up run."""
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def copy_stdlib(dest: pathlib.Path) -> pathlib.Path:
    src = sysconfig.get_paths()['stdlib']
    tree = dest / 'stdlib'
    ignore = shutil.ignore_patterns('site-packages', '__pycache__')
    shutil.copytree(src, tree, symlinks=True, ignore=ignore)
    return tree


def tree_size(tree: pathlib.Path) -> tuple[int, int]:
    files = [p for p in tree.rglob('*') if p.is_file() and not p.is_symlink()]
    return len(files), sum(p.stat().st_size for p in files)


def read_in_process(tree: pathlib.Path) -> float:
    """The same loop as READ_ALL, timed inside this process (no interpreter start-up)."""
    start = time.perf_counter()
    for directory, _, files in os.walk(tree):
        for name in files:
            path = os.path.join(directory, name)
            if not os.path.islink(path):
                with open(path, 'rb') as f:
                    f.read()
    return time.perf_counter() - start


def detect_secrets_time(tree: pathlib.Path, key: str, skip: bool) -> float | None:
    """detect-secrets is slow (over a minute): cache its time per tree shape and version."""
    CACHE.mkdir(exist_ok=True)
    cache = CACHE / 'detect_secrets.json'
    known = json.loads(cache.read_text()) if cache.exists() else {}
    if key in known or skip:
        return known.get(key)
    cmd = [str(BIN / 'detect-secrets'), 'scan', '--all-files', str(tree)]
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False, cwd=tree)
    known[key] = time.perf_counter() - start
    cache.write_text(json.dumps(known, indent=1) + '\n')
    return float(known[key])


def bench_tree(tmp: pathlib.Path, runs: int, skip_peer: bool) -> None:
    tree = copy_stdlib(tmp)
    files, size = tree_size(tree)
    ffaudit = [sys.executable, '-m', 'ffaudit', 'scan', '--all-files', str(tree)]
    t_ff = wall(ffaudit, runs)
    t_read = wall([sys.executable, '-c', READ_ALL, str(tree)], runs)
    t_read_inproc = read_in_process(tree)
    key = f'{sys.version_info[:2]}-{files}-{size}-{_ds_version()}'
    t_ds = detect_secrets_time(tree, key, skip_peer)
    print(f'stdlib copy: {files} files, {size / 1e6:.1f} MB')
    print(f'  ffaudit scan --all-files (process) {t_ff:7.3f} s')
    print(f'  read every file (process)          {t_read:7.3f} s  ratio {t_ff / t_read:.2f} (<= 3)')
    ratio = t_ff / t_read_inproc
    print(f'  read every file (in-process loop)  {t_read_inproc:7.3f} s  ratio {ratio:.2f}')
    if t_ds is not None:
        speedup = t_ds / t_ff
        print(
            f'  detect-secrets scan --all-files    {t_ds:7.3f} s  speed-up {speedup:.0f}x (>= 100)'
        )


def bench_one_file(tmp: pathlib.Path, runs: int) -> None:
    path = tmp / 'settings.py'
    key = str(uuid.uuid4())
    path.write_text(f'import os\n\nFIREFLIES_API_KEY = "{key}"\n' + 'X = 1\n' * 200)
    t_ff = wall([sys.executable, '-m', 'ffaudit', 'scan', str(path)], runs)
    t_hook = wall([str(BIN / 'detect-secrets-hook'), str(path)], runs)
    print('one file (pre-commit shape):')
    print(f'  ffaudit scan FILE      {t_ff:6.3f} s')
    print(f'  detect-secrets-hook    {t_hook:6.3f} s  ratio {t_ff / t_hook:.2f} (<= 0.5)')


def write_huge(path: pathlib.Path, size: int) -> int:
    """One line of ``size`` bytes with a key near the end; returns the key's column."""
    unit = b'var a=1;function f(b){return b+2};'
    key_part = (
        f';var h={{url:"https://api.fireflies.ai/graphql",apiKey:"{uuid.uuid4()}"}};'.encode()
    )
    block = unit * (4 * 1024 * 1024 // len(unit))
    written = 0
    with open(path, 'wb') as f:
        while written + len(block) < size - len(key_part):
            f.write(block)
            written += len(block)
        column = written + key_part.index(b'apiKey:"') + len('apiKey:"') + 1
        f.write(key_part)
    return column


def bench_huge(tmp: pathlib.Path, size: int) -> None:
    path = tmp / 'huge.min.js'
    column = write_huge(path, size)
    cmd = [sys.executable, '-m', 'ffaudit', 'scan', '--format', 'json', str(path)]
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    peak = subprocess.run([sys.executable, '-c', PEAK_RSS, *cmd], capture_output=True, text=True)
    found = [(f['line'], f['column']) for f in json.loads(out.stdout)['findings']]
    print(f'single-line file: {path.stat().st_size / 1e9:.2f} GB, one line')
    print(f'  ffaudit scan FILE {took:6.1f} s, peak RSS {int(peak.stdout) / 1024:.0f} MB (< 200)')
    print(f'  findings {found} (expected [(1, {column})])')


def bench_dense(tmp: pathlib.Path, size: int) -> None:
    """One-line JSON of ``{"id": <uuid4>}`` records with Fireflies text in it."""
    path = tmp / 'dense.json'
    key = str(uuid.uuid4())
    count = size // 48
    records = [{'id': str(uuid.uuid4())} for _ in range(count)]
    records.insert(count // 2, {'source': 'fireflies', 'fireflies_api_key': key})
    path.write_text(json.dumps(records))
    cmd = [sys.executable, '-m', 'ffaudit', 'scan', '--format', 'json', str(path)]
    start = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    found = len(json.loads(out.stdout)['findings'])
    print(f'UUID-dense one-line JSON: {path.stat().st_size / 1e6:.0f} MB, {count} UUIDs')
    print(f'  ffaudit scan FILE {took:6.1f} s, findings {found} (expected 1)')


def _ds_version() -> str:
    out = subprocess.run([str(BIN / 'detect-secrets'), '--version'], capture_output=True, text=True)
    return out.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--runs', type=int, default=3)
    parser.add_argument(
        '--skip-peer', action='store_true', help='use the cached detect-secrets time'
    )
    parser.add_argument('--skip-huge', action='store_true', help='skip the 1 GB single-line file')
    parser.add_argument('--huge-size', type=int, default=1024**3)
    parser.add_argument('--dense-size', type=int, default=25 * 1000**2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bench_tree(pathlib.Path(tmp), args.runs, args.skip_peer)
        bench_one_file(pathlib.Path(tmp), max(args.runs, 5))
        bench_dense(pathlib.Path(tmp), args.dense_size)
        if not args.skip_huge:
            bench_huge(pathlib.Path(tmp), args.huge_size)
    return 0


if __name__ == '__main__':
    os.environ.setdefault('PYTHONDONTWRITEBYTECODE', '1')
    raise SystemExit(main())
