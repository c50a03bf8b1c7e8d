"""The import rules of the code (.importlinter), no circle of imports, and no import hidden in a function."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(root / ".importlinter")],
        cwd=root, env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
        timeout=300,
    )


def test_every_import_contract_is_kept():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("app/projects/web/routes.py", "from app.api import refusals", "The web face never imports the JSON API"),
        ("app/api/projects.py", "from app.projects.web import fetch", "The JSON API never imports a web face"),
        ("app/resources/models.py", "from app.resources import needs", "Models import other models and the core"),
        ("app/core/mail.py", "from app.accounts import models", "The core knows no feature"),
        ("app/gate/workflow.py", "from app.gate.web import routes", "Only web faces (and the app factory)"),
        ("app/resources/pledges.py", "from app.demo import seed", "Only the command line imports the demo data"),
        ("app/projects/projects.py", "from app import cli", "Only the app factory imports the command line"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(tmp_path, module, line, broken):
    """The contracts really catch what they forbid: each added import breaks the contract named."""
    shutil.copytree(ROOT / "app", tmp_path / "app", ignore=shutil.ignore_patterns("__pycache__", "translations"))
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    target = tmp_path / module
    target.write_text(target.read_text() + f"\n{line}  # noqa\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert f"{broken}" in result.stdout and "BROKEN" in result.stdout, result.stdout


def import_cycles(graph) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, without recursion)."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []
    for start in sorted(graph.modules):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))
    return groups


def test_no_circle_of_imports():
    graph = grimp.build_graph("app", cache_dir=None, exclude_type_checking_imports=True)
    assert import_cycles(graph) == []


def test_the_cycle_finder_finds_a_circle():
    graph = grimp.ImportGraph()
    for name in ("a", "a.one", "a.two", "a.three"):
        graph.add_module(name)
    graph.add_import(importer="a.one", imported="a.two")
    graph.add_import(importer="a.two", imported="a.three")
    graph.add_import(importer="a.three", imported="a.one")
    assert import_cycles(graph) == [["a.one", "a.three", "a.two"]]


def imports_inside_functions(source: str) -> list[int]:
    """Import statements inside a function, and imports by name at run time (importlib, __import__),
    which no import graph sees."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found += [inner.lineno for inner in ast.walk(node) if isinstance(inner, ast.Import | ast.ImportFrom)]
        if isinstance(node, ast.Call) and ast.unparse(node.func) in {"importlib.import_module", "__import__"}:
            found.append(node.lineno)
    return found


def test_no_import_is_hidden_in_a_function():
    hidden = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "app").rglob("*.py"))
        for line in imports_inside_functions(path.read_text())
    ]
    assert hidden == []


def test_the_hidden_import_finder_sees_one():
    assert imports_inside_functions("import os\n\ndef f():\n    from app import cache\n") == [4]
    assert imports_inside_functions("import importlib\n\nx = importlib.import_module('app.cli')\n") == [3]
