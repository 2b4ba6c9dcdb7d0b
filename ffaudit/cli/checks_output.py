"""Options and output shared by the commands that report checks: ``doctor`` and ``explain``."""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from ffaudit.cli.output import emit
from ffaudit.cli.output import quiet_option
from ffaudit.model import CheckResult
from ffaudit.model import Format
from ffaudit.model import Status

if TYPE_CHECKING:
    from ffaudit.model import DoctorSummary

FORMAT_OPTION = click.option(
    '--format',
    'fmt',
    type=click.Choice([Format.TEXT.value, Format.JSON.value, Format.GITHUB.value]),
    default=None,
    help='Output format [default: github under GITHUB_ACTIONS=true, else text].',
)
# Typography our own messages use, folded to ASCII for streams that cannot encode it.
_FOLD = str.maketrans(
    {
        '\u2192': '->',  # →
        '\u2014': '--',  # —
        '\u2013': '-',  # –
        '\u00b7': '-',  # ·
        '\u2026': '...',  # …
        '\u2018': "'",
        '\u2019': "'",
        '\u201c': '"',
        '\u201d': '"',
        '\u2713': '[ok]',  # ✓
        '\u2717': '[FAIL]',  # ✗
        '\u00d7': 'x',  # ×
        '\u2265': '>=',
        '\u2264': '<=',
        '\u2022': '*',  # •
        '\u00a0': ' ',
    }
)
QUIET_OPTION = quiet_option('the checks that warn or fail, and the verdict')
SHOW_IDENTITY_OPTION = click.option(
    '--show-identity', is_flag=True, help='Show the full account email (masked in CI).'
)


def resolve_format(fmt: str | None) -> Format:
    """The --format given, else github under GitHub Actions, else text."""
    if fmt is not None:
        return Format(fmt.lower())
    return Format.GITHUB if os.environ.get('GITHUB_ACTIONS') == 'true' else Format.TEXT


def _codec(encoding: str | None) -> str:
    try:
        return codecs.lookup(encoding or 'ascii').name
    except LookupError:
        return 'ascii'


def fit(text: str, encoding: str | None) -> str:
    """``text`` as the stream can write it: typographic glyphs folded, the rest escaped."""
    codec = _codec(encoding)
    try:
        text.encode(codec)
    except UnicodeEncodeError:  # a cp1252/cp437/latin-1 stream (Windows CI, a redirect)
        text = text.translate(_FOLD)
        return text.encode(codec, 'backslashreplace').decode(codec)
    return text


def problems(results: Sequence[CheckResult]) -> list[CheckResult]:
    """``--quiet``: the checks that warn, fail or found no verdict."""
    return [r for r in results if r.status not in (Status.PASS, Status.SKIP)]


def echo_checks(
    results: Sequence[CheckResult],
    summary: DoctorSummary,
    fmt: Format,
    output: str | None = None,
) -> None:
    """Print the report (colour and glyphs as the terminal allows), or write it to ``output``
    (UTF-8, no colour); github: the step summary too."""
    from ffaudit.report import checks

    encoding = sys.stdout.encoding
    if output is not None:
        encoding = 'utf-8'
    color = checks.use_color(os.environ, sys.stdout.isatty()) and fmt is Format.TEXT and not output
    # JSON stays valid JSON on any stream: \uXXXX escapes unless the stream speaks UTF
    ascii = not checks.can_encode(encoding) or (
        fmt is Format.JSON and not _codec(encoding).startswith('utf')
    )
    rendered = checks.render_checks(results, summary, fmt, color=color, ascii=ascii)
    emit(fit(rendered, encoding), output, color=color)
    if fmt is Format.GITHUB:
        _write_step_summary(checks.render_step_summary(results, summary))


def _write_step_summary(text: str) -> None:
    path = os.environ.get('GITHUB_STEP_SUMMARY')
    if not path:
        return
    try:  # O_NONBLOCK: a FIFO with no reader is an error (ENXIO), never a hang
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK, 0o666)
        with open(fd, 'a', encoding='utf-8') as f:
            f.write(text)
    except OSError as exc:  # the report itself is out already; say why the summary is missing
        click.echo(f'ffaudit: warning: cannot write GITHUB_STEP_SUMMARY: {exc.strerror}', err=True)
