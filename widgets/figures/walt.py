"""Pure Plotly figure builders: model output in, ``go.Figure`` out.

No model logic lives here: every number drawn comes from a ``Prediction``. Each figure
carries a plain-text description in ``layout.meta["description"]``, which the renderer
prints beside the figure for screen readers and print.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from ..model.alignment import CHOICES, Prediction
from ..model.conditions import ChoiceGrid
from ..model.neighbours import Neighbourhood
from ..model.reasons import percent
from ..model.threat import SOURCE_LABELS, THREAT_SOURCES
from ._common import NARROW_CHOICE_TICKS, base_layout, narrow, narrow_label, panel_title, stacked
from .palette import (
    CHOICE_COLOURS,
    CHOICE_LABELS,
    GRID_COLOUR,
    MUTED_CHOICE_COLOURS,
    SOURCE_COLOURS,
    TEXT_COLOUR,
    TEXT_ON_HUE,
)


def tied_choices(probabilities: dict[str, float], best: str) -> list[str]:
    """The choices within one percentage point of ``best`` (itself included): a tie to the reader."""
    return [c for c in CHOICES if c == best or abs(probabilities[c] - probabilities[best]) < 0.01]


def choice_marker(probabilities: dict[str, float], best: str) -> dict[str, Any]:
    """Bars for the choices: the predicted one (and any tied with it) in full colour and outlined,
    the others in a solid muted tint (>= 3:1 against the page in both themes)."""
    top = tied_choices(probabilities, best)
    return {
        "color": [CHOICE_COLOURS[c] if c in top else MUTED_CHOICE_COLOURS[c] for c in CHOICES],
        "line": {"color": TEXT_COLOUR, "width": [2 if c in top else 0 for c in CHOICES]},
    }


def _verdict(prediction: Prediction) -> str:
    """'<b>Balance</b> (62%)', or a warning when the runner-up is within one point."""
    p = prediction.probabilities
    best = prediction.choice
    rivals = [c for c in CHOICES if c != best and abs(p[c] - p[best]) < 0.01]
    if rivals:
        rival = CHOICE_LABELS[rivals[0]].lower()
        return f"<b>{CHOICE_LABELS[best]}</b>, too close to call against {rival} ({percent(p[best])} each)"
    return f"<b>{CHOICE_LABELS[best]}</b> ({percent(p[best])})"


def describe_prediction(prediction: Prediction) -> str:
    """A text version of the prediction figure (what a screen reader or a print reader gets)."""
    if not isinstance(prediction, Prediction):
        raise TypeError(f"prediction must be a Prediction, got {type(prediction).__name__}")
    odds = ", ".join(f"{CHOICE_LABELS[c].lower()} {percent(prediction.probabilities[c])}" for c in CHOICES)
    parts = ", ".join(f"{SOURCE_LABELS[s].lower()} {prediction.contributions.get(s, 0.0):.2f}" for s in THREAT_SOURCES)
    tied = [CHOICE_LABELS[c].lower() for c in tied_choices(prediction.probabilities, prediction.choice)
            if c != prediction.choice]
    close = f", tied with {' and '.join(tied)} (too close to call)" if tied else ""
    return (
        f"Predicted choice: {CHOICE_LABELS[prediction.choice].lower()}{close}. "
        f"Probabilities: {odds}. "
        f"Overall threat {prediction.threat:.2f}, made up of {parts}. " + " ".join(prediction.reasons)
    )


def prediction_result(prediction: Prediction) -> dict[str, Any]:
    """The prediction as plain data, kept in ``layout.meta.result`` (what a saved scenario records)."""
    return {
        "choice": prediction.choice,
        "threat_level": round(prediction.threat, 4),
        "probabilities": {c: round(prediction.probabilities[c], 4) for c in CHOICES},
    }


def prediction_spec(prediction: Prediction, title: str | None = None) -> dict[str, Any]:
    """The prediction figure as a plain Plotly dict (fast: no validation).

    Two panels: the probability of each choice (the predicted one opaque and outlined),
    and what the overall threat is made of (the bars add up to the threat level).
    """
    if not isinstance(prediction, Prediction):
        raise TypeError(f"prediction must be a Prediction, got {type(prediction).__name__}")
    raw = [prediction.probabilities[c] for c in CHOICES]
    probs = [round(p, 4) for p in raw]
    parts = [round(prediction.contributions.get(s, 0.0), 4) for s in THREAT_SOURCES]
    widest = max(prediction.weights.values(), default=0.25)
    heading = title or "Predicted alignment"
    layout = base_layout(f"{heading}: {_verdict(prediction)}", height=380)
    layout.update(
        {
            "xaxis": {"domain": [0.0, 0.5], "anchor": "y", "tickfont": {"size": 11}},
            "yaxis": {
                "domain": [0.0, 1.0],
                "anchor": "x",
                "range": [0, 1.15],
                "tickformat": ".0%",
                "gridcolor": GRID_COLOUR,
            },
            "xaxis2": {
                "domain": [0.74, 1.0],
                "anchor": "y2",
                "range": [0, round(1.3 * widest, 3)],
                "gridcolor": GRID_COLOUR,
                "title": {"text": "share of threat"},
            },
            "yaxis2": {"domain": [0.0, 1.0], "anchor": "x2", "autorange": "reversed"},
            "annotations": [
                panel_title("Probability of each choice", 0.25),
                panel_title(f"Threat level {prediction.threat:.2f}: its sources", 0.82),
            ],
            "meta": {"description": describe_prediction(prediction), "result": prediction_result(prediction)},
        }
    )
    top, bottom = stacked([1.3, 1.0], gap=0.16)
    layout["meta"]["narrow"] = narrow({
        "height": 640,
        "xaxis.domain": [0.0, 1.0], "yaxis.domain": top,
        "xaxis2.domain": [0.0, 1.0], "yaxis2.domain": bottom,
        "annotations[0].x": 0.5, "annotations[1].x": 0.5, "annotations[1].y": bottom[1] + 0.02,
        "margin.b": 50, "margin.r": 30,
        **{f"xaxis.{k}": v for k, v in NARROW_CHOICE_TICKS.items()},
    }, {1: {"y": [narrow_label(SOURCE_LABELS[s]) for s in THREAT_SOURCES]}})
    data = [
        {
            "type": "bar",
            "name": "probability",
            "xaxis": "x",
            "yaxis": "y",
            "x": [CHOICE_LABELS[c] for c in CHOICES],
            "y": probs,
            "text": [percent(p) for p in raw],  # from the unrounded value, as in the description
            "textposition": "outside",
            "cliponaxis": False,
            "marker": choice_marker(prediction.probabilities, prediction.choice),
            "hovertemplate": "%{x}: %{y:.0%}<extra></extra>",
        },
        {
            "type": "bar",
            "name": "contribution",
            "xaxis": "x2",
            "yaxis": "y2",
            "orientation": "h",
            "y": [SOURCE_LABELS[s] for s in THREAT_SOURCES],
            "x": parts,
            "text": [f"{v:.2f}" for v in parts],
            "textposition": "outside",
            "cliponaxis": False,
            "marker": {"color": [SOURCE_COLOURS[s] for s in THREAT_SOURCES]},
            "hovertemplate": "%{y}: %{x:.2f}<extra></extra>",
        },
    ]
    return {"data": data, "layout": layout}


def prediction_figure(prediction: Prediction, title: str | None = None) -> go.Figure:
    """:func:`prediction_spec` as a validated ``go.Figure``."""
    return go.Figure(prediction_spec(prediction, title))


FIELD_TITLES = {
    "aggregate_power": "Threat's aggregate power",
    "proximity": "Threat's proximity",
    "offensive_power": "Threat's offensive power",
    "aggressive_intentions": "Threat's aggressive intentions",
    "own_strength": "Own strength (0.5 = parity)",
    "allied_support": "Probability of allied support",
    "victory": "Threat's closeness to victory",
    "threat_level": "Overall threat level",
    "capability": "Own capability (share of the leading power)",
    "others_engaged": "Others already fighting the threat",
    "allies_fighting": "Own allies already fighting the threat",
    "threat_army_share": "Threat's share of the great powers' military personnel",
}


def _choice_colourscale() -> list[list]:
    """A stepped colourscale: index k of CHOICES gets CHOICE_COLOURS[k] (z = 0..3)."""
    scale = []
    n = len(CHOICES)
    for k, choice in enumerate(CHOICES):
        scale.append([k / n, CHOICE_COLOURS[choice]])
        scale.append([(k + 1) / n, CHOICE_COLOURS[choice]])
    return scale


def describe_grid(grid: ChoiceGrid) -> str:
    shares = ", ".join(f"{CHOICE_LABELS[c].lower()} {percent(grid.share(c))}" for c in CHOICES)
    return (
        f"Phase diagram of the predicted choice over {FIELD_TITLES[grid.x_field].lower()} (across) and "
        f"{FIELD_TITLES[grid.y_field].lower()} (up). Share of the grid where each choice is predicted: {shares}."
    )


def choice_map_spec(
    grid: ChoiceGrid, marker: tuple[float, float] | None = None, title: str | None = None
) -> dict[str, Any]:
    """A phase diagram: which choice the model predicts at each point of a two-condition grid.

    ``marker`` (x, y) marks the current scenario.
    """
    if not isinstance(grid, ChoiceGrid):
        raise TypeError(f"grid must be a ChoiceGrid, got {type(grid).__name__}")
    hover = [
        [f"{CHOICE_LABELS[CHOICES[c]]} ({percent(p)})" for c, p in zip(row_c, row_p, strict=True)]
        for row_c, row_p in zip(grid.choice, grid.probability, strict=True)
    ]
    data: list[dict[str, Any]] = [
        {
            "type": "heatmap",
            "name": "choice",
            "x": list(grid.x_values),
            "y": list(grid.y_values),
            "z": [list(row) for row in grid.choice],
            "zmin": -0.5,
            "zmax": len(CHOICES) - 0.5,
            "colorscale": _choice_colourscale(),
            "showscale": False,
            "text": hover,
            "hovertemplate": "x %{x:.2f}, y %{y:.2f}: %{text}<extra></extra>",
        }
    ]
    # a legend made of invisible points, one per choice (colour is never the only cue: hover names it)
    for choice in CHOICES:
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [None],
                "y": [None],
                "name": CHOICE_LABELS[choice],
                "marker": {"color": CHOICE_COLOURS[choice], "symbol": "square", "size": 12},
                "showlegend": True,
            }
        )
    mx, my = marker if marker is not None else (None, None)
    data.append(
        {
            "type": "scatter",
            "mode": "markers",
            "name": "this scenario",
            "x": [mx],
            "y": [my],
            "showlegend": True,
            "marker": {"symbol": "x", "size": 16, "line": {"width": 1.5, "color": "#222222"}, "color": "#FFFFFF"},
            "hovertemplate": "this scenario<extra></extra>",
        }
    )
    layout = base_layout(title or "Which choice wins where", height=440)
    layout.update(
        {
            "showlegend": True,
            # legend on the right, clear of the x-axis title at any page width
            "legend": {"orientation": "v", "y": 1.0, "x": 1.02, "xanchor": "left", "yanchor": "top"},
            "xaxis": {"title": {"text": FIELD_TITLES[grid.x_field]}, "range": [-0.025, 1.025], "constrain": "domain"},
            "yaxis": {"title": {"text": FIELD_TITLES[grid.y_field]}, "range": [-0.025, 1.025], "scaleanchor": "x",
                      "constrain": "domain"},
            "margin": {"l": 70, "r": 20, "t": 60, "b": 60},
            "meta": {"description": describe_grid(grid)},
        }
    )
    # narrow: the legend under the map, so the map keeps the whole width
    layout["meta"]["narrow"] = narrow({
        "height": 520,
        "legend": {"orientation": "h", "x": 0.0, "xanchor": "left", "y": -0.2, "yanchor": "top"},
        "margin.b": 120, "margin.l": 60,
    })
    return {"data": data, "layout": layout}


def neighbourhood_spec(hood: Neighbourhood, title: str | None = None) -> dict[str, Any]:
    """The stylised map: states as squares sized by capability, coloured by camp, with
    an arrow-like line from each state to the state it opposes."""
    from ..model.neighbours import Neighbourhood

    if not isinstance(hood, Neighbourhood):
        raise TypeError(f"hood must be a Neighbourhood, got {type(hood).__name__}")
    n = hood.rows * hood.cols
    xs = [hood.position(i)[1] for i in range(n)]
    ys = [hood.rows - 1 - hood.position(i)[0] for i in range(n)]
    line_x: list[float | None] = []
    line_y: list[float | None] = []
    for i, j in enumerate(hood.opposes):
        line_x += [xs[i], xs[j], None]
        line_y += [ys[i], ys[j], None]
    camps = ("Camp A", "Camp B")
    camp_colours = (CHOICE_COLOURS["balance"], SOURCE_COLOURS["aggregate_power"])
    data: list[dict[str, Any]] = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": line_x,
            "y": line_y,
            "name": "opposes",
            "line": {"color": "#888888", "width": 1.5, "dash": "dot"},
            "hoverinfo": "skip",
            "showlegend": True,
        }
    ]
    for k in (0, 1):
        members = [i for i in range(n) if hood.camp[i] == k]
        data.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "name": camps[k],
                "x": [xs[i] for i in members] or [None],
                "y": [ys[i] for i in members] or [None],
                "text": [f"{i + 1}" for i in members] or [""],
                "textfont": {
                    "color": "#FFFFFF" if k == 0 else TEXT_ON_HUE,
                    "size": 11,
                },  # white on blue, dark on orange
                # opacity 1: Plotly fades markers with an array of sizes to 0.7, and white on faded blue is 3:1
                "marker": {
                    "symbol": "square" if k == 0 else "diamond",
                    "color": camp_colours[k],
                    "opacity": 1,
                    "size": [18 + 22 * hood.capability[i] for i in members] or [0],
                    "line": {"color": "#222222", "width": 1},
                },
                "customdata": [[round(hood.capability[i], 2), hood.opposes[i] + 1] for i in members] or [[None, None]],
                "hovertemplate": "state %{text}: capability %{customdata[0]}, opposes state "
                                 "%{customdata[1]}<extra></extra>",
            }
        )
    share = hood.checkerboard_share()
    layout = base_layout(title or "Who opposes whom", height=380)
    layout.update(
        {
            "showlegend": True,
            "legend": {"orientation": "h", "y": -0.08, "x": 0.0},
            "xaxis": {"visible": False, "range": [-0.7, hood.cols - 0.3], "constrain": "domain"},
            "yaxis": {"visible": False, "range": [-0.7, hood.rows - 0.3], "scaleanchor": "x", "constrain": "domain"},
            "margin": {"l": 10, "r": 10, "t": 50, "b": 40},
            "meta": {
                "description": (
                    f"A grid of {n} states in two camps. {percent(share)} of neighbouring pairs sit in opposite camps "
                    f"(a perfect checkerboard would be 100%). The most opposed state is state "
                    f"{max(range(n), key=lambda s: (hood.opposes.count(s), -s)) + 1}, opposed by "
                    f"{max(hood.opposes.count(s) for s in range(n))} states."
                )
            },
        }
    )
    return {"data": data, "layout": layout}
