"""Key resolution: every source, precedence, dotenv, near misses, shadowing, CI hints, bad input."""

from __future__ import annotations

import json
import os
import pathlib
from typing import Any

import pytest

from ffaudit.doctor.inputs import DoctorInput
from ffaudit.doctor.key import source_checks
from ffaudit.doctor.key import sources
from ffaudit.errors import FfauditError
from ffaudit.model import SourceState
from ffaudit.model import Status
from ffaudit.redaction import fingerprint

KEY = '97a11681-ecf5-412d-9a99-4ce35a80be93'  # pragma: allowlist secret
OTHER = '59bc4a07-64a5-433b-99b4-149f29d531ef'  # pragma: allowlist secret
ENV = {'FIREFLIES_API_KEY': KEY}


def _resolve(
    tmp_path: pathlib.Path, env: dict[str, str] | None = None, **kwargs: Any
) -> DoctorInput:
    return sources.resolve(env=env or {}, cwd=str(tmp_path), **kwargs)


def test_env_wins_and_reports_every_source(tmp_path):
    inp = _resolve(tmp_path, ENV)
    assert (inp.key, inp.key_source) == (KEY, 'env:FIREFLIES_API_KEY')
    assert [(s.name, s.state) for s in inp.sources] == [
        ('env:FIREFLIES_API_KEY', SourceState.SET),
        ('dotenv:.env', SourceState.UNSET),
    ]
    assert inp.sources[0].fingerprint == fingerprint(KEY)


def test_precedence_header_file_stdin_env_dotenv(tmp_path):
    (tmp_path / '.env').write_text(f'FIREFLIES_API_KEY={OTHER}\n')
    key_file = tmp_path / 'key'
    key_file.write_text(f'{OTHER}\n')
    inp = _resolve(tmp_path, ENV, key_file=str(key_file), header=f'Bearer {KEY}')
    names = [s.name for s in inp.sources]
    assert names == ['header:stdin', f'file:{key_file}', 'env:FIREFLIES_API_KEY', 'dotenv:.env']
    assert (inp.key, inp.key_source) == (KEY, 'header:stdin')


def test_key_file_strips_one_newline_but_keeps_cr(tmp_path):
    key_file = tmp_path / 'key'
    key_file.write_bytes(f'{KEY}\r\n'.encode())
    inp = _resolve(tmp_path, key_file=str(key_file))
    assert inp.key == f'{KEY}\r'


def test_stdin_source(tmp_path):
    inp = _resolve(tmp_path, stdin_key=f'{KEY}\n')
    assert (inp.key, inp.key_source) == (KEY, 'stdin')


@pytest.mark.parametrize(
    ('line', 'expected'),
    (
        pytest.param(f'FIREFLIES_API_KEY={KEY}', KEY, id='plain'),
        pytest.param(f'export FIREFLIES_API_KEY="{KEY}"', KEY, id='export-double'),
        pytest.param(f"FIREFLIES_API_KEY='{KEY}'  # comment", KEY, id='single-comment'),
        pytest.param('FIREFLIES_API_KEY=${OTHER_VAR}', '', id='undefined-expands-to-empty'),
        pytest.param('FIREFLIES_API_KEY=$OTHER_VAR', '$OTHER_VAR', id='no-braces-not-expanded'),
        pytest.param('FIREFLIES_API_KEY=', '', id='empty'),
    ),
)
def test_dotenv_values(tmp_path, line, expected):
    (tmp_path / '.env').write_text(f'A=1\n{line}\n')
    inp = _resolve(tmp_path)
    assert (inp.key, inp.key_source, inp.dotenv_names) == (
        expected,
        'dotenv:.env',
        ('A', 'FIREFLIES_API_KEY'),
    )


def test_empty_env_beats_dotenv_and_is_reported(tmp_path):
    (tmp_path / '.env').write_text(f'FIREFLIES_API_KEY={KEY}\n')
    inp = _resolve(tmp_path, {'FIREFLIES_API_KEY': ''})
    assert (inp.key, inp.key_source) == ('', 'env:FIREFLIES_API_KEY')
    assert source_checks.check_empty(inp).status is Status.FAIL
    assert source_checks.check_dotenv(inp).status is Status.WARN
    assert 'empty variable in the environment wins' in source_checks.check_dotenv(inp).message


