"""Short-distance data flow: a variable bound to a key, sent as a Bearer token."""

from __future__ import annotations

import pytest

from ffaudit.engine import detect
from ffaudit.engine import flow

KEY = '6b1e3f7a-9c2d-4e8b-a5f1-3d7c9e2b4a60'  # pragma: allowlist secret
HOST = 'https://api.fireflies.ai/graphql'
H = 'headers:{Authorization:'

HITS = [
    pytest.param(f"var t='{KEY}';fetch('{HOST}',{{{H}'Bearer '+t}})", id='min'),
    pytest.param(f"t = '{KEY}'\nh = f'Bearer {{t}}'  # {HOST}\n", id='fstring'),
    pytest.param(f"const k = '{KEY}';\nconst h = `Bearer ${{k}}`; // {HOST}\n", id='template'),
    pytest.param(f"$t = '{KEY}';\n$h = 'Authorization: Bearer ' . $t; // {HOST}\n", id='php'),
    pytest.param(f"k = '{KEY}'\nh = 'Bearer %s' % k  # {HOST}\n", id='percent'),
    pytest.param(f"k = '{KEY}'\nh = 'Bearer {{}}'.format(k)  # {HOST}\n", id='format'),
]
NOOPS = [
    pytest.param(f"var t='{KEY}';fetch('https://x.example',{{{H}'Bearer '+t}})", id='no-ff'),
    pytest.param(f"var s='{KEY}';fetch('{HOST}',{{'X-Session-Id':s}})", id='not-a-credential'),
    pytest.param(f"var t='{KEY}';console.log('Bearer token for '+t) // {HOST}", id='log-line'),
    pytest.param(f"var t='{KEY}';var tt='Bearer '+tx // {HOST}", id='other-name'),
]


@pytest.mark.parametrize('text', HITS)
def test_flow_hits(text):
    assert [m.value for m in detect.scan_text(text).matches] == [KEY]


@pytest.mark.parametrize('text', NOOPS)
def test_flow_noops(text):
    assert detect.scan_text(text).matches == ()


def test_flow_looks_a_bounded_distance_ahead():
    far = ' ' * flow.FLOW_CHARS
    text = f"var t='{KEY}';{far}fetch('{HOST}',{{headers:{{a:'Bearer '+t}}}})"
    assert flow.use_of(text, text.index(KEY) + len(KEY), 't') is None
    near = text.replace(far, ' ')
    assert flow.use_of(near, near.index(KEY) + len(KEY), 't') is not None
