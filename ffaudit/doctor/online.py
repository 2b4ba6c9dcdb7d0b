"""The doctor's live check: probe Fireflies once with the resolved key and report the answer.

Evidence: docs/evidence.md#error-envelope, #network-failures.
"""

from __future__ import annotations

import dataclasses

from ffaudit.doctor.inputs import DEFAULT_ENDPOINT
from ffaudit.doctor.inputs import DoctorInput
from ffaudit.errors import FfauditError
from ffaudit.fireflies import probe
from ffaudit.fireflies import results
from ffaudit.fireflies.failure_advice import WITHOUT_ENDPOINT_FLAG
from ffaudit.model import CheckResult
from ffaudit.model import Status
from ffaudit.redaction import fingerprint


def run_online(inp: DoctorInput) -> list[CheckResult]:
    """Probe Fireflies once with the key in ``inp`` and classify the answer."""
    if inp.key is None:
        return [CheckResult('auth.probe', Status.SKIP, 'no key to probe', section=results.SECTION)]
    try:
        parts = probe.check_endpoint(inp.endpoint, inp.key)
    except FfauditError as exc:
        hint = 'Use https://api.fireflies.ai/graphql (plain http only to a loopback test server).'
        return [
            CheckResult('net.connect', Status.FAIL, f'Not probed: {exc}', hint, results.SECTION)
        ]
    diag, elapsed = probe.probe(inp.key, inp.endpoint, inp.timeout, inp.env)
    reveal = inp.show_identity or not inp.env.get('CI')
    retv = [
        results.connect_check(diag, f'{parts.scheme}://{parts.netloc}', elapsed),
        results.probe_check(diag, fingerprint(inp.key), inp.key_source),
    ]
    identity = results.identity_check(diag, inp.expect_email, reveal)
    retv = retv if identity is None else [*retv, identity]
    return retv if inp.endpoint != DEFAULT_ENDPOINT else [_no_flag(r) for r in retv]


def _no_flag(result: CheckResult) -> CheckResult:
    hint = WITHOUT_ENDPOINT_FLAG.get(result.hint, result.hint)
    return dataclasses.replace(result, hint=hint)
