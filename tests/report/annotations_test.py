"""Workflow-command escaping shared by every GitHub output (actions/toolkit command.ts)."""

from __future__ import annotations

import pytest

from ffaudit.report.annotations import escape_data
from ffaudit.report.annotations import escape_property
from ffaudit.report.annotations import workflow_command


@pytest.mark.parametrize(
    ('text', 'data', 'prop'),
    (
        pytest.param('plain', 'plain', 'plain', id='plain'),
        pytest.param('100%', '100%25', '100%25', id='percent-first'),
        pytest.param('a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab', id='newlines'),
        pytest.param('a:b,c', 'a:b,c', 'a%3Ab%2Cc', id='property-separators'),
        pytest.param('%0A', '%250A', '%250A', id='already-escaped-text'),
    ),
)
def test_escape(text, data, prop):
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_workflow_command_escapes_every_part():
    line = workflow_command('error', {'file': 'x,y.env', 'title': 'a:b'}, 'one\n::error::two')
    assert line == '::error file=x%2Cy.env,title=a%3Ab::one%0A::error::two'


def test_workflow_command_without_properties():
    assert workflow_command('warning', {}, '50%') == '::warning::50%25'
