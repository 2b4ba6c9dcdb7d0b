"""Check a detect-secrets baseline's shape before detect-secrets reads it: one line per problem.

detect-secrets trusts its baseline: a ``null`` list, a finding that is not an object or a
missing plugin file ends in a ``TypeError`` or ``FileNotFoundError`` deep inside it, and a
FIFO named in ``results`` hangs ``audit``. Baselines come from other machines, other versions
and hand edits, so each rule here names what is wrong and where (exit 2).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

from ffaudit import user_files
from ffaudit.errors import FfauditError
from ffaudit.redaction import path_text

FILE_LIMIT = 64 << 20  # a file named in results that detect-secrets would read whole
_SCHEME = 'file://'


def check_shape(data: Any, path: str) -> dict[str, Any]:
    """``data`` if it has the shape detect-secrets needs; else ``FfauditError`` naming the fault."""
    problem = _problem(data)
    if problem:
        raise FfauditError(f'malformed baseline {path_text(path)}: {problem}')
    assert isinstance(data, dict)
    return data


def check_usable(data: dict[str, Any], path: str, *, results: bool) -> None:
    """What detect-secrets itself needs: ``version`` and ``results`` present, and plugin, filter
    and (``results``) result files that exist and are regular files; else ``FfauditError``."""
    missing = [key for key in ('version', 'results') if key not in data]
    if missing:
        raise FfauditError(f'malformed baseline {path_text(path)}: no "{missing[0]}"')
    check_files(data, path, results=results)


def check_files(data: dict[str, Any], path: str, *, results: bool, root: str = '') -> None:
    """Plugin, filter and (``results``) result files, relative to ``root`` (default: the
    working directory, as detect-secrets reads them), must exist as regular files."""
    for where, file in _named_files(data, results):
        try:
            user_files.check_regular(os.path.join(root, file), '', FILE_LIMIT)
        except user_files.Refused as exc:
            raise FfauditError(f'baseline {path_text(path)}: {where} {exc}') from None


def _problem(data: Any) -> str:
    if not isinstance(data, dict):
        return 'not a JSON object'
    if not isinstance(data.get('version', ''), str):
        return '"version" must be a string such as "1.5.0"'
    if not isinstance(data.get('plugins_used'), list):
        return 'no plugins_used list'
    return (
        _entries(data['plugins_used'], 'plugins_used', 'name')
        or _entries(data.get('filters_used', []), 'filters_used', 'path')
        or _results(data.get('results', {}))
    )


def _entries(items: Any, key: str, field: str) -> str:
    if not isinstance(items, list):
        return f'"{key}" must be a list'
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get(field), str):
            return f'{key}[{index}] must be an object with a string "{field}"'
        if not isinstance(item.get('path', ''), str):
            return f'{key}[{index}]: "path" must be a string'
    return ''


def _results(results: Any) -> str:
    if not isinstance(results, dict):
        return '"results" must be an object mapping file names to lists of findings'
    for filename, items in results.items():
        if not isinstance(items, list):
            return f'results for {path_text(filename)} must be a list'
        for item in items:
            problem = _finding(item)
            if problem:
                return f'a finding in {path_text(filename)} {problem}'
    return ''


def _finding(item: Any) -> str:
    if not isinstance(item, dict):
        return 'is not an object'
    if not all(isinstance(item.get(k), str) for k in ('type', 'hashed_secret')):
        return 'needs string "type" and "hashed_secret"'
    line = item.get('line_number', 0)
    if not isinstance(line, int) or isinstance(line, bool) or line < 0:
        return 'has a "line_number" that is not a whole number'
    if not isinstance(item.get('is_verified', False), bool):
        return 'has an "is_verified" that is not true or false'
    return ''


def _named_files(data: dict[str, Any], results: bool) -> Iterator[tuple[str, str]]:
    for key in ('plugins_used', 'filters_used'):
        for item in data.get(key, []):
            url = item.get('path', '')
            if url.startswith(_SCHEME):  # a relative file:// path is from the working directory
                yield f'{key} {item.get("name", "")}'.rstrip(), url[len(_SCHEME) :].split('::')[0]
            if isinstance(item.get('file_name'), str):  # the wordlist filter's word file
                yield f'{key} wordlist', item['file_name']
    if results:
        for filename in data.get('results', {}):
            yield 'results:', filename
