"""The course-kit features of the published site, in a real browser (headless Chromium).

- scenario files: a static explorer saves JSON and CSV that the Python explorer loads back
  exactly, loads what Python saved, and refuses malformed or hostile files without changing;
- shareable links: the URL fragment presets explorers; a hostile fragment is ignored safely;
- dark mode: figures follow the theme's switch and come back unchanged;
- quizzes: work without a kernel;
- the plotly.js bundle the site ships knows every trace type the pages draw.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import expect

from widgets.explorers import threat_explorer
from widgets.io.scenario_file import read_scenario

from .browser_support import file_payload, toc_pages
from .test_site import load

pytestmark = pytest.mark.browser

CHAPTER = "chapters/01_balance_of_threat"
EXPLORER = "ch1-sources"


def chapter_one_explorer():
    """The explorer of chapter 1's first explorer cell, rebuilt in Python (same arguments)."""
    from widgets import Situation, Threat

    return threat_explorer(Threat(0.25, 0.25, 0.25, 0.25), Situation(0.5, 0.5),
                           title="Four sources of threat, seen by a middle power", explorer_id=EXPLORER)


def open_page(new_page, server, site, name: str = CHAPTER, fragment: str = "", **context: Any):
    page, recorder = new_page(**context) if context else new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    counts = _counts(site, name)
    notes: list[str] = []
    load(page, recorder, server.url(f"{name}.html") + fragment, counts["plots"], counts["explorers"], notes)
    return page, recorder, dialogs


def _counts(site, name):
    from .test_site import containers_in_html

    return containers_in_html(site.html_dir / f"{name}.html")


def combination(page, explorer_id: str = EXPLORER) -> str:
    return page.get_attribute(f"#{explorer_id}", "data-combination")


def wait_combination(page, value: str, explorer_id: str = EXPLORER) -> None:
    page.wait_for_function("([id, c]) => document.getElementById(id).getAttribute('data-combination') === c",
                           arg=[explorer_id, value], timeout=5000)


def click_action(page, action: str, explorer_id: str = EXPLORER) -> None:
    """Open the explorer's "Save or share" menu (if closed) and click one of its actions."""
    fold = page.locator(f"#{explorer_id} details.ae-share")
    if not fold.evaluate("d => d.open"):
        fold.locator(":scope > summary").click()
    page.click(f"#{explorer_id} [data-action={action}]")


def status(page, explorer_id: str = EXPLORER) -> str:
    return page.text_content(f"#{explorer_id} .ae-status") or ""


def status_box(page, explorer_id: str = EXPLORER):
    """The explorer's status line as a locator, for `expect` (which waits for the condition)."""
    return page.locator(f"#{explorer_id} .ae-status")


# --------------------------------------------------------------------------- scenario files


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_saved_from_the_page_loads_in_python_exactly(kind, site, server, new_page, tmp_path):
    page, recorder, _ = open_page(new_page, server, site)
    page.focus(f"#{EXPLORER} [name=aggregate_power]")
    page.keyboard.press("End")
    page.focus(f"#{EXPLORER} [name=aggressive_intentions]")
    page.keyboard.press("ArrowRight")
    wait_combination(page, "4,1,1,2")
    with page.expect_download() as info:
        click_action(page, f"save-{kind}")
    download = info.value
    assert download.suggested_filename == f"{EXPLORER}-scenario.{kind}"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    explorer = chapter_one_explorer()
    assert explorer.load(path) == "Scenario loaded."  # same prediction as the page recorded
    assert explorer.values() == {
        "aggregate_power": 1.0,
        "proximity": 0.25,
        "offensive_power": 0.25,
        "aggressive_intentions": 0.5,
    }
    page_record = read_scenario(path.read_bytes(), EXPLORER, explorer.title, explorer.controls)
    assert page_record.recorded_prediction["summary"] == explorer.scenario()["prediction"]["summary"]
    if kind == "json":
        assert json.loads(path.read_text())["prediction"] == explorer.scenario()["prediction"]
    assert not recorder.console_errors() and not recorder.page_errors


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_saved_from_python_loads_on_the_page(kind, site, server, new_page, tmp_path):
    explorer = chapter_one_explorer()
    explorer.set(proximity=1.0, offensive_power=0.75)
    path = explorer.save(tmp_path / f"student.{kind}")
    page, recorder, _ = open_page(new_page, server, site)
    page.set_input_files(f"#{EXPLORER} input.ae-file", str(path))
    wait_combination(page, "1,4,3,1")
    expect(status_box(page)).to_have_text("Scenario loaded.")
    expect(page.locator(f"#{EXPLORER} .ae-summary")).to_have_text(explorer.scenario()["prediction"]["summary"])
    page.wait_for_function(
        "() => location.hash.includes('proximity=1.00')", timeout=5000
    )  # the link follows the loaded state
    assert not recorder.console_errors() and not recorder.page_errors


