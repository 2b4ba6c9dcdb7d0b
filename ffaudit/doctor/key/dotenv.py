"""Read ./.env as python-dotenv's defaults would, and find .env files in parent directories.

python-dotenv 1.2.2 ``load_dotenv()`` expands ``${VAR}`` (interpolate=True, file values first,
then the environment) and ``find_dotenv()`` walks up parent directories; ffaudit reads ./.env
only, and says so (docs/evidence.md#key-sources).
"""

from __future__ import annotations

import io
import os
import typing
from collections.abc import Iterable
from collections.abc import Mapping

from ffaudit import user_files

if typing.TYPE_CHECKING:
    from dotenv.variables import Atom

CANONICAL = 'FIREFLIES_API_KEY'
NO_DOTENV = 'no ./.env'
_LIMIT = 1 << 20
TOO_LARGE = 'it is larger than 1 MiB; ffaudit does not read it (python-dotenv would)'
VALUE_LIMIT = 64 * 1024  # far above any key; bounds ${A}${A} expansion chains
_MAX_PARENTS = 32
Values = dict[str, str | None]


class Expanded(typing.NamedTuple):
    """Values after ``${VAR}`` expansion, the names the canonical value used, oversized names."""

    values: Values
    via: tuple[str, ...]
    oversized: tuple[str, ...]

    def __repr__(self) -> str:  # the values may hold the key: names only
        return f'Expanded(names={sorted(self.values)!r}, via={self.via!r})'


def parse(text: str) -> tuple[Values, list[str]]:
    """Raw (not expanded) values and the numbers of lines python-dotenv could not parse."""
    import logging  # lazy, as dotenv: only when ./.env exists

    import dotenv

    class _Lines(logging.Handler):
        def __init__(self) -> None:
            super().__init__()
            self.lines: list[str] = []

        def emit(self, record: logging.LogRecord) -> None:
            self.lines.append(str(record.args[0]) if isinstance(record.args, tuple) else '?')

    logger = logging.getLogger('dotenv.main')  # it logs each unparsable line (line number only)
    handler, propagate = _Lines(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        return dotenv.dotenv_values(stream=io.StringIO(text), interpolate=False), handler.lines
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _resolve(atoms: Iterable[Atom], scope: Mapping[str, str | None]) -> tuple[str, bool]:
    parts: list[str] = []
    size = 0
    for atom in atoms:
        parts.append(atom.resolve(scope))
        size += len(parts[-1])
        if size >= VALUE_LIMIT:  # ${A}${A} chains double each line; a cut value stays cut
            return ''.join(parts)[:VALUE_LIMIT], True
    return ''.join(parts), False


def expand(raw: Values, env: Mapping[str, str]) -> Expanded:
    """Expand ``${VAR}`` as python-dotenv does: values, the canonical's names, oversized names.

    One scope grows line by line (file values over the environment), so a long file stays
    linear; a value longer than ``VALUE_LIMIT`` is cut there and its name reported.
    """
    from dotenv.variables import Variable
    from dotenv.variables import parse_variables

    out: Values = {}
    scope: dict[str, str | None] = dict(env)
    via: tuple[str, ...] = ()
    oversized: list[str] = []
    for name, value in raw.items():
        atoms = list(parse_variables(value)) if value is not None else []
        result, cut = _resolve(atoms, scope) if value is not None else (None, False)
        out[name] = scope[name] = result
        oversized += [name] if cut else []
        if name == CANONICAL:
            via = tuple(a.name for a in atoms if isinstance(a, Variable))
    return Expanded(out, via, tuple(oversized))


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
    try:  # a regular file only: a FIFO named .env must not hang the doctor
        return user_files.read_bytes(path, '', _LIMIT), ''
    except user_files.Refused as exc:
        too_large = exc.rule == user_files.TOO_LARGE
        return None, TOO_LARGE if too_large else f'cannot read ./.env ({exc.reason})'


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
