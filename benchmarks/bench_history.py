"""Benchmark ``ffaudit scan --history`` against ``git log -p -U3 --all > /dev/null``.

ffaudit reads ``git log -p --cc -M -U3`` (context lines, so names on unchanged lines count), so
the baseline asks git for the same three context lines: the comparison stays fair.

Without ``--repo`` it synthesises a repository with ``git fast-import`` (no network): 1,500
commits that edit, add, rename and delete copies of the running interpreter's standard-library
sources, with a feature branch merged back every 50 commits and a few planted keys. Then it
times both commands (best of ``--runs``, whole processes, output discarded) and prints the ratio.

    python benchmarks/bench_history.py [--repo PATH] [--commits 1500] [--runs 3]
    python benchmarks/bench_history.py --large   # ~15,000 commits, ~145 MB of patches

A synthesised repository is kept in ``benchmarks/.cache/`` (keyed by commit count, seed and
Python version), so only the first run pays for building it (a few minutes for ``--large``).
"""

from __future__ import annotations

import argparse
import os
import pathlib
import random
import resource
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time

FFAUDIT = str(pathlib.Path(sys.executable).with_name('ffaudit'))
CACHE = pathlib.Path(__file__).with_name('.cache')
LARGE_COMMITS = 15_000  # about 145 MB of git log -p -U3 --all
PLANTED = (  # fake keys, committed on purpose so the scan has something to find
    '5b0e7d1c-2f4a-4c3e-9d8b-7a6f5e4d3c2b',  # pragma: allowlist secret
    'c7e2a9f4-1b3d-4e5f-8a6b-9c0d1e2f3a4b',  # pragma: allowlist secret
)


