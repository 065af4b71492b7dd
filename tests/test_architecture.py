"""The import rules of the layers: a pure core, adapters of one library each, thin views."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "survey"
STDLIB_ONLY = set()  # marker: nothing but the standard library (and the allowed extras)

# Module (or package prefix) -> third-party libraries it may import.
CORE = {
    "questionnaire": {"yaml"},
    "scoring": set(),
    "recommendations": set(),
    "reporting.context": set(),
    "reporting.content": {"yaml"},
    "tokens": set(),
    "paths": set(),
}
ADAPTERS = {"storage": {"sqlite_utils"}, "reporting.pdf": {"reportlab", "fontpkg"}}
CORE_NAMES = set(CORE)
ADAPTER_NAMES = set(ADAPTERS)


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(p for p in parts if p != "__init__")
        yield name, path


def _imports(name: str, path: Path) -> set[str]:
    """Absolute dotted names a module imports (relative imports resolved inside `survey`)."""
    tree = ast.parse(path.read_text("utf-8"))
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1] if node.level > 1 else package
                prefix = ".".join(["survey", *base, node.module or ""]).rstrip(".")
                if node.module is None:
                    found |= {f"{prefix}.{alias.name}" for alias in node.names}
                else:
                    found.add(prefix)
            else:
                found.add(node.module)
    return found


def _layer(name: str, table: dict) -> str | None:
    for key in table:
        if name == key or name.startswith(key + "."):
            return key
    return None


def _third_party(module: str) -> str | None:
    import sys

    top = module.split(".")[0]
    if top == "survey" or top in sys.stdlib_module_names or top == "__future__":
        return None
    return top


MODULES = dict(_modules())


def test_every_module_is_seen():
    assert {"scoring", "storage.database", "views.api", "reporting.pdf"} <= set(MODULES)


@pytest.mark.parametrize("name", sorted(n for n in MODULES if _layer(n, CORE)))
def test_core_is_pure(name):
    allowed = CORE[_layer(name, CORE)]
    for module in _imports(name, MODULES[name]):
        library = _third_party(module)
        assert library is None or library in allowed, f"{name} imports {module}"
        if module.startswith("survey."):
            inner = module.removeprefix("survey.")
            assert _layer(inner, CORE) or inner in ("questionnaire",), (
                f"core module {name} imports {module}, which is not core"
            )


@pytest.mark.parametrize("name", sorted(n for n in MODULES if _layer(n, ADAPTERS)))
def test_adapters_use_one_library_and_not_each_other(name):
    own = _layer(name, ADAPTERS)
    for module in _imports(name, MODULES[name]):
        library = _third_party(module)
        assert library is None or library in ADAPTERS[own], f"{name} imports {module}"
        inner = module.removeprefix("survey.") if module.startswith("survey.") else None
        if inner:
            other = _layer(inner, ADAPTERS)
            assert other in (None, own), f"adapter {name} imports adapter {module}"
            assert other == own or _layer(inner, CORE), f"{name} imports non-core {module}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_only_the_factory_imports_views(name):
    if name.startswith("views") or name == "":
        return
    for module in _imports(name, MODULES[name]):
        assert not module.startswith("survey.views"), f"{name} imports {module}"


def test_no_module_level_app():
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text("utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                func = node.value.func
                assert getattr(func, "id", getattr(func, "attr", "")) != "Flask", name
