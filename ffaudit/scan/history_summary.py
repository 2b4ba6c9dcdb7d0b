"""What a history scan tells the user: stderr lines, whether it could look, skipped diffs."""

from __future__ import annotations

from ffaudit.model import ScanResult
from ffaudit.model import Skipped
from ffaudit.scan.git.missing import Unread
from ffaudit.scan.history import HistoryResult

MISSING = 'missing object'  # the skip reason of a diff whose blobs are not in the repository


def describe(result: HistoryResult, *, allow_shallow: bool = False) -> list[str]:
    """Secret-free lines for stderr: how much history was scanned, and what could not be."""
    commits = f'{result.commits_scanned} commit{"" if result.commits_scanned == 1 else "s"}'
    if not result.shallow:
        lines = [f'history: scanned {commits}']
    elif allow_shallow:
        lines = [f'shallow clone: scanned {commits} (run git fetch --unshallow for full history)']
    else:
        lines = [
            f'shallow clone: scanned {commits}; the older history is not in this clone and was '
            'not looked at (run git fetch --unshallow, or pass --allow-shallow)'
        ]
    if result.unread:
        lines.append(_unread_line(result.unread))
    return lines


def blind(result: HistoryResult, *, allow_shallow: bool = False) -> bool:
    """Whether part of the requested history could not be looked at (exit 3, not 0)."""
    return bool(result.unread) or (result.shallow and not allow_shallow)


def _unread_line(unread: tuple[Unread, ...]) -> str:
    shas = len({u.sha for u in unread})
    paths = f'{len(unread)} path{"" if len(unread) == 1 else "s"}'
    return (
        f'could not read {paths} in {shas} commit{"" if shas == 1 else "s"} (objects missing: '
        'a partial clone or a damaged repository; each is named below as <commit>:<path>)'
    )


def scan_result(result: HistoryResult) -> ScanResult:
    """``result`` as a scan result: the diffs that could not be read are its skipped entries."""
    skipped = tuple(Skipped(f'{u.sha}:{u.path}', MISSING) for u in result.unread)
    return ScanResult(result.findings, result.files_scanned, result.bytes_scanned, skipped)
