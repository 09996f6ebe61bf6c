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

# Dark theme: the book's figures follow the site's light/dark switch (static/theme.js). Only
# the neutral "ink" colours change (text, grid, greys); the Okabe-Ito hues stay, so a colour
# means the same thing in both themes. Each dark ink has at least 4.5:1 contrast (text) or
# 3:1 (grid, fills) against the dark page, as its light twin has against white.
DARK_INK = {
    TEXT_COLOUR: "#DCE1E6",
    OKABE_ITO["black"]: "#E8E8E8",
    SOURCE_COLOURS["aggressive_intentions"]: "#C9CED3",
    "#555555": "#AEB4BA",
    CHOICE_COLOURS["neutral"]: "#9DA3A9",
    GRID_COLOUR: "#3B4148",
    "#F4F4F4": "#262B31",
    "#B8B8B8": "#5C636A",
    "#8A5A00": "#E6A740",
}
# Plotly draws axis and zero lines in #444 unless told otherwise: too dark on a dark page.
DARK_AXIS_LINE = "#8C939A"
