"""``--output FILE`` and ``--quiet``, shared by the commands that write reports."""

from __future__ import annotations

from collections.abc import Callable

import click

OUTPUT_OPTION = click.option(
    '--output',
    '-o',
    'output',
    metavar='FILE',
    type=click.Path(dir_okay=False),
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
    from ffaudit.outfile import write_atomic

    write_atomic(output, click.unstyle(text))
