"""Project hygiene: layering of the widgets package, notebooks without outputs, pins."""

import ast
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODEL_MODULES = [
    "validation", "threat", "situation", "alignment", "reasons", "controls", "conditions", "neighbours",
    "ideology", "aid", "penetration", "explanations", "simulation", "cases", "interests",
    "evaluation", "landscape", "quiz", "scenario_file",
]
NOTEBOOKS = sorted((ROOT / "chapters").glob("**/*.ipynb"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("module", MODEL_MODULES)
def test_model_layer_imports_no_ui_or_plotting(module):
    used = imported_modules(ROOT / "widgets" / f"{module}.py")
    assert not used & {"plotly", "ipywidgets", "IPython"}, used


def test_figure_layer_imports_no_ipywidgets():
    for module in ("figures", "palette", "render", "static_explorer"):
        assert "ipywidgets" not in imported_modules(ROOT / "widgets" / f"{module}.py"), module


def test_there_are_chapters():
    assert NOTEBOOKS, "no notebooks under chapters/"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(notebook):
    nb = json.loads(notebook.read_text())
    dirty = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert not dirty, f"{notebook.name}: cells {dirty} have outputs; clear them before committing"
    assert "widgets" not in nb.get("metadata", {}), "saved widget state in notebook metadata"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_import_ipywidgets_as_ipw_only(notebook):
    source = "\n".join("".join(c["source"]) for c in json.loads(notebook.read_text())["cells"] if c["cell_type"] == "code")
    assert "import ipywidgets as widgets" not in source and "import ipywidgets\n" not in source


def _requirement_lines(path):
    """Requirement lines of a requirements file, following its -r includes (relative to the file)."""
    lines = []
    for line in (l.split("#")[0].strip() for l in path.read_text().splitlines()):
        if line.startswith("-r "):
            lines += _requirement_lines(path.parent / line[3:].strip())
        elif line and not line.startswith("-"):
            lines.append(line)
    return lines


def test_requirements_are_pinned_exactly():
    lines = _requirement_lines(ROOT / "requirements.txt")
    assert lines
    loose = [l for l in lines if "==" not in l]
    assert not loose, f"unpinned requirements: {loose}"
    names = {l.split("==")[0].lower().replace("_", "-") for l in lines}
    assert {"jupyter-book", "ipywidgets", "plotly", "pandas", "nbval", "hypothesis", "playwright"} <= names


def test_jupyter_book_is_the_sphinx_line():
    pins = dict(l.split("==") for l in (ROOT / "requirements.txt").read_text().split() if "==" in l)
    major = int(pins["jupyter-book"].split(".")[0])
    assert major == 1


def test_ci_workflow_tests_then_publishes_the_built_site():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "book.yml").read_text())
    steps = workflow["jobs"]["test"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert "make test" in runs and "make book" in runs
    assert runs.index("make test") < runs.index("make book")
    upload = next(s for s in steps if str(s.get("uses", "")).startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_build/html"
    assert workflow["jobs"]["deploy"]["needs"] == "test"
    assert workflow[True]["schedule"], "a scheduled run catches rot"  # PyYAML reads the key 'on' as True
