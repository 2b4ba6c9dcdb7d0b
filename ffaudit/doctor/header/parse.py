"""Tell what ``--header -`` holds and read it into a ``ParsedHeader``.

Evidence: docs/evidence.md#header-forms.

Forms: a client command (curl, httpie, wget: shell_commands.py; PowerShell: powershell.py), code or
JSON (code.py), a raw request, curl -v lines, DevTools/Chrome blocks (blocks.py),
header lines, or a bare value. Anything else is "not recognised"; a response goes to explain.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping

from ffaudit.doctor.header import blocks
from ffaudit.doctor.header import code
from ffaudit.doctor.header import powershell
from ffaudit.doctor.header import shell_commands
from ffaudit.doctor.header.parsed import LINE_RE
from ffaudit.doctor.header.parsed import NOT_NAMES
from ffaudit.doctor.header.parsed import ParsedHeader
from ffaudit.doctor.header.parsed import from_pairs
from ffaudit.doctor.header.parsed import header_pairs

UNRECOGNISED = (
    'Input not recognised: give an Authorization header line, a raw request '
    'or a curl/httpie/wget/PowerShell command'
)
_MAX_VALUE_WORDS = 4  # 'Bearer a, Bearer b': more words than that is prose or code
_OPERATOR_RE = re.compile(r'&&|\|\||\$\(|\s[;|]\s')  # not a bare 'key;' (keychecks names it)


class _AsWritten(dict[str, str]):
    """Without an environment every variable stays as written (``$NAME``), none is "expanded"."""

    def __contains__(self, name: object) -> bool:
        return True

    def get(self, name: str, default: object = None) -> str:
        return f'${name}'


def parse(text: str, env: Mapping[str, str] | None = None) -> ParsedHeader:
    """Read ``text``; ``$VAR`` in a command is filled in from ``env`` (the doctor's env).

    ``env=None`` keeps variables as written (``$FIREFLIES_API_KEY``), so the key checks name it.
    """
    if env is None:
        return dataclasses.replace(_parse(text, None), expanded=(), unset=())
    return _parse(text, tuple(sorted(env.items())))


@functools.lru_cache(maxsize=4)
def _parse(text: str, env_items: tuple[tuple[str, str], ...] | None) -> ParsedHeader:
    raw = text.removesuffix('\n')
    body = raw.lstrip('\ufeff')  # a BOM before a header line or command is not part of it
    lines = blocks.crlf_block(body.lstrip().split('\n'))
    sent = blocks.verbose_request(lines)
    if sent is not None:
        lines = sent
    elif blocks.is_response(lines):
        return ParsedHeader('response', error=blocks.RESPONSE)
    env = _AsWritten() if env_items is None else dict(env_items)
    return _blocks(lines) or _code(body, env) or _lines(lines) or _value(raw)


def _blocks(lines: list[str]) -> ParsedHeader | None:
    request = blocks.REQUEST_RE.match(lines[0])
    if request:
        return blocks.http(request, lines)
    if blocks.HTTP2_RE.match(lines[0]):
        return blocks.http2(lines)
    return None


def _code(body: str, env: dict[str, str]) -> ParsedHeader | None:
    if powershell.looks_like_powershell(body):
        return powershell.parse_powershell(body, env)
    if shell_commands.looks_like_command(body):
        parsed = shell_commands.parse_command(body, env)
        if parsed is not None:
            return parsed
    return code.parse_code(body, env)


def _lines(lines: list[str]) -> ParsedHeader | None:
    separate = blocks.separate_lines(lines)  # checked first: 'authorization:' alone
    match = LINE_RE.match(lines[0])
    if separate is None and match and match.group(1).lower() not in NOT_NAMES:
        return from_pairs(header_pairs(lines), 'line')
    return separate


def _value(raw: str) -> ParsedHeader:
    filled = [line for line in raw.split('\n') if line.strip()]
    words = raw.split()
    if len(filled) > 1 or len(words) > _MAX_VALUE_WORDS or _OPERATOR_RE.search(raw):
        return ParsedHeader('unknown', error=UNRECOGNISED)
    return ParsedHeader('value', ('',), (raw,))
