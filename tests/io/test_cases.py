"""The case dataset: schema, value ranges, error messages by line and column, predictions."""

import re
from pathlib import Path

import pytest

from widgets import CHOICES
from widgets.io.cases import (
    REQUIRED_COLUMNS,
    CaseDataError,
    cases_for,
    get_case,
    load_cases,
    predict_cases,
    read_cases,
)

from ..tables import csv_text, table_problems

ROOT = Path(__file__).resolve().parents[2]

GOOD = {
    "case_id": "norway-1949",
    "year": "1949",
    "decider": "Norway",
    "threat_source": "Soviet Union",
    "aggregate_power": "0.8",
    "proximity": "1",
    "offensive_power": "0.75",
    "aggressive_intentions": "0.75",
    "own_strength": "0.05",
    "allied_support": "0.75",
    "war": "false",
    "victory": "0.5",
    "observed": "balance",
    "summary": "Norway joined NATO.",
    **{
        f"why_{c}": "because"
        for c in (
            "aggregate_power",
            "proximity",
            "offensive_power",
            "aggressive_intentions",
            "own_strength",
            "allied_support",
            "war",
        )
    },
    "sources": "walt1987origins",
    "chapters": "bandwagoning;history",
}


def to_csv(rows, columns=REQUIRED_COLUMNS):
    return csv_text(rows, columns)


def problems_of(text):
    return table_problems(read_cases, CaseDataError, text)


def test_a_good_row_loads_with_types():
    cases = read_cases(to_csv([GOOD]))
    row = cases.loc["norway-1949"]
    assert row["year"] == 1949 and row["proximity"] == 1.0 and not row["war"]
    assert get_case("norway-1949", cases).predict().choice in CHOICES


@pytest.mark.parametrize(
    "column, value, message",
    [
        ("proximity", "1.3", "line 2, column 'proximity': 1.3 is outside [0, 1]"),
        ("own_strength", "nan", "line 2, column 'own_strength': 'nan' is not a number in [0, 1]"),
        ("allied_support", "high", "line 2, column 'allied_support': 'high' is not a number in [0, 1]"),
        ("war", "yes", "line 2, column 'war': 'yes' must be true or false"),
        (
            "observed",
            "appease",
            "line 2, column 'observed': 'appease' must be one of balance, bandwagon, buck-pass, neutral",
        ),
        ("year", "1453", "line 2, column 'year': '1453' must be a year from 1500 to 2016"),
        ("case_id", "Norway 1949", "line 2, column 'case_id': 'Norway 1949' must be lower-case words"),
        ("why_proximity", "", "line 2, column 'why_proximity': is empty"),
        ("chapters", "history;poetry", "line 2, column 'chapters': unknown chapter key 'poetry'"),
    ],
)
def test_bad_cells_are_reported_by_line_and_column(column, value, message):
    problems = problems_of(to_csv([{**GOOD, column: value}]))
    assert any(p.startswith(message) for p in problems), problems


def test_every_problem_is_reported_at_once():
    rows = [GOOD, {**GOOD, "case_id": "b", "proximity": "2"}, {**GOOD, "case_id": "c", "war": "maybe", "observed": "x"}]
    problems = problems_of(to_csv(rows))
    assert [p.split(":")[0] for p in problems] == [
        "line 3, column 'proximity'",
        "line 4, column 'war'",
        "line 4, column 'observed'",
    ]


def test_duplicate_ids_and_ragged_rows():
    text = to_csv([GOOD, GOOD]) + "too,few,fields\n"
    problems = problems_of(text)
    assert "line 3, column 'case_id': 'norway-1949' repeats line 2" in problems
    assert any(p.startswith("line 4: has fewer fields than the header") for p in problems)


def test_missing_and_unknown_columns_are_named():
    columns = [c for c in REQUIRED_COLUMNS if c != "proximity"] + ["menace"]
    problems = problems_of(to_csv([GOOD], columns))
    assert problems == ["line 1 (header): missing column(s) 'proximity'", "line 1 (header): unknown column(s) 'menace'"]


def test_quoted_multiline_cells_keep_line_numbers_right():
    text = to_csv([{**GOOD, "summary": "two\nlines"}, {**GOOD, "case_id": "x", "proximity": "9"}])
    assert problems_of(text) == ["line 4, column 'proximity': 9 is outside [0, 1]"]


