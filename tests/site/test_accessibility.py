"""Accessibility of the built book: axe-core on every page, in the light and the dark theme.

Every page of ``_toc.yml`` and every explorer's embed page is loaded in headless Chromium (the figures drawn and the
explorers started, as in test_site.py), axe-core (pinned in tools/js-assets.json, fetched into
.cache/js/ by ``make setup``; injected by the test, never shipped in the site) is run with the
WCAG 2.0/2.1 A and AA rules, and no violation of impact "serious" or "critical" may remain.
Moderate and minor ones are printed (rule id, impact, count) so they are visible in the log.

The theme: pydata-sphinx-theme 0.17 (see _static/scripts/pydata-sphinx-theme.js and the
inline script in every page's <head>) takes the mode from localStorage "mode", else the
book's ``default_mode: auto``, and in auto mode sets <html data-theme> from
``matchMedia("(prefers-color-scheme: dark)")``. The test emulates that media feature, i.e.
a reader whose system is set to dark, and asserts that <html data-theme> really is "dark"
(and that theme.js redrew the figures dark) before running axe.

The explorers' buttons (save, load, copy link, reset) must be reachable with Tab right after
the explorer's controls, in order, and show a visible focus indicator with at least 3:1
contrast against the page (WCAG 2.4.7, 1.4.11); the plot (role="img") has no tab stop.

Each page is loaded once for both themes and both tests: a first visit in the light theme, then
the reader's system colour scheme turns dark while the page is open (pydata-sphinx-theme follows
it live in auto mode; theme.js redraws the figures); the test waits for <html data-theme> and the
figures to be dark before axe runs again. A first visit in the dark theme is tested in
test_site_features.py (a reader who prefers dark gets dark figures).

Run: ``python -m pytest tests/test_accessibility.py -m browser`` (``ALLIANCES_SITE=<built html
dir>`` reuses a built site).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .browser_support import REPO, toc_pages
from .test_embed import EMBED_PAGES  # every explorer's own page (embed/<id>.html)
from .test_site import PAGES, containers_in_html, load, record_first_visit  # the same wait for figures and explorers

pytestmark = pytest.mark.browser

THEMES = ["light", "dark"]
# Every book page in both themes. The embed pages are one template filled with each explorer, so
# each is audited in one theme, alternating, which covers both themes and every explorer.
PAGE_THEMES = [(name, theme) for name in toc_pages() for theme in THEMES] + [
    (name, THEMES[i % 2]) for i, name in enumerate(EMBED_PAGES)
]
AXE = REPO / ".cache" / "js" / "axe.min.js"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
BLOCKING = {"serious", "critical"}
# (rule id, selector) pairs excluded from the assertion, each with the reason it is not a
# barrier. Only for a violation inside the third-party theme that neither configuration nor the
# book's CSS can fix. Empty: nothing is excluded.
EXCLUDED: dict[tuple[str, str], str] = {}
# The explorer buttons in their tab order (static/explorer-controls.js unhides .ae-tools once it runs).
TOOL_ACTIONS = ["save-json", "save-csv", "load", "link", "reset"]
MIN_FOCUS_CONTRAST = 3.0

RUN_AXE = """async (options) => {
  const result = await axe.run(document, options);
  const slim = v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                      targets: v.nodes.map(n => JSON.stringify(n.target.length === 1 ? n.target[0] : n.target)),
                      summaries: v.nodes.slice(0, 3).map(n => n.failureSummary || '')});
  return {violations: result.violations.map(slim), incomplete: result.incomplete.map(v => v.id),
          passes: result.passes.length};
}"""


@pytest.fixture(scope="module")
def axe_path() -> Path:
    if not AXE.is_file():
        pytest.skip(
            f"{AXE.relative_to(REPO)} is missing: run 'make setup' (python tools/js_assets.py fetches axe-core)"
        )
    return AXE


def _excluded(rule: str, target: str) -> bool:
    return (rule, json.loads(target) if target.startswith('"') else target) in EXCLUDED


def _describe(violation: dict[str, Any], targets: list[str]) -> str:
    shown = ", ".join(json.loads(t) if t.startswith('"') else t for t in targets[:3])
    more = f" (+{len(targets) - 3} more)" if len(targets) > 3 else ""
    return f"  {violation['id']} [{violation['impact']}] {violation['help']} ({len(targets)} nodes): {shown}{more}"


FOCUS_FACTS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  let bg = null;
  for (let node = el.parentElement; node; node = node.parentElement) {
    const c = getComputedStyle(node).backgroundColor;
    if (c && c !== 'transparent' && !/rgba\\(.*,\\s*0\\)$/.test(c)) { bg = c; break; }
  }
  return {action: el.getAttribute('data-action'), explorer: el.closest('.alliances-explorer')?.id || null,
          inPlot: !!el.closest('.ae-plot'),
          tag: el.tagName, visible: el.matches(':focus-visible'), outlineStyle: style.outlineStyle,
          outlineWidth: parseFloat(style.outlineWidth) || 0, outlineColor: style.outlineColor,
          boxShadow: style.boxShadow, background: bg || getComputedStyle(document.body).backgroundColor};
}"""