HOSTILE_FILES = {
    "not-json.json": ("{ this is not json", "not valid JSON"),
    "other-explorer.json": (
        json.dumps({"format": "alliances-scenario", "version": 1, "explorer": "ch3-sources", "controls": {}}),
        "saved from explorer 'ch3-sources'",
    ),
    "off-grid.json": (None, "aggregate_power must be one of 0.00, 0.25, 0.50, 0.75, 1.00"),
    "script.json": (
        json.dumps(
            {"format": "alliances-scenario", "version": 1, "explorer": "<img src=x onerror=alert(1)>", "controls": {}}
        ),
        "saved from explorer",
    ),
    "proto.json": (None, "unknown __proto__"),
    "broken.csv": ('format,version\n"unterminated', "not valid CSV"),
    "big.json": ("{" + " " * 70000 + "}", "too large"),
}


def _page_hostile_files() -> list[tuple[str, bytes, str]]:
    """This file's hostile files plus the shared corpus (tests/hostile_scenarios.py) that
    test_hostile_inputs.py runs through the Python loader: the page must refuse the same
    files with the same words."""
    from ..hostile_scenarios import hostile_files

    record = chapter_one_explorer().scenario()
    out = []
    for name, (text, message) in HOSTILE_FILES.items():
        if name == "off-grid.json":
            text = json.dumps({**record, "controls": {**record["controls"], "aggregate_power": 0.3}})
        if name == "proto.json":
            text = json.dumps(record).replace('"controls": {', '"controls": {"__proto__": {"x": 1}, ', 1)
        out.append((name, text.encode("utf-8"), message))
    return out + hostile_files()


def _choose(page, name: str, data: bytes, mime: str = "application/octet-stream") -> str:
    """Pick a file in the explorer's own file chooser and wait for its verdict in the status line."""
    page.evaluate("id => { document.querySelector('#' + id + ' .ae-status').textContent = ''; }", EXPLORER)
    page.set_input_files(f"#{EXPLORER} input.ae-file", files=[file_payload(name, data, mime)])
    page.wait_for_function(
        "id => document.querySelector('#' + id + ' .ae-status').textContent !== ''", arg=EXPLORER, timeout=5000
    )
    return status(page)


