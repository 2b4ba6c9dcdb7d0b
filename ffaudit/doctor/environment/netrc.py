"""env.netrc: a netrc entry for the endpoint host (or ``default``) replaces a headers= Bearer.

requests reads NETRC, else ~/.netrc, else ~/_netrc, and ignores files it cannot read or parse
(docs/evidence.md#requests-netrc). Only entry names are reported, never logins or passwords.
"""

from __future__ import annotations

import netrc
import os
from collections.abc import Mapping

from ffaudit import user_files
from ffaudit.doctor.environment import endpoint_url
from ffaudit.doctor.environment.versions import version_tuple
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.model import CheckResult
from ffaudit.model import Status

SECTION = 'Environment'


def netrc_path(env: Mapping[str, str]) -> str:
    """The netrc file requests would read: NETRC, else ~/.netrc, else ~/_netrc."""
    if env.get('NETRC'):
        return env['NETRC']
    home = env.get('HOME') or os.path.expanduser('~')
    plain = os.path.join(home, '.netrc')
    windows = os.path.join(home, '_netrc')
    return windows if not os.path.exists(plain) and os.path.exists(windows) else plain


def _unreadable(path: str, exc: Exception) -> CheckResult:
    if isinstance(exc, netrc.NetrcParseError):  # its message can quote file text: line only
        msg = f'{path} cannot be parsed (line {exc.lineno}); requests ignores it, curl -n does not'
        hint = f'Fix line {exc.lineno} of {path}, or remove the file'
    elif isinstance(exc, IsADirectoryError):
        msg, hint = f'{path} is a directory, not a netrc file', 'Point NETRC at a file, or unset it'
    elif isinstance(exc, PermissionError):
        msg = f'{path} cannot be read (permission denied); requests ignores it'
        hint = f'Make it yours and private: chmod 600 {path}'
    elif isinstance(exc, UnicodeDecodeError):
        msg = f'{path} is not UTF-8 text; requests ignores it'
        hint = 'Re-save it as UTF-8 (or plain ASCII)'
    else:
        msg = f'{path} cannot be read ({type(exc).__name__}); requests ignores it'
        hint = 'Check the file, or remove it'
    return CheckResult('env.netrc', Status.WARN, msg, hint, SECTION)


def check_netrc(inp: DoctorInput) -> CheckResult:
    """A netrc entry for the endpoint host (or ``default``) turns headers= Bearer into Basic."""
    path = netrc_path(inp.env)
    if not os.path.exists(path):
        msg = f'NETRC points to {path}, which does not exist' if inp.env.get('NETRC') else ''
        return CheckResult('env.netrc', Status.PASS, msg or 'No netrc file', '', SECTION)
    kind = user_files.special_kind(os.stat(path).st_mode)  # netrc.netrc() would wait on a FIFO
    if kind:
        hint = 'Point NETRC at a file, or unset it'
        return CheckResult(
            'env.netrc', Status.WARN, f'{path} is {kind}, not a netrc file', hint, SECTION
        )
    try:
        hosts = netrc.netrc(path).hosts
    except (netrc.NetrcParseError, OSError, UnicodeDecodeError) as exc:
        return _unreadable(path, exc)
    parts = endpoint_url.split(inp.endpoint)
    host = (parts.hostname if parts else None) or ''
    entries = [n for n in (host, 'default') if n and n in hosts]
    if not entries:
        return CheckResult('env.netrc', Status.PASS, f'{path} has no entry for {host}', '', SECTION)
    entry = entries[0]  # requests falls back to 'default' only when the host has no entry
    if not any(hosts[entry]):
        return _empty_entry(path, entry)
    msg = f'{path} has {_a(entry)} "{entry}" entry: requests with headers= sends Basic auth instead'
    hint = 'ffaudit uses auth= and is immune; in your code pass auth= or remove the entry'
    return CheckResult('env.netrc', Status.WARN, msg, hint, SECTION)


def _a(word: str) -> str:
    return 'an' if word[:1].lower() in 'aeiou' else 'a'


def _empty_entry(path: str, entry: str) -> CheckResult:
    # requests < 2.33 turns an entry without login/password into 'Basic Og==';
    # 2.33.0 (psf/requests#7205) ignores it.
    version = _requests_version()
    what = f'{path} has {_a(entry)} "{entry}" entry without login or password'
    if version and version_tuple(version) < (2, 33):
        msg = f"{what}: requests {version} sends 'Basic Og==' instead of a headers= Bearer"
        hint = 'pip install -U "requests>=2.33", or remove the entry'
        return CheckResult('env.netrc', Status.WARN, msg, hint, SECTION)
    msg = f'{what}; requests {version or "(not installed)"} ignores it'
    return CheckResult('env.netrc', Status.PASS, msg, '', SECTION)


def _requests_version() -> str:
    from ffaudit.doctor.environment.versions import installed_version

    return installed_version('requests') or ''
