"""Figures of the evaluation (widgets/figures/evaluation.py)."""

from __future__ import annotations

from widgets import ThreatWeights
from widgets.model import evaluation as ev


def test_figures_carry_descriptions_and_keep_their_structure(cases, sweep):
    import plotly.graph_objects as go

    from widgets.figures import evaluation as ef

    metrics = ev.compare_baselines(cases)
    specs = [
        ef.confusion_spec(metrics["Walt's threat model"]),
        ef.baseline_spec(metrics),
        ef.weight_profile_spec(ev.weight_profiles(sweep)),
        ef.accuracy_distribution_spec(
            ev.accuracy_distribution(sweep), len(cases), metrics["Walt's threat model"].correct
        ),
    ]
    for spec in specs:
        go.Figure(spec)  # valid Plotly
        assert spec["layout"]["meta"]["description"]
    default = sweep.metrics(ThreatWeights())
    zero = ef.sensitivity_spec(None, default, dict.fromkeys(ev.THREAT_SOURCES, 0.0))
    some = ef.sensitivity_spec(default, default, dict.fromkeys(ev.THREAT_SOURCES, 1.0))
    assert [t.keys() for t in zero["data"]] == [t.keys() for t in some["data"]]
    assert "all weights 0" in zero["layout"]["title"]["text"]