class Builder:
    """Writes a fast-import stream: commits on main with a merged feature branch every 50."""

    def __init__(self, sources: list[pathlib.Path], seed: int = 5) -> None:
        self.rng = random.Random(seed)
        self.sources = sources
        self.out: list[bytes] = []
        self.mark = 0
        self.when = 1_600_000_000
        self.files: dict[str, list[bytes]] = {}

    def _lines(self) -> list[bytes]:
        src = self.rng.choice(self.sources).read_bytes().splitlines(keepends=True)
        start = self.rng.randrange(max(1, len(src) - 300))
        return src[start : start + self.rng.randint(20, 300)]

    def _data(self, data: bytes) -> None:
        self.out.append(b'data %d\n%s\n' % (len(data), data))

    def _edit(self, files: dict[str, list[bytes]], n: int) -> list[bytes]:
        ops: list[bytes] = []
        for _ in range(self.rng.randint(1, 4)):
            roll = self.rng.random()
            if roll < 0.15 or not files:
                path = f'pkg{self.rng.randrange(20)}/mod_{n}_{len(files)}.py'
                files[path] = self._lines()
            elif roll < 0.2 and len(files) > 30:
                path = self.rng.choice(sorted(files))
                del files[path]
                ops.append(b'D %s\n' % path.encode())
                continue
            elif roll < 0.24:
                old = self.rng.choice(sorted(files))
                path = f'moved/{n}_{old.rsplit("/", 1)[-1]}'
                files[path] = files.pop(old)
                ops.append(b'D %s\n' % old.encode())
            else:
                path = self.rng.choice(sorted(files))
                body = files[path]
                at = self.rng.randrange(len(body) + 1)
                cut = self.rng.randint(0, 15)
                body[at : at + cut] = self._lines()[: self.rng.randint(1, 150)]
            if n in (300, 900) and ops == []:
                key = PLANTED[n // 900].encode()
                files[path].append(b'FIREFLIES_API_KEY = "%s"\n' % key)
            self.mark += 1
            self.out.append(b'blob\nmark :%d\n' % self.mark)
            self._data(b''.join(files[path]))
            ops.append(b'M 100644 :%d %s\n' % (self.mark, path.encode()))
        return ops

    def commit(self, ref: str, n: int, parents: list[int], ops: list[bytes]) -> int:
        self.mark += 1
        self.when += 600
        self.out.append(b'commit %s\nmark :%d\n' % (ref.encode(), self.mark))
        self.out.append(b'committer Bench <bench@example.com> %d +0000\n' % self.when)
        self._data(b'change %d' % n)
        for i, parent in enumerate(parents):
            self.out.append(b'%s :%d\n' % (b'from' if i == 0 else b'merge', parent))
        self.out.extend(ops)
        return self.mark

    def build(self, commits: int) -> bytes:
        head: list[int] = []
        n = 0
        while n < commits:
            if n % 50 == 49 and head:
                n, head = self._feature(head[0], n)
            head = [self.commit('refs/heads/main', n, head, self._edit(self.files, n))]
            n += 1
        return b''.join(self.out)

    def _feature(self, base: int, n: int) -> tuple[int, list[int]]:
        branch = {p: list(body) for p, body in self.files.items()}
        tip, changed = base, set(self.files)
        for _ in range(5):
            tip = self.commit('refs/heads/feature', n, [tip], self._edit(branch, n))
            n += 1
        merge_ops = [b'D %s\n' % p.encode() for p in changed - set(branch)]
        for path, body in branch.items():
            if self.files.get(path) != body:
                self.mark += 1
                self.out.append(b'blob\nmark :%d\n' % self.mark)
                self._data(b''.join(body))
                merge_ops.append(b'M 100644 :%d %s\n' % (self.mark, path.encode()))
        self.files = branch
        return n + 1, [self.commit('refs/heads/main', n, [base, tip], merge_ops)]


def build_repo(path: pathlib.Path, commits: int) -> None:
    """Create ``path`` holding a synthetic history of about ``commits`` commits."""
    stdlib = pathlib.Path(sysconfig.get_paths()['stdlib'])
    sources = sorted(p for p in stdlib.glob('*.py') if p.stat().st_size > 2000)
    stream = Builder(sources).build(commits)
    subprocess.run(['git', 'init', '-q', str(path)], check=True)
    subprocess.run(['git', '-C', str(path), 'fast-import', '--quiet'], input=stream, check=True)
    subprocess.run(['git', '-C', str(path), 'checkout', '-q', 'main'], check=True)
    subprocess.run(['git', '-C', str(path), 'gc', '-q'], check=True)


def cached_repo(commits: int, seed: int = 5) -> pathlib.Path:
    """A synthesised repository of ``commits`` commits, built once into ``benchmarks/.cache``."""
    version = '.'.join(map(str, sys.version_info[:2]))
    path = CACHE / f'history-{commits}-seed{seed}-py{version}'
    if not (path / 'HEAD').exists() and not (path / '.git').exists():
        partial = path.with_name(path.name + '.partial')
        shutil.rmtree(partial, ignore_errors=True)
        partial.parent.mkdir(parents=True, exist_ok=True)
        build_repo(partial, commits)
        partial.rename(path)
    return path


def best_of(runs: int, argv: list[str]) -> tuple[float, float]:
    """Best wall time and best CPU time (user + system, the process and its children: git) of
    ``runs`` runs of ``argv``, output discarded. On a shared machine CPU time is the steadier."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


def describe(repo: str) -> str:
    """Commits and patch size of ``repo``."""
    count = subprocess.run(
        ['git', '-C', repo, 'rev-list', '--all', '--count'], capture_output=True, text=True
    ).stdout.strip()
    argv = ['git', '-C', repo, 'log', '-p', '-U3', '--all']
    log = subprocess.Popen(argv, stdout=subprocess.PIPE)
    assert log.stdout is not None
    size = 0
    while block := log.stdout.read(1 << 20):
        size += len(block)
    log.wait()
    return f'{count} commits, git log -p -U3 --all = {size / 1e6:.1f} MB'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--repo', help='an existing repository (default: synthesise one)')
    parser.add_argument('--commits', type=int, default=1500)
    parser.add_argument('--runs', type=int, default=3)
    parser.add_argument('--large', action='store_true', help=f'{LARGE_COMMITS} commits')
    parser.add_argument('--no-cache', action='store_true', help='build into a temporary dir')
    args = parser.parse_args(argv)
    commits = LARGE_COMMITS if args.large else args.commits
    tmp = tempfile.mkdtemp(prefix='ffaudit-bench-')
    try:
        repo = args.repo or os.path.join(tmp, 'repo')
        if not args.repo and args.no_cache:
            build_repo(pathlib.Path(repo), commits)
        elif not args.repo:
            repo = str(cached_repo(commits))
        print(f'repository: {repo} ({describe(repo)})')
        git = best_of(args.runs, ['git', '-C', repo, 'log', '-p', '-U3', '--all'])
        ours = best_of(args.runs, [FFAUDIT, 'scan', '--history', repo, '--format', 'json'])
        found = subprocess.run(
            [FFAUDIT, 'scan', '--history', repo], capture_output=True, text=True
        ).stdout.count('\n')
        print(f'git log -p -U3 --all > /dev/null : {git[0]:.2f} s wall, {git[1]:.2f} s CPU')
        print(
            f'ffaudit scan --history           : {ours[0]:.2f} s wall, {ours[1]:.2f} s CPU', end=''
        )
        print(f' ({found} findings)')
        ratio = ours[0] / git[0]
        print(
            f'ratio                            : {ratio:.2f}x wall, {ours[1] / git[1]:.2f}x CPU',
            end='',
        )
        print(' (target <= 2x)')
        return 0 if ratio <= 2 else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    raise SystemExit(main())
