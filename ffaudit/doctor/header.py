"""Parse a user's Authorization header (bare value, header line, raw HTTP, curl) and lint it."""

from __future__ import annotations

import dataclasses
import difflib
import functools
import re
import shlex

from ffaudit.doctor.inputs import DoctorInput
from ffaudit.model import CheckResult
from ffaudit.model import Status

SECTION = 'Request'
# Header names people use instead of Authorization (doctor.md §2 #26).
_ALT_NAMES = frozenset(
    ('x-api-key', 'api-key', 'apikey', 'x-auth-token', 'x-access-token', 'access-token', 'auth')
)
_NOT_NAMES = frozenset(('bearer', 'token', 'basic'))  # "Bearer: key" is a value, not a header
_LINE_RE = re.compile(r'^([A-Za-z][A-Za-z0-9_-]*)[ \t]*:')
_REQUEST_RE = re.compile(r'^[A-Z]+ \S+ HTTP/\d')
_SCHEME_RE = re.compile(r'(?i)^(bearer|token|basic)(:?)([ \t]*)')
_FIX = 'send exactly: Authorization: Bearer <api key>'


@dataclasses.dataclass(frozen=True)
class ParsedHeader:
    """What ``--header -`` held. ``values`` are secret: never print them."""

    form: str  # 'value' | 'line' | 'http' | 'curl'
    names: tuple[str, ...] = ()  # auth-like header names as written ('' for a bare value)
    values: tuple[str, ...] = dataclasses.field(default=(), repr=False)
    basic_user: bool = False  # curl -u/--user: Basic auth
    error: str = ''  # secret-free reason the text could not be read

    @property
    def token(self) -> str | None:
        """The credential inside the first auth-like value, scheme removed (secret)."""
        if not self.values:
            return None
        return split_scheme(self.values[0])[1]


def split_scheme(value: str) -> tuple[str, str]:
    """Split ``Bearer xyz`` into (``Bearer ``, ``xyz``): scheme word, one separator, rest."""
    match = _SCHEME_RE.match(value)
    if match is None:
        return '', value
    sep = match.group(2) + match.group(3)[:1]
    return match.group(1) + sep, value[len(match.group(1)) + len(sep) :]


def _is_auth_name(name: str) -> bool:
    low = name.lower()
    if low in _ALT_NAMES or low == 'authorization':
        return True
    return difflib.SequenceMatcher(None, low, 'authorization').ratio() >= 0.8


def _from_lines(lines: list[str], form: str) -> ParsedHeader:
    names: list[str] = []
    values: list[str] = []
    for line in lines:
        match = _LINE_RE.match(line)
        if match and match.group(1).lower() not in _NOT_NAMES and _is_auth_name(match.group(1)):
            names.append(match.group(1))
            values.append(line[match.end() :].lstrip(' \t'))
    error = '' if names else 'no Authorization header found in the input'
    return ParsedHeader(form, tuple(names), tuple(values), error=error)


def _from_curl(text: str) -> ParsedHeader:
    try:
        argv = shlex.split(text.replace('\\\r\n', ' ').replace('\\\n', ' '))
    except ValueError:
        return ParsedHeader('curl', error='the curl command has unbalanced quotes')
    lines: list[str] = []
    basic = False
    for flag, arg in zip(argv, [*argv[1:], ''], strict=True):
        if flag in ('-H', '--header'):
            lines.append(arg)
        elif flag.startswith(('-H', '--header=')) and flag not in ('-H', '--header'):
            lines.append(flag.removeprefix('--header=').removeprefix('-H'))
        elif flag == '--oauth2-bearer':
            lines.append(f'Authorization: Bearer {arg}')
        basic = basic or flag in ('-u', '--user') or flag.startswith(('-u', '--user='))
    parsed = _from_lines(lines, 'curl')
    if basic and not parsed.names:
        return ParsedHeader('curl', basic_user=True)
    return dataclasses.replace(parsed, basic_user=basic)


@functools.lru_cache(maxsize=4)
def parse(text: str) -> ParsedHeader:
    """Read ``text`` as a curl command, a raw HTTP request, header lines or a bare value."""
    body = text.removesuffix('\n')
    first = body.lstrip().split('\n', 1)[0]
    if first == 'curl' or first.startswith('curl '):
        return _from_curl(body)
    if _REQUEST_RE.match(first):
        return _from_lines([line.removesuffix('\r') for line in body.split('\n')[1:]], 'http')
    match = _LINE_RE.match(first)
    if match and match.group(1).lower() not in _NOT_NAMES:
        return _from_lines(body.split('\n'), 'line')
    return ParsedHeader('value', ('',), (body,))


