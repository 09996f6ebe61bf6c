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

# Text drawn in a hue (a label inside a figure) needs 4.5:1 against the page, which the
# Okabe-Ito hues, made for marks, do not all have (vermillion is 3.9:1 on white, blue 3.6:1 on
# the dark page). These darker twins keep the hue's meaning with >= 5:1 on white and on the
# figures' pale region tints; DARK_INK maps each to a lighter twin for the dark page.
HUE_TEXT = {
    "blue": "#005B8F",
    "orange": "#8A5A00",
    "vermillion": "#9A4500",
}
# Text on a coloured mark or banner (orange, bluish green, vermillion; white stays on blue):
# >= 4.8:1 on each. Not in DARK_INK, so it stays dark in the dark theme too, where the marks
# under it keep their colours.
TEXT_ON_HUE = "#111111"


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of "#RRGGBB"."""
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two "#RRGGBB" colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_text_on(fill: str) -> str:
    """Black or white text, whichever contrasts more with the opaque ``fill`` ("#RRGGBB").

    One of the two always has at least 4.58:1 (WCAG's 4.5:1 for text), whatever the fill. In
    the dark theme DARK_INK turns the black into a light ink, which suits the darker fills
    that the dark theme gives a scale starting at "#F4F4F4"."""
    def luminance(hex_colour: str) -> float:
        rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    lum = luminance(fill)
    return "#FFFFFF" if (1.05 / (lum + 0.05)) >= ((lum + 0.05) / 0.05) else "#000000"


def mix(low: str, high: str, fraction: float) -> str:
    """The colour ``fraction`` of the way from ``low`` to ``high`` ("#RRGGBB"), as Plotly's
    colour scales interpolate (linearly in RGB)."""
    f = min(1.0, max(0.0, fraction))
    parts = [round(int(low[i:i + 2], 16) * (1 - f) + int(high[i:i + 2], 16) * f) for i in (1, 3, 5)]
    return "#" + "".join(f"{v:02X}" for v in parts)


def _grey_like(colour: str) -> str:
    """The grey with ``colour``'s luminance (what it looks like without its hue)."""
    target = luminance(colour)
    level = next(v for v in range(256) if luminance(f"#{v:02X}{v:02X}{v:02X}") >= target)
    return f"#{level:02X}{level:02X}{level:02X}"


def tint(hue: str, page: str, at_least: float = 3.05) -> str:
    """A solid, muted version of ``hue`` for a de-emphasised mark on ``page``: half its colour
    taken away (towards its own grey) and moved as far towards the page as it can go while
    keeping ``at_least`` contrast with the page (WCAG 1.4.11 asks 3:1 of marks). If even the
    greyed hue has less than that, it is moved away from the page instead."""
    away = "#000000" if luminance(page) > 0.5 else "#FFFFFF"
    for k in range(100, -101, -1):  # from the page's colour down to the hue, then away from the page
        base = mix(hue, page, k / 100) if k >= 0 else mix(hue, away, -k / 100)
        muted = mix(base, _grey_like(base), 0.5)
        if contrast(muted, page) >= at_least:
            return muted
    raise ValueError(f"no tint of {hue} reaches {at_least}:1 on {page}")


LIGHT_PAGE = "#FFFFFF"
# the dark page (sphinx-book-theme #121212; pydata's #14181E is the lighter of the two, so the harder case)
DARK_PAGE = "#14181E"


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
    HUE_TEXT["orange"]: "#E6A740",
    HUE_TEXT["blue"]: "#5AB0E6",
    HUE_TEXT["vermillion"]: "#F29A5E",
}
# De-emphasised bars (the choices a model does not predict): solid tints with >= 3:1 against
# the page in both themes, instead of a translucent hue (45% opacity gave 2:1 on white, 1.6:1 dark).
MUTED_CHOICE_COLOURS = {c: tint(hue, LIGHT_PAGE) for c, hue in CHOICE_COLOURS.items()}
DARK_INK.update({MUTED_CHOICE_COLOURS[c]: tint(hue, DARK_PAGE) for c, hue in CHOICE_COLOURS.items()})
assert len(set(MUTED_CHOICE_COLOURS.values()) & {*CHOICE_COLOURS.values(), *OKABE_ITO.values()}) == 0
# Plotly draws axis and zero lines in #444 unless told otherwise: too dark on a dark page.
DARK_AXIS_LINE = "#8C939A"
