"""``ffaudit explain``: say what a captured Fireflies answer means, without any request."""

from __future__ import annotations

import os
import sys

import click

from ffaudit.model import Format

EPILOG = """\b
Examples:
  curl -si https://api.fireflies.ai/graphql -H "Authorization: Bearer $FIREFLIES_API_KEY" \\
    -H 'Content-Type: application/json' -d '{"query":"{ user { email } }"}' | ffaudit explain
  ffaudit explain response.json      # a JSON body alone, or curl -i output with headers

\b
Exit codes:
  0  Fireflies accepted the key
  1  Fireflies rejected the key, or it cannot be used (account, plan, rights, redirect)
  2  unreadable input
  3  inconclusive: not a Fireflies answer, a rate limit or a server error
"""
_FORMATS = click.Choice([Format.TEXT.value, Format.JSON.value, Format.GITHUB.value])


@click.command(epilog=EPILOG)
@click.argument('file', default='-', metavar='[FILE|-]')
@click.option(
    '--format',
    'fmt',
    type=_FORMATS,
    default=None,
    help='Output format [default: github under GITHUB_ACTIONS=true, else text].',
)
@click.option('--show-identity', is_flag=True, help='Show the full account email (masked in CI).')
@click.pass_context
def explain(ctx: click.Context, file: str, fmt: str | None, show_identity: bool) -> None:
    """Explain a Fireflies answer captured earlier (a JSON body or curl -i output), offline."""
    from ffaudit import explain as core
    from ffaudit.doctor import exit_code
    from ffaudit.report import checks as report

    if file == '-' and _stdin_is_tty():
        raise click.UsageError('give a FILE, or pipe the captured answer into stdin')
    results = core.explain(core.read_capture(file), reveal=show_identity or not _ci())
    code = exit_code(results)
    fmt_ = Format(fmt) if fmt else Format.GITHUB if _github() else Format.TEXT
    rendered = report.render_checks(results, report.DoctorSummary(exit_code=code), fmt_)
    click.echo(rendered, nl=False)
    ctx.exit(code)


def _stdin_is_tty() -> bool:
    return sys.stdin.isatty()


def _ci() -> bool:
    return bool(os.environ.get('CI'))


def _github() -> bool:
    return os.environ.get('GITHUB_ACTIONS') == 'true'
