"""Local Sphinx extension: make the book's figures work offline, with nothing vendored.

- Copies plotly.js (the *cartesian* bundle of the exact plotly.js version that the installed
  ``plotly`` package targets, fetched from the npm registry by ``tools/js_assets.py`` during
  ``make setup``), and the book's own scripts and styles from the ``widgets`` package, into
  ``_static`` at build time.
- Adds the scripts only to pages that have a Plotly figure, an explorer or a quiz, plotly.js
  first.
- Drops sphinx-thebe's scripts: the book has no thebe cells (readers launch Binder instead),
  and sphinx-thebe adds its config script twice, a console error on every page.
- Drops the saved ipywidgets state that myst-nb would embed in every page with a widget:
  the book shows each explorer's static twin, so that state is dead weight.
- Mends two ARIA attributes that other packages write into the page body (found by axe-core,
  tests/test_accessibility.py): myst-nb names every hidden-code toggle "Toggle hidden
  content" while it reads "Show code cell source" (WCAG 2.5.3: the name must contain the
  visible label), and docutils marks each bibliography entry with the deprecated role
  doc-biblioentry inside a role="list", which must hold role="listitem" children.
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

from widgets._paths import package_file
from widgets.figures import palette

REPO = Path(__file__).resolve().parent.parent
MANIFEST = REPO / "tools" / "js-assets.json"
PLOTLY_JS = REPO / ".cache" / "js" / "plotly-cartesian.min.js"
WIDGET_STATIC = Path(str(package_file("display", "static")))
PLOT_SCRIPTS = {
    "plotly-cartesian.min.js": (PLOTLY_JS, 200, None),
    "alliances-theme.js": (WIDGET_STATIC / "theme.js", 700, "defer"),
    "alliances-explorer.js": (WIDGET_STATIC / "explorer.js", 800, "defer"),
}
QUIZ_SCRIPT = {"alliances-quiz.js": (WIDGET_STATIC / "quiz.js", 800, "defer")}
STYLE = ("alliances.css", WIDGET_STATIC / "alliances.css")
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


def _drop_thebe(app, pagename, templatename, context, doctree) -> None:
    def is_thebe(script) -> bool:
        body = getattr(script, "attributes", {}).get("body", "") or ""
        return "THEBE_JS_URL" in body or str(script).endswith("sphinx-thebe.js")

    if "script_files" in context:
        context["script_files"][:] = [s for s in context["script_files"] if not is_thebe(s)]


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
        context["body"] = body


def _add_assets(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body", "")
    scripts = {}
    if any(marker in body for marker in PLOT_MARKERS):
        scripts.update(PLOT_SCRIPTS)
    if QUIZ_MARKER in body:
        scripts.update(QUIZ_SCRIPT)
    for name, (_source, priority, loading) in scripts.items():
        if loading:
            app.add_js_file(name, priority=priority, loading_method=loading)
        else:
            app.add_js_file(name, priority=priority)


def theme_script() -> str:
    """static/theme.js with the dark inks of ``widgets.figures.palette`` written in (one source of colours)."""
    source = (WIDGET_STATIC / "theme.js").read_text(encoding="utf-8")
    ink = json.dumps({k.upper(): v for k, v in palette.DARK_INK.items()}, sort_keys=True)
    out, n_ink = re.subn(r"var INK = \{\}; // @dark-ink.*", f"var INK = {ink};", source)
    out, n_axis = re.subn(
        r'var AXIS_LINE = "[^"]*"; // @dark-axis-line', f'var AXIS_LINE = "{palette.DARK_AXIS_LINE}";', out
    )
    if n_ink != 1 or n_axis != 1:
        raise RuntimeError("static/theme.js lost its @dark-ink or @dark-axis-line marker")
    return out


def _copy_assets(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    for name, (source, _priority, _loading) in {**PLOT_SCRIPTS, **QUIZ_SCRIPT}.items():
        shutil.copyfile(source, static / name)
    (static / "alliances-theme.js").write_text(theme_script(), encoding="utf-8")
    write_icon_css(Path(app.outdir), FONTAWESOME_JS)
    for leftover in ("fontawesome.js", "fontawesome.js.map"):  # no page loads them any more
        (static / "scripts" / leftover).unlink(missing_ok=True)


def _copy_style(app) -> None:
    if app.builder.format == "html":
        target = Path(app.outdir) / "_static"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(STYLE[1], target / STYLE[0])
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
    app.connect("builder-inited", _copy_style)
    app.connect("html-page-context", _drop_widget_state, priority=400)
    app.connect("html-page-context", _add_assets)
    app.connect("html-page-context", _fix_aria)
    app.connect("html-page-context", _drop_thebe, priority=900)
    app.connect("build-finished", _copy_assets)
    return {"version": "0.2", "parallel_read_safe": True, "parallel_write_safe": True}
