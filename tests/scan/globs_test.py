"""The configuration's exclude globs: a strict subset of gitignore patterns (issue 9)."""

from __future__ import annotations

import os

import pytest

from ffaudit.scan import globs

MATCHES = [
    ('*.min.js', 'x.min.js'),
    ('*.min.js', 'a/b/x.min.js'),
    ('fixtures', 'fixtures'),
    ('fixtures', 'tests/fixtures/a.env'),
    ('fixtures/', 'fixtures/a.env'),
    ('docs/examples', 'docs/examples/a.md'),
    ('/build', 'build/out.js'),
    ('**/test_*.py', 'test_x.py'),
    ('**/test_*.py', 'a/b/test_x.py'),
    ('docs/**', 'docs/a/b.md'),
    ('a/**/b', 'a/b'),
    ('a/**/b', 'a/x/y/b'),
    ('[abc].txt', 'b.txt'),
    ('[!abc].txt', 'd.txt'),
    ('?.txt', 'a/x.txt'),
    ('.env.*', '.env.local'),
]
MISSES = [
    ('*.min.js', 'x.js'),
    ('fixtures/', 'fixtures'),
    ('docs/examples', 'x/docs/examples/a.md'),
    ('/build', 'a/build/out.js'),
    ('[!abc].txt', 'b.txt'),
    ('?.txt', 'ab.txt'),
    ('a*', 'b/ca'),
]


@pytest.mark.parametrize(('pattern', 'path'), MATCHES)
def test_glob_matches(pattern, path):
    assert globs.compile_globs([pattern]).match(path)


@pytest.mark.parametrize(('pattern', 'path'), MISSES)
def test_glob_misses(pattern, path):
    assert not globs.compile_globs([pattern]).match(path)


@pytest.mark.parametrize(
    ('pattern', 'why'),
    [
        ('', 'an empty pattern'),
        ('  ', 'an empty pattern'),
        ('a\\b', 'use / between folders'),
        ('!keep.py', 'negation'),
        ('a//b', 'empty, . or .. folder names'),
        ('../x', 'empty, . or .. folder names'),
        ('[abc', 'an unclosed [ character class'),
        ('[]', 'an empty [] character class'),
        ('[z-a]', 'not a valid pattern'),
    ],
)
def test_bad_globs_say_why(pattern, why):
    with pytest.raises(globs.GlobError, match=why.replace('[', r'\[').replace('.', r'\.')):
        globs.translate(pattern)


def test_no_patterns_match_nothing():
    assert not globs.compile_globs([]).match('a.py')


def test_matcher_is_relative_to_the_configuration_folder(tmp_path, monkeypatch):
    (tmp_path / 'sub').mkdir()
    monkeypatch.chdir(tmp_path / 'sub')
    matcher = globs.Matcher(globs.compile_globs(['/sub/vendor', '*.lock']), str(tmp_path))
    assert matcher('vendor/x.js')
    assert matcher(os.path.join(str(tmp_path), 'a.lock'))
    assert not matcher('x.js')
    assert not matcher('../../elsewhere/a.lock')  # outside the configuration's folder
    history = globs.Matcher(globs.compile_globs(['/vendor']), str(tmp_path), base=str(tmp_path))
    assert history('vendor/x.js')
