"""Checks on the key sources themselves: found, empty, look-alike names, shadowed keys, ./.env.

Evidence: docs/evidence.md#key-sources, #ci-secrets.
"""

from __future__ import annotations

import re

from ffaudit.doctor.environment import ci
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.doctor.key.dotenv import NO_DOTENV
from ffaudit.doctor.key.dotenv import TOO_LARGE
from ffaudit.doctor.key.key_file import UTF16_NOTE
from ffaudit.doctor.key.sources import CANONICAL
from ffaudit.doctor.key.sources import DOTENV
from ffaudit.doctor.key.sources import ENV
from ffaudit.model import CheckResult
from ffaudit.model import KeySource
from ffaudit.model import SourceState
from ffaudit.model import Status

SECTION = 'Credentials'
# near-miss names: FIREFLIES_TOKEN, firefliesKey, FF_API_KEY (docs/evidence.md#key-sources)
_NEAR_RE = re.compile(r'(?i)firefl|^ff_\w*(key|token)')
_LOOKED = 'Set FIREFLIES_API_KEY (and export it), add it to ./.env, or use --api-key-file PATH'
_UTF16_FIX = 'Re-save the file as UTF-8 or ASCII (PowerShell: Set-Content -Encoding ascii)'


def _result(check: str, status: Status, msg: str, hint: str = '') -> CheckResult:
    return CheckResult(check, status, msg, hint, SECTION)


def _looked(inp: DoctorInput) -> str:
    return ', '.join(f'{s.name} ({s.detail or s.state})' for s in inp.sources)


def check_sources(inp: DoctorInput) -> CheckResult:
    """Some source holds a key; say which one wins."""
    source = inp.source
    if source is None:
        why, fix = ci.empty_secret_reason(inp.env, unset=CANONICAL not in inp.env)
        msg = f'No Fireflies API key found; looked in {_looked(inp)}' + (f'; {why}' if why else '')
        return _result('key.sources', Status.FAIL, msg, fix or _LOOKED)
    note = f' ({source.detail})' if source.detail else ''
    if source.state is SourceState.EMPTY:
        msg = f'{source.name}{note} is set but empty, and it wins over the other sources'
        return _result('key.sources', Status.FAIL, msg, 'Give it the real key, or unset it')
    details = (('length', source.length), ('fingerprint', source.fingerprint))
    status = Status.WARN if source.detail == UTF16_NOTE else Status.PASS
    hint = _UTF16_FIX if status is Status.WARN else ''
    return CheckResult(
        'key.sources', status, f'API key from {source.name}{note}', hint, SECTION,
        details if source.length else (),
    )  # fmt: skip


def check_empty(inp: DoctorInput) -> CheckResult:
    """The winning source is not empty or whitespace only (with the CI reason when known)."""
    if inp.key is None:
        return _result('key.empty', Status.SKIP, 'No key source is set')
    if inp.key.strip():
        return _result('key.empty', Status.PASS, 'The key is not empty')
    what = 'empty' if not inp.key else 'whitespace only'
    why, fix = ci.empty_secret_reason(inp.env)
    source = inp.source
    note = f' ({source.detail})' if source and source.detail else ''
    msg = f'The key in {inp.key_source}{note} is {what}' + (f'; {why}' if why else '')
    return _result('key.empty', Status.FAIL, msg, fix or 'Give it the real key')


def check_near_miss(inp: DoctorInput) -> CheckResult:
    """Look-alike names (FIREFLIES_TOKEN, FF_API_KEY) when FIREFLIES_API_KEY is missing."""
    canonical = [s for s in inp.sources if s.name in (ENV, DOTENV) and s.state is SourceState.SET]
    names = sorted({n for n in (*inp.env, *inp.dotenv_names) if _NEAR_RE.search(n)} - {CANONICAL})
    if canonical or not names:
        return _result('key.near_miss', Status.PASS, 'No look-alike variable names')
    msg = f'{CANONICAL} is missing, but {", ".join(names[:5])} is set; only {CANONICAL} is read'
    hint = f'Rename it, or map it in CI: {CANONICAL}: ${{{{ secrets.{names[0]} }}}}'
    return _result('key.near_miss', Status.WARN, msg, hint)


