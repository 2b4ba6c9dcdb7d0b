"""Classify one Fireflies answer (status, headers, body) into a verdict. Pure: no I/O.

Body first, then status: Fireflies reports errors both as HTTP errors and as HTTP 200 with a
GraphQL ``errors[]`` array (docs.fireflies.ai/fundamentals/errors; fireflies-node-sdk
``src/fireflies.ts``). The HTTP status of ``auth_failed`` is undocumented, so both are accepted.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any

from ffaudit.doctor import advice
from ffaudit.doctor import ratelimit
from ffaudit.doctor.diagnosis import Diagnosis
from ffaudit.doctor.diagnosis import Identity
from ffaudit.doctor.diagnosis import Verdict

__all__ = ['Diagnosis', 'Identity', 'Verdict', 'classify']


def classify(
    status: int | None,
    headers: Mapping[str, str],
    body: bytes,
    *,
    url: str = '',
    now: float = 0.0,
) -> Diagnosis:
    """Classify a Fireflies answer; ``status`` is None when only the body is known."""
    low = {k.lower(): v for k, v in headers.items()}
    if status is not None and 300 <= status < 400 and 'location' in low:
        return advice.redirect(status, url, low['location'])
    parsed, problem = _parse(body, low.get('content-type', ''))
    if parsed is not None:
        found = _from_envelope(status, low, parsed, now)
        if found is not None:
            return found
    return _from_status(status, low, problem, now)


def _parse(body: bytes, content_type: str) -> tuple[dict[str, Any] | None, str]:
    try:
        text = body.decode('utf-8')
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
    return (value, '') if isinstance(value, dict) else (None, 'not-json')


def _from_envelope(
    status: int | None, headers: Mapping[str, str], doc: dict[str, Any], now: float
) -> Diagnosis | None:
    errors = [e for e in doc.get('errors') or () if isinstance(e, dict)]
    if errors:
        return _from_errors(status, headers, errors, now)
    data = doc.get('data')
    user = data.get('user') if isinstance(data, dict) else None
    if isinstance(user, dict):
        ident = Identity(*(str(user.get(f) or '') for f in ('user_id', 'name', 'email')))
        return advice.accepted(status, ident)
    return None


def _as_dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _error_code(err: dict[str, Any]) -> str:
    return str(err.get('code') or _as_dict(err.get('extensions')).get('code') or '')


def _from_errors(
    status: int | None, headers: Mapping[str, str], errors: list[dict[str, Any]], now: float
) -> Diagnosis:
    by_code = {_error_code(e): e for e in reversed(errors)}
    code = advice.most_telling(by_code, status)
    err = by_code.get(code, errors[0])
    ext = _as_dict(err.get('extensions'))
    meta = _as_dict(ext.get('metadata'))
    wait = ratelimit.retry_after(headers, meta, now) if code == 'too_many_requests' else None
    base = advice.for_code(code, status, meta, wait)
    urls = ext.get('helpUrls') or ()
    return dataclasses.replace(
        base,
        help_urls=tuple(str(u) for u in urls if isinstance(u, str)),
        correlation_id=str(ext.get('correlationId') or err.get('correlationId') or ''),
    )


def _from_status(
    status: int | None, headers: Mapping[str, str], problem: str, now: float
) -> Diagnosis:
    if status == 429:
        wait = ratelimit.retry_after(headers, {}, now)
        return advice.for_code('too_many_requests', status, {}, wait)
    return advice.not_fireflies(status, problem, headers.get('content-type', ''))
