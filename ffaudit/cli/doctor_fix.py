"""The ``doctor --fix`` dialogue: show the ./.env change (key redacted), ask, apply, report.

The plan and the atomic write live in ``doctor/key/dotenv_fix.py``; this module only talks.
"""

from __future__ import annotations

import os
import sys
import typing
from collections.abc import Callable

import click

from ffaudit.errors import FfauditError

if typing.TYPE_CHECKING:
    from ffaudit.doctor.inputs import DoctorInput
    from ffaudit.doctor.key.dotenv_fix import Plan

NOTHING = '--fix: nothing in ./.env that ffaudit can repair with certainty'


def _say(text: str) -> None:
    click.echo(text, err=True)


def _show(plan: Plan) -> None:
    _say('--fix would change ./.env:')
    for edit in plan.edits:
        _say(f'  line {edit.line}: {edit.what}')
        if edit.before:
            _say(f'    - {edit.before}')
            _say(f'    + {edit.after}')


def _stdin_is_tty() -> bool:
    return sys.stdin.isatty()


def _approved(yes: bool) -> bool:
    if yes:
        return True
    if not _stdin_is_tty():
        _say('Not applied: stdin is not a terminal, so nothing was asked; add --yes to apply')
        return False
    return click.confirm('Apply? The old file is kept as ./.env.bak', default=False, err=True)


def _report(plan: Plan, fixed: DoctorInput) -> None:
    from ffaudit import doctor
    from ffaudit.doctor import rootcause

    for edit in plan.edits:
        _say(f'  fixed: line {edit.line}: {edit.what}')
    for root in rootcause.roots(doctor.run(fixed, offline=True)):
        _say(f'  manual: {root.check}: {root.hint or root.message}')


def _warn_if_committable(backup: str) -> None:
    # the backup holds the key too, and a .gitignore listing '.env' does not cover '.env.bak'
    from ffaudit.scan.git import plumbing

    folder, name = os.path.split(os.path.abspath(backup))
    try:
        proc = plumbing.run(folder, 'check-ignore', '-q', '--', name)
    except FfauditError:  # no git here: nothing can commit it by accident
        return
    if proc.returncode == 1:  # 0: ignored; 128: not a work tree
        _say(f'  warning: ./{name} holds the key and git does not ignore it: delete it once the')
        _say(f'  fix is confirmed, or add {name} to .gitignore')


def offer_fixes(inp: DoctorInput, rebuild: Callable[[], DoctorInput], *, yes: bool) -> DoctorInput:
    """Offer the ./.env repairs; the input read again when they were applied, else ``inp``."""
    from ffaudit.doctor.key import dotenv_fix

    plan = dotenv_fix.plan(inp.cwd)
    if plan is None:
        _say(NOTHING)
        return inp
    _show(plan)
    if not _approved(yes):
        return inp
    try:
        backup = dotenv_fix.apply(plan)
    except FfauditError as exc:  # user_files names the file and the reason, never its content
        _say(f'Not applied: {exc}')
        return inp
    _say(f'Wrote ./.env (the old file is {backup.rsplit("/", 1)[-1]}); checking again:')
    _warn_if_committable(backup)
    fixed = rebuild()
    _report(plan, fixed)
    return fixed
