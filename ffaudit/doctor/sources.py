"""Where the key comes from: read every source, pick the winner, check the sources themselves.

Precedence: --header - > --api-key-file > --api-key-stdin > FIREFLIES_API_KEY > ./.env.
As with python-dotenv's default (override=False), a set-but-empty variable beats ./.env.
"""

from __future__ import annotations

import io
import logging
import os
import re
from collections.abc import Mapping

from ffaudit.detect import fingerprint
from ffaudit.doctor import environment
from ffaudit.doctor import header as header_mod
from ffaudit.doctor.inputs import DEFAULT_ENDPOINT
from ffaudit.doctor.inputs import DEFAULT_TIMEOUT
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.doctor.inputs import KeySource
from ffaudit.doctor.inputs import SourceState
from ffaudit.errors import FfauditError
from ffaudit.model import CheckResult
from ffaudit.model import Status

CANONICAL = 'FIREFLIES_API_KEY'
READ_LIMIT = 64 * 1024  # a key is ~36 bytes; anything bigger is the wrong file
SECTION = 'Credentials'
_ENV = f'env:{CANONICAL}'
_DOTENV = 'dotenv:.env'
_NO_DOTENV = 'no ./.env'
_NEAR_RE = re.compile(r'(?i)firefl')
_LOOKED = 'set FIREFLIES_API_KEY (and export it), add it to ./.env, or use --api-key-file PATH'


def decode_input(data: bytes, what: str) -> str:
    """Bytes from a key file or stdin as text; ``FfauditError`` (exit 2) if unusable."""
    if len(data) > READ_LIMIT:
        raise FfauditError(f'{what}: more than 64 KiB, not an API key')
    if b'\x00' in data:
        raise FfauditError(f'{what}: binary data, not an API key')
    try:
        return data.decode('utf-8')
    except UnicodeDecodeError:
        raise FfauditError(f'{what}: not UTF-8 text') from None


def read_key_file(path: str) -> str:
    """The text of ``--api-key-file PATH``, read at most ``READ_LIMIT`` + 1 bytes."""
    what = f'--api-key-file {path}'
    if os.path.isdir(path):
        raise FfauditError(f'{what}: is a directory')
    try:
        with open(path, 'rb') as f:
            data = f.read(READ_LIMIT + 1)
    except OSError as exc:
        raise FfauditError(f'{what}: cannot read ({exc.strerror or type(exc).__name__})') from None
    return decode_input(data, what)


def _source(name: str, value: str | None, detail: str = '') -> KeySource:
    if value is None:
        return KeySource(name, SourceState.UNSET, detail=detail)
    if not value:
        return KeySource(name, SourceState.EMPTY, detail=detail)
    return KeySource(name, SourceState.SET, fingerprint(value), len(value), detail)


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(str(record.args[0]) if isinstance(record.args, tuple) else '?')


