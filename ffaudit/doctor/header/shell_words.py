"""Split a pasted shell command line into simple commands and words, quoting kept in mind.

Like a POSIX shell: ``'...'`` is literal, ``"..."`` and bare words expand ``$VAR``/``${VAR}``
from the environment the doctor was given (PowerShell's ``$env:VAR`` too), ``$'...'`` decodes
escapes; ``&&``, ``||``, ``;``, ``|``, ``$(``, backticks and newlines separate commands, ``#``
starts a comment. Values are secret: ``Word`` keeps its text out of its repr.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

_VAR_RE = re.compile(r'\$(?:env:(\w+)|\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))')
_CONTINUED = re.compile(r'[\\^`]\r?\n')  # bash \, cmd ^ and PowerShell ` line continuations
_ESCAPES = {'n': '\n', 'r': '\r', 't': '\t', 'e': '\x1b', 'a': '\x07'}
_ESCAPE_RE = re.compile(r'\\(x[0-9a-fA-F]{1,2}|.)', re.S)
_OPERATORS = ('&&', '||', '$(', ';', '|', '&', '(', ')', '`', '\n')


class ShellSyntaxError(ValueError):
    """The text has an unbalanced quote."""


@dataclasses.dataclass
class Word:
    """One shell word after quote removal and expansion. ``text`` may hold the key."""

    text: str = dataclasses.field(default='', repr=False)
    expanded: list[str] = dataclasses.field(default_factory=list)  # names taken from env
    unset: list[str] = dataclasses.field(default_factory=list)  # expanded names not set
    literal: list[str] = dataclasses.field(default_factory=list)  # $NAME kept in '...'


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1)
    if code.startswith('x') and len(code) > 1:
        return chr(int(code[1:], 16))
    return _ESCAPES.get(code, code)


def _closing(text: str, start: int, quote: str, escapes: bool) -> int:
    i = start
    while i < len(text) and text[i] != quote:
        i += 2 if escapes and text[i] == '\\' else 1
    if i >= len(text):
        raise ShellSyntaxError(quote)
    return i


class _Lexer:
    def __init__(self, text: str, env: Mapping[str, str]) -> None:
        self.text = _CONTINUED.sub(' ', text)
        self.env = env
        self.commands: list[list[Word]] = [[]]
        self.word: Word | None = None

    def _current(self) -> Word:
        if self.word is None:
            self.word = Word()
        return self.word

    def _end_word(self) -> None:
        if self.word is not None:
            self.commands[-1].append(self.word)
            self.word = None

    def _end_command(self) -> None:
        self._end_word()
        if self.commands[-1]:
            self.commands.append([])

    def _expand(self, match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2) or match.group(3)
        word = self._current()
        word.expanded.append(name)
        if name not in self.env:
            word.unset.append(name)
        return self.env.get(name, '')

    def _single(self, i: int) -> int:
        end = _closing(self.text, i + 1, "'", escapes=False)
        chunk = self.text[i + 1 : end]
        word = self._current()
        word.literal.extend(m.group(1) or m.group(2) or m.group(3) for m in _VAR_RE.finditer(chunk))
        word.text += chunk
        return end + 1

    def _ansi_c(self, i: int) -> int:
        end = _closing(self.text, i + 2, "'", escapes=True)
        self._current().text += _ESCAPE_RE.sub(_unescape, self.text[i + 2 : end])
        return end + 1

    def _double(self, i: int) -> int:
        end = _closing(self.text, i + 1, '"', escapes=True)
        parts = re.split(r'\\([$`"\\\n])', self.text[i + 1 : end])
        word = self._current()
        for n, part in enumerate(parts):
            if n % 2 == 0:
                word.text += _VAR_RE.sub(self._expand, part)
            elif part != '\n':  # backslash-newline inside "..." is a continuation
                word.text += part
        return end + 1

    def _dollar(self, i: int) -> int:
        match = _VAR_RE.match(self.text, i)
        if match is None:
            self._current().text += '$'
            return i + 1
        self._current().text += self._expand(match)
        return match.end()

    def _step(self, i: int) -> int:
        char, text = self.text[i], self.text
        op = next((o for o in _OPERATORS if text.startswith(o, i)), None)
        if op is not None:
            self._end_command()
            return i + len(op)
        if char in ' \t\r':
            self._end_word()
            return i + 1
        if char == '#' and self.word is None:
            end = text.find('\n', i)
            return len(text) if end < 0 else end
        if char == '\\':
            self._current().text += text[i + 1 : i + 2]
            return i + 2
        if text.startswith("$'", i):
            return self._ansi_c(i)
        if char == "'":
            return self._single(i)
        if char == '"':
            return self._double(i)
        if char == '$':
            return self._dollar(i)
        self._current().text += char
        return i + 1

    def run(self) -> list[list[Word]]:
        i = 0
        while i < len(self.text):
            i = self._step(i)
        self._end_command()
        return [c for c in self.commands if c]


def split_commands(text: str, env: Mapping[str, str]) -> list[list[Word]]:
    """The simple commands in ``text``, each a list of words (raises ``ShellSyntaxError``)."""
    return _Lexer(text, env).run()