def test_dotenv_unreadable_is_a_warning_not_a_crash(tmp_path):
    (tmp_path / '.env').mkdir()
    inp = _resolve(tmp_path, ENV)
    assert inp.sources[1].state is SourceState.UNREADABLE
    result = source_checks.check_dotenv(inp)
    assert (result.status, result.message) == (
        Status.WARN,
        './.env: cannot read ./.env (is a directory)',
    )


def test_dotenv_not_utf8(tmp_path):
    (tmp_path / '.env').write_bytes(b'FIREFLIES_API_KEY=\xff\xfe\n')
    assert source_checks.check_dotenv(_resolve(tmp_path)).status is Status.WARN


def test_dotenv_parse_errors_are_reported_by_line(tmp_path, capsys):
    (tmp_path / '.env').write_text(f'FIREFLIES_API_KEY={KEY}\nA B C\n')
    result = source_checks.check_dotenv(_resolve(tmp_path))
    assert (result.status, result.message) == (Status.WARN, './.env: could not parse line(s) 2')
    assert capsys.readouterr() == ('', '')


def test_no_source_fails_and_lists_where_it_looked(tmp_path):
    result = source_checks.check_sources(_resolve(tmp_path))
    assert result.status is Status.FAIL
    assert 'env:FIREFLIES_API_KEY (unset), dotenv:.env (no ./.env' in result.message


def test_sources_pass_carries_length_and_fingerprint(tmp_path):
    result = source_checks.check_sources(_resolve(tmp_path, ENV))
    assert result.status is Status.PASS
    assert result.details == (('length', 36), ('fingerprint', fingerprint(KEY)))


@pytest.mark.parametrize('value', ('', '  \t'))
def test_empty_or_whitespace(tmp_path, value):
    result = source_checks.check_empty(_resolve(tmp_path, {'FIREFLIES_API_KEY': value}))
    assert result.status is Status.FAIL


def _actions_env(tmp_path: pathlib.Path, event: object, **extra: str) -> dict[str, str]:
    path = tmp_path / 'event.json'
    path.write_text(json.dumps(event))
    return {
        'FIREFLIES_API_KEY': '',
        'GITHUB_ACTIONS': 'true',
        'GITHUB_EVENT_NAME': 'pull_request',
        'GITHUB_EVENT_PATH': str(path),
        **extra,
    }


def _pr(head: str, base: str) -> dict[str, object]:
    return {
        'pull_request': {
            'head': {'repo': {'full_name': head}},
            'base': {'repo': {'full_name': base}},
        }
    }


@pytest.mark.parametrize(
    ('event', 'extra', 'fragment'),
    (
        pytest.param(
            _pr('octo/fork', 'acme/repo'), {}, 'from the fork octo/fork into acme/repo', id='fork'
        ),
        pytest.param(
            _pr('acme/repo', 'acme/repo'),
            {'GITHUB_ACTOR': 'dependabot[bot]'},
            'Dependabot',
            id='dependabot',
        ),
        pytest.param(_pr('acme/repo', 'acme/repo'), {}, 'environment-scoped', id='other'),
    ),
)
def test_empty_secret_in_actions_is_explained(tmp_path, event, extra, fragment):
    result = source_checks.check_empty(_resolve(tmp_path, _actions_env(tmp_path, event, **extra)))
    assert result.status is Status.FAIL
    assert fragment in result.message


def test_missing_secret_in_actions_says_to_map_it(tmp_path):
    env = _actions_env(tmp_path, _pr('acme/repo', 'acme/repo'))
    del env['FIREFLIES_API_KEY']
    result = source_checks.check_sources(_resolve(tmp_path, env))
    assert 'reaches the step only if the workflow maps it' in result.message
    assert result.hint == (
        'Map it on the step or job:  env: FIREFLIES_API_KEY: ${{ secrets.FIREFLIES_API_KEY }}'
    )


