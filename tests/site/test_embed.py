"""Every explorer on a page of its own (embed/<explorer id>.html) and the iframe code to show it.

The explorers are the ``explorer_id=`` of the chapters' notebooks, so an explorer added to a
chapter without an embed page fails here. Each embed page must hold that explorer alone, link
back to its place in its chapter, load none of the theme's bundles, and pass the chapters'
browser checks (figure drawn, no console error, no request leaving the host, no failed
response); axe-core runs on it in tests/site/test_accessibility.py. The link fragment works as
in the chapter, and the "Embed this explorer" code copied from a chapter shows the same
settings in an iframe.

Run: ``ALLIANCES_SITE=$PWD/_build/html python -m pytest tests/site/test_embed.py``.
"""

from __future__ import annotations

import html.parser
import re
from typing import Any

import pytest

from .browser_support import REPO
from .test_site import containers_in_html, load

pytestmark = pytest.mark.browser

EXPLORER_ID = re.compile(r'explorer_id=\\"([A-Za-z][A-Za-z0-9_-]*)\\"')


def explorers_in_chapters() -> dict[str, str]:
    """{explorer id: chapter page name} from the chapters' notebooks."""
    found: dict[str, str] = {}
    for notebook in sorted((REPO / "chapters").glob("*.ipynb")):
        for explorer_id in EXPLORER_ID.findall(notebook.read_text(encoding="utf-8")):
            found[explorer_id] = f"chapters/{notebook.stem}"
    return found


EXPLORERS = explorers_in_chapters()
EMBED_PAGES = [f"embed/{explorer_id}" for explorer_id in EXPLORERS]
# The files an embed page may load: the explorer's own (no theme CSS or JS, no fonts).
ALLOWED_ASSETS = {
    "_static/plotly-cartesian.min.js", "_static/alliances-theme.js", "_static/alliances-explorer-core.js",
    "_static/alliances-explorer-files.js", "_static/alliances-explorer-links.js",
    "_static/alliances-explorer-controls.js", "_static/alliances-explorer-embed.js", "_static/alliances.css",
    "_static/alliances-fit.js",  # lays each figure out for its width (static/fit.js)
    "_static/alliances-embed.css", "_static/favicon.svg",
}


