"""docs/accessibility.md says what the browser tests check, and only that.

The statement is generated (scripts/accessibility_statement.py) from tests/browser/coverage.py,
the list the browser tests parametrize over. This test fails when the file is out of date, and
when coverage.py names a test that no longer exists or no longer runs axe-core.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

from tests.browser import coverage

ROOT = Path(__file__).resolve().parent.parent
BROWSER = ROOT / "tests" / "browser"


def _script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "accessibility_statement", ROOT / "scripts" / "accessibility_statement.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _function_source(reference: str) -> str:
    file_name, function = reference.split("::")
    source = (BROWSER / file_name).read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return ast.get_source_segment(source, node) or ""
    raise AssertionError(f"{reference} does not exist: update tests/browser/coverage.py")


def test_the_accessibility_statement_is_up_to_date() -> None:
    expected = _script().render()
    actual = (ROOT / "docs" / "accessibility.md").read_text(encoding="utf-8")
    assert actual == expected, (
        "docs/accessibility.md is out of date: run `make accessibility-statement` "
        "(python scripts/accessibility_statement.py) and commit the result"
    )


def test_every_test_the_statement_names_runs_axe() -> None:
    references = [group.test for group in coverage.AXE_GROUPS.values()]
    references += [test for _audience, test, _title in coverage.JOURNEY_PAGES]
    for reference in references:
        assert "axe_violations(" in _function_source(reference), reference


def test_every_page_group_is_read_by_its_test() -> None:
    """A group listed in coverage.py but opened by no test would be a claim without a check."""
    for name, group in coverage.AXE_GROUPS.items():
        file_name = group.test.split("::")[0]
        source = (BROWSER / file_name).read_text(encoding="utf-8")
        assert f'"{name}"' in source, f"{file_name} never reads the group {name!r}"


def test_the_axe_version_is_read_from_the_vendored_file() -> None:
    version = _script().axe_version()
    assert version.count(".") == 2 and all(part.isdigit() for part in version.split("."))
