"""The model numbers in chapter 5's exercise solutions, recomputed (the text must change if the model does)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from widgets import ModelParameters, predict
from widgets.io.cases import Case, get_case, load_alternative_cases
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
    # since the land-power reading every level of intentions keeps Japan out ("staying out is surer")
    assert p[1.0].choice == p[0.25].choice == p[0.0].choice == "neutral"
    assert p[1.0].probabilities["neutral"] < p[0.25].probabilities["neutral"] < p[0.0].probabilities["neutral"]
    # "with balancing against Germany second and passing the buck third": a great power far from Germany, whose army
    # was a fifth of the great powers' (0.20), short of the third (a_h) at which the model counts a would-be hegemon
    assert sorted(p[1.0].probabilities, key=p[1.0].probabilities.get)[-3:] == ["buck-pass", "balance", "neutral"]
    assert sorted(p[0.25].probabilities, key=p[0.25].probabilities.get)[-3:] == ["balance", "buck-pass", "neutral"]
    assert japan.situation.capability >= 0.25 and japan.threat.proximity == 0
    assert japan.situation.threat_army_share == 0.2 < ModelParameters().hegemonic_army_share
    assert p[1.0].stay_out["hegemony"] > 0
    # "Before the model read hegemony from armed forces it predicted balancing against Germany here"
    before = ModelParameters(land_hegemony=0.0)
    assert predict(japan.threat, japan.situation, params=before).choice == "balance"
    shown = [percent(p[1.0].probabilities["neutral"]), percent(p[1.0].probabilities["balance"]),
             percent(p[1.0].probabilities["buck-pass"]),
             percent(p[0.25].probabilities["neutral"]), percent(p[0.25].probabilities["buck-pass"]),
             percent(p[0.25].probabilities["balance"]), percent(p[0.0].probabilities["neutral"])]
    text = " ".join(_solution("ch5-ex-6").split())
    assert ("had 0.20 of the great powers' armed forces on the Correlates of War count for 1940, well short of the "
            "third") in text
    assert "That yearly count still includes the French army of five million beaten in June" in text
    alt = Case(load_alternative_cases().loc["japan-1940"].to_dict())
    share = round(3300 / (16569 - 5000), 3)
    assert share == 0.285 and "3300/16569" in get_case("usa-1940").row["why_threat_army_share"]
    recoded = dataclasses.replace(alt.situation, threat_army_share=share)
    balancing = predict(alt.threat, recoded).probabilities["balance"]
    assert (f"counted without France, Germany's share is 0.285 (3,300 of 11,569 thousand), and balancing against "
            f"Germany returns to {percent(balancing)}.") in text
    assert (f"the model predicts staying out (neutrality {shown[0]}), with balancing against Germany second "
            f"({shown[1]}) and passing the buck third ({shown[2]})" in text
            and f"(neutrality {shown[3]}, passing the buck {shown[4]}, balancing {shown[5]})" in text
            and f"(neutrality {shown[6]})" in text)
    # the first coding (the United States as the threat) no longer rescues the case
    main = get_case("japan-1940")
    assert main.situation.threat_army_share == 0.03
    assert predict(main.threat, main.situation, params=before).choice == "balance"
    assert main.predict().choice == "neutral"
    assert f"keeps Japan out on that coding too (neutrality {percent(main.predict().probabilities['neutral'])})" in text


def _text() -> str:
    cells = json.loads(CHAPTER.read_text(encoding="utf-8"))["cells"]
    return " ".join("".join("".join(c["source"]) for c in cells).split())


def test_walt_numbers_in_the_explorers_and_exercises_are_the_models():
    from widgets import Scenario, Situation, Threat, compare

    text = _text()

    def walt(scenario, response):
        return percent(compare(scenario).walt.probabilities[response])

    jackal = Scenario(value_status_quo=0.5, value_revision=0.75, capability=0.5, revisionist_strength=0.75, threat=0.0)
    at = {t: dataclasses.replace(jackal, threat=t) for t in (0.25, 0.75)}
    assert compare(at[0.25]).walt.choice == "balance"
    assert f"Walt's model switches to balancing ({walt(at[0.25], 'balance')})" in text
    assert f"Walt's model switches at 0.25 (balance {walt(at[0.25], 'balance')})" in text
    assert f"near certain (balance {walt(at[0.75], 'balance')})" in text
    lion = dataclasses.replace(jackal, value_status_quo=1.0, threat=0.5)
    assert f"both predict balancing (Walt {walt(lion, 'balance')}," in text
    wolf = dataclasses.replace(jackal, value_status_quo=0.0, value_revision=1.0, threat=0.75)
    assert f"Walt's model predicts balancing ({walt(wolf, 'balance')}); Schweller's" in text
    war = Scenario(value_status_quo=0.5, value_revision=0.5, capability=0.25, revisionist_strength=0.5,
                   threat=0.75, war=True, victory=1.0)
    late = dataclasses.replace(war, victory=0.75)
    assert compare(war).walt.choice == "bandwagon" and compare(late).walt.choice == "balance"
    assert f"Now Walt's model too predicts bandwagoning ({walt(war, 'bandwagon')})" in text
    assert (f"Only at 1.00 (bandwagon {walt(war, 'bandwagon')}). At 0.75 it still predicts balancing "
            f"({walt(late, 'balance')})") in text
    spain = predict(Threat(0.85, 1, 0.75, 1), Situation(0.1, 0.25, True, 0.75))
    assert spain.choice == "bandwagon"
    assert f"Walt's model predicts bandwagoning ({percent(spain.probabilities['bandwagon'])})" in _solution("ch5-ex-4")


def test_the_words_around_the_glued_case_groups():
    from widgets.model.interests import verdict_groups

    text = _text()
    compared = compare_cases()
    groups = verdict_groups(compared)
    assert groups["balance vs bandwagon"] == ["Soviet Union 1939"]  # "the threat ... the state coveted"
    assert {"Italy 1940", "Romania 1944"} <= set(groups["same alignment, different reasons"])
    assert "appear under \"same alignment, different reasons\" below" in text
    # "Joining against staying out": a grave threat next door (Belgium 1936, the lamb) or a treaty ally already at
    # war (Japan 1914, whose appetite Schweller's model reads as too thin)
    assert set(groups["balance vs out"]) == {"Japan 1914", "Belgium 1936"}
    assert get_case("japan-1914").situation.allies_fighting == 1.0
    assert ("Walt's model expects balancing, against a grave threat next door or beside a treaty ally already at "
            "war; Schweller's keeps the state out") in text and "like a lamb, it cares too little" in text
    walt = {c.case_id: c.walt.choice for c in compared}
    assert all(walt[i] == "bandwagon" for i in ("bulgaria-1915", "bulgaria-1941", "italy-1940", "romania-1944"))
    assert walt["hungary-1940"] == walt["turkey-1945"] == "neutral"
    assert "(Bulgaria in 1915 and 1941, Italy in 1940, Romania in 1944), but keeps the small bystanders" in text
    by_name = {f"{c.decider.split(' (')[0]} {c.year}": c for c in compared}
    # "Staying out against joining": small states beside a great war, and Japan 1940, a great power facing a threat
    # whose armed forces were 0.03 of the great powers' (the land-power reading)
    out_vs_bandwagon = groups["out vs bandwagon"]
    assert "Soviet Union 1945" not in out_vs_bandwagon and "Japan 1940" in out_vs_bandwagon
    assert all(get_case(by_name[n].case_id).situation.capability < 0.25 for n in out_vs_bandwagon if n != "Japan 1940")
    japan_case = get_case("japan-1940")
    assert japan_case.situation.capability >= 0.25 and japan_case.situation.threat_army_share == 0.03
    assert "states out: small states beside a great war, whose size, distance or last war counsel staying out." in text
    assert ("Japan in 1940 is here too, a great power facing a United States whose armed forces were 0.03 of the great "
            "powers', which the model reads as far from hegemony") in text
    # the Soviet Union 1945 under "same alignment, different reasons": balancing beside its allies at war (Yalta),
    # where before fighting allies bind it passed the buck; piling on, the hegemony shift and insulation as stated
    ussr = get_case("ussr-1945")
    assert "Soviet Union 1945" in groups["same alignment, different reasons"]
    assert by_name["Soviet Union 1945"].walt.choice == "balance" and by_name["Soviet Union 1945"].schweller.kind == \
        "piling-on"
    assert ussr.situation.capability >= 0.25 and ussr.threat.aggregate_power <= 0.25 and ussr.situation.victory <= 0.1
    assert ussr.situation.others_engaged > 0 and ussr.situation.allies_fighting == 1.0
    from widgets.model.versions import AT_TENTH_FILE
    assert predict(ussr.threat, ussr.situation, params=AT_TENTH_FILE).choice == "buck-pass"
    without = {name: predict(ussr.threat, ussr.situation, params=dataclasses.replace(AT_TENTH_FILE, **off)).choice
               for name, off in {"piling on": {"piling_on": 0.0}, "hegemony": {"hegemony_shift": 0.0},
                                 "both": {"hegemony_shift": 0.0, "insulated_buckpassing": 0.0}}.items()}
    assert without == {"piling on": "neutral", "hegemony": "buck-pass", "both": "balance"}
    shifts = ussr.predict().stay_out
    assert 0 < shifts["hegemony"] < predict(ussr.threat, ussr.situation,
                                            params=ModelParameters(piling_on=0.0)).stay_out["hegemony"]
    for phrase in ("Great powers, on Levy's reading, balance against states that could dominate the system and "
                   "seldom against lesser ones {cite:p}`levy2004balance`",
                   "but the model still had the Soviet Union leave the fighting to the states already at war with "
                   "Japan (passing the buck {cite:p}`mearsheimer2001tragedy`)",
                   "with fighting allies bind (chapter 4) Walt's model has it balance against Japan, while "
                   "Schweller's has it pile on",
                   "and piling on and fighting allies bind were prompted in part by this very case, so it cannot test "
                   "them."):
        assert phrase in text, phrase
    # "Same alignment, different reasons": Japan 1940 was there before the land-power reading (Walt's model had it
    # balance against the United States, a hit); now Walt's model keeps it out, a miss, and Schweller's is still right
    japan = by_name["Japan 1940"]
    assert "Japan 1940" not in groups["same alignment, different reasons"]
    assert japan.walt.choice == "neutral" and not japan.walt_correct and japan.schweller_correct
    assert predict(japan_case.threat, japan_case.situation,
                   params=ModelParameters(land_hegemony=0.0)).choice == "balance"
    assert ("Japan in 1940 was here until the model read closeness to hegemony from armed forces: Walt's model had it "
            "join "
            "the Axis to balance against the United States") in text
    assert "The Soviet Union in 1945 is here: a great power beside a Japan too weak to endanger it" in text
    assert ("Japan in 1940 (staying out against joining; the same camp for opposite reasons before the land-power "
            "reading)") in text
    assert ("Soviet Union in 1945 (the same camp for different reasons: balancing beside its allies against piling "
            "on)") in text
    # the case box's paragraph: a hit before (88% balancing), now kept out (98%)
    japan_before = predict(japan_case.threat, japan_case.situation, params=ModelParameters(land_hegemony=0.0))
    assert f"balancing against the United States ({percent(japan_before.probabilities['balance'])})" in text
    assert f"predicts that Japan stays out ({percent(japan_case.predict().probabilities['neutral'])})" in text
    assert by_name["Soviet Union 1945"].schweller.kind == "piling-on"


def test_the_words_around_the_scoreboards_contrast():
    """'Only Schweller's model': jackals Walt's model sends to the other camp or keeps out, one state piling on
    (Turkey 1945, kept out) and the lamb Walt's model expects to balance (since fighting allies bind, Walt's model
    gets the Soviet Union 1945, Romania 1916 and Britain 1914 too); 'only Walt's model': Spain 1940 and Japan 1914;
    'neither': Italy 1915."""
    from widgets.model.interests import side_contrast

    text = _text()
    compared = {c.case_id: c for c in compare_cases()}
    named = {f"{c.decider.split(' (')[0]} {c.year}": c for c in compared.values()}
    only = [named[n] for n in side_contrast(list(compared.values()))["schweller only"]]
    kinds = {c.case_id: (c.row["observed_kind"], c.row["observed_side"], c.walt.choice) for c in only}
    piling = sorted(i for i, (kind, _, _) in kinds.items() if kind == "piling-on")
    assert piling == ["turkey-1945"] and kinds["turkey-1945"][2] == "neutral"
    assert "a state piling on at the end of a war (Turkey in 1945, which Walt's model keeps neutral)" in text
    assert not [c for c in only if c.schweller.label == "Balance"]  # no lion left to Walt's buck-passing
    assert not [c for c in only if c.case_id == "romania-1916"]
    walt_only = side_contrast(list(compared.values()))["walt only"]
    assert sorted(walt_only) == ["Japan 1914", "Spain 1940"]
    assert compared["japan-1914"].walt.choice == "balance" and compared["japan-1914"].schweller.choice != "balance"
    assert "Japan in 1914 joined the war beside Britain, its treaty ally already at war with Germany" in text
    assert side_contrast(list(compared.values()))["neither"] == ["Italy 1915"]
    italy = compared["italy-1915"]
    assert italy.walt.choice == "buck-pass" and get_case("italy-1915").situation.allies_fighting == 0.0
    assert "(the Treaty of London, which made them so, was the decision itself)" in text


def test_the_coding_rule_sentence():
    """'when a jackal's leaders named no fear at all, the case file makes the state whose conduct triggered the
    choice its threat ... whether Hungary in 1940 would balance against Germany. Japan showed how much hangs on that
    rule ... predicted balancing against the United States ...; coded with Germany as the threat ... it predicted
    balancing against Germany ... Since the model reads closeness to hegemony from armed forces it keeps Japan out on
    both codings, a miss either way: the American armed forces were 0.03 ... and Germany's 0.20'."""
    from widgets.io.cases import load_cases

    text = _text()
    cases = load_cases()
    alternative, _ = alternative_cases()
    assert cases.loc["hungary-1940", "threat_source"] == "Germany"
    assert cases.loc["japan-1940", "threat_source"] == "United States"
    assert alternative.loc["japan-1940", "threat_source"] == "Germany"
    before = ModelParameters(land_hegemony=0.0)
    main, alt = get_case("japan-1940"), get_case("japan-1940", alternative)
    assert cases.loc["japan-1940", "observed"] == "balance" and alternative.loc["japan-1940", "observed"] == "bandwagon"
    assert predict(main.threat, main.situation, params=before).choice == "balance"
    assert predict(alt.threat, alt.situation, params=before).choice == "balance"
    assert main.predict().choice == alt.predict().choice == "neutral"
    assert (main.situation.threat_army_share, alt.situation.threat_army_share) == (0.03, 0.2)
    assert "whether Hungary in 1940 would balance against Germany" in text
    assert "as the alternative coding has it, it predicted balancing against Germany, the opposite" in text
    assert ("it keeps Japan out on both codings, a miss either way: the American armed forces were 0.03 of the great "
            "powers' and Germany's 0.20, a 1940 count that still includes France's beaten army") in text

