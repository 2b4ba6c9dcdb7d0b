"""``detect-secrets audit`` for baselines with Fireflies findings: loads plugins, never leaks.

detect-secrets' audit crashes on findings from custom plugins (Yelp/detect-secrets#611): the
secret-type map is an ``lru_cache`` filled before the baseline's ``plugins_used`` is applied.
We clear it right after the baseline loads, then call detect-secrets' own audit code, with two
more patches: lines its transformers blank or drop are read raw (so keys there are found again),
and every secret in the code it shows is redacted unless the caller asks for the raw values.
"""

from __future__ import annotations

import contextlib
import copy
import itertools
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from typing import Any

from ffaudit.engine import detect
from ffaudit.errors import FfauditError
from ffaudit.integrations.detect_secrets.baseline_shape import check_usable
from ffaudit.integrations.detect_secrets.baselines import load_baseline
from ffaudit.integrations.detect_secrets.baselines import served
from ffaudit.redaction import path_text
from ffaudit.redaction import redact
from ffaudit.scan import files


def audit_stats(path: str) -> dict[str, Any]:
    """Return detect-secrets' ``audit --stats --json`` statistics for the baseline at ``path``."""
    from detect_secrets.audit.analytics import calculate_statistics_for_baseline

    data = load_baseline(path)  # one clear line for unusable input, before detect-secrets sees it
    check_usable(data, path, results=False)
    with served(data), _patched(path):
        stats: dict[str, Any] = calculate_statistics_for_baseline(path).json()
    return stats


def audit_report(path: str, only: str | None = None) -> dict[str, Any]:
    """Return detect-secrets' ``audit --report`` with every secret redacted (``only``: real/false).

    detect-secrets' own report prints raw secrets and the lines holding them; ours never does.
    """
    from detect_secrets.audit.report import SecretClassToPrint
    from detect_secrets.audit.report import generate_report

    data = load_baseline(path)
    check_usable(data, path, results=True)  # a FIFO named in results would hang the report
    wanted = {
        'real': SecretClassToPrint.REAL_SECRET,
        'false': SecretClassToPrint.FALSE_POSITIVE,
    }.get(only or '')
    with served(data), _patched(path):
        report: dict[str, Any] = generate_report(path, wanted)  # type: ignore[arg-type]
    return _redact_report(report)


def audit_interactive(path: str, show_secrets: bool = False) -> None:
    """Run detect-secrets' interactive labelling on ``path``; secrets shown redacted by default."""
    from detect_secrets.audit.audit import audit_baseline

    data = load_baseline(path)
    check_usable(data, path, results=True)
    with served(data), _patched(path, redact=not show_secrets):
        try:
            audit_baseline(path)
        except EOFError:  # the answers ran out: detect-secrets saves only at the end
            raise FfauditError('stdin ended before the audit was done: nothing saved') from None


def redact_lines(lines: Iterable[str], secrets: Iterable[str]) -> list[str]:
    """Return ``lines`` with each secret, and anything shaped like a Fireflies key, redacted."""
    ordered = sorted({s for s in secrets if s}, key=len, reverse=True)
    return [detect.KEY_RE.sub(_redact_match, _redact_text(line, ordered)) for line in lines]


def _redact_match(match: Any) -> str:
    return redact(match.group())


def _redact_text(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, redact(secret))
    return text


def _redact_report(report: dict[str, Any]) -> dict[str, Any]:
    secrets = {item['secrets'] for item in report['results']}
    for item in report['results']:
        item['secrets'] = redact(item['secrets'])
        lines = item['lines']
        item['lines'] = dict(zip(lines, redact_lines(lines.values(), secrets), strict=True))
    return report


def _file_secrets(filename: str) -> list[str]:
    try:
        text_scan = files.scan_file(filename).text_scan
    except Exception:  # display only: a file we cannot scan still gets the UUID redaction
        return []
    return [m.value for m in text_scan.matches + text_scan.candidates] if text_scan else []


def _redacting(print_context: Callable[[Any], None]) -> Callable[[Any], None]:
    def redacted(context: Any) -> None:
        secret = copy.copy(context.secret)  # the original keeps its hash: it is saved later
        if secret.secret_value:
            secret.secret_value = redact(secret.secret_value)
        values = [context.secret.secret_value or '', *_file_secrets(secret.filename)]
        context.snippet.lines = redact_lines(context.snippet.lines, values)
        print_context(context._replace(secret=secret))

    return redacted


def _filled(lines: property) -> property:
    # Transformed lines left blank or cut off at the end are read raw, so a key ffaudit reports
    # there (see ds_plugin.iter_line_keys) is found again when the audit re-scans one line.
    def get(getter: Any) -> list[str]:
        got: list[str] = lines.fget(getter)  # type: ignore[misc]
        if getattr(getter, '_ffaudit_filled', None) is not got:
            pairs = itertools.zip_longest(got, getter.raw_lines, fillvalue='')
            got[:] = [text if text.strip() else raw for text, raw in pairs]
            getter._ffaudit_filled = got
        return got

    return property(get)


def _check_types(secrets: Any, known: dict[str, Any], path: str) -> None:
    # detect-secrets looks each type up with [] and fails with a bare KeyError or TypeError
    unknown = sorted({s.type for _, s in secrets} - set(known))
    if unknown:
        raise FfauditError(
            f'baseline {path_text(path)}: no plugin in plugins_used reports secret type '
            f'{unknown[0]!r}: add its plugin (with "path" for a custom one) or drop the finding'
        )


@contextlib.contextmanager
def _patched(path: str, redact: bool = False) -> Iterator[None]:
    from detect_secrets.audit import io
    from detect_secrets.audit.common import LineGetter
    from detect_secrets.core import baseline
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.settings import get_plugins

    load, lines, print_context = baseline.load, vars(LineGetter)['lines'], io.print_context

    def load_and_reset(data: dict[str, Any], filename: str = '') -> Any:
        secrets = load(data, filename)
        get_mapping_from_secret_type_to_class.cache_clear()
        get_plugins.cache_clear()
        _check_types(secrets, get_mapping_from_secret_type_to_class(), path)
        return secrets

    # setattr: mypy rejects assigning to a module function or a property
    setattr(baseline, 'load', load_and_reset)  # noqa: B010
    setattr(LineGetter, 'lines', _filled(lines))  # noqa: B010
    if redact:
        setattr(io, 'print_context', _redacting(print_context))  # noqa: B010
    try:
        yield
    finally:
        setattr(baseline, 'load', load)  # noqa: B010
        setattr(LineGetter, 'lines', lines)  # noqa: B010
        setattr(io, 'print_context', print_context)  # noqa: B010
