"""Read an Authorization header out of pasted code or JSON.

``{"Authorization": "Bearer K"}``, ``headers={'Authorization': f'Bearer {key}'}``,
``{ Authorization: `Bearer ${process.env.X}` }``, ``'Bearer ' + key``, ``"Bearer %s" % key``.
Environment reads (``os.getenv('X')``, ``process.env.X``, ...) are filled in from the doctor's
environment, with what the language interpolates when unset (``None``, ``undefined``); any
other expression is opaque: the header is linted, its key is not known.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from ffaudit.doctor.header.parsed import ParsedHeader
from ffaudit.doctor.header.parsed import from_pairs
from ffaudit.redaction import mask_argv_like

_NAMES = r'authori[sz]ation|x-api-key|api-key|apikey|x-auth-token|content-type'
_ENTRY_RE = re.compile(rf"""(?i)(["'`]?)\b({_NAMES})\1\s*(?::|=>|=|,)\s*""")
_CODE_BEFORE_RE = re.compile(r'[{(,=\[]')
_STRING_RE = re.compile(r"""([fFrRbBuU]{0,2})(["'`])((?:\\.|(?!\2)[^\\\n])*)\2""")
_ESCAPE_RE = re.compile(r'\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|.)')
_ESCAPES = {'n': '\n', 'r': '\r', 't': '\t', '0': '\0'}
_HOLE_RE = {'f': re.compile(r'(?<!\{)\{([^{}]+)\}'), '`': re.compile(r'\$\{([^{}]+)\}')}
_RUBY_HOLE_RE = re.compile(r'#\{([^{}]+)\}')
_FORMAT_RE = re.compile(r'\s*(?:%\s*|\.format\()')
_STOP = ',;}\n'
_ENV_REFS = (
    (re.compile(r"""os\.environ\[\s*['"](\w+)['"]\s*\]"""), ''),
    (re.compile(r"""os\.(?:environ\.get|getenv)\(\s*['"](\w+)['"]\s*\)"""), 'None'),
    (re.compile(r"""process\.env(?:\.(\w+)|\[\s*['"`](\w+)['"`]\s*\])"""), 'undefined'),
    (re.compile(r"""\$(?:env:(\w+)|\{env:(\w+)\})"""), ''),  # PowerShell
    (re.compile(r"""System\.getenv\(\s*"(\w+)"\s*\)"""), 'null'),
    (
        re.compile(r"""(?:ENV\[|os\.Getenv\(|getenv\(|GetEnvironmentVariable\()\s*['"](\w+)['"]"""),
        '',
    ),
)


@dataclasses.dataclass
class Value:
    """A header value built from literals and expressions (``text`` is secret)."""

    text: str = dataclasses.field(default='', repr=False)
    expanded: list[str] = dataclasses.field(default_factory=list)
    unset: list[str] = dataclasses.field(default_factory=list)
    opaque: str = ''


def _decode(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] in 'ux' and len(code) > 1:
        return chr(int(code[1:], 16))
    return _ESCAPES.get(code, code)


def fill(value: Value, expr: str, env: Mapping[str, str]) -> str:
    """The value of ``expr``: an environment read filled in from ``env``, else opaque."""
    expr = expr.strip()
    for pattern, unset in _ENV_REFS:
        match = pattern.fullmatch(expr)
        if match:
            name = next(g for g in match.groups() if g)
            value.expanded.append(name)
            value.unset.extend([name] if name not in env else [])
            return env.get(name, unset)
    shown = mask_argv_like(expr)
    value.opaque = value.opaque or (shown if len(shown) <= 40 else 'an expression')
    return '{' + value.opaque + '}'


def _string(match: re.Match[str], value: Value, env: Mapping[str, str]) -> str:
    prefix, quote, body = match.group(1).lower(), match.group(2), match.group(3)
    text = body if 'r' in prefix else _ESCAPE_RE.sub(_decode, body)
    hole = _HOLE_RE.get('f' if 'f' in prefix else quote)
    if quote == '"' and _RUBY_HOLE_RE.search(text):
        hole = _RUBY_HOLE_RE
    if hole is None:
        return text
    return hole.sub(lambda m: fill(value, m.group(1), env), text)


def _expression(text: str, start: int) -> int:
    depth, i = 0, start
    while i < len(text) and (depth or text[i] not in _STOP + '+)'):
        depth += {'(': 1, '[': 1, ')': -1, ']': -1}.get(text[i], 0)
        i += 1
    return i


def _term(text: str, i: int, value: Value, env: Mapping[str, str]) -> tuple[str, int]:
    """One string literal (with a ``%``/``.format`` argument) or expression at ``i``."""
    string = _STRING_RE.match(text, i)
    if string is None:
        end = _expression(text, i)
        return fill(value, text[i:end], env), end
    part, i = _string(string, value, env), string.end()
    fmt = _FORMAT_RE.match(text, i)
    if fmt is None:
        return part, i
    arg, end = _term(text, fmt.end(), value, env)  # 'Bearer %s' % key, '{}'.format(key)
    end += text.startswith(')', end) and '(' in fmt.group(0)
    return re.sub(r'%s|\{\d*\}', lambda _: arg, part, count=1), end


def _value(text: str, start: int, env: Mapping[str, str]) -> Value:
    """Concatenated string literals and expressions from ``start`` (``'Bearer ' + key``)."""
    value, i = Value(), start
    while i < len(text):
        part, i = _term(text, i, value, env)
        value.text += part
        plus = re.match(r'\s*\+\s*', text[i:])
        if plus is None:
            break
        i += plus.end()
    return value


def _entries(text: str) -> list[tuple[str, int]]:
    found = []
    for match in _ENTRY_RE.finditer(text):
        line_start = text.rfind('\n', 0, match.start()) + 1
        quoted = bool(match.group(1))
        if quoted or _CODE_BEFORE_RE.search(text, line_start, match.start()):
            found.append((match.group(2), match.end()))
    return found


def parse_code(text: str, env: Mapping[str, str]) -> ParsedHeader | None:
    """The auth header in code or JSON; ``None`` when ``text`` holds no such entry."""
    entries = _entries(text)
    if not entries:
        return None
    values = [(name, _value(text, at, env)) for name, at in entries]
    parsed = from_pairs([(n, v.text) for n, v in values], 'code')
    return with_variables(parsed, values, 'the code')


def with_variables(
    parsed: ParsedHeader, values: list[tuple[str, Value]], expanded_by: str
) -> ParsedHeader:
    """Record which variables the header values expanded, left unset or could not evaluate."""
    auth = [v for n, v in values if n.lower() != 'content-type']
    return dataclasses.replace(
        parsed,
        expanded=tuple(dict.fromkeys(n for v in auth for n in v.expanded)),
        unset=tuple(dict.fromkeys(n for v in auth for n in v.unset)),
        interpolated=next((v.opaque for v in auth if v.opaque), ''),
        expanded_by=expanded_by,
    )
