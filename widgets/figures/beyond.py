"""Plotly builders for the chapter on ideology, aid and penetration (plain dicts, no model logic).

Every number drawn comes from a result of :mod:`widgets.model.ideology`, :mod:`widgets.model.aid`,
:mod:`widgets.model.penetration` or :mod:`widgets.model.explanations`. Each figure keeps the same traces
and keys whatever its inputs (the static explorers rely on that) and carries a plain-text
description in ``layout.meta["description"]``.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from ..model import validation
from ..model.aid import AidResult
from ..model.explanations import EXPLANATION_LABELS, EXPLANATIONS, CombinedView, logit
from ..model.ideology import IdeologyResult
from ..model.penetration import PenetrationResult
from ..model.reasons import percent
from ._common import base_layout, narrow, narrow_label, panel_title, stacked
from .palette import GRID_COLOUR, OKABE_ITO

POSITIVE = OKABE_ITO["blue"]
NEGATIVE = OKABE_ITO["vermillion"]
PERCEIVED = OKABE_ITO["orange"]
TOTAL = "#3D3D3D"
NARROW_STEP_LABELS = {"Ideology": "Ideo-<br>logy", "Foreign aid": "Foreign<br>aid", "Penetration": "Pene-<br>tration",
                      "All five": "All<br>five"}
PROBABILITY_TICKS = (0.001, 0.01, 0.05, 0.2, 0.5, 0.8, 0.95, 0.99, 0.999)


def _two_panel_layout(title: str, left: str, right: str, left_range: list[float], right_range: list[float],
                      left_title: str, right_title: str, description: str) -> dict[str, Any]:
    """Left: vertical bars (signed or not) with a zero line; right: horizontal bars from 0 to 1."""
    layout = base_layout(title, height=360)
    signed = left_range[0] < 0
    layout.update({
        "margin": {"l": 60, "r": 40, "t": 80, "b": 60},
        "xaxis": {"domain": [0.0, 0.40], "anchor": "y", "type": "category", "tickangle": 0},
        "yaxis": {"domain": [0.0, 1.0], "anchor": "x", "range": left_range, "gridcolor": GRID_COLOUR,
                  "zeroline": True, "zerolinecolor": "#888888", "zerolinewidth": 1.5,
                  "tickvals": [-1, -0.5, 0, 0.5, 1] if signed else [0, 0.5, 1], "title": {"text": left_title}},
        "xaxis2": {"domain": [0.72, 1.0], "anchor": "y2", "range": right_range, "gridcolor": GRID_COLOUR,
                   "title": {"text": right_title}, "tickvals": [0, 0.5, 1]},
        "yaxis2": {"domain": [0.0, 1.0], "anchor": "x2", "autorange": "reversed", "ticklabelstandoff": 4},
        "annotations": [panel_title(left, 0.20), panel_title(right, 0.86)],
        "meta": {"description": description},
    })
    top, bottom = stacked([1.3, 1.0], gap=0.2)
    span = left_range[1] - left_range[0]
    layout["meta"]["narrow"] = narrow({
        "yaxis.range": left_range if signed else [round(left_range[0] - 0.06 * span, 3), left_range[1]],
        "height": 640, "margin.l": 60, "margin.r": 40,
        "xaxis.domain": [0.0, 1.0], "yaxis.domain": top, "xaxis2.domain": [0.0, 1.0], "yaxis2.domain": bottom,
        "annotations[0].x": 0.5, "annotations[1].x": 0.5, "annotations[1].y": bottom[1],
    })
    return layout


def _with_narrow_labels(fig: dict[str, Any]) -> dict[str, Any]:
    """On a phone the right panel's bar labels go on two lines (they set the left margin of both panels)."""
    fig["layout"]["meta"]["narrow"]["traces"]["1"] = {"y": [narrow_label(label) for label in fig["data"][1]["y"]]}
    return fig


