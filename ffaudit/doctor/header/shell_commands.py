"""Find the HTTP client call in a pasted shell snippet (curl, httpie, wget) and read it.

The snippet may hold more than the call: ``X=1 && curl ...``, ``$(curl ...)``, a ``# comment``
line, a ``$ `` or ``PS C:\\>`` prompt, ``sudo``/``env`` wrappers. Variables in double quotes or
bare are expanded from the doctor's environment; single-quoted ones are kept (shell_words.py).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from ffaudit.doctor.header import httpie_wget
from ffaudit.doctor.header.curl import parse_curl
from ffaudit.doctor.header.parsed import ParsedHeader
from ffaudit.doctor.header.shell_words import ShellSyntaxError
from ffaudit.doctor.header.shell_words import Word
from ffaudit.doctor.header.shell_words import split_commands

_CURL = r'(?:\S*[/\\])?curl(?:\.exe)?'
_HTTPIE = r'(?:\S*/)?(?:https?|xhs?)'
_WGET = r'(?:\S*[/\\])?wget2?(?:\.exe)?'
_TOOL_RE = re.compile(rf'(?i)(?<![\w.-])({_CURL}|{_HTTPIE}|{_WGET})(?=[ \t]|\\?\r?\n|$)')
_WRAPPERS = frozenset(('sudo', 'env', 'command', 'time', 'nohup', 'exec', 'builtin'))
_ASSIGN_RE = re.compile(r'[A-Za-z_]\w*=.*', re.S)
_PROMPT_RE = re.compile(
    r'(?im)^[ \t]*(?:PS [^>\n]*>|[$%#>])[ \t]*(?=(?:sudo[ \t]+)?\S*(?:curl|wget|http))'
)


def looks_like_command(text: str) -> bool:
    """Whether ``text`` mentions curl, httpie or wget as a word."""
    return _TOOL_RE.search(text) is not None


def _tool(word: str) -> str:
    low = word.lower()
    for name, pattern in (('curl', _CURL), ('httpie', _HTTPIE), ('wget', _WGET)):
        if re.fullmatch(pattern, low):
            return name
    return ''


def _call(commands: list[list[Word]]) -> tuple[str, str, list[Word]] | None:
    """(tool, command word, argument words) of the first client call."""
    for words in commands:
        for at, word in enumerate(words):
            tool = _tool(word.text)
            if tool:
                return tool, word.text, words[at + 1 :]
            wrapper = word.text in _WRAPPERS or word.text in '$%>' or word.text.startswith('-')
            if not (wrapper or _ASSIGN_RE.fullmatch(word.text)):
                break
    return None


def _parse_argv(tool: str, command: str, argv: list[str]) -> ParsedHeader:
    if tool == 'curl':
        return parse_curl(argv)
    if tool == 'wget':
        return httpie_wget.parse_wget(argv)
    return httpie_wget.parse_httpie(argv, command.rsplit('/', 1)[-1].lower())


def _names(words: list[Word], field: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for w in words for n in getattr(w, field)))


def _auth_words(parsed: ParsedHeader, words: list[Word]) -> list[Word]:
    """The words the auth value came from (``-H "..."``, or ``--oauth2-bearer "$K"``)."""
    if not parsed.values:
        return []
    found = [w for w in words if parsed.values[0] in w.text]
    token = parsed.token
    return found or [w for w in words if token and token in w.text]


def parse_command(text: str, env: Mapping[str, str]) -> ParsedHeader | None:
    """The client call in ``text`` as a ``ParsedHeader``; ``None`` when there is none."""
    try:
        commands = split_commands(_PROMPT_RE.sub('', text), env)
    except ShellSyntaxError:
        return ParsedHeader('curl', error='The command has unbalanced quotes')
    call = _call(commands)
    if call is None:
        return None
    tool, command, words = call
    parsed = _parse_argv(tool, command, [w.text for w in words])
    auth = _auth_words(parsed, words)
    return dataclasses.replace(
        parsed,
        expanded=_names(auth, 'expanded'),
        unset=_names(auth, 'unset'),
        literal_vars=_names(auth, 'literal'),
    )
