"""Version strings of installed packages, compared as tuples.

Evidence: docs/evidence.md#requests-versions.
"""

from __future__ import annotations


def version_tuple(text: str) -> tuple[int, ...]:
    """``'2.32.3'`` -> ``(2, 32, 3)``; stops at the first non-numeric part."""
    out: list[int] = []
    for part in text.split('.'):
        digits = ''.join(c for c in part if c.isdigit()) if part[:1].isdigit() else ''
        if not digits:
            break
        out.append(int(digits))
    return tuple(out)
