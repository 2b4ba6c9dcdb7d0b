"""``ffaudit doctor``: explain why Fireflies authentication fails."""

from __future__ import annotations

import dataclasses
import os
import re
import sys
import typing

import click

from ffaudit.cli import doctor_input
from ffaudit.cli.checks_output import FORMAT_OPTION
from ffaudit.cli.checks_output import QUIET_OPTION
from ffaudit.cli.checks_output import SHOW_IDENTITY_OPTION
from ffaudit.cli.checks_output import echo_checks
from ffaudit.cli.checks_output import fit
from ffaudit.cli.checks_output import problems
from ffaudit.cli.checks_output import resolve_format
from ffaudit.cli.output import OUTPUT_OPTION
from ffaudit.doctor.inputs import DEFAULT_ENDPOINT
from ffaudit.doctor.inputs import DEFAULT_TIMEOUT
from ffaudit.model import Format

if typing.TYPE_CHECKING:
    from ffaudit.doctor.inputs import DoctorInput
    from ffaudit.model import CheckResult

EPILOG = """\b
Key sources, first one set wins: --header, --api-key-file PATH, --api-key-stdin,
FIREFLIES_API_KEY, ./.env. The key is never accepted on the command line and never
printed: only its source, length and a SHA-256 fingerprint (compare with
printf %s "$FIREFLIES_API_KEY" | sha256sum | cut -c1-12).

\b
The report is one line per section, then each problem with its fix; -v shows every
check. Live check: one read-only request to Fireflies. On Free/Pro plans
each live run spends one of your 50 daily API requests; use --offline to avoid
it (the last line then says the key was not tried).

\b
Exit codes (same with every --format):
  0  no problem found (warnings allowed, unless --strict); with --offline: the
     offline checks passed, the key was not tried
  1  a check failed (or warned, with --strict)
  2  usage error or unusable input
  3  inconclusive: Fireflies could not be asked (network, TLS, rate limit, 5xx)
"""
# one local@domain.tld, no display name ("Jane <j@x>"), spaces, brackets or second '@'
_EMAIL_RE = re.compile(r'[^@\s<>()\[\],;:"]+@[^@\s<>()\[\],;:"]+\.[^@\s<>()\[\],;:".]+')
_ERASE = '\r\x1b[K'


@dataclasses.dataclass(frozen=True)
class _Options:
    api_key_file: str | None
    api_key_stdin: bool
    header: str | None
    endpoint: str
    timeout: float
    expect_email: str | None
    show_identity: bool


def _check_email(email: str | None) -> None:
    # never echo the value: a key pasted here by mistake must not come back
    if email is not None and not _EMAIL_RE.fullmatch(email.strip()):
        raise click.UsageError('--expect-email needs a plain address such as you@acme.com')


def _read_once(opts: _Options) -> tuple[str | None, str | None, str | None]:
    # (key file, stdin key, header) read once: stdin cannot be read again after --fix
    key_file = doctor_input.key_file_or_refuse(opts.api_key_file) if opts.api_key_file else None
    stdin_key = opts.api_key_stdin or key_file == '-'
    if opts.header == '-' and stdin_key:
        raise click.UsageError('--header - and the key from stdin both read stdin: use one')
    _check_email(opts.expect_email)
    header = doctor_input.read_header(opts.header) if opts.header is not None else None
    key = doctor_input.read_key_stdin() if stdin_key else None
    return None if key_file == '-' else key_file, key, header


def _build_input(opts: _Options, read: tuple[str | None, str | None, str | None]) -> DoctorInput:
    from ffaudit.doctor.key import sources

    key_file, stdin_key, header = read
    return sources.resolve(
        header_name=doctor_input.header_source(opts.header),
        env=dict(os.environ),
        cwd=os.getcwd(),
        key_file=key_file,
        stdin_key=stdin_key,
        header=header,
        endpoint=opts.endpoint,
        timeout=opts.timeout,
        expect_email=opts.expect_email,
        show_identity=opts.show_identity,
    )


def _progress(fmt: Format) -> typing.Callable[[float], None] | None:
    """On a terminal only: say that the live check is waiting (erased once it is done)."""
    if fmt is not Format.TEXT or not sys.stderr.isatty():
        return None

    def waiting(timeout: float) -> None:
        line = fit(f'Asking Fireflies (up to {timeout:g} s)…', sys.stderr.encoding)
        click.echo(line, err=True, nl=False)

    return waiting


def _run(inp: DoctorInput, offline: bool, fmt: Format) -> list[CheckResult]:
    import ffaudit.doctor

    waiting = _progress(fmt)
    try:
        return ffaudit.doctor.run(inp, offline=offline, before_probe=waiting)
    finally:
        if waiting is not None:
            click.echo(_ERASE, err=True, nl=False)


@click.command(
    epilog=EPILOG,
    context_settings={'ignore_unknown_options': True, 'allow_extra_args': True},
    short_help='Diagnose the Fireflies key, then ask Fireflies once.',
)
@click.option('--api-key-file', metavar='PATH', help="Read the key from this file ('-': stdin).")
@click.option(
    '--api-key-stdin', is_flag=True, help='Read the key from stdin (a hidden prompt on a terminal).'
)
@click.option(
    '--header',
    metavar='FILE|-',
    help="Lint an Authorization header, curl command or HTTP request from FILE or stdin ('-').",
)
@click.option(
    '--endpoint',
    default=DEFAULT_ENDPOINT,
    metavar='URL',
    help='Fireflies endpoint: the official one or a loopback test server.',
)
@click.option(
    '--timeout',
    type=click.FloatRange(min=0, min_open=True, max=600),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    metavar='SECONDS',
    help='How long the live check may take in all.',
)
@click.option(
    '--expect-email', metavar='EMAIL', help='Fail unless the key belongs to this account.'
)
@SHOW_IDENTITY_OPTION
@click.option('--offline', is_flag=True, help='Only offline checks; send no request.')
@click.option('--strict', is_flag=True, help='Treat warnings as failures.')
@click.option('-v', '--verbose', is_flag=True, help='Show every check, not only the problems.')
@click.option('--fix', is_flag=True, help='Offer to repair ./.env (quotes, newlines, BOM, export).')
@click.option('--yes', is_flag=True, help='With --fix: apply without asking.')
@FORMAT_OPTION
@OUTPUT_OPTION
@QUIET_OPTION
@click.pass_context
def doctor(ctx: click.Context, /, **kw: typing.Any) -> None:
    """Find the Fireflies API key, diagnose it offline, then ask Fireflies once."""
    import ffaudit.doctor
    from ffaudit.doctor.summary import summarize

    doctor_input.refuse_arguments(ctx.args)
    fmt = resolve_format(kw['fmt'])
    opts = _Options(*(kw[f.name] for f in dataclasses.fields(_Options)))
    read = _read_once(opts)
    inp = _build_input(opts, read)
    if kw['fix']:
        from ffaudit.cli.doctor_fix import offer_fixes

        inp = offer_fixes(inp, lambda: _build_input(opts, read), yes=kw['yes'])
    results = _run(inp, kw['offline'], fmt)
    code = ffaudit.doctor.exit_code(results, strict=kw['strict'])
    summary = summarize(inp, code, results, offline=kw['offline'], verbose=kw['verbose'])
    shown = problems(results) if kw['quiet'] else results
    echo_checks(shown, summary, fmt, kw['output_file'])
    ctx.exit(code)