def test_the_page_refuses_every_hostile_file_as_python_does_and_changes_nothing(site, server, new_page):
    from ..hostile_scenarios import accepted_files, formula_files

    page, recorder, dialogs = open_page(new_page, server, site)
    before = combination(page)
    hash_before = page.evaluate("location.hash")
    wrong = []
    for name, data, message in _page_hostile_files():
        said = _choose(page, name, data)
        if not (
            said.startswith("Not loaded: scenario file") and message in said and said.endswith("Nothing was changed.")
        ):
            wrong.append(f"{name}: {said[:300]!r} (expected {message!r})")
        if combination(page) != before or page.evaluate("location.hash") != hash_before:
            wrong.append(f"{name}: the explorer or the link changed")
    for name, data, message in formula_files():
        said = _choose(page, name, data)
        if not (said.startswith("Scenario loaded.") and "Warning: " in said and message in said):
            wrong.append(f"{name}: {said[:300]!r} (expected a warning with {message!r})")
    for name, data in accepted_files():
        said = _choose(page, name, data)
        if not said.startswith("Scenario loaded.") or "Warning" in said:
            wrong.append(f"{name}: {said[:300]!r} (expected it to load without a warning)")
    assert not wrong, "\n".join(wrong)
    assert page.evaluate("document.querySelectorAll('img[src=x]').length") == 0 and not dialogs
    assert page.evaluate("({}).x === undefined && ({}).polluted === undefined")
    assert not recorder.console_errors() and not recorder.page_errors


def test_the_page_reads_the_rules_python_declares(site, server, new_page):
    from widgets.io.scenario_file import RULES

    page, _, _ = open_page(new_page, server, site)
    embedded = page.evaluate(f"JSON.parse(document.querySelector('#{EXPLORER} script.ae-data').textContent).format")
    assert embedded == json.loads(json.dumps(RULES))


def test_a_csv_saved_on_the_page_guards_text_a_spreadsheet_would_run(site, server, new_page, tmp_path):
    page, _, _ = open_page(new_page, server, site)
    csv_text = page.evaluate(f"""() => {{
        const E = window.AlliancesExplorer, state = E.explorers['{EXPLORER}'];
        const rec = E.files.record(state);
        rec.title = '=HYPERLINK("http://x")';
        rec.prediction.summary = '@SUM(1)';
        return E.files.toCsv(state.data.format, rec);
    }}""")
    row = csv_text.split("\r\n")[1]
    assert "'=HYPERLINK" in row and "'@SUM(1)" in row
    explorer = chapter_one_explorer()
    loaded = read_scenario(csv_text, EXPLORER, explorer.title, explorer.controls)
    assert not loaded.warnings and loaded.recorded_prediction["summary"] == "@SUM(1)"


# --------------------------------------------------------------------------- links


def test_a_link_opens_the_chapter_with_a_scenario(site, server, new_page):
    fragment = (f"#{EXPLORER}.aggregate_power=1.00&{EXPLORER}.proximity=0.75"
                f"&{EXPLORER}.offensive_power=0.25&{EXPLORER}.aggressive_intentions=0.00")
    page, recorder, _ = open_page(new_page, server, site, fragment=fragment)
    wait_combination(page, "4,3,1,0")
    explorer = chapter_one_explorer()
    explorer.set(aggregate_power=1.0, proximity=0.75, aggressive_intentions=0.0)
    expect(page.locator(f"#{EXPLORER} .ae-summary")).to_have_text(explorer.scenario()["prediction"]["summary"])
    assert page.input_value(f"#{EXPLORER} [name=aggregate_power]") == "4"
    # the other explorer on the page is untouched
    iran_start = page.evaluate(
        "JSON.parse(document.querySelector('#ch1-iran script.ae-data').textContent).initial.join(',')"
    )
    assert combination(page, "ch1-iran") == iran_start
    assert not recorder.console_errors() and not recorder.page_errors


def test_moving_a_slider_keeps_the_scenario_in_the_url_and_copy_link_gives_it(site, server, new_page):
    page, _, _ = open_page(new_page, server, site)
    assert page.evaluate("location.hash") == ""
    page.focus(f"#{EXPLORER} [name=proximity]")
    page.keyboard.press("ArrowRight")
    wait_combination(page, "1,2,1,1")
    hash_now = page.evaluate("location.hash")
    assert f"{EXPLORER}.proximity=0.50" in hash_now and f"{EXPLORER}.aggregate_power=0.25" in hash_now
    click_action(page, "link")
    # the link is shown at once, whether or not the clipboard call settles
    expect(status_box(page)).to_contain_text("#" + hash_now[1:])
    # the link, opened in a fresh page, gives the same scenario
    other, _, _ = open_page(new_page, server, site, fragment=hash_now)
    wait_combination(other, "1,2,1,1")
    click_action(page, "reset")
    wait_combination(page, "1,1,1,1")
    page.wait_for_function("() => location.hash === ''", timeout=5000)


