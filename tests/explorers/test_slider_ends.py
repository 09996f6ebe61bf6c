"""Every slider says what its two ends mean (issue 14), in the terms of the model it feeds.

The chapters' own explorer calls are read from chapters/*.ipynb and run here, so an explorer
added to a chapter is checked without editing this file.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from widgets.display.controls import CONTROL_FIELDS, SCALE_ENDS, Control, make_controls
from widgets.explorers.beyond import aid_explorer, combined_explorer, ideology_explorer
from widgets.explorers.evaluation import sensitivity_explorer
from widgets.explorers.interests import TOGGLES, scenario_controls, walt_schweller_explorer
from widgets.io.cases import load_cases
from widgets.model.evaluation import sweep_weights
from widgets.model.interests import SCHWELLER_FIELDS, Scenario
from widgets.model.situation import BOOLEAN_FIELDS

CHAPTERS = sorted((Path(__file__).resolve().parents[2] / "chapters").glob("*.ipynb"))
# What a chapter computes before its explorer cell at a cost this test need not pay: the name and
# the exact line the chapter runs, checked against the chapter so the stand-in cannot drift from it.
EARLIER = {"08_history": {"sweep": "sweep = ev.book_sweep()"}}


def _code_cells(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    # IPython magics (%pip in the setup cell) are not Python: blank them, keeping the indentation
    return [re.sub(r"^(\s*)[%!].*$", r"\1pass", "".join(c["source"]), flags=re.M)
            for c in cells if c["cell_type"] == "code"]


def _calls_explorer(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id.endswith("_explorer")
               for n in ast.walk(node))


def chapter_explorers(path: Path) -> list:
    """Run the chapter's imports, then every cell that builds an explorer; return the explorers."""
    cells = [ast.parse(source) for source in _code_cells(path)]
    namespace: dict = {}
    for tree in cells:
        imports = [s for s in tree.body if isinstance(s, (ast.Import, ast.ImportFrom))]
        exec(compile(ast.Module(imports, []), str(path), "exec"), namespace)
    for name, line in EARLIER.get(path.stem, {}).items():
        assert any(line in source for source in _code_cells(path)), f"{path.name} no longer runs {line!r}"
        exec(line, namespace)
        assert name in namespace
    built = []
    for tree in cells:
        if not _calls_explorer(tree):
            continue
        for statement in tree.body:
            if isinstance(statement, ast.Expr) and _calls_explorer(statement):
                built.append(eval(compile(ast.Expression(statement.value), str(path), "eval"), namespace))
            elif not isinstance(statement, (ast.Import, ast.ImportFrom)):
                exec(compile(ast.Module([statement], []), str(path), "exec"), namespace)
    return built


def _explorer_calls(path: Path) -> int:
    return sum(len(re.findall(r"\b\w+_explorer\(", s)) for s in _code_cells(path))


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.stem for p in CHAPTERS])
def test_every_slider_of_every_chapter_explorer_says_what_its_ends_mean(path):
    explorers = chapter_explorers(path)
    assert len(explorers) == _explorer_calls(path)
    for explorer in explorers:
        sliders = [c for c in explorer.controls if not c.is_toggle]
        assert sliders, f"{explorer.explorer_id} has no slider"
        for control in sliders:
            text = control.ends_text()
            low, high = control.labels()[0], control.labels()[-1]
            assert re.fullmatch(rf"{re.escape(low)} \S.* … {re.escape(high)} \S.*", text), (
                f"{explorer.explorer_id}: {control.name} says {text!r}")
            # the live view puts the same words in the slider's tooltip, unless it waits for a box
            widget = explorer.inputs[control.name]
            if not widget.disabled:
                assert widget.tooltip == text


def test_the_chapters_use_explorers_at_all():
    assert sum(_explorer_calls(p) for p in CHAPTERS) >= 15


def test_every_field_a_chapter_could_vary_has_ends():
    for name in CONTROL_FIELDS:
        control = make_controls([name], 3)[0]
        assert bool(control.ends_text()) == (name not in BOOLEAN_FIELDS), name
    for name in SCHWELLER_FIELDS:
        control = scenario_controls([name], 3)[0]
        assert control.is_toggle == (name in TOGGLES)
        assert bool(control.ends_text()) == (name not in TOGGLES), name


def test_a_field_that_means_something_else_in_another_model_says_so():
    walt_victory = Control("victory", "", (0.0, 0.5, 1.0)).ends_text()
    schweller = walt_schweller_explorer(Scenario(war=True), vary=("threat", "victory"), levels=3)
    ends = {c.name: c.ends_text() for c in schweller.controls}
    assert "revisionist side" in ends["victory"] and ends["victory"] != walt_victory
    assert "harm the decider" in ends["threat"]
    # ch. 6: threat is the decider's security for ideology, the recipient's stake for aid
    ideology = {c.name: c.ends_text() for c in ideology_explorer().controls}
    aid = {c.name: c.ends_text() for c in aid_explorer().controls}
    assert "decider is secure" in ideology["threat"] and "recipient" in aid["threat"]
    assert ideology["similarity"].startswith("0.00 opposed ideologies")
    scale = next(c for c in combined_explorer().controls if c.name == "scale")
    assert scale.ends_text().startswith("0.00 ideology, aid and penetration left out … 3.00 three times")
    # ch. 8: a weight named after a threat source is not that source's codebook scale
    for control in sensitivity_explorer(sweep_weights(load_cases(), (0.0, 1.0, 2.0))).controls:
        assert control.ends_text().startswith("0.00 left out of the threat level … 2.00 the heaviest weight")
        assert SCALE_ENDS[control.name][0] not in control.ends_text()
    assert "threat" not in SCALE_ENDS  # a bare "threat" has no one meaning across the book's models
