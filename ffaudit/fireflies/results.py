"""Turn a Diagnosis into the doctor's 'Fireflies API' check results. Pure: values in and out.

Evidence: docs/evidence.md#error-envelope.
"""

from __future__ import annotations

from ffaudit.fireflies import scrub
from ffaudit.fireflies.diagnosis import Diagnosis
from ffaudit.fireflies.diagnosis import Verdict
from ffaudit.model import CheckResult
from ffaudit.model import Detail
from ffaudit.model import Status

SECTION = 'Fireflies API'


def connect_check(diag: Diagnosis, target: str, elapsed_ms: int) -> CheckResult:
    """'net.connect': did an HTTP answer arrive from ``target`` (scheme://host:port)?"""
    if diag.network:
        return CheckResult('net.connect', Status.INCONCLUSIVE, diag.message, diag.hint, SECTION)
    msg = f'Reached {target} (HTTP {diag.http_status}, {elapsed_ms} ms)'
    return CheckResult('net.connect', Status.PASS, msg, section=SECTION)


def probe_check(diag: Diagnosis, fingerprint: str = '', key_source: str = '') -> CheckResult:
    """'auth.probe': what Fireflies said about the key, with the way forward."""
    if diag.network:
        msg = 'Not probed: no answer from the endpoint'
        return CheckResult('auth.probe', Status.SKIP, msg, section=SECTION)
    message = diag.message
    if diag.verdict is Verdict.REJECTED and fingerprint:
        source = f'key from {key_source}, ' if key_source else ''
        message = f'{message}; {source}fingerprint {fingerprint}'
    return CheckResult(
        'auth.probe', diag.status, message, diag.hint, SECTION, details=_details(diag)
    )


def identity_check(
    diag: Diagnosis, expect_email: str | None = None, reveal: bool = True
) -> CheckResult | None:
    """'auth.identity': who the key belongs to; fails on a different ``expect_email``."""
    ident = diag.identity
    if diag.verdict is not Verdict.ACCEPTED or ident is None:
        return None
    who = _who(ident.name, ident.email if reveal else mask_email(ident.email))
    expected = (expect_email or '').strip()
    if expected and not ident.email:
        msg = f'Could not compare with --expect-email: {_no_email(who)}'
        hint = 'Check the account in app.fireflies.ai; the key itself was accepted.'
        return CheckResult('auth.identity', Status.WARN, msg, hint, SECTION)
    if expected and ident.email.casefold() != expected.casefold():
        msg = f'Key belongs to {who}, not --expect-email {scrub.escape(expected)}'
        hint = 'Use the key of the intended Fireflies account.'
        return CheckResult('auth.identity', Status.FAIL, msg, hint, SECTION)
    if not who:
        msg = 'The answer carried no user details (no name or email) for this key'
        return CheckResult('auth.identity', Status.SKIP, msg, section=SECTION)
    return CheckResult('auth.identity', Status.PASS, f'Key belongs to {who}', section=SECTION)


def _who(name: str, email: str) -> str:
    shown = f'<{email}>' if email else ''
    return f'{name} {shown}'.strip()


def _no_email(who: str) -> str:
    if who:
        return f'the answer names {who} but carries no email'
    return 'the answer carried no user details (no name or email)'


def mask_email(email: str) -> str:
    """Keep the first character of the local part and the domain: ``j***@acme.com``."""
    local, at, domain = email.partition('@')
    return f'{local[:1]}***{at}{domain}' if email else ''


def _details(diag: Diagnosis) -> tuple[tuple[str, Detail], ...]:
    pairs: list[tuple[str, Detail]] = [('verdict', diag.verdict.value)]
    if diag.code != diag.verdict.value:
        pairs.append(('code', diag.code))
    if diag.http_status is not None:
        pairs.append(('http_status', diag.http_status))
    if diag.retry_after is not None:
        pairs.append(('retry_after_seconds', diag.retry_after))
    if diag.help_urls:
        pairs.append(('help_urls', ' '.join(diag.help_urls)))
    if diag.correlation_id:
        pairs.append(('correlation_id', diag.correlation_id))
    return (*pairs, *diag.details)
