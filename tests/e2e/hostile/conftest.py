"""Case folders for the hostile tests: a file with the planted key, a FIFO, a folder, baselines.

Each table module runs all its rows at once (``testing.hostile.run_all``) in one module-scoped
fixture, each row in its own fresh folder, and each test checks one row's outcome.
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import Callable

import pytest

from testing.hostile import KEY
from testing.hostile import Case
from testing.hostile import ds_baseline
from testing.hostile import ds_finding


def fill_case_dir(folder: pathlib.Path) -> pathlib.Path:
    """``app.py`` (holds KEY), ``fifo``, ``folder``, ``good.json`` (a clean detect-secrets
    baseline) and ``names-<what>.json`` baselines whose results name the FIFO, the folder,
    a device and a missing file."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / 'app.py').write_text(f'FIREFLIES_API_KEY = "{KEY}"\n')
    os.mkfifo(folder / 'fifo')
    (folder / 'folder').mkdir()
    (folder / 'good.json').write_text(ds_baseline({}))
    named = {'fifo': 'fifo', 'folder': 'folder', 'zero': '/dev/zero', 'missing': 'missing.py'}
    for what, filename in named.items():
        (folder / f'names-{what}.json').write_text(ds_baseline({filename: [ds_finding(filename)]}))
    return folder


@pytest.fixture(scope='module')
def case_dirs(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Case], pathlib.Path]:
    """A fresh filled folder per case (``fill_case_dir``)."""
    root = tmp_path_factory.mktemp('hostile')
    return lambda case: fill_case_dir(root / case.id)


@pytest.fixture(scope='module', autouse=True)
def _plain_environment() -> None:
    # no key, CI or step summary from the developer's shell reaches a case
    for name in ('FIREFLIES_API_KEY', 'CI', 'GITHUB_ACTIONS', 'GITHUB_STEP_SUMMARY'):
        os.environ.pop(name, None)
