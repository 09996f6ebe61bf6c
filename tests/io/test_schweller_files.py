"""The two Schweller case files together: every decision of cases.csv once, linked to its codings."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from widgets._paths import data_file
from widgets.io.cases import load_alternative_cases, load_cases
from widgets.io.schweller_cases import (
    OTHER_CASES_FILE,
    SECOND_CODER_FILE,
    SchwellerDataError,
    load_all_schweller_cases,
    load_schweller_cases,
    read_schweller_cases,
)
from widgets.model.evaluation_metrics import THREE_WAY_OF
from widgets.model.interests.cases import observed_side
from widgets.model.interests.scenario import SIDES

from ..tables import csv_text

ROOT = Path(__file__).resolve().parents[2]


def _split(side: str, threat_camp: str) -> str:
    """The camp a row records, on the three-way split relative to Walt's threat source."""
    return "stay out" if side == "out" else "align with" if side == threat_camp else "align against"


def test_every_decision_of_the_case_file_is_coded_once_on_schwellers_scales():
    rows = load_all_schweller_cases()
    cases = load_cases()
    ids = [r["case_id"] for r in rows]
    assert len(ids) == len(set(ids)) == len(cases)
    assert set(ids) == set(cases.index)
    assert all(int(r["year"]) == int(cases.loc[r["case_id"], "year"]) for r in rows)


def test_the_other_cases_carry_no_chapter_five_illustration():
    """schweller_other_cases.csv holds what chapter 5's file does not: none of its rows is one of
    the illustrations chapter 5 shows (those are in schweller_cases.csv)."""
    with open(ROOT / "data" / "schweller_cases.csv", encoding="utf-8") as f:
        illustrations = {r["case_id"] for r in csv.DictReader(f)}
    with open(ROOT / "data" / OTHER_CASES_FILE, encoding="utf-8") as f:
        others = {r["case_id"] for r in csv.DictReader(f)}
    assert len(others) == 71 and not illustrations & others
    text = " ".join((ROOT / "data" / "README.md").read_text(encoding="utf-8").split())
    assert f"every decision of `cases.csv` that `schweller_cases.csv` does not hold ({len(others)})" in text


def test_each_row_records_the_act_cases_csv_records_save_the_one_frame_misfit():
    """Placed by walt_threat_camp, the side each row records is the three-way act of cases.csv
    (against the threat source, with it, or out), except Romania 1940 (two revisionists at once,
    a misfit the codebook names; the alternative coding reads the act as this row does)."""
    cases = load_cases()
    differ = [r["case_id"] for r in load_all_schweller_cases()
              if _split(observed_side(r), r["walt_threat_camp"]) != THREE_WAY_OF[cases.loc[r["case_id"], "observed"]]]
    assert differ == ["romania-1940"]


def test_the_alternative_camp_is_given_exactly_for_the_rows_read_two_ways():
    rows = {r["case_id"]: r for r in load_all_schweller_cases()}
    alternatives = load_alternative_cases(None, load_cases())
    given = {cid for cid, r in rows.items() if r["walt_threat_camp_alternative"]}
    assert given == set(alternatives.index)
    assert all(rows[cid]["walt_threat_camp_alternative"] in SIDES for cid in given)


def test_a_case_in_both_files_is_refused_by_name(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    with open(data / "schweller_cases.csv", encoding="utf-8") as f:
        first = next(csv.DictReader(f))
    with open(data / OTHER_CASES_FILE, "a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=list(first), lineterminator="\n").writerow(first)
    monkeypatch.setenv("ALLIANCES_DATA_DIR", str(data))
    with pytest.raises(SchwellerDataError, match=rf"(?s){OTHER_CASES_FILE}.*case '{first['case_id']}' is also coded"):
        load_all_schweller_cases()


def test_a_bad_alternative_camp_names_the_column():
    with open(ROOT / "data" / "schweller_cases.csv", encoding="utf-8") as f:
        row = next(csv.DictReader(f))
    row["walt_threat_camp_alternative"] = "neutral"
    with pytest.raises(SchwellerDataError, match="walt_threat_camp_alternative.*'neutral' must be empty or one of"):
        read_schweller_cases(csv_text([row], list(row)))


def test_the_second_coding_covers_the_same_decisions_and_records_the_same_acts():
    first = load_schweller_cases(data_file(OTHER_CASES_FILE))
    second = load_schweller_cases(data_file(SECOND_CODER_FILE))
    assert [r["case_id"] for r in second] == [r["case_id"] for r in first]
    cases = load_cases()
    differ = [r["case_id"] for r in second
              if _split(observed_side(r), r["walt_threat_camp"]) != THREE_WAY_OF[cases.loc[r["case_id"], "observed"]]]
    assert differ == []
    # the link to the alternative coding is copied, not judged again
    assert [r["walt_threat_camp_alternative"] for r in second] == [r["walt_threat_camp_alternative"] for r in first]


def test_the_codebook_counts_of_the_other_decisions_match_the_file():
    rows = load_schweller_cases(data_file(OTHER_CASES_FILE))
    sides = [observed_side(r) for r in rows]
    line = (f"| the other {len(rows)} decisions | {sides.count('revisionist')} | {sides.count('status quo')} | "
            f"{sides.count('out')} | {len(rows)} |")
    text = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert line in text
    assert f"hold each of the {len(load_cases())} decisions of `cases.csv` once" in " ".join(text.split())
