"""The evaluation's explorers (widgets/explorers/evaluation.py)."""

from __future__ import annotations

import pytest

from widgets.model import evaluation as ev


def test_sensitivity_explorer_has_625_combinations_and_a_static_twin(sweep):
    from widgets.display.controls import combinations_count
    from widgets.explorers.evaluation import sensitivity_explorer

    explorer = sensitivity_explorer(sweep, explorer_id="test-sensitivity")
    assert combinations_count(explorer.controls) == len(ev.WEIGHT_LEVELS) ** 4 <= 1300
    html = explorer.static_html()
    assert "test-sensitivity" in html
    with pytest.raises(TypeError, match="sweep must be a WeightSweep"):
        sensitivity_explorer("nope")
