"""Recall and false positives of the engine on the labelled corpus in tests/corpus/."""

from __future__ import annotations

import json
import pathlib
import shutil
from typing import NamedTuple

import pytest

from ffaudit.scan import files
from testing.paths import CORPUS

MANIFEST = json.loads((CORPUS / 'manifest.json').read_text())
Labels = set[tuple[int, str]]


@pytest.fixture(scope='module')
def corpus(tmp_path_factory):
    # A copy outside this checkout: inside it, repository context (one git grep over the
    # work tree, which talks to Fireflies) would promote the negative files' candidates.
    root = tmp_path_factory.mktemp('corpus') / 'corpus'
    shutil.copytree(CORPUS, root)
    return root


class Found(NamedTuple):
    files: dict[str, Labels]  # each file scanned on its own, as pre-commit passes one file
    trees: dict[str, dict[str, Labels]]  # each tree scanned as a whole, by file


@pytest.fixture(scope='module')
def found(corpus: pathlib.Path) -> Found:
    # every file and tree is scanned once; the per-file tests and the totals share the result
    files = {rel: _found(corpus / rel) for rel in MANIFEST['files']}
    return Found(files, {rel: _found_tree(corpus / rel) for rel in MANIFEST['trees']})


def _found(path: pathlib.Path) -> Labels:
    return {(f.line, f.rule.value) for f in files.scan_paths([str(path)]).findings}


def _found_tree(root: pathlib.Path) -> dict[str, Labels]:
    result = files.scan_paths([str(root)], all_files=True)
    found: dict[str, Labels] = {}
    for f in result.findings:
        found.setdefault(str(pathlib.Path(f.path).relative_to(root)), set()).add((f.line, f.rule))
    return found


def _expected(labels: list[list[object]]) -> Labels:
    return {(int(str(line)), str(rule)) for line, rule in labels}


@pytest.mark.parametrize('rel', sorted(MANIFEST['files']))
def test_corpus_file(found, rel):
    assert found.files[rel] == _expected(MANIFEST['files'][rel])


@pytest.mark.parametrize('rel', sorted(MANIFEST['trees']))
def test_corpus_tree(found, rel):
    want = {name: _expected(labels) for name, labels in MANIFEST['trees'][rel].items()}
    assert found.trees[rel] == want


def test_corpus_recall_and_false_positives(found, capsys):
    expected = hits = true_pos = 0
    for rel, labels in MANIFEST['files'].items():
        want, got = _expected(labels), found.files[rel]
        expected, hits, true_pos = expected + len(want), hits + len(got), true_pos + len(want & got)
    for rel, tree in MANIFEST['trees'].items():
        got_tree = found.trees[rel]
        for name in set(tree) | set(got_tree):
            want, got = _expected(tree.get(name, [])), got_tree.get(name, set())
            expected, hits = expected + len(want), hits + len(got)
            true_pos += len(want & got)
    positives = sum(1 for k in MANIFEST['files'] if k.startswith('positive/'))
    negatives = sum(1 for k in MANIFEST['files'] if k.startswith('negative/'))
    with capsys.disabled():
        print(
            f'\ncorpus: {positives} positive + {negatives} negative files, '
            f'{len(MANIFEST["trees"])} trees; recall {true_pos}/{expected}, '
            f'false positives {hits - true_pos}'
        )
    assert positives >= 40
    assert negatives >= 40
    assert (true_pos, hits) == (expected, expected)
