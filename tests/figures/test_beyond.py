"""Figures of ideology, aid and penetration (widgets/figures/beyond.py)."""

from __future__ import annotations

import pytest

from widgets import Situation
from widgets.figures.beyond import aid_spec, combined_spec, ideology_spec, penetration_spec
from widgets.model.aid import Aid
from widgets.model.conditions import uniform_threat
from widgets.model.explanations import (
    EXPLANATIONS,
    combined_view,
)
from widgets.model.ideology import Ideology
from widgets.model.penetration import Penetration

from ..model.test_explanations import ROOT
from ..test_project import imported_modules


def test_figure_module_imports_no_ipywidgets():
    assert "ipywidgets" not in imported_modules(ROOT / "widgets" / "figures" / "beyond.py")


@pytest.mark.parametrize("builder", [combined_spec, ideology_spec, aid_spec, penetration_spec])
def test_figure_builders_reject_the_wrong_result(builder):
    with pytest.raises(TypeError, match="must be a"):
        builder({"probability": 0.5})


def test_waterfall_shows_each_contribution_and_the_total():
    view = combined_view(uniform_threat(0.5), Situation(), Ideology(1.0), Aid(1.0), Penetration(1.0, 1.0, 0.0, 0.0))
    trace = combined_spec(view)["data"][0]
    steps = [round(view.contributions[n], 4) for n in EXPLANATIONS]
    assert trace["type"] == "bar"  # the cartesian plotly.js bundle has no waterfall type
    assert trace["y"][:4] == steps
    # each step floats where the previous one ended; the total stands on zero
    running = [0.0]
    for step in view.contributions.values():
        running.append(running[-1] + step)
    assert trace["base"] == pytest.approx(running[:4] + [0.0], abs=1e-3)
    assert trace["y"][-1] == pytest.approx(running[4], abs=1e-3)
    assert trace["text"][-1] == f"{round(100 * view.probability)}%"
