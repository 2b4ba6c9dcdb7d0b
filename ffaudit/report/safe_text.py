"""Make text from checks safe to render: no control characters, no fingerprints in summaries.

Messages can carry text a server or a file chose (a user name, a path). A raw newline could start
a ``::command::`` line under GitHub Actions and ESC/OSC sequences drive the terminal, so every
renderer cleans what it prints.
"""

from __future__ import annotations

import dataclasses
import re

from ffaudit.model import CheckResult
from ffaudit.redaction import escape_controls

_FINGERPRINT_RE = re.compile(r'(?i)\b(fingerprint|fp)([ =:]+)(sha256:)?[0-9a-f]{8,64}\b')


def clean(text: str) -> str:
    """``text`` with every control character shown as a visible escape (``\\n``, ``\\x1b``).

    The rule (which characters, which escapes) is ``redaction.escape_controls``, the one the
    doctor applies to server text too.
    """
    return escape_controls(text)


def clean_result(result: CheckResult) -> CheckResult:
    """``result`` with id, message, hint, section and details cleaned."""
    return dataclasses.replace(
        result,
        check=clean(result.check),
        message=clean(result.message),
        hint=clean(result.hint),
        section=clean(result.section),
        details=tuple((clean(k), clean(v) if isinstance(v, str) else v) for k, v in result.details),
        caused_by=clean(result.caused_by),
    )


def without_fingerprints(text: str, known: frozenset[str]) -> str:
    """``text`` with fingerprints left out: the ``known`` values and any ``fingerprint <hex>``."""
    for value in known:
        text = text.replace(value, '(not shown)')
    return _FINGERPRINT_RE.sub(r'\1\2(not shown)', text)
