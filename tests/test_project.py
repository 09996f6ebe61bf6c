"""Project hygiene: layering of the widgets package, notebooks without outputs, pins."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "widgets"
NOTEBOOKS = sorted((ROOT / "chapters").glob("**/*.ipynb"))
UI = {"plotly", "ipywidgets", "IPython"}
# Each layer (a folder of widgets/) and the layers it may import from; widgets/__init__.py and the
# private _paths / _moved modules sit above the layers.
LAYERS: dict[str, set[str]] = {
    "model": {"model", "io"},  # the models read the book's data files through io
    "io": {"model", "io"},
    "figures": {"model", "io", "figures"},
    "display": {"model", "io", "figures", "display"},
    "explorers": {"model", "io", "figures", "display", "explorers"},
}
# Libraries a layer must not import.
FORBIDDEN: dict[str, set[str]] = {"model": UI, "io": UI, "figures": {"ipywidgets", "IPython"}}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def layer_modules(layer: str) -> list[Path]:
    """Every module of a layer, found in its folder (subpackages included)."""
    return sorted((PACKAGE / layer).rglob("*.py"))


def package_imports(path: Path) -> set[str]:
    """The ``widgets.<layer>`` folders a module imports from at run time (relative imports resolved;
    imports under ``if TYPE_CHECKING:`` are for annotations only and are skipped)."""
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", None) == "TYPE_CHECKING":
            node.body = []
    package = list(path.relative_to(ROOT).parts[:-1])  # e.g. ["widgets", "model", "interests"]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package[: len(package) - node.level + 1] + (node.module.split(".") if node.module else [])
                if not node.module:  # from .. import validation
                    parts.append(node.names[0].name)
            else:
                parts = (node.module or "").split(".")
        elif isinstance(node, ast.Import):
            parts = node.names[0].name.split(".")
        else:
            continue
        if parts[0] == "widgets" and len(parts) > 1:
            out.add(parts[1])
    return out


def test_the_layers_are_the_package_folders():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    assert folders - {"bookdata", "bookfiles"} == set(LAYERS), folders
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert loose == ["__init__.py", "_moved.py", "_paths.py"], f"modules outside the layer folders: {loose}"


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_every_layer_has_modules(layer):
    assert layer_modules(layer), f"widgets/{layer}/ holds no module"


ALL_MODULES = [(layer, module) for layer in sorted(LAYERS) for module in layer_modules(layer)]


@pytest.mark.parametrize(
    "layer, module", ALL_MODULES, ids=lambda v: str(v.relative_to(PACKAGE)) if isinstance(v, Path) else v
)
def test_each_module_imports_only_its_own_layer_and_those_below(layer, module):
    used = package_imports(module) - {"_paths"}
    assert used <= LAYERS[layer], f"{module.relative_to(ROOT)} imports widgets.{sorted(used - LAYERS[layer])}"


def _requirement_lines(path):
    """Requirement lines of a requirements file, following its -r includes (relative to the file)."""
    lines = []
    for line in (raw.split("#")[0].strip() for raw in path.read_text().splitlines()):
        if line.startswith("-r "):
            lines += _requirement_lines(path.parent / line[3:].strip())
        elif line and not line.startswith("-"):
            lines.append(line)
    return lines


def test_requirements_are_pinned_exactly():
    lines = _requirement_lines(ROOT / "requirements.txt")
    assert lines
    loose = [line for line in lines if "==" not in line]
    assert not loose, f"unpinned requirements: {loose}"
    names = {line.split("==")[0].lower().replace("_", "-") for line in lines}
    assert {"jupyter-book", "ipywidgets", "plotly", "pandas", "nbval", "hypothesis", "playwright"} <= names


@pytest.mark.parametrize(
    "layer, module",
    [(la, m) for la, m in ALL_MODULES if la in FORBIDDEN],
    ids=lambda v: str(v.relative_to(PACKAGE)) if isinstance(v, Path) else v,
)
def test_model_io_and_figure_modules_import_no_ui(layer, module):
    used = imported_modules(module)
    assert not used & FORBIDDEN[layer], f"{module.relative_to(ROOT)} imports {sorted(used & FORBIDDEN[layer])}"


def test_importing_the_model_loads_no_plotting_or_widgets():
    """The model is usable on its own: ``import widgets.model`` loads no display library at all
    (checked in a fresh interpreter, so that nothing imported by other tests hides an import)."""
    probe = (
        "import sys, widgets.model, widgets.io.cases, widgets.io.quiz, widgets.io.scenario_file\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'plotly', 'ipywidgets', 'IPython'}))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_no_module_is_over_about_500_lines():
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py") if (n := len(p.read_text().splitlines())) > 500}
    assert not long, f"split these modules along their sections: {long}"


def test_old_import_paths_still_work_with_a_warning():
    """A chapter written before the move imports e.g. ``widgets.alignment``: it gets the module at
    its new place (the same object) and a DeprecationWarning naming it (fresh interpreter, so
    that no earlier import has already resolved the old name)."""
    probe = """
import importlib, sys, warnings
from widgets import _moved
bad = []
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    from widgets import landscape
    from widgets.explorers import threat_explorer
    from widgets.figures import prediction_spec
if landscape is not importlib.import_module("widgets.model.landscape") or len(caught) != 1:
    bad.append(f"from widgets import landscape: {[str(w.message) for w in caught]}")
for old, new in _moved.MOVED.items():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        module = importlib.import_module(f"widgets.{old}")
    if module is not importlib.import_module(f"widgets.{new}") or module.__spec__.name != f"widgets.{new}":
        bad.append(f"{old}: not the module at {new}")
    warned = any(w.category is DeprecationWarning and f"widgets.{new}" in str(w.message) for w in caught)
    if not warned and old != "landscape":  # landscape warned above, once
        bad.append(f"{old}: no DeprecationWarning naming {new}")
print(bad)
"""
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
