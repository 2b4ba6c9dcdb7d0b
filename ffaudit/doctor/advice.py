"""What each kind of Fireflies answer means and what to do about it. Pure: texts only.

Codes and metadata: docs.fireflies.ai/miscellaneous/error-codes; ``auth_failed``:
docs.fireflies.ai/fundamentals/authorization (FAQ). Wording: "rejected", never "expired"
(cli/cli #7858: a tool cannot know a key was ever valid).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Mapping
from typing import Any

from ffaudit.doctor.diagnosis import Diagnosis
from ffaudit.doctor.diagnosis import Identity
from ffaudit.doctor.diagnosis import Verdict

KEY_PAGE = 'app.fireflies.ai → Integrations → Fireflies API'
REJECTED_HINT = (
    f'The key is wrong, or was regenerated or revoked. Compare its fingerprint with the key in '
    f'{KEY_PAGE}: printf %s "$KEY" | sha256sum | cut -c1-12; if they differ, update the secret '
    '(regenerating a key invalidates the old one).'
)
# code -> (message, hint); the key was recognised but cannot be used for this query right now.
LIMITED: dict[str, tuple[str, str]] = {
    'account_cancelled': (
        'Fireflies knows the key, but its account is inactive (account_cancelled)',
        'Reactivate the Fireflies subscription, or contact Fireflies support if unexpected.',
    ),
    'paid_required': (
        'Fireflies knows the key, but this needs a paid plan (paid_required{tier})',
        'Upgrade the workspace plan, or use a key from an account on a paid plan.',
    ),
    'forbidden': (
        'Fireflies knows the key, but refused the query (forbidden)',
        'The account lacks permission for this action: ask a workspace admin.',
    ),
    'not_authorized': (
        'Fireflies knows the key, but refused the query (not_authorized)',
        'The account lacks permission for this action: ask a workspace admin.',
    ),
    'require_elevated_privilege': (
        'Fireflies knows the key, but the query needs admin rights (require_elevated_privilege)',
        'Use a key of an admin account, or ask an admin to grant the role.',
    ),
    'not_in_team': (
        'Fireflies knows the key, but its user is not in the team (not_in_team)',
        'Use a key of a member of that team, or ask an admin to add the user.',
    ),
    'require_ai_credits': (
        'Fireflies knows the key, but the account has no AI credits left (require_ai_credits)',
        'Buy AI credits or upgrade the plan (app.fireflies.ai/upgrade).',
    ),
    'too_many_requests': (
        'Fireflies is rate-limiting this key; it was not rejected (too_many_requests{wait})',
        'Retry later. Free and Pro plans allow 50 API requests a day, each doctor probe uses one.',
    ),
}
SERVER_CODES = frozenset({'invariant_violation', 'request_timeout'})
_PRIORITY = ('auth_failed', 'too_many_requests', *LIMITED)
_NOT_FIREFLIES_HINT = (
    'A firewall, proxy or captive portal may have answered instead of Fireflies: '
    'try another network, or ask IT to allow api.fireflies.ai.'
)
_PROBLEMS = {
    'html-answer': 'an HTML page',
    'truncated-json': 'incomplete JSON (the answer was cut short)',
    'binary-answer': 'binary data',
    'empty-answer': 'an empty body',
    'not-json': 'something other than Fireflies JSON',
    '': 'JSON without a user or a Fireflies error',
}


def accepted(status: int | None, ident: Identity) -> Diagnosis:
    """Fireflies returned the key's user."""
    msg = 'Fireflies accepted the key'
    return Diagnosis(Verdict.ACCEPTED, 'accepted', msg, http_status=status, identity=ident)


def most_telling(by_code: Mapping[str, Any], status: int | None) -> str:
    """Pick the error that decides the verdict when Fireflies lists several."""
    for code in _PRIORITY:
        if code in by_code:
            return code
    return next(iter(by_code))


def for_code(code: str, status: int | None, meta: Mapping[str, Any], wait: int | None) -> Diagnosis:
    """Diagnose one Fireflies error code (``status`` is the HTTP status, if known)."""
    http = f', HTTP {status}' if status is not None else ''
    if code == 'auth_failed' or (
        code not in LIMITED and code not in SERVER_CODES and status in (401, 403)
    ):
        shown = code or 'no code'
        return Diagnosis(
            Verdict.REJECTED,
            code or 'auth_failed',
            f'Fireflies rejected the key ({shown}{http})',
            REJECTED_HINT,
            status,
        )
    if code in LIMITED:
        message, hint = LIMITED[code]
        tier = f': tier {meta["tier"]}' if meta.get('tier') else ''
        after = f': retry in {wait} s' if wait is not None else ''
        return Diagnosis(
            Verdict.LIMITED, code, message.format(tier=tier, wait=after), hint, status, wait
        )
    if code in SERVER_CODES:
        msg = f'Fireflies had a temporary problem ({code}{http}); nothing is known about the key'
        return Diagnosis(Verdict.INCONCLUSIVE, code, msg, 'Try again in a few minutes.', status)
    msg = f'Fireflies answered with an unexpected error ({code or "no code"}{http})'
    return Diagnosis(
        Verdict.INCONCLUSIVE,
        code or 'unknown-error',
        msg,
        'See the help URLs, if any, or contact Fireflies support.',
        status,
    )


def not_fireflies(status: int | None, problem: str, content_type: str) -> Diagnosis:
    """Diagnose an answer that carries no Fireflies envelope."""
    http = f'HTTP {status}' if status is not None else 'the answer'
    what = _PROBLEMS.get(problem, problem)
    ctype = f' ({content_type.split(";")[0]})' if content_type else ''
    if status is not None and status >= 500:
        msg = f'Fireflies or a gateway failed ({http}, {what}); nothing is known about the key'
        return Diagnosis(
            Verdict.INCONCLUSIVE, 'server-error', msg, 'Try again in a few minutes.', status
        )
    msg = f'{http} carried {what}{ctype}, not a Fireflies answer; nothing is known about the key'
    return Diagnosis(Verdict.INCONCLUSIVE, problem or 'no-user', msg, _NOT_FIREFLIES_HINT, status)


def redirect(status: int, url: str, location: str) -> Diagnosis:
    """Explain a 3xx: where it points and what clients would strip or rewrite on the way."""
    src = urllib.parse.urlsplit(url)
    dst = urllib.parse.urlsplit(urllib.parse.urljoin(url, location))
    target = f'{dst.scheme}://{dst.netloc.rpartition("@")[2]}'
    effects = []
    if _origin(dst) != _origin(src):
        effects.append('clients drop the Authorization header when host, port or scheme changes')
    if src.scheme == 'https' and dst.scheme == 'http':
        effects.append('the key would travel in clear text')
    if status in (301, 302, 303):
        effects.append('POST becomes GET and the GraphQL query is dropped')
    msg = f'The endpoint redirects (HTTP {status}) to {target}; ffaudit did not follow it'
    said = '; '.join(effects)
    hint = f'{said[:1].upper()}{said[1:]}. ' if said else ''
    hint += 'Use the final URL, normally https://api.fireflies.ai/graphql.'
    return Diagnosis(Verdict.REDIRECT, f'redirect-{status}', msg, hint, status)


def _origin(parts: urllib.parse.SplitResult) -> tuple[str, str | None, str]:
    try:
        port = str(parts.port or '')
    except ValueError:  # a garbled Location port: compare it as text
        port = parts.netloc.rpartition(':')[2]
    return parts.scheme, parts.hostname, port
