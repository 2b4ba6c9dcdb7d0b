"""``ffaudit doctor``: explain why Fireflies authentication fails."""

from __future__ import annotations

import dataclasses
import os
import re
import sys
import typing

import click

from ffaudit.cli.checks_output import FORMAT_OPTION
from ffaudit.cli.checks_output import SHOW_IDENTITY_OPTION
from ffaudit.cli.checks_output import echo_checks
from ffaudit.cli.checks_output import resolve_format
from ffaudit.doctor.inputs import DEFAULT_ENDPOINT
from ffaudit.doctor.inputs import DEFAULT_TIMEOUT

if typing.TYPE_CHECKING:
    from ffaudit.doctor.inputs import DoctorInput

EPILOG = """\b
Key sources, first one set wins: --header -, --api-key-file PATH, --api-key-stdin,
FIREFLIES_API_KEY, ./.env. The key is never accepted on the command line and never
printed: only its source, length and a SHA-256 fingerprint (compare with
printf %s "$FIREFLIES_API_KEY" | sha256sum | cut -c1-12).

\b
Live check: one read-only request to Fireflies. On Free/Pro plans each live run
spends one of your 50 daily API requests; use --offline to avoid it.

\b
Exit codes (same with every --format):
  0  every check passed (warnings allowed, unless --strict)
  1  a check failed (or warned, with --strict)
  2  usage error or unusable input
  3  inconclusive: Fireflies could not be asked (network, TLS, rate limit, 5xx)
"""


# one local@domain.tld, no display name ("Jane <j@x>"), spaces, brackets or second '@'
_EMAIL_RE = re.compile(r'[^@\s<>()\[\],;:"]+@[^@\s<>()\[\],;:"]+\.[^@\s<>()\[\],;:".]+')


@dataclasses.dataclass(frozen=True)
class _Options:
    api_key_file: str | None
    api_key_stdin: bool
    header: str | None
    endpoint: str
    timeout: float
    expect_email: str | None
    show_identity: bool


def _read_stdin(what: str) -> str:
    from ffaudit.doctor.key.key_file import READ_LIMIT
    from ffaudit.doctor.key.key_file import decode_input

    return decode_input(sys.stdin.buffer.read(READ_LIMIT + 1), what)


def _check_email(email: str | None) -> None:
    # never echo the value: a key pasted here by mistake must not come back
    if email is not None and not _EMAIL_RE.fullmatch(email.strip()):
        raise click.UsageError('--expect-email needs a plain address such as you@acme.com')


def _build_input(opts: _Options) -> DoctorInput:
    from ffaudit.doctor.key import sources

    if opts.header is not None and opts.header != '-':
        raise click.UsageError("--header only takes '-' (read from stdin): keep keys off argv")
    stdin_key = opts.api_key_stdin or opts.api_key_file == '-'
    if opts.header is not None and stdin_key:
        raise click.UsageError('--header - and the key from stdin both read stdin: use one')
    _check_email(opts.expect_email)
    return sources.resolve(
        env=dict(os.environ),
        cwd=os.getcwd(),
        key_file=None if opts.api_key_file == '-' else opts.api_key_file,
        stdin_key=_read_stdin('--api-key-stdin') if stdin_key else None,
        header=_read_stdin('--header -') if opts.header is not None else None,
        endpoint=opts.endpoint,
        timeout=opts.timeout,
        expect_email=opts.expect_email,
        show_identity=opts.show_identity,
    )


@click.command(epilog=EPILOG)
@click.option('--api-key-file', metavar='PATH', help="Read the key from this file ('-': stdin).")
@click.option('--api-key-stdin', is_flag=True, help='Read the key from stdin.')
@click.option(
    '--header',
    metavar='-',
    help="Lint an Authorization header, curl command or HTTP request read from stdin ('-').",
)
@click.option('--endpoint', default=DEFAULT_ENDPOINT, show_default=True, help='GraphQL endpoint.')
@click.option(
    '--timeout',
    type=click.FloatRange(min=0.1, max=300),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help='Seconds for the live check.',
)
@click.option(
    '--expect-email', metavar='EMAIL', help='Fail unless the key belongs to this account.'
)
@SHOW_IDENTITY_OPTION
@click.option('--offline', is_flag=True, help='Only offline checks; send no request.')
@click.option('--strict', is_flag=True, help='Treat warnings as failures.')
@FORMAT_OPTION
@click.pass_context
def doctor(
    ctx: click.Context,
    api_key_file: str | None,
    api_key_stdin: bool,
    header: str | None,
    endpoint: str,
    timeout: float,
    expect_email: str | None,
    show_identity: bool,
    offline: bool,
    strict: bool,
    fmt: str | None,
) -> None:
    """Find the Fireflies API key, diagnose it offline, then ask Fireflies once."""
    import ffaudit.doctor
    from ffaudit.doctor.summary import summarize

    opts = _Options(
        api_key_file, api_key_stdin, header, endpoint, timeout, expect_email, show_identity
    )
    inp = _build_input(opts)
    results = ffaudit.doctor.run(inp, offline=offline)
    code = ffaudit.doctor.exit_code(results, strict=strict)
    echo_checks(results, summarize(inp, code), resolve_format(fmt))
    ctx.exit(code)
