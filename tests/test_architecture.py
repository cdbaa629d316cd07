"""The layout keeps the rules docs/architecture.md states, read from the code's own imports.

Every `import` and `from … import` of the package is read, wherever it stands (a function-level
import counts like any other), so no rule and no cycle can hide behind a late import.
"""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "helper"
ARCHITECTURE = (REPO_ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")

# What each layer may import from the package, as docs/architecture.md's table says.
FOUNDATION = {
    "errors",
    "records",
    "vocabulary",
    "normalize",
    "resources",
    "config",
    "version",
    "private_files",
}
CORE = {"profiles", "people", "strategy", "drafting", "importers", "exporters"}
ALLOWED: dict[str, set[str]] = {
    "foundation": FOUNDATION,
    "core": FOUNDATION | CORE,
    "db": FOUNDATION | {"db"},
    "store": FOUNDATION | CORE | {"db", "store"},
    "web": FOUNDATION | CORE | {"db", "store", "web"},
    "commands": FOUNDATION | CORE | {"db", "store", "commands", "entry"},
    "entry": FOUNDATION | {"db", "store", "web", "commands", "entry"},
}
# Libraries the pure core never touches: it is plain data in, plain data out.
FRAMEWORKS = ("flask", "flask_wtf", "wtforms", "werkzeug", "sqlalchemy", "alembic", "waitress")
# Function-level imports of the package's own modules, each for a stated reason.
LATE_IMPORTS = {
    # `import helper` runs for every CLI command; Flask and the store load only for pages.
    ("helper", "helper.app"),
    # The ics export alone needs iCalendar and the drafting code; json, vcard and csv exports
    # start a fifth faster without them.
    ("helper.store.exports.render", "helper.store.exports.calendar"),
    # Every store open imports `document_backup` (through `backup`); the JSON restore it
    # needs for a PostgreSQL restore only cost each command 3 ms.
    ("helper.store.document_backup", "helper.store.imports.json_restore"),
    # Team mode (Argon2, the team's models) loads only for a PostgreSQL database: a single
    # user's commands never import it.
    ("helper.commands.stores", "helper.store.team.directory"),
    # The import command starts reading a large mailbox before the store layer loads (a
    # quarter to a third of a second), so its workers read meanwhile.
    ("helper.commands.imports", "helper.commands.import_files"),
    # `contacts` and `export vcard|csv` read a current SQLite store with `sqlite3` alone
    # (`store.read_only`), in a third of the time loading SQLAlchemy and the models would
    # take; other stores load it.
    ("helper.commands.reads", "helper.commands.stores"),
    # The JSON and iCalendar exports need the store layer's sessions.
    ("helper.commands.exports", "helper.commands.export_files"),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str:
    top = module.split(".")[1] if "." in module else ""
    if top in FOUNDATION:
        return "foundation"
    if top in CORE:
        return "core"
    if top in {"db", "store", "web", "commands"}:
        return top
    return "entry"


def group_of(module: str) -> str:
    """What a layer rule names: a foundation module, a core package, or a layer."""
    top = module.split(".")[1] if "." in module else ""
    return top if top in FOUNDATION | CORE | {"db", "store", "web", "commands"} else "entry"


@cache
def package_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for path in PACKAGE.rglob("*.py")
        if "versions" not in path.parts and "__pycache__" not in path.parts
    }


def imports_of(path: Path, module: str) -> list[tuple[str, bool]]:
    """(imported module, imported inside a function) for each import statement."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    late: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            late.update(id(inner) for inner in ast.walk(node) if inner is not node)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, id(node) in late) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolved(node, module, path)
            submodules = [f"{base}.{alias.name}" for alias in node.names]
            submodules = [name for name in submodules if name in package_modules()]
            if len(submodules) < len(node.names):  # names defined by `base` itself
                found.append((base, id(node) in late))
            found += [(name, id(node) in late) for name in submodules]
    return found


def _resolved(node: ast.ImportFrom, module: str, path: Path) -> str:
    if not node.level:
        return node.module or ""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def internal_graph() -> dict[str, set[str]]:
    modules = package_modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for module, path in modules.items():
        for imported, _late in imports_of(path, module):
            if imported in modules and imported != module:
                graph[module].add(imported)
    return graph


def test_the_architecture_document_names_every_folder_of_the_package():
    folders = {
        path.relative_to(PACKAGE).as_posix() + "/"
        for path in PACKAGE.rglob("*")
        if path.is_dir() and "__pycache__" not in path.parts and path.parent.name != "static"
    }
    missing = sorted(folder for folder in folders if f"`{folder}`" not in ARCHITECTURE)
    assert missing == []


def test_each_layer_imports_only_what_the_architecture_allows():
    broken = []
    for module, path in package_modules().items():
        allowed = ALLOWED[layer_of(module)]
        for imported, _late in imports_of(path, module):
            if imported.startswith("helper.") and group_of(imported) not in allowed:
                broken.append(f"{module} imports {imported}")
    assert broken == []


def test_the_pure_core_imports_no_web_framework_and_no_database():
    broken = []
    for module, path in package_modules().items():
        if layer_of(module) in {"core", "foundation"}:
            for imported, _late in imports_of(path, module):
                if imported.split(".")[0] in FRAMEWORKS:
                    broken.append(f"{module} imports {imported}")
    assert broken == []


def test_no_module_imports_itself_back_through_others():
    graph = internal_graph()
    cycles = []
    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for imported in sorted(graph.get(module, ())):
            if state.get(imported) == 1:
                cycles.append(" -> ".join([*trail[trail.index(imported) :], imported]))
            elif imported not in state:
                visit(imported, [*trail, imported])
        state[module] = 2

    for module in sorted(package_modules()):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_late_imports_of_the_package_are_only_the_declared_ones():
    late = {
        (module, imported)
        for module, path in package_modules().items()
        for imported, is_late in imports_of(path, module)
        if is_late and imported.startswith("helper")
    }
    assert late == LATE_IMPORTS


@pytest.mark.parametrize(
    "pattern",
    [r"DESIGN\.md", r"FACTS\.md", r"STYLE\.md", r"\.\./shared", r"\bissue #?\d+"],
)
def test_no_code_or_document_points_outside_the_repository(pattern):
    sources = [*PACKAGE.rglob("*.py"), *(REPO_ROOT / "docs").rglob("*.md")]
    sources += [*(REPO_ROOT / "templates").rglob("*"), REPO_ROOT / "README.md"]
    found = [
        f"{path.relative_to(REPO_ROOT)}: {line.strip()}"
        for path in sources
        if path.is_file()
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.search(pattern, line, re.IGNORECASE)
    ]
    assert found == []