def _parsed(inp: DoctorInput) -> ParsedHeader | None:
    return None if inp.header is None else parse(inp.header)


def _skip(check: str) -> CheckResult:
    return CheckResult(
        check, Status.SKIP, 'no header given (use --header - to lint one)', '', SECTION
    )


def check_parse(inp: DoctorInput) -> CheckResult:
    """The header text could be read and holds one auth-like header."""
    parsed = _parsed(inp)
    if parsed is None:
        return _skip('header.parse')
    if parsed.basic_user:
        return CheckResult(
            'header.parse',
            Status.FAIL,
            'curl -u/--user sends Basic auth; Fireflies expects Bearer',
            "drop -u and add -H 'Authorization: Bearer <api key>'",
            SECTION,
        )
    if parsed.error:
        return CheckResult('header.parse', Status.FAIL, parsed.error, _FIX, SECTION)
    forms = {'value': 'a bare header value', 'line': 'header lines', 'http': 'a raw HTTP request'}
    form = forms.get(parsed.form, 'a curl command')
    return CheckResult('header.parse', Status.PASS, f'read {form} from stdin', '', SECTION)


def check_name(inp: DoctorInput) -> CheckResult:
    """The header is called ``Authorization``, not a look-alike."""
    parsed = _parsed(inp)
    if parsed is None or not parsed.names:
        return _skip('header.name') if parsed is None else _na('header.name')
    wrong = sorted({n for n in parsed.names if n and n.lower() != 'authorization'})
    if wrong:
        return CheckResult(
            'header.name',
            Status.FAIL,
            f'header name {", ".join(wrong)} is not Authorization',
            _FIX,
            SECTION,
        )
    return CheckResult('header.name', Status.PASS, 'header name is Authorization', '', SECTION)


def _na(check: str) -> CheckResult:
    return CheckResult(check, Status.SKIP, 'no auth header to inspect', '', SECTION)


def _scheme_problem(value: str) -> tuple[Status, str] | None:
    scheme, rest = split_scheme(value)
    word = scheme.rstrip(': \t')
    if not scheme:
        return Status.FAIL, "the value lacks the 'Bearer ' scheme (a bare key)"
    if word.lower() != 'bearer':
        return Status.FAIL, f'the scheme is {word}, Fireflies expects Bearer'
    if ':' in scheme:
        return Status.FAIL, "'Bearer:' has a colon; the scheme is followed by one space only"
    if scheme == word:
        return Status.FAIL, "no space between 'Bearer' and the key"
    if split_scheme(rest)[0]:
        return Status.FAIL, "the scheme is doubled ('Bearer Bearer ...')"
    if rest[:1] in (' ', '\t'):
        return Status.FAIL, "more than one space after 'Bearer'"
    if word != 'Bearer':
        return Status.WARN, f"the scheme is written '{word}'; some servers only accept 'Bearer'"
    return None


def check_scheme(inp: DoctorInput) -> CheckResult:
    """The value is exactly ``Bearer`` + one space + the key."""
    parsed = _parsed(inp)
    if parsed is None or not parsed.values:
        return _skip('header.scheme') if parsed is None else _na('header.scheme')
    problem = _scheme_problem(parsed.values[0])
    if problem is None:
        return CheckResult('header.scheme', Status.PASS, "scheme is 'Bearer ' + key", '', SECTION)
    return CheckResult('header.scheme', problem[0], problem[1], _FIX, SECTION)


def check_count(inp: DoctorInput) -> CheckResult:
    """Exactly one auth-like header is sent."""
    parsed = _parsed(inp)
    if parsed is None or not parsed.values:
        return _skip('header.count') if parsed is None else _na('header.count')
    if len(parsed.values) > 1:
        return CheckResult(
            'header.count',
            Status.FAIL,
            f'{len(parsed.values)} authorization headers are sent',
            'send a single Authorization header',
            SECTION,
        )
    return CheckResult('header.count', Status.PASS, 'one authorization header', '', SECTION)
