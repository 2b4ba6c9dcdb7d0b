"""Human text per rule: title, severity and remediation (each stands alone, e.g. in SARIF help)."""

from __future__ import annotations

import typing
from collections.abc import Iterable

from ffaudit.model import Confidence
from ffaudit.model import Finding
from ffaudit.model import Rule

_HISTORY = 'Deleting the line is not enough: the value stays in git history.'


class RuleInfo(typing.NamedTuple):
    """Human text and severity for one rule id."""

    title: str
    description: str
    level: str  # SARIF level and GitHub annotation command
    security_severity: str  # GitHub code scanning: 7.0-8.9 high, 4.0-6.9 medium
    env_var: str  # where the value should come from instead
    remediation: str  # what to do, naming the rule's own credential


RULES: dict[Rule, RuleInfo] = {
    Rule.API_KEY: RuleInfo(
        'Fireflies API key',
        'A Fireflies.ai API key is hard-coded. Anyone who can read it can call the Fireflies '
        'GraphQL API as its owner and read every meeting transcript.',
        'error',
        '8.5',
        'FIREFLIES_API_KEY',
        'Treat a hard-coded Fireflies API key as leaked: rotate it in app.fireflies.ai -> '
        'Integrations -> Fireflies API (generate a new key; the old one stops working), then '
        'remove it from the code and read it at run time from the FIREFLIES_API_KEY environment '
        f'variable (e.g. os.environ["FIREFLIES_API_KEY"]). {_HISTORY}',
    ),
    Rule.WEBHOOK_SECRET: RuleInfo(
        'Fireflies webhook secret',
        'A Fireflies.ai webhook signing secret is hard-coded. Anyone who can read it can forge '
        'webhook deliveries to your endpoint.',
        'warning',
        '5.0',
        'FIREFLIES_WEBHOOK_SECRET',
        'Treat a hard-coded Fireflies webhook secret as leaked: set a new one in app.fireflies.ai '
        '-> Settings -> Developer Settings (type or generate a new webhook secret), then remove '
        'it from the code and have the webhook receiver read it at run time from the '
        'FIREFLIES_WEBHOOK_SECRET environment variable (e.g. '
        f'os.environ["FIREFLIES_WEBHOOK_SECRET"]). {_HISTORY}',
    ),
}
REMEDIATION = RULES[Rule.API_KEY].remediation  # the common case, for callers that want one text


def remediation_for(rules: Iterable[Rule], *, verified: bool = False) -> list[str]:
    """The remediation paragraphs for the rules present, in rule order, each once.

    ``verified`` (scan --verify): a rule whose secrets are never sent says so.
    """
    present = set(rules)
    return [
        _with_note(rule, info.remediation, verified)
        for rule, info in RULES.items()
        if rule in present
    ]


def _with_note(rule: Rule, text: str, verified: bool) -> str:
    note = VERIFY_NOTES.get(rule) if verified else None
    return f'{text} {note}' if note else text


# a generic name (api_key, token) next to Fireflies code is a guess, not a certainty
# (docs/evidence.md#repository-context); it must not block a commit as an error nor claim high
# precision in code scanning
CONFIDENCE_ORDER = (Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH)
_LEVELS = ('note', 'warning', 'error')  # SARIF levels, least severe first
_CONFIDENCE_LEVEL = dict(zip(CONFIDENCE_ORDER, _LEVELS, strict=True))
VERIFY_NOTES = {
    Rule.WEBHOOK_SECRET: '--verify never sends webhook secrets to Fireflies (they sign '
    'deliveries and are not API keys): their findings stay not-checked; rotate them all.',
}


def at_least(findings: Iterable[Finding], minimum: Confidence) -> tuple[Finding, ...]:
    """The findings whose confidence is ``minimum`` or higher (``scan --min-confidence``)."""
    floor = CONFIDENCE_ORDER.index(minimum)
    return tuple(f for f in findings if CONFIDENCE_ORDER.index(f.confidence) >= floor)


def level_for(f: Finding) -> str:
    """SARIF level of ``f``: high -> error, medium -> warning, low -> note, capped by its rule."""
    rule_level = _LEVELS.index(RULES[f.rule].level)
    return _LEVELS[min(rule_level, _LEVELS.index(_CONFIDENCE_LEVEL[f.confidence]))]


def annotation_level(f: Finding) -> str:
    """GitHub workflow command for ``f``: error or warning (a low finding is a warning)."""
    level = level_for(f)
    return 'warning' if level == 'note' else level


def render_rules() -> str:
    """``ffaudit rules``: each rule id, its title and what it means."""
    return ''.join(
        f'{rule.value} ({info.level}): {info.title}\n  {info.description}\n'
        for rule, info in RULES.items()
    )
