"""Read curl's arguments: its headers, -u, the URL, the method and whether it sends a body.

shell_words.py splits the pasted command line; shell_commands.py finds curl in it.
"""

from __future__ import annotations

import dataclasses

from ffaudit.doctor.header.parsed import ParsedHeader
from ffaudit.doctor.header.parsed import from_pairs
from ffaudit.doctor.header.parsed import header_pairs

_DATA = frozenset(('-d', '--data', '--data-raw', '--data-binary', '--data-ascii', '-F', '--form'))
_DATA |= frozenset(('--data-urlencode', '--json', '-T', '--upload-file'))
_DATA_PREFIXES = ('--data', '--json', '--form', '-d', '-F')  # also attached: -d{}, --data=...
_VALUED = _DATA | frozenset(('-H', '--header', '-X', '--request', '-u', '--user', '--url'))
_VALUED |= frozenset(('-o', '--output', '-A', '--user-agent', '-e', '--referer', '-b', '-c'))
_VALUED |= frozenset(('-x', '--proxy', '-m', '--max-time', '-w', '--cacert', '--oauth2-bearer'))


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


def parse_curl(argv: list[str]) -> ParsedHeader:
    """Headers, Basic auth, URL and body of curl's arguments (quotes already removed)."""
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
