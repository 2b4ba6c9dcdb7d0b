"""detect-secrets integration commands: plugin-path, ds-portable, ds-audit."""

from __future__ import annotations

import json
import sys

import click

from ffaudit.errors import FfauditError
from ffaudit.redaction import path_text

BASELINE_ARG = click.argument('baseline', type=click.Path())  # folders: refused by the reader


@click.command('plugin-path', short_help='Print the detect-secrets plugin file, for --plugin.')
@click.option(
    '--filter',
    'filters',
    is_flag=True,
    help='Print the filter flags instead (needed only if the plugin warns that they are).',
)
def plugin_path(filters: bool) -> None:
    """Print the installed detect-secrets plugin file, for --plugin. No other flag is needed:

    \b
    detect-secrets scan --plugin "$(ffaudit plugin-path)" . > .secrets.baseline
    detect-secrets-hook --plugin "$(ffaudit plugin-path)" FILE...
    """
    if filters:
        from ffaudit.integrations.detect_secrets.plugin import (
            FILTER_ARGS,  # imports detect-secrets: only when asked
        )

        click.echo(' '.join(FILTER_ARGS))
        return
    from ffaudit.integrations.detect_secrets.hook import plugin_file

    click.echo(plugin_file())


@click.command('ds-portable', short_help="Make a detect-secrets baseline's plugin paths portable.")
@BASELINE_ARG
@click.option(
    '--root', default='.', show_default=True, help='Repository root paths are kept relative to.'
)
@click.option(
    '--shim', help='Repo-relative file to write a plugin shim to, for plugins outside ROOT.'
)
def ds_portable(baseline: str, root: str, shim: str | None) -> None:
    """Rewrite absolute file:// plugin and filter paths in a detect-secrets BASELINE."""
    from ffaudit.integrations.detect_secrets import baselines

    baselines.rewrite_portable(baseline, root, shim)
    click.echo(
        f'ffaudit: {path_text(baseline)}: plugin paths are now relative to the repository', err=True
    )


@click.command('ds-audit', short_help='detect-secrets audit with the Fireflies plugin, redacted.')
@BASELINE_ARG
@click.option('--stats', 'mode', flag_value='stats', help='Print labelling statistics (JSON).')
@click.option('--report', 'mode', flag_value='report', help='Print a redacted report (JSON).')
@click.option('--only-real', 'only', flag_value='real', help='Report: only real secrets.')
@click.option('--only-false', 'only', flag_value='false', help='Report: only false positives.')
@click.option('--show-secrets', is_flag=True, help='Interactive: show secrets in full.')
def ds_audit(baseline: str, mode: str | None, only: str | None, show_secrets: bool) -> None:
    """Audit a detect-secrets BASELINE that holds Fireflies findings (works around #611).

    Without --stats or --report, starts detect-secrets' interactive labelling, which shows
    each finding in its code with secrets redacted (unless --show-secrets); --report redacts
    every secret, unlike detect-secrets' own.
    """
    from ffaudit.integrations.detect_secrets import audit

    if mode is None:
        if sys.stdin is None:  # the answers come from stdin
            raise FfauditError('cannot read answers: stdin is closed (use --stats or --report)')
        audit.audit_interactive(baseline, show_secrets)
        return
    result = audit.audit_stats(baseline) if mode == 'stats' else audit.audit_report(baseline, only)
    click.echo(json.dumps(result, indent=2))


@click.command(
    'ds-hook',
    context_settings={'ignore_unknown_options': True, 'help_option_names': []},
    short_help='detect-secrets-hook with the Fireflies plugin and filters.',
)
@click.argument('args', nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def ds_hook(ctx: click.Context, args: tuple[str, ...]) -> None:
    """detect-secrets-hook with the Fireflies plugin and filters always loaded.

    \b
    Every argument goes to detect-secrets-hook (--help lists them), e.g.
    ffaudit ds-hook --baseline .secrets.baseline FILE...
    """
    from ffaudit.integrations.detect_secrets import hook

    ctx.exit(hook.run(args))
