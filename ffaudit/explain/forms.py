"""Captures that are not a raw answer: a Python dict repr, the official SDK's error line. Pure.

``print(response.json())`` writes ``{'errors': [...]}`` with single quotes and ``None``: not JSON,
but a Python literal that ``ast.literal_eval`` reads without running code. The official SDK
(firefliesai/fireflies-node-sdk ``src/fireflies.ts``) throws ``Fireflies API Error: <message>``
with the answer's ``message`` only. Both become a JSON body for ``classify`` plus a note saying so.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import re

from ffaudit.fireflies import advice
from ffaudit.fireflies.diagnosis import Diagnosis
from ffaudit.model import CheckResult
from ffaudit.model import Status

SECTION = 'Capture'
REPR_LIMIT = 1 << 20  # literal_eval builds a syntax tree: keep the input small
_SDK_LINE = re.compile(rb'Fireflies API Error: ([^\r\n]*)')
_LITERAL_ERRORS = (ValueError, TypeError, SyntaxError, MemoryError, RecursionError)
_REPR_NOTE = CheckResult(
    'explain.input',
    Status.WARN,
    'The capture is a Python dict repr (print(response.json())), not JSON: read it with'
    ' ast.literal_eval',
    'Next time save response.text, or json.dumps(response.json()).',
    SECTION,
)
_SDK_NOTE = CheckResult(
    'explain.input',
    Status.WARN,
    "The capture is the official SDK's error line (Fireflies API Error: <message>): the HTTP"
    ' status and error code are not in it',
    'For the whole answer, capture it with curl -si (see ffaudit explain --help).',
    SECTION,
)
_HOW = 'printf %s "$KEY" | sha256sum | cut -c1-12 gives the fingerprint of the key you sent; do'
_HOWTO = {  # hints that point at a fingerprint, for when explain has none to show
    advice.REJECTED_HINT: (
        f'The key is wrong, or was regenerated or revoked. {advice.FINGERPRINT_HOWTO}'
    ),
    advice.no_user(None).hint: (
        f'The key may belong to a removed user or workspace. {_HOW} the same with the key in'
        f' {advice.KEY_PAGE}: if they match, contact Fireflies support.'
    ),
}


def normalise(body: bytes) -> tuple[bytes, CheckResult | None]:
    """``body`` as JSON when it is a Python repr or an SDK error line, with a note saying so."""
    stripped = body.strip()
    if not stripped or _is_json(stripped):
        return body, None
    value = _python_dict(stripped)
    if value is not None:
        return value, _REPR_NOTE
    match = _SDK_LINE.search(stripped[:65536])
    if match is not None:
        said = match.group(1).decode('utf-8', 'replace').strip()
        return json.dumps({'errors': [{'message': said}]}).encode(), _SDK_NOTE
    return body, None


def without_fingerprint(diag: Diagnosis) -> Diagnosis:
    """``diag`` with a hint that says how to get the fingerprint explain cannot show."""
    return dataclasses.replace(diag, hint=_HOWTO.get(diag.hint, diag.hint))


def _is_json(data: bytes) -> bool:
    try:
        json.loads(data)
    except ValueError:
        return False
    except RecursionError:  # JSON, nested too deep: classify says so (hostile answers)
        return True
    return True


def _python_dict(data: bytes) -> bytes | None:
    if not data.startswith(b'{') or len(data) > REPR_LIMIT:
        return None
    try:
        value = ast.literal_eval(data.decode('utf-8'))
        return json.dumps(value).encode() if isinstance(value, dict) else None
    except _LITERAL_ERRORS:  # UnicodeDecodeError is a ValueError
        return None
