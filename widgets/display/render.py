"""One display bundle per figure that works in Jupyter and in the static HTML book.

A Plotly figure is shown as a MIME bundle holding

- ``application/vnd.plotly.v1+json``: what JupyterLab, VS Code and nteract draw live;
- ``text/html``: a ``<figure>`` with the plot div (no plotly.js inside: the book loads its
  own local copy once per page) and a text description as caption;
- ``text/plain``: the description alone (what a PDF or a terminal shows).

myst-nb renders ``text/html`` in the book because ``_config.yml`` ranks it first for the
html builder. Importing ``widgets`` registers this as Plotly's default renderer, so a
figure left at the end of a cell is shown this way.
"""

from __future__ import annotations

import html
import json
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio
from plotly.io.base_renderers import MimetypeRenderer

PLOTLY_MIME = "application/vnd.plotly.v1+json"
RENDERER_NAME = "alliances"
# showSendToCloud: plotly.js 4 shows a "Share chart..." button by default, which uploads the chart
# to Plotly's servers; the book sends a reader's browser to no third party.
PLOT_CONFIG = {"displaylogo": False, "responsive": True, "showSendToCloud": False,
               "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


def plain_json(fig: go.Figure | dict) -> dict:
    """The figure as JSON-compatible dict, with NumPy arrays as plain lists."""
    if isinstance(fig, dict):
        try:  # the book's builders return plain dicts: skip Plotly's slower encoder
            return json.loads(json.dumps(fig))
        except TypeError:
            pass
    fig_dict = fig.to_plotly_json() if isinstance(fig, go.Figure) else fig
    return json.loads(pio.to_json(fig_dict, validate=False, remove_uids=True, engine="json"))


def script_json(data: Any) -> str:
    """JSON safe to place inside a <script> element (no '</script>' or HTML parsing)."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def description_of(fig_dict: dict) -> str:
    meta = fig_dict.get("layout", {}).get("meta") or {}
    return str(meta.get("description", "")) if isinstance(meta, dict) else ""


def figure_html(fig: go.Figure | dict, div_id: str | None = None) -> str:
    """A ``<figure>`` with the plot div and its text description; needs ``window.Plotly``."""
    fig_dict = plain_json(fig)
    div = pio.to_html(
        fig_dict,
        include_plotlyjs=False,
        include_mathjax=False,
        full_html=False,
        config=PLOT_CONFIG,
        div_id=div_id,
        validate=False,
    )
    text = description_of(fig_dict)
    caption = f'<figcaption class="alliances-figure-text">{html.escape(text)}</figcaption>' if text else ""
    return f'<figure class="alliances-figure">{div}{caption}</figure>'


def figure_bundle(fig: go.Figure | dict) -> dict[str, Any]:
    """The MIME bundle described in the module docstring."""
    fig_dict = plain_json(fig)
    live = dict(fig_dict)
    live["config"] = PLOT_CONFIG
    return {
        PLOTLY_MIME: live,
        "text/html": figure_html(fig_dict),
        "text/plain": description_of(fig_dict) or "Plotly figure",
    }


class BookRenderer(MimetypeRenderer):
    """Plotly renderer that returns :func:`figure_bundle`."""

    def to_mimebundle(self, fig_dict: dict) -> dict[str, Any]:
        return figure_bundle(fig_dict)


class FigureView:
    """Wrap a figure so that IPython displays it with :func:`figure_bundle`."""

    def __init__(self, fig: go.Figure) -> None:
        if not isinstance(fig, go.Figure):
            raise TypeError(f"FigureView needs a plotly Figure, got {type(fig).__name__}")
        self.figure = fig

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        return figure_bundle(self.figure)


def use_book_renderer() -> None:
    """Make the book's renderer Plotly's default (idempotent)."""
    pio.renderers[RENDERER_NAME] = BookRenderer()
    pio.renderers.default = RENDERER_NAME


use_book_renderer()
