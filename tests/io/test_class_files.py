"""Collecting a class's work (issue 16): the student's name and justification in scenario files,
download names, refusals that name the other explorer's chapter, and the Python twin of the
class-results page (``class_results.read_class``) with Krippendorff's alpha.

The browser half (the page reads the same files and gives the same table and alpha) is
tests/site/test_class_results.py.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import krippendorff
import numpy as np
import pytest

from widgets.io.agreement import interval_alpha
from widgets.io.book_explorers import CHAPTERS, EXPLORER_CHAPTERS, chapter_number
from widgets.io.class_results import TABLE_COLUMNS, read_class
from widgets.io.scenario_file import RULES, download_name, student_slug

from .. import class_files
from .. import hostile_scenarios as corpus

ROOT = Path(__file__).resolve().parents[2]

# --------------------------------------------------------------------------- the catalogue


def test_every_explorer_in_the_chapters_is_catalogued_with_its_chapter():
    found = {}
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        title = next(line[2:] for c in cells if c["cell_type"] == "markdown"
                     for line in "".join(c["source"]).splitlines() if line.startswith("# "))
        number = int(path.name[:2])
        assert CHAPTERS[number] == title
        for cell in cells:
            for eid in re.findall(r'explorer_id="([^"]+)"', "".join(cell["source"])):
                found[eid] = number
    assert found == {eid: chapter_number(eid) for eid in EXPLORER_CHAPTERS}
    assert RULES["explorer_chapters"]["ch2-usa-1917"] == "chapter 2 (Balancing)"


def test_a_file_for_another_explorer_names_its_chapter_and_changes_nothing():
    explorer = corpus.explorer()
    record = {**corpus.good_record(), "explorer": "ch6-aid"}
    with pytest.raises(ValueError, match=r"saved from explorer 'ch6-aid' in chapter 6 \(Beyond threat: ideology, aid "
                                         r"and penetration\), not from this one \('ch1-sources'"):
        explorer.load_text(json.dumps(record), name="x.json")
    with pytest.raises(ValueError, match=r"saved from explorer 'ch9-x' \(not an explorer of this book\)"):
        explorer.load_text(json.dumps({**record, "explorer": "ch9-x"}))


# --------------------------------------------------------------------------- student and justification


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_student_and_justification_round_trip(kind):
    explorer = corpus.explorer()
    explorer.set(proximity=0.75)
    explorer.student_input.value = "Zoë Ångström, 李明"
    why = 'Russia is "next door",\nand =SUM(A1) is not a formula here; 🙂'
    explorer.justification_input.value = why
    text = explorer.export(kind)
    fresh = corpus.explorer()
    assert fresh.load_text(text, name=f"s.{kind}").startswith("Scenario loaded.")
    assert fresh.student_input.value == "Zoë Ångström, 李明"
    assert fresh.justification_input.value == why
    assert fresh.values() == explorer.values()


def test_a_file_saved_before_the_new_fields_still_loads():
    record = corpus.good_record()
    del record["student"], record["justification"]
    explorer = corpus.explorer()
    explorer.student_input.value = "left over"
    assert explorer.load_text(json.dumps(record)) == "Scenario loaded."
    assert explorer.student_input.value == ""


def test_saving_too_long_a_justification_is_refused_with_the_limit():
    explorer = corpus.explorer()
    explorer.justification_input.value = "x" * 2001
    with pytest.raises(ValueError, match="justification is 2001 characters long; at most 2000 are allowed"):
        explorer.export("json")
    explorer._save_clicked("json")
    assert "Not saved:" in explorer.status.value and "at most 2000" in explorer.status.value


@pytest.mark.parametrize("student, slug", [
    ("Zoë Ångström", "zoe-angstrom"),
    ("  ", ""),
    ("../../etc/passwd", "etc-passwd"),
    ("Ana <script>alert(1)</script>", "ana-script-alert-1-script"),
    ("Алексей", ""),
    ("Ｆｕｌｌ Ｗｉｄｔｈ", "full-width"),
    ("a" * 39 + " b" + "c" * 50, "a" * 39),
])
def test_student_slug(student, slug):
    assert student_slug(student) == slug
    name = download_name("ch1-sources", student, "json")
    assert name == (f"ch1-sources-{slug}-scenario.json" if slug else "ch1-sources-scenario.json")
    assert re.fullmatch(r"[a-z0-9-]+\.json", name)


def test_live_save_uses_the_students_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    explorer = corpus.explorer()
    explorer.student_input.value = "Chloé Martin"
    explorer._save_clicked("csv")
    assert (tmp_path / "ch1-sources-chloe-martin-scenario.csv").is_file()


# --------------------------------------------------------------------------- agreement


def test_interval_alpha_matches_krippendorffs_worked_example():
    """Krippendorff's reliability example (4 coders, 12 units, missing values): interval alpha 0.849."""
    n = None
    data = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3],
        [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n],
    ]
    assert round(interval_alpha(data), 3) == 0.849