def _vbar(
    labels: list[str], values: list[float], colours: list[str], name: str, fmt: str = "{:+.2f}"
) -> dict[str, Any]:
    values = [round(v, 4) for v in values]
    return {
        "type": "bar",
        "name": name,
        "xaxis": "x",
        "yaxis": "y",
        "x": labels,
        "y": values,
        "width": 0.6,
        "text": [fmt.format(v) for v in values],
        "textposition": "outside",
        "cliponaxis": False,
        "constraintext": "none",
        "marker": {"color": colours},
        "hovertemplate": "%{x}: %{y:.2f}<extra></extra>",
    }


def _hbar(
    axis: str, labels: list[str], values: list[float], colours: list[str], name: str, fmt: str = "{:.2f}"
) -> dict[str, Any]:
    values = [round(v, 4) for v in values]
    return {
        "type": "bar",
        "orientation": "h",
        "name": name,
        "xaxis": f"x{axis}",
        "yaxis": f"y{axis}",
        "y": labels,
        "x": values,
        "text": [fmt.format(v) for v in values],
        "textposition": "outside",
        "cliponaxis": False,
        "constraintext": "none",
        "marker": {"color": colours},
        "hovertemplate": "%{y}: %{x:.2f}<extra></extra>",
    }


# --------------------------------------------------------------------------- ideology


def describe_ideology(result: IdeologyResult) -> str:
    validation.instance("result", result, IdeologyResult)
    return (
        f"Ideology's effect {result.effect:+.2f} (-1 apart, +1 together); as statesmen see it "
        f"{result.perceived_effect:+.2f}. "
        f"Weight {result.weight:.2f}, durability {result.durability:.2f}. " + " ".join(result.reasons)
    )


def ideology_spec(result: IdeologyResult, title: str | None = None) -> dict[str, Any]:
    """Two panels: ideology's actual and perceived effect; its weight and the durability."""
    validation.instance("result", result, IdeologyResult)
    direction = (
        "draws them together"
        if result.effect > 0.005
        else "pushes them apart"
        if result.effect < -0.005
        else "adds nothing"
    )
    layout = _two_panel_layout(
        f"{title or 'Ideology'}: <b>{direction}</b> (effect {result.effect:+.2f})",
        "Pull on the alliance",
        "Weight and durability",
        [-1.3, 1.3],
        [0, 1.3],
        "-1 apart, +1 together",
        "0 to 1",
        describe_ideology(result),
    )
    colour = POSITIVE if result.effect >= 0 else NEGATIVE
    data = [
        _vbar(
            ["Actual", "As statesmen<br>see it"],
            [result.effect, result.perceived_effect],
            [colour, PERCEIVED],
            "effect",
        ),
        _hbar(
            "2",
            ["Weight", "Durability"],
            [result.weight, result.durability],
            [OKABE_ITO["sky_blue"], OKABE_ITO["bluish_green"]],
            "weight and durability",
        ),
    ]
    return _with_narrow_labels({"data": data, "layout": layout})


# --------------------------------------------------------------------------- aid


def describe_aid(result: AidResult) -> str:
    validation.instance("result", result, AidResult)
    return (
        f"Pull towards alignment {result.score:.2f}, donor's leverage {result.leverage:.2f}. Threat "
        f"{result.threat:.2f}: "
        f"{percent(result.threat_scaling)} of the aid counts. Bargaining {result.bargaining:.2f}, decision-making "
        f"{result.apparatus:.2f}. " + " ".join(result.reasons)
    )


def aid_spec(result: AidResult, title: str | None = None) -> dict[str, Any]:
    """Two panels: aid's pull and the donor's leverage; the factors behind them."""
    validation.instance("result", result, AidResult)
    layout = _two_panel_layout(
        f"{title or 'Foreign aid'}: pull <b>{result.score:.2f}</b>, leverage <b>{result.leverage:.2f}</b>",
        "What aid buys",
        "The factors",
        [0, 1.2],
        [0, 1.3],
        "0 none, 1 the most",
        "0 to 1",
        describe_aid(result),
    )
    data = [
        _vbar(
            ["Pull towards<br>alignment", "Donor's<br>leverage"],
            [result.score, result.leverage],
            [POSITIVE, OKABE_ITO["reddish_purple"]],
            "what aid buys",
            "{:.2f}",
        ),
        _hbar(
            "2",
            ["Share that counts", "Bargaining", "Decision-making"],
            [result.threat_scaling, result.bargaining, result.apparatus],
            [TOTAL, OKABE_ITO["sky_blue"], OKABE_ITO["bluish_green"]],
            "factors",
        ),
    ]
    return _with_narrow_labels({"data": data, "layout": layout})


