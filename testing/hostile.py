"""Hostile-environment cases: one row per case, run as the real ``ffaudit`` process.

A ``Case`` says what to run (arguments, environment, what stdin and stdout are) and what must
come out (exit code, a stderr pattern). ``run`` executes it with a timeout, so a hang fails
fast, and checks what every case shares: no traceback, no "internal error", and no 8-character
slice of the planted key anywhere (stdout, stderr, files left behind).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import json
import os
import pathlib
import re
import subprocess
import sys
import time
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from typing import IO

from ffaudit.integrations.detect_secrets.hook import plugin_file

# planted in file contents, names, remotes and baselines; must never come back whole or in part
KEY = '6f1c9e2a-4b7d-4c3e-8a5f-2d9b0e7c4a18'  # pragma: allowlist secret
SLICE = 8
FFAUDIT = [sys.executable, '-m', 'ffaudit']
CONSOLE_SCRIPT = str(pathlib.Path(sys.executable).with_name('ffaudit'))
TIMEOUT = 15.0  # a hang fails here, long before pytest's own limits
# sh wrappers for what subprocess cannot express: a closed descriptor
CLOSE_STDOUT = ['sh', '-c', 'exec "$@" >&-', 'sh']
CLOSE_STDIN = ['sh', '-c', 'exec "$@" <&-', 'sh']


@dataclasses.dataclass(frozen=True)
class Case:
    """One hostile case: run ``args`` in the case folder, expect ``code`` and ``stderr``."""

    id: str
    args: tuple[str, ...]
    code: int
    stderr: str = ''  # a regular expression searched in stderr ('' : anything)
    env: Mapping[str, str] = dataclasses.field(default_factory=dict)
    stdin: bytes = b''
    wrapper: tuple[str, ...] = ()  # e.g. CLOSE_STDOUT
    stdout_path: str = ''  # write stdout to this path (e.g. /dev/full) instead of a pipe
    within: float = 0.0  # seconds the run may take (0: only the timeout)


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What one run produced."""

    code: int
    stdout: str
    stderr: str
    seconds: float


def run_all(
    cases: Iterable[Case], folder: Callable[[Case], pathlib.Path], workers: int = 4
) -> dict[str, Outcome]:
    """Run every case (a few at once: most of a case is interpreter start-up) in the folder
    ``folder(case)`` gives it; the outcomes by case id, each checked with ``check`` by the test."""
    todo = list(cases)
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        done = pool.map(lambda c: launch(c, folder(c)), todo)
        return {case.id: outcome for case, outcome in zip(todo, done, strict=True)}


def prepared(
    folder: Callable[[Case], pathlib.Path], setup: Callable[[Case, pathlib.Path], None]
) -> Callable[[Case], pathlib.Path]:
    """``folder``, with ``setup(case, path)`` run in each new case folder."""

    def make(case: Case) -> pathlib.Path:
        path = folder(case)
        setup(case, path)
        return path

    return make


def run(case: Case, cwd: pathlib.Path, extra_env: Mapping[str, str] | None = None) -> Outcome:
    """Run ``case`` as a subprocess in ``cwd`` and check the shared rules; return what it did."""
    outcome = launch(case, cwd, extra_env)
    check(case, outcome)
    return outcome


def launch(case: Case, cwd: pathlib.Path, extra_env: Mapping[str, str] | None = None) -> Outcome:
    """Run ``case`` as a subprocess in ``cwd``; what it did, unchecked."""
    env = {**os.environ, 'FFAUDIT_DEBUG': '', **(extra_env or {}), **case.env}
    argv = [*case.wrapper, *FFAUDIT, *case.args]
    started = time.monotonic()
    with _stdout(case) as out:
        proc = subprocess.run(
            argv,
            cwd=cwd,
            env=env,
            input=case.stdin,
            stdout=out,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT,
        )
    seconds = time.monotonic() - started
    return Outcome(proc.returncode, _text(proc.stdout), _text(proc.stderr), seconds)


def check(case: Case, outcome: Outcome) -> None:
    """The wanted exit code and stderr, one clean message, in time, and no key slice."""
    assert_no_leak(outcome.stdout, outcome.stderr)
    where = f'{case.id}: exit {outcome.code}, stderr {outcome.stderr!r}'
    assert outcome.code == case.code, where
    assert re.search(case.stderr, outcome.stderr), where
    assert 'Traceback' not in outcome.stderr, where
    assert 'internal error' not in outcome.stderr, where
    assert not case.within or outcome.seconds < case.within, f'{where}: {outcome.seconds:.2f} s'


def assert_no_leak(*texts: str, key: str = KEY) -> None:
    """No 8-character slice of ``key`` (in any case, with or without dashes) in ``texts``."""
    forms = {key.lower(), key.lower().replace('-', '')}
    slices = {form[i : i + SLICE] for form in forms for i in range(len(form) - SLICE + 1)}
    for text in texts:
        low = text.lower()
        leaked = [s for s in slices if s in low]
        assert not leaked, f'key slice {leaked[0]!r} in {text[:300]!r}'


def assert_tree_has_no_leak(folder: pathlib.Path, skip: Iterable[pathlib.Path] = ()) -> None:
    """Each file ffaudit may have written under ``folder`` is free of the key (``skip``: inputs)."""
    skipped = {p.resolve() for p in skip}
    for path in folder.rglob('*'):
        if path.is_file() and not path.is_symlink() and path.resolve() not in skipped:
            assert_no_leak(path.read_text(errors='replace'))


def ds_baseline(results: dict[str, list[dict[str, object]]], **fields: object) -> str:
    """A detect-secrets baseline loading the Fireflies plugin, with ``results`` and ``fields``."""
    plugin = f'file://{plugin_file()}'
    doc = {
        'version': '1.5.0',
        'plugins_used': [
            {'name': 'FirefliesDetector', 'path': plugin},
            {'name': 'FirefliesWebhookSecretDetector', 'path': plugin},
        ],
        'filters_used': [],
        'results': results,
        **fields,
    }
    return json.dumps(doc, indent=2)


def ds_finding(filename: str) -> dict[str, object]:
    """One Fireflies finding at line 1 of ``filename`` (the hash is of nothing real)."""
    return {
        'type': 'Fireflies API Key',
        'filename': filename,
        'hashed_secret': '0' * 40,
        'is_verified': False,
        'line_number': 1,
    }


def ids(cases: Iterable[Case]) -> list[str]:
    """pytest ids for a table of cases."""
    return [c.id for c in cases]


@contextlib.contextmanager
def _stdout(case: Case) -> Iterator[int | IO[bytes]]:
    if not case.stdout_path:
        yield subprocess.PIPE
        return
    with open(case.stdout_path, 'wb') as out:
        yield out


def _text(data: bytes | None) -> str:
    return (data or b'').decode('utf-8', 'replace')
