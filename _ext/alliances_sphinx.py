"""Local Sphinx extension: make the book's figures work offline, with nothing vendored.

- Copies plotly.js from the installed ``plotly`` package, and the explorer script and
  styles from the ``widgets`` package, into ``_static`` at build time.
- Adds them only to pages that have a Plotly figure or an explorer, plotly.js first.
- Drops sphinx-thebe's scripts: the book has no thebe cells (readers launch Binder instead),
  and sphinx-thebe adds its config script twice, a console error on every page.
- Drops the saved ipywidgets state that myst-nb would embed in every page with a widget:
  the book shows each explorer's static twin, so that state is dead weight.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import plotly
import widgets

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
WIDGET_STATIC = Path(widgets.__file__).parent / "static"
ASSETS = {"plotly.min.js": PLOTLY_JS, "alliances-explorer.js": WIDGET_STATIC / "explorer.js"}
STYLE = ("alliances.css", WIDGET_STATIC / "alliances.css")
MARKERS = ("plotly-graph-div", "alliances-explorer")


def _drop_widget_state(app, pagename, templatename, context, doctree) -> None:
    env = app.env
    data = getattr(env, "nb_metadata", {}).get(pagename)
    if data and "js_files" in data:
        data["js_files"].pop("ipywidgets_state", None)


def _drop_thebe(app, pagename, templatename, context, doctree) -> None:
    def is_thebe(script) -> bool:
        body = getattr(script, "attributes", {}).get("body", "") or ""
        return "THEBE_JS_URL" in body or str(script).endswith("sphinx-thebe.js")

    if "script_files" in context:
        context["script_files"][:] = [s for s in context["script_files"] if not is_thebe(s)]


def _add_assets(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    if any(marker in body for marker in MARKERS):
        app.add_js_file("plotly.min.js", priority=200)
        app.add_js_file("alliances-explorer.js", priority=800, loading_method="defer")


def _copy_assets(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    for name, source in ASSETS.items():
        shutil.copyfile(source, static / name)


def _copy_style(app) -> None:
    if app.builder.format == "html":
        target = Path(app.outdir) / "_static"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(STYLE[1], target / STYLE[0])


def setup(app):
    if not PLOTLY_JS.is_file():
        raise RuntimeError(f"plotly.js not found at {PLOTLY_JS}; is the plotly package installed?")
    app.add_css_file(STYLE[0])
    app.connect("builder-inited", _copy_style)
    app.connect("html-page-context", _drop_widget_state, priority=400)
    app.connect("html-page-context", _add_assets)
    app.connect("html-page-context", _drop_thebe, priority=900)
    app.connect("build-finished", _copy_assets)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