class _Assets(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []
        self.explorers: list[str] = []
        self.back: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.assets.append(a["src"])
        if tag == "link" and a.get("href"):
            self.assets.append(a["href"])
        if tag == "div" and "alliances-explorer" in (a.get("class") or "").split():
            self.explorers.append(a.get("id") or "")
        if tag == "a" and "embed-chapter" in (a.get("class") or "").split():
            self.back.append(a.get("href") or "")


def test_the_chapters_have_explorers():
    assert len(EXPLORERS) >= 20, EXPLORERS


def test_every_explorer_has_its_own_small_page(site):
    folder = site.html_dir / "embed"
    built = sorted(p.stem for p in folder.glob("*.html")) if folder.is_dir() else []
    assert built == sorted(EXPLORERS), f"embed pages {built}, explorers in the chapters {sorted(EXPLORERS)}"
    for explorer_id, chapter in EXPLORERS.items():
        parser = _Assets()
        parser.feed((folder / f"{explorer_id}.html").read_text(encoding="utf-8"))
        assert parser.explorers == [explorer_id], f"{explorer_id}: explorers in the page {parser.explorers}"
        assert parser.back == [f"../{chapter}.html#{explorer_id}"], f"{explorer_id}: link back {parser.back}"
        loaded = {src.removeprefix("../") for src in parser.assets}
        assert loaded <= ALLOWED_ASSETS, f"{explorer_id} loads more than the explorer needs: {loaded - ALLOWED_ASSETS}"
        assert (site.html_dir / chapter).with_suffix(".html").is_file()


@pytest.mark.parametrize("name", EMBED_PAGES)
def test_embed_page_passes_the_chapters_browser_checks(name: str, site, server, new_page) -> None:
    path = site.html_dir / f"{name}.html"
    counts = containers_in_html(path)
    assert counts == {"plots": 1, "explorers": 1}, counts
    page, recorder = new_page()
    notes: list[str] = []
    load(page, recorder, server.url(f"{name}.html"), counts["plots"], counts["explorers"], notes)
    assert page.evaluate("document.querySelectorAll('.alliances-explorer[data-combination] svg.main-svg').length"), (
        f"{name}: the explorer did not draw. {notes}"
    )
    problems = [f"console.error: {e}" for e in recorder.console_errors()]
    problems += [f"uncaught: {e.strip()}" for e in recorder.page_errors]
    assert not problems, f"{name}:\n" + "\n".join(problems)
    assert not recorder.nonlocal_requests(), f"{name} asked other servers for: {recorder.nonlocal_requests()}"
    assert not recorder.bad_responses() and not recorder.failed, (recorder.bad_responses(), recorder.failed)
    sizes = page.evaluate("performance.getEntriesByType('resource').map(r => [r.name, r.encodedBodySize])")
    total = sum(size for _url, size in sizes) + path.stat().st_size
    print(f"\n{name}: {len(sizes) + 1} requests, {total / 1024:.0f} KiB (page {path.stat().st_size / 1024:.0f} KiB)")


def _first_slider(page: Any, explorer_id: str) -> tuple[str, list[str], int]:
    data = page.evaluate(
        "id => JSON.parse(document.querySelector('#' + id + ' script.ae-data').textContent)", explorer_id
    )
    position = next(i for i, c in enumerate(data["controls"]) if not c["toggle"])
    control = data["controls"][position]
    return control["name"], control["labels"], position


def _wait_combination(page_or_frame: Any, explorer_id: str, position: int, index: int) -> str:
    page_or_frame.wait_for_function(
        "([id, p, i]) => { const c = document.getElementById(id)?.getAttribute('data-combination');"
        " return !!c && c.split(',')[p] === String(i); }",
        arg=[explorer_id, position, index], timeout=10_000,
    )
    return page_or_frame.evaluate("id => document.getElementById(id).getAttribute('data-combination')", explorer_id)


def test_embed_page_reads_and_keeps_the_chapters_link_fragment(site, server, new_page) -> None:
    explorer_id = next(iter(EXPLORERS))
    page, recorder = new_page()
    load(page, recorder, server.url(f"embed/{explorer_id}.html"), 1, 1, [])
    name, labels, position = _first_slider(page, explorer_id)
    start = int(page.evaluate("id => document.getElementById(id).getAttribute('data-combination')",
                              explorer_id).split(",")[position])
    target = len(labels) - 1 if start != len(labels) - 1 else 0
    fragment = f"#{explorer_id}.{name}={labels[target]}"
    page.goto(server.url(f"embed/{explorer_id}.html") + fragment, wait_until="load")
    _wait_combination(page, explorer_id, position, target)
    # moving the slider writes the chapter's fragment scheme into the embed page's address
    page.focus(f'#{explorer_id} [name="{name}"]')
    page.keyboard.press("Home" if target else "End")
    moved = len(labels) - 1 if target == 0 else 0
    _wait_combination(page, explorer_id, position, moved)
    page.wait_for_function("t => decodeURIComponent(location.hash).includes(t)",
                           arg=f"{explorer_id}.{name}={labels[moved]}", timeout=5_000)
    assert not recorder.console_errors() and not recorder.page_errors


def test_embed_code_from_a_chapter_shows_the_same_settings(site, server, new_page) -> None:
    explorer_id, chapter = next(iter(EXPLORERS.items()))
    page, recorder = new_page()
    counts = containers_in_html(site.html_dir / f"{chapter}.html")
    load(page, recorder, server.url(f"{chapter}.html"), counts["plots"], counts["explorers"], [])
    name, labels, position = _first_slider(page, explorer_id)
    page.focus(f'#{explorer_id} [name="{name}"]')
    page.keyboard.press("End")
    combination = _wait_combination(page, explorer_id, position, len(labels) - 1)
    page.click(f"#{explorer_id} .ae-share > summary")  # the embed code sits in the "Save or share" menu
    page.click(f"#{explorer_id} .ae-embed summary")
    code = page.locator(f"#{explorer_id} .ae-embed-code")
    page.wait_for_function("el => el.value.startsWith('<iframe')", arg=code.element_handle(), timeout=5_000)
    snippet = code.input_value()
    src = re.search(r'src="([^"]+)"', snippet).group(1).replace("&amp;", "&")
    assert src.startswith(server.url(f"embed/{explorer_id}.html#")), snippet
    assert re.search(r'title="[^"]+"', snippet) and 'height="' in snippet, snippet
    # the snippet pasted into another page shows the explorer at the chapter's settings (a page
    # of the same server: Chromium refuses a 127.0.0.1 iframe inside about:blank)
    page.set_content(f"<!DOCTYPE html><html lang='en'><body>{snippet}</body></html>")
    frame = page.frame_locator("iframe").first
    frame.locator(f"#{explorer_id}[data-combination]").wait_for(timeout=20_000)
    inner = page.frames[1]
    assert _wait_combination(inner, explorer_id, position, len(labels) - 1) == combination
    assert not recorder.console_errors() and not recorder.page_errors
    assert not recorder.nonlocal_requests()


def test_embed_pages_are_checked_by_axe() -> None:
    from .test_accessibility import PAGE_THEMES

    assert set(EMBED_PAGES) <= {name for name, _ in PAGE_THEMES}
