"""Helpers shared by tests live in tests/support/ (and tests/browser/pages.py, a11y.py, the conftests):
no test module imports another test module, so a helper has one place and one copy."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def imported_test_modules(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        found += [name for name in names if name.startswith("tests.") and name.rsplit(".", 1)[-1].startswith("test_")]
    return found


def test_no_test_module_imports_another():
    offenders = {
        str(path.relative_to(TESTS)): imported
        for path in sorted(TESTS.rglob("*.py"))
        if (imported := imported_test_modules(path))
    }
    assert not offenders, f"move the shared helpers to tests/support/: {offenders}"


def test_the_check_sees_such_an_import(tmp_path):
    module = tmp_path / "test_example.py"
    module.write_text("from tests.functional.test_updates import post_update\n")
    assert imported_test_modules(module) == ["tests.functional.test_updates"]
