"""``doctor --fix``: repair what is local and certain in ./.env, never a value not proven wrong.

Four mistakes qualify: a byte-order mark (``source .env`` runs ``\\ufeffNAME=...`` as a command),
a misspelt ``export`` (python-dotenv skips the line), and a FIREFLIES_API_KEY value wrapped in
extra quotes or ending in ``\\r``/``\\n`` (a CRLF line, an escaped newline). A value is only
rewritten when what is left is a well-formed Fireflies key (UUIDv4 or 32 hex digits). Edits are
described with the key replaced by ``<key: N characters>``: no slice of it is ever shown.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re

from ffaudit import user_files
from ffaudit.doctor.key import dotenv
from ffaudit.doctor.key import patterns
from ffaudit.redaction import escape_controls
from ffaudit.redaction import mask

BOM = b'\xef\xbb\xbf'
_NAME = dotenv.CANONICAL
_EXPORT_RE = re.compile(rf'^(\s*)([A-Za-z]+)(\s+{_NAME}\s*=)')
_LINE_RE = re.compile(rf'^(\s*(?:export\s+)?{_NAME}\s*=\s*)(.*?)([ \t]*)(\r*\n?)$', re.S)
_ESCAPES = ('\\r', '\\n')
_STRIP = ''.join(patterns.ALL_QUOTES) + ' \t\r\n'


@dataclasses.dataclass(frozen=True)
class Edit:
    """One change: the 1-based line, what it does, and the line before/after, key redacted."""

    line: int
    what: str
    before: str
    after: str


@dataclasses.dataclass(frozen=True)
class Plan:
    """The edits for ``path`` and the file's new bytes (which hold the key: never print them)."""

    path: str
    edits: tuple[Edit, ...]
    data: bytes = dataclasses.field(repr=False)


def _is_key(value: str) -> bool:
    return bool(patterns.UUID4_RE.match(value) or patterns.HEX32_RE.match(value))


def _bare(value: str) -> str:
    text = value
    while True:  # '"key"', "'\"key\"'", "key\\n", "“key”"
        before = text
        text = text.strip(_STRIP)
        for escape in _ESCAPES:
            text = text.removesuffix(escape)
        if text == before:
            return text


def _shown(line: str, key: str) -> str:
    redacted = line.replace(key, f'<key: {len(key)} characters>')
    return escape_controls(mask(redacted, (key,)))


def _export_edit(number: int, line: str) -> tuple[str, Edit] | None:
    match = _EXPORT_RE.match(line)
    if match is None or match.group(2) == 'export':
        return None
    word = match.group(2)
    if difflib.SequenceMatcher(None, word.lower(), 'export').ratio() < 0.6:
        return None  # 'set' (cmd.exe) or another word: not provably a typo
    fixed = f'{match.group(1)}export{line[match.end(2) :]}'
    what = f"spell 'export' (was '{escape_controls(word[:12])}')"
    return fixed, Edit(number, what, '', '')


def _value_edit(number: int, line: str) -> tuple[str, Edit] | None:
    match = _LINE_RE.match(line)
    if match is None:
        return None
    value, ending = match.group(2), match.group(4)
    key = _bare(value)
    if not _is_key(key):
        return None  # nothing provably a key would be left: not ours to touch
    if dotenv.parse(line)[0].get(_NAME) != key:  # python-dotenv keeps quotes or a newline
        fixed, what = f'{match.group(1)}{key}', 'remove the quotes or newline kept in the value'
    elif '\r' in ending:
        fixed, what = match.group(1) + value, 'remove the carriage return (CRLF line ending)'
    else:
        return None  # "key" in double quotes is right for python-dotenv and the shell
    fixed += '\n' if ending else ''
    return fixed, Edit(number, what, _shown(line, key), _shown(fixed, key))


def plan(cwd: str) -> Plan | None:
    """What ``--fix`` would change in ``cwd``/.env, or None when nothing is provably wrong."""
    data, _why = dotenv.read(cwd)
    if not data:
        return None
    edits: list[Edit] = []
    if data.startswith(BOM):
        data = data[len(BOM) :]
        edits.append(Edit(1, 'remove the byte-order mark (UTF-8 BOM)', '', ''))
    try:
        lines = data.decode('utf-8').splitlines(keepends=True)
    except UnicodeDecodeError:
        return None
    for index in range(len(lines)):
        for fix in (_export_edit, _value_edit):
            found = fix(index + 1, lines[index])
            if found is not None:
                lines[index] = found[0]
                edits.append(found[1])
    if not edits:
        return None
    return Plan(os.path.join(cwd, '.env'), tuple(edits), ''.join(lines).encode('utf-8'))


def backup_path(path: str) -> str:
    """Where ``apply`` keeps the old file."""
    return f'{path}.bak'


def apply(fix: Plan) -> str:
    """Write the new file atomically (``user_files``), keep a backup with the same mode; its path.

    A symlinked ./.env is written through: its target changes, the link stays. Raises
    ``FfauditError`` when either file cannot be written.
    """
    target = os.path.realpath(fix.path)
    mode = os.stat(target).st_mode & 0o7777  # the backup holds the key too: keep it as private
    backup = backup_path(fix.path)
    with open(target, 'rb') as f:
        old = f.read()
    user_files.write_bytes_atomic(backup, old, './.env backup', mode=mode)
    user_files.write_bytes_atomic(fix.path, fix.data, './.env')
    return backup
