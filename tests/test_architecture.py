"""The core never imports the CLI framework or reads the terminal; only cli/ does."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "aicheck"
ENTRY_POINT = PACKAGE / "__main__.py"
CORE = sorted(
    p
    for p in PACKAGE.rglob("*.py")
    if "cli" not in p.relative_to(PACKAGE).parts and p != ENTRY_POINT
)


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_module_stays_out_of_the_terminal(path: Path) -> None:
    modules = imported_modules(path)
    assert not {m for m in modules if m.split(".")[0] in ("typer", "click")}
    assert not {m for m in modules if m.startswith("aicheck.cli")}
    source = path.read_text()
    assert "sys.stdin" not in source and "input(" not in source


def test_only_the_text_renderer_uses_rich_outside_the_cli() -> None:
    users = [p.name for p in CORE if any(m.startswith("rich") for m in imported_modules(p))]
    assert users == ["text.py"]


MAX_LINES = 400


def test_no_module_is_over_400_lines() -> None:
    """Small modules with one job: one that grows past this holds more than one idea."""
    lengths = {
        str(p.relative_to(PACKAGE)): len(p.read_text().splitlines()) for p in PACKAGE.rglob("*.py")
    }
    assert {name: n for name, n in lengths.items() if n > MAX_LINES} == {}


# The package root keeps the foundation (errors, suggest) and the one API the command line
# calls (service); every other module lives in the package for its job.
ROOT_MODULES = {"__init__.py", "__main__.py", "errors.py", "suggest.py", "service.py"}


def test_the_package_root_holds_only_the_foundation_and_the_service() -> None:
    assert {p.name for p in PACKAGE.glob("*.py")} == ROOT_MODULES
