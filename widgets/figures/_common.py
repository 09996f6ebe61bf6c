"""What every figure builder shares: the base layout and panel titles."""

from __future__ import annotations

from typing import Any

from .palette import CHOICE_LABELS, FONT_FAMILY, TEXT_COLOUR

# On a phone the four choices must share about 200 px: two-line labels at 11 px
NARROW_CHOICE_TICKS = {
    "tickvals": list(CHOICE_LABELS.values()),
    "ticktext": [label.replace("Bandwagon", "Band-<br>wagon").replace("Buck-pass", "Buck-<br>pass")
                 for label in CHOICE_LABELS.values()],
    "tickangle": 0,
    "tickfont": {"size": 11},
}


def narrow_label(text: str) -> str:
    """A two-word label on two lines (threat sources on a phone: 'Aggressive<br>intentions')."""
    return text.replace(" ", "<br>", 1)


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


def panel_title(text: str, x: float, y: float = 1.0, size: int = 14) -> dict[str, Any]:
    """An annotation that titles one panel of a multi-panel figure, centred at ``x`` (paper coordinates)."""
    return {
        "text": text, "x": x, "xref": "paper", "xanchor": "center",
        "y": y, "yref": "paper", "yanchor": "bottom", "showarrow": False, "font": {"size": size},
    }


def narrow(layout: dict[str, Any] | None = None, traces: dict[int, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The figure's layout for a narrow screen (a phone), kept in ``layout.meta["narrow"]``.

    ``layout`` maps Plotly.relayout paths ("xaxis.domain", "annotations[1].y") to values,
    ``traces`` a trace's index to such paths within the trace. The page's static/fit.js applies
    them when the plot is narrower than 600 px (panels stacked, a taller figure); the live
    notebook draws the wide layout, which is the figure as built.
    """
    return {"layout": dict(layout or {}), "traces": {str(i): dict(t) for i, t in (traces or {}).items()}}


def stacked(heights: list[float], gap: float = 0.1) -> list[list[float]]:
    """Paper-coordinate y domains for panels stacked top to bottom, in proportion to ``heights``,
    separated by ``gap`` (room for the panel titles and x-axis labels between them)."""
    room = 1.0 - gap * (len(heights) - 1)
    total = sum(heights)
    domains, top = [], 1.0
    for h in heights:
        bottom = top - room * h / total
        domains.append([round(max(0.0, bottom), 4), round(top, 4)])
        top = bottom - gap
    return domains
