"""What each kind of Fireflies answer means and what to do about it. Pure: texts only.

Evidence: docs/evidence.md#error-envelope, #rate-limits, #not-fireflies.

Codes and metadata: docs.fireflies.ai/miscellaneous/error-codes; ``auth_failed``:
docs.fireflies.ai/fundamentals/authorization (FAQ). Wording: "rejected", never "expired"
(cli/cli #7858: a tool cannot know a key was ever valid).
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from ffaudit.fireflies.diagnosis import Diagnosis
from ffaudit.fireflies.diagnosis import Identity
from ffaudit.fireflies.diagnosis import Verdict

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
# the key was sent but not looked at: where to get the fingerprint when none is shown (explain)
FINGERPRINT_HOWTO = (
    'printf %s "$KEY" | sha256sum | cut -c1-12 gives the fingerprint of the key you sent; do the'
    f' same with the key in {KEY_PAGE}: if they differ, update the secret (regenerating a key'
    ' invalidates the old one).'
)
BAD_REQUEST_HINT = (
    "POST a JSON body with Content-Type: application/json: requests.post(url, json={'query': q},"
    ' ...) (not data=), or curl -H \'Content-Type: application/json\' -d \'{"query": "..."}\'.'
)
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
    'too-deep': 'JSON nested too deep to read',
    'too-many-errors': 'an error list far longer than any Fireflies answer',
    '': 'JSON without a user or a Fireflies error',
}


def accepted(status: int | None, ident: Identity, other_codes: Sequence[str] = ()) -> Diagnosis:
    """Fireflies returned the key's user (``other_codes``: errors of a GraphQL partial answer)."""
    msg = 'Fireflies accepted the key'
    if other_codes:
        msg += f' (it also reported unrelated errors: {", ".join(sorted(set(other_codes)))})'
    return Diagnosis(Verdict.ACCEPTED, 'accepted', msg, http_status=status, identity=ident)


def no_user(status: int | None) -> Diagnosis:
    """Fireflies answered in its own format, but ``data.user`` was null and no error said why."""
    http = f'HTTP {status}' if status is not None else 'the answer'
    msg = f'Fireflies answered ({http}) but returned no user for this key (data.user is null)'
    hint = (
        f'The key may belong to a removed user or workspace. Compare its fingerprint with the key'
        f' in {KEY_PAGE}; if it matches, contact Fireflies support.'
    )
    return Diagnosis(Verdict.INCONCLUSIVE, 'no-user', msg, hint, status)


def rejected_unusual(status: int | None, code: str, said: str) -> Diagnosis:
    """An auth refusal outside the documented envelope: HTTP 401 {"message"}, or auth words."""
    http = f'HTTP {status}, ' if status is not None else ''
    shown = f'{code}, ' if code else ''
    msg = (
        f'Fireflies rejected the key ({shown}{http}"{said}"; this answer is not the documented'
        ' error format, so a proxy could also have sent it)'
    )
    return Diagnosis(Verdict.REJECTED, code or 'auth-message', msg, REJECTED_HINT, status)


def is_unknown(code: str) -> bool:
    """Not a code ffaudit has advice for (empty included)."""
    return code != 'auth_failed' and code not in LIMITED and code not in SERVER_CODES


def most_telling(by_code: Mapping[str, Any], status: int | None) -> str:
    """Pick the error that decides the verdict when Fireflies lists several."""
    for code in _PRIORITY:
        if code in by_code:
            return code
    return next(iter(by_code))


def for_code(
    code: str, status: int | None, meta: Mapping[str, Any], wait: int | None, when: str = ''
) -> Diagnosis:
    """Diagnose one Fireflies error code (``status`` is the HTTP status, if known).

    ``wait``: seconds until a retry makes sense; ``when`` says it in words (``ratelimit.describe``).
    """
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
        after = f': {when or f"retry in {wait} s"}' if wait is not None else ''
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


def bad_request(status: int | None, said: str) -> Diagnosis:
    """The server could not read the request: no JSON body, or a wrong Content-Type."""
    http = f'HTTP {status}, ' if status is not None else ''
    msg = (
        f'The request lacked Content-Type: application/json or a JSON body ({http}"{said}");'
        ' nothing is known about the key'
    )
    return Diagnosis(Verdict.INCONCLUSIVE, 'bad-request', msg, BAD_REQUEST_HINT, status)
