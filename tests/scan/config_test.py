"""The scan configuration: lookup, keys, and one-line errors naming the file and line (issue 9)."""

from __future__ import annotations

import os
import textwrap

import pytest

from ffaudit.errors import FfauditError
from ffaudit.model import Confidence
from ffaudit.scan import config
from ffaudit.scan import config_lookup
from ffaudit.scan.config import Allowed
from ffaudit.scan.config import ScanConfig
from testing.paths import ROOT

KEY = 'f025c6ec-c15e-4aa5-ad75-7f69b82789a4'  # pragma: allowlist secret
PYPROJECT = """\
[project]
name = "app"

[tool.ffaudit]
exclude = ["vendor/", "*.min.js"]
min-confidence = "MEDIUM"

[[tool.ffaudit.allowlist]]
fingerprint = "ABCDEF012345"
reason = "the documented example key"
"""


def _write(path, text: str) -> str:
    path.write_text(textwrap.dedent(text), encoding='utf-8')
    return str(path)


def test_load_pyproject_table(tmp_path):
    cfg = config.load(_write(tmp_path / 'pyproject.toml', PYPROJECT))
    assert cfg == ScanConfig(
        source=str(tmp_path / 'pyproject.toml'),
        exclude=('vendor/', '*.min.js'),
        min_confidence=Confidence.MEDIUM,
        allowlist=(Allowed('abcdef012345', 'the documented example key'),),
    )
    assert cfg.root == str(tmp_path)


def test_load_ffaudit_toml_top_level_and_a_bom(tmp_path):
    path = tmp_path / '.ffaudit.toml'
    path.write_bytes(b'\xef\xbb\xbfexclude = ["docs/**"]\n')
    assert config.load(str(path)).exclude == ('docs/**',)


def test_pyproject_without_the_table_is_an_empty_configuration(tmp_path):
    cfg = config.load(_write(tmp_path / 'pyproject.toml', '[project]\nname = "x"\n'))
    assert (cfg.exclude, cfg.min_confidence, cfg.allowlist) == ((), None, ())


def test_find_nearest_folder_up_to_the_repository_root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    repo = tmp_path / 'repo'
    (repo / '.git').mkdir(parents=True)
    (repo / 'src' / 'pkg').mkdir(parents=True)
    _write(tmp_path / '.ffaudit.toml', '')  # above the repository: never used from inside
    assert config_lookup.find('repo/src/pkg') is None
    _write(repo / 'pyproject.toml', '[project]\nname = "ffaudit-client"\n')  # no table: skipped
    assert config_lookup.find('repo/src/pkg') is None
    _write(repo / 'pyproject.toml', PYPROJECT)
    assert config_lookup.find('repo/src/pkg') == os.path.join('repo', 'pyproject.toml')
    _write(repo / 'src' / '.ffaudit.toml', '')
    assert config_lookup.find('repo/src/pkg') == os.path.join('repo', 'src', '.ffaudit.toml')
    _write(repo / 'src' / 'pkg' / 'pyproject.toml', PYPROJECT)
    _write(repo / 'src' / 'pkg' / '.ffaudit.toml', '')
    assert config_lookup.find('repo/src/pkg') == os.path.join('repo', 'src', 'pkg', '.ffaudit.toml')
    assert config_lookup.find('.') == '.ffaudit.toml'  # outside a repository: up to the root


@pytest.mark.parametrize(
    ('paths', 'start'),
    [((), '.'), (('-',), '.'), (('src',), 'src'), (('src/a.py', 'b.py'), 'src'), (('a.py',), '.')],
)
def test_start_of(tmp_path, monkeypatch, paths, start):
    monkeypatch.chdir(tmp_path)
    (tmp_path / 'src').mkdir()
    assert config_lookup.start_of(paths) == start


