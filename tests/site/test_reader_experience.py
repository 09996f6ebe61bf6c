"""What a reader meets in the explorers and around them (issue 14), in headless Chromium.

- every explorer control, moved one step from the starting scenario, changes what the reader
  sees (the figure or its text) or is visibly disabled, saying why;
- each key press redraws the figure once;
- the slider ends say what they mean (codebook), for screen readers too;
- "Save or share" is one compact menu under the figure; the chapter's "Try this" steps are
  offered inside the explorer; on a laptop the controls stay in view while the figure scrolls;
- the codebook is a page, linked from explorers, case boxes and the instructor guide;
- a solution opens from anywhere on its title bar, and leads back to its exercise;
- one search box, not two.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from .browser_support import toc_pages
from .test_site import containers_in_html, load

pytestmark = pytest.mark.browser

CHAPTERS = [p for p in toc_pages() if p.startswith("chapters/")]
PHONE = {"width": 375, "height": 800}
LAPTOP = {"width": 1280, "height": 900}


def open_page(new_page, server, site, name: str, viewport: dict | None = None):
    page, recorder = new_page(viewport=viewport or LAPTOP)
    counts = containers_in_html(site.html_dir / f"{name}.html")
    notes: list[str] = []
    load(page, recorder, server.url(f"{name}.html"), counts["plots"], counts["explorers"], notes)
    return page, recorder, counts


# What the reader sees of an explorer, besides the moved control's own readout: the figure
# as drawn (data and layout) and the text under it.
SEEN = """id => { const s = window.AlliancesExplorer.explorers[id];
  return JSON.stringify([s.figure.data, s.figure.layout, s.summary.textContent]); }"""

CONTROLS = """id => window.AlliancesExplorer.explorers[id].data.controls.map((c, i) => {
  const s = window.AlliancesExplorer.explorers[id], input = s.inputs[c.name], row = input.closest('.ae-control');
  const note = row.querySelector('.ae-needs');
  return {name: c.name, toggle: c.toggle, top: c.labels.length - 1, start: s.data.initial[i],
          disabled: input.disabled, inactive: row.classList.contains('ae-inactive'),
          noteShown: !!note && getComputedStyle(note).display !== 'none' && note.textContent.length > 0};
})"""

RESET = """id => { const E = window.AlliancesExplorer, s = E.explorers[id];
  E.writeIndices(s, s.data.initial); return E.update(s).then(() => true); }"""


def _combination(page, explorer_id: str) -> str:
    return page.get_attribute(f"#{explorer_id}", "data-combination") or ""


def _wait_combination(page, explorer_id: str, value: str) -> None:
    page.wait_for_function("([id, c]) => document.getElementById(id).getAttribute('data-combination') === c",
                           arg=[explorer_id, value], timeout=5000)


# [id, described by its own "-ends" element, that element's text, shown wherever the slider is]
SLIDER_ENDS = """() => Array.from(document.querySelectorAll('.alliances-explorer input[type=range]'))
  .map(i => { const e = document.getElementById(i.id + '-ends');
              return [i.id, (i.getAttribute('aria-describedby') || '').split(' ').includes(i.id + '-ends'),
                      e ? e.textContent.trim() : '',
                      i.getClientRects().length === 0 || (!!e && e.getClientRects().length > 0)]; })"""


@pytest.mark.parametrize("name", CHAPTERS)
def test_every_control_moved_one_step_changes_what_the_reader_sees_or_is_visibly_disabled(name, site, server,
                                                                                          new_page):
    """Also, on the same page before anything moves: every slider of the chapter says what its ends mean."""
    page, recorder, counts = open_page(new_page, server, site, name)
    if not counts["explorers"]:
        pytest.skip(f"{name} has no explorer")
    sliders = page.evaluate(SLIDER_ENDS)
    assert len(sliders) >= counts["explorers"]
    bare = [s[0] for s in sliders if not (s[1] and " … " in s[2] and s[3])]
    assert not bare, f"{name}: sliders without ends: {bare}"
    dead = []
    moved = 0
    for explorer_id in page.eval_on_selector_all(".alliances-explorer", "els => els.map(e => e.id)"):
        for index, control in enumerate(page.evaluate(CONTROLS, explorer_id)):
            where = f"{explorer_id}.{control['name']}"
            if control["disabled"]:
                # visibly disabled, and saying why
                assert control["inactive"] and control["noteShown"], f"{where} is disabled without saying why"
                continue
            before_seen = page.evaluate(SEEN, explorer_id)
            start = [int(v) for v in _combination(page, explorer_id).split(",")]
            selector = f"#{explorer_id} [name={control['name']}]"
            page.focus(selector)
            if control["toggle"]:
                page.keyboard.press("Space")
                start[index] = 1 - start[index]
            elif control["start"] < control["top"]:
                page.keyboard.press("ArrowRight")
                start[index] += 1
            else:
                page.keyboard.press("ArrowLeft")
                start[index] -= 1
            _wait_combination(page, explorer_id, ",".join(map(str, start)))
            moved += 1
            if page.evaluate(SEEN, explorer_id) == before_seen:
                dead.append(where)
            page.evaluate(RESET, explorer_id)
    assert moved, f"{name}: no control was moved"
    assert not dead, f"{name}: moved one step from the start, these controls change nothing the reader sees: {dead}"
    assert not recorder.page_errors


def test_victory_is_disabled_in_peace_and_comes_alive_in_war(site, server, new_page):
    page, recorder, _ = open_page(new_page, server, site, "chapters/04_conditions")
    victory = page.locator("#ch4-conditions [name=victory]")
    expect(victory).to_be_disabled()
    expect(page.locator("#ch4-conditions .ae-needs")).to_be_visible()
    expect(page.locator("#ch4-conditions .ae-summary")).to_contain_text("closeness to victory has no effect")
    page.locator("#ch4-conditions [name=war]").check()
    expect(victory).to_be_enabled()
    expect(page.locator("#ch4-conditions .ae-needs")).to_be_hidden()
    # at war and undecided, the text says why nothing changes
    page.focus("#ch4-conditions [name=victory]")
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#ch4-conditions .ae-summary")).to_contain_text("At war, but neither side is winning")
    assert not recorder.page_errors


def test_each_key_press_redraws_the_figure_once(site, server, new_page):
    page, _, _ = open_page(new_page, server, site, "chapters/01_balance_of_threat")
    page.evaluate("""() => { window.__reacts = 0; const react = window.Plotly.react;
      window.Plotly.react = function () { window.__reacts += 1; return react.apply(this, arguments); }; }""")
    page.focus("#ch1-sources [name=proximity]")
    page.keyboard.press("ArrowRight")
    _wait_combination(page, "ch1-sources", "1,2,1,1")
    page.keyboard.press("ArrowRight")
    _wait_combination(page, "ch1-sources", "1,3,1,1")
    # any second redraw of a key press would run in the same input event, before its figure settles
    assert page.evaluate("window.__reacts") == 2


def test_slider_ends_say_what_they_mean_to_screen_readers(site, server, new_page):
    page, _, _ = open_page(new_page, server, site, "chapters/01_balance_of_threat")
    proximity = page.locator("#ch1-sources [name=proximity]")
    expect(proximity).to_have_accessible_description("0.00 remote … 1.00 shares a border")
    expect(page.locator("#ch1-sources-proximity-ends")).to_be_visible()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_save_or_share_is_one_compact_menu_under_the_figure(viewport, site, server, new_page):
    page, recorder, _ = open_page(new_page, server, site, "chapters/05_schweller", viewport)
    for explorer_id in page.eval_on_selector_all(".alliances-explorer", "els => els.map(e => e.id)"):
        fold = page.locator(f"#{explorer_id} details.ae-share")
        expect(fold).to_be_visible()
        assert not fold.evaluate("d => d.open")
        box, plot = fold.bounding_box(), page.locator(f"#{explorer_id} .ae-plot").bounding_box()
        assert box["y"] >= plot["y"] + plot["height"] - 1, f"{explorer_id}: the menu is not under the figure"
        assert box["height"] < 40, f"{explorer_id}: closed, the menu takes {box['height']:.0f} px"
        fold.locator(":scope > summary").click()
        buttons = fold.locator(".ae-tools button")
        expect(buttons).to_have_count(5)
        for i in range(5):
            expect(buttons.nth(i)).to_be_visible()
        wide = page.evaluate("id => { const r = document.getElementById(id); return r.scrollWidth - r.clientWidth; }",
                             explorer_id)
        assert wide <= 1, f"{explorer_id}: the open menu scrolls sideways by {wide} px"
    assert not recorder.page_errors


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_chapters_try_this_steps_are_offered_inside_the_explorer(viewport, site, server, new_page):
    page, _, _ = open_page(new_page, server, site, "chapters/04_conditions", viewport)
    fold = page.locator("#ch4-conditions details.ae-steps")
    expect(fold).to_be_visible()
    assert not fold.evaluate("d => d.open")
    fold.locator("summary").click()
    steps = fold.locator("li")
    expect(steps.first).to_be_visible()
    chapter = page.locator("section#try-this > ul > li")
    assert steps.count() == chapter.count() > 3
    assert steps.first.inner_text() == chapter.first.inner_text()
    assert page.evaluate("() => document.querySelectorAll('.ae-steps [id]').length") == 0  # no duplicate ids


def test_on_a_laptop_the_controls_stay_in_view_while_the_figure_scrolls(site, server, new_page):
    page, _, _ = open_page(new_page, server, site, "chapters/05_schweller", LAPTOP)
    explorer_id = page.eval_on_selector(".alliances-explorer", "e => e.id")
    page.locator(f"#{explorer_id} .ae-summary").scroll_into_view_if_needed()
    page.wait_for_function("id => { const s = document.querySelector('#' + id + ' .ae-summary')"
                           ".getBoundingClientRect(); return s.bottom <= innerHeight && s.top >= 0; }", arg=explorer_id)
    controls = page.locator(f"#{explorer_id} .ae-controls").bounding_box()
    assert controls["y"] >= -1 and controls["y"] + controls["height"] <= LAPTOP["height"], controls


def test_the_codebook_is_a_page_linked_from_explorers_case_boxes_and_the_guide(site, server, new_page):
    codebook = site.html_dir / "codebook.html"
    assert codebook.is_file()
    text = codebook.read_text(encoding="utf-8")
    assert "The scales" in text and "schweller-s-balance-of-interests-schweller-cases-csv-codebook" in text
    page, recorder, _ = open_page(new_page, server, site, "chapters/03_bandwagoning")
    link = page.locator("#ch3-war .ae-codebook a")
    expect(link).to_be_visible()
    assert link.evaluate("a => a.href").endswith("/codebook.html")
    assert page.locator(".alliances-case a.case-codebook").count() >= 1
    assert page.locator("a[href$='codebook.html']").count() >= 3  # explorers, case boxes, the case table
    link.click()
    page.wait_for_url(re.compile(r".*/codebook\.html$"))
    expect(page.locator("h1").first).to_contain_text("codebook")
    guide = (site.html_dir / "guide" / "instructors.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./codebook\.html"', guide), "the 'code a case' assignment does not link the codebook"
    assert not recorder.page_errors


@pytest.mark.parametrize("name", ["chapters/01_balance_of_threat", "chapters/05_schweller"])
def test_a_solution_opens_from_anywhere_on_its_title_bar(name, site, server, new_page):
    page, recorder, _ = open_page(new_page, server, site, name)
    solution = page.locator(".solution.dropdown").first
    title = solution.locator(".admonition-title")
    assert title.locator("a").count() == 0, "the title bar still holds a link"
    expect(solution).to_have_class(re.compile(r"toggle-hidden"))
    title.scroll_into_view_if_needed()
    box = title.bounding_box()
    hash_before = page.evaluate("location.hash")
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)  # the middle of the bar
    expect(solution).not_to_have_class(re.compile(r"toggle-hidden"))
    assert page.evaluate("location.hash") == hash_before
    back = solution.locator(".solution-back a")
    expect(back).to_be_visible()
    expect(back).to_contain_text("Back to Exercise")
    target = back.get_attribute("href")
    assert target.startswith("#") and page.locator(target.replace("/", "\\/")).count() == 1
    assert not [m for m in recorder.console_errors() if "not defined" in m] and not recorder.page_errors


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_one_search_box_in_view(viewport, site, server, new_page):
    page, _, _ = open_page(new_page, server, site, "chapters/01_balance_of_threat", viewport)
    shown = page.evaluate("""() => Array.from(document.querySelectorAll('.search-button-field, .search-button'))
      .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0
                     && getComputedStyle(e).visibility !== 'hidden'; }).length""")
    assert shown == 1, f"{shown} search boxes in view at {viewport['width']} px"


def test_payload_names_the_control_a_disabled_one_waits_for(site):
    html = (site.html_dir / "chapters" / "03_bandwagoning.html").read_text(encoding="utf-8")
    start = html.index('id="ch3-war"')
    data = re.search(r'<script type="application/json" class="ae-data">(.*?)</script>', html[start:], re.S)
    controls = json.loads(data.group(1))["controls"]
    assert [c.get("needs") for c in controls if c["name"] == "victory"] == ["war"]
