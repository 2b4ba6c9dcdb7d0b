"""Render doctor check results as a text checklist, versioned JSON or GitHub annotations.

Pure functions: values in, ``str`` out. No key ever reaches them: only lengths and fingerprints.
"""

from __future__ import annotations

import collections
import dataclasses
import json
import platform
import typing
from collections.abc import Mapping
from collections.abc import Sequence
from importlib import metadata

from ffaudit import __version__
from ffaudit.errors import FfauditError
from ffaudit.model import CheckResult
from ffaudit.model import Format
from ffaudit.model import Status

if typing.TYPE_CHECKING:
    from ffaudit.doctor.inputs import DoctorInput
    from ffaudit.doctor.inputs import KeySource

SCHEMA_VERSION = 1
ANNOTATION_CAP = 10  # GitHub shows at most 10 errors and 10 warnings per step
_GLYPHS = {'pass': '✓', 'warn': '!', 'fail': '✗', 'skip': '-', 'inconclusive': '?'}
_ASCII = {
    'pass': '[ok]',
    'warn': '[warn]',
    'fail': '[FAIL]',
    'skip': '[skip]',
    'inconclusive': '[??]',
}
_COLORS = {'pass': '32', 'warn': '33', 'fail': '31', 'skip': '2', 'inconclusive': '35'}
_FANCY = '✓✗→·—'
_ORDER = ('fail', 'inconclusive', 'warn', 'pass', 'skip')


@dataclasses.dataclass(frozen=True)
class DoctorSummary:
    """Secret-free facts shown around the checks: versions, CI, the credential's source."""

    versions: tuple[tuple[str, str], ...] = ()  # (('ffaudit', '0.1.0'), ('python', ...), ...)
    ci: str = ''  # 'GitHub Actions (push)' or ''
    credential: KeySource | None = None
    shadowed: tuple[KeySource, ...] = ()
    sources: tuple[KeySource, ...] = ()
    exit_code: int = 0
    title: str = 'ffaudit doctor'  # the command whose checks these are


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return 'not installed'


def summarize(inp: DoctorInput, exit_code: int) -> DoctorSummary:
    """Collect the summary of a doctor run (reads package metadata, never the key)."""
    versions = (
        ('ffaudit', __version__),
        ('Python', platform.python_version()),
        ('requests', _version('requests')),
        ('urllib3', _version('urllib3')),
    )
    env = inp.env
    ci = (
        f'GitHub Actions ({env.get("GITHUB_EVENT_NAME", "?")})'
        if env.get('GITHUB_ACTIONS') == 'true'
        else ''
    )
    winner = inp.source
    shadowed = tuple(
        s
        for s in inp.sources
        if winner
        and s.fingerprint
        and s.name != winner.name
        and s.fingerprint != winner.fingerprint
    )
    return DoctorSummary(versions, ci, winner, shadowed, inp.sources, exit_code)


def use_color(env: Mapping[str, str], isatty: bool) -> bool:
    """Colour only on a terminal; NO_COLOR (non-empty) wins, then FORCE_COLOR (non-empty)."""
    if env.get('NO_COLOR'):
        return False
    if env.get('FORCE_COLOR'):
        return True
    return isatty


def can_encode(encoding: str | None) -> bool:
    """Whether the stream encoding can show the ✓ / ✗ / → glyphs."""
    try:
        _FANCY.encode(encoding or 'ascii')
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def counts(results: Sequence[CheckResult]) -> dict[str, int]:
    """How many checks ended in each status (every status present, zero included)."""
    seen = collections.Counter(r.status.value for r in results)
    return {s.value: seen[s.value] for s in Status}


def _paint(text: str, status: str, color: bool) -> str:
    return f'\x1b[{_COLORS[status]}m{text}\x1b[0m' if color else text


def _line(result: CheckResult, color: bool, ascii: bool) -> list[str]:
    glyph = (_ASCII if ascii else _GLYPHS)[result.status.value]
    extra = ''.join(f'  {k}={v}' for k, v in result.details)
    lines = [
        f'  {_paint(glyph, result.status.value, color)} {result.message}{extra}  ({result.check})'
    ]
    if result.hint and result.status in (Status.WARN, Status.FAIL, Status.INCONCLUSIVE):
        lines.append(f'    {"->" if ascii else "→"} {result.hint}')
    return lines


def _footer(results: Sequence[CheckResult], exit_code: int, ascii: bool) -> str:
    n = counts(results)
    words = (
        ('fail', 'failed'),
        ('inconclusive', 'inconclusive'),
        ('warn', 'warnings'),
        ('pass', 'passed'),
        ('skip', 'skipped'),
    )
    parts = [
        f'{n[key]} {word.rstrip("s") if n[key] == 1 else word}' for key, word in words if n[key]
    ]
    sep, dash = (' - ', '--') if ascii else (' · ', '—')
    return f'{sep.join(parts)} {dash} exit {exit_code}'


