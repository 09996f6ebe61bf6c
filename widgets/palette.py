"""One colour-blind-safe palette for every figure (Okabe & Ito 2008).

The eight Okabe-Ito colours stay distinguishable under the common forms of colour
blindness. Text never relies on colour alone: every bar is also labelled.
"""

from __future__ import annotations

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

CHOICE_COLOURS = {
    "balance": OKABE_ITO["blue"],
    "bandwagon": OKABE_ITO["vermillion"],
    "buck-pass": OKABE_ITO["reddish_purple"],
    "neutral": "#6E6E6E",  # grey with 5:1 contrast on white
}

SOURCE_COLOURS = {
    "aggregate_power": OKABE_ITO["orange"],
    "proximity": OKABE_ITO["sky_blue"],
    "offensive_power": OKABE_ITO["bluish_green"],
    "aggressive_intentions": "#3D3D3D",
}

CHOICE_LABELS = {
    "balance": "Balance",
    "bandwagon": "Bandwagon",
    "buck-pass": "Buck-pass",
    "neutral": "Neutral",
}

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
TEXT_COLOUR = "#222222"
GRID_COLOUR = "#DDDDDD"
