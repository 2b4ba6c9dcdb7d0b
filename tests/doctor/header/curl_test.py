"""The shell lexer behind pasted commands (shell_words.py) and curl's argument reader."""

from __future__ import annotations

import pytest

from ffaudit.doctor.header.curl import parse_curl
from ffaudit.doctor.header.shell_words import ShellSyntaxError
from ffaudit.doctor.header.shell_words import split_commands

KEY = '5d7b7c54-088c-44c5-aead-3a5098e1556c'  # pragma: allowlist secret
ENV = {'K': KEY, 'EMPTY': ''}


def _words(text: str) -> list[list[str]]:
    return [[w.text for w in command] for command in split_commands(text, ENV)]


@pytest.mark.parametrize(
    ('text', 'words'),
    (
        pytest.param('a "b $K" c', [['a', f'b {KEY}', 'c']], id='double-expands'),
        pytest.param("a 'b $K'", [['a', 'b $K']], id='single-literal'),
        pytest.param('a b$K${K}', [['a', f'b{KEY}{KEY}']], id='bare-and-braces'),
        pytest.param('a "\\$K \\" \\\\"', [['a', '$K " \\']], id='double-escapes'),
        pytest.param('a "x\\y"', [['a', 'x\\y']], id='double-keeps-other-backslash'),
        pytest.param("a $'x\\ty\\x41'", [['a', 'x\tyA']], id='ansi-c'),
        pytest.param('a\\ b c', [['a b', 'c']], id='escaped-space'),
        pytest.param('a \\\n b', [['a', 'b']], id='continuation'),
        pytest.param('a ^\r\n b', [['a', 'b']], id='cmd-continuation'),
        pytest.param(
            'a && b || c; d | e & f', [['a'], ['b'], ['c'], ['d'], ['e'], ['f']], id='ops'
        ),
        pytest.param('x=$(a b) `c`', [['x='], ['a', 'b'], ['c']], id='substitutions'),
        pytest.param('# note\na # tail\nb', [['a'], ['b']], id='comments'),
        pytest.param('a x#y', [['a', 'x#y']], id='hash-inside-word'),
        pytest.param('a "$(cat f)"', [['a', '$(cat f)']], id='dq-substitution-literal'),
        pytest.param('a "" $EMPTY', [['a', '', '']], id='empty'),
        pytest.param('$ a', [['$', 'a']], id='prompt-dollar'),
    ),
)
def test_split_commands(text, words):
    assert _words(text) == words


def test_expanded_unset_and_literal_names_are_recorded():
    (word,) = split_commands('"$K$NOPE"\'$LIT\'', ENV)[0]
    assert (word.expanded, word.unset, word.literal) == (['K', 'NOPE'], ['NOPE'], ['LIT'])
    assert KEY not in repr(word)


@pytest.mark.parametrize('text', ('a "b', "a 'b", "a $'b"))
def test_unbalanced_quotes_raise(text):
    with pytest.raises(ShellSyntaxError):
        split_commands(text, ENV)


def test_parse_curl_reads_headers_url_and_body():
    parsed = parse_curl(['-sS', '-H', f'Authorization: Bearer {KEY}', '-d', '{}', '--url', 'x.io'])
    assert (parsed.token, parsed.url, parsed.has_body) == (KEY, 'http://x.io', True)
