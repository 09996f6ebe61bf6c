"""The class-results page and the student's notes in the explorers, in a real browser (issue 16).

The page reads 33 files at once (30 generated students, 3 broken: tests/class_files.py) and must
show the table, the problems, the figures and Krippendorff's alpha, with the same table and the
same alpha as the Python twin and the krippendorff package. Every check waits for a condition.
"""

from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from widgets.io.class_results import TABLE_COLUMNS, read_class
from widgets.io.scenario_file import student_slug

from .. import class_files
from .browser_support import file_payload
from .test_site_features import EXPLORER, chapter_one_explorer, click_action, open_page, status_box

pytestmark = pytest.mark.browser

PAGE = "guide/class_results"
SCREENSHOT = os.environ.get("ALLIANCES_SCREENSHOTS")  # a folder: the test saves the loaded page there


def _upload(page, files: list[tuple[str, bytes]]) -> None:
    page.wait_for_selector(".alliances-class-results[data-ready]", timeout=10_000)
    page.set_input_files("#cr-files", files=[file_payload(name, data) for name, data in files])


def test_the_page_reads_a_class_at_once_as_python_does(site, server, new_page):
    page, recorder, dialogs = open_page(new_page, server, site, PAGE)
    _upload(page, class_files.all_files())
    expect(page.locator(".alliances-class-results")).to_have_attribute("data-loaded", "30", timeout=20_000)
    rows = page.locator(".cr-table tbody tr")
    expect(rows).to_have_count(30)
    expect(page.locator(".cr-status")).to_have_text(
        "Read 33 files: 30 in the table, 3 refused; problems are listed below.")
    python = read_class(class_files.all_files())
    shown = page.evaluate("""() => Array.from(document.querySelectorAll('.cr-table tbody tr')).map(tr =>
        Array.from(tr.cells).map(td => td.textContent))""")
    assert shown == python.table[list(TABLE_COLUMNS)].values.tolist()
    for name, _data, message in class_files.broken_files():
        item = page.locator(f'.cr-problems li[data-file="{name}"]')
        expect(item).to_contain_text(message)
    problems = page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('.cr-problems li'))
        .map(li => [li.getAttribute('data-file'), li.textContent]))""")
    # the same problems in the same words; only the JSON parser's own detail differs (browser vs Python)
    def same(text: str) -> str:
        return re.sub(r"not valid JSON \(.*\)", "not valid JSON (...)", text)

    assert {k: same(v) for k, v in problems.items()} == {k: same(" ".join(v)) for k, v in python.problems.items()}
    # alpha: the page's formula against the krippendorff package (through the Python twin)
    alphas = page.evaluate("""() => Object.fromEntries(Array.from(document.querySelectorAll('.cr-agreement tbody tr'))
        .map(tr => [tr.getAttribute('data-explorer'),
                    [Number(tr.getAttribute('data-alpha')), tr.cells[5].textContent]]))""")
    expected = dict(zip(python.agreement["explorer"], python.agreement["alpha"], strict=True))
    assert set(alphas) == set(expected) == {"ch1-iran", "ch1-sources"}
    for explorer, (alpha, text) in alphas.items():
        assert not math.isnan(expected[explorer])
        assert alpha == pytest.approx(expected[explorer], abs=1e-12)
        assert text == f"{expected[explorer]:.3f}"
    # the figures: per explorer, the inputs' spread and the predictions, each described in words
    page.wait_for_function("() => document.querySelectorAll('.cr-figures .js-plotly-plot svg.main-svg').length >= 4",
                           timeout=20_000)
    assert page.locator(".cr-figures .js-plotly-plot").count() == 4
    expect(page.locator(".cr-figures figcaption").first).to_contain_text("one dot per file")
    boxes = page.evaluate(
        "() => document.querySelector('.cr-figures .js-plotly-plot').data.map(t => [t.type, t.y.length])")
    assert boxes == [["box", 20]] * 4
    if SCREENSHOT:
        page.screenshot(path=str(Path(SCREENSHOT) / "class-results-30.png"), full_page=True)
    assert page.evaluate("document.querySelectorAll('img[src=x]').length") == 0 and not dialogs
    assert not recorder.console_errors() and not recorder.page_errors
    assert not recorder.nonlocal_requests()


def test_the_pages_alpha_is_krippendorffs_on_his_worked_example(site, server, new_page):
    page, _recorder, _ = open_page(new_page, server, site, PAGE)
    page.wait_for_selector(".alliances-class-results[data-ready]", timeout=10_000)
    n = None
    data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n], [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
            [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n], [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n]]
    import krippendorff
    import numpy as np

    expected = krippendorff.alpha(reliability_data=np.array(data, dtype=float), level_of_measurement="interval")
    got = page.evaluate("d => window.AlliancesClassResults.intervalAlpha(d)", data)
    assert got == pytest.approx(expected, abs=1e-12) and round(got, 3) == 0.849
    assert page.evaluate("() => isNaN(window.AlliancesClassResults.intervalAlpha([[0.5, 0.5], [0.5, 0.5]]))")


def test_a_new_load_replaces_the_last(site, server, new_page):
    page, recorder, _ = open_page(new_page, server, site, PAGE)
    _upload(page, class_files.all_files())
    expect(page.locator(".alliances-class-results")).to_have_attribute("data-loaded", "30", timeout=20_000)
    _upload(page, list(class_files.student_files()[:2]))
    expect(page.locator(".alliances-class-results")).to_have_attribute("data-loaded", "2", timeout=20_000)
    expect(page.locator(".cr-table tbody tr")).to_have_count(2)
    expect(page.locator(".cr-agreement tbody tr td").nth(6)).to_have_text("")
    assert not recorder.console_errors() and not recorder.page_errors


# --------------------------------------------------------------------------- the explorers' notes


def test_the_students_name_and_justification_travel_with_the_file(site, server, new_page, tmp_path):
    page, recorder, _ = open_page(new_page, server, site)
    notes = page.locator(f"#{EXPLORER} .ae-notes")
    page.locator(f"#{EXPLORER} details.ae-share > summary").click()  # the notes sit in the "Save or share" menu
    expect(notes).to_be_visible()
    page.fill(f"#{EXPLORER}-student", "Zoë Ångström")
    why = 'Russia is "next door",\n=and close.'
    page.fill(f"#{EXPLORER}-justification", why)
    for kind in ("json", "csv"):
        with page.expect_download() as info:
            click_action(page, f"save-{kind}")
        download = info.value
        assert download.suggested_filename == f"{EXPLORER}-zoe-angstrom-scenario.{kind}"
        path = tmp_path / download.suggested_filename
        download.save_as(path)
        explorer = chapter_one_explorer()
        explorer.load(path)
        assert (explorer.student_input.value, explorer.justification_input.value) == ("Zoë Ångström", why)
    # Python's file, with other notes, loads into the page's inputs
    explorer = chapter_one_explorer()
    explorer.student_input.value, explorer.justification_input.value = "李明", "Because."
    python_file = explorer.save(tmp_path / "li.csv")
    page.set_input_files(f"#{EXPLORER} input.ae-file", str(python_file))
    expect(status_box(page)).to_have_text("Scenario loaded.")
    expect(page.locator(f"#{EXPLORER}-student")).to_have_value("李明")
    expect(page.locator(f"#{EXPLORER}-justification")).to_have_value("Because.")
    # a file for another explorer is refused naming its chapter, as in Python
    other = json.dumps({**explorer.scenario(), "explorer": "ch6-aid"}).encode()
    page.set_input_files(f"#{EXPLORER} input.ae-file", files=[file_payload("aid.json", other)])
    expect(status_box(page)).to_contain_text(
        "saved from explorer 'ch6-aid' in chapter 6 (Beyond threat: ideology, aid and penetration), not from this one")
    # too long a justification is not saved, and the reader is told the limit
    page.evaluate(f"() => {{ document.getElementById('{EXPLORER}-justification').value = 'x'.repeat(2001); }}")
    click_action(page, "save-json")
    expect(status_box(page)).to_contain_text("justification is 2001 characters long; at most 2000 are allowed")
    assert not recorder.console_errors() and not recorder.page_errors


def test_the_page_slugs_names_as_python_does(site, server, new_page):
    page, _recorder, _ = open_page(new_page, server, site)
    names = ["Zoë Ångström", "  ", "../../etc/passwd", "Ｆｕｌｌ Ｗｉｄｔｈ", "Алексей", "İstanbul Ödül",
             "a" * 39 + " b" + "c" * 9, "O'Brien-Smith", "Straße"]
    slugs = page.evaluate(f"""names => {{
        const rules = JSON.parse(document.querySelector('#{EXPLORER} script.ae-data').textContent).format;
        return names.map(n => window.AlliancesExplorer.files.studentSlug(rules, n));
    }}""", names)
    assert slugs == [student_slug(n) for n in names]


def test_the_loaded_class_page_passes_axe(site, server, new_page):
    """axe-core on the page as an instructor sees it: the table, problems, agreement and figures
    (test_accessibility.py checks every page as it opens, before any file is chosen)."""
    from .test_accessibility import AXE, AXE_OPTIONS, BLOCKING, RUN_AXE, _describe

    if not AXE.is_file():
        pytest.skip(f"{AXE} is missing: run 'make setup'")
    page, recorder, _ = open_page(new_page, server, site, PAGE)
    _upload(page, class_files.all_files())
    expect(page.locator(".alliances-class-results")).to_have_attribute("data-loaded", "30", timeout=20_000)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(RUN_AXE, AXE_OPTIONS)
    blocking = [_describe(v, v["targets"]) for v in found["violations"] if v["impact"] in BLOCKING]
    assert not blocking, "\n".join(blocking)
    assert not recorder.console_errors() and not recorder.page_errors
