"""Pure Plotly builders for Schweller's balance of interests (plain dicts, no model logic).

Every number drawn comes from :mod:`widgets.model.interests`. Each figure carries a plain-text
description in ``layout.meta["description"]`` (the book prints it as the caption), and keeps
the same traces and keys whatever the inputs, so the static explorers can switch between
precomputed versions of it.
"""

from __future__ import annotations

import textwrap
from typing import Any

from ..model import validation
from ..model.alignment import CHOICES
from ..model.interests import (
    GREAT_POWER_AT,
    LOW_VALUE_AT,
    SCENARIO_LABELS,
    TYPE_DESCRIPTIONS,
    TYPE_LABELS,
    UNLIMITED_AIMS_AT,
    Comparison,
    InterestSweep,
    Placement,
)
from ..model.reasons import percent
from ..model.threat import SOURCE_LABELS, THREAT_SOURCES
from ._common import NARROW_CHOICE_TICKS, base_layout, narrow, narrow_label, panel_title, stacked
from .palette import (
    CHOICE_COLOURS,
    CHOICE_LABELS,
    GRID_COLOUR,
    HUE_TEXT,
    OKABE_ITO,
    SOURCE_COLOURS,
    TEXT_COLOUR,
    TEXT_ON_HUE,
)
from .walt import choice_marker

TYPE_COLOURS = {
    "lion": OKABE_ITO["blue"],
    "lamb": OKABE_ITO["sky_blue"],
    "jackal": OKABE_ITO["orange"],
    "wolf": OKABE_ITO["vermillion"],
}
# light tints of the type colours for the regions of the diagram
REGION_TINTS = {"status quo": "rgba(0,114,178,0.10)", "jackal": "rgba(230,159,0,0.16)", "wolf": "rgba(213,94,0,0.16)"}
VERDICT_COLOURS = {
    "agree": OKABE_ITO["bluish_green"],
    "same alignment, different reasons": OKABE_ITO["orange"],
    "disagree": OKABE_ITO["vermillion"],
}
PULL_ROWS = (
    ("defence", "Defend holdings (balance)", OKABE_ITO["blue"]),
    ("jackal", "Jackal: share a<br>revisionist's spoils", OKABE_ITO["orange"]),
    ("piling-on", "Piling on the<br>winning side", OKABE_ITO["vermillion"]),
    ("wave-of-the-future", "Wave of the future", OKABE_ITO["reddish_purple"]),
    ("contagion", "Contagion (dominoes)", OKABE_ITO["sky_blue"]),
    ("appeasement", "Appeasement<br>(yield to threat)", "#6E6E6E"),
)


NARROW_PULL_LABELS = {
    "defence": "Defend<br>holdings", "jackal": "Jackal:<br>share spoils", "piling-on": "Piling on<br>the winner",
    "wave-of-the-future": "Wave of<br>the future", "contagion": "Contagion<br>(dominoes)", "appeasement": "Appeasement",
}


def _signed(x: float) -> str:
    return f"{x:+.2f}"


def _wrap(text: str, width: int = 100) -> str:
    return "<br>".join(textwrap.wrap(text, width))


# --------------------------------------------------------------------------- typology


def describe_placement(placement: Placement) -> str:
    """A text version of the balance-of-interests diagram."""
    validation.instance("placement", placement, Placement)
    power = "a great power" if placement.great_power else "not a great power"
    camp = "revisionist" if placement.revisionist else "status quo"
    return (
        f"A state that values the status quo at {placement.value_status_quo:.2f} and revision at "
        f"{placement.value_revision:.2f} has interest {_signed(placement.interest)}, on the {camp} side; with "
        "capability "
        f"{placement.capability:.2f} it is {power}. Type: {placement.state_type}, "
        f"{TYPE_DESCRIPTIONS[placement.state_type]}."
    )


