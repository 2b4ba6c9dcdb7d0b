"""Read ./.env as python-dotenv's defaults would, and find .env files in parent directories.

python-dotenv 1.2.2 ``load_dotenv()`` expands ``${VAR}`` (interpolate=True, file values first,
then the environment) and ``find_dotenv()`` walks up parent directories; ffaudit reads ./.env
only, and says so (doctor.md §2 #4).
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Mapping

CANONICAL = 'FIREFLIES_API_KEY'
NO_DOTENV = 'no ./.env'
_LIMIT = 1 << 20
_MAX_PARENTS = 32
Values = dict[str, str | None]


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(str(record.args[0]) if isinstance(record.args, tuple) else '?')


def parse(text: str) -> tuple[Values, list[str]]:
    """Raw (not expanded) values and the numbers of lines python-dotenv could not parse."""
    import dotenv  # lazy: only when ./.env exists

    logger = logging.getLogger('dotenv.main')  # it logs each unparsable line (line number only)
    handler, propagate = _Lines(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        return dotenv.dotenv_values(stream=io.StringIO(text), interpolate=False), handler.lines
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def expand(raw: Values, env: Mapping[str, str]) -> tuple[Values, tuple[str, ...]]:
    """Expand ``${VAR}`` as python-dotenv does; also the names the canonical value came via."""
    from dotenv.variables import Variable
    from dotenv.variables import parse_variables

    out: Values = {}
    via: tuple[str, ...] = ()
    for name, value in raw.items():
        atoms = list(parse_variables(value)) if value is not None else []
        scope = {**env, **out}
        out[name] = None if value is None else ''.join(a.resolve(scope) for a in atoms)
        if name == CANONICAL:
            via = tuple(a.name for a in atoms if isinstance(a, Variable))
    return out, via


def decode(data: bytes) -> tuple[str | None, str]:
    """(text, '') or (None, why python-dotenv cannot read it either)."""
    if data.startswith((b'\xff\xfe', b'\xfe\xff')) or b'\x00' in data[:64]:
        return None, 'it is UTF-16 (as saved by PowerShell or Notepad); python-dotenv reads UTF-8'
    try:
        return data.decode('utf-8'), ''
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b'\n') + 1
        return None, f'line {line} is not UTF-8 (Windows-1252?); python-dotenv reads UTF-8'


def read(cwd: str) -> tuple[bytes | None, str]:
    """The bytes of ``cwd``/.env, or (None, why not)."""
    path = os.path.join(cwd, '.env')
    if not os.path.lexists(path):
        return None, NO_DOTENV
    try:
        with open(path, 'rb') as f:
            return f.read(_LIMIT), ''
    except OSError as exc:
        return None, f'cannot read ./.env ({type(exc).__name__})'


def parents(cwd: str) -> tuple[str, ...]:
    """``../.env``, ``../../.env``...: .env files above ``cwd`` (which ffaudit does not read)."""
    found: list[str] = []
    here = os.path.abspath(cwd)
    for depth in range(1, _MAX_PARENTS):
        up = os.path.dirname(here)
        if up == here:
            break
        here = up
        if os.path.isfile(os.path.join(here, '.env')):
            found.append('/'.join(['..'] * depth + ['.env']))
    return tuple(found)
