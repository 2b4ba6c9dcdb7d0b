"""Pasted header blocks: a raw HTTP/1.1 request, curl -v's ``> `` lines, a DevTools HTTP/2 block,
Chrome's name/value-on-separate-lines copy, and pasted responses (which belong to explain).
"""

from __future__ import annotations

import re

from ffaudit.doctor.header.parsed import ParsedHeader
from ffaudit.doctor.header.parsed import from_pairs
from ffaudit.doctor.header.parsed import header_pairs

REQUEST_RE = re.compile(r'^([A-Z]+) (\S+) HTTP/\d')
HTTP2_RE = re.compile(r'^:(authority|method|path|scheme):', re.M)
_RESPONSE_RE = re.compile(
    r"""^(?:<\s*)?HTTP/\d(?:\.\d)?\s+\d{3}\b|^\{\s*["'](?:errors|data)["']\s*:"""
)
_NAME_ONLY_RE = re.compile(r'^:?[A-Za-z][A-Za-z0-9-]*:?$')
_VERBOSE = ('> ', '< ', '* ', '>\r', '<\r')
_BODY_METHODS = frozenset(('POST', 'PUT', 'PATCH'))
RESPONSE = 'This is a response: use `ffaudit explain`'


def crlf_block(lines: list[str]) -> list[str]:
    """Drop the CR ending every line of a pasted CRLF block (a terminator, not part of the key).

    A single line ending in ``\\r`` keeps it: there it may be a stray one in the key.
    """
    filled = [line for line in lines if line]
    if len(filled) >= 2 and all(line.endswith('\r') for line in filled):
        return [line.removesuffix('\r') for line in lines]
    return lines


def is_response(lines: list[str]) -> bool:
    """An HTTP status line, curl -v ``<`` lines only, or a GraphQL response body."""
    return bool(lines) and _RESPONSE_RE.match(lines[0].lstrip()) is not None


def verbose_request(lines: list[str]) -> list[str] | None:
    """The request lines of a curl -v capture (``> `` prefix removed), else ``None``."""
    if not lines or not lines[0].startswith(_VERBOSE) and lines[0] not in ('>', '<'):
        return None
    sent = [line[2:] for line in lines if line.startswith(('> ', '>\r'))]
    if sent and REQUEST_RE.match(sent[0]):
        return sent
    return None


def http(request: re.Match[str], lines: list[str]) -> ParsedHeader:
    """A raw request: headers up to the first blank line, URL from the request line and Host."""
    method, target = request.groups()
    rest = [line.removesuffix('\r') for line in lines[1:]]
    blank = next((i for i, line in enumerate(rest) if not line.strip()), len(rest))
    pairs = header_pairs(rest[:blank])
    host = next((v.strip() for n, v in pairs if n.lower() == 'host'), '')
    # A raw request does not say http or https: judge host, path and query only.
    url = target if '://' in target else f'https://{host}{target}' if host else ''
    body = any(line.strip() for line in rest[blank:]) or method in _BODY_METHODS
    return from_pairs(pairs, 'http', url=url, has_body=body)


def http2(lines: list[str]) -> ParsedHeader:
    """A DevTools HTTP/2 block with ``:authority:``/``:path:`` pseudo-headers."""
    pseudo = dict(re.findall(r'^:(\w+):\s*(.*?)\s*$', '\n'.join(lines), re.M))
    authority, path = pseudo.get('authority', ''), pseudo.get('path', '')
    url = f'{pseudo.get("scheme", "https")}://{authority}{path}' if authority else ''
    body = pseudo.get('method', '').upper() in _BODY_METHODS
    return from_pairs(header_pairs(lines), 'http2', url=url, has_body=body)


def separate_lines(lines: list[str]) -> ParsedHeader | None:
    """Chrome's copy of the headers pane: a name line (``authorization`` or ``:path:``), then
    its value on the next line. ``None`` unless the input has that shape.
    """
    filled = [line.strip('\r') for line in lines if line.strip()]
    if len(filled) < 2 or not _NAME_ONLY_RE.match(filled[0].strip()):
        return None
    names = filled[0::2]
    if not all(_NAME_ONLY_RE.match(name.strip()) for name in names):
        return None
    pairs = [(n.strip().strip(':'), v) for n, v in zip(names, filled[1::2], strict=False)]
    pseudo = [f':{n}: {v.strip()}' for n, v in pairs if f':{n}' in names or f':{n}:' in names]
    joined = [f'{n}: {v.lstrip()}' for n, v in pairs if f':{n}: {v.strip()}' not in pseudo]
    parsed = http2(pseudo) if pseudo else None
    found = from_pairs(header_pairs(joined), 'chrome')
    return found if parsed is None else _with_request(found, parsed)


def _with_request(found: ParsedHeader, request: ParsedHeader) -> ParsedHeader:
    from dataclasses import replace

    return replace(found, url=request.url, has_body=request.has_body)
