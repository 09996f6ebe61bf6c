"""Figures that fit the screen: every chapter at a phone's width (375 x 800) and a laptop's (1280 x 900).

Each chapter is loaded in headless Chromium at both widths. Once every figure is drawn and
static/fit.js has laid it out for its width (each plot carries ``data-fit``), the test measures
inside every figure:

- overlapping text: pairs of visible SVG text boxes (tick labels, bar labels, titles, legend
  entries, annotations) that overlap by more than 1 px both ways;
- clipped text: a text box reaching outside its figure's SVG (the SVG clips it);
- small text: visible text under 11 px;
- small plots: a plotting area (one subplot's axes) under 120 x 80 px;

and on the page: sideways scroll (the document wider than the window). All must be zero.
``RESPONSIVE_REPORT=1`` prints the counts per chapter (what the issue's before/after counts come from).

Run: ``ALLIANCES_SITE=$PWD/_build/html python -m pytest tests/site/test_responsive.py -q -p no:cacheprovider``.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from .browser_support import PageRecorder, toc_pages
from .test_site import FIGURE_TIMEOUT_MS, containers_in_html, load

pytestmark = pytest.mark.browser

CHAPTERS = [p for p in toc_pages() if p.startswith("chapters/")]
VIEWPORTS = {"phone": {"width": 375, "height": 800}, "laptop": {"width": 1280, "height": 900}}
MIN_FONT_PX = 11
MIN_PLOT = (120, 80)

# Every visible text box in every drawn figure, and every subplot's size (plotly's own axis lengths).
MEASURE = """([minFont, minW, minH]) => {
  const out = {overlaps: [], clipped: [], small_text: [], small_plots: [], figures: 0,
               scroll: document.documentElement.scrollWidth - window.innerWidth};
  const visible = el => {
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden' || parseFloat(style.opacity) === 0) { return false; }
    const fill = style.fill || '';
    if (/rgba\\([^)]*,\\s*0\\)$/.test(fill) || fill === 'transparent' || fill === 'none') { return false; }
    if (parseFloat(style.fillOpacity) === 0) { return false; }  // plotly writes a colour's alpha here
    for (let node = el; node && node.tagName !== 'svg'; node = node.parentNode) {
      const hidden = node.getAttribute && node.getAttribute('display') === 'none';
      if (hidden || (node.style && node.style.opacity === '0')) { return false; }
    }
    return (el.textContent || '').trim().length > 0;
  };
  document.querySelectorAll('.js-plotly-plot').forEach((gd, figure) => {
    if (!gd.querySelector('svg.main-svg')) { return; }
    out.figures += 1;
    const name = (gd.closest('[id]') || gd).id || ('figure ' + figure);
    const box = gd.querySelector('svg.main-svg').getBoundingClientRect();
    const texts = [];
    gd.querySelectorAll('svg.main-svg text').forEach(el => {
      if (el.closest('.hoverlayer') || !visible(el)) { return; }
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) { return; }
      const label = el.textContent.trim().slice(0, 40);
      texts.push({label, r});
      const sizes = [el, ...el.querySelectorAll('tspan')].map(n => parseFloat(getComputedStyle(n).fontSize));
      if (Math.min(...sizes) < minFont) { out.small_text.push(`${name}: "${label}" ${Math.min(...sizes)}px`); }
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
        out.clipped.push(`${name}: "${label}"`);
      }
    });
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i].r, b = texts[j].r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) { out.overlaps.push(`${name}: "${texts[i].label}" / "${texts[j].label}"`); }
      }
    }
    const plots = (gd._fullLayout && gd._fullLayout._plots) || {};
    Object.keys(plots).forEach(key => {
      const p = plots[key];
      const w = p.xaxis._length, h = p.yaxis._length;
      if (w < minW || h < minH) { out.small_plots.push(`${name} ${key}: ${Math.round(w)} x ${Math.round(h)}`); }
    });
  });
  return out;
}"""


@pytest.fixture(scope="module")
def measured(site, server, browser) -> Any:
    cache: dict[tuple[str, str], dict[str, Any]] = {}

    def measure(chapter: str, viewport: str) -> dict[str, Any]:
        key = (chapter, viewport)
        if key not in cache:
            counts = containers_in_html(site.html_dir / f"{chapter}.html")
            context = browser.new_context(viewport=VIEWPORTS[viewport])
            page = context.new_page()
            recorder = PageRecorder()
            recorder.attach(page)
            notes: list[str] = []
            load(page, recorder, server.url(f"{chapter}.html"), counts["plots"], counts["explorers"], notes)
            # fit.js marks each plot once it is drawn in the layout for its width
            page.wait_for_function(
                "() => Array.from(document.querySelectorAll('.js-plotly-plot')).every(el => el.dataset.fit)",
                timeout=FIGURE_TIMEOUT_MS,
            )
            result = page.evaluate(MEASURE, [MIN_FONT_PX, *MIN_PLOT])
            result["notes"] = notes
            context.close()
            if os.environ.get("RESPONSIVE_REPORT"):
                print(f"\n{viewport:6} {chapter}: {result['figures']} figures, {len(result['overlaps'])} overlaps, "
                      f"{len(result['clipped'])} clipped, {len(result['small_text'])} small text, "
                      f"{len(result['small_plots'])} small plots, scroll {result['scroll']} px")
                for kind in ("overlaps", "clipped", "small_text", "small_plots"):
                    for line in result[kind][:30]:
                        print(f"    {kind}: {line}")
            cache[key] = result
        return cache[key]

    return measure


def _report(result: dict[str, Any], kind: str) -> str:
    items = result[kind]
    return f"{len(items)} {kind.replace('_', ' ')}:\n  " + "\n  ".join(items[:15])


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_figures_fit(chapter: str, viewport: str, measured) -> None:
    result = measured(chapter, viewport)
    assert result["figures"] > 0, f"{chapter}: no figure drawn ({result['notes']})"
    problems = [_report(result, kind) for kind in ("overlaps", "clipped", "small_text", "small_plots") if result[kind]]
    assert not problems, f"{chapter} at {viewport} width:\n" + "\n".join(problems)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_sideways_scroll(chapter: str, viewport: str, measured) -> None:
    result = measured(chapter, viewport)
    assert result["scroll"] <= 0, f"{chapter} at {viewport} width scrolls sideways by {result['scroll']} px"
