"""What every figure builder shares: the base layout and panel titles."""

from __future__ import annotations

from typing import Any

from .palette import FONT_FAMILY, TEXT_COLOUR


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