@pytest.mark.parametrize(
    ('text', 'message'),
    [
        pytest.param(
            'exclude = ["a"]\nmin = = 1\n', ':2:7: invalid TOML: Invalid value', id='syntax'
        ),
        pytest.param('a = 1\nb = ', ':2: invalid TOML: Invalid value', id='at-the-end'),
        pytest.param(
            '\nexclude = "vendor"\n', ':2: exclude: must be a list of glob strings', id='type'
        ),
        pytest.param(
            'exclude = ["ok", "[bad"]\n', ':1: exclude: pattern 2: an unclosed [', id='glob'
        ),
        pytest.param(
            'min-confidence = "sure"\n', ':1: min-confidence: must be one of high', id='level'
        ),
        pytest.param(
            '\n\nexcludes = []\n', ':3: excludes: unknown key (known: exclude, min', id='key'
        ),
        pytest.param(
            '[[allowlist]]\nfingerprint = "abcdefabcdef"\nreason = "ok"\n'
            f'[[allowlist]]\nreason = "pasted the key"\nfingerprint = "{KEY}"\n',
            ':6: allowlist[2].fingerprint: must be the 12 hex digits ffaudit prints',
            id='fingerprint',
        ),
        pytest.param(
            '[[allowlist]]\nfingerprint = "abcdefabcdef"\n',
            ':1: allowlist[1].reason: must be a non-empty string',
            id='no-reason',
        ),
        pytest.param(
            '[[allowlist]]\nfingerprint = "abcdefabcdef"\nreason = "x"\npath = "a"\n',
            ':4: allowlist[1].path: unknown key (known: fingerprint, reason)',
            id='entry-key',
        ),
        pytest.param(
            'allowlist = ["abcdefabcdef"]\n', ':1: allowlist[1]: must be a table', id='entry'
        ),
        pytest.param('allowlist = {}\n', ':1: allowlist: must be an array of tables', id='list'),
    ],
)
def test_malformed_configuration_is_one_line_with_file_and_line(tmp_path, text, message):
    path = _write(tmp_path / '.ffaudit.toml', text)
    with pytest.raises(FfauditError) as info:
        config.load(path)
    assert info.value.exit_code == 2
    assert str(info.value).startswith(f'{path}{message}')
    assert '\n' not in str(info.value)
    assert KEY[:8] not in str(info.value) and KEY[-8:] not in str(info.value)


def test_malformed_pyproject_names_the_tool_table_key(tmp_path):
    path = _write(
        tmp_path / 'pyproject.toml',
        '[project]\nmin-confidence = 1\n[tool.ffaudit]\nmin-confidence = 1\n',
    )
    with pytest.raises(FfauditError, match=r'pyproject.toml:4: tool.ffaudit.min-confidence: must'):
        config.load(path)
    _write(tmp_path / 'pyproject.toml', '[tool]\nffaudit = 3\n')
    with pytest.raises(FfauditError, match=r'pyproject.toml: \[tool.ffaudit\] must be a table'):
        config.load(path)


@pytest.mark.parametrize('kind', ['fifo', 'folder', 'missing', 'not-utf8', 'huge'])
def test_unreadable_configuration_is_one_line(tmp_path, kind):
    path = tmp_path / 'ffaudit.toml'
    if kind == 'fifo':
        os.mkfifo(path)  # refused without waiting for a writer
    elif kind == 'folder':
        path.mkdir()
    elif kind == 'not-utf8':
        path.write_bytes(b'exclude = ["\xff"]\n')
    elif kind == 'huge':
        path.write_bytes(b'#' * (config.READ_LIMIT + 1))
    with pytest.raises(FfauditError, match=r'(cannot read|malformed) config .*ffaudit.toml'):
        config.load(str(path))


def test_the_readme_example_loads(tmp_path):
    readme = (ROOT / 'README.md').read_text(encoding='utf-8')
    section = readme[readme.index('### Configuration') :]
    example = section[section.index('```toml\n') + 8 : section.index('```\n', 8)]
    cfg = config.load(_write(tmp_path / 'pyproject.toml', example))
    assert cfg.exclude == ('vendor/', '*.min.js', 'docs/examples/**')
    assert (cfg.min_confidence, len(cfg.allowlist)) == (Confidence.MEDIUM, 1)
