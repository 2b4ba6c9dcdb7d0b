"""Render doctor check results as a text checklist, versioned JSON or GitHub annotations.

Pure functions: values in, ``str`` out. No key ever reaches them: only lengths and fingerprints.
Every string is cleaned of control characters first (safe_text), whatever the format.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Mapping
from collections.abc import Sequence

from ffaudit import __version__
from ffaudit.model import CheckResult
from ffaudit.model import Format
from ffaudit.report.checks_github import ANNOTATION_CAP
from ffaudit.report.checks_github import render_annotations
from ffaudit.report.checks_github import step_summary
from ffaudit.report.checks_text import counts
from ffaudit.report.checks_text import render_text
from ffaudit.report.safe_text import clean
from ffaudit.report.safe_text import clean_result

if typing.TYPE_CHECKING:
    from ffaudit.model import DoctorSummary
    from ffaudit.model import KeySource

__all__ = ('ANNOTATION_CAP', 'counts')
SCHEMA_VERSION = 2  # 2: top-level verdict and not_checked, caused_by, typed details
_FANCY = '✓✗→·—'


def use_color(env: Mapping[str, str], isatty: bool) -> bool:
    """Colour only on a terminal that is not TERM=dumb; NO_COLOR wins, then FORCE_COLOR."""
    if env.get('NO_COLOR'):
        return False
    if env.get('FORCE_COLOR'):
        return True
    return isatty and env.get('TERM') != 'dumb'


def can_encode(encoding: str | None) -> bool:
    """Whether the stream encoding can show the ✓ / ✗ / → glyphs."""
    try:
        _FANCY.encode(encoding or 'ascii')
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _clean_source(source: KeySource) -> KeySource:
    return dataclasses.replace(source, name=clean(source.name), detail=clean(source.detail))


def _clean_summary(summary: DoctorSummary) -> DoctorSummary:
    cred = summary.credential
    return dataclasses.replace(
        summary,
        versions=tuple((clean(k), clean(v)) for k, v in summary.versions),
        ci=clean(summary.ci),
        title=clean(summary.title),
        not_checked=tuple(clean(n) for n in summary.not_checked),
        credential=cred and _clean_source(cred),
        shadowed=tuple(_clean_source(s) for s in summary.shadowed),
        sources=tuple(_clean_source(s) for s in summary.sources),
    )


def _clean(
    results: Sequence[CheckResult], summary: DoctorSummary
) -> tuple[list[CheckResult], DoctorSummary]:
    return [clean_result(r) for r in results], _clean_summary(summary)


def _source_json(source: KeySource) -> dict[str, object]:
    return {'source': source.name, 'length': source.length, 'fingerprint': source.fingerprint}


def _check_json(r: CheckResult) -> dict[str, object]:
    return {
        'id': r.check,
        'section': r.section,
        'status': r.status.value,
        'message': r.message,
        'remediation': r.hint,
        'caused_by': r.caused_by or None,
        'details': dict(r.details),
    }


def _json(results: Sequence[CheckResult], summary: DoctorSummary, ascii: bool) -> str:
    versions = dict(summary.versions)
    cred = summary.credential
    doc = {
        'schema_version': SCHEMA_VERSION,
        'verdict': summary.verdict,
        'tool': {'name': 'ffaudit', 'version': versions.get('ffaudit', __version__)},
        'environment': {
            **{k.lower(): v for k, v in versions.items() if k != 'ffaudit'},
            'ci': summary.ci or None,
        },
        'credential': cred
        and {**_source_json(cred), 'shadowed': [_source_json(s) for s in summary.shadowed]},
        'sources': [
            {**_source_json(s), 'name': s.name, 'state': s.state.value, 'detail': s.detail}
            for s in summary.sources
        ],
        'checks': [_check_json(r) for r in results],
        'summary': counts(results),
        'not_checked': list(summary.not_checked),
        'exit_code': summary.exit_code,
    }
    return json.dumps(doc, indent=2, ensure_ascii=ascii) + '\n'


def render_checks(
    results: Sequence[CheckResult],
    summary: DoctorSummary,
    fmt: Format,
    *,
    color: bool = False,
    ascii: bool = False,
) -> str:
    """Render ``results`` as text, JSON or GitHub; ``ascii``: ASCII glyphs, JSON \\u escapes."""
    results, summary = _clean(results, summary)
    if fmt is Format.TEXT:
        return render_text(results, summary, color, ascii)
    if fmt is Format.JSON:
        return _json(results, summary, ascii)
    if fmt is Format.GITHUB:
        return render_text(results, summary, False, ascii) + render_annotations(
            results, summary.title
        )
    if fmt is Format.SARIF:
        # unreachable from the CLI: FORMAT_OPTION offers text, json and github only (a test
        # keeps the two in step), so a caller passing SARIF is a bug, not a user error
        raise ValueError('doctor and explain results have no SARIF form')
    typing.assert_never(fmt)


def render_step_summary(results: Sequence[CheckResult], summary: DoctorSummary) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: ids, statuses, messages; no fingerprints."""
    return step_summary(*_clean(results, summary))