# --------------------------------------------------------------------------- penetration


def describe_penetration(result: PenetrationResult) -> str:
    validation.instance("result", result, PenetrationResult)
    return (
        f"Expected effect {result.effect:+.2f} (-1 apart, +1 together): {result.gain:+.2f} if it works, "
        f"{-result.loss:+.2f} if it backfires ({percent(result.backfire_probability)} chance). "
        + " ".join(result.reasons)
    )


def penetration_spec(result: PenetrationResult, title: str | None = None) -> dict[str, Any]:
    """Two panels: the gamble (gain, loss, expected effect); the factors and the backfire risk."""
    validation.instance("result", result, PenetrationResult)
    verdict = "helps" if result.effect > 0.005 else "hurts" if result.effect < -0.005 else "does nothing"
    layout = _two_panel_layout(
        f"{title or 'Penetration'}: <b>{verdict}</b> (expected effect {result.effect:+.2f})",
        "The gamble",
        "The factors",
        [-1.3, 1.3],
        [0, 1.3],
        "-1 apart, +1 together",
        "0 to 1",
        describe_penetration(result),
    )
    data = [
        _vbar(
            ["If it<br>works", "If it<br>backfires", "Expected"],
            [result.gain, -result.loss, result.effect],
            [POSITIVE, NEGATIVE, POSITIVE if result.effect >= 0 else NEGATIVE],
            "gamble",
        ),
        _hbar(
            "2",
            ["Chance it backfires", "Openness", "Limited aims", "Other causes"],
            [result.backfire_probability, result.receptiveness, result.focus, result.context],
            [NEGATIVE, OKABE_ITO["sky_blue"], PERCEIVED, OKABE_ITO["bluish_green"]],
            "factors",
        ),
    ]
    return _with_narrow_labels({"data": data, "layout": layout})


# --------------------------------------------------------------------------- combined view


def describe_combined(view: CombinedView) -> str:
    validation.instance("view", view, CombinedView)
    z, steps = view.contributions, view.steps
    return (
        f"Chance of allying with the partner: threat alone {percent(view.p_threat)}; ideology {z['ideology']:+.2f} "
        f"log-odds, {percent(steps['ideology'])}; aid {z['aid']:+.2f}, {percent(steps['aid'])}; penetration "
        f"{z['penetration']:+.2f}, {percent(steps['penetration'])}. Ideology as statesmen see it: "
        f"{percent(view.perceived_probability)}. " + " ".join(view.reasons)
    )


