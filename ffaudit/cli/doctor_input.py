"""How ``ffaudit doctor`` takes its input like a credential prompt: stdin, files, never argv.

A key typed on the command line is already in the shell history by the time ffaudit sees it:
say so, and how to pass it safely, without ever echoing it.
"""

from __future__ import annotations

import os
import sys

import click

from ffaudit.errors import ExitCode
from ffaudit.errors import FfauditError
from ffaudit.redaction import mask_argv_like

SAFE_WAYS = 'pass it with --api-key-stdin, --api-key-file PATH or the FIREFLIES_API_KEY variable'
IN_HISTORY = (
    'the argument <redacted> looks like an API key: ffaudit never reads keys from the command '
    'line, and it is now in your shell history (bash: history -d -1; zsh: edit ~/.zsh_history); '
    f'regenerate it if others share this machine, then {SAFE_WAYS}'
)
PROMPT = 'Fireflies API key (input hidden; paste it, then press Enter): '
PASTE = 'Paste the header, request or command, then press Ctrl-D (Ctrl-Z, Enter on Windows):'


def key_shaped(text: str) -> bool:
    """``text`` holds something shaped like a key (a UUID, 32+ hex digits, a long token)."""
    return mask_argv_like(text) != text


def refuse_arguments(args: list[str]) -> None:
    """Reject stray arguments; a key-shaped one gets the shell-history advice (exit 2)."""
    if any(key_shaped(arg) for arg in args):
        raise FfauditError(IN_HISTORY, ExitCode.USAGE)
    if args:
        first = args[0]
        what = 'no such option' if first.startswith('-') else 'unexpected argument'
        raise click.UsageError(f'{what}: {mask_argv_like(first)}')


def read_stdin(what: str) -> str:
    """Text from stdin (size cap, encodings) for ``what`` (an option name)."""
    from ffaudit import user_files
    from ffaudit.doctor.key.key_file import READ_LIMIT
    from ffaudit.doctor.key.key_file import decode_input

    return decode_input(user_files.read_stdin(what, READ_LIMIT), what)  # closed stdin: one line


def read_key_stdin() -> str:
    """The key from stdin: a hidden prompt on a terminal (getpass), else the piped text."""
    if not _terminal():
        return read_stdin('--api-key-stdin')
    import getpass

    try:
        return getpass.getpass(PROMPT, stream=sys.stderr)
    except EOFError:  # Ctrl-D before Enter
        return ''


def read_header(value: str) -> str:
    """``--header -`` (stdin) or ``--header FILE``; a key given here is refused, not read."""
    if value == '-':
        if _terminal():
            click.echo(PASTE, err=True)
        return read_stdin('--header -')
    if os.path.lexists(value):  # a FIFO, device or folder is refused by the reader, in one line
        from ffaudit.doctor.key.key_file import read_key_file

        return read_key_file(value, '--header')[0]
    if key_shaped(value):
        raise FfauditError(IN_HISTORY, ExitCode.USAGE)
    raise click.UsageError(f"--header {mask_argv_like(value)}: no such file (or '-' for stdin)")


def _terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()  # None: stdin closed (<&-)


def header_source(value: str | None) -> str:
    """The key source name for ``--header VALUE``: ``header:stdin`` or ``header:FILE``."""
    return 'header:stdin' if value in (None, '-') else f'header:{mask_argv_like(value or "")}'


def key_file_or_refuse(path: str) -> str:
    """``--api-key-file PATH`` as given, unless PATH is a key pasted where a path belongs."""
    if path != '-' and not os.path.lexists(path) and key_shaped(path):
        raise FfauditError(IN_HISTORY, ExitCode.USAGE)
    return path
