"""Plotly builders for "Testing the theory against history" (plain dicts, no model logic).

Every number drawn comes from :mod:`widgets.model.evaluation` (a :class:`Metrics`, a
:class:`WeightProfile`) or :mod:`widgets.model.landscape`. Each figure carries a plain-text
description in ``layout.meta["description"]`` and keeps the same traces and keys whatever
its inputs (the static explorer relies on that).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import validation
from ..model.alignment import CHOICES
from ..model.evaluation import Metrics, WeightProfile
from ..model.threat import SOURCE_LABELS, THREAT_SOURCES
from ._common import NARROW_CHOICE_TICKS, base_layout, narrow, narrow_label
from .palette import CHOICE_COLOURS, CHOICE_LABELS, GRID_COLOUR, OKABE_ITO, SOURCE_COLOURS, mix, readable_text_on

MEASURES: tuple[str, ...] = ("accuracy", *(f"recall {c}" for c in CHOICES))
MEASURE_LABELS = {"accuracy": "Accuracy", **{f"recall {c}": f"Recall: {CHOICE_LABELS[c].lower()}" for c in CHOICES}}
PREDICTOR_COLOURS = ("#9E9E9E", OKABE_ITO["orange"], OKABE_ITO["blue"], OKABE_ITO["bluish_green"])


def _measures(m: Metrics) -> list[float]:
    return [m.accuracy, *((m.recall[c] or 0.0) for c in CHOICES)]


def _measure_text(m: Metrics) -> list[str]:
    return [f"{m.correct}/{m.n}", *(f"{m.hits[c][0]}/{m.hits[c][1]}" for c in CHOICES)]


def describe_metrics(name: str, m: Metrics) -> str:
    recalls = ", ".join(f"{CHOICE_LABELS[c].lower()} {m.hits[c][0]} of {m.hits[c][1]}" for c in CHOICES)
    return f"{name}: {m.correct} of {m.n} correct ({m.accuracy:.0%}); cases recovered by observed choice: {recalls}."


def confusion_spec(metrics: Metrics, title: str = "Predicted against observed choices") -> dict[str, Any]:
    """Heatmap of the confusion matrix: rows what states did, columns what the model predicted."""
    validation.instance("metrics", metrics, Metrics)
    labels = [CHOICE_LABELS[c] for c in CHOICES]
    z = [list(row) for row in metrics.confusion]
    low, high = "#F4F4F4", OKABE_ITO["blue"]
    top = max(map(max, z)) or 1

    def ink(count: int) -> str:  # black or white, whichever reads on this cell's colour (>= 4.58:1)
        return readable_text_on(mix(low, high, count / top))

    layout = base_layout(title, height=420)
    layout.update({
        "xaxis": {"title": {"text": "predicted"}, "side": "bottom", "tickvals": labels},
        "yaxis": {"title": {"text": "observed"}, "autorange": "reversed", "tickvals": labels},
        "margin": {"l": 110, "r": 20, "t": 70, "b": 60},
        "annotations": [
            {"x": labels[j], "y": labels[i], "text": str(z[i][j]), "showarrow": False,
             "font": {"color": ink(z[i][j]), "size": 15}}
            for i in range(len(labels)) for j in range(len(labels))
        ],
        "meta": {"narrow": narrow({f"xaxis.{k}": v for k, v in NARROW_CHOICE_TICKS.items()}), "description": (
            "Confusion matrix. " + " ".join(
                f"Observed {CHOICE_LABELS[o].lower()} ({sum(z[i])} cases): "
                + ", ".join(f"{z[i][j]} predicted {CHOICE_LABELS[p].lower()}" for j, p in enumerate(CHOICES) if z[i][j])
                + "." for i, o in enumerate(CHOICES) if sum(z[i]))
            + f" Diagonal (correct): {metrics.correct} of {metrics.n}.")},
    })
    data = [{
        "type": "heatmap", "x": labels, "y": labels, "z": z, "showscale": False,
        "colorscale": [[0.0, low], [1.0, high]], "zmin": 0, "zmax": top,
        "hovertemplate": "observed %{y}, predicted %{x}: %{z} cases<extra></extra>",
    }]
    return {"data": data, "layout": layout}


def baseline_spec(metrics: Mapping[str, Metrics], title: str = "Three predictors on the same cases") -> dict[str, Any]:
    """Grouped bars: accuracy and the recall of each choice, one colour per predictor."""
    if not isinstance(metrics, Mapping) or not metrics:
        raise TypeError("metrics must be a non-empty mapping of predictor name -> Metrics")
    if len(metrics) > len(PREDICTOR_COLOURS):
        raise ValueError(f"at most {len(PREDICTOR_COLOURS)} predictors fit one figure, got {len(metrics)}")
    for name, m in metrics.items():
        validation.instance(f"metrics[{name!r}]", m, Metrics)
    layout = base_layout(title, height=160 + 26 * len(MEASURES) * len(metrics))
    layout.update(
        {
            "barmode": "group",
            "showlegend": True,
            "legend": {"orientation": "h", "y": -0.12, "yanchor": "top", "x": 0.0},
            "xaxis": {
                "range": [0, 1.2],
                "tickformat": ".0%",
                "tickvals": [0, 0.25, 0.5, 0.75, 1],
                "gridcolor": GRID_COLOUR,
                "title": {"text": "share of cases"},
            },
            "yaxis": {"autorange": "reversed"},
            "margin": {"l": 60, "r": 20, "t": 70, "b": 110},
            "meta": {"description": " ".join(describe_metrics(n, m) for n, m in metrics.items())},
        }
    )
    # horizontal bars: each bar's "correct/cases" label sits beside it, never on its neighbour's
    data = [
        {
            "type": "bar",
            "name": name,
            "orientation": "h",
            "y": [MEASURE_LABELS[k] for k in MEASURES],
            "x": [round(v, 4) for v in _measures(m)],
            "text": _measure_text(m),
            "textposition": "outside",
            "cliponaxis": False,
            "marker": {"color": PREDICTOR_COLOURS[i]},
            "hovertemplate": f"{name}<br>%{{y}}: %{{x:.0%}} (%{{text}})<extra></extra>",
        }
        for i, (name, m) in enumerate(metrics.items())
    ]
    return {"data": data, "layout": layout}


def weight_profile_spec(profile: WeightProfile, title: str = "Accuracy as one threat weight changes") -> dict[str, Any]:
    """One line per threat source: accuracy as its weight moves, the other three at 1."""
    validation.instance("profile", profile, WeightProfile)
    layout = base_layout(title, height=400)
    layout.update(
        {
            "showlegend": True,
            "legend": {"orientation": "h", "y": -0.25, "x": 0.0},
            "xaxis": {
                "title": {"text": "weight of the source (the other three at 1)"},
                "tickvals": list(profile.levels),
                "gridcolor": GRID_COLOUR,
            },
            "yaxis": {
                "title": {"text": "accuracy"},
                "tickformat": ".0%",
                "gridcolor": GRID_COLOUR,
                "range": [0.3, 0.8],
            },
            "margin": {"l": 60, "r": 20, "t": 70, "b": 100},
            "meta": {
                "description": "Accuracy as one weight changes, the others at 1. "
                + " ".join(
                    f"{SOURCE_LABELS[s]}: "
                    + ", ".join(
                        f"weight {lv:g} {a:.0%}"
                        for lv, a in zip(profile.levels, profile.accuracy[s], strict=True)
                        if a is not None
                    )
                    + "."
                    for s in THREAT_SOURCES
                )
            },
        }
    )
    data = [
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": SOURCE_LABELS[s],
            "x": list(profile.levels),
            "y": [None if a is None else round(a, 4) for a in profile.accuracy[s]],
            "line": {"color": SOURCE_COLOURS[s], "dash": ("solid", "dash", "dot", "dashdot")[i]},
            "marker": {"symbol": ("circle", "square", "diamond", "triangle-up")[i], "size": 9},
            "hovertemplate": f"{SOURCE_LABELS[s]} weight %{{x}}: accuracy %{{y:.0%}}<extra></extra>",
        }
        for i, s in enumerate(THREAT_SOURCES)
    ]
    return {"data": data, "layout": layout}


def sensitivity_spec(
    current: Metrics | None,
    default: Metrics,
    weights: Mapping[str, float],
    title: str = "Fit of the model with these threat weights",
) -> dict[str, Any]:
    """Bars of accuracy and per-choice recall for ``weights`` beside the equal-weights model.

    ``current`` is None when the weights are all zero (no threat at all: the model is undefined);
    the figure then keeps its traces with zero bars and says why.
    """
    validation.instance("default", default, Metrics)
    if current is not None:
        validation.instance("current", current, Metrics)
    shown = ", ".join(f"{SOURCE_LABELS[s].lower()} {weights[s]:g}" for s in THREAT_SOURCES)
    if current is None:
        heading = f"{title}: undefined (all weights 0)"
        text_now = "All four weights are zero, so there is no threat to respond to: choose at least one weight above 0."
        values, labels = [0.0] * len(MEASURES), [""] * len(MEASURES)
    else:
        heading = f"{title}: {current.correct}/{current.n} correct"
        text_now = describe_metrics(f"With weights {shown}", current)
        values, labels = _measures(current), _measure_text(current)
    layout = base_layout(heading, height=440)
    layout.update(
        {
            "barmode": "group",
            "showlegend": True,
            "legend": {"orientation": "h", "y": -0.22, "yanchor": "top", "x": 0.0},
            "xaxis": {
                "domain": [0.0, 0.55],
                "anchor": "y",
                "range": [0, 1.25],
                "tickvals": [0, 0.5, 1],
                "tickformat": ".0%",
                "gridcolor": GRID_COLOUR,
                "title": {"text": "share of cases"},
            },
            "yaxis": {"domain": [0.0, 1.0], "anchor": "x", "autorange": "reversed"},
            # the weights as set, so every slider move visibly changes the figure even where the fit does not
            "xaxis2": {
                "domain": [0.72, 1.0],
                "anchor": "y2",
                "range": [0, 1.3],
                "tickvals": [0, 0.5, 1],
                "tickformat": ".0%",
                "gridcolor": GRID_COLOUR,
                "title": {"text": "weight share"},
            },
            "yaxis2": {"domain": [0.0, 1.0], "anchor": "x2", "autorange": "reversed"},
            "margin": {"l": 60, "r": 40, "t": 70, "b": 120},
            "meta": {"description": text_now + " " + describe_metrics("Equal weights", default)},
        }
    )
    layout["meta"]["narrow"] = narrow({
        "height": 760, "margin.b": 140, "legend.y": -0.16, "margin.l": 10,
        "xaxis.domain": [0.0, 1.0], "yaxis.domain": [0.45, 1.0],
        "xaxis2.domain": [0.0, 1.0], "yaxis2.domain": [0.0, 0.28],
    }, {0: {"y": [narrow_label(MEASURE_LABELS[k]) for k in MEASURES]},
        1: {"y": [narrow_label(MEASURE_LABELS[k]) for k in MEASURES]},
        2: {"y": [narrow_label(SOURCE_LABELS[s]) for s in THREAT_SOURCES]}})
    total = sum(weights[s] for s in THREAT_SOURCES)
    shares = [round(weights[s] / total, 4) if total > 0 else 0.0 for s in THREAT_SOURCES]
    data = [
        {
            "type": "bar",
            "name": "equal weights (the book's default)",
            "orientation": "h",
            "y": [MEASURE_LABELS[k] for k in MEASURES],
            "x": [round(v, 4) for v in _measures(default)],
            "text": _measure_text(default),
            "textposition": "outside",
            "cliponaxis": False,
            "marker": {"color": "#9E9E9E"},
            "hovertemplate": "equal weights<br>%{y}: %{x:.0%} (%{text})<extra></extra>",
        },
        {
            "type": "bar",
            "name": "these weights",
            "orientation": "h",
            "y": [MEASURE_LABELS[k] for k in MEASURES],
            "x": [round(v, 4) for v in values],
            "text": labels,
            "textposition": "outside",
            "cliponaxis": False,
            "marker": {"color": CHOICE_COLOURS["balance"]},
            "hovertemplate": "these weights<br>%{y}: %{x:.0%} (%{text})<extra></extra>",
        },
        {
            "type": "bar",
            "name": "weight shares",
            "orientation": "h",
            "xaxis": "x2",
            "yaxis": "y2",
            "showlegend": False,
            "y": [SOURCE_LABELS[s] for s in THREAT_SOURCES],
            "x": shares,
            "text": [f"{v:.0%}" for v in shares],
            "textposition": "outside",
            "cliponaxis": False,
            "marker": {"color": [SOURCE_COLOURS[s] for s in THREAT_SOURCES]},
            "hovertemplate": "%{y}: %{x:.0%} of the threat weight<extra></extra>",
        },
    ]
    return {"data": data, "layout": layout}


def accuracy_distribution_spec(
    distribution: Mapping[int, int],
    n_cases: int,
    default_correct: int,
    title: str = "How many weight settings reach each score",
) -> dict[str, Any]:
    """Bars: for each number of cases predicted correctly, how many weight settings reach it;
    the bar holding the equal-weights model is outlined."""
    if not isinstance(distribution, Mapping) or not distribution:
        raise TypeError("distribution must be a non-empty mapping of correct-count -> settings")
    keys = sorted(distribution)
    total = sum(distribution.values())
    layout = base_layout(title, height=380)
    layout.update(
        {
            "xaxis": {
                "title": {"text": f"cases predicted correctly (of {n_cases})"},
                "tickvals": keys,
                "gridcolor": GRID_COLOUR,
            },
            "yaxis": {"title": {"text": "weight settings"}, "gridcolor": GRID_COLOUR},
            "meta": {
                "description": f"Of {total} weight settings, "
                + ", ".join(f"{distribution[k]} predict {k} of {n_cases} correctly" for k in reversed(keys))
                + f". Equal weights predict {default_correct} correctly."
            },
        }
    )
    data = [
        {
            "type": "bar",
            "x": keys,
            "y": [distribution[k] for k in keys],
            "text": [str(distribution[k]) for k in keys],
            "textposition": "outside",
            "cliponaxis": False,
            "marker": {
                "color": [OKABE_ITO["blue"] if k == default_correct else "#9E9E9E" for k in keys],
                "line": {"color": "#222222", "width": [2 if k == default_correct else 0 for k in keys]},
            },
            "hovertemplate": "%{y} settings predict %{x} cases correctly<extra></extra>",
        }
    ]
    return {"data": data, "layout": layout}
