"""Showing things in Jupyter and in the static book.

``render`` (one display bundle per figure, registered as Plotly's default renderer when this
package is imported, so that a figure left at the end of a notebook cell shows with its text
description, as in the book), ``book_mime`` (tells myst-nb that the Plotly JSON is drawn
elsewhere), ``controls`` (the explorers' sliders and their grids, shared by the live and the
static explorers), ``static_explorer`` (kernel-free explorers: precomputed figures switched by
the page's script in ``static/``), ``casebox`` (case boxes) and ``quiz_view`` (quizzes on the
page, live or static).
"""

from . import render as _render  # noqa: F401  (registers the book's Plotly renderer)
