"""The import rules of the layers: a pure core, adapters of one library each, thin views."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "survey"

# Module (or package prefix) -> third-party libraries it may import.
CORE = {
    "questionnaire": {"yaml"},
    "scoring": set(),
    "recommendations": set(),
    "plan": set(),
    "peers": set(),
    "comparison": set(),
    "methodology": set(),
    "reporting": set(),
    "reporting.context": set(),
    "reporting.content": {"yaml"},
    "tokens": set(),
    "paths": set(),
}
ADAPTERS = {
    "storage": {"sqlite_utils"},
    "reporting.pdf": {"reportlab", "fontpkg", "uharfbuzz"},
    "forms": {"wtforms", "flask_wtf"},
    "exporting": {"openpyxl"},
    "i18n": {"babel", "flask_babel", "jinja2"},
}
# The application layer wires core and adapters for the web and the command line.
APPLICATION = {
    "": {"flask", "click", "werkzeug"},
    "settings": {"flask"},
    "web": {"flask", "sqlite_utils"},
    "assessments": {"sqlite_utils"},
    "cli": {"click", "flask"},
    "jsonio": {"flask", "orjson"},
    "accounts": {"sqlite_utils", "werkzeug"},
    "demo": {"sqlite_utils"},
}
VIEWS = {"views": {"flask", "werkzeug", "flask_login"}}
LAYERS = (CORE, ADAPTERS, APPLICATION, VIEWS)


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
    """The most specific key of `table` that `name` falls under, if any."""
    keys = [key for key in table if name == key or (key and name.startswith(key + "."))]
    return max(keys, key=len) if keys else None


def _place(name: str):
    """The (layer, key) of a module: the most specific key across every layer."""
    places = [(layer, _layer(name, layer)) for layer in LAYERS]
    places = [(layer, key) for layer, key in places if key is not None]
    return max(places, key=lambda place: len(place[1])) if places else None


def _in(name: str, layer: dict) -> bool:
    place = _place(name)
    return place is not None and place[0] is layer


def _third_party(module: str) -> str | None:
    import sys

    top = module.split(".")[0]
    if top == "survey" or top in sys.stdlib_module_names or top == "__future__":
        return None
    return top


MODULES = dict(_modules())


def test_every_module_is_seen():
    assert {"scoring", "storage.database", "views.api", "reporting.pdf"} <= set(MODULES)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_belongs_to_a_layer_and_uses_only_its_libraries(name):
    """A new module must be placed in a layer here, with the libraries it may use."""
    place = _place(name)
    assert place, f"survey.{name} is in no layer: add it to tests/test_architecture.py"
    layer, key = place
    for module in _imports(name, MODULES[name]):
        library = _third_party(module)
        assert library is None or library in layer[key], f"{name} imports {module}"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if _in(n, CORE)))
def test_core_is_pure(name):
    allowed = CORE[_place(name)[1]]
    for module in _imports(name, MODULES[name]):
        library = _third_party(module)
        assert library is None or library in allowed, f"{name} imports {module}"
        if module.startswith("survey."):
            inner = module.removeprefix("survey.")
            assert _in(inner, CORE), f"core module {name} imports {module}, which is not core"


@pytest.mark.parametrize("name", sorted(n for n in MODULES if _in(n, ADAPTERS)))
def test_adapters_use_one_library_and_not_each_other(name):
    own = _layer(name, ADAPTERS)
    for module in _imports(name, MODULES[name]):
        library = _third_party(module)
        assert library is None or library in ADAPTERS[own], f"{name} imports {module}"
        inner = module.removeprefix("survey.") if module.startswith("survey.") else None
        if inner:
            other = _layer(inner, ADAPTERS)
            assert other in (None, own), f"adapter {name} imports adapter {module}"
            assert other == own or _in(inner, CORE), f"{name} imports non-core {module}"


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