def test_missing_secret_in_a_fork_pr_says_to_map_it_and_names_the_fork(tmp_path):
    env = _actions_env(tmp_path, _pr('octo/fork', 'acme/repo'))
    del env['FIREFLIES_API_KEY']
    result = source_checks.check_sources(_resolve(tmp_path, env))
    assert 'fork octo/fork gets no secrets' in result.message
    assert 'secrets.FIREFLIES_API_KEY' in result.hint


def test_pull_request_target_from_a_fork_is_not_blamed_on_the_fork(tmp_path):
    env = _actions_env(tmp_path, _pr('octo/fork', 'acme/repo'))
    env['GITHUB_EVENT_NAME'] = 'pull_request_target'
    result = source_checks.check_empty(_resolve(tmp_path, env))
    assert result.status is Status.FAIL
    assert 'fork' not in result.message + result.hint
    assert 'missing, misspelled or environment-scoped' in result.message


def test_near_miss_names(tmp_path):
    (tmp_path / '.env').write_text('FIREFLY_API_KEY=x\n')
    inp = _resolve(tmp_path, {'FIREFLIES_TOKEN': KEY, 'firefliesKey': 'x', 'PATH': '/bin'})
    result = source_checks.check_near_miss(inp)
    assert result.status is Status.WARN
    assert 'FIREFLIES_TOKEN, FIREFLY_API_KEY, firefliesKey' in result.message
    assert KEY not in result.message + result.hint


def test_near_miss_quiet_when_canonical_is_set(tmp_path):
    result = source_checks.check_near_miss(_resolve(tmp_path, {**ENV, 'FIREFLIES_TOKEN': 'x'}))
    assert result.status is Status.PASS


def test_shadowed_sources_with_a_different_key(tmp_path):
    (tmp_path / '.env').write_text(f'FIREFLIES_API_KEY={OTHER}\n')
    result = source_checks.check_shadowed(_resolve(tmp_path, ENV))
    assert result.status is Status.WARN
    assert 'A different key in dotenv:.env is ignored' in result.message
    assert result.details == (('fingerprint:dotenv:.env', fingerprint(OTHER)),)


def test_same_key_in_two_sources_is_fine(tmp_path):
    (tmp_path / '.env').write_text(f'FIREFLIES_API_KEY={KEY}\n')
    assert source_checks.check_shadowed(_resolve(tmp_path, ENV)).status is Status.PASS


@pytest.mark.parametrize(
    ('content', 'fragment'),
    (
        pytest.param(b'\x00\x01binary', 'binary data', id='binary'),
        pytest.param(b'\xe9t\xe9', 'not UTF-8 text', id='not-utf8'),
        pytest.param(
            'k\n'.encode('utf-16-le'), 'UTF-16 text without a byte-order mark', id='utf16'
        ),
        pytest.param(b'a' * (10 * 1024 * 1024), 'more than 64 KiB', id='10MB'),
    ),
)
def test_bad_key_file(tmp_path, content, fragment):
    path = tmp_path / 'key'
    path.write_bytes(content)
    with pytest.raises(FfauditError, match=fragment) as info:
        _resolve(tmp_path, key_file=str(path))
    assert info.value.exit_code == 2


def test_key_file_is_a_directory(tmp_path):
    with pytest.raises(FfauditError, match='is a directory'):
        _resolve(tmp_path, key_file=str(tmp_path))


def test_key_file_missing(tmp_path):
    with pytest.raises(FfauditError, match=r'cannot read \(No such file or directory\)'):
        _resolve(tmp_path, key_file=os.path.join(tmp_path, 'nope'))


def test_header_without_credential(tmp_path):
    inp = _resolve(tmp_path, ENV, header='curl -u me:pw https://x')
    assert inp.sources[0].state is SourceState.UNSET
    assert inp.key_source == 'env:FIREFLIES_API_KEY'


