"""``ffaudit scan``: report hard-coded Fireflies credentials in files, trees or the staged diff."""

from __future__ import annotations

import dataclasses
import os
import sys
from typing import TYPE_CHECKING

import click

from ffaudit.cli import scan_gates
from ffaudit.cli.checks_output import resolve_format
from ffaudit.cli.output import OUTPUT_OPTION
from ffaudit.cli.output import emit
from ffaudit.cli.output import quiet_option
from ffaudit.cli.scan_options import EPILOG
from ffaudit.cli.scan_options import FORMAT_OPTION
from ffaudit.cli.scan_options import MIN_CONFIDENCE_OPTION
from ffaudit.cli.scan_options import config_options
from ffaudit.cli.scan_options import history_options
from ffaudit.cli.scan_options import progress_for
from ffaudit.errors import ExitCode
from ffaudit.errors import FfauditError
from ffaudit.model import Confidence
from ffaudit.model import Format
from ffaudit.redaction import path_text
from ffaudit.report.findings import render_findings
from ffaudit.report.findings import render_summary
from ffaudit.report.locations import Origin
from ffaudit.scan import files
from ffaudit.scan.files import ScanResult

if TYPE_CHECKING:
    from ffaudit.scan.baseline import Entry
    from ffaudit.scan.found_keys import KeyRing
    from ffaudit.scan.globs import Matcher
    from ffaudit.scan.verify import Verifier
# baseline, history, staged, verify and gitlog are imported where used: a pre-commit run of
# `ffaudit scan FILE` should not pay for them.

# every way of scanning hands --verify the keys it read, so no file is read twice
Collected = tuple[ScanResult, 'KeyRing']
Reached = tuple[ScanResult, 'KeyRing', bool]  # ... and whether part of it could not be looked at


def _collect(
    paths: tuple[str, ...], *, all_files: bool, staged: bool, exclude: Matcher | None
) -> Collected:
    stdin = scan_gates.stdin_for(paths, git_scan=staged)
    if staged:
        from ffaudit.scan.staged import scan_staged_keys

        if all_files:
            raise FfauditError('--staged and --all-files cannot be combined')
        return scan_staged_keys(paths, exclude)
    with progress_for(sys.stderr) as progress:
        return files.scan_paths_keys(
            paths or ('.',), all_files=all_files, progress=progress, stdin=stdin, exclude=exclude
        )


def _collect_reach(
    paths: tuple[str, ...],
    all_files: bool,
    staged: bool,
    in_history: bool,
    since: str | None,
    branch: str | None,
    exclude: Matcher | None,
    allow_shallow: bool,
) -> Reached:
    if not in_history:
        if since or branch:
            raise FfauditError('--since and --branch need --history')
        if allow_shallow:
            raise FfauditError('--allow-shallow needs --history')
        return (*_collect(paths, all_files=all_files, staged=staged, exclude=exclude), False)
    if staged or all_files or len(paths) > 1:
        raise FfauditError('--history takes one repository PATH and no --staged or --all-files')
    scan_gates.stdin_for(paths, git_scan=True)  # refuses '-'
    from ffaudit.scan import history
    from ffaudit.scan import history_summary

    found = history.scan_history(paths[0] if paths else '.', since=since, branch=branch)
    for line in history_summary.describe(found, allow_shallow=allow_shallow):
        click.echo(f'ffaudit: {line}', err=True)
    blind = history_summary.blind(found, allow_shallow=allow_shallow)
    return history_summary.scan_result(found), found.keys, blind


def _known(path: str | None, update: bool) -> frozenset[Entry] | None:
    if path is None:
        return None
    from ffaudit.scan import baseline

    if update:  # a folder, FIFO or device is refused before the scan, not after it
        baseline.check_writable(path)
        return None
    return baseline.load(path)


def _apply_baseline(
    result: ScanResult, known: frozenset[Entry] | None, path: str | None, root: str
) -> tuple[ScanResult, int]:
    if known is None:
        return result, 0
    from ffaudit.scan import baseline

    return baseline.apply(result, known, path or '', root)


def _update_baseline(result: ScanResult, path: str | None, root: str) -> str:
    if path is None:
        raise FfauditError('--update-baseline needs --baseline FILE')
    from ffaudit.scan import baseline

    # history paths are relative to the repository's top, which need not be the current folder
    found = [dataclasses.replace(f, path=os.path.join(root, f.path)) for f in result.findings]
    baseline.save(found, path)
    count = len({baseline.entry_for(f, path) for f in found})
    return (
        f'ffaudit: wrote {path_text(path)} with {count} known finding{"" if count == 1 else "s"}\n'
    )


def _verifier(endpoint: str, wanted: bool, timeout: float) -> Verifier | None:
    if not wanted:
        return None
    from ffaudit.scan import verify

    return verify.Verifier(endpoint, timeout=timeout)  # checks the endpoint before scanning