HOSTILE_FRAGMENTS = [
    f"#{EXPLORER}.aggregate_power=<img src=x onerror=alert(1)>",
    f"#{EXPLORER}.aggregate_power=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    f"#{EXPLORER}.aggregate_power=0.33",
    f"#{EXPLORER}.__proto__=1&{EXPLORER}.constructor=0.50",
    "#__proto__.polluted=1&constructor.x=1",
    "#x');alert(1);//.a=1",
    "#%E0%A4%A=1",
    "#" + "a=" * 3000,
    "#the-idea-four-sources-of-threat",
]


@pytest.mark.parametrize("fragment", HOSTILE_FRAGMENTS, ids=[f"fragment{i}" for i in range(len(HOSTILE_FRAGMENTS))])
def test_malformed_or_hostile_fragments_are_ignored(fragment, site, server, new_page):
    page, recorder, dialogs = open_page(new_page, server, site, fragment=fragment)
    assert combination(page) == "1,1,1,1"
    assert page.evaluate("document.querySelectorAll('img[src=x]').length") == 0 and not dialogs
    assert page.evaluate("({}).polluted === undefined")
    assert not recorder.console_errors() and not recorder.page_errors


# --------------------------------------------------------------------------- dark mode

READ_FIGURES = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(el => ({
  font: el._fullLayout.font.color, grid: (el._fullLayout.yaxis || {}).gridcolor,
  data: JSON.stringify(el.data.map(t => [t.x, t.y, t.marker && t.marker.color]))}))"""


@pytest.mark.parametrize("name", [CHAPTER, "chapters/06_beyond_threat", "chapters/07_worlds"])
def test_figures_follow_the_theme_switch_and_come_back(name, site, server, new_page):
    page, recorder, _ = open_page(new_page, server, site, name=name)
    light = page.evaluate(READ_FIGURES)
    assert light and all(f["font"] == "#222222" for f in light)
    page.evaluate("document.documentElement.setAttribute('data-theme', 'dark')")
    page.wait_for_function("() => document.documentElement.getAttribute('data-alliances-figures') === 'dark'")
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot')).every(el => el._fullLayout.font.color !== "
        "'#222222')"
    )
    dark = page.evaluate(READ_FIGURES)
    assert all(f["font"] == "#DCE1E6" for f in dark)
    gridded = [(a, b) for a, b in zip(light, dark, strict=True) if a["grid"] == "#DDDDDD"]
    assert gridded, f"{name}: no figure with the book's grid colour to check"
    assert all(b["grid"] == "#3B4148" for a, b in gridded)
    page.evaluate("document.documentElement.setAttribute('data-theme', 'light')")
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot')).every(el => el._fullLayout.font.color === "
        "'#222222')"
    )
    assert page.evaluate(READ_FIGURES) == light
    assert not recorder.console_errors() and not recorder.page_errors


def test_a_reader_who_prefers_dark_gets_dark_figures_and_explorers_stay_dark(site, server, new_page):
    page, recorder, _ = open_page(new_page, server, site, color_scheme="dark")
    assert page.evaluate("document.documentElement.getAttribute('data-theme')") == "dark"
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot')).every(el => el._fullLayout.font.color === "
        "'#DCE1E6')"
    )
    page.focus(f"#{EXPLORER} [name=proximity]")
    page.keyboard.press("ArrowRight")
    wait_combination(page, "1,2,1,1")
    assert page.evaluate(f"document.querySelector('#{EXPLORER} .js-plotly-plot')._fullLayout.font.color") == "#DCE1E6"
    assert not recorder.console_errors() and not recorder.page_errors


# --------------------------------------------------------------------------- quizzes


def test_quiz_checks_answers_without_a_kernel(site, server, new_page):
    from widgets.io.quiz import load_quiz

    quiz = load_quiz("01_balance_of_threat")
    page, recorder, _ = open_page(new_page, server, site)
    first, second = quiz.questions[0], quiz.questions[1]
    wrong = next(k for k, o in enumerate(first.options) if not o.correct)
    root = f"#quiz-{first.id}"
    page.click(f"{root} .aq-check")
    expect(page.locator(f"{root} .aq-feedback")).to_have_text("Choose an answer first.")
    page.check(f"#quiz-{first.id}-{wrong}")
    page.click(f"{root} .aq-check")
    expect(page.locator(f"{root} .aq-feedback")).to_have_text("Not quite. " + first.options[wrong].feedback)
    page.check(f"#quiz-{first.id}-{first.answer}")
    page.click(f"{root} .aq-check")
    expect(page.locator(f"{root} .aq-feedback")).to_have_text("Correct. " + first.options[first.answer].feedback)
    page.check(f"#quiz-{second.id}-{second.answer}")
    page.click(f"#quiz-{second.id} .aq-check")
    # only first tries count: question 1 was wrong at first, so 1 of 2 checked answers scores
    total = len(quiz.questions)
    expect(page.locator(".alliances-quiz .aq-score")).to_have_text(
        f"First tries: 1 of {total} right (2 of {total} checked).")
    # the feedback never repeats the verdict ("Correct. Right. ...")
    feedback = page.locator(f"{root} .aq-feedback").inner_text()
    assert not feedback.lower().startswith(("correct. right", "correct. correct"))
    # the score sits near the top: above the first question
    above = page.evaluate("() => { const q = document.querySelector('.alliances-quiz');"
                          " return q.querySelector('.aq-score').getBoundingClientRect().top"
                          " < q.querySelector('.aq-question').getBoundingClientRect().top; }")
    assert above, "the quiz score should sit above the questions"
    # keyboard: the arrow keys move between a question's options
    page.focus(f"#quiz-{second.id}-0")
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"#quiz-{second.id}-1")).to_be_focused()
    assert not recorder.console_errors() and not recorder.page_errors


@pytest.mark.parametrize("name", [p for p in toc_pages() if p.startswith("chapters/")])
def test_every_chapter_ends_with_a_working_quiz(name, site):
    html = (site.html_dir / f"{name}.html").read_text(encoding="utf-8")
    assert html.count('class="alliances-quiz"') == 1, f"{name}: no self-check quiz on the page"
    assert "alliances-quiz.js" in html


# --------------------------------------------------------------------------- plotly bundle


def test_the_shipped_plotly_bundle_draws_every_trace_type_the_pages_use(site, server, browser):
    assert (site.html_dir / "_static" / "plotly-cartesian.min.js").is_file()
    assert not (site.html_dir / "_static" / "plotly.min.js").exists(), "the full plotly.js bundle is still shipped"
    context = browser.new_context()
    page = context.new_page()
    used: dict[str, set[str]] = {}
    try:
        for name in toc_pages():
            counts = _counts(site, name)
            if not counts["plots"]:
                continue
            page.goto(server.url(f"{name}.html"))
            page.wait_for_function(
                "n => document.querySelectorAll('.js-plotly-plot svg.main-svg').length >= n",
                arg=counts["plots"],
                timeout=20000,
            )
            found = page.evaluate("""() => {
              const known = Object.keys(Plotly.PlotSchema.get().traces);
              const used = Array.from(document.querySelectorAll('.js-plotly-plot'))
                .flatMap(el => el.data.map(t => t.type || 'scatter'));
              return {known, used: Array.from(new Set(used))};
            }""")
            unknown = set(found["used"]) - set(found["known"])
            assert not unknown, f"{name} draws trace types the shipped bundle lacks: {sorted(unknown)}"
            used[name] = set(found["used"])
            # and every script tag names the cartesian bundle, never a CDN or the full bundle
            sources = page.evaluate("Array.from(document.scripts).map(s => s.src).filter(Boolean)")
            assert any(s.endswith("_static/plotly-cartesian.min.js") for s in sources)
    finally:
        context.close()
    assert set().union(*used.values()) >= {"bar", "scatter", "heatmap"}


def test_the_bundle_is_the_version_plotly_py_writes_for(site):
    import plotly.offline

    head = (site.html_dir / "_static" / "plotly-cartesian.min.js").read_text(encoding="utf-8", errors="replace")[:300]
    assert f"plotly.js (cartesian - minified) v{plotly.offline.get_plotlyjs_version()}" in head


def test_dark_ink_has_enough_contrast_on_the_dark_page():
    """Each dark ink keeps the contrast its light twin has on white (text 4.5:1, lines and fills 3:1)."""
    from widgets.figures.palette import DARK_INK, GRID_COLOUR

    def luminance(hex_colour: str) -> float:
        rgb = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    def contrast(a: str, b: str) -> float:
        la, lb = sorted((luminance(a), luminance(b)), reverse=True)
        return (la + 0.05) / (lb + 0.05)

    page = "#14181E"  # pydata-sphinx-theme's dark background
    for light, dark in DARK_INK.items():
        if light in (GRID_COLOUR, "#F4F4F4", "#B8B8B8"):  # grid lines and pale fills: meant to be faint
            assert contrast(dark, page) < contrast("#888888", page), (light, dark)
            continue
        needed = min(4.5, contrast(light, "#FFFFFF"))
        assert contrast(dark, page) >= needed - 0.05, (light, dark, round(contrast(dark, page), 2))


# --------------------------------------------------------------------------- icons

ICONS = """() => Array.from(document.querySelectorAll('.fa-solid, .fa-regular, .fa-brands, .fas, .far, .fab'))
  .map(el => {
  const before = getComputedStyle(el, '::before');
  return {cls: el.className.baseVal === undefined ? el.className : el.className.baseVal,
          mask: before.maskImage || before.webkitMaskImage, width: parseFloat(before.width) || 0,
          visible: el.getClientRects().length > 0};
})"""


@pytest.mark.parametrize("name", ["intro", CHAPTER, "glossary"])
def test_every_icon_is_drawn_without_the_icon_script_or_fonts(name, site, server, new_page):
    page, recorder, _ = open_page(new_page, server, site, name=name)
    icons = page.evaluate(ICONS)
    assert len(icons) >= 10, f"{name}: only {len(icons)} icons found"
    blank = [i["cls"] for i in icons if not i["mask"] or i["mask"] == "none" or (i["visible"] and i["width"] <= 0)]
    assert not blank, f"{name}: icons with no shape: {blank}"
    fetched = [u for u in recorder.requests if "fontawesome" in u or u.split("?")[0].endswith((".woff2", ".ttf"))]
    assert not fetched, f"{name} still downloads icon scripts or fonts: {fetched}"
    assert page.evaluate("typeof window.FontAwesome") == "undefined"


def test_no_figure_offers_to_upload_itself_to_a_third_party(site, server, new_page):
    """plotly.js 4 shows a "Share chart..." button by default (it uploads the chart to Plotly's
    servers); the book's config turns it off, and the explorers show no toolbar at all."""
    page, _, _ = open_page(new_page, server, site)
    page.hover(".plotly-graph-div")
    found = page.evaluate("""() => ({
      share: document.querySelectorAll('[data-title="Share chart..."]').length,
      toolbars: document.querySelectorAll('.modebar-container').length,
      explorerToolbars: document.querySelectorAll('.alliances-explorer .modebar-container .modebar-btn').length})""")
    assert found["share"] == 0 and found["toolbars"] >= 1 and found["explorerToolbars"] == 0, found


