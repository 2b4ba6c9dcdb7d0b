"""What ``ffaudit scan`` decides around the scan: configuration, standard input, the exit code.

No silent pass: the exit code is 0 only when everything asked for was read and judged. Findings
exit 1; otherwise a file that could not be read exits 2, and a key ``--only-verified`` got no
verdict on (rate limit, network error, not sent) exits 3, as the doctor does.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from ffaudit.errors import ExitCode
from ffaudit.errors import FfauditError
from ffaudit.model import Confidence
from ffaudit.model import ScanResult
from ffaudit.report.rules import at_least
from ffaudit.scan import config_lookup
from ffaudit.scan.targets import STDIN

if TYPE_CHECKING:
    from typing import BinaryIO

    from ffaudit.scan.config import ScanConfig
    from ffaudit.scan.globs import Matcher
# config, policy and globs load only when a configuration file exists (start-up time)
# skipped on purpose (binary files), or missing from git, which is exit 3 (history_summary.MISSING)
_NOT_UNREADABLE = frozenset({'binary', 'missing object'})


def load_config(path: str | None, no_config: bool, paths: Sequence[str]) -> ScanConfig | None:
    """The configuration ``--config`` names, or the one found for ``paths``, or None."""
    if path is not None and no_config:
        raise FfauditError('--config and --no-config cannot be combined')
    if no_config:
        return None
    found = path if path is not None else config_lookup.find(config_lookup.start_of(paths))
    if found is None:
        return None
    from ffaudit.scan import config

    return config.load(found)


def exclude_for(cfg: ScanConfig | None, paths: Sequence[str], in_history: bool) -> Matcher | None:
    """The exclude predicate on the paths this scan reports (history: repository-relative)."""
    if cfg is None or not cfg.exclude:
        return None
    from ffaudit.scan import policy

    base = ''
    if in_history:
        from ffaudit.scan.git import plumbing

        base = plumbing.toplevel(paths[0] if paths else '.') or ''
    return policy.exclude_matcher(cfg, base)


def stdin_for(paths: Sequence[str], *, git_scan: bool) -> BinaryIO | None:
    """Standard input when ``-`` is among ``paths`` (None if it is closed), else None;
    ``git_scan`` (--staged, --history) refuses it."""
    if STDIN not in paths:
        return None
    if git_scan:
        raise FfauditError("'-' (standard input) cannot be combined with --staged or --history")
    return sys.stdin.buffer if sys.stdin is not None else None


def configured(
    result: ScanResult,
    cfg: ScanConfig | None,
    exclude: Matcher | None,
    minimum: Confidence | None,
) -> tuple[ScanResult, int]:
    """Apply the configuration (excludes, allowlist), then --min-confidence (the flag, else
    the configuration's, else low); also return how many findings fell below it."""
    if cfg is not None and (exclude is not None or cfg.allowlist):
        from ffaudit.scan import policy

        result = policy.drop_allowlisted(policy.drop_excluded(result, exclude), cfg)
    kept = at_least(result.findings, min_confidence(cfg, minimum))
    return dataclasses.replace(result, findings=kept), len(result.findings) - len(kept)


def min_confidence(cfg: ScanConfig | None, flag: Confidence | None) -> Confidence:
    """The --min-confidence in force: the flag, else the configuration's, else low."""
    return flag or (cfg.min_confidence if cfg is not None else None) or Confidence.LOW


def source_of(cfg: ScanConfig | None) -> str:
    """The configuration file's name for the summary, or ''."""
    return cfg.source or '' if cfg is not None else ''


def exit_code(result: ScanResult, unknown: int, blind: bool = False) -> ExitCode:
    """1 for findings, else 2 if a file could not be read, else 3 if ``unknown`` keys got no
    verdict under --only-verified or the scan was ``blind`` to part of what it was asked to
    read (a shallow clone, objects missing from the repository), else 0; says why on stderr
    when it is 2 or 3."""
    if result.findings:
        return ExitCode.FOUND
    unread = sum(1 for s in result.skipped if s.reason not in _NOT_UNREADABLE)
    if unread:
        them = 'it' if unread == 1 else 'them'
        why = (
            f'error: {_plural(unread, "file")} could not be read, so the scan is incomplete '
            f'(exclude {them} in the configuration to accept that)'
        )
        return _said(ExitCode.USAGE, why)
    if unknown:
        why = (
            f'no verdict: Fireflies could not judge {_plural(unknown, "key")} (see "unknown" '
            'above), so --only-verified cannot pass'
        )
        return _said(ExitCode.INCONCLUSIVE, why)
    if blind:
        why = 'no verdict: part of the history could not be looked at (see above)'
        return _said(ExitCode.INCONCLUSIVE, why)
    return ExitCode.OK


def _said(code: ExitCode, why: str) -> ExitCode:
    click.echo(f'ffaudit: {why}', err=True)
    return code


def _plural(count: int, noun: str) -> str:
    return f'{count} {noun}' if count == 1 else f'{count} {noun}s'