def _region_shapes() -> list[dict[str, Any]]:
    u = UNLIMITED_AIMS_AT
    line = {"width": 0}
    return [
        {"type": "path", "xref": "x", "yref": "y", "path": "M 0 0 L 1 0 L 1 1 Z",
         "fillcolor": REGION_TINTS["status quo"], "line": line, "layer": "below"},
        {"type": "path", "xref": "x", "yref": "y", "path": f"M 0 0 L 1 1 L {1 - u} 1 L 0 {u} Z",
         "fillcolor": REGION_TINTS["jackal"], "line": line, "layer": "below"},
        {"type": "path", "xref": "x", "yref": "y", "path": f"M 0 {u} L {1 - u} 1 L 0 1 Z",
         "fillcolor": REGION_TINTS["wolf"], "line": line, "layer": "below"},
        {"type": "line", "xref": "x", "yref": "y", "x0": 0, "y0": 0, "x1": 1, "y1": 1,
         "line": {"color": "#555555", "width": 1.5}},
        {"type": "line", "xref": "x", "yref": "y", "x0": 0, "y0": u, "x1": 1 - u, "y1": 1,
         "line": {"color": "#555555", "width": 1, "dash": "dash"}},
        # Schweller's lamb region: low on both values, whatever their difference
        {"type": "rect", "xref": "x", "yref": "y", "x0": 0, "y0": 0, "x1": LOW_VALUE_AT, "y1": LOW_VALUE_AT,
         "line": {"color": HUE_TEXT["blue"], "width": 1.5,
                  "dash": "dashdot"}},
        {"type": "line", "xref": "x2", "yref": "paper", "x0": GREAT_POWER_AT, "x1": GREAT_POWER_AT, "y0": 0.33,
         "y1": 0.71,
         "line": {"color": "#555555", "width": 1.5, "dash": "dot"}},
    ]


def _region_labels() -> list[dict[str, Any]]:
    def label(text: str, x: float, y: float, colour: str) -> dict[str, Any]:
        return {"text": text, "x": x, "y": y, "xref": "x", "yref": "y", "showarrow": False,
                "font": {"size": 12, "color": colour}, "align": "center"}

    return [
        # the type colours as text (palette.HUE_TEXT): readable in both themes
        label("<b>Status quo</b><br>lions (great powers)<br>lambs (weak states)", 0.72, 0.22, HUE_TEXT["blue"]),
        label("<b>Lambs</b><br>low on both<br>values", 0.25, 0.25, HUE_TEXT["blue"]),
        label("<b>Jackals</b><br>limited aims", 0.66, 0.9, HUE_TEXT["orange"]),
        label("<b>Wolves</b><br>unlimited<br>aims", 0.1, 0.88, HUE_TEXT["vermillion"]),
    ]