def _rgb(css: str) -> tuple[float, float, float]:
    inside = css[css.index("(") + 1 : css.index(")")].replace("/", " ").replace(",", " ").split()
    return tuple(float(v) for v in inside[:3])  # type: ignore[return-value]


def contrast(a: str, b: str) -> float:
    def luminance(rgb: tuple[float, float, float]) -> float:
        def channel(c: float) -> float:
            c /= 255
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        r, g, bl = (channel(c) for c in rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * bl

    la, lb = sorted((luminance(_rgb(a)), luminance(_rgb(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass
class Audit:
    """What one load of one page in one theme showed (axe's findings and the keyboard walk)."""

    notes: list[str] = field(default_factory=list)
    explorers: int = 0
    axe: dict[str, Any] | None = None
    axe_error: str | None = None
    keyboard: list[str] = field(default_factory=list)
    keyboard_error: str | None = None
    seconds: float = 0.0


# One load per (page, theme) serves both tests below (the site is fixed for the session).
_AUDITS: dict[tuple[str, str], Audit] = {}


def _open(new_page, server, site, name: str, theme: str, audit: Audit) -> Any:
    """The page ``name`` loaded as a first visit with the system colour scheme ``theme``."""
    path = site.html_dir / f"{name}.html"
    assert path.is_file(), f"{name} is in _toc.yml but {path} was not built"
    counts = containers_in_html(path)
    audit.explorers = counts["explorers"]
    page, recorder = new_page()
    page.emulate_media(color_scheme=theme)
    load(page, recorder, server.url(f"{name}.html"), counts["plots"], counts["explorers"], audit.notes)
    if theme == "light" and name in PAGES:  # test_site.py's per-page checks read this first visit
        record_first_visit(name, server.url(f"{name}.html"), counts, page, recorder, audit.notes)
    found = page.evaluate("document.documentElement.getAttribute('data-theme')")
    assert found == theme, f"{name}: <html data-theme> is {found!r}, expected {theme!r} (prefers-color-scheme: {theme})"
    if counts["plots"] or counts["explorers"]:
        # static/theme.js marks <html> once every figure is drawn in the current theme
        page.wait_for_function(
            "t => document.documentElement.getAttribute('data-alliances-figures') === t", arg=theme, timeout=10_000
        )
        page.wait_for_timeout(200)  # the explorers' own redraw on the theme-change event
    return page


# The themes each page is audited in, in order: the first is the page's first visit.
THEMES_OF: dict[str, list[str]] = {}
for _name, _theme in PAGE_THEMES:
    THEMES_OF.setdefault(_name, []).append(_theme)


def _switch(page: Any, name: str, theme: str, figures: bool) -> None:
    """The reader's system colour scheme changes to ``theme`` while the page is open."""
    page.emulate_media(color_scheme=theme)
    try:
        page.wait_for_function("t => document.documentElement.getAttribute('data-theme') === t", arg=theme,
                               timeout=10_000)
    except Exception:  # noqa: BLE001 - said plainly below
        found = page.evaluate("document.documentElement.getAttribute('data-theme')")
        raise AssertionError(f"{name}: <html data-theme> stayed {found!r} when the system turned {theme}") from None
    # the theme fades some colours (CSS transitions of .15-.25 s): axe must see the colours they end on
    page.wait_for_function(
        "() => document.getAnimations().every(a => !(a instanceof CSSTransition) || a.playState === 'finished')",
        timeout=10_000,
    )
    if figures:
        page.wait_for_function(
            "t => document.documentElement.getAttribute('data-alliances-figures') === t", arg=theme, timeout=10_000
        )
        page.wait_for_timeout(200)  # the explorers' own redraw on the theme-change event


def _audit(name: str, theme: str, site, server, new_page, axe_path: Path | None) -> Audit:
    """The audit of page ``name`` in ``theme``. One load serves every theme the page is audited in
    and both tests: a first visit in the first theme, then the reader's system colour scheme
    switches (pydata-sphinx-theme follows it live in its auto mode and theme.js redraws the
    figures); axe runs in each theme, then the keyboard walk in each, last theme first."""
    key = (name, theme)
    if key in _AUDITS:
        return _AUDITS[key]
    themes = THEMES_OF.get(name, [theme])
    started = time.perf_counter()
    first = Audit()
    page = _open(new_page, server, site, name, themes[0], first)
    figures = bool(first.explorers or containers_in_html(site.html_dir / f"{name}.html")["plots"])
    audits = {t: first if i == 0 else Audit(notes=list(first.notes), explorers=first.explorers)
              for i, t in enumerate(themes)}  # fmt: skip
    for i, current in enumerate(themes):
        if i:
            _switch(page, name, current, figures)
        audit = audits[current]
        try:
            if axe_path is None:
                raise FileNotFoundError(f"{AXE} is missing")
            if i == 0:
                page.add_script_tag(path=str(axe_path))
            audit.axe = page.evaluate(RUN_AXE, AXE_OPTIONS)
        except Exception as exc:  # reported by the axe test only
            audit.axe_error = f"{type(exc).__name__}: {exc}"
    for i, current in enumerate(reversed(themes)):
        if i:  # the menus closed and the page in the next theme, as on arrival
            page.evaluate("() => document.querySelectorAll('.ae-share[open]').forEach(d => { d.open = false; })")
            _switch(page, name, current, figures)
        audit = audits[current]
        try:
            audit.keyboard = _walk_explorer_buttons(page, current)
        except Exception as exc:  # reported by the keyboard test only
            audit.keyboard_error = f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - started
    for current, audit in audits.items():
        audit.seconds = seconds / len(audits)
        _AUDITS[(name, current)] = audit
    return audits[theme]


def _walk_explorer_buttons(page: Any, theme: str) -> list[str]:
    """Tab from each explorer's last control through its buttons; what went wrong, if anything."""
    problems = []
    for explorer_id in page.eval_on_selector_all(".alliances-explorer", "els => els.map(e => e.id)"):
        tools = page.eval_on_selector(
            f"#{explorer_id}",
            "r => { const t = r.querySelector('.ae-share'); return t ? {hidden: t.hidden, actions: "
            "Array.from(t.querySelectorAll('.ae-tools button')).map(b => b.getAttribute('data-action'))} : null; }",
        )
        if tools is None or tools["hidden"]:
            problems.append(f"#{explorer_id}: no visible 'Save or share' menu ({tools})")
            continue
        if tools["actions"] != TOOL_ACTIONS:
            problems.append(f"#{explorer_id}: buttons {tools['actions']}, expected {TOOL_ACTIONS}")
            continue
        # from the explorer's last control that can act (a disabled one cannot take focus), Tab
        # (keyboard only) to the "Save or share" menu and open it
        page.focus(f"#{explorer_id} .ae-controls input:enabled >> nth=-1")
        for _ in range(4):  # past the codebook link and the chapter's steps, when they are there
            page.keyboard.press("Tab")
            if page.evaluate("id => !!document.activeElement.closest('#' + id + ' .ae-share > summary')", explorer_id):
                break
        if not page.evaluate("id => !!document.activeElement.closest('#' + id + ' .ae-share > summary')", explorer_id):
            problems.append(f"#{explorer_id} ({theme}): Tab did not reach 'Save or share'")
            continue
        page.keyboard.press("Enter")
        page.wait_for_function("id => document.querySelector('#' + id + ' .ae-share').open", arg=explorer_id,
                               timeout=2000)
        for action in TOOL_ACTIONS:
            page.keyboard.press("Tab")
            try:  # wait for focus to land on the button (a condition, not a read right after the key)
                page.wait_for_function("([id, a]) => { const el = document.activeElement; return !!el && "
                                       "el.getAttribute('data-action') === a && !!el.closest('#' + id); }",
                                       arg=[explorer_id, action], timeout=2000)
            except Exception:
                pass  # reported below with where the focus went instead
            focus = page.evaluate(FOCUS_FACTS)
            where = f"#{explorer_id} ({theme}) button {action}"
            if focus["explorer"] != explorer_id or focus["action"] != action:
                problems.append(
                    f"{where}: Tab went to {focus['tag']} data-action={focus['action']} in #{focus['explorer']}"
                )
                break
            ring = focus["outlineStyle"] != "none" and focus["outlineWidth"] >= 2
            if not focus["visible"] or not (ring or focus["boxShadow"] != "none"):
                problems.append(f"{where}: no visible focus indicator ({focus})")
            elif ring and contrast(focus["outlineColor"], focus["background"]) < MIN_FOCUS_CONTRAST:
                ratio = contrast(focus["outlineColor"], focus["background"])
                problems.append(
                    f"{where}: focus outline {focus['outlineColor']} on {focus['background']} is {ratio:.2f}:1"
                )
        else:
            # after Reset, Tab leaves the buttons; it must not stop inside the plot (role="img")
            page.keyboard.press("Tab")
            if page.evaluate(FOCUS_FACTS)["inPlot"]:
                problems.append(f"#{explorer_id} ({theme}): after Reset, Tab stops inside the plot (an image)")
    return problems


@pytest.mark.parametrize(("name", "theme"), PAGE_THEMES)
def test_axe_finds_no_serious_violations(name: str, theme: str, site, server, new_page, axe_path: Path) -> None:
    audit = _audit(name, theme, site, server, new_page, axe_path)
    assert audit.axe is not None, f"{name} ({theme}): axe-core did not run: {audit.axe_error}"
    blocking, minor = [], Counter()
    for violation in audit.axe["violations"]:
        targets = [t for t in violation["targets"] if not _excluded(violation["id"], t)]
        if not targets:
            continue
        if violation["impact"] in BLOCKING:
            blocking.append(_describe(violation, targets))
        else:
            minor[(violation["id"], violation["impact"])] += len(targets)
    summary = ", ".join(f"{rule} [{impact}] x{n}" for (rule, impact), n in sorted(minor.items())) or "none"
    review = ", ".join(audit.axe["incomplete"]) or "none"
    print(
        f"\n{name} ({theme}, {audit.seconds:.1f} s): {audit.axe['passes']} rules pass; "
        f"moderate/minor violations: {summary}; for a human to review: {review}"
    )
    assert not blocking, (
        f"{name} ({theme} theme): axe-core found {len(blocking)} serious/critical WCAG A/AA violations:\n"
        + "\n".join(blocking)
        + (f"\nnotes: {audit.notes}" if audit.notes else "")
    )


@pytest.mark.parametrize(("name", "theme"), PAGE_THEMES)
def test_explorer_buttons_reachable_by_tab_with_visible_focus(name: str, theme: str, site, server, new_page) -> None:
    if not containers_in_html(site.html_dir / f"{name}.html")["explorers"]:
        pytest.skip(f"{name} has no static explorer")
    audit = _audit(name, theme, site, server, new_page, AXE if AXE.is_file() else None)  # axe only if there
    assert audit.keyboard_error is None, f"{name} ({theme}): the keyboard walk failed: {audit.keyboard_error}"
    assert not audit.keyboard, (
        f"{name}: explorer buttons not usable by keyboard:\n"
        + "\n".join(audit.keyboard)
        + (f"\nnotes: {audit.notes}" if audit.notes else "")
    )
