"""Classify one Fireflies answer (status, headers, body) into a verdict. Pure: no I/O.

Evidence: docs/evidence.md#error-envelope, #auth_failed, #not-fireflies.

Body first, then status: Fireflies reports errors both as HTTP errors and as HTTP 200 with a
GraphQL ``errors[]`` array (docs.fireflies.ai/fundamentals/errors; fireflies-node-sdk
``src/fireflies.ts``). The HTTP status of ``auth_failed`` is undocumented, so both are accepted.
Every field taken from the answer passes through ``scrub.text`` (no key, no control
characters, bounded length), and the finished Diagnosis through ``scrub.scrub``.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections.abc import Iterable
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from ffaudit.fireflies import advice
from ffaudit.fireflies import ratelimit
from ffaudit.fireflies import redirects
from ffaudit.fireflies import scrub
from ffaudit.fireflies.diagnosis import Diagnosis
from ffaudit.fireflies.diagnosis import Identity
from ffaudit.fireflies.diagnosis import Verdict

__all__ = ['Diagnosis', 'Identity', 'Verdict', 'classify']
# words other clients take as "bad key" in an error message (docs/evidence.md#error-envelope)
AUTH_WORDS = re.compile(r'(?i)unauthori[sz]ed|unauthenticated|authentication|invalid api[ _-]?key')
# a 403 says less: AWS gateways answer 403 'Missing Authentication Token' for a wrong path
_AUTH_WORDS_403 = re.compile(r'(?i)unauthori[sz]ed|invalid api[ _-]?key')
# a GraphQL server that could not read the request: no JSON body or a wrong Content-Type
# (Apollo Server 2-4 incl. its CSRF prevention, express-graphql: docs/evidence.md#not-fireflies)
_BAD_REQUEST = re.compile(
    r'(?i)POST body (?:missing|sent invalid JSON)|invalid Content-Type|Cross-Site Request Forgery'
    r'|Must provide (?:query string|document)|must contain a non-empty .query.'
    r'|Unsupported Media Type'
)
_MAX_ITEMS = 100


@dataclasses.dataclass(frozen=True)
class _Answer:
    status: int | None
    headers: Mapping[str, str] = dataclasses.field(repr=False)  # lower-cased names
    now: float
    secrets: tuple[str, ...] = dataclasses.field(repr=False)

    def text(self, value: object, limit: int = scrub.LIMIT) -> str:
        return scrub.text(value, self.secrets, limit)


def classify(
    status: int | None,
    headers: Mapping[str, str],
    body: bytes,
    *,
    url: str = '',
    now: float = 0.0,
    secrets: Iterable[str] = (),
) -> Diagnosis:
    """Classify a Fireflies answer; ``status`` is None when only the body is known.

    ``secrets`` (the key that was sent) are masked wherever the answer repeats them.
    """
    low = {k.lower(): v for k, v in headers.items()}
    ans = _Answer(status, low, now, tuple(secrets))
    diag = _classify(ans, body, url)
    limits = ratelimit.remaining(low, ans.text)
    diag = dataclasses.replace(diag, details=(*diag.details, *limits))
    return scrub.scrub(diag, ans.secrets)


def _classify(ans: _Answer, body: bytes, url: str) -> Diagnosis:
    if ans.status is not None and 300 <= ans.status < 400 and 'location' in ans.headers:
        return redirects.explain(ans.status, url, ans.headers['location'])
    parsed, problem = _parse(body, ans.headers.get('content-type', ''))
    if parsed is not None and len(_as_list(parsed.get('errors'), None)) > _MAX_ITEMS:
        parsed, problem = None, 'too-many-errors'
    said = _unread_request(parsed, body)
    if said:
        return advice.bad_request(ans.status, ans.text(said, 120))
    if parsed is not None:
        found = _from_envelope(ans, parsed)
        if found is not None:
            return found
    if ans.status == 429:
        return _rate_limited(ans, 'too_many_requests', {}, {})
    ctype = ans.text(ans.headers.get('content-type', '').split(';')[0].strip(), 60)
    return advice.not_fireflies(ans.status, problem, ctype)


def _parse(body: bytes, content_type: str) -> tuple[dict[str, Any] | None, str]:
    try:
        text = body.decode('utf-8-sig')
    except UnicodeDecodeError:
        return None, 'binary-answer'
    stripped = text.strip()
    if not stripped:
        return None, 'empty-answer'
    if 'html' in content_type.lower() or stripped.startswith('<'):
        return None, 'html-answer'
    try:
        value = json.loads(stripped)
    except ValueError:
        return None, 'truncated-json' if stripped.startswith(('{', '[')) else 'not-json'
    except RecursionError:  # nested deeper than Python's stack: no real answer looks like that
        return None, 'too-deep'
    return (value, '') if isinstance(value, dict) else (None, 'not-json')


def _from_envelope(ans: _Answer, doc: dict[str, Any]) -> Diagnosis | None:
    errors = [e for e in _as_list(doc.get('errors')) if isinstance(e, dict)]
    data = _as_dict(doc.get('data'))
    user = data.get('user')
    if isinstance(user, dict):
        ident = Identity(*(ans.text(user.get(f)) for f in ('user_id', 'name', 'email')))
        codes = [ans.text(_error_code(e), 60) or 'no code' for e in errors]
        return advice.accepted(ans.status, ident, codes)
    if errors:
        return _from_errors(ans, errors)
    if 'user' in data and user is None:
        return advice.no_user(ans.status)
    message = doc.get('message')
    if isinstance(message, str) and _bare_auth_message(ans.status, message):
        return advice.rejected_unusual(ans.status, '', ans.text(message, 80))
    return None


def _unread_request(doc: dict[str, Any] | None, body: bytes) -> str:
    if doc is None:
        texts: Sequence[object] = body[:4096].decode('utf-8', 'replace').splitlines()
    elif isinstance(_as_dict(doc.get('data')).get('user'), dict):
        return ''
    else:
        errors = [e for e in _as_list(doc.get('errors')) if isinstance(e, dict)]
        unknown = [e for e in errors if advice.is_unknown(_error_code(e))]
        texts = [doc.get('message'), *(e.get('message') for e in unknown)]
    for text in texts:
        if isinstance(text, str) and _BAD_REQUEST.search(text):
            return text.strip()
    return ''


def _bare_auth_message(status: int | None, message: str) -> bool:
    # the official SDK's own fixture: HTTP 401 {"message": "Unauthorized"}
    return status == 401 or (status == 403 and _AUTH_WORDS_403.search(message) is not None)


def _as_dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _as_list(value: object, limit: int | None = _MAX_ITEMS) -> list[Any]:
    # a real answer holds a few errors; a million-item list is read no further than this
    return value[:limit] if isinstance(value, list) else []


def _error_code(err: dict[str, Any]) -> str:
    code = err.get('code') or _as_dict(err.get('extensions')).get('code') or ''
    return code if isinstance(code, str) else ''


def _from_errors(ans: _Answer, errors: list[dict[str, Any]]) -> Diagnosis:
    by_code = {_error_code(e): e for e in reversed(errors)}
    code = advice.most_telling(by_code, ans.status)
    err = by_code.get(code, errors[0])
    ext = _as_dict(err.get('extensions'))
    meta = _as_dict(ext.get('metadata'))
    message = err.get('message')
    if advice.is_unknown(code) and isinstance(message, str) and AUTH_WORDS.search(message):
        base = advice.rejected_unusual(ans.status, ans.text(code, 60), ans.text(message, 80))
    else:
        tier = {'tier': ans.text(meta.get('tier'), 40)}
        base = _rate_limited(ans, ans.text(code, 60), tier, meta)
    urls = ext.get('helpUrls')
    urls = [urls] if isinstance(urls, str) else _as_list(urls)
    return dataclasses.replace(
        base,
        help_urls=tuple(ans.text(u) for u in urls[:3] if isinstance(u, str)),
        correlation_id=ans.text(ext.get('correlationId') or err.get('correlationId'), 100),
    )


def _rate_limited(
    ans: _Answer, code: str, shown: Mapping[str, str], meta: Mapping[str, Any]
) -> Diagnosis:
    at = ratelimit.retry_at(ans.headers, meta, ans.now) if code == 'too_many_requests' else None
    if at is None:
        return advice.for_code(code, ans.status, shown, None)
    wait = max(0, math.ceil(at - ans.now))
    return advice.for_code(code, ans.status, shown, wait, ratelimit.describe(at, ans.now))
