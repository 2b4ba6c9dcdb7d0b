"""Lint the Authorization header a user pasted to ``--header -``: parse, name, scheme, count.

Parsing lives in headerparse.py (forms), headerlines.py (header lines) and curl.py.
"""

from __future__ import annotations

import re
import typing

from ffaudit.doctor import endpoint
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.model import CheckResult
from ffaudit.model import Status

if typing.TYPE_CHECKING:
    from ffaudit.doctor.headerlines import ParsedHeader

SECTION = 'Request'
_MEDIA_RE = re.compile(r'[a-z0-9.+-]{1,40}/[a-z0-9.+-]{1,60}')
_FIX = 'Send exactly: Authorization: Bearer <api key>'
_FORMS = {
    'value': 'a bare header value',
    'line': 'header lines',
    'http': 'a raw HTTP request',
    'http2': 'an HTTP/2 header block (browser DevTools)',
    'curl': 'a curl command',
}


def _parsed(inp: DoctorInput) -> ParsedHeader | None:
    from ffaudit.doctor.headerparse import parse  # lazy: only with --header -

    return None if inp.header is None else parse(inp.header)


def _skip(check: str) -> CheckResult:
    return CheckResult(
        check, Status.SKIP, 'No header given (use --header - to lint one)', '', SECTION
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
            "Drop -u and add -H 'Authorization: Bearer <api key>'",
            SECTION,
        )
    if parsed.error:
        return CheckResult('header.parse', Status.FAIL, parsed.error, _FIX, SECTION)
    msg = f'Read {_FORMS[parsed.form]} from stdin'
    return CheckResult('header.parse', Status.PASS, msg, '', SECTION)


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


def _scheme_problem(value: str) -> tuple[Status, str] | None:
    from ffaudit.doctor.headerlines import split_scheme

    scheme, rest = split_scheme(value)
    word = scheme.rstrip(': \t')
    if not scheme:
        return Status.FAIL, "The value lacks the 'Bearer ' scheme (a bare key)"
    if word.lower() != 'bearer':
        return Status.FAIL, f'The scheme is {word}; Fireflies expects Bearer'
    if ':' in scheme:
        return Status.FAIL, "'Bearer:' has a colon; the scheme is followed by one space only"
    if scheme == word:
        return Status.FAIL, "No space between 'Bearer' and the key"
    if split_scheme(rest)[0]:
        return Status.FAIL, "The scheme is doubled ('Bearer Bearer ...')"
    if rest[:1] in (' ', '\t'):
        return Status.FAIL, "More than one space after 'Bearer'"
    if word != 'Bearer':
        return Status.WARN, f"The scheme is written '{word}'; some servers only accept 'Bearer'"
    return None


def check_scheme(inp: DoctorInput) -> CheckResult:
    """The value is exactly ``Bearer`` + one space + the key."""
    parsed = _parsed(inp)
    if parsed is None or not parsed.values:
        return _skip('header.scheme') if parsed is None else _na('header.scheme')
    problem = _scheme_problem(parsed.values[0])
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
    found = endpoint.problem(parsed.url)
    if found is not None:
        return CheckResult(
            'header.url', found[0], f'Request URL: {found[1]}', endpoint.FIX, SECTION
        )
    msg = f'Request URL {endpoint.safe_url(parsed.url)}'
    return CheckResult('header.url', Status.PASS, msg, '', SECTION)


def _content_type_problem(parsed: ParsedHeader) -> str:
    if parsed.content_type is None:
        how = ' (curl -d sends application/x-www-form-urlencoded)' if parsed.form == 'curl' else ''
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
