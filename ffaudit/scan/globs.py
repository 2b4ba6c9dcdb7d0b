"""The ``exclude`` globs of the configuration: a small, strict subset of gitignore patterns.

Patterns use ``/`` between folders and match paths relative to the configuration file's
folder. ``*`` and ``?`` never cross a ``/``, ``**`` spans folders, ``[abc]`` / ``[!abc]`` are
character classes. A pattern without a ``/`` (``*.min.js``, ``fixtures``) matches a name at any
depth; one with a ``/`` (``docs/examples``, ``/build``) is anchored at the configuration's folder.
A pattern that names a folder excludes everything under it; a trailing ``/`` matches folders
only. As in gitignore (https://git-scm.com/docs/gitignore#_pattern_format), less the negation.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence


class GlobError(ValueError):
    """A pattern that cannot be used; the message says why, without repeating it."""


def compile_globs(patterns: Sequence[str]) -> re.Pattern[str]:
    """One regular expression matching a relative POSIX path excluded by any of ``patterns``."""
    return re.compile('|'.join(f'(?:{translate(p)})' for p in patterns) or '(?!)')


def translate(pattern: str) -> str:
    """The regular expression (anchored at both ends) for one pattern; raise ``GlobError``."""
    if not pattern.strip():
        raise GlobError('an empty pattern')
    if '\\' in pattern or '\0' in pattern:
        raise GlobError('use / between folders (no backslashes)')
    if pattern.startswith('!'):
        raise GlobError('negation (!) is not supported')
    dir_only = pattern.endswith('/')
    body = pattern.strip('/')
    anchored = pattern.startswith('/') or '/' in body
    segments = body.split('/')
    if any(s in ('', '.', '..') for s in segments):
        raise GlobError('empty, . or .. folder names')
    parts = [_segment(s) for s in segments]
    regex = _join(parts)
    lead = '' if anchored else '(?:.*/)?'
    tail = '/.*' if dir_only else '(?:/.*)?'
    try:
        return re.compile(f'^{lead}{regex}{tail}$').pattern
    except re.error:  # e.g. a reversed range, [z-a]
        raise GlobError('not a valid pattern') from None


def _join(parts: list[str]) -> str:
    regex = ''
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == '**':
            regex += '.*' if last else '(?:.*/)?'
        else:
            regex += part if last else f'{part}/'
    return regex


def _segment(segment: str) -> str:
    if segment == '**':
        return '**'
    out, i = [], 0
    while i < len(segment):
        char = segment[i]
        if char == '*':
            while i + 1 < len(segment) and segment[i + 1] == '*':
                i += 1  # a ** inside a name is a plain *
            out.append('[^/]*')
        elif char == '?':
            out.append('[^/]')
        elif char == '[':
            end = segment.find(']', i + 2 if segment[i + 1 : i + 2] in ('!', '^') else i + 1)
            if end < 0:
                raise GlobError('an unclosed [ character class')
            out.append(_char_class(segment[i + 1 : end]))
            i = end
        else:
            out.append(re.escape(char))
        i += 1
    return ''.join(out)


def _char_class(inner: str) -> str:
    negate = inner[:1] in ('!', '^')
    inner = inner[1:] if negate else inner
    if not inner:
        raise GlobError('an empty [] character class')
    escaped = inner.replace('\\', '\\\\').replace('^', '\\^').replace('[', '\\[')
    return f'[^/{escaped}]' if negate else f'[{escaped}]'


class Matcher:
    """Whether a scanned path is excluded: made relative to ``root`` (the configuration's
    folder) from ``base`` (the folder scanned paths are relative to; '' for the current one)."""

    def __init__(self, regex: re.Pattern[str], root: str, base: str = '') -> None:
        self.regex, self.root, self.base = regex, root, base

    def __call__(self, path: str) -> bool:
        full = os.path.abspath(os.path.join(self.base, path))
        rel = os.path.relpath(full, self.root)
        if rel == os.pardir or rel.startswith(os.pardir + os.sep):
            return False  # outside the configuration's folder: its globs say nothing
        return self.regex.match(rel.replace(os.sep, '/')) is not None
