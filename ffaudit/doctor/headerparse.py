"""Tell what ``--header -`` holds (curl command, raw HTTP/1.1 request, DevTools HTTP/2 block,
header lines or a bare value) and read it into a ``ParsedHeader``.
"""

from __future__ import annotations

import functools
import re

from ffaudit.doctor import curl
from ffaudit.doctor.headerlines import LINE_RE
from ffaudit.doctor.headerlines import NOT_NAMES
from ffaudit.doctor.headerlines import ParsedHeader
from ffaudit.doctor.headerlines import from_pairs
from ffaudit.doctor.headerlines import header_pairs

_REQUEST_RE = re.compile(r'^([A-Z]+) (\S+) HTTP/\d')
_HTTP2_RE = re.compile(r'^:(authority|method|path|scheme):', re.M)
_BODY_METHODS = frozenset(('POST', 'PUT', 'PATCH'))


def _crlf_block(lines: list[str]) -> list[str]:
    # CRLF ends every line of a pasted header block: a terminator, not part of the key.
    # A single line ending in \r stays as it is: there the \r may be a stray one in the key.
    filled = [line for line in lines if line]
    if len(filled) >= 2 and all(line.endswith('\r') for line in filled):
        return [line.removesuffix('\r') for line in lines]
    return lines


def _http(request: re.Match[str], lines: list[str]) -> ParsedHeader:
    method, target = request.groups()
    rest = [line.removesuffix('\r') for line in lines[1:]]
    blank = next((i for i, line in enumerate(rest) if not line.strip()), len(rest))
    pairs = header_pairs(rest[:blank])
    host = next((v.strip() for n, v in pairs if n.lower() == 'host'), '')
    # A raw request does not say http or https: judge host, path and query only.
    url = target if '://' in target else f'https://{host}{target}' if host else ''
    body = any(line.strip() for line in rest[blank:]) or method in _BODY_METHODS
    return from_pairs(pairs, 'http', url=url, has_body=body)


def _http2(lines: list[str]) -> ParsedHeader:
    pseudo = dict(re.findall(r'^:(\w+):\s*(.*?)\s*$', '\n'.join(lines), re.M))
    authority, path = pseudo.get('authority', ''), pseudo.get('path', '')
    url = f'{pseudo.get("scheme", "https")}://{authority}{path}' if authority else ''
    body = pseudo.get('method', '').upper() in _BODY_METHODS
    return from_pairs(header_pairs(lines), 'http2', url=url, has_body=body)


@functools.lru_cache(maxsize=4)
def parse(text: str) -> ParsedHeader:
    """Read ``text`` as a curl command, a raw request, an HTTP/2 block, lines or a bare value."""
    raw = text.removesuffix('\n')
    body = raw.lstrip('\ufeff')  # a BOM before a header line or command is not part of it
    first = body.lstrip().split('\n', 1)[0]
    if curl.START_RE.match(first):
        return curl.parse_curl(body)
    lines = _crlf_block(body.lstrip().split('\n'))
    request = _REQUEST_RE.match(first)
    if request:
        return _http(request, lines)
    if _HTTP2_RE.match(first):
        return _http2(lines)
    match = LINE_RE.match(first)
    if match and match.group(1).lower() not in NOT_NAMES:
        return from_pairs(header_pairs(lines), 'line')
    return ParsedHeader('value', ('',), (raw,))
