"""The explorers of ideology, aid and penetration (widgets/explorers/beyond.py)."""

from __future__ import annotations

from widgets import Situation
from widgets.explorers.beyond import combined_explorer
from widgets.figures.beyond import combined_spec
from widgets.model.aid import Aid
from widgets.model.conditions import uniform_threat
from widgets.model.explanations import (
    ExplanationWeights,
    combined_view,
)
from widgets.model.ideology import Ideology
from widgets.model.penetration import Penetration


def test_combined_explorer_redraws_live_with_the_model():
    situation = Situation(0.5, 0.5)
    explorer = combined_explorer(uniform_threat(0.5), situation, Ideology(0.5), Aid(0.5), Penetration(0.5,
                                                                                                      intrusiveness=0.25))
    explorer.set(threat=1.0, similarity=0.0, amount=1.0, access=0.0, scale=2.0)
    expected = combined_view(
        uniform_threat(1.0),
        situation,
        Ideology(0.0),
        Aid(1.0),
        Penetration(0.0, intrusiveness=0.25),
        weights=ExplanationWeights().scaled(2.0),
    )
    assert explorer.figure == combined_spec(expected)