def test_interval_alpha_is_undefined_without_disagreement_or_coders():
    assert math.isnan(interval_alpha([[0.5, 0.5]]))
    assert math.isnan(interval_alpha([[0.5, 0.25], [0.5, 0.25]])) is False
    assert math.isnan(interval_alpha([[0.5, 0.5], [0.5, 0.5]]))
    assert interval_alpha([[0.0, 1.0], [0.0, 1.0]]) == 1.0


# --------------------------------------------------------------------------- the class


def test_read_class_gives_one_row_per_good_file_and_lists_the_broken_ones():
    results = read_class(class_files.all_files())
    table = results.table
    assert len(table) == 30
    assert list(table.columns[: len(TABLE_COLUMNS)]) == list(TABLE_COLUMNS)
    assert table["file"].tolist() == sorted(name for name, _ in class_files.student_files())
    for name, _data, message in class_files.broken_files():
        assert name not in set(table["file"])
        assert any(message in p for p in results.problems[name]), results.problems[name]
    first = table.iloc[0]
    assert first["student"] == "Ana Ruiz" and first["explorer"] == "ch1-iran"
    assert first["chapter"] == "chapter 1 (From balance of power to balance of threat)"
    assert first["prediction"] in {"balance", "bandwagon", "buck-pass", "neutral"}
    assert re.fullmatch(r"own_strength [0-9.]+, allied_support [0-9.]+, aggregate_power [0-9.]+, "
                        r"aggressive_intentions [0-9.]+", first["inputs"])
    assert "\n" in table.loc[table["file"].str.startswith("03_"), "justification"].item()  # a CSV line break kept
    repeat = results.problems["20_ch1-iran-dev-patel-scenario.json"]
    assert any("the same student and explorer as scenario file '04_" in p for p in repeat)


def test_read_class_alpha_is_the_packages_on_the_same_codings():
    results = read_class(class_files.all_files())
    table = results.table.set_index("file")
    for _, row in results.agreement.iterrows():
        repeat = "20_ch1-iran-dev-patel-scenario.json"
        files = [f for f in table.index[table["explorer"] == row["explorer"]] if f != repeat]
        units = sorted(c for c in table.columns if c.startswith("control.") and table.loc[files, c].notna().any())
        data = table.loc[files, units].to_numpy(dtype=float)
        expected = krippendorff.alpha(reliability_data=data, level_of_measurement="interval")
        assert row["alpha"] == pytest.approx(expected, abs=1e-12)
        assert row["coders"] == len(files) and row["inputs"] == 4
    alphas = dict(zip(results.agreement["explorer"], results.agreement["alpha"], strict=True))
    assert 0 < alphas["ch1-sources"] < alphas["ch1-iran"] < 1  # the generated class agrees, imperfectly


def test_read_class_from_paths_and_a_missing_file(tmp_path):
    for name, data in class_files.student_files()[:3]:
        (tmp_path / name).write_bytes(data)
    results = read_class([*sorted(tmp_path.iterdir()), tmp_path / "gone.json"])
    assert len(results.table) == 3
    assert "could not be read" in results.problems["gone.json"][0]


def test_read_class_refuses_a_file_of_no_book_explorer_and_a_bad_control():
    good = json.loads(class_files.student_files()[0][1])
    files = [
        ("a.json", json.dumps({**good, "explorer": "ch9-x"}).encode()),
        ("b.json", json.dumps({**good, "controls": {"own_strength": "high"}}).encode()),
        ("c.json", json.dumps({**good, "controls": {}}).encode()),
    ]
    results = read_class(files)
    assert results.table.empty
    assert "explorer must be one of this book's explorers, got 'ch9-x'" in results.problems["a.json"][0]
    assert "control own_strength must be a number or true/false, got 'high'" in results.problems["b.json"][0]
    assert "controls must be an object" in results.problems["c.json"][0]
    assert np.all(results.agreement.columns == ["explorer", "chapter", "files", "coders", "inputs", "alpha", "note"])


def test_the_text_limits_come_from_rules(monkeypatch):
    record = {**corpus.good_record(), "student": "Ana Ruiz"}
    corpus.explorer().load_text(json.dumps(record))
    monkeypatch.setitem(RULES["text_fields"]["student"], "max", 3)
    with pytest.raises(ValueError, match="student is 8 characters long; at most 3 are allowed"):
        corpus.explorer().load_text(json.dumps(record))
    monkeypatch.setitem(RULES["text_fields"]["justification"], "one_line", True)
    with pytest.raises(ValueError, match="justification must be one line"):
        read_class_one({**record, "student": "", "justification": "a\nb"})


def read_class_one(record: dict) -> None:
    from widgets.io.class_results import check_class_record

    check_class_record(record, "scenario file")
