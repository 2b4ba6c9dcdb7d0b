"""Read a pasted PowerShell call: ``Invoke-RestMethod -Headers @{Authorization="Bearer K"}``.

PowerShell quoting: ``'...'`` is literal (``''`` is a quote), ``"..."`` expands ``$env:NAME``
(filled in from the doctor's environment) and ``$var``/``$(...)`` (opaque), backtick escapes.
Without ``-ContentType`` a ``-Body`` is sent as application/x-www-form-urlencoded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ffaudit.doctor.header.code import Value
from ffaudit.doctor.header.code import fill
from ffaudit.doctor.header.code import with_variables
from ffaudit.doctor.header.parsed import ParsedHeader
from ffaudit.doctor.header.parsed import from_pairs

_CMDLET_RE = re.compile(r'(?i)(?<![\w-])(Invoke-RestMethod|Invoke-WebRequest|irm|iwr)(?![\w-])')
_NAMES = r'authori[sz]ation|x-api-key|api-key|content-type'
_ENTRY_RE = re.compile(rf"""(?i)(["']?)\b({_NAMES})\1\s*=\s*""")
_SINGLE_RE = re.compile(r"'((?:''|[^'])*)'")
_DOUBLE_RE = re.compile(r'"((?:`.|""|[^"`])*)"', re.S)
_BARE_RE = re.compile(r'\$(?:\{[^}]*\}|[\w:]+)')
_HOLE_RE = re.compile(r'\$\{env:\w+\}|\$env:\w+|\$\([^()]*\)|\$\w+')
_TICKS = {'n': '\n', 'r': '\r', 't': '\t', '0': '\0'}
_URI_RE = re.compile(r"""(?i)-Uri\s+(["']?)([^\s'"]+)\1|(https?://[^\s'"]+)""")
_CTYPE_RE = re.compile(r"""(?i)-ContentType\s+(["']?)([^\s'"]+)\1""")


def looks_like_powershell(text: str) -> bool:
    """An ``Invoke-RestMethod``/``Invoke-WebRequest`` call or a ``@{...}`` hashtable."""
    return _CMDLET_RE.search(text) is not None or '@{' in text


def _double(body: str, value: Value, env: Mapping[str, str]) -> str:
    text = re.sub(r'`(.)', lambda m: _TICKS.get(m.group(1), m.group(1)), body.replace('""', '"'))
    return _HOLE_RE.sub(lambda m: fill(value, m.group(0), env), text)


def _value(text: str, start: int, env: Mapping[str, str]) -> Value:
    value, i = Value(), start
    while i < len(text):
        single, double = _SINGLE_RE.match(text, i), _DOUBLE_RE.match(text, i)
        bare = _BARE_RE.match(text, i)
        match = single or double or bare
        if match is None:
            break
        if single:
            value.text += single.group(1).replace("''", "'")
        elif double:
            value.text += _double(double.group(1), value, env)
        else:
            value.text += fill(value, match.group(0), env)
        i = match.end()
        plus = re.match(r'\s*\+\s*', text[i:])
        if plus is None:
            break
        i += plus.end()
    return value


def parse_powershell(text: str, env: Mapping[str, str]) -> ParsedHeader:
    """Headers of the hashtables in ``text``, plus ``-Uri``, ``-Body`` and ``-ContentType``."""
    values = [(m.group(2), _value(text, m.end(), env)) for m in _ENTRY_RE.finditer(text)]
    uri = _URI_RE.search(text)
    ctype = _CTYPE_RE.search(text)
    parsed = from_pairs(
        [(n, v.text) for n, v in values],
        'powershell',
        url=(uri.group(2) or uri.group(3)) if uri else '',
        has_body=re.search(r'(?i)-Body\b', text) is not None,
        implied_type=ctype.group(2) if ctype else None,
    )
    return with_variables(parsed, values, 'PowerShell')
