"""What the doctor checks: the resolved key, where it came from, the header and the environment."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from ffaudit.model import FIREFLIES_ENDPOINT
from ffaudit.model import FIREFLIES_TIMEOUT
from ffaudit.model import KeySource

# the doctor's names for the one endpoint and timeout scan --verify uses too (model.py)
DEFAULT_ENDPOINT = FIREFLIES_ENDPOINT
DEFAULT_TIMEOUT = FIREFLIES_TIMEOUT


@dataclasses.dataclass(frozen=True)
class DoctorInput:
    """Everything the checks read. The raw key is held here only; checks must never echo it."""

    # raw value of the winning source, untrimmed; repr=False here and below: repr() never shows it
    key: str | None = dataclasses.field(default=None, repr=False)
    key_source: str = ''  # name of the winning KeySource ('' when none)
    sources: tuple[KeySource, ...] = ()
    header: str | None = dataclasses.field(default=None, repr=False)  # --header text, untouched
    header_name: str = 'header:stdin'  # where --header came from: 'header:stdin', 'header:FILE'
    endpoint: str = DEFAULT_ENDPOINT
    timeout: float = DEFAULT_TIMEOUT
    expect_email: str | None = None
    show_identity: bool = False
    env: Mapping[str, str] = dataclasses.field(default_factory=dict, repr=False)  # other secrets
    cwd: str = '.'
    dotenv_names: tuple[str, ...] = ()  # variable names defined in ./.env (names only)

    @property
    def source(self) -> KeySource | None:
        """The winning source, or ``None`` when no source holds a value."""
        return next((s for s in self.sources if s.name == self.key_source), None)
