"""Where the test suites find the repository, its corpus and its data files."""

from __future__ import annotations

import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
CORPUS = ROOT / 'tests' / 'corpus'
SARIF_SCHEMA = ROOT / 'testing' / 'data' / 'sarif-schema-2.1.0.json'
CI_RECIPES = ROOT / 'docs' / 'ci'
