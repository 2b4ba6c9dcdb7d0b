"""``ffaudit explain``: say what a captured Fireflies answer means, without any request."""

from __future__ import annotations

import os
import sys

import click

from ffaudit.cli.checks_output import FORMAT_OPTION
from ffaudit.cli.checks_output import QUIET_OPTION
from ffaudit.cli.checks_output import SHOW_IDENTITY_OPTION
from ffaudit.cli.checks_output import echo_checks
from ffaudit.cli.checks_output import problems
from ffaudit.cli.checks_output import resolve_format
from ffaudit.cli.output import OUTPUT_OPTION

EPILOG = """\b
Examples:
  curl -si https://api.fireflies.ai/graphql -H "Authorization: Bearer $FIREFLIES_API_KEY" \\
    -H 'Content-Type: application/json' -d '{"query":"{ user { email } }"}' | ffaudit explain
  ffaudit explain response.json      # a JSON body alone, or curl -i output with headers
  curl -sv ... 2>&1 | ffaudit explain   # curl -v output: the sent key is never shown

\b
Exit codes:
  0  Fireflies accepted the key
  1  Fireflies rejected the key, or it cannot be used (account, plan, rights, redirect)
  2  unreadable input
  3  inconclusive: not a Fireflies answer, a rate limit or a server error
"""


@click.command(epilog=EPILOG, short_help='Explain a captured Fireflies answer, offline.')
@click.argument('file', default='-', metavar='[FILE|-]')
@FORMAT_OPTION
@SHOW_IDENTITY_OPTION
@OUTPUT_OPTION
@QUIET_OPTION
@click.pass_context
def explain(
    ctx: click.Context,
    file: str,
    fmt: str | None,
    show_identity: bool,
    output_file: str | None,
    quiet: bool,
) -> None:
    """Explain a captured Fireflies answer (JSON body, curl -i or curl -v output), offline."""
    from ffaudit.doctor import exit_code
    from ffaudit.explain import capture
    from ffaudit.model import DoctorSummary

    if file == '-' and _stdin_is_tty():
        raise click.UsageError('give a FILE, or pipe the captured answer into stdin')
    data = _read_stdin() if file == '-' else capture.read_capture(file)
    results = capture.explain(data, reveal=show_identity or not _ci(), secrets=_known_keys())
    code = exit_code(results)
    summary = DoctorSummary(exit_code=code, title='ffaudit explain')
    echo_checks(problems(results) if quiet else results, summary, resolve_format(fmt), output_file)
    ctx.exit(code)


def _known_keys() -> tuple[str, ...]:
    # every key the doctor would find here (FIREFLIES_API_KEY, ./.env): masked wherever the
    # capture echoes one, even when it is not the key the capture sent
    from ffaudit.doctor.key import sources
    from ffaudit.errors import FfauditError

    keys = [os.environ.get(sources.CANONICAL, '')]
    try:
        keys.append(sources.resolve(env={}, cwd=os.getcwd()).key or '')
    except FfauditError:  # an unusable ./.env holds no key to mask
        pass
    return tuple(k for k in keys if k)


def _read_stdin() -> bytes:
    from ffaudit.explain.capture import READ_LIMIT
    from ffaudit.explain.capture import accept
    from ffaudit.user_files import read_stdin

    return accept(read_stdin('-', READ_LIMIT))


def _stdin_is_tty() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _ci() -> bool:
    return bool(os.environ.get('CI'))