def _others(inp: DoctorInput, winner: KeySource) -> list[KeySource]:
    return [s for s in inp.sources if s.state is SourceState.SET and s.name != winner.name]


def shadowed(inp: DoctorInput) -> tuple[KeySource, ...]:
    """The sources holding a different key (by fingerprint) than the winning one: all ignored."""
    winner = inp.source
    if winner is None:
        return ()
    return tuple(s for s in _others(inp, winner) if s.fingerprint != winner.fingerprint)


def check_shadowed(inp: DoctorInput) -> CheckResult:
    """Other sources holding a different key (by fingerprint) are ignored: say so."""
    winner = inp.source
    if winner is None:
        return _result('key.shadowed', Status.SKIP, 'No key source is set')
    differ = shadowed(inp)
    if not differ:
        others = _others(inp, winner)
        msg = 'Other sources hold the same key' if others else 'No other source holds a key'
        return _result('key.shadowed', Status.PASS, msg)
    names = ', '.join(s.name for s in differ)
    msg = f'A different key in {names} is ignored because {winner.name} wins'
    details = tuple((f'fingerprint:{s.name}', s.fingerprint) for s in differ)
    hint = 'Remove the stale key or make the sources agree'
    return CheckResult('key.shadowed', Status.WARN, msg, hint, SECTION, details)


def _no_dotenv(inp: DoctorInput, dotenv: KeySource) -> CheckResult:
    if dotenv.detail == NO_DOTENV:
        return _result('key.dotenv', Status.SKIP, 'No ./.env in the current directory')
    msg = f'No ./.env here{dotenv.detail.removeprefix(NO_DOTENV)}'
    if inp.key is not None:
        return _result('key.dotenv', Status.PASS, msg)
    hint = 'Run ffaudit where the .env is, or export FIREFLIES_API_KEY (ffaudit reads ./.env only)'
    return _result('key.dotenv', Status.WARN, msg, hint)


def _dotenv_fix(dotenv: KeySource) -> str:
    if 'UTF' in dotenv.detail:
        return 'Re-save ./.env as UTF-8'
    if dotenv.detail == TOO_LARGE:
        return 'Keep the key in a small .env, or pass it with --api-key-file PATH'
    if '64 KiB' in dotenv.detail:
        return f'Give {CANONICAL} the key itself, not a chain of ${{...}} references'
    return 'Fix the file (KEY=value lines)'


def check_dotenv(inp: DoctorInput) -> CheckResult:
    """./.env is readable, parses, is not blocked by an empty variable; parents are named."""
    dotenv = next((s for s in inp.sources if s.name == DOTENV), None)
    if dotenv is None:
        return _result('key.dotenv', Status.SKIP, 'No ./.env in the current directory')
    if dotenv.detail.startswith(NO_DOTENV):
        return _no_dotenv(inp, dotenv)
    if dotenv.state is SourceState.UNREADABLE or dotenv.detail.startswith('could not parse'):
        return _result('key.dotenv', Status.WARN, f'./.env: {dotenv.detail}', _dotenv_fix(dotenv))
    if dotenv.state is SourceState.SET and inp.key_source == ENV and not inp.key:
        msg = f'./.env defines {CANONICAL}, but the empty variable in the environment wins'
        return _result('key.dotenv', Status.WARN, msg, f'Unset the empty {CANONICAL}')
    has = 'does not define' if dotenv.state is SourceState.UNSET else 'defines'
    via = f' ({dotenv.detail}, as python-dotenv does by default)' if dotenv.detail else ''
    return _result('key.dotenv', Status.PASS, f'./.env {has} {CANONICAL}{via}')