def _text(results: Sequence[CheckResult], summary: DoctorSummary, color: bool, ascii: bool) -> str:
    sep = ' - ' if ascii else ' · '
    head = sep.join([summary.title, *(f'{k} {v}' for k, v in summary.versions[:3])])
    out = [head + (f'{sep}{summary.ci}' if summary.ci else '')]
    for section in dict.fromkeys(r.section for r in results):
        out += ['', section or 'Other']
        for result in _merge_skips([r for r in results if r.section == section]):
            out += _line(result, color, ascii)
    out += ['', _footer(results, summary.exit_code, ascii)]
    return '\n'.join(out) + '\n'


def _merge_skips(results: Sequence[CheckResult]) -> list[CheckResult]:
    # Adjacent skips for one reason ('no header given' x4) read better as one line naming all ids.
    merged: list[CheckResult] = []
    for r in results:
        last = merged[-1] if merged else None
        if last and r.status is last.status is Status.SKIP and r.message == last.message:
            merged[-1] = dataclasses.replace(last, check=f'{last.check}, {r.check}')
        else:
            merged.append(r)
    return merged


def _source_json(source: KeySource) -> dict[str, object]:
    return {'source': source.name, 'length': source.length, 'fingerprint': source.fingerprint}


def _json(results: Sequence[CheckResult], summary: DoctorSummary) -> str:
    versions = dict(summary.versions)
    cred = summary.credential
    doc = {
        'schema_version': SCHEMA_VERSION,
        'tool': {'name': 'ffaudit', 'version': versions.get('ffaudit', __version__)},
        'environment': {
            **{k.lower(): v for k, v in versions.items() if k != 'ffaudit'},
            'ci': summary.ci or None,
        },
        'credential': cred
        and {**_source_json(cred), 'shadowed': [_source_json(s) for s in summary.shadowed]},
        'sources': [
            {
                'name': s.name,
                'state': s.state.value,
                'length': s.length,
                'fingerprint': s.fingerprint,
                'detail': s.detail,
            }
            for s in summary.sources
        ],
        'checks': [
            {
                'id': r.check,
                'section': r.section,
                'status': r.status.value,
                'message': r.message,
                'remediation': r.hint,
                'details': dict(r.details),
            }
            for r in results
        ],
        'summary': counts(results),
        'exit_code': summary.exit_code,
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + '\n'


def escape_data(text: str) -> str:
    """Escape a workflow-command message (actions/toolkit command.ts)."""
    return text.replace('%', '%25').replace('\r', '%0D').replace('\n', '%0A')


def escape_property(text: str) -> str:
    """Escape a workflow-command property such as ``title``."""
    return escape_data(text).replace(':', '%3A').replace(',', '%2C')


def _annotations(results: Sequence[CheckResult], name: str) -> str:
    out: list[str] = []
    # inconclusive fails the step too (exit 3), so it is an error annotation as well
    groups = (((Status.FAIL, Status.INCONCLUSIVE), 'error'), ((Status.WARN,), 'warning'))
    for statuses, command in groups:
        for r in [r for r in results if r.status in statuses][:ANNOTATION_CAP]:
            title = escape_property(f'{name} ({r.check})')
            body = escape_data(f'{r.message} — {r.hint}' if r.hint else r.message)
            out.append(f'::{command} title={title}::{body}\n')
    return ''.join(out)


def render_checks(
    results: Sequence[CheckResult],
    summary: DoctorSummary,
    fmt: Format,
    *,
    color: bool = False,
    ascii: bool = False,
) -> str:
    """Render ``results`` as text, JSON or GitHub (plain text + annotations)."""
    if fmt is Format.TEXT:
        return _text(results, summary, color, ascii)
    if fmt is Format.JSON:
        return _json(results, summary)
    if fmt is Format.GITHUB:
        return _text(results, summary, False, ascii) + _annotations(results, summary.title)
    if fmt is Format.SARIF:
        raise FfauditError('doctor does not support --format sarif (use text, json or github)')
    typing.assert_never(fmt)


def render_step_summary(results: Sequence[CheckResult], summary: DoctorSummary) -> str:
    """Markdown for $GITHUB_STEP_SUMMARY: ids, statuses, messages; no fingerprints."""
    cell = dict(zip(_ORDER, ('❌', '❔', '⚠️', '✅', '➖'), strict=True))
    rows = [
        f'| `{r.check}` | {cell[r.status]} {r.status} | {_md(r.message)} | {_md(r.hint)} |'
        for r in results
    ]
    head = [f'### {summary.title}', '', '| check | status | message | fix |', '|---|---|---|---|']
    return '\n'.join([*head, *rows, '', _footer(results, summary.exit_code, False), '']) + '\n'


def _md(text: str) -> str:
    return text.replace('|', '\\|').replace('\n', ' ')