def test_utf16_key_file_with_bom_is_decoded_and_flagged(tmp_path):
    path = tmp_path / 'key'
    path.write_bytes(f'{KEY}\r\n'.encode('utf-16'))  # what PowerShell's > writes
    inp = _resolve(tmp_path, key_file=str(path))
    assert inp.key == f'{KEY}\r'  # checked like any other key: the \r is reported
    result = source_checks.check_sources(inp)
    assert result.status is Status.WARN
    assert result.message == f'API key from file:{path} (UTF-16 with a byte-order mark)'
    assert 'Re-save the file as UTF-8 or ASCII' in result.hint


@pytest.mark.parametrize(
    ('data', 'message'),
    (
        pytest.param(
            f'FIREFLIES_API_KEY={KEY}\n'.encode('utf-16'),
            './.env: it is UTF-16 (as saved by PowerShell or Notepad); python-dotenv reads UTF-8',
            id='utf16',
        ),
        pytest.param(
            f'A=1\nB=caf\xe9\nFIREFLIES_API_KEY={KEY}\n'.encode('latin-1'),
            './.env: line 2 is not UTF-8 (Windows-1252?); python-dotenv reads UTF-8',
            id='latin1',
        ),
    ),
)
def test_dotenv_encoding_is_named(tmp_path, data, message):
    (tmp_path / '.env').write_bytes(data)
    result = source_checks.check_dotenv(_resolve(tmp_path))
    assert (result.status, result.message, result.hint) == (
        Status.WARN,
        message,
        'Re-save ./.env as UTF-8',
    )


def test_dotenv_interpolation_is_expanded_and_reported(tmp_path):
    (tmp_path / '.env').write_text(f'FF_KEY={KEY}\nFIREFLIES_API_KEY=${{FF_KEY}}\n')
    inp = _resolve(tmp_path)
    assert (inp.key, inp.key_source) == (KEY, 'dotenv:.env')
    result = source_checks.check_dotenv(inp)
    assert (result.status, result.message) == (
        Status.PASS,
        './.env defines FIREFLIES_API_KEY (expanded from ${FF_KEY}, as python-dotenv does by'
        ' default)',
    )


def test_dotenv_interpolation_uses_the_environment(tmp_path):
    (tmp_path / '.env').write_text('FIREFLIES_API_KEY=${FROM_ENV}\n')
    assert _resolve(tmp_path, {'FROM_ENV': KEY}).key == KEY


def test_dotenv_interpolation_of_an_undefined_name_says_so(tmp_path):
    (tmp_path / '.env').write_text('FIREFLIES_API_KEY=${NOPE}\n')
    result = source_checks.check_empty(_resolve(tmp_path))
    assert result.status is Status.FAIL
    assert result.message == (
        'The key in dotenv:.env (expanded from ${NOPE} (NOPE empty or not defined)) is empty'
    )


def test_parent_dotenv_files_are_named(tmp_path):
    (tmp_path / '.env').write_text(f'FIREFLIES_API_KEY={KEY}\n')
    (tmp_path / 'a').mkdir()
    (tmp_path / 'a' / '.env').write_text('OTHER=1\n')
    (tmp_path / 'a' / 'src').mkdir()
    inp = _resolve(tmp_path / 'a' / 'src')
    result = source_checks.check_dotenv(inp)
    assert result.status is Status.WARN
    assert result.message.startswith('No ./.env here (ffaudit does not read ../.env, ../../.env')
    assert 'ffaudit reads ./.env only' in result.hint
    found = source_checks.check_dotenv(_resolve(tmp_path / 'a' / 'src', ENV))
    assert found.status is Status.PASS


@pytest.mark.parametrize('name', ('FF_API_KEY', 'FF_KEY', 'ff_token'))
def test_near_miss_includes_ff_names(tmp_path, name):
    result = source_checks.check_near_miss(_resolve(tmp_path, {name: KEY, 'FFMPEG': 'x'}))
    assert result.status is Status.WARN
    assert f'but {name} is set' in result.message


