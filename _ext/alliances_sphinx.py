"""Local Sphinx extension: make the book's figures work offline, with nothing vendored.

- Copies plotly.js (the *cartesian* bundle of the exact plotly.js version that the installed
  ``plotly`` package targets, fetched from the npm registry by ``tools/js_assets.py`` during
  ``make setup``), and the book's own scripts and styles from the ``widgets`` package, into
  ``_static`` at build time.
- Adds the scripts only to pages that have a Plotly figure, an explorer or a quiz, plotly.js
  first.
- Switches sphinx-thebe off (its scripts, stylesheet and config): the book has no thebe cells
  (readers launch Binder instead).
- Writes the site's redirect page with a favicon link (no request for /favicon.ico).
- Drops the saved ipywidgets state that myst-nb would embed in every page with a widget:
  the book shows each explorer's static twin, so that state is dead weight.
- Mends two ARIA attributes that other packages write into the page body (found by axe-core,
  tests/test_accessibility.py): myst-nb names every hidden-code toggle "Toggle hidden
  content" while it reads "Show code cell source" (WCAG 2.5.3: the name must contain the
  visible label), and docutils marks each bibliography entry with the deprecated role
  doc-biblioentry inside a role="list", which must hold role="listitem" children.
- Makes each solution's whole title bar open it, with the link back to the exercise moved
  inside the solution (``alliances_solutions``).
- Replaces the theme's 1.5 MB Font Awesome script with CSS for the icons the pages use
  (``alliances_icons``).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import plotly.offline
import pydata_sphinx_theme
from alliances_icons import strip_icon_script, write_icon_css
from alliances_solutions import plain_solution_titles

from widgets._paths import package_file
from widgets.display.render import script_json
from widgets.figures import palette

REPO = Path(__file__).resolve().parent.parent
MANIFEST = REPO / "tools" / "js-assets.json"
PLOTLY_JS = REPO / ".cache" / "js" / "plotly-cartesian.min.js"
WIDGET_STATIC = Path(str(package_file("display", "static")))
# Deferred scripts run in document order, so the explorer's four parts load core first.
PLOT_SCRIPTS = {
    "plotly-cartesian.min.js": (PLOTLY_JS, 200, None),
    "alliances-fit.js": (WIDGET_STATIC / "fit.js", 690, "defer"),
    "alliances-theme.js": (WIDGET_STATIC / "theme.js", 700, "defer"),
    "alliances-explorer-core.js": (WIDGET_STATIC / "explorer-core.js", 800, "defer"),
    "alliances-explorer-files.js": (WIDGET_STATIC / "explorer-files.js", 801, "defer"),
    "alliances-explorer-links.js": (WIDGET_STATIC / "explorer-links.js", 802, "defer"),
    "alliances-explorer-controls.js": (WIDGET_STATIC / "explorer-controls.js", 803, "defer"),
    "alliances-explorer-embed.js": (WIDGET_STATIC / "explorer-embed.js", 804, "defer"),
}
QUIZ_SCRIPT = {"alliances-quiz.js": (WIDGET_STATIC / "quiz.js", 800, "defer")}
ANIMATION_SCRIPT = {"alliances-animation.js": (WIDGET_STATIC / "animation.js", 810, "defer")}
# The class-results page reads files with explorer-files.js and draws with plotly.js
CLASS_SCRIPT = {"alliances-class-results.js": (WIDGET_STATIC / "class-results.js", 820, "defer")}
CLASS_MARKER = "alliances-class-results"
ANIMATION_MARKER = "alliances-animation"
# Without JavaScript a plot div is an empty box of its full height: collapse it (the text
# description beside every figure still tells what it shows).
NO_SCRIPT_STYLE = (
    "<noscript><style>.plotly-graph-div, .alliances-explorer .ae-plot { display: none !important; }</style></noscript>"
)
STYLE = ("alliances.css", WIDGET_STATIC / "alliances.css")
PRINT_STYLE = ("alliances-print.css", WIDGET_STATIC / "print.css")
ICON_STYLE = "alliances-icons.css"
FONTAWESOME_JS = (
    Path(pydata_sphinx_theme.__file__).parent
    / "theme"
    / "pydata_sphinx_theme"
    / "static"
    / "scripts"
    / "fontawesome.js"
)
PLOT_MARKERS = ("plotly-graph-div", "alliances-explorer")
QUIZ_MARKER = "alliances-quiz"


def check_plotly_bundle() -> None:
    """The bundle must exist and be the plotly.js version that plotly.py writes figures for."""
    if not PLOTLY_JS.is_file():
        raise RuntimeError(
            f"{PLOTLY_JS.relative_to(REPO)} is missing: run 'make setup' (python tools/js_assets.py fetches "
            f"the JavaScript pinned in {MANIFEST.relative_to(REPO)} from the npm registry)"
        )
    head = PLOTLY_JS.read_text(encoding="utf-8", errors="replace")[:400]
    found = re.search(r"plotly\.js \(cartesian - minified\) v(\S+)", head)
    wanted = plotly.offline.get_plotlyjs_version()
    if not found or found.group(1) != wanted:
        raise RuntimeError(
            f"{PLOTLY_JS.name} is plotly.js {found.group(1) if found else '?'}, but the installed plotly package "
            f"writes figures for plotly.js {wanted}: update the pin in {MANIFEST.name}"
        )
    pinned = {a["package"]: a["version"] for a in json.loads(MANIFEST.read_text())["assets"]}
    if pinned.get("plotly.js-cartesian-dist-min") != wanted:
        raise RuntimeError(
            f"{MANIFEST.name} pins plotly.js-cartesian-dist-min {pinned.get('plotly.js-cartesian-dist-min')}, "
            f"plotly needs {wanted}"
        )


def _drop_widget_state(app, pagename, templatename, context, doctree) -> None:
    env = app.env
    data = getattr(env, "nb_metadata", {}).get(pagename)
    if data and "js_files" in data:
        data["js_files"].pop("ipywidgets_state", None)


def _drop_thebe(app) -> None:
    """Switch sphinx-thebe off: the book has no thebe cells (readers launch Binder instead).

    Jupyter Book 1.x always loads sphinx-thebe, which adds to every page its script, its
    stylesheet, a config script naming THEBE_JS_URL (a CDN) and a thebe config pointing at
    another project's Binder repository. Disconnecting its two handlers and dropping its
    assets (at builder-inited, after every extension's setup) leaves none of that in a page.
    """
    import sphinx_thebe

    handlers = {sphinx_thebe.init_thebe_core, sphinx_thebe.update_thebe_context, sphinx_thebe.init_thebe_default_config}
    for listeners in app.events.listeners.values():
        for listener in list(listeners):
            if listener.handler in handlers:
                app.disconnect(listener.id)
    app.registry.css_files[:] = [(name, attrs) for name, attrs in app.registry.css_files if "thebe" not in str(name)]
    if hasattr(app.builder, "css_files"):
        app.builder.css_files[:] = [
            css for css in app.builder.css_files if "thebe" not in str(getattr(css, "filename", css))
        ]
    app.config.html_static_path[:] = [p for p in app.config.html_static_path if "sphinx_thebe" not in str(p)]


REDIRECT_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Alliances</title>
<meta http-equiv="Refresh" content="0; url={target}">
<link rel="icon" href="_static/{favicon}"></head>
<body><p><a href="{target}">Open the book</a></p></body></html>
"""


def _write_redirect(app, exception) -> None:
    """The site's index.html: a redirect to the first page that names the favicon, so the
    browser does not ask for /favicon.ico (a 404 and a console error). Written before
    sphinx-external-toc's own redirect, which then leaves it alone."""
    if exception is not None or app.builder.format != "html" or app.config.master_doc == "index":
        return
    favicon = Path(app.config.html_favicon or "favicon.svg").name
    target = f"{app.config.master_doc}.html"
    (Path(app.outdir) / "index.html").write_text(REDIRECT_PAGE.format(target=target, favicon=favicon), encoding="utf-8")


# (what other packages write, what the page gets instead): see the module docstring
ARIA_FIXES = (
    ('<summary aria-label="Toggle hidden content">', "<summary>"),  # myst-nb (sphinx_.py)
    ('role="doc-biblioentry"', 'role="listitem"'),  # docutils' html5 writer, in a role="list"
)


def _fix_aria(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body")
    if body:
        for old, new in ARIA_FIXES:
            body = body.replace(old, new)
        context["body"] = plain_solution_titles(body)


def dark_ink_json() -> str:
    """The dark inks of ``widgets.palette`` as the JSON element static/theme.js reads (one source of colours)."""
    ink = {"ink": {k.upper(): v for k, v in palette.DARK_INK.items()}, "axis_line": palette.DARK_AXIS_LINE}
    return f'<script type="application/json" id="alliances-dark-ink">{script_json(ink)}</script>'


def _add_assets(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    scripts = {}
    if any(marker in body for marker in (*PLOT_MARKERS, CLASS_MARKER)):
        scripts.update(PLOT_SCRIPTS)
        context["metatags"] = context.get("metatags", "") + NO_SCRIPT_STYLE + dark_ink_json()
    if ANIMATION_MARKER in body:
        scripts.update(ANIMATION_SCRIPT)
    if QUIZ_MARKER in body:
        scripts.update(QUIZ_SCRIPT)
    if CLASS_MARKER in body:
        scripts.update(CLASS_SCRIPT)
    for name, (_source, priority, loading) in scripts.items():
        if loading:
            app.add_js_file(name, priority=priority, loading_method=loading)
        else:
            app.add_js_file(name, priority=priority)


def _copy_assets(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    copied = {**PLOT_SCRIPTS, **QUIZ_SCRIPT, **ANIMATION_SCRIPT, **CLASS_SCRIPT}
    for name, (source, _priority, _loading) in copied.items():
        shutil.copyfile(source, static / name)
    write_icon_css(Path(app.outdir), FONTAWESOME_JS)
    for leftover in ("fontawesome.js", "fontawesome.js.map"):  # no page loads them any more
        (static / "scripts" / leftover).unlink(missing_ok=True)


def _copy_style(app) -> None:
    if app.builder.format == "html":
        target = Path(app.outdir) / "_static"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(STYLE[1], target / STYLE[0])
        shutil.copyfile(PRINT_STYLE[1], target / PRINT_STYLE[0])
        _strip_icon_script_from_pages(app)


def _strip_icon_script_from_pages(app) -> None:
    """Wrap the builder's page renderer so each page drops the theme's Font Awesome script."""
    templates = app.builder.templates
    render = templates.render

    def render_without_icon_script(template: str, context: dict) -> str:
        return strip_icon_script(render(template, context))

    templates.render = render_without_icon_script


def setup(app):
    check_plotly_bundle()
    if not FONTAWESOME_JS.is_file():
        raise RuntimeError(
            f"the theme's Font Awesome script is not at {FONTAWESOME_JS}: has pydata-sphinx-theme changed?"
        )
    app.add_css_file(STYLE[0])
    app.add_css_file(ICON_STYLE)
    app.add_css_file(PRINT_STYLE[0], media="print")
    app.connect("builder-inited", _copy_style)
    app.connect("html-page-context", _drop_widget_state, priority=400)
    app.connect("html-page-context", _add_assets)
    app.connect("html-page-context", _fix_aria)
    app.connect("builder-inited", _drop_thebe, priority=900)
    app.connect("build-finished", _write_redirect, priority=400)
    app.connect("build-finished", _copy_assets)
    return {"version": "0.2", "parallel_read_safe": True, "parallel_write_safe": True}
