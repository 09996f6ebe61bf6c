"""The published book in a real browser: figures drawn, no errors, nothing from other servers.

Builds the book once per session (or uses ``ALLIANCES_SITE=<built html dir>``), serves it on
127.0.0.1 and loads every page of ``_toc.yml`` in headless Chromium (one browser per session,
a fresh context per page so every load is a reader's first visit). Each page is loaded once
for the checks (a)-(d) and once more, if it has static explorers, to move their controls.

Run: ``python -m pytest tests/test_site.py -m browser``.
"""

from __future__ import annotations

import html.parser
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .browser_support import PageRecorder, StaticServer, toc_pages
from .conftest import Site, _log_excerpt  # fixtures site, server, browser, new_page live in conftest.py

pytestmark = pytest.mark.browser

PAGES = toc_pages()
# Figures (Plotly plots actually drawn) each page must have at least. A page missing here fails
# test_every_toc_page_declares_minimums (whose message gives the built page's counts): add it
# when you add a page to _toc.yml.
# chapters/01_balance_of_threat: the built page had 2 at first (one explorer + one figure) and
# has 4 now (2 explorers + 2 figures); the chapter is being written, so the floor stays at 2.
# Chapters 02-04: the floors are the counts of the pages as built when they joined the TOC.
MIN_FIGURES = {
    "intro": 0,
    "guide/how_to_use": 0,
    "guide/instructors": 0,
    "guide/class_results": 0,  # its figures appear once an instructor chooses files
    "guide/class_results_in_python": 0,
    "glossary": 0,
    "chapters/01_balance_of_threat": 4,
    "chapters/02_balancing": 3,
    "chapters/03_bandwagoning": 3,
    "chapters/04_conditions": 5,
    "chapters/05_schweller": 5,
    "chapters/06_beyond_threat": 4,
    "chapters/07_worlds": 5,
    "chapters/08_history": 4,
    "bibliography": 0,
    "codebook": 0,
    "cite": 0,
}
# Static explorers each page must have at least (so the explorer test cannot skip silently).
MIN_EXPLORERS = {
    "intro": 0,
    "guide/how_to_use": 0,
    "guide/instructors": 0,
    "guide/class_results": 0,
    "guide/class_results_in_python": 0,
    "glossary": 0,
    "chapters/01_balance_of_threat": 1,
    "chapters/02_balancing": 3,
    "chapters/03_bandwagoning": 3,
    "chapters/04_conditions": 3,
    "chapters/05_schweller": 3,
    "chapters/06_beyond_threat": 4,
    "chapters/07_worlds": 1,
    "chapters/08_history": 1,
    "bibliography": 0,
    "codebook": 0,
    "cite": 0,
}
# A build log line from Sphinx/docutils/myst: "path:line: WARNING: ..." or "WARNING: ...".
SPHINX_WARNING = re.compile(r"WARNING")
# One known non-Sphinx line, printed by ipykernel >= 7 on stderr while myst-nb executes a
# notebook: it is about jupyter_client's default TCP transport, not about the book, and -W does
# not (cannot) turn it into an error. Listed here openly (reported to the lead), nowhere else.
KERNEL_TRANSPORT_NOTICE = re.compile(r"^\[IPKernelApp\] WARNING \| Kernel is running over TCP without encryption\.")
FIGURE_TIMEOUT_MS = 20_000
REDRAW_TIMEOUT_MS = 5_000


# --------------------------------------------------------------------------- fixtures


# --------------------------------------------------------------------------- page facts