@pytest.mark.parametrize('value', ('', None))
def test_an_empty_winning_source_is_not_a_pass(tmp_path, value):
    env = {'FIREFLIES_API_KEY': ''}
    inp = _resolve(tmp_path, env, stdin_key=value)
    result = source_checks.check_sources(inp)
    assert result.status is Status.FAIL
    assert result.message.endswith('is set but empty, and it wins over the other sources')


def test_header_with_a_credential_has_no_missing_credential_note(tmp_path):
    inp = _resolve(tmp_path, header=f'Authorization: Bearer {KEY}\n')
    result = source_checks.check_sources(inp)
    assert (result.status, result.message) == (Status.PASS, 'API key from header:stdin')


def test_key_file_name_is_masked_when_it_looks_like_a_key(tmp_path):
    path = tmp_path / KEY
    path.write_text(OTHER)
    inp = _resolve(tmp_path, key_file=str(path))
    assert inp.key == OTHER
    assert KEY not in inp.key_source
    assert inp.key_source.endswith('<redacted>')


def test_environment_surrogate_escapes_are_decoded_as_utf8(tmp_path):
    # what os.environ holds for a smart-quoted key under LC_ALL=C PYTHONUTF8=0
    raw = f'\u201c{KEY}\u201d'.encode().decode('ascii', 'surrogateescape')
    inp = _resolve(tmp_path, {'FIREFLIES_API_KEY': raw})
    assert inp.key == f'\u201c{KEY}\u201d'
    assert sources.from_environ('plain') == 'plain'
    assert sources.from_environ('\ud83d') == '\ud83d'  # not a surrogate escape: left alone


def test_dotenv_larger_than_a_mebibyte_says_so(tmp_path):
    filler = '# padding\n' * (110 * 1024)
    (tmp_path / '.env').write_text(f'{filler}FIREFLIES_API_KEY={KEY}\n')
    inp = _resolve(tmp_path)
    result = source_checks.check_dotenv(inp)
    assert result.status is Status.WARN
    assert 'larger than 1 MiB; ffaudit does not read it' in result.message
    assert 'does not define' not in result.message


def test_dotenv_expansion_chains_are_bounded(tmp_path):
    lines = ['A0=xxxxxxxx'] + [f'A{i}=${{A{i - 1}}}${{A{i - 1}}}' for i in range(1, 30)]
    lines.append('FIREFLIES_API_KEY=${A29}')
    (tmp_path / '.env').write_text('\n'.join(lines) + '\n')
    inp = _resolve(tmp_path)
    assert inp.key is None
    dotenv = source_checks.check_dotenv(inp)
    assert (dotenv.status, 'expands to more than 64 KiB' in dotenv.message) == (Status.WARN, True)


def test_dotenv_expansion_is_linear_in_the_number_of_lines(tmp_path):
    import time

    lines = [f'VAR_{i}=value_{i}_${{HOME}}' for i in range(20000)]
    (tmp_path / '.env').write_text('\n'.join(lines) + f'\nFIREFLIES_API_KEY={KEY}\n')
    started = time.monotonic()
    inp = _resolve(tmp_path, {'HOME': '/home/me'})
    elapsed = time.monotonic() - started
    assert inp.key == KEY
    # quadratic expansion took 12 s; measured 0.6 s now (expansion 0.12 s): room for a loaded CI
    assert elapsed < 6.0, elapsed


def test_header_variable_takes_its_value_from_the_environment(tmp_path):
    command = 'curl https://api.fireflies.ai/graphql -H "Authorization: Bearer $FIREFLIES_API_KEY"'
    inp = _resolve(tmp_path, ENV, header=command)
    assert (inp.key, inp.key_source) == (KEY, 'header:stdin')
    shadowed = source_checks.check_shadowed(inp)
    assert shadowed.status is Status.PASS


def test_header_key_from_code_the_doctor_cannot_evaluate_is_named(tmp_path):
    inp = _resolve(tmp_path, ENV, header="headers = {'Authorization': f'Bearer {key}'}")
    assert inp.sources[0].state is SourceState.UNSET
    assert 'cannot evaluate' in inp.sources[0].detail
