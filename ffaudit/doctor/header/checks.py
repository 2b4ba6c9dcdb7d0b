"""Lint the Authorization header a user pasted to ``--header -``: parse, name, scheme, count.

Evidence: docs/evidence.md#header-forms.

Parsing lives in parse.py (forms), parsed.py (header lines) and curl.py.
"""

from __future__ import annotations

import re
import typing

from ffaudit.doctor.environment import endpoint_url
from ffaudit.doctor.header.scheme import scheme_problem
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.model import CheckResult
from ffaudit.model import Status

if typing.TYPE_CHECKING:
    from ffaudit.doctor.header.parsed import ParsedHeader

SECTION = 'Request'
_MEDIA_RE = re.compile(r'[a-z0-9.+-]{1,40}/[a-z0-9.+-]{1,60}')
_FIX = 'Send exactly: Authorization: Bearer <api key>'
FORMS = {
    'value': 'a bare header value',
    'line': 'header lines',
    'http': 'a raw HTTP request',
    'http2': 'an HTTP/2 header block (browser DevTools)',
    'chrome': 'headers copied from the browser (names and values on separate lines)',
    'curl': 'a curl command',
    'httpie': 'an httpie command',
    'wget': 'a wget command',
    'powershell': 'a PowerShell command',
    'code': 'a header in code or JSON',
}
# What each client sends for a body without an explicit Content-Type.
_DEFAULT_TYPE = {
    'curl': ' (curl -d sends application/x-www-form-urlencoded)',
    'wget': ' (wget --post-data sends application/x-www-form-urlencoded)',
    'powershell': ' (Invoke-RestMethod -Body sends application/x-www-form-urlencoded)',
}


def _parsed(inp: DoctorInput) -> ParsedHeader | None:
    if inp.header is None:
        return None
    from ffaudit.doctor.header.parse import parse  # lazy: only with --header

    return parse(inp.header, inp.env)


def _skip(check: str) -> CheckResult:
    return CheckResult(check, Status.SKIP, 'No header given', '', SECTION)


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
            "Drop -u and add -H 'Authorization: Bearer <api key>'",
            SECTION,
        )
    if parsed.error:
        return CheckResult('header.parse', Status.FAIL, parsed.error, _parse_fix(parsed), SECTION)
    from ffaudit.doctor.header import variables  # lazy, as the parser

    status, note, hint = variables.variables_note(parsed)
    origin = inp.header_name.removeprefix('header:')
    msg = f'Read {FORMS[parsed.form]} from {origin}' + (f'; {note}' if note else '')
    return CheckResult('header.parse', status, msg, hint, SECTION)


def _parse_fix(parsed: ParsedHeader) -> str:
    if parsed.form == 'response':
        return 'ffaudit explain - reads a captured Fireflies response'
    return _FIX


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
            f'The header name {", ".join(wrong)} is not Authorization',
            _FIX,
            SECTION,
        )
    return CheckResult('header.name', Status.PASS, 'The header name is Authorization', '', SECTION)


def _na(check: str) -> CheckResult:
    return CheckResult(check, Status.SKIP, 'No auth header to inspect', '', SECTION)


def check_scheme(inp: DoctorInput) -> CheckResult:
    """The value is exactly ``Bearer`` + one space + the key."""
    parsed = _parsed(inp)
    if parsed is None or not parsed.values:
        return _skip('header.scheme') if parsed is None else _na('header.scheme')
    problem = scheme_problem(parsed.values[0])
    if problem is None:
        return CheckResult(
            'header.scheme', Status.PASS, "The scheme is 'Bearer ' + key", '', SECTION
        )
    return CheckResult('header.scheme', problem[0], problem[1], _FIX, SECTION)


def check_count(inp: DoctorInput) -> CheckResult:
    """Exactly one auth-like header is sent."""
    parsed = _parsed(inp)
    if parsed is None or not parsed.values:
        return _skip('header.count') if parsed is None else _na('header.count')
    if parsed.credentials > 1:
        msg = f'The Authorization value holds {parsed.credentials} comma-separated credentials'
        hint = 'Send one credential: Authorization: Bearer <api key>'
        return CheckResult('header.count', Status.FAIL, msg, hint, SECTION)
    if len(parsed.values) > 1:
        return CheckResult(
            'header.count',
            Status.FAIL,
            f'{len(parsed.values)} Authorization headers are sent',
            'Send a single Authorization header',
            SECTION,
        )
    return CheckResult('header.count', Status.PASS, 'One Authorization header', '', SECTION)


def check_url(inp: DoctorInput) -> CheckResult:
    """The URL of a pasted curl command or request passes the endpoint checks."""
    parsed = _parsed(inp)
    if parsed is None:
        return _skip('header.url')
    if not parsed.url:
        return CheckResult('header.url', Status.SKIP, 'No request URL in the input', '', SECTION)
    found = endpoint_url.problem(parsed.url, inp.key)
    if found is not None:
        return CheckResult(
            'header.url', found[0], f'Request URL: {found[1]}', endpoint_url.FIX, SECTION
        )
    msg = f'Request URL {endpoint_url.safe_url(parsed.url)}'
    return CheckResult('header.url', Status.PASS, msg, '', SECTION)


def _content_type_problem(parsed: ParsedHeader) -> str:
    if parsed.content_type is None:
        how = _DEFAULT_TYPE.get(parsed.form, '')
        return f'The request sends a body without Content-Type: application/json{how}'
    media = parsed.content_type.split(';', 1)[0].strip().lower()
    if media == 'application/json':
        return ''
    shown = media if _MEDIA_RE.fullmatch(media) else 'an unexpected value'
    return f'The Content-Type is {shown}; the GraphQL endpoint expects application/json'


def check_content_type(inp: DoctorInput) -> CheckResult:
    """A request with a body declares ``Content-Type: application/json`` (GraphQL over HTTP)."""
    parsed = _parsed(inp)
    if parsed is None:
        return _skip('header.content_type')
    if not parsed.has_body:
        msg = 'No request body in the input'
        return CheckResult('header.content_type', Status.SKIP, msg, '', SECTION)
    problem = _content_type_problem(parsed)
    if problem:
        hint = "Add -H 'Content-Type: application/json' (or use curl --json)"
        return CheckResult('header.content_type', Status.FAIL, problem, hint, SECTION)
    msg = 'The body is sent as application/json'
    return CheckResult('header.content_type', Status.PASS, msg, '', SECTION)


# the Request section, in report order
CHECKS = (
    ('header.parse', check_parse),
    ('header.name', check_name),
    ('header.scheme', check_scheme),
    ('header.count', check_count),
    ('header.url', check_url),
    ('header.content_type', check_content_type),
)
