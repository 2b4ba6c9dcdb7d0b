"""Apply a scan configuration to a result: the allowlist, and excludes after the fact.

A tree scan never reads an excluded file (``files.scan_paths_keys(exclude=...)``); the staged
and history scans read git's objects, so their findings at excluded paths are dropped here
instead. Either way the result counts what was left out, for the summary.
"""

from __future__ import annotations

import dataclasses

from ffaudit.model import ScanResult
from ffaudit.scan import globs
from ffaudit.scan.config import ScanConfig


def exclude_matcher(config: ScanConfig, base: str = '') -> globs.Matcher | None:
    """A predicate on scanned paths (relative to ``base``; '' is the current folder), or None
    when the configuration excludes nothing."""
    if not config.exclude:
        return None
    return globs.Matcher(globs.compile_globs(config.exclude), config.root, base)


def drop_excluded(result: ScanResult, exclude: globs.Matcher | None) -> ScanResult:
    """``result`` without findings at excluded paths; ``excluded`` counts those paths."""
    if exclude is None:
        return result
    gone = {f.path for f in result.findings if exclude(f.path)}
    kept = tuple(f for f in result.findings if f.path not in gone)
    return dataclasses.replace(result, findings=kept, excluded=result.excluded + len(gone))


def drop_allowlisted(result: ScanResult, config: ScanConfig) -> ScanResult:
    """``result`` without allowlisted findings; ``allowlisted`` counts them."""
    if not config.allowlist:
        return result
    allowed = {a.fingerprint for a in config.allowlist}
    kept = tuple(f for f in result.findings if f.fingerprint not in allowed)
    dropped = len(result.findings) - len(kept)
    return dataclasses.replace(result, findings=kept, allowlisted=result.allowlisted + dropped)
