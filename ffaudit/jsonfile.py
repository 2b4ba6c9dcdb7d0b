"""Read a JSON file the user handed us: any failure is one secret-free line (exit 2)."""

from __future__ import annotations

import json
from typing import Any

from ffaudit.errors import FfauditError


def read_json(path: str, what: str) -> Any:
    """Parse ``path`` as UTF-8 JSON; raise ``FfauditError`` naming ``what`` when it cannot.

    A UTF-8 byte-order mark is accepted: Windows editors and PowerShell 5 (``Out-File``) write one.
    """
    try:
        with open(path, encoding='utf-8-sig') as f:
            return json.load(f)
    except OSError as exc:
        raise FfauditError(f'cannot read {what} {path}: {exc.strerror}') from None
    except UnicodeDecodeError:
        raise FfauditError(f'malformed {what} {path}: not UTF-8') from None
    except json.JSONDecodeError as exc:  # say where, never what (a secret?)
        where = f'line {exc.lineno}, column {exc.colno}'
        raise FfauditError(f'malformed {what} {path}: not valid JSON ({where})') from None
    except ValueError:  # e.g. a number too long to convert
        raise FfauditError(f'malformed {what} {path}: not valid JSON') from None
