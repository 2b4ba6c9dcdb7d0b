"""Benchmark the detect-secrets plugin path; see benchmarks/README.md.

Run: ``.venv/bin/python benchmarks/bench_plugin.py [--runs N] [--files N] [--plugin FILE]``.
Times whole processes of the real ``detect-secrets scan`` and ``detect-secrets-hook`` on a tree
of stdlib ``.py`` files plus a few planted secrets: without the plugin, with it as typed
(``--plugin FILE``), and with the plugin plus the filter flags older releases needed.
``--before CHECKOUT`` also times another checkout's plugin (``git archive`` of an older commit;
run with ``PYTHONPATH=CHECKOUT``), interleaved run by run with ours, since the machine is noisy.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time

from ffaudit.integrations.detect_secrets.plugin import FILTER_ARGS

HERE = pathlib.Path(__file__).resolve().parent
BIN = pathlib.Path(sys.executable).parent
PLUGIN = HERE.parent / 'plugins' / 'fireflies.py'
PLANTED = {
    '.env': (
        'FIREFLIES_API_KEY=e0d6790f-6fae-4372-9550-6890f51e952e\n'  # pragma: allowlist secret
        'DB_PASSWORD=Sup3rS3cretPassw0rd\n'  # pragma: allowlist secret
        'AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLF\n'  # pragma: allowlist secret
    ),
    'ids.py': 'request_id = "6a57373a-ffb7-48e8-a386-52bd65a64e36"\n',  # pragma: allowlist secret
}


Command = tuple[list[str], dict[str, str]]


def walls(commands: dict[str, Command], runs: int) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds (user + system, pool workers included) of each command over
    ``runs`` rounds after one warm-up, interleaved; CPU time barely moves with the machine's load.
    """
    times: dict[str, list[tuple[float, float]]] = {label: [] for label in commands}
    for round_ in range(runs + 1):
        for label, (cmd, env) in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
            if round_:
                times[label].append((wall, cpu))
    return {
        label: (statistics.median(w for w, _ in t), statistics.median(c for _, c in t))
        for label, t in times.items()
    }


def make_tree(dest: pathlib.Path, count: int) -> list[str]:
    """Copy ``count`` stdlib ``.py`` files (sorted, so every run gets the same) plus PLANTED."""
    stdlib = pathlib.Path(sysconfig.get_paths()['stdlib'])
    sources = sorted(p for p in stdlib.rglob('*.py') if 'site-packages' not in p.parts)[:count]
    for index, source in enumerate(sources):
        shutil.copyfile(source, dest / f'{index:04d}_{source.name}')
    for name, text in PLANTED.items():
        (dest / name).write_text(text)
    return sorted(p.name for p in dest.iterdir())


def commands(files: list[str], before: str | None) -> dict[str, Command]:
    scan = [str(BIN / 'detect-secrets'), 'scan', '--all-files', '--no-verify', '.']
    hook = [str(BIN / 'detect-secrets-hook'), '--no-verify']
    env = {k: v for k, v in os.environ.items() if k not in ('PYTHONPATH', 'FFAUDIT_VERIFY')}
    versions = {'': (str(PLUGIN), env)}
    if before:
        versions[' (before)'] = (f'{before}/plugins/fireflies.py', {**env, 'PYTHONPATH': before})
    out: dict[str, Command] = {
        'detect-secrets scan (no plugin)': (scan, env),
        'detect-secrets-hook (no plugin)': ([*hook, *files], env),
    }
    for tag, (plugin, plugin_env) in versions.items():
        for name, base, tail in (('scan', scan, []), ('hook', hook, files)):
            label = f'detect-secrets {name} --plugin'
            out[label + tag] = ([*base, '--plugin', plugin, *tail], plugin_env)
            extra = [*base, '--plugin', plugin, *FILTER_ARGS, *tail]
            out[f'{label} + filter flags{tag}'] = (extra, plugin_env)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--runs', type=int, default=3)
    parser.add_argument('--files', type=int, default=300)
    parser.add_argument('--before', help='another checkout whose plugin to time as well')
    args = parser.parse_args()
    before = os.path.abspath(args.before) if args.before else None
    with tempfile.TemporaryDirectory() as tmp:
        tree = pathlib.Path(tmp)
        files = make_tree(tree, args.files)
        size = sum((tree / f).stat().st_size for f in files)
        print(f'tree: {len(files)} files, {size / 1e6:.1f} MB; median of {args.runs} rounds')
        os.chdir(tree)
        print(f'  {"":<56} {"wall":>7} {"CPU":>7}')
        for label, (wall, cpu) in sorted(walls(commands(files, before), args.runs).items()):
            print(f'  {label:<56} {wall:6.2f}s {cpu:6.2f}s', flush=True)
    return 0


if __name__ == '__main__':
    raise SystemExit(main())
