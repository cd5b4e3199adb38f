"""The analysis modules import downward only: no import cycle among them, counting
imports inside functions and under ``TYPE_CHECKING`` (a lazy import is no way out of
a cycle: the modules still depend on each other)."""

from __future__ import annotations

import ast
from pathlib import Path

import newsbrief.analyze

PACKAGE = Path(newsbrief.analyze.__file__).parent


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The sibling modules one module imports, wherever in the file it does."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:  # from .focus import Unit
                found.add(node.module.split(".")[0])
            else:  # from . import focus
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("newsbrief.analyze."):
            found.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[2] for a in node.names if a.name.startswith("newsbrief.analyze."))
    return found & modules


def import_graph() -> dict[str, set[str]]:
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    return {name: imports_of(PACKAGE / f"{name}.py", modules) - {name} for name in modules}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a list of modules (first = last), or None."""
    state: dict[str, str] = {}  # "open" while on the path, "done" after

    def visit(name: str, path: list[str]) -> list[str] | None:
        state[name] = "open"
        for other in sorted(graph[name]):
            if state.get(other) == "open":
                return path[path.index(other):] + [name, other] if other in path else [name, other]
            if other not in state:
                found = visit(other, path + [name])
                if found:
                    return found
        state[name] = "done"
        return None

    for name in sorted(graph):
        if name not in state:
            found = visit(name, [])
            if found:
                return found
    return None


def test_the_analysis_modules_import_downward_only() -> None:
    graph = import_graph()
    assert graph["nlp"] >= {"focus", "names", "attribution"}  # the parser reads the stages' windows
    assert find_cycle(graph) is None, " -> ".join(find_cycle(graph))


def test_the_word_lists_and_settings_import_no_stage() -> None:
    graph = import_graph()
    assert graph["lexicon"] == set()
    assert graph["parsed"] == set()


def test_a_cycle_is_found() -> None:
    cycle = find_cycle({"nlp": {"focus"}, "focus": {"quotes"}, "quotes": {"nlp"}, "lexicon": set()})
    assert cycle == ["focus", "quotes", "nlp", "focus"]  # from the first module in name order
    assert find_cycle({"nlp": {"focus"}, "focus": set()}) is None
