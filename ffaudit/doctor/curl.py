"""Read a pasted curl command: its headers, -u, the URL, the method and whether it sends a body.

Accepts the spellings people paste: ``curl.exe``, ``/usr/bin/curl``, ``$ curl``, ``sudo curl``,
``FOO=1 curl``, continuation lines (``\\``, cmd ``^``, PowerShell backtick) and ``$'...'`` quoting.
"""

from __future__ import annotations

import dataclasses
import re
import shlex

from ffaudit.doctor.headerlines import ParsedHeader
from ffaudit.doctor.headerlines import from_pairs
from ffaudit.doctor.headerlines import header_pairs

_PREFIX = r'(?:[$%>#]\s*)?(?:(?:sudo|env|command|time|nohup|exec)(?:\s+-\S+)*\s+|\w+=\S*\s+)*'
START_RE = re.compile(rf'(?i)^\s*{_PREFIX}(?:\S*[/\\])?curl(?:\.exe)?(?:\s|$)')
_CONTINUED = re.compile(r'[\\^`]\r?\n')
_ANSI_C = re.compile(r"(?<![\w$])\$'((?:[^'\\]|\\.)*)'", re.S)
_ESCAPES = {'n': '\n', 'r': '\r', 't': '\t', 'e': '\x1b', 'a': '\x07'}
_ESCAPE_RE = re.compile(r'\\(x[0-9a-fA-F]{1,2}|.)', re.S)
_DATA = frozenset(('-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '-F', '--form'))
_DATA |= frozenset(('--data-urlencode', '--json', '-T', '--upload-file'))
_DATA_PREFIXES = ('--data', '--json', '--form', '-d', '-F')  # also attached: -d{}, --data=...
_VALUED = _DATA | frozenset(('-H', '--header', '-X', '--request', '-u', '--user', '--url'))
_VALUED |= frozenset(('-o', '--output', '-A', '--user-agent', '-e', '--referer', '-b', '-c'))
_VALUED |= frozenset(('-x', '--proxy', '-m', '--max-time', '-w', '--cacert', '--oauth2-bearer'))


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code.startswith('x') and len(code) > 1:
        return chr(int(code[1:], 16))
    return _ESCAPES.get(code, code)


def _ansi_c(match: re.Match[str]) -> str:
    return shlex.quote(_ESCAPE_RE.sub(_unescape, match.group(1)))


def _argv(text: str) -> list[str] | None:
    text = _ANSI_C.sub(_ansi_c, _CONTINUED.sub(' ', text))
    try:
        argv = shlex.split(text)
    except ValueError:
        return None
    at = next(i for i, a in enumerate(argv) if re.fullmatch(r'(?i)(.*[/\\])?curl(\.exe)?', a))
    return argv[at + 1 :]


def _attached(arg: str, short: str, long: str) -> str | None:
    if arg.startswith(f'{long}='):
        return arg[len(long) + 1 :]
    return arg[len(short) :] if arg.startswith(short) and len(arg) > len(short) else None


def _url(argv: list[str]) -> str:
    values = {i + 1 for i, a in enumerate(argv) if a in _VALUED}
    given = [argv[i] for i in values if i < len(argv) and argv[i - 1] == '--url']
    loose = [a for i, a in enumerate(argv) if i not in values and not a.startswith('-')]
    url = (given or loose or [''])[0]
    return url if '://' in url or not url else f'http://{url}'  # curl's default scheme is http


def _has_body(argv: list[str]) -> bool:
    return any(a in _DATA or a.startswith(_DATA_PREFIXES) for a in argv)


def parse_curl(text: str) -> ParsedHeader:
    """Headers, Basic auth, URL and body of a curl command (``text`` matched ``START_RE``)."""
    argv = _argv(text)
    if argv is None:
        return ParsedHeader('curl', error='The curl command has unbalanced quotes')
    lines: list[str] = []
    basic = False
    for flag, arg in zip(argv, [*argv[1:], ''], strict=True):
        if flag in ('-H', '--header'):
            lines.append(arg)
        elif (attached := _attached(flag, '-H', '--header')) is not None:
            lines.append(attached)
        elif flag == '--oauth2-bearer':
            lines.append(f'Authorization: Bearer {arg}')
        basic = basic or flag in ('-u', '--user') or _attached(flag, '-u', '--user') is not None
    body = _has_body(argv)
    json_flag = 'application/json' if '--json' in argv else None
    parsed = from_pairs(
        header_pairs(lines), 'curl', url=_url(argv), has_body=body, implied_type=json_flag
    )
    if basic and not parsed.names:
        return ParsedHeader('curl', basic_user=True, url=parsed.url, has_body=body)
    return dataclasses.replace(parsed, basic_user=basic)
