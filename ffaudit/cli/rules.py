"""``ffaudit rules``: the Fireflies rules, for reading or for other scanners (gitleaks)."""

from __future__ import annotations

import click

from ffaudit.cli.output import OUTPUT_OPTION
from ffaudit.cli.output import emit

EPILOG = """\b
Examples:
  ffaudit rules                                    # what each rule finds
  ffaudit rules --format gitleaks > .gitleaks.toml # a [[rules]] config for gitleaks
  ffaudit rules --format gitleaks -o .gitleaks.toml
"""


@click.command(epilog=EPILOG, short_help='Print the Fireflies rules, or export them for gitleaks.')
@click.option(
    '--format',
    'fmt',
    type=click.Choice(['text', 'gitleaks'], case_sensitive=False),
    default='text',
    show_default=True,
    help='text: each rule and what it finds; gitleaks: [[rules]] TOML for gitleaks and '
    'Betterleaks (single-line rules only: no repository or section context).',
)
@OUTPUT_OPTION
def rules(fmt: str, output_file: str | None) -> None:
    """Print ffaudit's Fireflies rules, or export them as a gitleaks config."""
    from ffaudit.report.rules import RULES
    from ffaudit.report.rules import render_rules

    if fmt.lower() == 'gitleaks':
        from ffaudit.engine.export import render_gitleaks

        emit(render_gitleaks({rule: info.title for rule, info in RULES.items()}), output_file)
        return
    emit(render_rules(), output_file)
