"""Command-line interface: the only package that imports click, prints or exits.

Each command lives in its own module of this package and is registered below, explicitly.
Core modules return values; a command builds inputs, calls the core, echoes and exits.
"""

from __future__ import annotations

from typing import Any

import click

from ffaudit import __version__
from ffaudit.errors import FfauditError

EPILOG = """\b
Exit codes:
  0  clean: no findings, every check passed (warnings allowed)
  1  findings, or a failed check
  2  usage error or unusable input
  3  the doctor could not reach a verdict (network, TLS, rate limit, 5xx)
"""


class _Group(click.Group):
    """Maps an ``FfauditError`` to one line on stderr and its exit code, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FfauditError as exc:
            click.echo(f'ffaudit: error: {exc}', err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Group, epilog=EPILOG, context_settings={'help_option_names': ['-h', '--help']})
@click.version_option(__version__, prog_name='ffaudit')
def cli() -> None:
    """Keep Fireflies.ai API keys out of source code and explain Fireflies auth failures."""


def main() -> None:
    """Console-script entry point."""
    cli(prog_name='ffaudit')


# Command registry, in --help order. Each line imports one command module.
# (imports sit here, after ``cli`` exists, on purpose)
from ffaudit.cli.scan import scan  # noqa: E402

cli.add_command(scan)
from ffaudit.cli.plugin import ds_audit  # noqa: E402
from ffaudit.cli.plugin import ds_portable  # noqa: E402
from ffaudit.cli.plugin import plugin_path  # noqa: E402

cli.add_command(plugin_path)
cli.add_command(ds_portable)
cli.add_command(ds_audit)
from ffaudit.cli.doctor import doctor  # noqa: E402

cli.add_command(doctor)
from ffaudit.cli.explain import explain  # noqa: E402

cli.add_command(explain)
