"""Local Sphinx extension: a small page of its own for every explorer, for slides and LMS pages.

While the chapters are written, each static explorer found in a page (the ``alliances-explorer``
block that widgets/display/static_explorer.py renders) is kept with its page's name and title.
When the build has finished, ``embed/<explorer id>.html`` is written for each: that explorer
alone, its title, a link back to its place in the chapter, and only the files it needs
(plotly.js, the explorer scripts, the book's small stylesheet and embed.css; none of the
theme's bundles). Its URL fragment works as in the chapter (``#ch1-sources.proximity=1.00``),
and static/explorer-embed.js offers the iframe code that shows it elsewhere.

Chapter pages and embed pages get ``<meta name="alliances-embed-base">``: the folder of the
embed pages relative to the page, which explorer-embed.js resolves into the iframe's address.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from alliances_sphinx import NO_SCRIPT_STYLE, PLOT_SCRIPTS, WIDGET_STATIC, dark_ink_json

EMBED_DIR = "embed"
EMBED_STYLE = ("alliances-embed.css", WIDGET_STATIC / "embed.css")
OPENING = re.compile(r'<div class="alliances-explorer" id="([A-Za-z][A-Za-z0-9_-]*)">')
DIV = re.compile(r"<(/?)div\b")
TAGS = re.compile(r"<[^>]+>")

# Before any stylesheet: the page follows the reader's light or dark setting, as the book's
# theme does in "auto" mode (static/theme.js redraws the figure when it changes).
THEME_SCRIPT = (
    "<script>(function(){var m=window.matchMedia&&window.matchMedia('(prefers-color-scheme: dark)');"
    "function set(){document.documentElement.setAttribute('data-theme',m&&m.matches?'dark':'light');}"
    "set();if(m&&m.addEventListener){m.addEventListener('change',set);}})();</script>"
)

PAGE = """<!DOCTYPE html>
<html lang="en" data-theme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | Alliances explorer</title>
<meta name="alliances-embed-base" content="./">
{theme_script}
<link rel="icon" href="../_static/{favicon}">
<link rel="stylesheet" href="../_static/alliances.css">
<link rel="stylesheet" href="../_static/{embed_css}">
{no_script_style}{dark_ink}
{scripts}
</head>
<body class="alliances-embed-page">
<main>
<h1 class="embed-title">{title}</h1>
{explorer}
<p class="embed-source">From <a class="embed-chapter" href="../{page}.html#{explorer_id}" target="_blank"
rel="noopener" data-chapter="../{page}.html">{chapter} (opens in a new tab)</a>, in the open book
<cite>Alliances: balancing, bandwagoning and the balance of threat</cite>. Text CC BY 4.0.</p>
</main>
</body>
</html>
"""


def explorer_blocks(body: str) -> list[tuple[str, str]]:
    """(id, HTML) of each explorer block in a page body, found by balancing its <div> tags
    (the data inside is JSON with '<' escaped, so no tag hides in it)."""
    blocks = []
    for match in OPENING.finditer(body):
        depth = 0
        for tag in DIV.finditer(body, match.start()):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                end = body.index(">", tag.end()) + 1
                blocks.append((match.group(1), body[match.start() : end]))
                break
        else:
            raise ValueError(f"explorer {match.group(1)}: its <div> is never closed")
    return blocks


def _collect(app, pagename, templatename, context, doctree) -> None:
    body = context.get("body") or ""
    if 'class="alliances-explorer"' not in body:
        return
    depth = pagename.count("/")
    context["metatags"] = context.get("metatags", "") + (
        f'<meta name="alliances-embed-base" content="{"../" * depth}{EMBED_DIR}/">'
    )
    chapter = html.unescape(TAGS.sub("", context.get("title") or pagename))
    found = app.__dict__.setdefault("alliances_embeds", {})  # kept for build-finished (not pickled)
    for explorer_id, block in explorer_blocks(body):
        if explorer_id in found and found[explorer_id][0] != pagename:
            raise ValueError(f"explorer id {explorer_id!r} is used on {found[explorer_id][0]} and {pagename}")
        found[explorer_id] = (pagename, chapter, block)


def _title(block: str) -> str:
    found = re.search(r'<p class="ae-title"><strong>(.*?)</strong></p>', block)
    return html.unescape(found.group(1)) if found else "Explorer"


def _write_pages(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    out = Path(app.outdir)
    (out / EMBED_DIR).mkdir(exist_ok=True)
    shutil.copyfile(EMBED_STYLE[1], out / "_static" / EMBED_STYLE[0])
    scripts = "\n".join(
        f'<script src="../_static/{name}"></script>' if loading is None else
        f'<script {loading} src="../_static/{name}"></script>'
        for name, (_source, _priority, loading) in sorted(PLOT_SCRIPTS.items(), key=lambda item: item[1][1])
    )
    favicon = Path(app.config.html_favicon or "favicon.svg").name
    for explorer_id, (pagename, chapter, block) in sorted(getattr(app, "alliances_embeds", {}).items()):
        text = PAGE.format(
            title=html.escape(_title(block)), theme_script=THEME_SCRIPT, favicon=favicon,
            embed_css=EMBED_STYLE[0], no_script_style=NO_SCRIPT_STYLE, dark_ink=dark_ink_json(),
            scripts=scripts, explorer=block, page=pagename, explorer_id=explorer_id,
            chapter=html.escape(chapter),
        )
        (out / EMBED_DIR / f"{explorer_id}.html").write_text(text, encoding="utf-8")


def setup(app):
    app.connect("html-page-context", _collect)
    app.connect("build-finished", _write_pages)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": False}