def _verify(
    result: ScanResult, keys: KeyRing, verifier: Verifier | None, only: bool
) -> tuple[ScanResult, int]:
    # (result, keys without a verdict that --only-verified cannot pass)
    if verifier is None:
        return result, 0
    from ffaudit.scan import verify

    stamped = verify.verify_findings(result.findings, keys, verifier)
    click.echo(f'ffaudit: {verify.describe(stamped, verifier)}', err=True)
    if not only:
        return dataclasses.replace(result, findings=stamped), 0
    verified = verify.only_verified(stamped)
    return dataclasses.replace(result, findings=verified), verify.unknown_keys(stamped)


def _history_root(paths: tuple[str, ...]) -> str:
    # what --history paths are relative to: the top of the repository scanned
    from ffaudit.scan.git import plumbing

    first = paths[0] if paths else '.'
    return plumbing.toplevel(first) or first


def _origin(fmt: Format, paths: tuple[str, ...], in_history: bool) -> Origin:
    if fmt not in (Format.SARIF, Format.GITHUB):
        return Origin()
    from ffaudit.scan.git import plumbing

    first = paths[0] if paths else '.'
    if in_history:  # paths are already relative to the repository root
        return Origin(None, *plumbing.provenance(first))
    # the SCANNED repository's root, not the working directory's
    folder = first if os.path.isdir(first) else os.path.dirname(first) or '.'
    root = plumbing.toplevel(folder) if os.path.isdir(folder) else None
    return Origin(root or os.getcwd())


@click.command(epilog=EPILOG, short_help='Find hard-coded Fireflies keys in files or git history.')
@click.argument('paths', nargs=-1, type=click.Path(readable=False))
@click.option('--all-files', is_flag=True, help='Include files git ignores or does not track.')
@click.option('--staged', is_flag=True, help='Scan only the lines added in the staged diff.')
@click.option(
    '--baseline',
    'baseline_path',
    type=click.Path(),  # a folder is refused by the baseline reader, in one line
    help='Ignore findings recorded in this baseline file (matched by secret fingerprint, rule '
    'and path, not line; a renamed file, or a history path gone since, matches by fingerprint '
    'and rule).',
)
@click.option('--update-baseline', is_flag=True, help='Write every current finding to --baseline.')
@FORMAT_OPTION
@MIN_CONFIDENCE_OPTION
@history_options
@config_options
@OUTPUT_OPTION
@quiet_option('the findings: no remediation, no summary')
@click.pass_context
def scan(
    ctx: click.Context,
    paths: tuple[str, ...],
    all_files: bool,
    staged: bool,
    baseline_path: str | None,
    update_baseline: bool,
    fmt: str | None,
    min_confidence: Confidence | None,
    in_history: bool,
    since: str | None,
    branch: str | None,
    verify_keys: bool,
    only_verified: bool,
    endpoint: str,
    timeout: float,
    config_path: str | None,
    no_config: bool,
    allow_shallow: bool,
    output_file: str | None,
    quiet: bool,
) -> None:
    """Report hard-coded Fireflies API keys and webhook secrets in PATHS.

    PATHS default to the current directory; '-' reads standard input. Keys are never
    printed: output shows a short preview and a fingerprint.
    """
    cfg, output = scan_gates.load_config(config_path, no_config, paths), resolve_format(fmt)
    exclude = scan_gates.exclude_for(cfg, paths, in_history)
    verifier = _verifier(endpoint, verify_keys or only_verified, timeout)
    known = _known(baseline_path, update_baseline)
    reach = (paths, all_files, staged, in_history, since, branch, exclude, allow_shallow)
    result, keys, blind = _collect_reach(*reach)
    result, below = scan_gates.configured(result, cfg, exclude, min_confidence)
    root = _history_root(paths) if in_history else ''
    if update_baseline:
        click.echo(_update_baseline(result, baseline_path, root), err=True, nl=False)
        ctx.exit(ExitCode.OK)
    result, ignored = _apply_baseline(result, known, baseline_path, root)
    result, unknown = _verify(result, keys, verifier, only_verified)
    emit(render_findings(result, output, _origin(output, paths, in_history)), output_file)
    if quiet:
        ctx.exit(scan_gates.exit_code(result, unknown))
    text, verified = output is Format.TEXT, verifier is not None
    summary = render_summary(
        result,
        baselined=ignored,
        remediation=text,
        verified=verified,
        config=scan_gates.source_of(cfg),
    )
    click.echo(summary, err=True, nl=False)
    if below:
        noun = 'finding' if below == 1 else 'findings'
        minimum = scan_gates.min_confidence(cfg, min_confidence)
        click.echo(f'ffaudit: {below} {noun} below --min-confidence {minimum}', err=True)
    ctx.exit(scan_gates.exit_code(result, unknown, blind))