def typology_spec(placement: Placement, title: str | None = None) -> dict[str, Any]:
    """Schweller's typology: where the state sits on the balance-of-interests diagram, and
    whether its capability makes it a great power."""
    validation.instance("placement", placement, Placement)
    colour = TYPE_COLOURS[placement.state_type]
    power_text = "great power" if placement.great_power else "not a great power"
    heading = title or "Balance of interests"
    layout = base_layout(
        f"{heading}: <b>{TYPE_LABELS[placement.state_type]}</b> (interest {_signed(placement.interest)}, {power_text})",
        height=440,
    )
    layout.update({
        "xaxis": {"domain": [0.0, 0.6], "anchor": "y", "range": [-0.02, 1.02], "gridcolor": GRID_COLOUR,
                  "title": {"text": "Value of the status quo"}, "constrain": "domain"},
        "yaxis": {"domain": [0.0, 1.0], "anchor": "x", "range": [-0.02, 1.02], "gridcolor": GRID_COLOUR,
                  "title": {"text": "Value of revision"}, "scaleanchor": "x", "constrain": "domain"},
        "xaxis2": {"domain": [0.72, 0.98], "anchor": "y2", "range": [0, 1.0], "gridcolor": GRID_COLOUR,
                   "title": {"text": "Capability"}},
        "yaxis2": {"domain": [0.35, 0.65], "anchor": "x2", "showticklabels": False},
        "shapes": _region_shapes(),
        "annotations": _region_labels() + [
            {"text": f"great power<br>from {GREAT_POWER_AT:.2f}", "x": GREAT_POWER_AT, "y": 0.71, "xref": "x2",
             "yref": "paper",
             "showarrow": False, "xanchor": "left", "align": "left", "font": {"size": 11}},
        ],
        "margin": {"l": 70, "r": 20, "t": 70, "b": 60},
        "meta": {"description": describe_placement(placement)},
    })
    # narrow: the diagram on the whole width, the capability bar under it
    layout["meta"]["narrow"] = narrow({
        "height": 660, "margin.b": 50,
        "xaxis.domain": [0.0, 1.0], "yaxis.domain": [0.36, 1.0],
        "xaxis2.domain": [0.0, 1.0], "yaxis2.domain": [0.0, 0.15],
        # shapes[6]: the great-power line; annotations: 0 status quo, 1 lambs, 2 jackals, 3 wolves, 4 great power
        "shapes[6].y0": -0.01, "shapes[6].y1": 0.17,
        "annotations[4].y": 0.17, "annotations[4].yanchor": "bottom",
        "annotations[3].x": 0.01, "annotations[3].xanchor": "left", "annotations[3].y": 0.66,
        **{f"annotations[{k}].font.size": 11 for k in range(4)},
    })
    size = 14 + 22 * placement.capability
    data = [
        {"type": "scatter", "mode": "markers+text", "name": "this state", "xaxis": "x", "yaxis": "y",
         "x": [round(placement.value_status_quo, 4)], "y": [round(placement.value_revision, 4)],
         "text": [TYPE_LABELS[placement.state_type]], "textposition": "top center",
         "textfont": {"size": 14, "color": TEXT_COLOUR},
         "marker": {"size": [round(size, 2)], "color": colour, "line": {"color": TEXT_COLOUR, "width": 2},
                    "symbol": "circle" if placement.great_power else "diamond"},
         "hovertemplate": "status quo %{x:.2f}, revision %{y:.2f}<extra></extra>"},
        {"type": "bar", "name": "capability", "orientation": "h", "xaxis": "x2", "yaxis": "y2",
         "x": [round(placement.capability, 4)], "y": ["capability"], "text": [f"{placement.capability:.2f}"],
         "textposition": "outside", "cliponaxis": False, "marker": {"color": colour},
         "hovertemplate": "capability %{x:.2f}<extra></extra>"},
    ]
    return {"data": data, "layout": layout}


# --------------------------------------------------------------------------- Walt vs Schweller


def describe_comparison(comparison: Comparison) -> str:
    """A text version of the comparison figure: both predictions, the verdict and why."""
    validation.instance("comparison", comparison, Comparison)
    s = comparison.scenario
    setting = ", ".join(
        f"{SCENARIO_LABELS[f].lower()} {('yes' if getattr(s, f) else 'no') if f == 'war' else f'{getattr(s, f):.2f}'}"
        for f in ("value_status_quo", "value_revision", "capability", "revisionist_strength", "threat", "war")
    )
    if s.war:
        setting += f", revisionist side's closeness to victory {s.victory:.2f}"
    walt, sch = comparison.walt, comparison.schweller
    top = max(sch.pulls, key=lambda k: sch.pulls[k])
    pull = (f"; its largest pull toward bandwagoning is {top.replace('-', ' ')} ({sch.pulls[top]:.2f})"
            if sch.pulls[top] > 0 else "")
    return (f"Scenario: {setting}. Walt's model predicts {walt.choice} ({percent(walt.probabilities[walt.choice])}), "
            f"with threat level {walt.threat:.2f}. Schweller's model predicts {sch.label.lower()} "
            f"({percent(sch.probabilities[sch.choice])}) for a {sch.placement.state_type}{pull}. "
            f"{comparison.headline}. {comparison.explanation[-1]}")


def _probability_bars(probabilities: dict[str, float], chosen: str, axis: str, name: str,
                      bandwagon_text: str | None = None) -> dict[str, Any]:
    probs = [round(probabilities[c], 4) for c in CHOICES]
    text = [percent(probabilities[c]) for c in CHOICES]  # from the unrounded value, as in the description
    if bandwagon_text:
        text[CHOICES.index("bandwagon")] += f"<br>{bandwagon_text}"
    return {
        "type": "bar", "name": name, "xaxis": f"x{axis}", "yaxis": f"y{axis}",
        "x": [CHOICE_LABELS[c] for c in CHOICES], "y": probs, "text": text,
        "textposition": "outside", "cliponaxis": False,
        "marker": choice_marker(probabilities, chosen),
        "textfont": {"size": 12}, "constraintext": "none",
        "hovertemplate": "%{x}: %{y:.0%}<extra>" + name + "</extra>",
    }


