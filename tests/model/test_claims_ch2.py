"""The model numbers typed in chapter 2's exercise solutions 2.3 and 2.4, recomputed: the text must change
if the model does."""

from __future__ import annotations

import json
from itertools import product
from pathlib import Path

from widgets import Situation, Threat, predict
from widgets.model.alignment import feasibility
from widgets.model.reasons import percent

CHAPTER = Path(__file__).resolve().parents[2] / "chapters" / "02_balancing.ipynb"
GRID = (0.0, 0.25, 0.5, 0.75, 1.0)


def _solution(label: str) -> str:
    text = "".join("".join(c["source"]) for c in json.loads(CHAPTER.read_text(encoding="utf-8"))["cells"])
    start = text.index(f"````{{solution}} {label}")
    return text[start:text.index("\n````", start)]


def _balancing(decider: Situation, p: float, x: float, o: float, i: float) -> float:
    return predict(Threat(p, x, o, i), decider).probabilities["balance"]


def test_exercise_2_3_counts_the_drops_the_chapter_states():
    text = " ".join(_solution("ch2-ex-3").split())
    great_power = Situation(own_strength=0.35, allied_support=0.5, capability=0.55)
    small_state = Situation(own_strength=0.35, allied_support=0.5, capability=0.05)
    parity = Situation(own_strength=0.5, allied_support=0.5, capability=0.05)

    def drops(decider):
        return [(p, x, o, i) for p, x, o, i in product(GRID[:-1], GRID, GRID, GRID)
                if _balancing(decider, p + 0.25, x, o, i) <= _balancing(decider, p, x, o, i)]

    assert drops(great_power) == [] and drops(parity) == []
    small = drops(small_state)
    assert len(small) == 20 and "yes: 20 settings" in text and "In all 20," in text
    assert all(x >= 0.75 and o >= 0.75 and p >= 0.5 for p, x, o, i in small)
    assert {i for *_, i in small} == set(GRID)  # "at every level of the rival's intentions"
    size = {i: max(_balancing(small_state, p, x, o, i) - _balancing(small_state, p + 0.25, x, o, i)
                   for p, x, o, j in small if j == i) for i in GRID}
    assert list(size.values()) == sorted(size.values(), reverse=True)  # "largest where its aims look benign"
    assert feasibility(small_state) == 0.85 and "(*F* = 0.85)" in text


def test_exercise_2_4_numbers_are_the_models():
    text = " ".join(_solution("ch2-ex-4").split())

    def row(situation, response):
        return [predict(Threat(1, x, 0.75, 0.25), situation).probabilities[response] for x in GRID]

    alone, allied, middle = Situation(0.05, 0.25), Situation(0.05, 0.75), Situation(0.5, 0.25)
    assert all(predict(Threat(1, x, 0.75, 0.25), alone).choice == "bandwagon" for x in GRID)
    assert all(predict(Threat(1, x, 0.75, 0.25), s).choice == "balance" for x in GRID for s in (allied, middle))
    band, bal = row(alone, "bandwagon"), row(alone, "balance")
    assert band == sorted(band) and bal == sorted(bal, reverse=True)
    assert f"rises from {percent(band[0])} to {percent(band[-1])}" in text
    assert f"falls from {percent(bal[0])} to {percent(bal[-1])}" in text
    ally_bal, ally_band = row(allied, "balance"), row(allied, "bandwagon")
    assert f"(between {percent(min(ally_bal))} and {percent(max(ally_bal))})" in text
    assert f"grows, from {percent(ally_band[0])} to {percent(ally_band[-1])}" in text
    mid = row(middle, "balance")
    assert mid == sorted(mid) and f"from {percent(mid[0])} to {percent(mid[-1])}" in text


def test_intentions_count_not_at_all_for_a_negligible_state_no_one_will_help():
    text = " ".join("".join("".join(c["source"]) for c in json.loads(CHAPTER.read_text(encoding="utf-8"))["cells"]
                            ).split())
    assert feasibility(Situation(own_strength=0.0, allied_support=0.0)) == 0.0
    assert feasibility(Situation(own_strength=0.5, allied_support=0.0)) == 1.0
    assert feasibility(Situation(own_strength=0.0, allied_support=1.0)) == 1.0
    assert "not at all for a negligible state that no one will help (*F* = 0)" in text
    assert "hardly at all" not in text
