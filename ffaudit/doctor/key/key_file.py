"""Read a key from a file or stdin as text: size cap, binary data, UTF-16 and non-UTF-8 input.

PowerShell's ``>`` writes UTF-16 with a byte-order mark: decode it, and say so
(docs/evidence.md#key-sources).
"""

from __future__ import annotations

from ffaudit import user_files
from ffaudit.errors import FfauditError
from ffaudit.redaction import path_text

READ_LIMIT = 64 * 1024  # a key is ~36 bytes; anything bigger is the wrong file
UTF16_NOTE = 'UTF-16 with a byte-order mark'
_RESAVE = 're-save it as UTF-8 or ASCII'


def _text_byte(b: int) -> bool:
    return 0x20 <= b < 0x7F or b in (9, 10, 13)


def _utf16_without_bom(data: bytes) -> bool:
    # ASCII in UTF-16: every other byte is NUL (odd bytes for -LE, even bytes for -BE)
    halves = ((data[1::2], data[::2]), (data[::2], data[1::2]))
    return len(data) >= 4 and any(
        not any(nul) and all(map(_text_byte, text)) for nul, text in halves
    )


def decode(data: bytes, what: str) -> tuple[str, str]:
    """(text, note) from raw bytes; ``FfauditError`` (exit 2) when no key can be in them."""
    if len(data) > READ_LIMIT:
        raise FfauditError(f'{what}: more than 64 KiB, not an API key')
    if data.startswith((b'\xff\xfe', b'\xfe\xff')):
        try:
            return data.decode('utf-16'), UTF16_NOTE
        except UnicodeDecodeError:
            raise FfauditError(f'{what}: broken UTF-16 text; {_RESAVE}') from None
    if b'\x00' in data:
        if _utf16_without_bom(data):
            raise FfauditError(f'{what}: UTF-16 text without a byte-order mark; {_RESAVE}')
        raise FfauditError(f'{what}: binary data, not an API key')
    try:
        return data.decode('utf-8'), ''
    except UnicodeDecodeError:
        raise FfauditError(f'{what}: not UTF-8 text (Windows-1252?); {_RESAVE}') from None


def decode_input(data: bytes, what: str) -> str:
    """Bytes from a key file or stdin as text; ``FfauditError`` (exit 2) if unusable."""
    return decode(data, what)[0]


def read_key_file(path: str, flag: str = '--api-key-file') -> tuple[str, str]:
    """(text, note) of ``flag PATH``: a regular file of at most ``READ_LIMIT`` bytes."""
    what = f'{flag} {path_text(path)}'
    try:
        data = user_files.read_bytes(path, flag, READ_LIMIT)
    except user_files.Refused as exc:
        if exc.rule == user_files.TOO_LARGE:
            raise FfauditError(f'{what}: more than 64 KiB, not an API key') from None
        if exc.rule == user_files.NOT_REGULAR:
            raise FfauditError(f'{what}: {exc.reason}') from None
        raise FfauditError(f'{what}: cannot read ({exc.reason})') from None
    return decode(data, what)
