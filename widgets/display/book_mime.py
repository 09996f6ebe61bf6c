"""myst-nb plugin: the Plotly JSON view has nothing to render in the static book.

Each figure bundle (``render.figure_bundle``) carries a ``text/html`` twin that the book
shows; the Plotly JSON in the same bundle is for live Jupyter front ends. Declaring that
mime type handled (with no output) stops myst-nb warning about it, without silencing
warnings about any other unknown mime type. A notebook that forgot the book's renderer
then shows no figure, which the browser tests catch by counting figures on each page.
Registered as an entry point in ``pyproject.toml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

PLOTLY_MIME = "application/vnd.plotly.v1+json"


class PlotlyJsonHandledElsewhere:
    mime_priority_overrides: ClassVar[Sequence[tuple[str, str, int | None]]] = ()

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list | None:
        return [] if data.mime_type == PLOTLY_MIME else None
