"""The public Python API: scan text or paths, run the doctor's checks; values, never printing.

Importable from the package itself (``ffaudit.scan_text``, ``ffaudit.scan_paths``,
``ffaudit.diagnose``). Each returns the frozen values the CLI renders (``model.ScanResult``,
``model.DoctorReport``); findings carry a redacted preview and a fingerprint, never a key.
Unusable input raises ``errors.FfauditError`` (the CLI's exit 2).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from collections.abc import Sequence

from ffaudit.model import FIREFLIES_ENDPOINT
from ffaudit.model import FIREFLIES_TIMEOUT
from ffaudit.model import DoctorReport
from ffaudit.model import ScanResult


def scan_text(text: str, path: str = '<text>') -> ScanResult:
    """Findings in ``text``, judged as ``ffaudit scan`` judges a file named ``path``.

    The name matters: it decides which file-type rules apply (``settings.py``, ``.env``,
    ``README.md``). Repository context is that of ``path``'s directory, if it is in a work tree.
    """
    from ffaudit.scan import files

    return files.scan_bytes(path, text.encode('utf-8', 'surrogatepass'))


def scan_paths(paths: Sequence[str], *, all_files: bool = False) -> ScanResult:
    """Findings in files and directories, as ``ffaudit scan PATHS`` (``--all-files``) reports."""
    from ffaudit.scan import files

    return files.scan_paths(list(paths), all_files=all_files)


def diagnose(
    key: str | None = None,
    *,
    header: str | None = None,
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
    endpoint: str = FIREFLIES_ENDPOINT,
    timeout: float = FIREFLIES_TIMEOUT,
    offline: bool = True,
) -> DoctorReport:
    """Run the doctor's checks, as ``ffaudit doctor`` does; offline unless ``offline=False``.

    ``key`` is checked as if it were ``FIREFLIES_API_KEY``; without it the key comes from ``env``
    (default ``os.environ``) and ``cwd``'s ``.env``, as on the command line. ``header``: the text
    ``ffaudit doctor --header -`` reads (a header line, a curl command, a raw request).
    """
    import ffaudit.doctor
    from ffaudit.doctor.key import sources
    from ffaudit.doctor.summary import summarize

    environ = dict(os.environ if env is None else env)
    if key is not None:
        environ[sources.CANONICAL] = key
    inp = sources.resolve(
        env=environ, cwd=cwd or os.getcwd(), header=header, endpoint=endpoint, timeout=timeout
    )
    results = tuple(ffaudit.doctor.run(inp, offline=offline))
    code = ffaudit.doctor.exit_code(results)
    return DoctorReport(results, summarize(inp, code, results, offline=offline), int(code))
