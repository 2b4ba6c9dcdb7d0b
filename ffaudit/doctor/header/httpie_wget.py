"""Read the arguments of the other HTTP clients people paste: httpie (``http``/``https``/``xh``)
and wget. Quotes are already removed by shell_words.py.

httpie request items: https://httpie.io/docs/cli/request-items (``Name:value`` header,
``name=value`` JSON field, ``name==value`` query); wget: ``--header``, ``--post-data``.
"""

from __future__ import annotations

import re

from ffaudit.doctor.header.parsed import ParsedHeader
from ffaudit.doctor.header.parsed import from_pairs
from ffaudit.doctor.header.parsed import header_pairs

# Leftmost separator wins; at one position the longer one (httpie's own rule).
_ITEM_RE = re.compile(r'(?<!\\)(:=@|:=|==|=@|=|@|:)')
_HTTPIE_VALUED = frozenset(('-a', '--auth', '-A', '--auth-type', '--session', '-o', '--output'))
_HTTPIE_VALUED |= frozenset(('--proxy', '--timeout', '--cert', '--cert-key', '--verify'))
_METHOD_RE = re.compile(r'[A-Z]+')
_WGET_VALUED = frozenset(('-O', '-o', '-U', '--user-agent', '--output-document', '-t', '-T'))
_WGET_VALUED |= frozenset(('--header', '--method', '--user', '--password', '--http-user'))
_WGET_VALUED |= frozenset(('--http-password', '--post-data', '--post-file', '--body-data'))
_WGET_VALUED |= frozenset(('--body-file',))
_WGET_BODY = ('--post-data', '--post-file', '--body-data', '--body-file')
_WGET_BASIC = ('--user', '--password', '--http-user', '--http-password')


def _options(argv: list[str], valued: frozenset[str]) -> tuple[dict[str, str], list[str]]:
    """``{--flag: value}`` (``--flag=value`` too) and the positional arguments."""
    flags: dict[str, str] = {}
    loose: list[str] = []
    items = iter(argv)
    for arg in items:
        name, eq, attached = arg.partition('=')
        if arg.startswith('-') and eq and name in valued:
            flags[name] = attached
        elif arg in valued:
            flags[arg] = next(items, '')
        elif arg.startswith('-'):
            flags[arg] = ''
        else:
            loose.append(arg)
    return flags, loose


def _with_scheme(url: str, scheme: str) -> str:
    if not url or '://' in url:
        return url
    return f'{scheme}://localhost{url}' if url.startswith(':') else f'{scheme}://{url}'


def parse_httpie(argv: list[str], command: str) -> ParsedHeader:
    """Headers, auth, URL and body of an httpie/xh command line."""
    flags, loose = _options(argv, _HTTPIE_VALUED)
    if loose and _METHOD_RE.fullmatch(loose[0]):
        loose = loose[1:]
    url = _with_scheme(loose[0] if loose else '', 'https' if command.endswith('s') else 'http')
    headers: list[tuple[str, str]] = []
    body = '--raw' in flags
    for item in loose[1:]:
        match = _ITEM_RE.search(item)
        if match is None:
            continue
        if match.group(1) == ':':
            headers.append((item[: match.start()], item[match.end() :]))
        body = body or match.group(1) not in ('==', '@')
    auth = flags.get('--auth', flags.get('-a'))
    kind = flags.get('--auth-type', flags.get('-A', 'basic')).lower()
    if auth is not None and kind == 'bearer':
        headers.append(('Authorization', f'Bearer {auth}'))
    elif auth is not None:
        return ParsedHeader('httpie', basic_user=True, url=url, has_body=body)
    form = '-f' in flags or '--form' in flags
    implied = 'application/x-www-form-urlencoded' if form else 'application/json'
    named = [(n, v) for n, v in headers if re.fullmatch(r'[A-Za-z][\w-]*', n)]
    return from_pairs(named, 'httpie', url=url, has_body=body, implied_type=implied)


def parse_wget(argv: list[str]) -> ParsedHeader:
    """Headers, Basic auth, URL and body of a wget command line."""
    lines: list[str] = []
    rest: list[str] = []
    items = iter(argv)
    for arg in items:  # --header may repeat, so it is not read through _options
        if arg == '--header':
            lines.append(next(items, ''))
        elif arg.startswith('--header='):
            lines.append(arg.removeprefix('--header='))
        else:
            rest.append(arg)
    flags, loose = _options(rest, _WGET_VALUED)
    url = _with_scheme(loose[0] if loose else '', 'http')  # wget's default scheme is http
    body = any(f in flags for f in _WGET_BODY)
    parsed = from_pairs(header_pairs(lines), 'wget', url=url, has_body=body)
    if any(f in flags for f in _WGET_BASIC) and not parsed.names:
        return ParsedHeader('wget', basic_user=True, url=url, has_body=body)
    return parsed