def comparison_spec(comparison: Comparison, title: str | None = None) -> dict[str, Any]:
    """Walt's and Schweller's predictions side by side, what drives each, the verdict and why.

    Top row: each model's probability of each choice (the predicted one outlined). Bottom
    row: what Walt's model sees (the four sources of threat) and what Schweller's weighs (the
    pull of defending one's holdings against each pull toward bandwagoning).
    """
    validation.instance("comparison", comparison, Comparison)
    walt, sch = comparison.walt, comparison.schweller
    side_text = {"revisionist": "with revisionist", "status quo": "with status quo"}.get(sch.side or "", "")
    heading = (title + ": ") if title else ""
    layout = base_layout(
        f"{heading}Walt: <b>{CHOICE_LABELS[walt.choice]}</b> ({percent(walt.probabilities[walt.choice])})"
        f" · Schweller: <b>{sch.label}</b> ({percent(sch.probabilities[sch.choice])})",
        height=760,
    )
    parts = [round(walt.contributions.get(s, 0.0), 4) for s in THREAT_SOURCES]
    pulls = [round(max(0.0, sch.terms["defence"]["balance"] if key == "defence" else sch.pulls[key]), 4)
             for key, _, _ in PULL_ROWS]
    if sch.side == "status quo":  # piling on the status-quo side: show that pull instead
        pulls[2] = round(sch.terms["piling-on"]["bandwagon-status-quo"], 4)
    pull_max = max(4.0, max(pulls) * 1.25)
    why = comparison.explanation[-1]
    layout.update({
        "xaxis": {"domain": [0.0, 0.46], "anchor": "y", "tickangle": 0, "tickfont": {"size": 11}},
        "yaxis": {"domain": [0.6, 0.88], "anchor": "x", "range": [0, 1.17], "tickvals": [0, 0.25, 0.5, 0.75, 1],
                  "tickformat": ".0%", "gridcolor": GRID_COLOUR},
        "xaxis2": {"domain": [0.54, 1.0], "anchor": "y2", "tickangle": 0, "tickfont": {"size": 11}},
        "yaxis2": {"domain": [0.6, 0.88], "anchor": "x2", "range": [0, 1.17], "tickvals": [0, 0.25, 0.5, 0.75, 1],
                   "tickformat": ".0%", "gridcolor": GRID_COLOUR},
        "xaxis3": {"domain": [0.22, 0.45], "anchor": "y3", "range": [0, 0.3], "gridcolor": GRID_COLOUR,
                   "title": {"text": "share of threat", "font": {"size": 11}, "standoff": 2}},
        "yaxis3": {"domain": [0.2, 0.48], "anchor": "x3", "autorange": "reversed", "tickfont": {"size": 11}},
        "xaxis4": {"domain": [0.75, 1.0], "anchor": "y4", "range": [0, round(pull_max, 3)], "gridcolor": GRID_COLOUR,
                   "title": {"text": "utility", "font": {"size": 11}, "standoff": 2}},
        "yaxis4": {"domain": [0.2, 0.48], "anchor": "x4", "autorange": "reversed", "tickfont": {"size": 11}},
        "margin": {"l": 60, "r": 30, "t": 50, "b": 40},
        "annotations": [
            panel_title("Walt: balance of threat", 0.225, 0.895, size=13),
            panel_title("Schweller: balance of interests", 0.775, 0.895, size=13),
            panel_title(f"What Walt's model sees: threat {walt.threat:.2f}", 0.225, 0.495, size=13),
            panel_title(f"What Schweller's model weighs: a {sch.placement.state_type}", 0.775, 0.495, size=13),
            {"text": f"<b>{comparison.headline}</b>", "x": 0.5, "y": 0.99, "xref": "paper", "yref": "paper",
             "yanchor": "top", "showarrow": False, "font": {"size": 14, "color": TEXT_ON_HUE},
             "bgcolor": VERDICT_COLOURS[comparison.verdict], "borderpad": 4},
            {"text": _wrap(why, 85), "x": 0.0, "y": 0.12, "xref": "paper", "yref": "paper", "xanchor": "left",
             "yanchor": "top", "align": "left", "showarrow": False, "font": {"size": 12}},
        ],
        "meta": {"description": describe_comparison(comparison)},
    })
    # narrow: the four panels one under the other, the reasons wrapped to a phone's width
    panels = stacked([1.0, 1.0, 0.9, 1.2, 1.4], gap=0.06)[:4]
    change: dict[str, Any] = {"height": 1600, "margin.l": 10, "margin.r": 30, "margin.b": 30}
    for k, (y0, y1) in enumerate(panels):
        n = "" if k == 0 else str(k + 1)
        top = y1 - 0.08 if k == 0 else y1  # room for the verdict banner, two lines on a phone
        bottom = y0
        change.update({f"xaxis{n}.domain": [0.0, 1.0], f"yaxis{n}.domain": [round(bottom, 4), round(top, 4)],
                       f"annotations[{k}].x": 0.5, f"annotations[{k}].y": round(top + 0.005, 4)})
    change.update({"annotations[5].y": round(panels[3][0] - 0.04, 4)})
    layout["meta"]["unwrapped"] = {"5": why}  # the page wraps it to the width it has (static/fit.js)
    change.update({f"{axis}.{k}": v for axis in ("xaxis", "xaxis2") for k, v in NARROW_CHOICE_TICKS.items()})
    traces: dict[int, dict[str, Any]] = {2: {"y": [narrow_label(SOURCE_LABELS[s]) for s in THREAT_SOURCES]},
                                         3: {"y": [NARROW_PULL_LABELS[key] for key, _, _ in PULL_ROWS]}}
    data = [
        _probability_bars(walt.probabilities, walt.choice, "", "Walt"),
        _probability_bars(sch.probabilities, sch.choice, "2", "Schweller", side_text),
        {"type": "bar", "name": "threat sources", "orientation": "h", "xaxis": "x3", "yaxis": "y3",
         "y": [SOURCE_LABELS[s] for s in THREAT_SOURCES], "x": parts, "text": [f"{v:.2f}" for v in parts],
         "textposition": "outside", "cliponaxis": False,
         "marker": {"color": [SOURCE_COLOURS[s] for s in THREAT_SOURCES]},
         "hovertemplate": "%{y}: %{x:.2f}<extra></extra>"},
        {"type": "bar", "name": "pulls", "orientation": "h", "xaxis": "x4", "yaxis": "y4",
         "y": [label for _, label, _ in PULL_ROWS], "x": pulls, "text": [f"{v:.2f}" for v in pulls],
         "textposition": "outside", "cliponaxis": False, "marker": {"color": [c for _, _, c in PULL_ROWS]},
         "hovertemplate": "%{y}: %{x:.2f}<extra></extra>"},
    ]
    # the side joined under Schweller's bandwagon bar, on two lines where bars are narrow
    traces[1] = {"text": [t.replace("<br>with ", "<br>with<br>") for t in data[1]["text"]], "textfont.size": 11}
    traces[0] = {"textfont.size": 11}
    layout["meta"]["narrow"] = narrow(change, traces)
    return {"data": data, "layout": layout}


