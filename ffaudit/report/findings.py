"""Render scan results as text, JSON, SARIF 2.1.0 or GitHub workflow annotations."""

from __future__ import annotations

import collections
import dataclasses
import json
import os
import posixpath
import textwrap
import typing
import urllib.parse
from typing import Any

from ffaudit import __version__
from ffaudit.model import Finding
from ffaudit.model import Format
from ffaudit.model import Rule
from ffaudit.model import Verification
from ffaudit.scan import ScanResult

JSON_VERSION = 1
INFORMATION_URI = 'https://github.com/ffaudit/ffaudit'
REMEDIATION = (
    'Treat every key listed above as leaked: rotate it in app.fireflies.ai -> Integrations -> '
    'Fireflies API (generate a new key; the old one stops working), then remove it from the code '
    'and read it at run time from the FIREFLIES_API_KEY environment variable '
    '(e.g. os.environ["FIREFLIES_API_KEY"]). Removing the line alone is not enough: the key '
    'stays in git history.'
)


class RuleInfo(typing.NamedTuple):
    """Human text and severity for one rule id."""

    title: str
    description: str
    level: str  # SARIF level and GitHub annotation command
    security_severity: str  # GitHub code scanning: 7.0-8.9 high, 4.0-6.9 medium
    env_var: str  # where the value should come from instead


RULES: dict[Rule, RuleInfo] = {
    Rule.API_KEY: RuleInfo(
        'Fireflies API key',
        'A Fireflies.ai API key is hard-coded. Anyone who can read it can call the Fireflies '
        'GraphQL API as its owner and read every meeting transcript.',
        'error',
        '8.5',
        'FIREFLIES_API_KEY',
    ),
    Rule.WEBHOOK_SECRET: RuleInfo(
        'Fireflies webhook secret',
        'A Fireflies.ai webhook signing secret is hard-coded. Anyone who can read it can forge '
        'webhook deliveries to your endpoint.',
        'warning',
        '5.0',
        'FIREFLIES_WEBHOOK_SECRET',
    ),
}


def render_findings(result: ScanResult, fmt: Format) -> str:
    """Render ``result`` for stdout in ``fmt``; empty text output when there is nothing."""
    if fmt is Format.TEXT:
        return ''.join(f'{_text_line(f)}\n' for f in result.findings)
    elif fmt is Format.JSON:
        return json.dumps(_json_doc(result), indent=2) + '\n'
    elif fmt is Format.SARIF:
        return json.dumps(_sarif_doc(result), indent=2) + '\n'
    elif fmt is Format.GITHUB:
        return ''.join(f'{_annotation(f)}\n' for f in result.findings)
    else:
        typing.assert_never(fmt)


def render_summary(result: ScanResult, *, baselined: int = 0, remediation: bool = True) -> str:
    """Render the stderr epilogue: a remediation paragraph (if findings) and one summary line."""
    parts = [textwrap.fill(REMEDIATION, 79) + '\n'] if result.findings and remediation else []
    files = len({f.path for f in result.findings})
    line = (
        f'ffaudit: {_plural(len(result.findings), "finding")} in {_plural(files, "file")} '
        f'({_plural(result.files_scanned, "file")} scanned)'
    )
    if baselined:
        line += f'; {baselined} known in baseline, ignored'
    if result.skipped:
        line += f'; {_plural(len(result.skipped), "file")} skipped: {_skip_counts(result)}'
    return ''.join([*parts, line, '\n'])


def _plural(count: int, noun: str) -> str:
    return f'{count} {noun}' if count == 1 else f'{count} {noun}s'


def _skip_counts(result: ScanResult) -> str:
    counts = collections.Counter(s.reason.split(':', 1)[0] for s in result.skipped)
    return ', '.join(f'{n} {reason}' for reason, n in sorted(counts.items()))


def _text_line(f: Finding) -> str:
    return f'{f.path}:{f.line}:{f.column}: {f.rule} {f.preview} ({f.confidence}){_extra(f)}'


def _extra(f: Finding) -> str:
    # scan --history / --verify: where the key was first committed, and what Fireflies said
    text = f' [{f.verification}]' if f.verification is not Verification.NOT_CHECKED else ''
    if f.commit is not None:
        head = 'still at HEAD' if f.commit.present_at_head else 'gone from HEAD'
        added = _plural(f.commit.count, 'commit')
        text += f' first added in commit {f.commit.sha[:12]} on {f.commit.date} ({added}; {head})'
    return text


