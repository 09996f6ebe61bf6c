"""Pure Plotly builders for the simulation chapter: runs, ensembles and Monte Carlo sweeps.

No model logic lives here: every number drawn comes from ``widgets.model.simulation``. Each
builder returns a plain Plotly dict whose ``layout.meta["description"]`` summarises it in
words (screen readers and print). The animated view uses Plotly's own frames, slider and
play button, which work in the static HTML book without any script of ours.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from ..model.simulation import (
    AGAINST,
    AGGRESSOR,
    BUCKPASS,
    CONQUERED,
    NEUTRAL,
    OUTCOMES,
    WITH,
    Ensemble,
    Run,
    hegemony_table,
    load_sweep,
    wilson_interval,
)
from ._common import base_layout, narrow, stacked
from .palette import CHOICE_COLOURS, GRID_COLOUR, OKABE_ITO, TEXT_COLOUR

STATUS_LABELS = {
    AGAINST: "Balancing against it",
    WITH: "Bandwagoning with it",
    BUCKPASS: "Buck-passing",
    NEUTRAL: "Neutral",
    CONQUERED: "Conquered",
    AGGRESSOR: "Aggressor",
}
STATUS_COLOURS = {
    AGAINST: CHOICE_COLOURS["balance"],
    WITH: CHOICE_COLOURS["bandwagon"],
    BUCKPASS: CHOICE_COLOURS["buck-pass"],
    NEUTRAL: CHOICE_COLOURS["neutral"],
    CONQUERED: "#B8B8B8",
    AGGRESSOR: OKABE_ITO["black"],
}
STATUS_ORDER = (AGGRESSOR, WITH, AGAINST, BUCKPASS, NEUTRAL, CONQUERED)
BLOC_COLOUR = CHOICE_COLOURS["bandwagon"]
COALITION_COLOUR = CHOICE_COLOURS["balance"]
OUTCOME_COLOURS = {"hegemony": CHOICE_COLOURS["bandwagon"], "contained": CHOICE_COLOURS["balance"],
                   "unresolved": CHOICE_COLOURS["neutral"]}
SUPPORT_COLOURS = (OKABE_ITO["black"], OKABE_ITO["orange"], OKABE_ITO["bluish_green"], OKABE_ITO["reddish_purple"],
                   OKABE_ITO["sky_blue"], OKABE_ITO["vermillion"])


def _r(values: Any, digits: int = 3) -> list:
    return np.round(np.asarray(values, dtype=float), digits).tolist()


def _pct(p: float) -> str:
    return f"{round(100 * p)}%"


def _check_run(run: Any, need_states: bool = False) -> None:
    if not isinstance(run, Run):
        raise TypeError(f"run must be a simulation.Run, got {type(run).__name__}")
    if need_states and run.status is None:
        raise ValueError("this figure needs every state's history: simulate(..., record_states=True)")


def describe_run(run: Run) -> str:
    """A plain-text account of one run: its world, what happened and when."""
    _check_run(run)
    w = run.world
    s = run.summary()
    world = (f"{w.n_states} states, {round(100 * w.share_balancers)}% of them balancers, allied support "
             f"{w.allied_support:.2f}; "
             f"the aggressor{'s act' if w.n_aggressors > 1 else ' acts'} as if {round(100 * w.believed_share)}% "
             "balanced")
    if w.defender_belief is not None:
        world += f", the status-quo powers as if {round(100 * w.defender_belief)}% did"
    events = []
    if run.hegemony_step >= 0:
        events.append(f"the aggressor's bloc became hegemonic at step {run.hegemony_step}")
    if run.containment_step >= 0 and run.hegemony_step < 0:
        events.append(f"it was contained from step {run.containment_step}")
    if run.defeat_step >= 0:
        events.append(f"it was defeated at step {run.defeat_step} and the wartime coalition broke up")
    if not events:
        events.append("it was neither contained nor hegemonic")
    return (
        f"One run over {run.steps} steps ({world}). Outcome: {run.outcome}: " + "; ".join(events) + ". "
        f"At most {s['max_with']} states bandwagoned with the aggressor and {s['max_against']} balanced against it; "
        f"at the end {s['final_with']} were with it, {s['final_against']} against it and {s['final_conquered']} "
        "conquered. "
        f"The bloc's peak share of all capability was {_pct(s['peak_bloc_share'])}."
    )


def _frame_steps(steps: int, max_frames: int) -> list[int]:
    if steps + 1 <= max_frames:
        return list(range(steps + 1))
    picks = np.unique(np.round(np.linspace(0, steps, max_frames)).astype(int))
    return picks.tolist()


STATUS_TEXT = {AGAINST: "balancing", WITH: "bandwagoning", BUCKPASS: "buck-passing",
               NEUTRAL: "neutral", CONQUERED: "conquered", AGGRESSOR: "aggressor"}
# Plotly marker symbol numbers: 0 circle, 2 diamond, 4 x, 17 star
_SYMBOLS = {"balancer": 0, "bandwagoner": 2, "conquered": 4, "aggressor": 17}


def _status_colourscale() -> list[list]:
    """Stepped colourscale: status code k (0..5) gets STATUS_COLOURS[k]."""
    n = len(STATUS_COLOURS)
    scale = []
    for k in range(n):
        scale.append([k / n, STATUS_COLOURS[k]])
        scale.append([(k + 1) / n, STATUS_COLOURS[k]])
    return scale


def _map_update(run: Run, t: int) -> dict[str, Any]:
    """What changes on the map at step ``t``: colour (status), size (capability), symbol, text."""
    status = run.status[t]
    cap = np.clip(run.capability[t].astype(float), 0.0, None)
    top = float(run.capability.max()) or 1.0
    sizes = np.where(status == CONQUERED, 6.0, 7.0 + 38.0 * np.sqrt(cap / top))
    kinds = np.where(run.balancer, _SYMBOLS["balancer"], _SYMBOLS["bandwagoner"])
    symbols = np.where(status == CONQUERED, _SYMBOLS["conquered"], np.where(status == AGGRESSOR, _SYMBOLS["aggressor"],
                                                                            kinds))
    return {"marker": {"color": status.astype(int).tolist(), "size": np.round(sizes, 1).tolist(),
                       "symbol": symbols.tolist()},
            "text": [STATUS_TEXT[int(c)] for c in status]}


def _series_traces(run: Run, t: int) -> list[dict[str, Any]]:
    steps = list(range(t + 1))
    share = run.bloc_share[: t + 1]
    coalition = (run.coalition_power / run.total_power)[: t + 1]
    return [{"x": steps, "y": _r(share, 3)}, {"x": steps, "y": _r(coalition, 3)}]


def _step_title(run: Run, t: int) -> str:
    n = {name: int(getattr(run, name)[t]) for name in ("n_with", "n_against", "n_conquered")}
    state = "war" if run.war[t] else "peace"
    if run.defeat_step >= 0 and t == run.defeat_step:
        state = "the aggressor is defeated and the coalition dissolves"
    elif run.defeat_step >= 0 and t > run.defeat_step:
        state = "peace after the aggressor's defeat"
    elif run.hegemony_step >= 0 and t >= run.hegemony_step:
        state = "the aggressor's bloc is hegemonic" + (" (war)" if run.war[t] else "")
    return (f"Step {t}: {state}<br><span style='font-size:13px'>{n['n_with']} states with the aggressor, "
            f"{n['n_against']} against it, {n['n_conquered']} conquered</span>")


def run_animation_spec(run: Run, title: str | None = None, max_frames: int = 80, frame_ms: int = 180) -> dict[str, Any]:
    """An animated view of one run: the map of states and the balance of power over time.

    Left: every state at its position (one trace, so only colours, sizes and symbols change
    between frames), coloured by what it does (balancing, bandwagoning, buck-passing,
    neutral, conquered), sized by capability; circles are balancer-type states, diamonds
    bandwagoner-type, the star the aggressor, an x a conquered state. Right: the bloc's and the
    coalition's shares of all capability, drawn up to the current step. A slider and a
    play button (Plotly frames) step through the run; both work in static HTML.
    """
    _check_run(run, need_states=True)
    if isinstance(max_frames, bool) or not isinstance(max_frames, int) or not 2 <= max_frames <= 400:
        raise ValueError(f"max_frames must be an int in [2, 400], got {max_frames!r}")
    if isinstance(frame_ms, bool) or not isinstance(frame_ms, int) or not 20 <= frame_ms <= 5000:
        raise ValueError(f"frame_ms must be an int in [20, 5000], got {frame_ms!r}")
    picks = _frame_steps(run.steps, max_frames)
    h = run.world.hegemony_share
    kinds = ["aggressor" if status == AGGRESSOR else ("balancer" if b else "bandwagoner")
             for status, b in zip(run.status[0], run.balancer, strict=True)]
    first = _map_update(run, 0)
    data: list[dict[str, Any]] = [{
        "type": "scatter", "mode": "markers", "name": "states", "xaxis": "x", "yaxis": "y", "showlegend": False,
        "x": _r(run.positions[:, 0]), "y": _r(run.positions[:, 1]), "text": first["text"],
        "customdata": [[i + 1, k] for i, k in enumerate(kinds)],
        "marker": {**first["marker"], "colorscale": _status_colourscale(), "cmin": -0.5,
                   "cmax": len(STATUS_COLOURS) - 0.5,
                   "showscale": False, "line": {"color": "#FFFFFF", "width": 1}},
        "hovertemplate": "state %{customdata[0]} (%{customdata[1]}): %{text}<extra></extra>",
    }]
    # legend entries (the map's colours and shapes); never animated
    for code in STATUS_ORDER:
        symbol = _SYMBOLS["aggressor"] if code == AGGRESSOR else (_SYMBOLS["conquered"] if code == CONQUERED else 0)
        data.append({"type": "scatter", "mode": "markers", "name": STATUS_LABELS[code], "x": [None], "y": [None],
                     "xaxis": "x", "yaxis": "y", "showlegend": True, "hoverinfo": "skip",
                     "marker": {"color": STATUS_COLOURS[code], "size": 11, "symbol": symbol}})
    data.append({"type": "scatter", "mode": "markers", "name": "diamond: bandwagoner type", "x": [None], "y": [None],
                 "xaxis": "x", "yaxis": "y", "showlegend": True, "hoverinfo": "skip",
                 "marker": {"color": "#FFFFFF", "size": 11, "symbol": _SYMBOLS["bandwagoner"],
                            "line": {"color": TEXT_COLOUR, "width": 1.5}}})
    first_series = _series_traces(run, 0)
    for name, colour, values in (("Aggressor's bloc", BLOC_COLOUR, first_series[0]),
                                 ("Coalition against it", COALITION_COLOUR, first_series[1])):
        data.append({"type": "scatter", "mode": "lines", "name": name, "xaxis": "x2", "yaxis": "y2",
                     "x": values["x"], "y": values["y"], "line": {"color": colour, "width": 3}, "showlegend": True,
                     "hovertemplate": f"{name}: %{{y:.0%}} of capability at step %{{x}}<extra></extra>"})
    data.append({"type": "scatter", "mode": "lines", "name": "hegemony threshold", "xaxis": "x2", "yaxis": "y2",
                 "x": [0, run.steps], "y": [h, h], "line": {"color": TEXT_COLOUR, "width": 1, "dash": "dash"},
                 "showlegend": True, "hoverinfo": "skip"})
    animated = [0, len(data) - 3, len(data) - 2]  # the map and the two lines

    frames = []
    for t in picks:
        frames.append({"name": str(t), "data": [_map_update(run, t), *_series_traces(run, t)], "traces": animated,
                       "layout": {"title": {"text": _step_title(run, t)}}})
    slider_steps = [{"method": "animate", "label": str(t),
                     "args": [[str(t)], {"mode": "immediate", "frame": {"duration": 0, "redraw": True},
                                         "transition": {"duration": 0}}]} for t in picks]
    layout = base_layout(_step_title(run, 0), height=640)
    layout.update({
        "showlegend": True,
        "legend": {"orientation": "h", "y": -0.34, "yanchor": "top", "x": 0.0, "font": {"size": 12}},
        "margin": {"l": 50, "r": 20, "t": 85, "b": 230},
        "xaxis": {"domain": [0.0, 0.48], "range": [-0.05, 1.05], "visible": False},
        "yaxis": {"domain": [0.0, 1.0], "range": [-0.05, 1.05], "visible": False, "scaleanchor": "x"},
        "xaxis2": {"domain": [0.58, 1.0], "range": [0, run.steps], "title": {"text": "step"}, "gridcolor": GRID_COLOUR,
                   "anchor": "y2"},
        "yaxis2": {"domain": [0.0, 1.0], "range": [-0.03, 1.03], "tickformat": ".0%", "gridcolor": GRID_COLOUR,
                   "title": {"text": "share of all capability"}, "anchor": "x2"},
        "updatemenus": [{
            "type": "buttons", "direction": "left", "showactive": False,
            "x": 0.0, "y": -0.16, "xanchor": "left", "yanchor": "top",
            "pad": {"t": 28, "r": 10},
            "buttons": [
                {"label": "Play", "method": "animate",
                 "args": [None, {"frame": {"duration": frame_ms, "redraw": True}, "fromcurrent": True,
                                 "transition": {"duration": 0}, "mode": "immediate"}]},
                {"label": "Pause", "method": "animate",
                 "args": [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate",
                                   "transition": {"duration": 0}}]},
            ],
        }],
        "sliders": [{
            "active": 0, "x": 0.15, "y": -0.16, "len": 0.85, "xanchor": "left", "yanchor": "top", "pad": {"t": 0,
                                                                                                          "b": 0},
            "currentvalue": {"prefix": "step ", "font": {"size": 13,
                                                         "color": TEXT_COLOUR}}, "transition": {"duration": 0},
            "font": {"size": 1, "color": "rgba(0,0,0,0)"}, "ticklen": 3, "minorticklen": 0,
            "steps": slider_steps,
        }],
        "meta": {"description": describe_run(run)},
    })
    if title:
        layout["meta"]["title"] = title
    # narrow: the map on top, the shares under it, the play controls and legend below both
    top, bottom = stacked([1.2, 1.0], gap=0.12)
    layout["meta"]["narrow"] = narrow({
        "height": 980, "margin.b": 300, "margin.l": 60,
        "xaxis.domain": [0.0, 1.0], "yaxis.domain": top, "xaxis2.domain": [0.0, 1.0], "yaxis2.domain": bottom,
        "updatemenus[0].y": -0.1, "sliders[0].y": -0.1, "sliders[0].x": 0.3, "sliders[0].len": 0.7,
        "legend.y": -0.2,
    })
    return {"data": data, "layout": layout, "frames": frames}


def describe_ensemble(ensemble: Ensemble) -> str:
    counts = ensemble.outcome_counts()
    n = ensemble.runs
    return (f"{n} seeded runs: hegemony in {counts['hegemony']} ({_pct(counts['hegemony'] / n)}), contained in "
            f"{counts['contained']}, unresolved in {counts['unresolved']}; the aggressor was defeated in "
            f"{int(ensemble.defeated.sum())}. On average at most {ensemble.n_with.max(axis=1).mean():.1f} states "
            f"bandwagoned and {ensemble.n_against.max(axis=1).mean():.1f} balanced.")


def world_spec(ensemble: Ensemble, highlight: int = 0, title: str | None = None) -> dict[str, Any]:
    """One world, many runs: the bloc's share of capability over time in every run (thin
    lines, the middle 80% shaded), one run highlighted, and the states with and against it.

    The structure (traces and keys) is the same for every world, so a static explorer can
    switch between worlds.
    """
    if not isinstance(ensemble, Ensemble):
        raise TypeError(f"ensemble must be a simulation.Ensemble, got {type(ensemble).__name__}")
    if isinstance(highlight, bool) or not isinstance(highlight, int) or not 0 <= highlight < ensemble.runs:
        raise ValueError(f"highlight must be a run index in [0, {ensemble.runs - 1}], got {highlight!r}")
    run = ensemble.run(highlight)
    steps = list(range(run.steps + 1))
    share = ensemble.bloc_share
    coalition = ensemble.coalition_power / ensemble.total_power
    low, mid, high = np.percentile(share, [10, 50, 90], axis=0)
    counts = ensemble.outcome_counts()
    n = ensemble.runs
    h = ensemble.world.hegemony_share
    data = [
        {"type": "scatter", "mode": "lines", "name": "middle 80% of runs", "x": steps + steps[::-1],
         "y": _r(high, 2) + _r(low,
                               2)[::-1], "fill": "toself", "fillcolor": "rgba(213,94,0,0.15)", "line": {"width": 0},
         "hoverinfo": "skip", "xaxis": "x", "yaxis": "y", "showlegend": True},
        {"type": "scatter", "mode": "lines", "name": "median bloc share", "x": steps, "y": _r(mid, 2), "xaxis": "x",
         "yaxis": "y",
         "line": {"color": BLOC_COLOUR, "width": 2, "dash": "dot"}, "showlegend": True,
         "hovertemplate": "median: %{y:.0%} at step %{x}<extra></extra>"},
        {"type": "scatter", "mode": "lines", "name": f"bloc, run {highlight + 1}", "x": steps, "y": _r(run.bloc_share,
                                                                                                       2),
         "xaxis": "x", "yaxis": "y", "line": {"color": BLOC_COLOUR, "width": 3}, "showlegend": True,
         "hovertemplate": "bloc: %{y:.0%} at step %{x}<extra></extra>"},
        {"type": "scatter", "mode": "lines", "name": f"coalition, run {highlight + 1}", "x": steps,
         "y": _r(coalition[highlight], 2), "xaxis": "x", "yaxis": "y", "line": {"color": COALITION_COLOUR, "width": 3},
         "showlegend": True, "hovertemplate": "coalition: %{y:.0%} at step %{x}<extra></extra>"},
        {"type": "scatter", "mode": "lines", "name": "hegemony threshold", "x": [0, run.steps], "y": [h, h],
         "xaxis": "x",
         "yaxis": "y", "line": {"color": TEXT_COLOUR, "width": 1,
                                "dash": "dash"}, "hoverinfo": "skip", "showlegend": True},
        {"type": "bar", "name": "outcomes", "orientation": "h", "xaxis": "x2", "yaxis": "y2",
         "y": ["hegemony", "contained", "unresolved"], "x": [counts[o] / n for o in OUTCOMES],
         "text": [_pct(counts[o] / n) for o in OUTCOMES], "textposition": "outside", "cliponaxis": False,
         "marker": {"color": [OUTCOME_COLOURS[o] for o in OUTCOMES]}, "showlegend": False,
         "hovertemplate": "%{y}: %{x:.0%} of runs<extra></extra>"},
    ]
    layout = base_layout(title or f"Hegemony in {_pct(counts['hegemony'] / n)} of {n} runs", height=430)
    layout.update({
        "showlegend": True,
        "legend": {"orientation": "h", "y": -0.26, "yanchor": "top", "x": 0.0, "font": {"size": 12}},
        "margin": {"l": 60, "r": 30, "t": 70, "b": 130},
        "xaxis": {"domain": [0.0, 0.62], "range": [0, run.steps], "title": {"text": "step"}, "gridcolor": GRID_COLOUR},
        "yaxis": {"domain": [0.0, 1.0], "range": [-0.03, 1.03], "tickformat": ".0%", "gridcolor": GRID_COLOUR,
                  "title": {"text": "share of all capability"}},
        "xaxis2": {"domain": [0.76, 1.0], "range": [0, 1.25], "tickformat": ".0%", "anchor": "y2",
                   "gridcolor": GRID_COLOUR,
                   "title": {"text": "share of runs"}},
        "yaxis2": {"domain": [0.25, 0.85], "anchor": "x2", "autorange": "reversed"},
        "meta": {"description": describe_ensemble(ensemble)
                 + f" Run {highlight + 1}, highlighted: " + describe_run(run)},
    })
    top, bottom = stacked([1.0, 0.45], gap=0.2)
    layout["meta"]["narrow"] = narrow({
        "height": 700, "margin.b": 150, "legend.y": -0.12,
        "xaxis.domain": [0.0, 1.0], "yaxis.domain": top, "xaxis2.domain": [0.0, 1.0], "yaxis2.domain": bottom,
    })
    return {"data": data, "layout": layout}


def hegemony_curve_spec(rows: Sequence[Mapping[str, Any]], series: str = "allied_support", x: str = "share_balancers",
                        title: str | None = None) -> dict[str, Any]:
    """Probability of hegemony against ``x`` (share of balancers), one line per value of
    ``series`` (allied support), each with its 95% Wilson interval as a band.

    ``rows`` are the cells of a sweep with ``p_hegemony``, ``low`` and ``high`` (see
    ``simulation.hegemony_table``).
    """
    rows = list(rows)
    if not rows:
        raise ValueError("rows must not be empty")
    for key in (series, x, "p_hegemony", "low", "high", "runs"):
        if key not in rows[0]:
            raise ValueError(f"rows need a {key!r} column; they have {', '.join(rows[0])}")
    levels = sorted({r[series] for r in rows})
    data: list[dict[str, Any]] = []
    words = []
    for k, level in enumerate(levels):
        colour = SUPPORT_COLOURS[k % len(SUPPORT_COLOURS)]
        group = sorted((r for r in rows if r[series] == level), key=lambda r: r[x])
        xs = [r[x] for r in group]
        red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        data.append({"type": "scatter", "mode": "lines", "x": xs + xs[::-1],
                     "y": _r([r["high"] for r in group]) + _r([r["low"] for r in group])[::-1],
                     "fill": "toself", "fillcolor": f"rgba({red},{green},{blue},0.15)", "line": {"width": 0},
                     "hoverinfo": "skip", "showlegend": False, "name": f"95% interval, support {level:g}"})
        data.append({"type": "scatter", "mode": "lines+markers", "x": xs, "y": _r([r["p_hegemony"] for r in group]),
                     "name": f"allied support {level:g}",
                     "line": {"color": colour, "width": 2.5, "dash": ("dash", "solid", "solid", "solid", "solid",
                                                                      "solid")[k % 6]},
                     "marker": {"color": colour, "size": 7, "symbol": ("circle", "square", "diamond", "triangle-up",
                                                                       "cross", "x")[k % 6]},
                     "customdata": [[r["hegemony"], r["runs"], round(r["low"], 3), round(r["high"], 3)] for r in group],
                     "hovertemplate": "share of balancers %{x:.0%}: hegemony in %{customdata[0]} of %{customdata[1]} "
                                      "runs "
                                      "(%{y:.0%}; 95% interval "
                                      "%{customdata[2]:.0%}-%{customdata[3]:.0%})<extra></extra>"})
        cells = ", ".join(f"{_pct(r[x])} balancers {_pct(r['p_hegemony'])}" for r in group)
        words.append(f"allied support {level:g}: " + cells)
    runs = rows[0]["runs"]
    layout = base_layout(title or "How often the aggressor becomes hegemonic", height=440)
    layout.update({
        "showlegend": True,
        "legend": {"orientation": "h", "y": -0.22, "x": 0.0},
        "margin": {"l": 70, "r": 20, "t": 60, "b": 100},
        "xaxis": {"title": {"text": "share of balancers in the world"}, "tickformat": ".0%", "range": [-0.02, 1.02],
                  "gridcolor": GRID_COLOUR},
        "yaxis": {"title": {"text": "probability of hegemony"}, "tickformat": ".0%", "range": [-0.02, 1.02],
                  "gridcolor": GRID_COLOUR},
        "meta": {"description": (f"Share of {runs} seeded runs per point in which the aggressor's bloc became "
                                 "hegemonic, "
                                 "with 95% Wilson intervals as shaded bands. " + "; ".join(words) + ".")},
    })
    layout["meta"]["narrow"] = narrow({"height": 540, "margin.b": 150, "legend.y": -0.3, "legend.yanchor": "top",
                                       "xaxis.range": [-0.05, 1.05], "yaxis.range": [-0.05, 1.05]})
    return {"data": data, "layout": layout}


def misperception_spec(rows: Sequence[Mapping[str, Any]], title: str | None = None) -> dict[str, Any]:
    """Outcomes when the aggressor or the status-quo powers misjudge the world's mix.

    ``rows``: cells of the misperception sweep (share_balancers, aggressor_belief,
    defender_belief, counts). Two panels, a balancing and a bandwagoning world; in each, one
    bar group per belief scenario with the share of runs ending in hegemony and the share
    in which the aggressor was defeated, with 95% intervals.
    """
    rows = list(rows)
    if not rows:
        raise ValueError("rows must not be empty")
    worlds = sorted({r["share_balancers"] for r in rows}, reverse=True)
    scenarios = [(None, None), (0.0, None), (1.0, None), (None, 0.0), (None, 1.0)]
    names = {
        (None, None): "baseline: aggressor judges right",
        (0.0, None): "aggressor believes in bandwagoning",
        (1.0, None): "aggressor believes in balancing",
        (None, 0.0): "status quo commits firmly",
        (None, 1.0): "status quo takes the relaxed view",
    }
    measures = (("hegemony", "hegemony", BLOC_COLOUR), ("defeated", "aggressor defeated", COALITION_COLOUR))
    data: list[dict[str, Any]] = []
    words = []
    for panel, world in enumerate(worlds):
        cells = {(r["aggressor_belief"], r["defender_belief"]): r for r in rows if r["share_balancers"] == world}
        axis = "" if panel == 0 else str(panel + 1)
        for key, label, colour in measures:
            chosen = [cells[s] for s in scenarios if s in cells]
            k = np.array([c[key] for c in chosen])
            n = np.array([c["runs"] for c in chosen])
            low, high = wilson_interval(k, n)
            p = k / n
            data.append({
                "type": "bar", "orientation": "h", "name": label, "legendgroup": key, "showlegend": panel == 0,
                "xaxis": f"x{axis}", "yaxis": f"y{axis}",
                "y": [names[s] for s in scenarios if s in cells], "x": _r(p),
                "error_x": {"type": "data", "symmetric": False, "array": _r(high - p), "arrayminus": _r(p - low),
                            "color": TEXT_COLOUR, "thickness": 1},
                "text": [_pct(v) for v in p], "textposition": "outside", "cliponaxis": False,
                "marker": {"color": colour}, "hovertemplate": f"%{{y}}: {label} in %{{x:.0%}} of runs<extra></extra>",
            })
            words.append(f"{_pct(world)} balancers, {label}: " + ", ".join(
                f"{names[s]} {_pct(cells[s][key] / cells[s]['runs'])}" for s in scenarios if s in cells))
    layout = base_layout(title or "Misjudging the world", height=640)
    layout.update({
        "barmode": "group", "showlegend": True,
        "legend": {"orientation": "h", "y": -0.08, "yanchor": "top", "x": 0.0},
        "margin": {"l": 250, "r": 40, "t": 90, "b": 60},
        "annotations": [],
        "meta": {"description": f"Share of {rows[0]['runs']} seeded runs per scenario. " + "; ".join(words) + "."},
    })
    for panel, world in enumerate(worlds):
        axis = "" if panel == 0 else str(panel + 1)
        lo, hi = (0.55, 1.0) if panel == 0 else (0.0, 0.45)
        layout[f"xaxis{axis}"] = {"domain": [0.0, 1.0], "range": [0, 1.12], "tickformat": ".0%",
                                  "gridcolor": GRID_COLOUR,
                                  "anchor": f"y{axis}"}
        layout[f"yaxis{axis}"] = {"domain": [lo, hi], "autorange": "reversed", "anchor": f"x{axis}"}
        kind = "balancing" if world >= 0.5 else "bandwagoning"
        layout["annotations"].append({"text": f"<b>A {kind} world</b> ({_pct(world)} balancers)", "x": 0.0,
                                      "xref": "paper",
                                      "xanchor": "left", "y": hi, "yref": "paper", "yanchor": "bottom",
                                      "showarrow": False, "font": {"size": 14}})
    # narrow: the panels one under the other, scenario names on two lines
    short = {names[s]: names[s].replace(" in ", "<br>in ").replace(" commits", "<br>commits")
             .replace(" the relaxed", "<br>the relaxed").replace(": aggressor judges right", ":<br>judged right")
             for s in scenarios}
    titles = {f"annotations[{k}].text": note["text"].replace(" (", "<br>(") for k, note in
              enumerate(layout["annotations"])}
    layout["meta"]["narrow"] = narrow(
        {"height": 980, "margin.l": 10, "margin.r": 30, "yaxis.domain": [0.56, 1.0], "yaxis2.domain": [0.0, 0.4],
         "annotations[1].y": 0.4, "yaxis.tickfont.size": 11, "yaxis2.tickfont.size": 11, **titles},
        {i: {"y": [short[label] for label in trace["y"]], "textfont.size": 11} for i, trace in enumerate(data)},
    )
    return {"data": data, "layout": layout}


def hegemony_figure(name: str = "hegemony") -> go.Figure:
    """The Monte Carlo figure from the cached sweep (computed if the cache is missing)."""
    return go.Figure(hegemony_curve_spec(hegemony_table(load_sweep(name))))


def misperception_figure(name: str = "misperception") -> go.Figure:
    """Outcomes under misperception, from the cached sweep (computed if the cache is missing)."""
    return go.Figure(misperception_spec(load_sweep(name)["cells"]))
