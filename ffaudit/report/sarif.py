"""SARIF 2.1.0 for GitHub code scanning: rules with standalone help, results at the commit."""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from typing import Any

from ffaudit import __version__
from ffaudit.model import Finding
from ffaudit.model import Rule
from ffaudit.model import Verification
from ffaudit.report.locations import Origin
from ffaudit.report.locations import commit_path
from ffaudit.report.locations import root_relative
from ffaudit.report.rules import RULES
from ffaudit.report.rules import RuleInfo

INFORMATION_URI = 'https://github.com/ffaudit/ffaudit'
SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json'


def sarif_doc(
    findings: tuple[Finding, ...], origin: Origin, extra: Callable[[Finding], dict[str, Any]]
) -> dict[str, Any]:
    """The SARIF log for ``findings``; ``extra(f)`` gives each result's JSON properties."""
    driver = {
        'name': 'ffaudit',
        'version': __version__,
        'semanticVersion': __version__,
        'informationUri': INFORMATION_URI,
        'rules': [_rule(rule, info) for rule, info in RULES.items()],
    }
    run: dict[str, Any] = {
        'tool': {'driver': driver},
        'columnKind': 'unicodeCodePoints',
        'results': [_result(f, origin, extra(f)) for f in findings],
    }
    if origin.repository_uri:
        run['versionControlProvenance'] = [_provenance(origin)]
    return {'$schema': SCHEMA_URI, 'version': '2.1.0', 'runs': [run]}


def _provenance(origin: Origin) -> dict[str, Any]:
    # the history scan's repository; each result names its own commit (properties, message)
    details: dict[str, Any] = {'repositoryUri': origin.repository_uri}
    if origin.revision:
        details['revisionId'] = origin.revision
    details['mappedTo'] = {'uriBaseId': '%SRCROOT%'}
    return details


def _rule(rule: Rule, info: RuleInfo) -> dict[str, Any]:
    return {
        'id': str(rule),
        'name': ''.join(w.capitalize() for w in str(rule).split('-')),
        'shortDescription': {'text': f'Hard-coded {info.title}'},
        'fullDescription': {'text': info.description},
        'help': {
            'text': f'{info.description} {info.remediation}',
            'markdown': f'**{info.title}**\n\n{info.description}\n\n{info.remediation}',
        },
        'defaultConfiguration': {'level': info.level},
        'properties': {
            'security-severity': info.security_severity,
            'tags': ['security', 'secret'],
            'precision': 'high',
        },
    }


def _result(f: Finding, origin: Origin, extra: dict[str, Any]) -> dict[str, Any]:
    info = RULES[f.rule]
    uri = urllib.parse.quote(root_relative(f.path, origin.root))
    location: dict[str, Any] = {
        'physicalLocation': {
            'artifactLocation': {'uri': uri, 'uriBaseId': '%SRCROOT%'},
            'region': {'startLine': f.line, 'startColumn': f.column},
        }
    }
    prints = {'secretFingerprint/v1': f.fingerprint}
    if f.commit is not None:
        # the file as the commit holds it: it may be gone or different at HEAD
        location['message'] = {'text': f'in commit {commit_path(f)}'}
        prints['commitSha'] = f.commit.sha
        extra = {**extra, 'commitPath': commit_path(f)}
    return {
        'ruleId': str(f.rule),
        'level': info.level,
        'message': {'text': message(f)},
        'locations': [location],
        'partialFingerprints': prints,
        'properties': {'confidence': str(f.confidence), **extra},
    }


def message(f: Finding) -> str:
    """One secret-free sentence about ``f`` (SARIF message, annotation text)."""
    info = RULES[f.rule]
    return (
        f'Hard-coded {info.title} {f.preview} ({f.confidence} confidence, fingerprint '
        f'{f.fingerprint}).{_where(f)} Rotate it and read it from {info.env_var} instead.'
    )


def _where(f: Finding) -> str:
    verified = f' [{f.verification}]' if f.verification is not Verification.NOT_CHECKED else ''
    if f.commit is None:
        return verified
    head = 'still at HEAD' if f.commit.present_at_head else 'gone from HEAD'
    count = f'{f.commit.count} commit{"" if f.commit.count == 1 else "s"}'
    added = f'First added in commit {commit_path(f)} line {f.line} on {f.commit.date}'
    return f'{verified} {added} ({count}; {head}).'