# --------------------------------------------------------------------------- links: what was ignored


@pytest.mark.parametrize("fragment", [f"#{EXPLORER}.aggregate_power=0.33", "#other-explorer.aggregate_power=1.00",
                                      f"#{EXPLORER}.no_such_control=1.00&{EXPLORER}.proximity=1.00"])
def test_a_link_with_unrecognised_settings_says_they_were_ignored(fragment, site, server, new_page):
    page, recorder, _ = open_page(new_page, server, site, fragment=fragment)
    expect(status_box(page)).to_have_text("Some settings in this link were not recognised and were ignored.")
    if "proximity=1.00" in fragment:  # what was recognised still applies
        wait_combination(page, "1,4,1,1")
    else:
        assert combination(page) == "1,1,1,1"
    assert not recorder.console_errors() and not recorder.page_errors


def test_a_link_with_known_settings_shows_no_notice(site, server, new_page):
    page, _, _ = open_page(new_page, server, site, fragment=f"#{EXPLORER}.proximity=1.00")
    wait_combination(page, "1,4,1,1")
    expect(status_box(page)).to_have_text("")


def test_a_section_anchor_is_not_a_scenario_link(site, server, new_page):
    page, _, _ = open_page(new_page, server, site, fragment="#the-idea-four-sources-of-threat")
    expect(status_box(page)).to_have_text("")
    assert page.evaluate("location.hash") == "#the-idea-four-sources-of-threat"