# --------------------------------------------------------------------------- sweeps

FIELD_AXIS_TITLES = {
    "value_status_quo": "Value of the status quo",
    "value_revision": "Value of revision",
    "capability": "Own capability",
    "revisionist_strength": "Revisionist camp's strength",
    "threat": "Threat to the decider's holdings",
    "victory": "Revisionist side's closeness to victory (in war)",
    "wave": "Wave of the future",
    "contagion": "Contagion",
}


def describe_sweep(result: InterestSweep) -> str:
    """The two models' probabilities at both ends of the sweep, in words."""
    validation.instance("sweep", result, InterestSweep)
    name = FIELD_AXIS_TITLES[result.field].lower()

    def at(i: int) -> str:
        w = ", ".join(f"{CHOICE_LABELS[c].lower()} {percent(result.walt[c][i])}" for c in CHOICES)
        s = ", ".join(f"{CHOICE_LABELS[c].lower()} {percent(result.schweller[c][i])}" for c in CHOICES)
        return f"at {result.values[i]:.2f}, Walt's model gives {w}; Schweller's gives {s}"

    return f"How each model's prediction changes with {name}: {at(0)}; {at(len(result.values) - 1)}."


def sweep_spec(result: InterestSweep, title: str | None = None, marker: float | None = None) -> dict[str, Any]:
    """Two panels, Walt's model and Schweller's: the probability of each choice as one
    scenario field moves from 0 to 1. Schweller's bandwagoning is split by the side joined
    (dashed: with the status-quo side). ``marker`` draws a vertical line at one value."""
    validation.instance("sweep", result, InterestSweep)
    xs = list(result.values)
    data: list[dict[str, Any]] = []
    for panel, (axis, probs) in enumerate((("", result.walt), ("2", result.schweller))):
        for c in CHOICES:
            with_revisionist = panel == 1 and c == "bandwagon"
            ys = probs[c] if not with_revisionist else result.schweller_options["bandwagon-revisionist"]
            label = CHOICE_LABELS[c] + (" (with revisionist)" if panel == 1 and c == "bandwagon" else "")
            data.append({"type": "scatter", "mode": "lines", "name": label, "xaxis": f"x{axis}", "yaxis": f"y{axis}",
                         "x": xs, "y": [round(v, 4) for v in ys], "legendgroup": c, "showlegend": panel == 0,
                         "line": {"color": CHOICE_COLOURS[c], "width": 3,
                                  "dash": ["solid", "dot", "dashdot", "longdash"][CHOICES.index(c)]},
                         "hovertemplate": f"{label}: %{{y:.0%}}<extra></extra>"})
    data.append({"type": "scatter", "mode": "lines", "name": "Bandwagon with status quo (piling on)",
                 "xaxis": "x2", "yaxis": "y2", "x": xs,
                 "y": [round(v, 4) for v in result.schweller_options["bandwagon-status-quo"]],
                 "line": {"color": CHOICE_COLOURS["bandwagon"], "width": 2, "dash": "dash"}, "showlegend": True,
                 "hovertemplate": "bandwagon with the status-quo side: %{y:.0%}<extra></extra>"})
    layout = base_layout(title or f"Both models as {FIELD_AXIS_TITLES[result.field].lower()} changes", height=430)
    axis_title = {"text": FIELD_AXIS_TITLES[result.field]}  # the page wraps it to the axis (static/fit.js)
    layout.update({
        "showlegend": True,
        "legend": {"orientation": "h", "y": -0.45, "yanchor": "top", "x": 0.0},
        "xaxis": {"domain": [0.0, 0.46], "anchor": "y", "range": [0, 1], "title": axis_title, "gridcolor": GRID_COLOUR},
        "yaxis": {"domain": [0.0, 1.0], "anchor": "x", "range": [-0.03, 1.03], "tickformat": ".0%",
                  "gridcolor": GRID_COLOUR},
        "xaxis2": {"domain": [0.54, 1.0], "anchor": "y2", "range": [0, 1], "title": axis_title,
                   "gridcolor": GRID_COLOUR},
        "yaxis2": {"domain": [0.0, 1.0], "anchor": "x2", "range": [-0.03, 1.03], "tickformat": ".0%",
                   "gridcolor": GRID_COLOUR},
        "margin": {"l": 60, "r": 20, "t": 80, "b": 170},
        "annotations": [panel_title("Walt: balance of threat", 0.23, 1.0, size=13),
                        panel_title("Schweller: balance of interests", 0.77, 1.0, size=13)],
        "shapes": [] if marker is None else [
            {"type": "line", "xref": ref, "yref": f"y{ref[1:]} domain", "x0": marker, "x1": marker, "y0": 0, "y1": 1,
             "line": {"color": "#555555", "width": 1, "dash": "dot"}} for ref in ("x", "x2")],
        "meta": {"description": describe_sweep(result)},
    })
    top, bottom = stacked([1.0, 1.0], gap=0.28)
    layout["meta"]["narrow"] = narrow({
        "height": 880, "margin.b": 200, "legend.y": -0.2,
        "xaxis.domain": [0.0, 1.0], "yaxis.domain": top, "xaxis2.domain": [0.0, 1.0], "yaxis2.domain": bottom,
        "annotations[0].x": 0.5, "annotations[1].x": 0.5, "annotations[1].y": bottom[1],
    })
    return {"data": data, "layout": layout}
