"""SARIF 2.1.0 for GitHub code scanning: rules with standalone help, results at the commit."""

from __future__ import annotations

import pathlib
import urllib.parse
from collections.abc import Callable
from typing import Any

from ffaudit import __version__
from ffaudit.model import Confidence
from ffaudit.model import Finding
from ffaudit.model import Rule
from ffaudit.model import Verification
from ffaudit.redaction import MASK
from ffaudit.redaction import mask_key_shaped
from ffaudit.report.locations import Origin
from ffaudit.report.locations import commit_path
from ffaudit.report.locations import root_relative
from ffaudit.report.locations import shown
from ffaudit.report.rules import RULES
from ffaudit.report.rules import RuleInfo
from ffaudit.report.rules import level_for

INFORMATION_URI = 'https://github.com/ffaudit/ffaudit'
SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json'
GENERIC_SUFFIX = '-generic-name'
GENERIC_SEVERITY = '5.0'  # GitHub code scanning: 4.0-6.9 is medium


def sarif_doc(
    findings: tuple[Finding, ...], origin: Origin, extra: Callable[[Finding], dict[str, Any]]
) -> dict[str, Any]:
    """The SARIF log for ``findings``; ``extra(f)`` gives each result's JSON properties."""
    driver = {
        'name': 'ffaudit',
        'version': __version__,
        'semanticVersion': __version__,
        'informationUri': INFORMATION_URI,
        'rules': [d for rule, info in RULES.items() for d in _rules(rule, info)],
    }
    run: dict[str, Any] = {
        'tool': {'driver': driver},
        'columnKind': 'unicodeCodePoints',
        'results': [_result(f, origin, extra(f)) for f in findings],
    }
    if origin.repository_uri:
        run['versionControlProvenance'] = [_provenance(origin)]
    elif origin.root:  # what %SRCROOT% stands for: the scanned work tree's root
        run['originalUriBaseIds'] = {'%SRCROOT%': {'uri': _dir_uri(origin.root)}}
    return {'$schema': SCHEMA_URI, 'version': '2.1.0', 'runs': [run]}


def _provenance(origin: Origin) -> dict[str, Any]:
    # the history scan's repository; each result names its own commit (properties, message)
    details: dict[str, Any] = {'repositoryUri': _masked_uri(origin.repository_uri)}
    if origin.revision:
        details['revisionId'] = origin.revision
    details['mappedTo'] = {'uriBaseId': '%SRCROOT%'}
    return details


def _dir_uri(root: str) -> str:
    return _masked_uri(pathlib.Path(root).absolute().as_uri().rstrip('/') + '/')


def _masked_uri(uri: str) -> str:
    # a remote or folder named after a key (github.com/o/<key>.git): only that run is masked
    return mask_key_shaped(uri).replace(MASK, urllib.parse.quote(MASK))


def rule_id(f: Finding) -> str:
    """The SARIF rule of ``f``: low-confidence (generic-name) findings have their own."""
    return f'{f.rule}{GENERIC_SUFFIX}' if f.confidence is Confidence.LOW else str(f.rule)


def _rules(rule: Rule, info: RuleInfo) -> list[dict[str, Any]]:
    # a generic name (api_key, token) in a repository that talks to Fireflies
    # is a guess; its own rule entry says so (precision low, medium severity, level note)
    generic = _rule(f'{rule}{GENERIC_SUFFIX}', info._replace(level='note'), 'low')
    generic['properties']['security-severity'] = GENERIC_SEVERITY
    generic['shortDescription']['text'] += ' (generic name, low confidence)'
    return [_rule(str(rule), info, 'high'), generic]


def _rule(rule: str, info: RuleInfo, precision: str) -> dict[str, Any]:
    return {
        'id': rule,
        'name': ''.join(w.capitalize() for w in rule.split('-')),
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
            'precision': precision,
        },
    }


def _result(f: Finding, origin: Origin, extra: dict[str, Any]) -> dict[str, Any]:
    # a file name that is not UTF-8 holds surrogate escapes: percent-encode its raw bytes
    raw = mask_key_shaped(root_relative(f.path, origin.root)).encode('utf-8', 'surrogateescape')
    uri = urllib.parse.quote(raw)
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
    if f.same_as:
        extra = {**extra, 'sameKeyAs': shown(f.same_as)}  # where a rule judged it a key
    return {
        'ruleId': rule_id(f),
        'level': level_for(f),
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
