"""The package's dependency rules, checked on its import graph (``docs/architecture.md``).

Layers point one way: cli -> integrations -> doctor, scan, explain (siblings, never importing
each other) -> fireflies -> engine -> model, redaction, errors. report turns values into text and
imports only the base. Only cli imports click, only integrations.detect_secrets imports
detect_secrets, only fireflies.transport imports requests.
"""

from __future__ import annotations

import ast
import pathlib

import pytest

import ffaudit

PACKAGE = pathlib.Path(ffaudit.__file__).parent
# each layer may import the layers listed after it (and itself); the base may import only itself
LAYERS = (
    ('cli',),
    ('integrations',),
    ('doctor', 'scan', 'explain'),
    ('report',),
    ('fireflies',),
    ('engine',),
    ('model', 'redaction', 'errors'),
)
# modules outside the layers: the package root and its compatibility / helper modules
FREE = frozenset({'__init__', '__main__', 'api', 'ds_plugin', 'jsonfile', 'user_files'})
THIRD_PARTY_OWNERS = {
    'click': ('cli',),
    'detect_secrets': ('integrations.detect_secrets',),
    'requests': ('fireflies.transport',),
    'urllib3': ('fireflies.transport',),
}


def _modules() -> dict[str, ast.Module]:
    retv = {}
    for path in sorted(PACKAGE.rglob('*.py')):
        rel = path.relative_to(PACKAGE).with_suffix('')
        name = '.'.join(rel.parts).removesuffix('.__init__')
        retv[name or '__init__'] = ast.parse(path.read_text(), str(path))
    return retv


def _imports(tree: ast.Module) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f'{node.module}.{alias.name}' for alias in node.names)
    return found


def _layer(module: str) -> int | None:
    top = module.split('.')[0]
    return next((i for i, names in enumerate(LAYERS) if top in names), None)


def _ours(imported: str) -> str | None:
    # the module of ours that ``imported`` names (``ffaudit.x.NAME`` -> ``x``), or None
    if imported != 'ffaudit' and not imported.startswith('ffaudit.'):
        return None
    parts = imported.split('.')[1:]
    while parts and not _exists(parts):
        parts.pop()
    return '.'.join(parts) or '__init__'


def _exists(parts: list[str]) -> bool:
    path = PACKAGE.joinpath(*parts)
    return path.with_suffix('.py').is_file() or path.is_dir()


MODULES = _modules()


@pytest.mark.parametrize('module', sorted(MODULES))
def test_module_imports_only_downward(module):
    mine = _layer(module)
    upward = []
    for imported in sorted(_imports(MODULES[module])):
        target = _ours(imported)
        if target is None or target.split('.')[0] in FREE:
            continue
        theirs = _layer(target)
        if mine is None or theirs is None:
            continue
        same_group = LAYERS[mine] == LAYERS[theirs] and module.split('.')[0] == target.split('.')[0]
        if theirs < mine or (theirs == mine and not same_group):
            upward.append(imported)
    assert not upward, f'{module} imports upward or sideways: {upward}'


@pytest.mark.parametrize('module', sorted(MODULES))
def test_third_party_owners(module):
    for imported in _imports(MODULES[module]):
        top = imported.split('.')[0]
        owners = THIRD_PARTY_OWNERS.get(top)
        if owners is not None:
            assert module.startswith(owners), f'{module} imports {top} (only {owners} may)'


BASE = ('model', 'redaction', 'errors')


@pytest.mark.parametrize(
    'module', sorted(m for m in MODULES if m.split('.')[0] in ('engine', 'report', *BASE))
)
def test_engine_report_and_base_import_only_the_base(module):
    allowed = {module.split('.')[0], *BASE} - ({module.split('.')[0]} if module in BASE else set())
    for imported in _imports(MODULES[module]):
        target = _ours(imported)
        if target is not None and target.split('.')[0] not in FREE:
            assert target.split('.')[0] in allowed, f'{module} imports {imported}'


def test_no_alias_renames_a_module_of_ours():
    renamed = []
    for module, tree in MODULES.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or '').startswith('ffaudit'):
                for alias in node.names:
                    full = f'{node.module}.{alias.name}'
                    if alias.asname and _exists(full.split('.')[1:]):
                        renamed.append(f'{module}: {full} as {alias.asname}')
    assert not renamed
