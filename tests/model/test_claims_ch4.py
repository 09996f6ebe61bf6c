"""The model numbers typed in chapter 4 (the three explorers' "Try this" steps, the three phase diagrams,
the Romanian cases and the exercise solutions), recomputed: the text must change if the model does."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from widgets import Situation, Threat, predict
from widgets.io.cases import Case, get_case, load_alternative_cases
from widgets.model.alignment import ModelParameters, feasibility, outcome_weakness
from widgets.model.conditions import choice_grid, uniform_threat
from widgets.model.reasons import percent

from .changes import observed_now_before

CHAPTER = Path(__file__).resolve().parents[2] / "chapters" / "04_conditions.ipynb"


@pytest.fixture(scope="module")
def text() -> str:
    cells = json.loads(CHAPTER.read_text(encoding="utf-8"))["cells"]
    return " ".join("".join("".join(c["source"]) for c in cells).split())


def pct(threat: Threat, situation: Situation, response: str) -> str:
    return percent(predict(threat, situation).probabilities[response])


def choice(threat: Threat, situation: Situation) -> str:
    return predict(threat, situation).choice


def share(threat, situation, x, y, response, points=11) -> str:
    return percent(choice_grid(threat, situation, x, y, points).share(response))


def test_the_printed_weakness_is_the_models(text):
    assert "W = min(max(0, 1 − 2s), max(0, 1 − c/0.25))" in text and "without it, W = max(0, 1 − 2s)" in text
    for s in (0.0, 0.1, 0.25, 0.4, 0.5, 0.8):
        for c in (None, 0.0, 0.05, 0.1, 0.2, 0.25, 0.6):
            printed = max(0.0, 1 - 2 * s) if c is None else min(max(0.0, 1 - 2 * s), max(0.0, 1 - c / 0.25))
            assert outcome_weakness(Situation(s, 0.5, capability=c)) == pytest.approx(printed, abs=1e-12)
    assert "Walt does not say that aggressive aims stop counting for such a state." in text


def test_conditions_explorer(text):
    t, s = uniform_threat(0.5), Situation(own_strength=0.25, allied_support=0.25, victory=0.75)
    assert choice(t, s) == "balance"
    assert (f"prediction ({pct(t, s, 'balance')}, with {pct(t, s, 'neutral')} for staying neutral and "
            f"{pct(t, s, 'bandwagon')} for bandwagoning)") in text
    assert f"is vermilion ({share(t, s, 'own_strength', 'allied_support', 'bandwagon')} of the map)" in text
    alone, helped = replace(s, own_strength=0.0, allied_support=0.0), replace(s, own_strength=0.0, allied_support=0.25)
    assert choice(t, alone) == "bandwagon" and choice(t, helped) == "balance"
    assert f"Bandwagoning wins ({pct(t, alone, 'bandwagon')} against {pct(t, alone, 'balance')} for balancing)" in text
    assert feasibility(alone) == 0.0 and "so its aims give it no reason to balance" in text
    assert f"narrowly ({pct(t, helped, 'balance')} against {pct(t, helped, 'bandwagon')})" in text
    war = replace(s, war=True)
    assert choice(t, war) == "balance"
    assert (f"Balancing still leads ({pct(t, war, 'balance')} against {pct(t, war, 'bandwagon')} "
            "for bandwagoning)") in text
    assert (f"grows from {share(t, s, 'own_strength', 'allied_support', 'bandwagon')} of the map to "
            f"{share(t, war, 'own_strength', 'allied_support', 'bandwagon')}") in text
    won = replace(war, victory=1.0)
    assert choice(t, won) == "bandwagon"
    assert (f"bandwagoning wins easily ({pct(t, won, 'bandwagon')}) and covers "
            f"{share(t, won, 'own_strength', 'allied_support', 'bandwagon')} of the map") in text
    assert f"(balance {pct(t, replace(war, victory=0.5), 'balance')})" in text
    assert f"balancing rises to {pct(t, replace(war, victory=0.0), 'balance')}" in text


def test_strength_phase_diagram(text):
    n, s = Threat(0.75, 1.0, 0.75, 0.25), Situation(own_strength=0.1, allied_support=0.0)
    grid = choice_grid(n, s, "own_strength", "aggregate_power")
    bandwagon = [(x, y) for j, y in enumerate(grid.y_values) for i, x in enumerate(grid.x_values)
                 if grid.choice[j][i] == 1]
    assert min(y for _, y in bandwagon) == 0.05 and max(x for x, _ in bandwagon) == 0.3
    assert "Even a neighbour of power 0.05 draws a negligible state" in text
    assert all(c == 0 for c in grid.choice[0]) and grid.y_values[0] == 0.0  # the bottom row balances
    powerless = replace(n, aggregate_power=0.0)
    level = predict(powerless, replace(s, own_strength=0.0)).probabilities
    assert level["balance"] == pytest.approx(level["bandwagon"], abs=1e-12)  # a tie, won by the tie rule
    assert choice(powerless, replace(s, own_strength=0.0)) == "balance"
    assert all(predict(powerless, replace(s, own_strength=x)).probabilities["balance"]
               > predict(powerless, replace(s, own_strength=x)).probabilities["bandwagon"] for x in grid.x_values[1:])
    assert (f"balancing and bandwagoning are exactly level there ({percent(level['balance'])} each), and the "
            "model gives ties to balancing") in text
    assert "Only against a neighbour with no aggregate power at all does every decider balance" not in text
    assert "The wedge never reaches past own strength 0.30" in text
    weak = replace(n, aggregate_power=0.2)
    assert choice(weak, s) == "bandwagon"
    assert f"power 0.2 ({pct(weak, s, 'bandwagon')} against {pct(weak, s, 'balance')})" in text
    assert choice(n, s) == "bandwagon" and f"predicts bandwagoning ({pct(n, s, 'bandwagon')}); against" in text
    assert f"that rises to {pct(replace(n, aggregate_power=1.0), s, 'bandwagon')}" in text
    s30, s35 = replace(s, own_strength=0.3), replace(s, own_strength=0.35)
    assert choice(n, s30) == "bandwagon" and choice(n, s35) == "balance"
    assert f"(bandwagoning {pct(n, s30, 'bandwagon')}, balancing {pct(n, s30, 'balance')})" in text
    assert f"balancing wins ({pct(n, s35, 'balance')} against {pct(n, s35, 'bandwagon')})" in text
    helped = replace(s, allied_support=0.5)
    assert choice(n, helped) == "balance" and f"balancing instead ({pct(n, helped, 'balance')})" in text


def test_intentions_phase_diagram(text):
    giant, s = Threat(1.0, 1.0, 0.75, 0.5), Situation(own_strength=0.2, allied_support=0.0)
    grid = choice_grid(giant, s, "own_strength", "aggressive_intentions")
    widest = {y: max((x for i, x in enumerate(grid.x_values) if grid.choice[j][i] == 1), default=None)
              for j, y in enumerate(grid.y_values)}
    assert widest[0.0] == 0.35 and widest[1.0] == 0.2
    column = [replace(giant, aggressive_intentions=i) for i in (0.5, 0.75, 1.0)]
    assert all(choice(t, s) == "bandwagon" for t in column)
    assert (f"predicts bandwagoning ({pct(column[0], s, 'bandwagon')}), and up the same column it stays "
            f"bandwagoning ({pct(column[1], s, 'bandwagon')} at intentions 0.75, "
            f"{pct(column[2], s, 'bandwagon')} at 1.0)") in text
    assert feasibility(s) == pytest.approx(0.4) and "(*F* = 0.4)" in text
    assert "That is the older reading of Romania in 1940, kept as the alternative coding" in text
    assert "which is what Romania did in 1940" not in text


def test_war_explorer_and_the_romanian_cases(text):
    t = Threat(0.85, 0.75, 0.75, 1.0)
    s = Situation(own_strength=0.0, allied_support=0.0, war=True, victory=0.75)  # the coding, snapped to the grid
    assert choice(t, s) == "bandwagon" and f"The model predicts bandwagoning ({pct(t, s, 'bandwagon')})" in text
    v50, v25, v0 = (replace(s, victory=v) for v in (0.5, 0.25, 0.0))
    assert choice(t, v50) == choice(t, v25) == "bandwagon" and choice(t, v0) == "balance"
    assert f"bandwagoning still wins ({pct(t, v50, 'bandwagon')})" in text
    assert f"by less ({pct(t, v25, 'bandwagon')})" in text and f"does balancing win ({pct(t, v0, 'balance')})" in text
    s25, s50 = replace(s, own_strength=0.25), replace(s, own_strength=0.5)
    assert choice(t, s25) == "bandwagon" and f"Bandwagoning still wins, by less ({pct(t, s25, 'bandwagon')})" in text
    assert choice(t, s50) == "balance" and f"At 0.50 balancing wins easily ({pct(t, s50, 'balance')})" in text
    settled = replace(s50, victory=1.0)
    assert choice(t, settled) == "bandwagon"
    assert f"does even this state bandwagon ({pct(t, settled, 'bandwagon')})" in text
    a25, a50, a75 = (replace(s, allied_support=a) for a in (0.25, 0.5, 0.75))
    assert choice(t, a25) == choice(t, a50) == "bandwagon" and choice(t, a75) == "balance"
    assert (f"(bandwagon {pct(t, a25, 'bandwagon')}), then 0.50 ({pct(t, a50, 'bandwagon')}), then 0.75, where "
            f"balancing edges ahead ({pct(t, a75, 'balance')} against {pct(t, a75, 'bandwagon')})") in text
    milder = replace(t, aggressive_intentions=0.5)
    assert (f"Bandwagoning barely moves ({pct(milder, s, 'bandwagon')}), and the vermilion wedge grows only from "
            f"{share(t, s, 'own_strength', 'victory', 'bandwagon')} of the map to "
            f"{share(milder, s, 'own_strength', 'victory', 'bandwagon')}") in text

    primary = get_case("romania-1940")
    german = Case(load_alternative_cases().loc["romania-1940"].to_dict())
    assert primary.predict().choice == "balance" and german.predict().choice == "bandwagon"
    assert f"the model agrees ({percent(primary.predict().probabilities['balance'])})" in text
    assert f"predicts bandwagoning ({percent(german.predict().probabilities['bandwagon'])}), and" in text
    assert (f"1. Against the Soviet Union, balancing ({percent(primary.predict().probabilities['balance'])}); "
            f"against Germany, bandwagoning ({percent(german.predict().probabilities['bandwagon'])}).") in text
    at = {v: predict(german.threat, replace(german.situation, victory=v)) for v in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75)}
    assert [at[v].choice for v in at] == ["buck-pass"] * 3 + ["bandwagon"] * 3
    assert "tips from buck-passing to bandwagoning when Germany's closeness to victory reaches 0.65" in text
    assert (f"buck-passing ({percent(at[0.5].probabilities['buck-pass'])} at 0.5" in text
            and f"bandwagoning wins ({percent(at[0.65].probabilities['bandwagon'])}, then "
                f"{percent(at[0.7].probabilities['bandwagon'])} at 0.7 and "
                f"{percent(at[0.75].probabilities['bandwagon'])} at 0.75)" in text)
    r44 = get_case("romania-1944")
    bystander = predict(r44.threat, replace(r44.situation, target=False))
    assert r44.predict().choice == bystander.choice == "bandwagon"
    shown = {percent(r44.predict().probabilities["bandwagon"]), percent(bystander.probabilities["bandwagon"])}
    assert shown == {"87%"} and "predicts bandwagoning (87%), Romania's change of sides" in text
    assert "Bandwagoning either way, 87% each time" in text


def test_staying_out_explorer_and_switzerland(text):
    t = Threat(0.85, 1.0, 0.75, 1.0)
    s = Situation(0.05, 0.0, war=True, victory=0.5, capability=0.0, others_engaged=0.75)
    assert choice(t, s) == "neutral" and f"second ({pct(t, s, 'buck-pass')})" in text
    turned = replace(s, victory=0.75)
    assert choice(t, turned) == "bandwagon" and f"Bandwagoning wins ({pct(t, turned, 'bandwagon')}): hiding" in text
    assert pct(t, replace(s, victory=1.0), "bandwagon") == "100%" and "(100% at the cross, after rounding)" in text
    failed = replace(s, neutrality_lesson=-1.0)
    assert choice(t, failed) == "buck-pass" and f"passes the buck ({pct(t, failed, 'buck-pass')})" in text
    target = replace(s, target=True)
    assert choice(t, target) == "bandwagon" and f"even while the war is open ({pct(t, target, 'bandwagon')})" in text
    assert f"(bandwagoning {pct(t, replace(target, victory=0.75), 'bandwagon')} at 0.75)" in text
    helped = replace(target, victory=0.75, allied_support=0.5)
    assert pct(t, helped, "balance") == pct(t, helped, "bandwagon")
    swiss = get_case("switzerland-1940")
    unlearned = predict(swiss.threat, replace(swiss.situation, neutrality_lesson=0.0))
    assert unlearned.choice == "bandwagon"
    assert f"predicts bandwagoning again ({percent(unlearned.probabilities['bandwagon'])})" in text


def test_the_hiding_change_on_the_books_cases(text):
    old = ModelParameters(hiding_ends_with_defeat=0.0)
    assert observed_now_before("finland-1941", old) == ("balance", "balance", "neutral")
    assert observed_now_before("romania-1916", old) == ("balance", "buck-pass", "neutral")
    assert ("it makes Finland in 1941 a hit (the model had it hiding from a war already going against the Soviet "
            "Union) and moves Romania in 1916, which joined the Allies, from neutral to buck-passing, "
            "still a miss") in text


def test_finland_1939_is_the_feasibility_caveat(text):
    finland = get_case("finland-1939")
    assert finland.predict().choice == "bandwagon"
    assert "the model predicts that Finland would bandwagon with the Soviet Union in 1939" in text


def test_exercise_solutions(text):
    f41, f44 = get_case("finland-1941"), get_case("finland-1944")
    p41 = f41.predict().probabilities
    assert f41.predict().choice == "balance" == f41.row["observed"]
    assert (f"1. 1941: balancing ({percent(p41['balance'])}; buck-passing {percent(p41['buck-pass'])}, neutral "
            f"{percent(p41['neutral'])}), a hit.") in text
    before = predict(f41.threat, f41.situation, params=ModelParameters(hiding_ends_with_defeat=0.0))
    assert before.choice == "neutral"
    assert f"the model predicted staying out ({percent(before.probabilities['neutral'])}), a miss" in text
    assert f44.predict().choice == "bandwagon"
    assert f"bandwagoning ({percent(f44.predict().probabilities['bandwagon'])}), a hit" in text
    # part 2: each input changed alone to its 1944 value
    changes = {"aggregate_power": ("threat", f44.threat.aggregate_power),
               "offensive_power": ("threat", f44.threat.offensive_power),
               "allied_support": ("situation", f44.situation.allied_support),
               "victory": ("situation", f44.situation.victory),
               "target": ("situation", f44.situation.target)}
    differ = {k for k, (where, v) in changes.items() if getattr(getattr(f41, where), k) != v}
    assert differ == set(changes)  # every input in which the two codings differ, and no other

    def changed(*names):
        t, s = f41.threat, f41.situation
        for name in names:
            where, value = changes[name]
            if where == "threat":
                t = replace(t, **{name: value})
            else:
                s = replace(s, **{name: value})
        return predict(t, s)

    single = {k: changed(k) for k in changes}
    assert {k for k, p in single.items() if p.choice != "balance"} == {"allied_support", "victory"}
    assert single["allied_support"].choice == single["victory"].choice == "buck-pass"
    isolated_pass = percent(single["allied_support"].probabilities["buck-pass"])
    assert f"Allied support alone (1.0 to 0.1) gives buck-passing ({isolated_pass})" in text
    assert f"buck-passing too ({percent(single['victory'].probabilities['buck-pass'])})" in text
    assert (f"each leave balancing ahead ({percent(single['aggregate_power'].probabilities['balance'])} and "
            f"{percent(single['offensive_power'].probabilities['balance'])})") in text
    assert f"it surer ({percent(single['target'].probabilities['balance'])})" in text
    assert single["target"].probabilities["balance"] > p41["balance"]
    isolated = replace(f41.situation, allied_support=f44.situation.allied_support)
    assert round(feasibility(isolated), 2) == 0.14 and "(*F* = 0.14)" in text
    # part 3: the pairs that give bandwagoning
    names = list(changes)
    pairs = {(a, b): changed(a, b) for i, a in enumerate(names) for b in names[i + 1:]}
    bandwagon_pairs = {k for k, p in pairs.items() if p.choice == "bandwagon"}
    assert bandwagon_pairs == {("allied_support", "victory"), ("allied_support", "target")}
    assert "Two pairs do, and both include the loss of allied support" in text
    p_both, p_isolated_target = pairs[("allied_support", "victory")], pairs[("allied_support", "target")]
    assert f"give bandwagoning ({percent(p_both.probabilities['bandwagon'])})" in text
    assert f"it too ({percent(p_isolated_target.probabilities['bandwagon'])}), even with the war" in text
    assert f41.situation.victory < 0.5  # "the war still going against the Soviet Union"
    p_target = changed("allied_support", "victory", "target")
    assert p_target.choice == "bandwagon"
    assert f"surer still ({percent(p_target.probabilities['bandwagon'])})" in text

    vietnam_war, vietnam = Situation(0.05, 0.75, war=True, victory=0.5), Situation(0.05, 0.75)
    rows = [(Threat(1.0, 1.0, 1.0, 1.0), vietnam_war, "United States 1972: threat level 1.00"),
            (Threat(1.0, 0.25, 0.25, 0.25), vietnam, "United States 1977: 0.44"),
            (Threat(0.7, 1.0, 0.75, 0.25), vietnam, "China 1972: 0.68"),
            (Threat(0.7, 1.0, 0.75, 0.75), vietnam, "China 1978: 0.80")]
    for threat, situation, label in rows:
        assert choice(threat, situation) == "balance"
        assert f"{label}, balancing {pct(threat, situation, 'balance')}" in text

    start = Situation(0.05, 0.0, war=True, victory=0.5, capability=0.0, others_engaged=0.75)
    t = Threat(0.85, 1.0, 0.75, 1.0)
    out, passed = start, replace(start, capability=0.05)
    assert choice(t, out) == "neutral" and choice(t, passed) == "buck-pass"
    assert (f"Between 0 (staying out, {pct(t, out, 'neutral')}) and 0.05 (buck-passing, "
            f"{pct(t, passed, 'buck-pass')})") in text
    assert choice(t, replace(start, capability=0.25)) == "buck-pass"

    china = get_case("china-1979")
    assert f"balancing, {percent(china.predict().probabilities['balance'])})" in text
