"""Keep key-shaped text out of error messages built from what the user typed.

A key pasted where a path or a number belongs (``ffaudit doctor --api-key-file "$KEY"``,
``ffaudit doctor "$KEY"``) must not come back in "cannot read <path>" or click's "unexpected
extra argument (<value>)". Every error message leaving the CLI goes through ``mask_argv_like``.
"""

from __future__ import annotations

import re

MASK = '<redacted>'
# UUIDs of any version and 32+ hex runs (the Fireflies shapes), and long mixed letter/digit
# tokens (4+ digits and 4+ letters) such as other vendors' keys (sk-..., ghp_...): none of
# them is worth echoing back, while snake_case path parts stay readable.
_SECRET_LIKE = re.compile(
    r'[0-9A-Fa-f]{8}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12}'
    r'|[0-9A-Fa-f]{32,}'
    r'|(?<![\w-])(?=(?:[A-Za-z_-]*[0-9]){4})(?=(?:[0-9_-]*[A-Za-z]){4})[\w-]{24,}(?![\w-])'
)


def mask_argv_like(text: str) -> str:
    """Replace every key-shaped run in ``text`` with ``<redacted>``."""
    return _SECRET_LIKE.sub(MASK, text)
