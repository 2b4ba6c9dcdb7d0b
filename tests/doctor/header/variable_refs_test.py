"""$VAR, ${VAR}, %VAR% and $env:VAR in a pasted header or command are never "a credential in the
URL": the leak check looks for the key only, in the path and query, never in the host name
(``$FIREFLIES_API_KEY`` shares 'firefl' with api.fireflies.ai). Every form the doctor reads.
"""

from __future__ import annotations

import pytest

from ffaudit import doctor
from ffaudit.doctor.header.checks import FORMS
from ffaudit.doctor.header.parse import parse
from ffaudit.doctor.key import sources
from ffaudit.fireflies import endpoint
from ffaudit.model import Status

KEY = '5d7b7c54-088c-44c5-aead-3a5098e1556c'  # pragma: allowlist secret
URL = 'https://api.fireflies.ai/graphql'
REFS = (
    '$FIREFLIES_API_KEY',
    '${FIREFLIES_API_KEY}',
    '%FIREFLIES_API_KEY%',
    '$env:FIREFLIES_API_KEY',
)
TEMPLATES = {
    'value': 'Bearer {ref}',
    'line': 'Authorization: Bearer {ref}',
    'http': 'POST /graphql HTTP/1.1\nHost: api.fireflies.ai\nAuthorization: Bearer {ref}\n',
    'http2': ':method: POST\n:authority: api.fireflies.ai\n:path: /graphql\n'
    'authorization: Bearer {ref}\n',
    'chrome': 'authorization\nBearer {ref}\ncontent-type\napplication/json\n',
    'curl': f'curl {URL} -H "Authorization: Bearer {{ref}}" -H "Content-Type: application/json"',
    'httpie': f'http POST {URL} "Authorization:Bearer {{ref}}"',
    'wget': f'wget --header="Authorization: Bearer {{ref}}" {URL}',
    'powershell': f'Invoke-RestMethod -Uri {URL} -Headers @{{{{Authorization="Bearer {{ref}}"}}}}',
    'code': '{{"Authorization": "Bearer {ref}"}}',
}
ENVS: tuple[dict[str, str], ...] = ({'FIREFLIES_API_KEY': KEY}, {})


def test_every_form_is_covered():
    assert set(TEMPLATES) == set(FORMS)


@pytest.mark.parametrize('env', ENVS, ids=('set', 'unset'))
@pytest.mark.parametrize('ref', REFS)
@pytest.mark.parametrize('form', sorted(TEMPLATES))
def test_variable_references_are_not_a_credential_in_the_url(tmp_path, form, ref, env):
    text = TEMPLATES[form].format(ref=ref)
    assert parse(text, env).form == form
    inp = sources.resolve(env=env, cwd=str(tmp_path), header=text)
    results = doctor.run(inp, offline=True)
    for r in results:
        assert 'carries a credential' not in r.message, (r.check, r.message)
    url_checks = {r.check: r.status for r in results if r.check in ('header.url', 'env.endpoint')}
    assert Status.FAIL not in url_checks.values()


@pytest.mark.parametrize('ref', REFS)
def test_a_reference_as_the_key_is_not_searched_in_urls(ref):
    assert endpoint.carries_credential(f'{URL}?x={ref}', ref) is False
    assert endpoint.problem('https://api.fireflies.ai/graphql', ref) is None


def test_the_key_itself_is_still_found_outside_the_host():
    assert endpoint.carries_credential(f'https://api.fireflies.ai/{KEY[:12]}/graphql', KEY)
    assert not endpoint.carries_credential('https://firefl.example/graphql', 'fireflkey12')
