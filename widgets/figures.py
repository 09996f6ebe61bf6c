"""Pure Plotly figure builders: model output in, ``go.Figure`` out.

No model logic lives here: every number drawn comes from a ``Prediction``. Each figure
carries a plain-text description in ``layout.meta["description"]``, which the renderer
prints beside the figure for screen readers and print.
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

from .alignment import CHOICES, Prediction
from .palette import CHOICE_COLOURS, CHOICE_LABELS, FONT_FAMILY, GRID_COLOUR, SOURCE_COLOURS, TEXT_COLOUR
from .threat import SOURCE_LABELS, THREAT_SOURCES


def _percent(p: float) -> str:
    return f"{round(100 * p)}%"


def describe_prediction(prediction: Prediction) -> str:
    """A text version of the prediction figure (what a screen reader or a print reader gets)."""
    if not isinstance(prediction, Prediction):
        raise TypeError(f"prediction must be a Prediction, got {type(prediction).__name__}")
    odds = ", ".join(f"{CHOICE_LABELS[c].lower()} {_percent(prediction.probabilities[c])}" for c in CHOICES)
    parts = ", ".join(
        f"{SOURCE_LABELS[s].lower()} {prediction.contributions.get(s, 0.0):.2f}" for s in THREAT_SOURCES
    )
    return (
        f"Predicted choice: {CHOICE_LABELS[prediction.choice].lower()}. Probabilities: {odds}. "
        f"Overall threat {prediction.threat:.2f}, made up of {parts}. " + " ".join(prediction.reasons)
    )


def base_layout(title: str, height: int) -> dict[str, Any]:
    """Layout shared by every figure: palette font, transparent background, no template.

    An empty template keeps Plotly's default theme (about 6 KB a figure) out of pages.
    """
    return {
        "template": {},
        "title": {"text": title, "x": 0.0, "xanchor": "left", "font": {"size": 16}},
        "font": {"family": FONT_FAMILY, "color": TEXT_COLOUR, "size": 13},
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 80, "b": 50},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "showlegend": False,
        # transitions would make the static explorer lag behind its slider
        "transition": {"duration": 0},
    }


def _panel_title(text: str, x: float) -> dict[str, Any]:
    return {
        "text": text, "x": x, "xref": "paper", "xanchor": "center",
        "y": 1.0, "yref": "paper", "yanchor": "bottom", "showarrow": False, "font": {"size": 14},
    }


def prediction_spec(prediction: Prediction, title: str | None = None) -> dict[str, Any]:
    """The prediction figure as a plain Plotly dict (fast: no validation).

    Two panels: the probability of each choice (the predicted one opaque and outlined),
    and what the overall threat is made of (the bars add up to the threat level).
    """
    if not isinstance(prediction, Prediction):
        raise TypeError(f"prediction must be a Prediction, got {type(prediction).__name__}")
    probs = [round(prediction.probabilities[c], 4) for c in CHOICES]
    parts = [round(prediction.contributions.get(s, 0.0), 4) for s in THREAT_SOURCES]
    widest = max(prediction.weights.values(), default=0.25)
    heading = title or "Predicted alignment"
    layout = base_layout(
        f"{heading}: <b>{CHOICE_LABELS[prediction.choice]}</b> ({_percent(prediction.probabilities[prediction.choice])})",
        height=380,
    )
    layout.update(
        {
            "xaxis": {"domain": [0.0, 0.46], "anchor": "y"},
            "yaxis": {"domain": [0.0, 1.0], "anchor": "x", "range": [0, 1.15], "tickformat": ".0%", "gridcolor": GRID_COLOUR},
            "xaxis2": {"domain": [0.70, 1.0], "anchor": "y2", "range": [0, round(1.3 * widest, 3)],
                       "gridcolor": GRID_COLOUR, "title": {"text": "share of threat"}},
            "yaxis2": {"domain": [0.0, 1.0], "anchor": "x2", "autorange": "reversed"},
            "annotations": [
                _panel_title("Probability of each choice", 0.23),
                _panel_title(f"Threat level {prediction.threat:.2f}: its sources", 0.80),
            ],
            "meta": {"description": describe_prediction(prediction)},
        }
    )
    data = [
        {
            "type": "bar", "name": "probability", "xaxis": "x", "yaxis": "y",
            "x": [CHOICE_LABELS[c] for c in CHOICES],
            "y": probs,
            "text": [_percent(p) for p in probs],
            "textposition": "outside",
            "cliponaxis": False,
            "marker": {
                "color": [CHOICE_COLOURS[c] for c in CHOICES],
                "opacity": [1.0 if c == prediction.choice else 0.45 for c in CHOICES],
                "line": {"color": TEXT_COLOUR, "width": [2 if c == prediction.choice else 0 for c in CHOICES]},
            },
            "hovertemplate": "%{x}: %{y:.0%}<extra></extra>",
        },
        {
            "type": "bar", "name": "contribution", "xaxis": "x2", "yaxis": "y2", "orientation": "h",
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
