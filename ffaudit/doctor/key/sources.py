"""Where the key comes from: read every source, pick the winner (checks in source_checks.py).

Evidence: docs/evidence.md#key-sources.

Precedence: --header - > --api-key-file > --api-key-stdin > FIREFLIES_API_KEY > ./.env.
As with python-dotenv's default (override=False), a set-but-empty variable beats ./.env.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from ffaudit.doctor.inputs import DEFAULT_ENDPOINT
from ffaudit.doctor.inputs import DEFAULT_TIMEOUT
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.doctor.key import dotenv
from ffaudit.doctor.key.key_file import read_key_file
from ffaudit.model import KeySource
from ffaudit.model import SourceState
from ffaudit.redaction import fingerprint
from ffaudit.redaction import mask_argv_like

CANONICAL = dotenv.CANONICAL
ENV = f'env:{CANONICAL}'
DOTENV = 'dotenv:.env'


def from_environ(value: str | None) -> str | None:
    """An ``os.environ`` value as UTF-8 text again.

    Under ``LC_ALL=C`` without UTF-8 mode Python decodes the environment as ASCII and keeps
    other bytes as surrogate escapes (U+DC80-U+DCFF): a smart quote would read as three of them.
    """
    if value is None or not any('\udc80' <= c <= '\udcff' for c in value):
        return value
    try:
        return os.fsencode(value).decode('utf-8', 'replace')
    except UnicodeEncodeError:  # not what os.environ produced: leave it alone
        return value


def _source(name: str, value: str | None, detail: str = '') -> KeySource:
    if value is None:
        return KeySource(name, SourceState.UNSET, detail=detail)
    if not value:
        return KeySource(name, SourceState.EMPTY, detail=detail)
    return KeySource(name, SourceState.SET, fingerprint(value), len(value), detail)


def _via(names: tuple[str, ...], values: Mapping[str, str | None]) -> str:
    if not names:
        return ''
    shown = ', '.join(f'${{{n}}}' for n in names)
    unset = [n for n in names if not values.get(n)]
    return f'expanded from {shown}' + (
        f' ({", ".join(unset)} empty or not defined)' if unset else ''
    )


def _dotenv(cwd: str, env: Mapping[str, str]) -> tuple[KeySource, str | None, tuple[str, ...]]:
    data, why = dotenv.read(cwd)
    if data is None and why == dotenv.NO_DOTENV:
        above = dotenv.parents(cwd)
        note = f' (ffaudit does not read {", ".join(above)})' if above else ''
        return KeySource(DOTENV, SourceState.UNSET, detail=why + note), None, ()
    text, why = dotenv.decode(data) if data is not None else (None, why)
    if text is None:
        return KeySource(DOTENV, SourceState.UNREADABLE, detail=why), None, ()
    raw, bad = dotenv.parse(text)
    values, via, oversized = dotenv.expand(raw, env)
    if CANONICAL in oversized:
        why = f'{CANONICAL} expands to more than 64 KiB (nested ${{...}}): not an API key'
        return KeySource(DOTENV, SourceState.UNREADABLE, detail=why), None, tuple(values)
    notes = [
        f'could not parse line(s) {", ".join(bad)}' if bad else '',
        _via(via, {**env, **values}),
    ]
    value = values.get(CANONICAL, '' if CANONICAL in values else None)
    return _source(DOTENV, value, '; '.join(filter(None, notes))), value, tuple(values)


def resolve(
    *,
    env: Mapping[str, str],
    cwd: str,
    key_file: str | None = None,
    stdin_key: str | None = None,
    header: str | None = None,
    header_name: str = 'header:stdin',
    endpoint: str = DEFAULT_ENDPOINT,
    timeout: float = DEFAULT_TIMEOUT,
    expect_email: str | None = None,
    show_identity: bool = False,
) -> DoctorInput:
    """Read every key source and build the doctor's input; the first non-unset source wins."""
    found: list[tuple[KeySource, str | None]] = []
    if header is not None:
        from ffaudit.doctor.header.parse import parse  # lazy: only with --header -

        parsed = parse(header, env)  # "$VAR" in a pasted command takes its value from env
        token = parsed.token
        none = _no_token_note(parsed.interpolated) if token is None else ''
        found.append((_source(header_name, token, none), token))
    if key_file is not None:
        text, note = read_key_file(key_file)
        value = text.removesuffix('\n')  # `echo key > f` adds one \n
        found.append((_source(f'file:{mask_argv_like(key_file)}', value, note), value))
    if stdin_key is not None:
        value = stdin_key.removesuffix('\n')
        found.append((_source('stdin', value), value))
    env_value = from_environ(env.get(CANONICAL))
    found.append((_source(ENV, env_value), env_value))
    dotenv_source, dotenv_value, names = _dotenv(cwd, env)
    found.append((dotenv_source, dotenv_value))
    winner = next(
        ((s, v) for s, v in found if s.state in (SourceState.SET, SourceState.EMPTY)), None
    )
    return DoctorInput(
        key=winner[1] if winner else None,
        key_source=winner[0].name if winner else '',
        sources=tuple(s for s, _ in found),
        header=header,
        header_name=header_name,
        endpoint=endpoint,
        timeout=timeout,
        expect_email=expect_email,
        show_identity=show_identity,
        env=env,
        cwd=cwd,
        dotenv_names=names,
    )


def _no_token_note(interpolated: str | None) -> str:
    if interpolated:
        return f'the key comes from {interpolated}, which the doctor cannot evaluate'
    return 'no credential in the header'
