"""Command-line interface: the only package that imports click, prints or exits.

Each command lives in its own module of this package and is registered below, explicitly.
Core modules return values; a command builds inputs, calls the core, echoes and exits.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from ffaudit import __version__
from ffaudit.cli import streams
from ffaudit.errors import ExitCode
from ffaudit.errors import FfauditError
from ffaudit.redaction import mask_argv_like

INTERRUPTED = 130  # the shell's convention for SIGINT
EPILOG = """\b
Exit codes:
  0  clean: no findings, every check passed (warnings allowed)
  1  findings, or a failed check
  2  usage error, unusable input, output that could not be written, or an
     internal error (never 1)
  3  no verdict from Fireflies (network, TLS, rate limit, 5xx): doctor, scan --only-verified
  130, 143  interrupted (Ctrl-C, SIGINT) or terminated (SIGTERM)

\b
Shell completion (bash; zsh_source or fish_source for zsh or fish):
  eval "$(_FFAUDIT_COMPLETE=bash_source ffaudit)"
"""


# Command registry, in --help order: name -> 'module:attribute'. Explicit (pre-commit style)
# rather than discovered, and imported lazily (click's documented LazyGroup pattern) so that
# `ffaudit scan FILE` in a pre-commit hook does not pay for the doctor's imports, and back.
COMMANDS: dict[str, str] = {
    'scan': 'ffaudit.cli.scan:scan',
    'doctor': 'ffaudit.cli.doctor:doctor',
    'explain': 'ffaudit.cli.explain:explain',
    'rules': 'ffaudit.cli.rules:rules',
    'plugin-path': 'ffaudit.cli.plugin:plugin_path',
    'ds-portable': 'ffaudit.cli.plugin:ds_portable',
    'ds-audit': 'ffaudit.cli.plugin:ds_audit',
    'ds-hook': 'ffaudit.cli.plugin:ds_hook',
}


class _Group(click.Group):
    """Loads commands lazily and maps an ``FfauditError`` to one stderr line and its exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attribute = target.split(':')
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FfauditError as exc:
            click.echo(f'ffaudit: error: {mask_argv_like(str(exc))}', err=True)
            ctx.exit(exc.exit_code)
        except click.UsageError as exc:
            # click echoes bad values ("unexpected extra argument (<value>)"): a key pasted in
            # the wrong place must not come back
            raise click.UsageError(mask_argv_like(exc.format_message()), exc.ctx) from None
        except click.ClickException as exc:  # other click errors carry no user value
            click.echo(f'Error: {mask_argv_like(exc.format_message())}', err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo('ffaudit: interrupted', err=True)
            ctx.exit(INTERRUPTED)
        except (click.exceptions.Exit, click.exceptions.Abort):
            raise
        except OSError as exc:
            _output_error(ctx, exc)
        except Exception as exc:
            _internal_error(ctx, exc)


def _output_error(ctx: click.Context, exc: OSError) -> None:
    # stdout closed, full or cut off (| head -1): the output is incomplete, so never exit 0/1
    reason = streams.output_failure(exc)
    if reason is None:
        _internal_error(ctx, exc)
        return
    _unwritable(reason)
    ctx.exit(ExitCode.USAGE)


def _unwritable(reason: str) -> None:
    streams.silence()
    click.echo(f'ffaudit: error: cannot write the output: {reason}', err=True)


def _internal_error(ctx: click.Context, exc: Exception) -> None:
    # A bug. Exit 1 would read as "findings" in CI, and the exception's text may hold input
    # (a key): one line with the type only, exit 2; FFAUDIT_DEBUG=1 shows the traceback.
    if os.environ.get('FFAUDIT_DEBUG'):
        raise exc
    click.echo(
        f'ffaudit: internal error ({type(exc).__name__}): please report it; '
        'FFAUDIT_DEBUG=1 shows the traceback',
        err=True,
    )
    ctx.exit(ExitCode.USAGE)


@click.group(
    cls=_Group,
    epilog=EPILOG,
    invoke_without_command=True,
    context_settings={'help_option_names': ['-h', '--help']},
)
@click.version_option(__version__, '-V', '--version', prog_name='ffaudit')
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Keep Fireflies.ai API keys out of source code and explain Fireflies auth failures."""
    if ctx.invoked_subcommand is None:  # plain `ffaudit`: the help, and success
        click.echo(ctx.get_help())
        ctx.exit(ExitCode.OK)


def main() -> None:
    """Run the command line (``ffaudit.__main__.main`` installs the signal handlers first)."""
    streams.prepare()
    try:
        cli(prog_name='ffaudit')
    except OSError as exc:  # --help or --version into a closed or full stdout
        reason = streams.output_failure(exc)
        if reason is None:
            raise
        _unwritable(reason)
        sys.exit(ExitCode.USAGE)
