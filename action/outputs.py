"""The GitHub Action's outputs and step summary, read from the report ffaudit just wrote.

Usage (from action.yml): ``outputs.py COMMAND FORMAT REPORT EXIT_CODE``. Appends ``findings=``
and ``verdict=`` to ``$GITHUB_OUTPUT`` and, for scans (and doctor reports that did not write
their own), a Markdown summary to ``$GITHUB_STEP_SUMMARY``. Standard library only; it reads
what ffaudit rendered (previews and fingerprints, never a key).
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import sys
from typing import Any
from typing import NamedTuple

VERDICTS = {
    'scan': {0: 'clean', 1: 'findings', 3: 'inconclusive'},  # 3: --only-verified, no verdict
    'doctor': {0: 'passed', 1: 'failed', 3: 'inconclusive'},
}
MAX_ROWS = 50
_TEXT_RE = re.compile(r'^(?P<path>.*):(?P<line>\d+):\d+: (?P<rule>\S+) ')
_ANNOTATION_RE = re.compile(r'^::(?:error|warning|notice) (?P<props>[^:]*)::')
# a text report's check line: its mark, the message, the check ids in parentheses at the end
_FAILED_CHECK_RE = re.compile(r'^\s*(?:✗|\?|\[FAIL\]|\[\?\?\]) .*\(\w+\.\w+(?:, \w+\.\w+)*\)$')
_UNESCAPE = {'%25': '%', '%0D': '\r', '%0A': '\n', '%3A': ':', '%2C': ','}


class Row(NamedTuple):
    path: str
    line: str
    rule: str


def _props(text: str) -> dict[str, str]:
    pairs = (p.split('=', 1) for p in text.split(',') if '=' in p)
    return {k: re.sub('%(?:25|0D|0A|3A|2C)', lambda m: _UNESCAPE[m[0]], v) for k, v in pairs}


def scan_rows(fmt: str, report: str) -> list[Row]:
    """The findings in ``report``, as ffaudit rendered them in ``fmt``."""
    if fmt == 'json':
        doc: dict[str, Any] = json.loads(report)
        return [Row(f['path'], str(f['line']), f['rule']) for f in doc['findings']]
    if fmt == 'sarif':
        results = json.loads(report)['runs'][0]['results']
        return [_sarif_row(r) for r in results]
    rows = []
    for line in report.splitlines():
        if fmt == 'github' and (m := _ANNOTATION_RE.match(line)):
            props = _props(m['props'])
            rows.append(Row(props.get('file', ''), props.get('line', ''), props.get('title', '')))
        elif fmt == 'text' and (m := _TEXT_RE.match(line)):
            rows.append(Row(m['path'], m['line'], m['rule']))
    return rows


def _sarif_row(result: dict[str, Any]) -> Row:
    where = result['locations'][0]['physicalLocation']
    line = str(where.get('region', {}).get('startLine', ''))
    return Row(where['artifactLocation']['uri'], line, result['ruleId'])


def failed_checks(fmt: str, report: str) -> int:
    """How many root problems (failed or no verdict) a doctor report rendered in ``fmt`` holds.

    A check folded under another's failure (JSON ``caused_by``) is not counted, as the text and
    github reports do not show it: the count is the same whatever the format.
    """
    if fmt == 'json':
        checks = json.loads(report)['checks']
        return sum(
            c['status'] in ('fail', 'inconclusive') and not c.get('caused_by') for c in checks
        )
    if fmt == 'github':  # both are ::error annotations
        return sum(line.startswith('::error ') for line in report.splitlines())
    return sum(bool(_FAILED_CHECK_RE.match(line)) for line in report.splitlines())


def _cell(text: str) -> str:
    return text.replace('\\', '\\\\').replace('|', '\\|').replace('\n', ' ').replace('`', "'")


def scan_summary(rows: list[Row], verdict: str, code: int) -> str:
    """Markdown for the step summary of a scan."""
    noun = 'finding' if len(rows) == 1 else 'findings'
    out = [f'### ffaudit scan: {verdict}', '', f'**{len(rows)} {noun}** (exit {code})', '']
    if rows:
        out += ['| file | line | rule |', '|---|---|---|']
        out += [f'| `{_cell(r.path)}` | {r.line} | {_cell(r.rule)} |' for r in rows[:MAX_ROWS]]
        if len(rows) > MAX_ROWS:
            out += ['', f'… and {len(rows) - MAX_ROWS} more']
        out.append('')
    return '\n'.join(out) + '\n'


def _append(variable: str, text: str) -> None:
    path = os.environ.get(variable)
    if path:
        with open(path, 'a', encoding='utf-8') as f:
            f.write(text)


def main(argv: list[str]) -> int:
    command, fmt, report_path, code_text = argv
    code = int(code_text)
    verdict = VERDICTS[command].get(code, 'error')
    report = pathlib.Path(report_path)
    text = report.read_text(encoding='utf-8') if code != 2 and report.is_file() else ''
    if command == 'scan':
        rows = scan_rows(fmt, text) if text else []
        _append('GITHUB_OUTPUT', f'findings={len(rows)}\nverdict={verdict}\n')
        _append('GITHUB_STEP_SUMMARY', scan_summary(rows, verdict, code))
        return 0
    failed = failed_checks(fmt, text) if text else 0
    _append('GITHUB_OUTPUT', f'findings={failed}\nverdict={verdict}\n')
    if fmt != 'github':  # ffaudit doctor --format github writes its own table
        _append('GITHUB_STEP_SUMMARY', f'### ffaudit doctor: {verdict}\n\n(exit {code})\n')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
