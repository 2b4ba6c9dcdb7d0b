"""Does a text use Fireflies? Hosts, SDK and ``FIREFLIES_*`` mentions, other vendors. Pure.

Evidence: docs/evidence.md#names-and-hosts, #repository-context, #other-vendors.

Split from ``names`` (name classification). Also: ffaudit's own outputs never count, and which
files the repository-context rule may promote generic-name candidates in.
"""

from __future__ import annotations

import re

NOTE_SUFFIXES = ('.md', '.mdx', '.markdown', '.txt', '.rst')  # notes: the ``prose`` rules' files
_TEST_DIRS = frozenset({'tests', 'test', 'fixtures', '__tests__', 'spec'})
_CONFIG_SUFFIXES = frozenset(
    'yaml yml json properties ini toml cfg conf xml tf tfvars env config'.split()
)
# ffaudit's own rule ids (``fireflies-api-key``) in prose, SARIF or baselines
# are not evidence; ffaudit's JSON/SARIF reports and baselines are recognised by their head.
_TALKS_RE = re.compile(
    r'(?i)fireflies(?:\.ai|ai|_|[_-]?key|[_-]?token|[_-]?client|[_-]?sdk|api|-api(?!-key)'
    r'|webhook|-webhook(?!-secret))'
)
TALKS_GREP = r'fireflies(\.ai|ai|_|-?(api|key|token|webhook|client|sdk))'  # git grep -E -i
_OWN_OUTPUT_RE = re.compile(
    r'\A\ufeff?\s*\{.{0,400}?"(?:tool|driver)"\s*:\s*(?:\{\s*"name"\s*:\s*)?"ffaudit"', re.S
)
_NON_ALNUM_RE = re.compile(r'[^a-z0-9]')
_API_HOST_RE = re.compile(r'(?i)api\.fireflies\.ai')
# other products whose keys are UUID- or 32-hex-shaped (docs/evidence.md#other-vendors).
# Plain substrings of the lower-cased text (a case-insensitive alternation is ~50x slower).
_VENDOR_WORDS = (
    'heroku', 'hubspot', 'adobe', 'hyperledger', 'firefly.ai', 'datadog', 'sentry', 'bugsnag',
    'rollbar', 'twilio', 'algolia', 'mailchimp', 'launchdarkly', 'pagerduty', 'azure', 'netlify',
    'okta', 'postmark', 'stripe', 'sendgrid',
)  # fmt: skip
_ASCII_LOWER = str.maketrans('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
_VENDOR_RE = re.compile(r'firefly[\s_-]*iii|new[\s_-]?relic|segment\.(?:io|com)')


def mentions_fireflies(text: str) -> bool:
    """True when ``text`` says "fireflies" (never just "firefly")."""
    return 'fireflies' in text.lower()


def talks_to_fireflies(text: str) -> bool:
    """True when ``text`` names a Fireflies host, SDK or ``FIREFLIES_*`` variable.

    ffaudit's own reports, baselines and text output, detect-secrets baselines, rule ids and
    file paths (``.ffaudit/fireflies_plugin.py``) never count (``mentions``).
    """
    if 'firefl' not in text.lower() or is_own_output(text):
        return False

    found = (m for m in _TALKS_RE.finditer(text))
    return any(not is_incidental(text, m.start(), m.end()) for m in found)


def is_own_output(text: str) -> bool:
    """True when ``text`` starts like an ffaudit JSON/SARIF report or baseline, or a
    detect-secrets baseline: those name Fireflies without talking to it."""
    if _OWN_OUTPUT_RE.match(text[:600]) is not None:
        return True

    return is_detect_secrets_baseline(text)


def talks_to_api_host(text: str) -> bool:
    """True when ``text`` names ``api.fireflies.ai``."""
    return _API_HOST_RE.search(text) is not None


def names_other_vendor(text: str) -> bool:
    """True when ``text`` names another vendor with UUID-shaped keys, as a word.

    A vendor word counts only with identifier-case boundaries on both sides
    (``STRIPE_KEY``, ``stripeKey``, ``heroku_api``, ``MyStripe``), never inside another word
    (``stripEmoji``, ``herokuish``, ``toktable``): docs/evidence.md#names-and-hosts.
    """
    lower = text.lower()
    if len(lower) != len(text):
        lower = text.translate(_ASCII_LOWER)  # 'İ' lower-cases to two characters: keep offsets
    for word in _VENDOR_WORDS:
        pos = lower.find(word)
        while pos >= 0:
            if is_word_at(text, pos, pos + len(word)):
                return True
            pos = lower.find(word, pos + 1)
    found = _VENDOR_RE.finditer(lower)
    return any(is_word_at(text, m.start(), m.end()) for m in found)


def is_word_at(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` is a whole word of an identifier or of prose.

    Word edges: a non-letter, the text's ends, or a lower-to-upper case change (camelCase);
    a case change inside the span splits it (``stripEmoji`` holds no ``stripe``).
    """
    if start > 0 and text[start - 1].isalpha() and not _camel(text, start):
        return False
    if end < len(text) and text[end].isalpha() and not _camel(text, end):
        return False
    return not any(_camel(text, i) for i in range(start + 1, end))


def _camel(text: str, i: int) -> bool:
    return text[i].isupper() and text[i - 1].islower()


def is_prose_path(path: str) -> bool:
    """True for a note written for people (Markdown, MDX, text, reStructuredText): ``prose``."""
    return path.lower().endswith(NOTE_SUFFIXES)


def generic_candidate_allowed(path: str) -> bool:
    """True when a generic-name candidate in ``path`` may count.

    Evidence: docs/evidence.md#repository-context.

    The repository rule is for configuration (``.env*``, YAML, JSON, properties, INI, TOML,
    Terraform, XML, ``docker-compose*``), never source code, and never tests or fixtures.
    """
    parts = path.replace('\\', '/').lower().split('/')
    if any(p in _TEST_DIRS for p in parts[:-1]):
        return False
    name = parts[-1]
    if name.startswith(('.env', 'docker-compose')) or name.endswith('.env'):
        return True
    return '.' in name and name.rsplit('.', 1)[1] in _CONFIG_SUFFIXES


def in_foreign_url(prefix: str) -> bool:
    """True when the value after ``prefix`` sits inside a URL whose host is not Fireflies'."""
    i = prefix.rfind('://')
    tail = prefix[i + 3 :] if i >= 0 else ' '
    if any(c in tail for c in ' \t"\'`<>()'):
        return False
    authority = re.split(r'[/?#]', tail, maxsplit=1)[0]
    host = authority.rsplit('@', 1)[-1].split(':', 1)[0].lower()
    return bool(host) and host != 'fireflies.ai' and not host.endswith('.fireflies.ai')


def says_download_auth(text: str) -> bool:
    """True when ``text`` names uploadAudio's ``download_auth`` (the user's media host's)."""
    lower = text.lower()
    return 'download' in lower and 'downloadauth' in _NON_ALNUM_RE.sub('', lower)


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
