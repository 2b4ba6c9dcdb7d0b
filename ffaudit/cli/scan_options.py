"""Options, help text and the progress indicator of ``ffaudit scan`` (kept out of the command)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from collections.abc import Iterator
from typing import TextIO

import click

from ffaudit.model import FIREFLIES_ENDPOINT
from ffaudit.model import FIREFLIES_TIMEOUT
from ffaudit.model import Confidence
from ffaudit.model import Format
from ffaudit.scan.files import ProgressCallback

SCAN_FORMATS = (Format.TEXT, Format.JSON, Format.SARIF, Format.GITHUB)
FORMAT_OPTION = click.option(
    '--format',
    'fmt',
    type=click.Choice(SCAN_FORMATS, case_sensitive=False),
    default=None,
    help='text: path:line:col lines; json: versioned object; sarif: SARIF 2.1.0 for code '
    'scanning; github: workflow annotations. [default: github under GITHUB_ACTIONS=true, '
    'else text]',
)
MIN_CONFIDENCE_OPTION = click.option(
    '--min-confidence',
    type=click.Choice(Confidence, case_sensitive=False),
    default=None,
    help='Report, and exit 1 for, only findings this sure or surer. high: a UUID bound to a '
    'Fireflies name or host; medium: older key shapes, webhook secrets; low: a generic name '
    '(api_key, token) in a repository that talks to Fireflies. [default: the '
    "configuration's min-confidence, else low]",
)
CONFIG_OPTIONS = (
    click.option(
        '--config',
        'config_path',
        metavar='PATH',
        help='Read this configuration file (.ffaudit.toml, or pyproject.toml with '
        '[tool.ffaudit]) instead of looking for one.',
    ),
    click.option('--no-config', is_flag=True, help='Read no configuration file.'),
)
EPILOG = """\b
Examples:
  ffaudit scan                      # the current directory (.gitignore honoured)
  ffaudit scan --staged             # only lines added in the staged diff
  ffaudit scan --format sarif > ffaudit.sarif
  ffaudit scan --baseline .ffaudit-baseline.json --update-baseline   # accept what is there now
  ffaudit scan --baseline .ffaudit-baseline.json                     # report only new keys
  ffaudit scan --history            # every line ever added, in every commit of every ref
  ffaudit scan --history --verify   # ... and ask Fireflies which keys still work
  ffaudit scan --only-verified      # CI gate: fail only on keys Fireflies accepts
  ffaudit scan --min-confidence medium   # leave out generic names (api_key, token)
  git show HEAD | ffaudit scan -    # standard input, reported as <stdin>

\b
Configuration: the nearest .ffaudit.toml, or pyproject.toml with [tool.ffaudit], from the
scanned folder up to the repository root: exclude (globs), min-confidence, and an allowlist
of fingerprints, each with a reason. Flags win over it; --no-config ignores it.

\b
Exit codes:
  0  no findings (beyond the baseline and allowlist), and everything asked for was read
  1  findings
  2  usage error or unusable input (a missing, unreadable or special path, a file that
     could not be read, empty or closed stdin, a malformed baseline or configuration,
     not a git work tree)
  3  no verdict: --only-verified found no verified key, but Fireflies could not judge
     some (rate limit, network error, not sent)
  3  could not look: --history of a shallow clone (without --allow-shallow), or objects
     missing from the repository (a partial clone), and no findings in what could be read
"""
_REDRAW_SECONDS = 0.1  # at most ~10 redraws a second


class Progress:
    """Redraws ``scanning: N files`` on a terminal, throttled; ``clear`` erases it."""

    def __init__(self, stream: TextIO, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.last = float('-inf')
        self.width = 0

    def __call__(self, done: int, path: str) -> None:
        now = self.clock()
        if now - self.last >= _REDRAW_SECONDS:
            self.last = now
            text = f'scanning: {done} file{"" if done == 1 else "s"}'
            self.stream.write(f'\r{text}')
            self.stream.flush()
            self.width = max(self.width, len(text))

    def clear(self) -> None:
        if self.width:
            self.stream.write(f'\r{" " * self.width}\r')
            self.stream.flush()


@contextlib.contextmanager
def progress_for(stream: TextIO) -> Iterator[ProgressCallback | None]:
    """Yield a progress callback if ``stream`` is a terminal (never in pipes or CI), else None."""
    if not stream.isatty():
        yield None
        return
    progress = Progress(stream)
    try:
        yield progress
    finally:
        progress.clear()


HISTORY_OPTIONS = (
    click.option(
        '--history',
        'in_history',
        is_flag=True,
        help='Scan every line ever added in the git history of PATH (default: .) instead of '
        'the files; each key is reported once per file, at the commit that first added it there.',
    ),
    click.option('--since', metavar='REV', help='With --history: only commits after REV.'),
    click.option(
        '--allow-shallow',
        is_flag=True,
        help='With --history: accept a shallow clone (exit 0 when clean) instead of exit 3.',
    ),
    click.option(
        '--branch',
        metavar='REF',
        help='With --history: only commits reachable from REF (default: all refs).',
    ),
    click.option(
        '--verify',
        'verify_keys',
        is_flag=True,
        help='Ask Fireflies whether each distinct key works (verified / rejected / unknown). One '
        'request per key; on Free/Pro plans each spends one of 50 daily requests. Off by default. '
        'Every finding still exits 1, whatever its verdict.',
    ),
    click.option(
        '--only-verified',
        is_flag=True,
        help='Report, and exit 1 for, only keys Fireflies accepts (implies --verify); exit 3 '
        'when none is verified but some got no verdict.',
    ),
    click.option(
        '--endpoint',
        default=FIREFLIES_ENDPOINT,
        metavar='URL',
        help='Fireflies endpoint for --verify: the official one or a loopback test server.',
    ),
    click.option(
        '--timeout',
        type=click.FloatRange(min=0, min_open=True, max=600),
        default=FIREFLIES_TIMEOUT,
        show_default=True,
        metavar='SECONDS',
        help='With --verify: how long one request to Fireflies may take in all.',
    ),
)


def config_options(func: click.decorators.FC) -> click.decorators.FC:
    for option in reversed(CONFIG_OPTIONS):
        func = option(func)
    return func


def history_options(func: click.decorators.FC) -> click.decorators.FC:
    for option in reversed(HISTORY_OPTIONS):
        func = option(func)
    return func