def _parse_dotenv(text: str) -> tuple[dict[str, str | None], list[str]]:
    import dotenv  # lazy: only when ./.env exists

    logger = logging.getLogger('dotenv.main')  # it logs each unparsable line (line number only)
    handler, propagate = _Lines(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        return dotenv.dotenv_values(stream=io.StringIO(text), interpolate=False), handler.lines
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _dotenv(cwd: str) -> tuple[KeySource, str | None, tuple[str, ...]]:
    path = os.path.join(cwd, '.env')
    if not os.path.lexists(path):
        return KeySource(_DOTENV, SourceState.UNSET, detail=_NO_DOTENV), None, ()
    try:
        with open(path, 'rb') as f:
            text = f.read(1 << 20).decode('utf-8')
    except (OSError, UnicodeDecodeError) as exc:
        detail = f'cannot read ./.env ({type(exc).__name__})'
        return KeySource(_DOTENV, SourceState.UNREADABLE, detail=detail), None, ()
    values, bad = _parse_dotenv(text)
    detail = f'could not parse line(s) {", ".join(bad)}' if bad else ''
    value = values.get(CANONICAL, '' if CANONICAL in values else None)
    return _source(_DOTENV, value, detail), value, tuple(values)


def resolve(
    *,
    env: Mapping[str, str],
    cwd: str,
    key_file: str | None = None,
    stdin_key: str | None = None,
    header: str | None = None,
    endpoint: str = DEFAULT_ENDPOINT,
    timeout: float = DEFAULT_TIMEOUT,
    expect_email: str | None = None,
    show_identity: bool = False,
) -> DoctorInput:
    """Read every key source and build the doctor's input; the first non-unset source wins."""
    found: list[tuple[KeySource, str | None]] = []
    if header is not None:
        token = header_mod.parse(header).token
        found.append((_source('header:stdin', token, 'no credential in the header'), token))
    if key_file is not None:
        value = read_key_file(key_file).removesuffix('\n')  # `echo key > f` adds one \n
        found.append((_source(f'file:{key_file}', value), value))
    if stdin_key is not None:
        found.append((_source('stdin', stdin_key.removesuffix('\n')), stdin_key.removesuffix('\n')))
    found.append((_source(_ENV, env.get(CANONICAL)), env.get(CANONICAL)))
    dotenv_source, dotenv_value, names = _dotenv(cwd)
    found.append((dotenv_source, dotenv_value))
    winner = next(
        ((s, v) for s, v in found if s.state in (SourceState.SET, SourceState.EMPTY)), None
    )
    return DoctorInput(
        key=winner[1] if winner else None,
        key_source=winner[0].name if winner else '',
        sources=tuple(s for s, _ in found),
        header=header,
        endpoint=endpoint,
        timeout=timeout,
        expect_email=expect_email,
        show_identity=show_identity,
        env=env,
        cwd=cwd,
        dotenv_names=names,
    )


def _looked(inp: DoctorInput) -> str:
    return ', '.join(f'{s.name} ({s.detail or s.state})' for s in inp.sources)


def check_sources(inp: DoctorInput) -> CheckResult:
    """Some source holds a key; say which one wins."""
    source = inp.source
    if source is None:
        why, fix = environment.empty_secret_reason(inp.env)
        msg = f'no Fireflies API key found; looked in {_looked(inp)}' + (f'; {why}' if why else '')
        return CheckResult('key.sources', Status.FAIL, msg, fix or _LOOKED, SECTION)
    details = (('length', str(source.length)), ('fingerprint', source.fingerprint))
    msg = f'API key from {source.name}'
    return CheckResult(
        'key.sources', Status.PASS, msg, '', SECTION, details if source.length else ()
    )


def check_empty(inp: DoctorInput) -> CheckResult:
    """The winning source is not empty or whitespace only (with the CI reason when known)."""
    if inp.key is None:
        return CheckResult('key.empty', Status.SKIP, 'no key source is set', '', SECTION)
    if inp.key.strip():
        return CheckResult('key.empty', Status.PASS, 'the key is not empty', '', SECTION)
    what = 'empty' if not inp.key else 'whitespace only'
    why, fix = environment.empty_secret_reason(inp.env)
    msg = f'the key in {inp.key_source} is {what}' + (f'; {why}' if why else '')
    return CheckResult('key.empty', Status.FAIL, msg, fix or 'give it the real key', SECTION)


def check_near_miss(inp: DoctorInput) -> CheckResult:
    """Variables named like the key (FIREFLIES_TOKEN, ...) when FIREFLIES_API_KEY is missing."""
    canonical = [s for s in inp.sources if s.name in (_ENV, _DOTENV) and s.state is SourceState.SET]
    names = sorted({n for n in (*inp.env, *inp.dotenv_names) if _NEAR_RE.search(n)} - {CANONICAL})
    if canonical or not names:
        return CheckResult(
            'key.near_miss', Status.PASS, 'no look-alike variable names', '', SECTION
        )
    msg = f'{CANONICAL} is missing, but {", ".join(names[:5])} is set; only {CANONICAL} is read'
    hint = f'rename it, or map it in CI: {CANONICAL}: ${{{{ secrets.{names[0]} }}}}'
    return CheckResult('key.near_miss', Status.WARN, msg, hint, SECTION)


def check_shadowed(inp: DoctorInput) -> CheckResult:
    """Other sources holding a different key (by fingerprint) are ignored: say so."""
    winner = inp.source
    if winner is None:
        return CheckResult('key.shadowed', Status.SKIP, 'no key source is set', '', SECTION)
    others = [s for s in inp.sources if s.state is SourceState.SET and s.name != winner.name]
    differ = [s for s in others if s.fingerprint != winner.fingerprint]
    if not differ:
        msg = 'other sources hold the same key' if others else 'no other source holds a key'
        return CheckResult('key.shadowed', Status.PASS, msg, '', SECTION)
    names = ', '.join(s.name for s in differ)
    msg = f'a different key in {names} is ignored because {winner.name} wins'
    details = tuple((f'fingerprint:{s.name}', s.fingerprint) for s in differ)
    hint = 'remove the stale key or make the sources agree'
    return CheckResult('key.shadowed', Status.WARN, msg, hint, SECTION, details)


def check_dotenv(inp: DoctorInput) -> CheckResult:
    """./.env is readable, parses, and is not blocked by an empty variable."""
    dotenv = next((s for s in inp.sources if s.name == _DOTENV), None)
    if dotenv is None or dotenv.detail == _NO_DOTENV:
        return CheckResult(
            'key.dotenv', Status.SKIP, 'no ./.env in the current directory', '', SECTION
        )
    if dotenv.state is SourceState.UNREADABLE or dotenv.detail:
        msg = f'./.env: {dotenv.detail}'
        return CheckResult(
            'key.dotenv', Status.WARN, msg, 'fix the file (KEY=value lines)', SECTION
        )
    if dotenv.state is SourceState.SET and inp.key_source == _ENV and not inp.key:
        msg = f'./.env defines {CANONICAL}, but the empty variable in the environment wins'
        return CheckResult('key.dotenv', Status.WARN, msg, f'unset the empty {CANONICAL}', SECTION)
    has = 'does not define' if dotenv.state is SourceState.UNSET else 'defines'
    return CheckResult('key.dotenv', Status.PASS, f'./.env {has} {CANONICAL}', '', SECTION)
