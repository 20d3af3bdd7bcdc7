"""The shape of the code: no import circle hidden by an import inside a function."""

import ast

import pytest

from wizard.config import PROJECT_ROOT

SOURCES = sorted(p for package in ("wizard", "rules") for p in (PROJECT_ROOT / package).rglob("*.py")
                 if "migrations" not in p.parts)


def _imports_inside_functions(path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and inner.module:
                    found.append((inner.lineno, inner.module))
                elif isinstance(inner, ast.Import):
                    found += [(inner.lineno, alias.name) for alias in inner.names]
    return found


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(PROJECT_ROOT)) for p in SOURCES])
def test_our_own_modules_are_imported_at_module_level(path):
    # a heavy third-party library may be imported lazily (WeasyPrint in the PDF renderer);
    # our own modules never: a function-level import is how an import circle hides
    own = [(line, module) for line, module in _imports_inside_functions(path)
           if module.split(".")[0] in ("wizard", "rules")]
    assert own == []
