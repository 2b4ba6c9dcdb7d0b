"""Read a JSON file the user handed us: any failure is one secret-free line (exit 2)."""

from __future__ import annotations

import json
from typing import Any

from ffaudit import user_files
from ffaudit.errors import FfauditError
from ffaudit.redaction import path_text

JSON_LIMIT = 64 << 20  # a detect-secrets baseline of a large monorepo is a few MiB
MAX_DEPTH = 64  # baselines nest 4 levels deep; deeper is not a baseline (and costs recursion)


def read_json(path: str, what: str) -> Any:
    """Parse ``path`` as UTF-8 JSON; raise ``FfauditError`` naming ``what`` when it cannot.

    Only a regular file is read (``user_files``). A UTF-8 byte-order mark is accepted: Windows
    editors and PowerShell 5 (``Out-File``) write one.
    """
    bad = f'malformed {what} {path_text(path)}'
    try:
        text = user_files.read_text(path, what, JSON_LIMIT)
    except user_files.Refused as exc:
        if exc.rule == user_files.NOT_UTF8:
            raise FfauditError(f'{bad}: not UTF-8') from None
        raise
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:  # say where, never what (it may be a secret)
        where = f'line {exc.lineno}, column {exc.colno}'
        raise FfauditError(f'{bad}: not valid JSON ({where})') from None
    except RecursionError:
        raise FfauditError(f'{bad}: nested more than {MAX_DEPTH} levels deep') from None
    except ValueError:  # e.g. a number too long to convert
        raise FfauditError(f'{bad}: not valid JSON') from None
    if _depth(doc) > MAX_DEPTH:
        raise FfauditError(f'{bad}: nested more than {MAX_DEPTH} levels deep')
    return doc


def _depth(doc: Any) -> int:
    # iterative: a document json could parse may still be too deep for recursive code later
    deepest, stack = 0, [(doc, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, depth)
            if depth <= MAX_DEPTH:
                items = value.values() if isinstance(value, dict) else value
                stack.extend((item, depth + 1) for item in items)
    return deepest
