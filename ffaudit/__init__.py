"""ffaudit: keep Fireflies.ai API keys out of source code and diagnose Fireflies auth failures.

Python API (documented in the README): ``scan_text``, ``scan_paths`` and ``diagnose``, loaded on
first use so that ``import ffaudit`` (and every CLI start) stays cheap.
"""

from __future__ import annotations

__version__ = '0.2.0'
__all__ = ['__version__', 'diagnose', 'scan_paths', 'scan_text']

TYPE_CHECKING = False  # not typing.TYPE_CHECKING: importing typing costs start-up time
if TYPE_CHECKING:
    from ffaudit.api import diagnose as diagnose
    from ffaudit.api import scan_paths as scan_paths
    from ffaudit.api import scan_text as scan_text


def __getattr__(name: str) -> object:
    if name in ('diagnose', 'scan_paths', 'scan_text'):
        from ffaudit import api

        return getattr(api, name)
    raise AttributeError(f'module {__name__!r} has no attribute {name!r}')
