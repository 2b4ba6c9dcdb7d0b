"""baseline_shape: what detect-secrets would crash on is one line naming the fault."""

from __future__ import annotations

import pytest

from ffaudit.errors import FfauditError
from ffaudit.integrations.detect_secrets.baseline_shape import check_shape
from ffaudit.integrations.detect_secrets.baseline_shape import check_usable

GOOD = {'version': '1.5.0', 'plugins_used': [{'name': 'AWSKeyDetector'}], 'results': {}}
FINDING = {'type': 'AWS Access Key', 'hashed_secret': 'ab', 'line_number': 3}


@pytest.mark.parametrize(
    ('change', 'problem'),
    (
        ({'plugins_used': None}, 'no plugins_used list'),
        ({'plugins_used': [{'path': 'x'}]}, r'plugins_used\[0\] must be an object'),
        ({'plugins_used': [{'name': 'A', 'path': 3}]}, r'plugins_used\[0\]: "path" must be'),
        ({'filters_used': {}}, '"filters_used" must be a list'),
        ({'filters_used': [{'path': None}]}, r'filters_used\[0\] must be an object'),
        ({'results': []}, '"results" must be an object'),
        ({'results': {'a.py': {}}}, 'results for a.py must be a list'),
        ({'results': {'a.py': [{'type': 'x'}]}}, 'needs string "type" and "hashed_secret"'),
        ({'results': {'a.py': [{**FINDING, 'line_number': True}]}}, '"line_number"'),
        ({'results': {'a.py': [{**FINDING, 'is_verified': 'no'}]}}, '"is_verified"'),
        ({'version': None}, '"version" must be a string'),
    ),
)
def test_check_shape_names_the_fault(change, problem):
    with pytest.raises(FfauditError, match=f'^malformed baseline b.json: .*{problem}'):
        check_shape({**GOOD, **change}, 'b.json')


def test_check_shape_accepts_a_detect_secrets_baseline():
    doc = {**GOOD, 'results': {'a.py': [FINDING]}, 'filters_used': [{'path': 'x.y'}]}
    assert check_shape(doc, 'b.json') is doc


def test_check_usable_needs_version_results_and_files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(FfauditError, match='no "results"'):
        check_usable({'version': '1', 'plugins_used': []}, 'b.json', results=False)
    plugin = {'name': 'P', 'path': 'file://gone.py'}
    with pytest.raises(FfauditError, match='plugins_used P cannot read gone.py: No such file'):
        check_usable({**GOOD, 'plugins_used': [plugin]}, 'b.json', results=False)
    (tmp_path / 'folder').mkdir()
    doc = {**GOOD, 'results': {'folder': [FINDING]}}
    check_usable(doc, 'b.json', results=False)  # the hook and --stats read no result file
    with pytest.raises(FfauditError, match='results: cannot read folder: is a directory'):
        check_usable(doc, 'b.json', results=True)
