"""``--output FILE`` and ``--quiet``, shared by the commands that write reports."""

from __future__ import annotations

import os
from collections.abc import Callable

import click


def _writable_place(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    # checked before the work starts: a long history scan must not fail at its very end
    if value is not None:
        folder = os.path.dirname(os.path.abspath(value))
        if not os.path.isdir(folder):
            raise click.BadParameter(f'folder {folder} does not exist', ctx, param)
    return value


OUTPUT_OPTION = click.option(
    '--output',
    '-o',
    'output_file',
    metavar='FILE',
    type=click.Path(dir_okay=False),
    callback=_writable_place,
    help='Write the report to FILE (replaced in one step) instead of stdout.',
)


def quiet_option(what: str) -> Callable[[click.decorators.FC], click.decorators.FC]:
    """``--quiet``/``-q``: print ``what`` only."""
    return click.option('--quiet', '-q', is_flag=True, help=f'Print {what} only.')


def emit(text: str, output: str | None, *, color: bool | None = None) -> None:
    """Print ``text`` on stdout, or write it to ``output`` atomically."""
    if output is None:
        click.echo(text, nl=False, color=color)
        return
    from ffaudit.user_files import write_atomic

    write_atomic(output, click.unstyle(text), '')
