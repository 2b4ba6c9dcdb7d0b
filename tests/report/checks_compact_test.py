"""The compact doctor report: one line per section, root problems only, the last line."""

from __future__ import annotations

from ffaudit.model import CheckResult
from ffaudit.model import DoctorSummary
from ffaudit.model import Format
from ffaudit.model import Status
from ffaudit.report import checks

COMPACT = DoctorSummary(versions=(('ffaudit', '0.1.0'),), exit_code=3, verbose=False)


def _render(
    results: list[CheckResult], summary: DoctorSummary = COMPACT, ascii: bool = False
) -> str:
    return checks.render_checks(results, summary, Format.TEXT, ascii=ascii)


def test_inconclusive_is_no_verdict_and_the_last_line_says_what_was_not_checked():
    results = [
        CheckResult('key.sources', Status.PASS, 'API key from stdin', section='Credentials'),
        CheckResult('auth.probe', Status.INCONCLUSIVE, 'HTTP 503', 'Try later', 'Fireflies API'),
    ]
    summary = DoctorSummary(exit_code=3, verbose=False, not_checked=('no verdict',))
    text = _render(results, summary)
    assert '? Fireflies API  1 check without a verdict' in text
    assert '? HTTP 503  (auth.probe)\n  → Try later' in text
    assert text.endswith('\n1 check without a verdict\nNot checked: no verdict — exit 3\n')


def test_follow_on_problems_are_named_under_their_root_only():
    results = [
        CheckResult('key.scheme', Status.FAIL, 'Scheme in key', 'Store the key', 'Credentials'),
        CheckResult(
            'key.shape', Status.FAIL, 'Odd shape', '', 'Credentials', caused_by='key.scheme'
        ),
        CheckResult('env.proxy', Status.PASS, 'No proxy', section='Environment'),
    ]
    text = _render(results, DoctorSummary(exit_code=1, verbose=False))
    assert text.count('✗') == 2  # the section line and the root
    assert 'Odd shape' not in text
    assert '  also explains: key.shape' in text
    assert '✓ Environment    1 check passed' in text
    assert text.endswith('\n1 problem — exit 1\n')


def test_ascii_compact():
    results = [CheckResult('key.empty', Status.FAIL, 'Empty', 'Set it', 'Credentials')]
    text = _render(results, DoctorSummary(exit_code=1, verbose=False), ascii=True)
    assert '[FAIL] Credentials' in text
    assert '  -> Set it' in text
    assert text.isascii()
