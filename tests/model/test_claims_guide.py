"""The model facts the instructor guide and the book's introduction state, recomputed: the text must change
if the model, the cases or the sweeps do."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from widgets import predict
from widgets.io.cases import Case, get_case, load_alternative_cases, load_cases
from widgets.model import evaluation as ev
from widgets.model.reasons import percent
from widgets.model.simulation import load_sweep

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def guide() -> str:
    return " ".join((ROOT / "guide" / "instructors.md").read_text(encoding="utf-8").split())


def _tips_at(case: Case, choice: str) -> float:
    """The lowest closeness to victory (steps of 0.05 from 0.5) at which the case's prediction is ``choice``."""
    return next(v / 100 for v in range(50, 101, 5)
                if predict(case.threat, replace(case.situation, victory=v / 100)).choice == choice)


def test_the_bandwagoning_table_of_chapter_3(guide):
    cases = load_cases()
    tagged = cases[cases["chapters"].str.contains("bandwagoning")]
    assert len(tagged) == 22
    hits = {"war": [0, 0], "peace": [0, 0]}
    for case_id in tagged.index[tagged["observed"] == "bandwagon"]:
        case = get_case(case_id)
        row = hits["war" if case.situation.war else "peace"]
        row[0] += case.predict().choice == "bandwagon"
        row[1] += 1
    assert hits == {"war": [11, 14], "peace": [2, 5]}
    assert "right (11 of 14) but only two of the five peacetime ones" in guide
    peace = {i: get_case(i).predict().choice for i in
             ("yugoslavia-1937", "finland-1948", "persia-1881", "ussr-1939", "egypt-1974", "norway-1949")}
    assert peace["yugoslavia-1937"] == peace["finland-1948"] == "bandwagon" and peace["norway-1949"] == "balance"
    assert all(peace[i] != "bandwagon" for i in ("persia-1881", "ussr-1939", "egypt-1974"))
    assert "(Persia 1881, the Soviet Union 1939, Egypt 1974)" in guide


def test_yugoslavia_1937_turns_on_allied_support(guide):
    case = get_case("yugoslavia-1937")
    assert case.situation.allied_support == 0.25 and case.predict().choice == "bandwagon"
    at = predict(case.threat, replace(case.situation, allied_support=0.35)).probabilities
    assert percent(at["balance"]) == "49%" and percent(at["bandwagon"]) == "48%"  # a coin toss
    for aims in (0.5, 1.0):
        moved = predict(replace(case.threat, aggressive_intentions=aims), case.situation)
        assert moved.choice == "bandwagon"
        assert abs(moved.probabilities["bandwagon"] - case.predict().probabilities["bandwagon"]) < 0.1
    assert "raising support from 0.25 to 0.35 makes the case a coin toss" in guide


def test_romanian_tipping_points(guide):
    german = Case(load_alternative_cases().loc["romania-1940"].to_dict())
    assert _tips_at(german, "bandwagon") == 0.65 and _tips_at(get_case("romania-1944"), "bandwagon") == 0.6
    assert "about 0.65 in 1940 (on the reading with Germany as the threat)" in guide
    assert "towards the Soviet Union at about 0.6 in 1944" in guide


def test_chapter_7_and_chapter_8_numbers(guide):
    (wrong,) = [c for c in load_sweep("misperception", compute_if_missing=False)["cells"]
                if (c["share_balancers"], c["aggressor_belief"], c["defender_belief"]) == (0.8, 0.0, None)]
    assert (f"defeated in {percent(wrong['defeated'] / wrong['runs'])} of runs and wins in "
            f"{percent(wrong['hegemony'] / wrong['runs'])}") in guide
    metrics = ev.compare_baselines(load_cases())
    walt, modal = metrics["Walt's threat model"], metrics["most common choice"]
    assert f'beats "always balance" by {walt.correct - modal.correct} cases out of {walt.n}' in guide
    intro = " ".join((ROOT / "intro.md").read_text(encoding="utf-8").split())
    assert f"how well the models fit {walt.n} coded decisions" in intro