def test_unknown_case_suggests_close_ids():
    cases = read_cases(to_csv([GOOD]))
    with pytest.raises(ValueError, match=r"no case 'norway-1948' in the cases file; did you mean 'norway-1949'\?"):
        get_case("norway-1948", cases)


def test_cases_for_rejects_unknown_chapter():
    with pytest.raises(ValueError, match="chapter must be one of"):
        cases_for("poetry", read_cases(to_csv([GOOD])))


# --- The shipped dataset -------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped():
    return load_cases(ROOT / "data" / "cases.csv")


def test_shipped_dataset_is_valid_and_balanced(shipped):
    counts = shipped["observed"].value_counts()
    assert len(shipped) >= 20
    assert counts.get("balance", 0) >= 5 and counts.get("bandwagon", 0) >= 5


def test_shipped_sources_are_in_the_bibliography(shipped):
    keys = set(re.findall(r"@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text()))
    cited = {k.strip() for s in shipped["sources"] for k in s.split(";") if k.strip()}
    assert not cited - keys, f"cited but not in references.bib: {sorted(cited - keys)}"


def test_default_path_finds_the_shipped_file(shipped):
    assert len(load_cases()) == len(shipped)


def test_predictions_cover_every_case(shipped):
    table = predict_cases(shipped)
    assert list(table.index) == list(shipped.index)
    assert table[[f"p_{c}" for c in CHOICES]].sum(axis=1).round(9).eq(1).all()


def _markdown_table(text, first_header):
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_header} |"))
    rows = {}
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        cells = [c.strip().strip("*") for c in line.strip("|").split("|")]
        rows[cells[0]] = [int(c) for c in cells[1:]]
    return rows


def test_codebook_tables_match_the_data(shipped):
    """The counts printed in data/README.md are recomputed here, so they cannot go stale."""
    text = (ROOT / "data" / "README.md").read_text()
    order = ["balance", "bandwagon", "buck-pass", "neutral"]

    def counts(frame):
        return [int((frame["observed"] == c).sum()) for c in order] + [len(frame)]

    bins = {
        "1571-1815 (judgment codes)": (1500, 1815),
        "1816-1913": (1816, 1913),
        "1914-1945": (1914, 1945),
        "1946-2000": (1946, 2000),
    }
    periods = _markdown_table(text, "period")
    for label, (low, high) in bins.items():
        assert periods[label] == counts(shipped[(shipped["year"] >= low) & (shipped["year"] <= high)]), label
    assert periods["total"] == counts(shipped)
    regions = _markdown_table(text, "region (decider's)")
    for region, row in regions.items():
        assert row == counts(shipped[shipped["region"] == region]), region
    assert sum(r[-1] for r in regions.values()) == len(shipped)
    first_years = int(shipped["year"].min()), int(shipped["year"].max())
    assert f"`cases.csv` holds {len(shipped)} historical alignment decisions, from {first_years[0]} to " \
           f"{first_years[1]}" in " ".join(text.split())


def test_optional_inputs_reach_the_situation(shipped):
    """capability, target, others_engaged and neutrality_lesson pass from the file to Situation;
    a row without them gets the defaults (their terms are zero)."""
    from widgets.io.cases import get_case

    for case_id, row in shipped.iterrows():
        s = get_case(case_id, shipped).situation
        assert s.capability == row["capability"] and s.target == row["target"]
        assert s.others_engaged == row["others_engaged"] and s.neutrality_lesson == row["neutrality_lesson"]
    from widgets.io.cases import Case

    numeric = {"own_strength": 0.05, "allied_support": 0.75, "war": False, "victory": 0.5}
    assert Case({**GOOD, **numeric}).situation.uses_optional() == {}
    assert read_cases(to_csv([GOOD])).iloc[0]["capability"] is None


def test_a_coded_optional_input_needs_its_why_line():
    columns = (
        *REQUIRED_COLUMNS,
        "capability",
        "why_capability",
        "target",
        "why_target",
        "neutrality_lesson",
        "why_neutrality_lesson",
    )
    problems = problems_of(to_csv([{**GOOD, "capability": "0.05", "target": "maybe", "why_target": "x",
                                    "neutrality_lesson": "0.5", "why_neutrality_lesson": "x"}], columns))
    assert any("column 'why_capability': is empty, but capability is coded" in p for p in problems)
    assert any("column 'target': 'maybe' must be true, false or empty" in p for p in problems)
    assert any("column 'neutrality_lesson': '0.5' must be empty or one of -1, 0, 1" in p for p in problems)
    problems = problems_of(to_csv([{**GOOD, "capability": "1.5", "why_capability": "x"}], columns))
    assert any("column 'capability': '1.5' must be empty or a share" in p for p in problems)
    columns = (*REQUIRED_COLUMNS, "threat_army_share", "why_threat_army_share")
    problems = problems_of(to_csv([{**GOOD, "threat_army_share": "0.4"}], columns))
    assert any("column 'why_threat_army_share': is empty, but threat_army_share is coded" in p for p in problems)
    problems = problems_of(to_csv([{**GOOD, "threat_army_share": "-0.1", "why_threat_army_share": "x"}], columns))
    assert any("column 'threat_army_share': '-0.1' must be empty or a share of the great powers' armies in [0, 1]"
               in p for p in problems)
    shared = read_cases(to_csv([{**GOOD, "threat_army_share": "0.4", "why_threat_army_share": "x"}], columns))
    assert shared.iloc[0]["threat_army_share"] == 0.4
    assert read_cases(to_csv([GOOD])).iloc[0]["threat_army_share"] is None
    # a column coded on some rows only (as in the sixth and eighth files): pandas reads the empty cells as NaN, and
    # the model gets None, predicting as if the column were absent
    from widgets.io.cases import Case

    other = {**GOOD, "case_id": "other-1900", "threat_army_share": "", "why_threat_army_share": ""}
    mixed = read_cases(to_csv([{**GOOD, "threat_army_share": "0.4", "why_threat_army_share": "x"}, other], columns))
    rows = mixed.to_dict("records")
    assert Case(rows[0]).situation.threat_army_share == 0.4 and Case(rows[1]).situation.threat_army_share is None
    bare = read_cases(to_csv([GOOD])).to_dict("records")[0]
    assert Case(rows[1]).predict().probabilities == Case({**bare, "case_id": "other-1900"}).predict().probabilities


def test_alternative_codings_name_primary_rows_once(shipped):
    from widgets.io.cases import load_alternative_cases, with_alternatives

    alternatives = load_alternative_cases(primary=shipped)
    assert len(alternatives) >= 1 and set(alternatives.index) <= set(shipped.index)
    assert all(alternatives["reading"].str.len() > 0)
    both = with_alternatives(shipped, alternatives)
    assert list(both.index) == list(shipped.index)
    for case_id in alternatives.index:
        assert both.loc[case_id, "threat_source"] == alternatives.loc[case_id, "threat_source"]


def test_allies_fighting_empty_is_zero_and_absent_is_not_coded():
    """An empty cell is the default (0, the term's zero); a file without the column did not code it (None), so the
    logit leaves it out there (as on held-out files one to nine before they were coded for it) while the model reads
    the default."""
    from widgets.io.cases import Case, read_cases
    from widgets.model import evaluation_heldout as eh

    columns = (*REQUIRED_COLUMNS, "allies_fighting", "why_allies_fighting")
    with_column = read_cases(to_csv([{**GOOD, "allies_fighting": "", "why_allies_fighting": ""}], columns))
    assert with_column["allies_fighting"].iloc[0] == 0.0
    without = read_cases(to_csv([GOOD]))
    assert without["allies_fighting"].isna().all() and without["others_engaged"].iloc[0] == 0.0
    assert Case(without.iloc[0].to_dict()).situation.allies_fighting == 0.0
    missing_why = problems_of(to_csv([{**GOOD, "allies_fighting": "0.5", "why_allies_fighting": ""}], columns))
    assert any(p.startswith("line 2, column 'why_allies_fighting': is empty") for p in missing_why), missing_why
    too_big = problems_of(to_csv([{**GOOD, "allies_fighting": "1.5", "why_allies_fighting": "x"}], columns))
    assert "line 2, column 'allies_fighting': '1.5' must be empty or a number in [0, 1]" in too_big, too_big
    cases = eh.load_cases()
    baselines = eh.Baselines(cases)
    assert "allies_fighting" not in baselines.logit(eh.load_heldout("ninth").drop(columns="allies_fighting")).covariates
    assert all("allies_fighting" in baselines.logit(eh.load_heldout(w)).covariates for w in eh.HELDOUT_SETS)
    # the derived interaction is a base input on every file (it was once dropped because no file has such a column)
    assert all("victory_x_war" in baselines.logit(eh.load_heldout(w)).covariates for w in ("first", "ninth", "tenth"))
