"""Class 5: detect-secrets baselines from the wild for ds-audit, ds-hook and ds-portable: one
line naming the problem, exit 2 (a UTF-8 byte-order mark is fine: exit 0), never a
detect-secrets traceback or an "internal error".
"""

from __future__ import annotations

import itertools
import json
import pathlib

import pytest

from testing.hostile import Case
from testing.hostile import check
from testing.hostile import ds_baseline
from testing.hostile import ds_finding
from testing.hostile import ids
from testing.hostile import prepared
from testing.hostile import run_all

pytestmark = pytest.mark.e2e


def _with(**fields: object) -> str:
    return json.dumps({**json.loads(ds_baseline({})), **fields})


def _deep(levels: int) -> str:
    # text, not a value: json cannot build (or write) a value nested this deep itself
    return _with(plugins_used='@').replace(
        '"@"', '[{"name": "X", "limit": ' + '[' * levels + ']' * levels + '}]'
    )


BASELINES = {
    'plugins-null': _with(plugins_used=None),
    'plugins-string': _with(plugins_used='all'),
    'plugins-object': _with(plugins_used={}),
    'plugin-entry-null': _with(plugins_used=[None]),
    'filters-null': _with(filters_used=None),
    'filters-number': _with(filters_used=5),
    'results-null': _with(results=None),
    'results-list': _with(results=[]),
    'result-entry-null': _with(results={'app.py': [None]}),
    'result-line-text': ds_baseline({'app.py': [{**ds_finding('app.py'), 'line_number': 'one'}]}),
    'version-number': _with(version=1.5),
    'not-an-object': '[]',
    'deep-nesting': _deep(5000),
    'nested-70': _deep(70),
    'missing-plugin': _with(
        plugins_used=[{'name': 'FirefliesDetector', 'path': 'file://gone/plugin.py'}]
    ),
    'unknown-type': ds_baseline({'app.py': [{**ds_finding('app.py'), 'type': 'Nope Key'}]}),
    'no-results': json.dumps({k: v for k, v in json.loads(_with()).items() if k != 'results'}),
    'bom': '\ufeff' + _with(),
}
SHAPE = {
    'plugins-null': 'no plugins_used list',
    'plugins-string': 'no plugins_used list',
    'plugins-object': 'no plugins_used list',
    'plugin-entry-null': r'plugins_used\[0\] must be an object with a string "name"',
    'filters-null': '"filters_used" must be a list',
    'filters-number': '"filters_used" must be a list',
    'results-null': '"results" must be an object',
    'results-list': '"results" must be an object',
    'result-entry-null': 'a finding in app.py is not an object',
    'result-line-text': 'a finding in app.py has a "line_number" that is not a whole number',
    'version-number': '"version" must be a string',
    'not-an-object': 'not a JSON object',
    'deep-nesting': 'nested more than 64 levels deep',
    'nested-70': 'nested more than 64 levels deep',
}
COMMANDS = {
    'audit-report': ('ds-audit', '--report', 'b.json'),
    'audit-stats': ('ds-audit', '--stats', 'b.json'),
    'hook': ('ds-hook', '--baseline', 'b.json', 'clean.py'),
    'portable': ('ds-portable', 'b.json', '--shim', 'shim.py'),
}
CASES = [
    # one reader checks the shape for all four commands: each problem once, commands in turn
    *(
        Case(f'{command}-{name}', COMMANDS[command], 2, f'malformed baseline b.json: {problem}')
        for (name, problem), command in zip(SHAPE.items(), itertools.cycle(COMMANDS))
    ),
    *(
        Case(f'{command}-missing-plugin', COMMANDS[command], 2, r'gone/plugin.py: No such file')
        for command in ('audit-report', 'audit-stats', 'hook', 'portable')
    ),
    *(
        Case(f'{command}-unknown-type', COMMANDS[command], 2, "secret type 'Nope Key'")
        for command in ('audit-report', 'audit-stats')
    ),
    *(
        Case(f'{command}-no-results', COMMANDS[command], 2, 'no "results"')
        for command in ('audit-report', 'hook')
    ),
    *(Case(f'{command}-bom', args, 0) for command, args in COMMANDS.items()),
    Case(
        'audit-report-results-missing-file',
        ('ds-audit', '--report', 'names-missing.json'),
        2,
        r'results: cannot read missing.py: No such file or directory',
    ),
    Case(
        'audit-report-results-folder',
        ('ds-audit', '--report', 'names-folder.json'),
        2,
        r'results: cannot read folder: is a directory',
    ),
]


def _setup(case: Case, folder: pathlib.Path) -> None:
    (folder / 'clean.py').write_text('print("hello")\n')
    name = next(case.id[len(c) + 1 :] for c in COMMANDS if case.id.startswith(f'{c}-'))
    if name in BASELINES:
        (folder / 'b.json').write_text(BASELINES[name], encoding='utf-8')


@pytest.fixture(scope='module')
def outcomes(case_dirs):
    return run_all(CASES, prepared(case_dirs, _setup))


@pytest.mark.parametrize('case', CASES, ids=ids(CASES))
def test_detect_secrets_baseline_case(case, outcomes):
    outcome = outcomes[case.id]
    check(case, outcome)
    if case.code == 2:
        assert len(outcome.stderr.splitlines()) == 1, outcome.stderr
