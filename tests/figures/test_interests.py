"""Figures of Schweller's model (widgets/figures/interests.py)."""

from __future__ import annotations

import json

import pytest

from widgets.model.interests import (
    Scenario,
    compare,
    place,
    sweep,
)


def test_figures_are_plain_dicts_with_descriptions():
    import plotly.graph_objects as go

    from widgets.figures.interests import comparison_spec, sweep_spec, typology_spec

    s = Scenario(0.3, 0.8, 0.75, 0.75)
    typ = typology_spec(place(s))
    assert typ["data"][0]["x"] == [0.3] and typ["data"][0]["y"] == [0.8] and "Jackal" in typ["layout"]["title"]["text"]
    assert typ["layout"]["meta"]["description"].startswith(
        "A state that values the status quo at 0.30 and revision at 0.80"
    )
    cmp = comparison_spec(compare(Scenario(0.5, 0.75, 0.5, 0.75, 0.0)))
    text = cmp["layout"]["meta"]["description"]
    assert "Walt's model predicts neutral" in text and "The two models disagree" in text and "Why:" in text
    assert any("The two models disagree" in a["text"] for a in cmp["layout"]["annotations"])
    sw = sweep_spec(sweep(s, "victory", 5), marker=0.5)
    for spec in (typ, cmp, sw):
        go.Figure(spec)  # valid Plotly
        json.dumps(spec)
    with pytest.raises(TypeError, match="comparison must be a Comparison, got Scenario"):
        comparison_spec(s)
    with pytest.raises(TypeError, match="placement must be a Placement, got Scenario"):
        typology_spec(s)
