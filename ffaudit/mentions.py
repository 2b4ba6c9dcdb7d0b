"""Mentions of Fireflies that are not use of it: ffaudit's own text, file paths, baselines. Pure.

Review R3 item 8: a detect-secrets baseline naming ``file://.ffaudit/fireflies_plugin.py``, or
ffaudit's text output saved with ``2>&1`` (finding lines, remediation paragraphs that name
app.fireflies.ai and FIREFLIES_API_KEY), made an unrelated ``TOKEN = <uuid>`` a finding.
Real use is the API/app host or a Fireflies name bound or looked up in code or configuration.
"""

from __future__ import annotations

import re

# ``path:line:col: fireflies-api-key abcd... (high)`` and the summary line.
_OUTPUT_LINE_RE = re.compile(
    r'[^\n]*:\d+:\d+: fireflies-(?:api-key|webhook-secret)\b|ffaudit: \d+ finding'
)
# report/rules.py remediation paragraphs, wrapped or not (at most ~700 characters).
_REMEDIATION_RE = re.compile(
    r'Treat\s+a\s+hard-coded\s+Fireflies\s.{0,700}?stays\s+in\s+git\s+history\.', re.S
)
# ``{"version": "1.5.0", "plugins_used": [...`` heads every detect-secrets baseline.
_DS_BASELINE_RE = re.compile(r'\A\ufeff?\s*\{\s*"version"\s*:\s*"[^"]*"\s*,\s*"plugins_used"')
_PATH_CHARS = frozenset('/\\')
_EXTENSION_RE = re.compile(r'[\w-]*\.[A-Za-z]{1,5}(?![\w.])')


def is_detect_secrets_baseline(text: str) -> bool:
    """True when ``text`` starts like a detect-secrets baseline (``.secrets.baseline``)."""
    return _DS_BASELINE_RE.match(text[:300]) is not None


def is_incidental(text: str, start: int, end: int) -> bool:
    """True when the mention ``text[start:end]`` is ffaudit's own output or part of a path."""
    line_start = text.rfind('\n', max(0, start - 1024), start) + 1
    if _OUTPUT_LINE_RE.match(text, line_start, min(len(text), end + 1024)):
        return True
    if _in_path(text, start, end):
        return True
    lo = max(0, start - 800)
    spans = _REMEDIATION_RE.finditer(text, lo, min(len(text), end + 800))
    return any(m.start() <= start and end <= m.end() for m in spans)


def _in_path(text: str, start: int, end: int) -> bool:
    # ``fireflies_`` inside ``.ffaudit/fireflies_plugin.py`` or ``fireflies_notes.md``; a host
    # (``api.fireflies.ai``) or a bound name (``FIREFLIES_API_KEY=``) is never a path.
    if text[start:end].lower().endswith('.ai'):
        return False
    lo = start
    while lo > max(0, start - 200) and (text[lo - 1].isalnum() or text[lo - 1] in '._-/\\~'):
        lo -= 1
    if any(c in _PATH_CHARS for c in text[lo:start]):
        return True
    return _EXTENSION_RE.match(text, start, start + 200) is not None and not _is_code_name(
        text, start
    )


def _is_code_name(text: str, start: int) -> bool:
    # ``fireflies_client.connect()`` or ``fireflies_api.KEY``: a module used in code, not a file.
    m = _EXTENSION_RE.match(text, start, start + 200)
    return m is not None and text[m.end() : m.end() + 1] in ('(', '[')
