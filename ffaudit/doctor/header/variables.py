"""Say which variables a pasted command or code would fill in, and what the doctor did with them.

``"Bearer $FIREFLIES_API_KEY"`` (double quotes or none) is expanded by the shell: the doctor checks
the variable's value from its own environment. ``'Bearer $FIREFLIES_API_KEY'`` is sent as it
stands, the real bug (docs/evidence.md#header-forms). Only variable names are shown, masked if
key-shaped.
"""

from __future__ import annotations

from ffaudit.doctor.header.parsed import ParsedHeader
from ffaudit.model import Status
from ffaudit.redaction import mask_argv_like


def _shown(parsed: ParsedHeader, names: tuple[str, ...]) -> str:
    prefix = {'the shell': '$', 'PowerShell': '$env:'}.get(parsed.expanded_by, '')
    return ', '.join(mask_argv_like(f'{prefix}{name}') for name in names)


def _literal(parsed: ParsedHeader) -> tuple[Status, str, str]:
    shown = _shown(parsed, parsed.literal_vars)
    note = f"'{shown}' is in single quotes, so the shell sends it literally, not its value"
    fix = f'Use double quotes: -H "Authorization: Bearer {shown}"'
    return Status.FAIL, note, fix


def _unset(parsed: ParsedHeader) -> tuple[Status, str, str]:
    shown = _shown(parsed, parsed.unset)
    note = f'{parsed.expanded_by} would fill in {shown}, which is not set in this environment'
    names = ', '.join(mask_argv_like(name) for name in parsed.unset)
    fix = f'Set {names} where the request runs (and run the doctor there)'
    return Status.FAIL, note, fix


def variables_note(parsed: ParsedHeader) -> tuple[Status, str, str]:
    """(status, note for header.parse, remediation) about variables in the auth header."""
    if parsed.literal_vars:
        return _literal(parsed)
    if parsed.unset:
        return _unset(parsed)
    if parsed.expanded:
        verb = 'expand' if parsed.expanded_by != 'the code' else 'read'
        shown = _shown(parsed, parsed.expanded)
        note = f'{parsed.expanded_by} would {verb} {shown}; checked its value from the environment'
        return Status.PASS, note, ''
    if parsed.interpolated:
        note = (
            f'the key comes from `{parsed.interpolated}`, which the doctor cannot evaluate; '
            'the key checks use the other sources'
        )
        fix = 'Paste the header with its real value, or give the key via FIREFLIES_API_KEY'
        return Status.WARN, note, fix
    return Status.PASS, '', ''