class _Counter(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.classes: list[set[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "class" and value:
                self.classes.append(set(value.split()))


def containers_in_html(path: Path) -> dict[str, int]:
    """Plot containers and explorers in the page's HTML as built (before any script runs)."""
    parser = _Counter()
    parser.feed(path.read_text(encoding="utf-8"))
    return {
        "plots": sum(1 for c in parser.classes if "plotly-graph-div" in c or "ae-plot" in c),
        "explorers": sum(1 for c in parser.classes if "alliances-explorer" in c),
    }


@dataclass
class Visit:
    name: str
    url: str
    expected_plots: int
    explorers: int
    drawn: int = 0
    plotly_divs: int = 0
    recorder: PageRecorder = field(default_factory=PageRecorder)
    notes: list[str] = field(default_factory=list)


COUNT_DRAWN = """() => {
  const all = Array.from(document.querySelectorAll('.js-plotly-plot'));
  return {divs: all.length, drawn: all.filter(el => el.querySelector('svg.main-svg')).length};
}"""


def load(page: Any, recorder: PageRecorder, url: str, expected_plots: int, explorers: int, notes: list[str]) -> None:
    page.goto(url, wait_until="load")
    if expected_plots:
        try:
            page.wait_for_function(
                "n => document.querySelectorAll('.js-plotly-plot svg.main-svg').length >= n"
                " && Array.from(document.querySelectorAll('.js-plotly-plot')).every(el => "
                "el.querySelector('svg.main-svg'))",
                arg=expected_plots,
                timeout=FIGURE_TIMEOUT_MS,
            )
        except Exception as exc:  # the assertion below reports the counts
            notes.append(f"figures not all drawn within {FIGURE_TIMEOUT_MS} ms: {type(exc).__name__}")
    if explorers:
        try:
            page.wait_for_function(
                "n => document.querySelectorAll('.alliances-explorer[data-combination]').length >= n",
                arg=explorers,
                timeout=FIGURE_TIMEOUT_MS,
            )
        except Exception as exc:
            notes.append(f"explorers not all started within {FIGURE_TIMEOUT_MS} ms: {type(exc).__name__}")
    page.evaluate("document.fonts.ready.then(() => true)")
    if not recorder.wait_quiet(page):
        notes.append(f"requests still starting or in flight after 10 s ({recorder.inflight()} in flight)")


# First visits already made, by page name: a test that loads a TOC page as a first visit in the
# light theme at 1280 x 900 (test_accessibility.py's audit) records it here, and the per-page
# checks below read it instead of loading the page again (tests/work_units.py runs both on one worker).
FIRST_VISITS: dict[str, Visit] = {}


def record_first_visit(name: str, url: str, counts: dict[str, int], page: Any, recorder: PageRecorder,
                       notes: list[str]) -> Visit:
    """What the first visit of ``name`` (``counts``: containers_in_html of its file), just loaded in
    ``page`` with ``load()``, drew and did."""
    v = Visit(name, url, counts["plots"], counts["explorers"], recorder=recorder.snapshot(), notes=list(notes))
    found = page.evaluate(COUNT_DRAWN)
    v.drawn, v.plotly_divs = found["drawn"], found["divs"]
    FIRST_VISITS.setdefault(name, v)
    return v


@pytest.fixture(scope="session")
def visits(site: Site, server: StaticServer, browser):
    """Each TOC page's first visit (made here, lazily, unless another test made it), for the per-page checks."""
    contexts = []

    def visit(name: str) -> Visit:
        if name in FIRST_VISITS:
            return FIRST_VISITS[name]
        path = site.html_dir / f"{name}.html"
        assert path.is_file(), f"{name} is in _toc.yml but {path} was not built"
        counts = containers_in_html(path)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        recorder = PageRecorder().attach(page)
        notes: list[str] = []
        load(page, recorder, server.url(f"{name}.html"), counts["plots"], counts["explorers"], notes)
        v = record_first_visit(name, server.url(f"{name}.html"), counts, page, recorder, notes)
        context.close()
        contexts.remove(context)
        return v

    yield visit
    for context in contexts:
        context.close()


# --------------------------------------------------------------------------- the build


@pytest.mark.build
def test_book_builds_without_warnings(site: Site) -> None:
    if site.build_log is None:
        pytest.skip("ALLIANCES_SITE points to a prebuilt site: this session ran no build to check")
    lines = [line for line in site.build_log.splitlines() if SPHINX_WARNING.search(line)]
    warnings = [line for line in lines if not KERNEL_TRANSPORT_NOTICE.search(line)]
    assert not warnings, f"the build (rc {site.returncode}) printed warnings:\n" + "\n".join(warnings)
    assert site.returncode == 0, f"jupyter-book build failed (rc {site.returncode}):\n{_log_excerpt(site.build_log)}"
    assert "build succeeded" in site.build_log


def test_every_toc_page_declares_minimums(site: Site) -> None:
    missing = [p for p in PAGES if p not in MIN_FIGURES or p not in MIN_EXPLORERS]
    built = {
        p: containers_in_html(site.html_dir / f"{p}.html") for p in missing if (site.html_dir / f"{p}.html").is_file()
    }
    counts = "; ".join(f"{page}: {c['plots']} plots, {c['explorers']} explorers" for page, c in built.items())
    assert not missing, (
        f"add these _toc.yml pages to MIN_FIGURES and MIN_EXPLORERS in {__file__} (as built: {counts}): {missing}"
    )
    stale = sorted((set(MIN_FIGURES) | set(MIN_EXPLORERS)) - set(PAGES))
    assert not stale, f"MIN_FIGURES/MIN_EXPLORERS name pages that are not in _toc.yml: {stale}"


# --------------------------------------------------------------------------- per page


@pytest.mark.parametrize("name", PAGES)
def test_figures_are_drawn(name: str, visits) -> None:
    v = visits(name)
    assert v.drawn == v.expected_plots, (
        f"{name}: {v.drawn} Plotly figures drawn (of {v.plotly_divs} .js-plotly-plot), but the HTML has "
        f"{v.expected_plots} plot containers (.plotly-graph-div + .ae-plot). {' '.join(v.notes)}"
    )
    assert v.drawn >= MIN_FIGURES.get(name, 1), (
        f"{name}: {v.drawn} figures drawn, expected at least {MIN_FIGURES.get(name)}"
    )
    assert v.explorers >= MIN_EXPLORERS.get(name, 0), (
        f"{name}: {v.explorers} explorers, expected at least {MIN_EXPLORERS.get(name)}"
    )


@pytest.mark.parametrize("name", PAGES)
def test_no_console_errors(name: str, visits) -> None:
    v = visits(name)
    problems = [f"console.error: {e}" for e in v.recorder.console_errors()]
    problems += [f"uncaught: {e.strip()}" for e in v.recorder.page_errors]
    assert not problems, f"{name} ({v.url}):\n" + "\n".join(problems)


@pytest.mark.parametrize("name", PAGES)
def test_only_local_requests(name: str, visits) -> None:
    v = visits(name)
    assert v.recorder.requests, f"{name}: no request recorded at all (recorder not attached?)"
    outside = v.recorder.nonlocal_requests()
    assert not outside, f"{name} asked other servers for (blocked by the test): {outside}"


@pytest.mark.parametrize("name", PAGES)
def test_no_failed_responses(name: str, visits) -> None:
    v = visits(name)
    bad = v.recorder.bad_responses()
    assert not bad, f"{name}: responses with status >= 400: {bad}"
    failed = [(u, why) for u, why in v.recorder.failed if u not in v.recorder.blocked]
    assert not failed, f"{name}: requests that failed: {failed}"


# --------------------------------------------------------------------------- static explorers

READ_STATE = """(id) => {
  const root = document.getElementById(id);
  const plot = root.querySelector('.ae-plot');
  const traces = (plot.data || []).map(t => ({x: t.x, y: t.y, text: t.text}));
  const layout = plot.layout || {};
  return {
    traces: JSON.stringify(traces),
    title: JSON.stringify(layout.title && layout.title.text),
    summary: root.querySelector('.ae-summary').textContent,
    outputs: Object.fromEntries(Array.from(root.querySelectorAll('output'))
      .map(o => [o.getAttribute('for'), o.textContent])),
    inputs: Array.from(root.querySelectorAll('input')).map(i => i.type === 'checkbox' ? String(i.checked) : i.value),
    combination: root.getAttribute('data-combination'),
    lastMs: root.getAttribute('data-last-update-ms'),
  };
}"""

CONTROLS = """(id) => {
  const root = document.getElementById(id);
  return JSON.parse(root.querySelector('script.ae-data').textContent).controls
    .map(c => ({name: c.name, toggle: c.toggle, levels: c.labels.length,
                disabled: root.querySelector('[name="' + c.name + '"]').disabled}));
}"""


def _wait_combination(page: Any, explorer_id: str, combination: str) -> None:
    page.wait_for_function(
        "([id, c]) => document.getElementById(id).getAttribute('data-combination') === c",
        arg=[explorer_id, combination],
        timeout=REDRAW_TIMEOUT_MS,
    )


@pytest.mark.parametrize("name", PAGES)
def test_static_explorers_respond_to_keyboard(name: str, site: Site, server: StaticServer, new_page) -> None:
    path = site.html_dir / f"{name}.html"
    counts = containers_in_html(path)
    if not counts["explorers"]:
        pytest.skip(f"{name} has no static explorer")
    page, recorder = new_page()
    notes: list[str] = []
    load(page, recorder, server.url(f"{name}.html"), counts["plots"], counts["explorers"], notes)
    recorder.clear()  # the load's own messages are test_no_console_errors' job; from here on, none
    ids = page.eval_on_selector_all(".alliances-explorer", "els => els.map(e => e.id)")
    assert len(ids) == counts["explorers"] and len(set(ids)) == len(ids), f"explorer ids missing or repeated: {ids}"
    for explorer_id in ids:
        start = page.evaluate(READ_STATE, explorer_id)
        assert start["combination"] is not None, f"{explorer_id} never drew (no data-combination). {notes}"
        assert json.loads(start["traces"]), f"{explorer_id}: the plot has no data"
        original = start["combination"].split(",")
        controls = page.evaluate(CONTROLS, explorer_id)
        assert len(controls) == len(original)
        # the first range slider (or the first control, if all are toggles) must change the figure
        first_slider = next((i for i, c in enumerate(controls) if not c["toggle"]), 0)
        for position, control in enumerate(controls):
            if control["disabled"]:  # it cannot act here (victory in peace): test_reader_experience checks it says so
                continue
            selector = f'#{explorer_id} [name="{control["name"]}"]'
            index = int(original[position])
            if control["toggle"]:
                keys, back = ["Space"], ["Space"]
                target = 1 - index
            else:
                # one step each way keeps this fast (every key redraws twice: input + change);
                # the first slider also jumps to an end with End/Home
                top = control["levels"] - 1
                if position == first_slider:
                    keys, target = (["End"], top) if index < top else (["Home"], 0)
                else:
                    keys, target = (["ArrowRight"], index + 1) if index < top else (["ArrowLeft"], index - 1)
                back = ["ArrowLeft" if target > index else "ArrowRight"] * abs(target - index)
            moved = list(original)
            moved[position] = str(target)
            page.focus(selector)
            for key in keys:
                page.keyboard.press(key)
            _wait_combination(page, explorer_id, ",".join(moved))
            after = page.evaluate(READ_STATE, explorer_id)
            where = f"{name} #{explorer_id} control {control['name']} {index}->{target}"
            if position == first_slider:
                assert after["traces"] != start["traces"], f"{where}: the figure data did not change"
                assert after["summary"] != start["summary"], f"{where}: the text summary did not change"
            elif after["traces"] == start["traces"]:
                # the model may ignore a field by design (victory while not at war; at war with
                # victory 0.5): only the first slider must change the figure
                print(f"\nnote: {where} leaves the figure unchanged")
            if not control["toggle"]:
                input_id = page.eval_on_selector(selector, "i => i.id")
                assert input_id in start["outputs"], f"{where}: no <output for={input_id!r}> readout"
                assert after["outputs"][input_id] != start["outputs"][input_id], (
                    f"{where}: the <output> readout did not change"
                )
            assert after["lastMs"] is not None
            for key in back:
                page.keyboard.press(key)
            _wait_combination(page, explorer_id, start["combination"])
            restored = page.evaluate(READ_STATE, explorer_id)
            for key in ("traces", "title", "summary", "outputs", "inputs", "combination"):
                assert restored[key] == start[key], (
                    f"{where} and back: {key} not restored: {restored[key]!r} != {start[key]!r}"
                )
    problems = recorder.console_errors() + recorder.page_errors
    assert not problems, f"{name}: errors while moving the explorers: {problems}"
    assert not recorder.nonlocal_requests() and not recorder.bad_responses()