def _history_json(f: Finding) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if f.commit is not None:
        extra['commit'] = dataclasses.asdict(f.commit)
    if f.verification is not Verification.NOT_CHECKED:
        extra['verification'] = str(f.verification)
    return extra


def _json_doc(result: ScanResult) -> dict[str, Any]:
    return {
        'version': JSON_VERSION,
        'tool': {'name': 'ffaudit', 'version': __version__},
        'findings': [_json_finding(f) for f in result.findings],
        'skipped': [{'path': s.path, 'reason': s.reason} for s in result.skipped],
        'stats': {
            'files_scanned': result.files_scanned,
            'bytes_scanned': result.bytes_scanned,
            'files_skipped': len(result.skipped),
            'findings': len(result.findings),
        },
    }


def _json_finding(f: Finding) -> dict[str, Any]:
    return {
        'path': f.path,
        'line': f.line,
        'column': f.column,
        'rule': str(f.rule),
        'confidence': str(f.confidence),
        'fingerprint': f.fingerprint,
        'preview': f.preview,
        **_history_json(f),
    }


def _uri(path: str) -> str:
    # SARIF wants a URI relative to %SRCROOT% (the directory the scan ran in), '/'-separated.
    rel = os.path.relpath(path) if os.path.isabs(path) else path
    return urllib.parse.quote(posixpath.normpath(rel.replace(os.sep, '/')))


def _sarif_doc(result: ScanResult) -> dict[str, Any]:
    driver = {
        'name': 'ffaudit',
        'version': __version__,
        'semanticVersion': __version__,
        'informationUri': INFORMATION_URI,
        'rules': [_sarif_rule(rule, info) for rule, info in RULES.items()],
    }
    return {
        '$schema': 'https://json.schemastore.org/sarif-2.1.0.json',
        'version': '2.1.0',
        'runs': [
            {
                'tool': {'driver': driver},
                'columnKind': 'unicodeCodePoints',
                'results': [_sarif_result(f) for f in result.findings],
            }
        ],
    }


def _sarif_rule(rule: Rule, info: RuleInfo) -> dict[str, Any]:
    return {
        'id': str(rule),
        'name': ''.join(w.capitalize() for w in str(rule).split('-')),
        'shortDescription': {'text': f'Hard-coded {info.title}'},
        'fullDescription': {'text': info.description},
        'help': {'text': REMEDIATION, 'markdown': f'**{info.title}**\n\n{REMEDIATION}'},
        'defaultConfiguration': {'level': info.level},
        'properties': {
            'security-severity': info.security_severity,
            'tags': ['security', 'secret'],
            'precision': 'high',
        },
    }


def _sarif_result(f: Finding) -> dict[str, Any]:
    info = RULES[f.rule]
    location = {
        'artifactLocation': {'uri': _uri(f.path), 'uriBaseId': '%SRCROOT%'},
        'region': {'startLine': f.line, 'startColumn': f.column},
    }
    return {
        'ruleId': str(f.rule),
        'level': info.level,
        'message': {'text': _message(f)},
        'locations': [{'physicalLocation': location}],
        'partialFingerprints': {'secretFingerprint/v1': f.fingerprint},
        'properties': {'confidence': str(f.confidence), **_history_json(f)},
        **_commit_fingerprint(f),
    }


def _commit_fingerprint(f: Finding) -> dict[str, Any]:
    # History findings point at the commit that added the key (gitleaks does the same).
    if f.commit is None:
        return {}
    prints = {'secretFingerprint/v1': f.fingerprint, 'commitSha': f.commit.sha}
    return {'partialFingerprints': prints}


def _message(f: Finding) -> str:
    info = RULES[f.rule]
    return (
        f'Hard-coded {info.title} {f.preview} ({f.confidence} confidence, fingerprint '
        f'{f.fingerprint}).{_extra(f)} Rotate it and read it from {info.env_var} instead.'
    )


def _escape_data(text: str) -> str:
    # actions/toolkit core/src/command.ts escapeData
    return text.replace('%', '%25').replace('\r', '%0D').replace('\n', '%0A')


def _escape_property(text: str) -> str:
    # actions/toolkit core/src/command.ts escapeProperty
    return _escape_data(text).replace(':', '%3A').replace(',', '%2C')


def _annotation(f: Finding) -> str:
    info = RULES[f.rule]
    props = {'file': f.path, 'line': str(f.line), 'col': str(f.column), 'title': info.title}
    joined = ','.join(f'{k}={_escape_property(v)}' for k, v in props.items())
    return f'::{info.level} {joined}::{_escape_data(_message(f))}'
