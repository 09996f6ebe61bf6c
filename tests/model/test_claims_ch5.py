"""The model numbers in chapter 5's exercise solutions, recomputed (the text must change if the model does)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from widgets import predict
from widgets.io.cases import get_case
from widgets.model.evaluation_codings import alternative_cases
from widgets.model.interests import DEFAULT_INTEREST_PARAMETERS, compare_cases
from widgets.model.reasons import percent

CHAPTER = Path(__file__).resolve().parents[2] / "chapters" / "05_schweller.ipynb"


def _solution(label: str) -> str:
    text = "".join("".join(c["source"]) for c in json.loads(CHAPTER.read_text(encoding="utf-8"))["cells"])
    start = text.index(f"````{{solution}} {label}")
    return text[start:text.index("\n````", start)]


def _changes(pull: float) -> dict[str, tuple[str, bool, float]]:
    """Cases whose prediction (label or rightness) differs from the default pull: id -> (label,
    right, probability of the choice)."""
    base = {c.case_id: (c.schweller.label, c.schweller_correct) for c in compare_cases()}
    params = dataclasses.replace(DEFAULT_INTEREST_PARAMETERS, jackal_pull=pull)
    return {c.case_id: (c.schweller.label, c.schweller_correct, c.schweller.probabilities[c.schweller.choice])
            for c in compare_cases(params=params) if (c.schweller.label, c.schweller_correct) != base[c.case_id]}


@pytest.mark.parametrize(("pull", "expected"), [
    (4.0, {"ussr-1939": ("Neutral", "43%"), "romania-1916": ("Neutral (waiting for bids)", "64%"),
           "italy-1940": ("Bandwagon (piling on)", None), "japan-1940": ("Bandwagon (piling on)", None)}),
    (6.0, {"ussr-1939": ("Neutral", "39%"), "romania-1916": ("Neutral (waiting for bids)", "54%"),
           "italy-1940": ("Bandwagon (piling on)", None)}),
    (12.0, {case: ("Bandwagon (jackal bandwagoning)", None)
            for case in ("japan-1914", "italy-1915", "bulgaria-1914", "ussr-1945")}),
])
def test_exercise_5_5_names_every_prediction_that_moves(pull, expected):
    changes = _changes(pull)
    assert set(changes) == set(expected)
    for case_id, (label, shown) in expected.items():
        assert changes[case_id][0] == label
        if shown is not None:
            assert percent(changes[case_id][2]) == shown and f"({shown})" in _solution("ch5-ex-5")
    if pull == 12.0:  # "Japan 1914 and Italy 1915 ... as they did; Bulgaria 1914, which waited, is sent to join"
        assert changes["japan-1914"][1] and changes["italy-1915"][1] and not changes["bulgaria-1914"][1]


def test_exercise_5_6_numbers_are_the_models():
    alternative, _ = alternative_cases()
    japan = get_case("japan-1940", alternative)
    assert japan.threat.aggressive_intentions == 1.0 and alternative.loc["japan-1940", "threat_source"] == "Germany"
    p = {i: predict(dataclasses.replace(japan.threat, aggressive_intentions=i), japan.situation)
         for i in (1.0, 0.25, 0.0)}
    assert p[1.0].choice == "balance" and p[0.25].choice == p[0.0].choice == "neutral"
    shown = [percent(p[1.0].probabilities["balance"]), percent(p[0.25].probabilities["neutral"]),
             percent(p[0.25].probabilities["balance"]), percent(p[0.0].probabilities["neutral"])]
    assert shown == ["82%", "53%", "38%", "68%"]
    text = _solution("ch5-ex-6")
    assert all(s in text for s in shown)