def combined_spec(view: CombinedView, title: str | None = None) -> dict[str, Any]:
    """A waterfall chart on the log-odds scale: threat first, then what each other explanation adds.

    The axis is labelled in probabilities; a hollow diamond marks where the ideology step
    would end if ideology mattered as much as statesmen think.
    """
    validation.instance("view", view, CombinedView)
    z, steps = view.contributions, view.steps
    running, cumulative = 0.0, []
    for name in EXPLANATIONS:
        running += z[name]
        cumulative.append(running)
    perceived_end = cumulative[0] + view.weights.ideology * view.ideology.perceived_effect
    low = min(0.0, perceived_end, *cumulative)
    high = max(0.0, perceived_end, *cumulative)
    y_range = [round(min(-1.0, low) - 0.9, 1), round(max(1.0, high) + 0.9, 1)]
    labels = [EXPLANATION_LABELS[name] for name in EXPLANATIONS] + ["All five"]
    values = [round(z[name], 4) for name in EXPLANATIONS] + [round(view.logit, 4)]
    text = [f"{percent(view.p_threat)}"] + [f"{z[n]:+.2f}<br>→ {percent(steps[n])}" for n in EXPLANATIONS[1:]]
    text.append(f"{percent(view.probability)}")
    heading = title or "Beyond threat"
    layout = base_layout(
        f"{heading}: <b>{percent(view.probability)}</b> chance of allying (threat alone {percent(view.p_threat)})",
        height=420,
    )
    layout.update(
        {
            "showlegend": True,
            "legend": {"orientation": "h", "x": 0.0, "y": -0.14},
            "margin": {"l": 80, "r": 20, "t": 70, "b": 80},
            "xaxis": {
                "range": [-0.6, len(labels) - 0.4],
                "tickvals": list(range(len(labels))),
                "ticktext": labels,
                "showgrid": False,
                "zeroline": False,
            },
            "yaxis": {
                "range": y_range,
                "gridcolor": GRID_COLOUR,
                "zeroline": True,
                "zerolinecolor": "#888888",
                "zerolinewidth": 1.5,
                "tickvals": [round(logit(p), 3) for p in PROBABILITY_TICKS],
                "ticktext": [f"{100 * p:g}%" for p in PROBABILITY_TICKS],
                "title": {"text": "chance of allying (log-odds scale)"},
            },
            "meta": {"description": describe_combined(view)},
        }
    )
    layout["meta"]["narrow"] = narrow(
        {"height": 480, "margin.l": 70, "margin.b": 110, "legend.y": -0.2,
         "yaxis.title.text": "chance of allying<br>(log-odds scale)", "xaxis.tickangle": 0, "xaxis.tickfont.size": 11,
         "xaxis.ticktext": [NARROW_STEP_LABELS.get(label, label) for label in labels]},
        {0: {"textfont.size": 11}, 2: {"name": "where ideology would end<br>if statesmen were right", "x": [1.5]}},
    )
    # Drawn as floating bars (a bar's base is where the previous step ended), not as Plotly's
    # waterfall type: the book ships plotly.js's cartesian bundle, which has no waterfall.
    bases = [0.0] + [round(c, 4) for c in cumulative[:-1]] + [0.0]
    colours = [POSITIVE if v >= 0 else NEGATIVE for v in values[:-1]] + [TOTAL]
    connector_x: list[float | None] = []
    connector_y: list[float | None] = []
    for i, level in enumerate(cumulative):  # dotted line from the end of each bar to the next
        connector_x += [i + 0.275, i + 1 - 0.275, None]
        connector_y += [round(level, 4), round(level, 4), None]
    data = [
        {
            "type": "bar",
            "name": "log-odds",
            "orientation": "v",
            "showlegend": False,
            "x": list(range(len(labels))),
            "y": values,
            "base": bases,
            "width": 0.55,
            "marker": {"color": colours},
            "text": text,
            "textposition": "outside",
            "cliponaxis": False,
            "constraintext": "none",
            "textfont": {"size": 12},
            "customdata": labels,
            "hovertemplate": "%{customdata}: %{y:+.2f} log-odds<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": "running total",
            "showlegend": False,
            "hoverinfo": "skip",
            "x": connector_x,
            "y": connector_y,
            "line": {"color": "#888888", "width": 1, "dash": "dot"},
        },
        {
            "type": "scatter",
            "mode": "markers",
            "name": "where ideology would end if statesmen were right",
            "x": [1.45],
            "y": [round(perceived_end, 4)],
            "showlegend": True,
            "marker": {
                "symbol": "diamond-open",
                "size": 14,
                "color": PERCEIVED,
                "line": {"width": 2.5, "color": PERCEIVED},
            },
            "hovertemplate": "ideology as statesmen see it: %{y:+.2f}<extra></extra>",
        },
    ]
    return {"data": data, "layout": layout}


def combined_figure(view: CombinedView, title: str | None = None) -> go.Figure:
    """:func:`combined_spec` as a ``go.Figure``."""
    return go.Figure(combined_spec(view, title))


def ideology_figure(result: IdeologyResult, title: str | None = None) -> go.Figure:
    return go.Figure(ideology_spec(result, title))


def aid_figure(result: AidResult, title: str | None = None) -> go.Figure:
    return go.Figure(aid_spec(result, title))


def penetration_figure(result: PenetrationResult, title: str | None = None) -> go.Figure:
    return go.Figure(penetration_spec(result, title))
