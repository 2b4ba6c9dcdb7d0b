"""``ffaudit scan``: report hard-coded Fireflies credentials in files, trees or the staged diff."""

from __future__ import annotations

import contextlib
import dataclasses
import sys
import time
from collections.abc import Callable
from collections.abc import Iterator
from typing import TYPE_CHECKING
from typing import TextIO

import click

from ffaudit import baseline
from ffaudit import scan as scanner
from ffaudit.errors import ExitCode
from ffaudit.errors import FfauditError
from ffaudit.model import FIREFLIES_ENDPOINT
from ffaudit.model import Format
from ffaudit.report.findings import render_findings
from ffaudit.report.findings import render_summary
from ffaudit.scan import ProgressCallback
from ffaudit.scan import ScanResult

if TYPE_CHECKING:
    from ffaudit.verify import KeyRing
# history, staged and verify are imported where used: a pre-commit run of `ffaudit scan FILE`
# should not pay for them.

SCAN_FORMATS = (Format.TEXT, Format.JSON, Format.SARIF, Format.GITHUB)
FORMAT_OPTION = click.option(
    '--format',
    'fmt',
    type=click.Choice(SCAN_FORMATS, case_sensitive=False),
    default='text',
    show_default=True,
    help='text: path:line:col lines; json: versioned object; sarif: SARIF 2.1.0 for code '
    'scanning; github: workflow annotations.',
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

\b
Exit codes:
  0  no findings (beyond the baseline)
  1  findings
  2  usage error or unusable input (missing path, malformed baseline, not a git work tree)
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
            text = f'scanning: {done} files'
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


def _collect(paths: tuple[str, ...], *, all_files: bool, staged: bool) -> ScanResult:
    if staged:
        from ffaudit import staged as staged_diff

        if all_files:
            raise FfauditError('--staged and --all-files cannot be combined')
        return staged_diff.scan_staged(paths)
    with progress_for(sys.stderr) as progress:
        return scanner.scan_paths(paths or ('.',), all_files=all_files, progress=progress)


def _update_baseline(result: ScanResult, path: str | None) -> str:
    if path is None:
        raise FfauditError('--update-baseline needs --baseline FILE')
    baseline.save(result.findings, path)
    count = len({baseline.entry_for(f, path) for f in result.findings})
    return f'ffaudit: wrote {path} with {count} known finding{"" if count == 1 else "s"}\n'


HISTORY_OPTIONS = (
    click.option(
        '--history',
        'in_history',
        is_flag=True,
        help='Scan every line ever added in the git history of PATH (default: .) instead of '
        'the files; each key is reported once, at its first commit.',
    ),
    click.option('--since', metavar='REV', help='With --history: only commits after REV.'),
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
        'request per key; on Free/Pro plans each spends one of 50 daily requests. Off by default.',
    ),
    click.option(
        '--only-verified',
        is_flag=True,
        help='Report, and exit 1 for, only keys Fireflies accepts (implies --verify).',
    ),
    click.option(
        '--endpoint',
        default=FIREFLIES_ENDPOINT,
        metavar='URL',
        help='Fireflies endpoint for --verify: the official one or a loopback test server.',
    ),
)


def _history_options(func: click.decorators.FC) -> click.decorators.FC:
    for option in reversed(HISTORY_OPTIONS):
        func = option(func)
    return func


def _collect_reach(
    paths: tuple[str, ...],
    all_files: bool,
    staged: bool,
    in_history: bool,
    since: str | None,
    branch: str | None,
) -> tuple[ScanResult, KeyRing | None]:
    if not in_history:
        if since or branch:
            raise FfauditError('--since and --branch need --history')
        return _collect(paths, all_files=all_files, staged=staged), None
    if staged or all_files or len(paths) > 1:
        raise FfauditError('--history takes one repository PATH and no --staged or --all-files')
    from ffaudit import history

    found = history.scan_history(paths[0] if paths else '.', since=since, branch=branch)
    click.echo(f'ffaudit: {history.describe(found)}', err=True)
    return ScanResult(found.findings, found.files_scanned, found.bytes_scanned), found.keys


def _verify(result: ScanResult, keys: KeyRing | None, endpoint: str, only: bool) -> ScanResult:
    from ffaudit import verify

    verifier = verify.Verifier(endpoint)
    ring = verify.keys_from_files(result.findings) if keys is None else keys
    stamped = verify.verify_findings(result.findings, ring, verifier)
    click.echo(f'ffaudit: {verify.describe(stamped, verifier)}', err=True)
    return dataclasses.replace(result, findings=verify.only_verified(stamped) if only else stamped)


@click.command(epilog=EPILOG)
@click.argument('paths', nargs=-1, type=click.Path())
@click.option('--all-files', is_flag=True, help='Include files git ignores or does not track.')
@click.option('--staged', is_flag=True, help='Scan only the lines added in the staged diff.')
@click.option(
    '--baseline',
    'baseline_path',
    type=click.Path(dir_okay=False),
    help='Ignore findings recorded in this baseline file (matched by secret fingerprint, rule '
    'and path, not line).',
)
@click.option('--update-baseline', is_flag=True, help='Write every current finding to --baseline.')
@FORMAT_OPTION
@_history_options
@click.pass_context
def scan(
    ctx: click.Context,
    paths: tuple[str, ...],
    all_files: bool,
    staged: bool,
    baseline_path: str | None,
    update_baseline: bool,
    fmt: Format,
    in_history: bool,
    since: str | None,
    branch: str | None,
    verify_keys: bool,
    only_verified: bool,
    endpoint: str,
) -> None:
    """Report hard-coded Fireflies API keys and webhook secrets in PATHS.

    PATHS default to the current directory. Keys are never printed: output shows a short
    preview and a fingerprint.
    """
    known = baseline.load(baseline_path) if baseline_path and not update_baseline else None
    result, keys = _collect_reach(paths, all_files, staged, in_history, since, branch)
    if update_baseline:
        click.echo(_update_baseline(result, baseline_path), err=True, nl=False)
        ctx.exit(ExitCode.OK)
    result, ignored = baseline.apply(result, known, baseline_path or '')
    if verify_keys or only_verified:
        result = _verify(result, keys, endpoint, only_verified)
    click.echo(render_findings(result, fmt), nl=False)
    summary = render_summary(result, baselined=ignored, remediation=fmt is Format.TEXT)
    click.echo(summary, err=True, nl=False)
    ctx.exit(ExitCode.FOUND if result.findings else ExitCode.OK)
