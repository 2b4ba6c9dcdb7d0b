"""Two of detect-secrets' default heuristics, answering as before for every plugin but ours.

detect-secrets applies ``heuristic.is_potential_uuid`` (drops any secret holding a UUID, so every
Fireflies key) and ``heuristic.is_indirect_reference`` (drops whole lines such as
``client = Fireflies(api_key="<key>")``) to every plugin. It resolves each default filter from its
dotted path when it builds its filter list (``detect_secrets.settings.get_filters``, 1.0 to 1.5:
https://github.com/Yelp/detect-secrets/blob/v1.5.0/detect_secrets/settings.py), so ``install()``,
run when the plugin loads, puts the versions below under those two names. ``detect-secrets scan
--plugin FILE`` then needs no filter flags, and baselines keep detect-secrets' default names.

The same functions are the ``--filter`` targets older ffaudit releases asked for
(``FILTER_ARGS``), so baselines that name them keep working.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import import_module
from typing import Any

API_KEY_TYPE = 'Fireflies API Key'  # persisted in baselines: never rename
WEBHOOK_SECRET_TYPE = 'Fireflies Webhook Secret'  # persisted in baselines: never rename
FIREFLIES_TYPES = frozenset({API_KEY_TYPE, WEBHOOK_SECRET_TYPE})
_MODULE = 'detect_secrets.filters.heuristic'
ORIGINALS: dict[str, Callable[..., bool]] = {}  # detect-secrets' own functions, once replaced
_STATE = {'checked': False}


def is_fireflies(plugin: object) -> bool:
    """Whether ``plugin`` is one of ours (by ``secret_type``: any copy of the plugin file)."""
    return getattr(plugin, 'secret_type', None) in FIREFLIES_TYPES


def _original(name: str) -> Callable[..., bool]:
    if name in ORIGINALS:
        return ORIGINALS[name]
    function: Callable[..., bool] = getattr(import_module(_MODULE), name)
    return function


def uuid_unless_fireflies(secret: str, plugin: Any = None) -> bool:
    """``is_potential_uuid`` for every plugin but ours (per finding, as the original)."""
    return not is_fireflies(plugin) and _original('is_potential_uuid')(secret)


def indirect_reference_unless_fireflies(
    line: str,
    secret: str | None = None,
    plugin: Any = None,
    filename: str = '',
    context: Any = None,
) -> bool:
    """``is_indirect_reference`` for every plugin but ours.

    detect-secrets injects arguments by name, so this runs per line (``filename``, ``line``,
    ``context``: before any plugin sees the line) and per finding (``secret``, ``plugin``). Per
    line it drops what the original drops unless our plugin reports a key there; per finding it
    drops every other plugin's finding on such a line, so theirs stay exactly as without us.
    """
    if not _is_indirect_reference(line):
        return False
    if secret is not None:
        return not is_fireflies(plugin)
    return not _reported(filename, context)


# detect-secrets' pattern is ``([^\v=!:]*)\s*(:=?|[!=]{1,3})\s*([\w.-]+[\[\(][^\v]*[\]\)])``;
# its first two parts may match nothing, so a line holds a match exactly when it holds one of
# the rest. Searching for the rest alone gives the same answer without the leading
# ``[^\v=!:]*`` retried at every offset, which made the original the costliest filter per line.
_INDIRECT_RE = re.compile(r'(:=?|[!=]{1,3})\s*([\w.-]+[\[\(][^\v]*[\]\)])')


def _is_indirect_reference(line: str) -> bool:
    """``heuristic.is_indirect_reference(line)``, the same answer, faster."""
    return len(line) <= 1000 and _INDIRECT_RE.search(line) is not None  # its length guard too


def _reported(filename: str, context: Any) -> bool:
    from detect_secrets.settings import get_plugins

    return any(
        is_fireflies(p) and hasattr(p, 'reports_on_line') and p.reports_on_line(filename, context)
        for p in get_plugins()
    )


_OURS = {
    'is_potential_uuid': uuid_unless_fireflies,
    'is_indirect_reference': indirect_reference_unless_fireflies,
}


def install() -> None:
    """Put our functions under detect-secrets' names (once; never breaks detect-secrets)."""
    try:
        from detect_secrets import settings

        heuristic = import_module(_MODULE)
        for name, function in _OURS.items():
            current = getattr(heuristic, name, None)  # None: a release without it needs nothing
            if current is not None and current is not function:
                ORIGINALS[name] = current
                setattr(heuristic, name, function)
        settings.get_filters.cache_clear()  # a list built before now held the originals
    except Exception:  # another shape of detect-secrets: check() says so
        return


def check() -> str | None:
    """Once per process: a one-line warning if detect-secrets still applies a filter of theirs.

    Run when a plugin is built, after detect-secrets has read every flag and the baseline, so
    the answer covers what this run applies (the flags of ``FILTER_ARGS`` pass it).
    """
    if _STATE['checked']:
        return None
    _STATE['checked'] = True
    try:
        from detect_secrets import settings

        applied = settings.get_filters()
        settings.get_filters.cache_clear()  # settings may still change: build it again later
    except Exception:
        return _warning()
    return _warning() if any(_theirs(function) for function in applied) else None


def _theirs(function: object) -> bool:
    name = getattr(function, '__name__', '')
    ours = _OURS.get(name)
    return any(function is f for f in ORIGINALS.values()) or (
        ours is not None and function is not ours
    )


def _warning() -> str:
    try:
        version = str(import_module('detect_secrets.__version__').VERSION)
    except (ImportError, AttributeError):
        version = '(unknown version)'
    return (
        f'ffaudit: detect-secrets {version} drops Fireflies keys through filters the plugin '
        'cannot replace: add $(ffaudit plugin-path --filter) to the command, or use ffaudit ds-hook'
    )