# --------------------------------------------------------------------------- without JavaScript


def test_without_javascript_nothing_looks_live_and_no_empty_boxes_remain(site, server, new_page):
    page, _ = new_page(java_script_enabled=False)
    page.goto(server.url(f"{CHAPTER}.html"))
    inputs = page.locator(".alliances-explorer form input")
    assert inputs.count() > 0
    assert page.evaluate(
        "Array.from(document.querySelectorAll('.alliances-explorer form input')).every(i => i.disabled)"
    )
    assert page.evaluate(
        "Array.from(document.querySelectorAll('.alliances-quiz input[type=radio]')).every(i => i.disabled)"
    )
    assert page.locator(".alliances-quiz input[type=radio]").count() > 0
    heights = page.evaluate("Array.from(document.querySelectorAll('.plotly-graph-div, .alliances-explorer .ae-plot'))"
                            ".map(d => d.getBoundingClientRect().height)")
    assert heights and max(heights) == 0, heights
    assert page.locator(".alliances-explorer .ae-tools").first.is_hidden()
    # with JavaScript on, the same inputs are enabled once the explorer starts
    live, _, _ = open_page(new_page, server, site)
    assert live.evaluate(
        "Array.from(document.querySelectorAll('.alliances-explorer form input')).every(i => !i.disabled)"
    )


# --------------------------------------------------------------------------- leftovers


def test_no_page_loads_or_configures_thebe(site):
    for path in site.html_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "thebe" not in text.lower(), f"{path.relative_to(site.html_dir)} still mentions thebe"
    assert not list((site.html_dir / "_static").glob("*thebe*"))


def test_the_redirect_page_asks_for_no_favicon_ico_and_logs_no_error(site, new_page):
    from .browser_support import StaticServer

    with StaticServer(site.html_dir, favicon_fallback=False) as strict:
        page, recorder = new_page()
        page.goto(strict.url("index.html"))
        page.wait_for_url("**/intro.html", timeout=10_000)
        page.wait_for_load_state("load")
        recorder.wait_quiet(page)
        assert not [r for r in strict.requests if r.path.startswith("/favicon.ico")]
        assert not recorder.console_errors() and not recorder.bad_responses()
