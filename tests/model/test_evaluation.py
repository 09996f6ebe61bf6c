"""Evaluation of the model against the cases: metrics on a fixed table with known answers,
baselines, the weight sweep and the leave-one-out estimate."""

import ast
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets import CHOICES, ModelParameters, ThreatWeights, predict
from widgets.io.cases import Case, load_cases, predict_cases
from widgets.model import evaluation as ev
from widgets.model.alignment import choices_under_weights
from widgets.model.versions import AT_FIFTH_FILE, AT_TENTH_FILE, AT_THIRD_FILE

from ..strategies import full_situations, threats, weights

ROOT = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- metrics on a hand-checked table

# observed -> predicted, ten cases:
#   balance   x4: predicted balance, balance, balance, bandwagon
#   bandwagon x3: predicted bandwagon, balance, balance
#   buck-pass x2: predicted neutral, balance
#   neutral   x1: predicted neutral
OBSERVED = ["balance"] * 4 + ["bandwagon"] * 3 + ["buck-pass"] * 2 + ["neutral"]
PREDICTED = [
    "balance",
    "balance",
    "balance",
    "bandwagon",
    "bandwagon",
    "balance",
    "balance",
    "neutral",
    "balance",
    "neutral",
]


def test_metrics_on_a_fixed_table_match_hand_computation():
    m = ev.evaluate(OBSERVED, PREDICTED)
    assert (m.n, m.correct) == (10, 5)
    assert m.accuracy == pytest.approx(0.5)
    assert m.recall == pytest.approx({"balance": 0.75, "bandwagon": 1 / 3, "buck-pass": 0.0, "neutral": 1.0})
    # predicted balance 6 times (3 right), bandwagon twice (1 right), neutral twice (1 right), buck-pass never
    assert m.precision["balance"] == pytest.approx(0.5)
    assert m.precision["bandwagon"] == pytest.approx(0.5)
    assert m.precision["neutral"] == pytest.approx(0.5)
    assert m.precision["buck-pass"] is None
    assert m.hits == {"balance": (3, 4), "bandwagon": (1, 3), "buck-pass": (0, 2), "neutral": (1, 1)}
    assert m.confusion == ((3, 1, 0, 0), (2, 1, 0, 0), (1, 0, 0, 1), (0, 0, 0, 1))
    frame = m.confusion_frame()
    assert list(frame.index) == list(CHOICES) == list(frame.columns)
    assert frame.loc["bandwagon", "balance"] == 2


def test_recall_is_none_for_a_choice_nobody_made():
    m = ev.evaluate(["balance", "balance"], ["balance", "neutral"])
    assert m.recall["bandwagon"] is None and m.recall["balance"] == 0.5
    assert sum(map(sum, m.confusion)) == m.n


@pytest.mark.parametrize(
    "observed, predicted, message",
    [
        (["balance"], ["balance", "neutral"], "observed has 1 choices but predicted has 2"),
        ([], [], "observed is empty"),
        (["balance"], ["appease"], "predicted has unknown choice(s) 'appease'"),
        (["Balance"], ["balance"], "observed has unknown choice(s) 'Balance'"),
    ],
)
def test_evaluate_rejects_bad_input_with_a_clear_message(observed, predicted, message):
    with pytest.raises(ValueError) as info:
        ev.evaluate(observed, predicted)
    assert message in str(info.value)


def test_evaluate_rejects_a_string():
    with pytest.raises(TypeError, match="observed must be a sequence of choices"):
        ev.evaluate("balance", ["balance"])


# ---------------------------------------------------------------- baselines on a small table


def small_cases():
    base = {
        "aggregate_power": 0.8,
        "proximity": 1.0,
        "offensive_power": 0.75,
        "aggressive_intentions": 1.0,
        "allied_support": 0.5,
        "war": False,
        "victory": 0.5,
    }
    rows = [
        {**base, "case_id": "a", "own_strength": 0.2, "observed": "balance"},
        {**base, "case_id": "b", "own_strength": 0.6, "observed": "neutral"},
        {**base, "case_id": "c", "own_strength": 0.5, "observed": "bandwagon"},
    ]
    return pd.DataFrame(rows).set_index("case_id", drop=False)


def test_predictors_reject_something_that_is_not_the_case_table():
    with pytest.raises(TypeError, match="cases must be the DataFrame"):
        ev.walt_predictions([{"observed": "balance"}])
    with pytest.raises(ValueError, match="missing column"):
        ev.walt_predictions(pd.DataFrame({"observed": ["balance"]}))


# ---------------------------------------------------------------- the book's cases


@pytest.fixture(scope="module")
def facts(cases, sweep):
    """Chapter 8's numbers, computed once for the module (``chapter_facts(cases)`` computes this same
    sweep itself when none is given)."""
    return ev.chapter_facts(cases, sweep)


def test_walt_baseline_agrees_with_predict_cases(cases):
    table = predict_cases(cases)
    assert ev.walt_predictions(cases) == list(table["predicted"])
    m = ev.compare_baselines(cases)["Walt's threat model"]
    assert m.correct == int(table["correct"].sum())


def test_baselines_cover_every_case_and_the_table_reports_them(cases):
    metrics = ev.compare_baselines(cases)
    assert tuple(metrics) == ev.BASELINES
    assert all(m.n == len(cases) for m in metrics.values())
    modal = cases["observed"].value_counts().max()
    assert metrics["most common choice"].correct == modal
    table = ev.baseline_table(metrics)
    assert list(table.index) == list(ev.BASELINES)


def test_miss_table_lists_exactly_the_wrong_cases(cases):
    table = predict_cases(cases)
    misses = ev.miss_table(cases)
    assert sorted(misses["case_id"]) == sorted(table.index[~table["correct"]])
    assert (misses["predicted"] != misses["observed"]).all()


def test_weight_grid_has_every_combination_but_all_zero():
    grid = ev.weight_grid((0.0, 1.0))
    assert len(grid) == 2**4 - 1
    assert len(ev.weight_grid()) == len(ev.WEIGHT_LEVELS) ** 4 - 1
    with pytest.raises(ValueError, match="non-negative"):
        ev.weight_grid((-1.0, 1.0))
    with pytest.raises(ValueError, match="above 0"):
        ev.weight_grid((0.0,))


def test_sweep_at_equal_weights_matches_the_default_model(cases, sweep):
    k = sweep.index_of(ThreatWeights())
    assert list(sweep.predicted[k]) == ev.walt_predictions(cases)
    assert sweep.correct.shape == (len(sweep.weights), len(cases))
    assert sweep.metrics(ThreatWeights()).correct == int(sweep.correct[k].sum())
    with pytest.raises(ValueError, match="not on the sweep's grid"):
        sweep.index_of(ThreatWeights(aggregate_power=0.3))


def test_best_weights_prefers_accuracy_then_equal_weights():
    weights = (ThreatWeights(2, 0, 0, 0), ThreatWeights(1, 1, 1, 1), ThreatWeights(0, 0, 0, 1))
    correct = np.array([[True, True, False], [True, False, False], [True, True, False]])
    sweep = ev.WeightSweep(("x", "y", "z"), ("balance",) * 3, weights, (("balance",) * 3,) * 3, correct)
    # rows 0 and 2 tie on accuracy and on distance from equal: grid order decides
    assert ev.best_weights(sweep) == 0
    # on case x alone, all three tie: equal weights win
    assert ev.best_weights(sweep, np.array([True, False, False])) == 1
    with pytest.raises(ValueError, match="boolean mask"):
        ev.best_weights(sweep, np.array([False, False, False]))


def test_leave_one_out_never_sees_the_held_out_case():
    """A case whose right answer only one weight setting gets: tuned on the others (where
    that setting is worse), the held-out prediction must miss it."""
    weights = (ThreatWeights(1, 1, 1, 1), ThreatWeights(1, 0, 0, 0))
    # case 0 only right under weights 1; cases 1-2 only right under weights 0
    correct = np.array([[False, True, True], [True, False, False]])
    predicted = (("neutral", "balance", "balance"), ("balance", "neutral", "neutral"))
    sweep = ev.WeightSweep(("p", "q", "r"), ("balance", "balance", "balance"), weights, predicted, correct)
    result = ev.leave_one_out(None, sweep=sweep)
    assert list(result.folds["correct"]) == [False, True, True]
    assert result.metrics.correct == 2
    assert result.in_sample.correct == 2 and result.tuned_weights == weights[0]


def test_leave_one_out_on_the_book_cases_is_no_better_than_in_sample(cases, sweep):
    result = ev.leave_one_out(cases, sweep=sweep)
    assert len(result.folds) == len(cases)
    assert result.metrics.correct <= result.in_sample.correct
    assert result.in_sample.correct >= result.default.correct
    assert result.in_sample.correct == int(sweep.correct.sum(axis=1).max())


def test_leave_one_out_rejects_a_bad_sweep():
    with pytest.raises(TypeError, match="sweep must be a WeightSweep"):
        ev.leave_one_out(None, sweep="nope")


def test_evaluation_is_a_pure_model_module():
    tree = ast.parse((ROOT / "widgets" / "model" / "evaluation.py").read_text())
    used = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    used |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert not used & {"plotly", "ipywidgets", "IPython"}, used


# ---------------------------------------------------------------- figures and the explorer




def test_accuracy_distribution_counts_every_setting(sweep):
    dist = ev.accuracy_distribution(sweep)
    assert sum(dist.values()) == len(sweep.weights)
    assert max(dist) == int(sweep.correct.sum(axis=1).max())




def test_loo_summary_has_three_rows(cases, sweep):
    table = ev.loo_summary(ev.leave_one_out(cases, sweep=sweep))
    assert len(table) == 3 and table.iloc[0]["correct"].endswith(f"/{len(cases)}")
    with pytest.raises(TypeError):
        ev.loo_summary("x")


# ---------------------------------------------------------------- claims the chapter makes in words

# The misses chapter 8 names, group by group (observed, predicted), in "The misses fall into four
# groups"; recomputed with the model as it is (no neutrality lesson for a target, the insulation
# term, the hegemony shift with its land-power reading and piling on on) on the case file as coded (93 cases).
MISS_GROUPS = {
    ("bandwagon", "balance"): {"russia-1807", "ussr-1939", "egypt-1974"},
    ("bandwagon", "neutral"): {"persia-1881", "hungary-1940", "turkey-1945"},
    ("balance", "neutral"): {"turkey-1939", "turkey-1952", "saudi-arabia-1990", "japan-1990",
                             "austria-1866", "britain-1904", "japan-1940"},
    ("balance", "buck-pass"): {"west-germany-1955", "italy-1915"},
    ("balance", "bandwagon"): {"finland-1939"},
    ("buck-pass", "balance"): {"prussia-1795", "usa-1939", "usa-1940"},
    ("buck-pass", "neutral"): {"turkey-1940", "britain-1936", "france-1936"},
    ("neutral", "balance"): {"austria-hungary-1870", "belgium-1936", "austria-1955"},
    ("neutral", "buck-pass"): {"britain-1870", "italy-1914", "romania-1914"},
    ("neutral", "bandwagon"): {"hungary-1956"},
}
WITHOUT_INSULATION = ModelParameters(insulated_buckpassing=0.0)
WITHOUT_HEGEMONY = ModelParameters(hegemony_shift=0.0)
WITHOUT_BOTH = ModelParameters(insulated_buckpassing=0.0, hegemony_shift=0.0)
CHAPTER_8 = ROOT / "chapters" / "08_history.ipynb"


def test_chapter_names_exactly_the_misses_in_their_groups(cases):
    misses = ev.miss_table(cases)
    found = {}
    for _, row in misses.iterrows():
        found.setdefault((row["observed"], row["predicted"]), set()).add(row["case_id"])
    assert found == MISS_GROUPS
    close = set(misses[(misses["observed"] == "bandwagon") & (misses["p(observed)"] >= 0.3)]["case_id"])
    assert close == {"egypt-1974"}
    # "the great powers among them": Russia 1807 and the Soviet Union 1939, at or above great-power rank,
    # Russia's war short of the settled point, the Soviet Union's choice in peace
    assert all(cases.loc[c, "capability"] >= 0.25 for c in ("russia-1807", "ussr-1939"))
    assert not cases.loc["ussr-1939", "war"] and cases.loc["russia-1807", "target"]
    # 'a great power under attack does not give way to its attacker at any stage of the war'
    from dataclasses import replace

    from widgets.io.cases import get_case
    russia = get_case("russia-1807", cases)
    assert {predict(russia.threat, replace(russia.situation, victory=v / 20)).choice for v in range(21)} == {"balance"}
    assert cases.loc["finland-1939", "allied_support"] == 0.25


def test_chapter_8_on_the_insulation_term(cases):
    """Chapter 8 on the insulation term: at the start, Britain 1870 and the United States 1914 (neutral)
    were predicted to balance without it, and the three-way macro recall on the book's cases rose with it
    when it was adopted (the model then: without the hegemony shift; the setup cell glues both values);
    in the groups of misses, it raises but does not win the buck-passing odds of Britain 1936 (whose
    neutrality is likelier) and the United States 1940 (whose balancing is), is zero for Prussia 1795 (a
    target) and small for France 1936 (a neighbour of the threat with few others engaged), and it had
    nothing to act on for Britain 1923 (no one else fighting its threat)."""
    from widgets.io.cases import get_case
    from widgets.model.staying_out import insulated_buckpassing

    observed = list(cases["observed"])
    now, before = ev.walt_predictions(cases), ev.walt_predictions(cases, params=WITHOUT_INSULATION)
    moved = {cid: (b, n) for cid, b, n in zip(cases.index, before, now, strict=True) if b != n}
    # at its adoption it moved Britain 1870 and the United States 1914 (the model as the tenth file was coded); since
    # the land-power reading the United States 1914 is neutral either way
    then = dict(zip(cases.index, ev.walt_predictions(cases, params=AT_TENTH_FILE), strict=True))
    then_without = dict(zip(cases.index, ev.walt_predictions(
        cases, params=replace(AT_TENTH_FILE, insulated_buckpassing=0.0)), strict=True))
    assert {c for c in cases.index if then[c] != then_without[c]} >= {"britain-1870", "usa-1914"}
    assert all((then_without[c], then[c]) == ("balance", "buck-pass") for c in ("britain-1870", "usa-1914"))
    assert moved == {"britain-1870": ("balance", "buck-pass")}
    assert {cases.loc[c, "observed"] for c in ("britain-1870", "usa-1914")} == {"neutral"}
    # the Soviet Union 1945: the insulation term sent it to pass the buck until fighting allies bind (its allies
    # were those fighting Japan); now a hit with or without the insulation term
    assert cases.loc["ussr-1945", "observed"] == "balance" == now[list(cases.index).index("ussr-1945")]
    then = ev.walt_predictions(cases.loc[["ussr-1945"]], params=AT_TENTH_FILE)
    assert then == ["buck-pass"] and ev.walt_predictions(
        cases.loc[["ussr-1945"]], params=replace(AT_TENTH_FILE, insulated_buckpassing=0.0)) == ["balance"]
    text = " ".join(CHAPTER_8.read_text().replace('\\n",\n    "', " ").split())
    assert ("is a threat the insulation term expects a great power to leave to those already fighting it, unless, "
            "as here, those fighting are its own allies") in text
    # at its adoption: the model without either late term, then with the insulation term alone (before z)
    without_both = ev.score(observed, ev.walt_predictions(
        cases, params=replace(AT_TENTH_FILE, insulated_buckpassing=0.0, hegemony_shift=0.0))).three.macro_recall
    adopted = ev.score(observed, ev.walt_predictions(
        cases, params=replace(AT_TENTH_FILE, hegemony_shift=0.0))).three.macro_recall
    assert without_both < adopted

    def probabilities(cid, params=None):
        case = get_case(cid, cases)
        return predict(case.threat, case.situation, params=params).probabilities

    for cid, stronger in (("britain-1936", "neutral"), ("usa-1940", "balance")):
        p = probabilities(cid)
        assert probabilities(cid, WITHOUT_INSULATION)["buck-pass"] < p["buck-pass"] < p[stronger]
    assert all(get_case(c, cases).predict().choice == "balance" for c in ("prussia-1795", "usa-1940"))
    assert get_case("britain-1936", cases).predict().choice == "neutral"
    assert get_case("france-1936", cases).predict().choice == "neutral"
    assert ev.walt_predictions(cases.loc[["france-1936"]], params=AT_TENTH_FILE) == ["balance"]
    term = {c: insulated_buckpassing(get_case(c, cases).threat, get_case(c, cases).situation)
            for c in ("prussia-1795", "france-1936", "britain-1936", "britain-1923")}
    assert cases.loc["prussia-1795", "target"] and term["prussia-1795"] == 0
    assert cases.loc["france-1936", "proximity"] == 1 and cases.loc["france-1936", "others_engaged"] <= 0.25
    assert 0 < term["france-1936"] < term["britain-1936"]
    assert term["britain-1923"] == 0 and cases.loc["britain-1923", "others_engaged"] == 0


def test_chapter_8_on_the_hegemony_shift(cases, facts):
    """Chapter 8 on the hegemony shift. At the start: the three-way macro recall on the book's cases rose
    with it, from the model without it (fact["before_h_macro3"], computed by chapter_facts with
    hegemony_shift=0.0) to the model with it (fact["before_j_macro3"], before allies came to end hiding).
    In the groups of misses: it sends three balancers to
    neutrality: Austria 1866 (just short of great-power rank; Prussia's army a tenth of the great powers') and,
    with the land-power reading, Britain 1904 and Japan 1940 (armies of 0.17 and 0.03), while the United States
    1947 (a Soviet army of 0.44) is a hit; with piling on it no longer keeps the Soviet Union 1945 out (Japan all
    but beaten); it makes Britain
    1936 (Germany at little more than half the leader) neutral, a three-way hit, and Britain 1923 (France
    at a fifth of the leader) a hit; Austria-Hungary 1870 (Prussia next door, at nearly half the leader)
    gets pull from both terms but stays out with about one chance in three; Belgium 1936 and Austria 1955,
    small states, get little pull to stay out."""
    from widgets.io.cases import get_case
    from widgets.model.staying_out import distance_from_hegemony, insulated_buckpassing

    observed = list(cases["observed"])
    now, before = ev.walt_predictions(cases), ev.walt_predictions(cases, params=WITHOUT_HEGEMONY)
    moved = {cid: (b, n) for cid, b, n in zip(cases.index, before, now, strict=True) if b != n}
    assert moved == {"austria-1866": ("balance", "neutral"), "britain-1904": ("balance", "neutral"),
                     "japan-1940": ("balance", "neutral"), "france-1936": ("balance", "neutral"),
                     "britain-1923": ("balance", "neutral"), "britain-1936": ("balance", "neutral"),
                     "netherlands-1914": ("buck-pass", "neutral"), "usa-1914": ("buck-pass", "neutral")}
    shares = cases["threat_army_share"]
    assert (shares["austria-1866"], shares["britain-1904"], shares["japan-1940"], shares["usa-1947"]) == (
        0.1, 0.17, 0.03, 0.44)
    assert (shares["britain-1936"], shares["france-1936"], shares["britain-1923"]) == (0.15, 0.15, 0.13)
    assert shares["austria-hungary-1870"] == 0.15 and shares["netherlands-1914"] == shares["usa-1914"] == 0.17
    assert ev.score(observed, before).three.macro_recall < ev.score(observed, now).three.macro_recall
    chapter = json.loads(CHAPTER_8.read_text(encoding="utf-8"))["cells"]
    setup, prose = chapter[1]["source"], "".join("".join(c["source"]) for c in chapter if c["cell_type"] == "markdown")
    # the glued number is chapter_facts' (the setup cell glues every chapter_facts key), computed with the shift off
    assert "ev.chapter_facts(cases, sweep)" in "".join(setup)
    assert facts["before_h_macro3"] == ev.score(observed, ev.walt_predictions(
        cases, params=AT_THIRD_FILE)).three.macro_recall  # the model just before the shift
    assert 'fact["before_h_macro3:.3f"]` to {eval}`fact["before_j_macro3:.3f"]' in prose  # up to the shift's adoption
    assert facts["before_j_macro3"] > facts["before_h_macro3"]
    # the three great powers that balanced, now predicted neutral
    # Austria 1866 "just short of great-power rank on the index" (a quarter of the leading power)
    assert all(cases.loc[c, "observed"] == "balance" for c in ("austria-1866", "usa-1947", "ussr-1945"))
    assert ev.walt_predictions(cases.loc[["usa-1947"]]) == ["balance"]
    assert ev.walt_predictions(cases.loc[["usa-1947"]], params=AT_TENTH_FILE) == ["neutral"]
    assert 0.2 <= cases.loc["austria-1866", "capability"] < 0.25
    assert cases.loc["usa-1947", "capability"] >= 0.25 and cases.loc["ussr-1945", "capability"] >= 0.25
    assert cases.loc["austria-1866", "aggregate_power"] == 0.25
    assert cases.loc["austria-1866", "threat_source"] == "Prussia"
    assert "United Kingdom" in cases.loc["austria-1866", "why_aggregate_power"]
    assert cases.loc["usa-1947", "aggregate_power"] < 0.5 and cases.loc["usa-1947", "capability"] == 1
    ussr = cases.loc["ussr-1945"]
    assert ussr["aggregate_power"] <= 0.25 and ussr["war"] and ussr["victory"] <= 0.1 and ussr["others_engaged"] == 1
    # before fighting allies bind (the model as the tenth file was coded): without the shift it passed the buck,
    # without the shift and insulation it balanced; now it balances either way
    assert ev.walt_predictions(cases.loc[["ussr-1945"]], params=replace(AT_TENTH_FILE, hegemony_shift=0.0)) == [
        "buck-pass"]
    assert ev.walt_predictions(cases.loc[["ussr-1945"]], params=replace(
        AT_TENTH_FILE, hegemony_shift=0.0, insulated_buckpassing=0.0)) == ["balance"]
    assert ev.walt_predictions(cases.loc[["ussr-1945"]], params=WITHOUT_HEGEMONY) == ["balance"]
    # Britain 1936 and 1923
    assert 0.5 < cases.loc["britain-1936", "aggregate_power"] <= 0.6
    assert cases.loc["britain-1923", "aggregate_power"] == 0.2 and cases.loc["britain-1923", "observed"] == "neutral"
    assert cases.loc["britain-1923", "neutrality_lesson"] == cases.loc["austria-hungary-1870", "neutrality_lesson"] < 0

    def probabilities(cid):
        return get_case(cid, cases).predict().probabilities

    # Austria-Hungary 1870: both terms pull, not enough
    ah = get_case("austria-hungary-1870", cases)
    assert insulated_buckpassing(ah.threat, ah.situation) > 0 and distance_from_hegemony(ah.threat, ah.situation) > 0
    assert cases.loc["austria-hungary-1870", "proximity"] == 1
    assert 0.4 <= cases.loc["austria-hungary-1870", "aggregate_power"] < 0.5
    p = probabilities("austria-hungary-1870")
    assert ah.predict().choice == "balance" and 0.3 < p["buck-pass"] + p["neutral"] < 0.4
    for cid in ("belgium-1936", "austria-1955"):
        p = probabilities(cid)
        assert p["buck-pass"] + p["neutral"] < 0.3 and cases.loc[cid, "capability"] < 0.1
    assert all(cases.loc[c, "neutrality_lesson"] < 0 for c in ("austria-hungary-1870", "belgium-1936"))
    assert not cases.loc["austria-1955", "war"] and cases.loc["austria-1955", "neutrality_lesson"] == 0


def test_chapter_claims_about_weights_and_leave_one_out(cases, sweep, facts):
    """Chapter 8: some weight settings beat equal weights in sample, most of those by one or two cases
    (the best by two), yet re-tuned out of sample the model does worse than equal weights ("none of it
    survives ... do no better than leaving the sources equal"; quiz 8 says the same), with almost every
    fold moving away from them."""
    assert facts["settings_above_default"] > 0 and 0 < facts["settings_best"] - facts["walt_correct"] <= 4
    dist = ev.accuracy_distribution(sweep)
    near = sum(k for c, k in dist.items() if facts["walt_correct"] < c <= facts["walt_correct"] + 2)
    assert 2 * near > facts["settings_above_default"]  # "most of them one or two more"
    assert facts["loo_in_sample"] == facts["settings_best"]
    loss = facts["walt_correct"] - facts["loo_correct"]  # "no more than equal weights get"
    assert loss >= 0 and facts["loo_in_sample"] - facts["walt_correct"] == 2  # "two more"
    assert "a few more than equal weights" not in CHAPTER_8.read_text()
    text = " ".join(CHAPTER_8.read_text().replace('\\n",\n    "', " ").split())
    assert "predicted correctly, no more than equal weights get without any tuning" in text
    assert "where the tuned weights do no better than leaving the sources equal" in text
    quiz = " ".join((ROOT / "widgets" / "io" / "quizzes" / "08_history.yml").read_text().split())
    assert "weights re-tuned without the case left out get no more right than equal weights" in quiz
    assert "the weights tuned in sample do no better on the cases left out than equal weights" in quiz
    result = ev.leave_one_out(cases, sweep=sweep)
    unequal = [
        i
        for i, r in result.folds.iterrows()
        if ThreatWeights(**{s: r[s] for s in ev.THREAT_SOURCES}).normalised() != ThreatWeights().normalised()
    ]
    assert len(unequal) == facts["loo_unequal_folds"] >= len(cases) - 2


def test_chapter_exercise_belgium_1936():
    from widgets import Situation, Threat, predict

    p = predict(
        Threat(aggregate_power=0.55, proximity=1, offensive_power=0.5, aggressive_intentions=0.75),
        Situation(own_strength=0.1, allied_support=0.5),
    )
    assert p.choice == "balance" and round(p.probabilities["balance"], 2) == 0.88


def test_schweller_comparison_and_the_chapter_claims(cases):
    """Chapter 8 glues the counts and the four groups; what it states in words is checked here: the
    first nine cases (chosen to illustrate Schweller) all bandwagoned, the later ones add decisions that
    are not bandwagoning, Walt's model got Japan 1940 right until the land-power reading (now Schweller's only),
    and gets the Soviet Union 1945 right again since
    fighting allies bind (the model as the tenth file was coded missed it)."""
    table, counts = ev.schweller_comparison(cases)
    assert counts["n"] == len(table) and 0 <= counts["walt"] <= counts["n"]
    assert all(label.startswith("bandwagon") for label in table["observed"].iloc[:9])
    assert {"balance", "neutral"} <= set(table["observed"].iloc[9:])
    groups = ev.schweller_groups(table)
    assert sorted(n for names in groups.values() for n in names) == sorted(
        f"{c.split(', ')[0].split(' (')[0]} {c.rsplit(', ', 1)[1]}" for c in table.index)
    assert len(groups["both"]) + len(groups["walt only"]) == counts["walt"]
    assert len(groups["both"]) + len(groups["schweller only"]) == counts["schweller"]
    assert "Japan 1940" in groups["schweller only"]
    text = " ".join(CHAPTER_8.read_text().replace('\\n",\n    "', " ").split())
    assert ("Coded from what Japan feared (the United States), Japan 1940 was a hit for Walt's model until the "
            "land-power reading of the hegemony shift") in text
    assert "Soviet Union 1945" in groups["both"]  # since fighting allies bind; before it, Schweller's only
    assert ev.walt_predictions(cases.loc[["ussr-1945"]], params=AT_TENTH_FILE) == ["buck-pass"]


def test_ussr_1945_is_balancing_for_walt_and_piling_on_for_schweller(cases):
    table, _ = ev.schweller_comparison(cases)
    row = table.loc["Soviet Union (Stalin), 1945"]
    assert cases.loc["ussr-1945", "observed"] == "balance" and row["observed"] == "bandwagon (piling on)"


# ---------------------------------------------------------------- three-way split and macro recall (hand-checked)


def test_macro_recall_and_three_way_split_on_the_fixed_table():
    m = ev.evaluate(OBSERVED, PREDICTED)
    assert m.macro_recall == pytest.approx((0.75 + 1 / 3 + 0.0 + 1.0) / 4)
    card = ev.score(OBSERVED, PREDICTED)
    # stay out: buck-pass->neutral (hit), buck-pass->balance (miss), neutral->neutral (hit)
    assert card.three.hits == {"align against": (3, 4), "align with": (1, 3), "stay out": (2, 3)}
    assert card.three.macro_recall == pytest.approx((0.75 + 1 / 3 + 2 / 3) / 3)
    assert card.three.confusion == ((3, 1, 0), (2, 1, 0), (1, 0, 2))
    assert list(card.three.confusion_frame().index) == list(ev.THREE_WAY)
    assert ev.three_way(["buck-pass", "neutral", "bandwagon"]) == ["stay out", "stay out", "align with"]


def test_macro_recall_skips_outcomes_nobody_chose():
    m = ev.evaluate(["balance", "balance", "neutral"], ["balance", "neutral", "neutral"])
    assert m.macro_recall == pytest.approx((0.5 + 1.0) / 2)


def test_scorecard_table_reports_both_splits():
    table = ev.scorecard_table({"x": ev.score(OBSERVED, PREDICTED)})
    row = table.loc["x"]
    assert (row["correct"], row["bandwagon"], row["stay out"]) == ("5/10", "1/3", "2/3")
    assert row["macro recall (3)"] == round((0.75 + 1 / 3 + 2 / 3) / 3, 3)
    with pytest.raises(TypeError, match="must be a Scorecard"):
        ev.scorecard_table({"x": "nope"})


# ---------------------------------------------------------------- simple rules, tuned

from widgets.model import evaluation_rules as er  # noqa: E402


def rule_cases(rows):
    base = {
        "aggregate_power": 0.5,
        "proximity": 0.5,
        "offensive_power": 0.5,
        "aggressive_intentions": 0.5,
        "own_strength": 0.3,
        "allied_support": 0.5,
        "war": False,
        "victory": 0.5,
    }
    return pd.DataFrame([{**base, "case_id": f"c{i}", **r} for i, r in enumerate(rows)]).set_index(
        "case_id", drop=False
    )


def test_rules_predict_what_they_say():
    cases = rule_cases(
        [
            {"war": True, "victory": 0.8, "observed": "bandwagon", "aggregate_power": 1.0},
            {"war": True, "victory": 0.6, "observed": "balance", "own_strength": 0.6},
            {"war": False, "victory": 0.5, "observed": "neutral", "proximity": 0.0, "aggressive_intentions": 0.0},
            {"allied_support": 0.9, "observed": "buck-pass"},
        ]
    )
    rules = er.RULES_BY_NAME
    assert rules["war and victory"].predict(cases, 0.75) == ["bandwagon", "balance", "balance", "balance"]
    assert rules["war and victory"].predict(cases, 0.6) == ["bandwagon", "bandwagon", "balance", "balance"]
    assert rules["war, victory and weakness"].predict(cases, 0.6, 0.5) == ["bandwagon", "balance", "balance", "balance"]
    # threat levels: 0.5, 0.5, 0.25 (mean of 0.5, 0, 0.5, 0), 0.5
    assert rules["threat level"].predict(cases, 0.3) == ["balance", "balance", "neutral", "balance"]
    assert rules["allied support"].predict(cases, 0.9) == ["balance", "balance", "balance", "buck-pass"]
    assert rules["ally against the strongest state"].predict(cases, 1.0, "bandwagon") == [
        "balance",
        "bandwagon",
        "bandwagon",
        "bandwagon",
    ]
    assert rules["war and victory"].describe((1.05,)) == "bandwagon if at war and victory >= never, else balance"


def test_objective_scores_by_hand():
    obs = np.array([0, 0, 1, 2, 3])  # balance, balance, bandwagon, buck-pass, neutral
    pred = np.array([[0, 0, 0, 0, 0], [0, 1, 1, 3, 0]])
    assert er.objective_scores(pred, obs, "accuracy") == pytest.approx([0.4, 0.4])  # rows hit cases 0-1 and 0, 2
    # three-way: against 2/2 and 1/2, with 0/1 and 1/1, stay out 0/2 and 1/2
    assert er.objective_scores(pred, obs, "macro recall (3)") == pytest.approx([1 / 3, (0.5 + 1 + 0.5) / 3])
    with pytest.raises(ValueError, match="objective must be one of"):
        er.objective_scores(pred, obs, "f1")


def test_tuning_takes_the_middle_of_tied_thresholds_and_loo_retunes():
    # bandwagoners at victory 0.8 and 0.9, a balancer at war with victory 0.5: every t in (0.5, 0.8] fits all three
    cases = rule_cases(
        [
            {"war": True, "victory": 0.8, "observed": "bandwagon"},
            {"war": True, "victory": 0.9, "observed": "bandwagon"},
            {"war": True, "victory": 0.5, "observed": "balance"},
        ]
    )
    fit = er.fit_rule("war and victory", cases)
    tied = [t for t in er.THRESHOLDS if 0.5 < t <= 0.8]  # 0.55 ... 0.8: six values, the later middle is 0.7
    assert fit.setting == (tied[len(tied) // 2],) == (0.7,)
    assert fit.in_sample.four.correct == 3
    # held out, the 0.8 bandwagoner is predicted by a rule tuned on 0.9 and 0.5 alone: ties 0.55..0.9, middle 0.75
    assert fit.fold_settings[0] == (0.75,) and fit.held_out_predictions[0] == "bandwagon"
    # held out, the balancer at 0.5 meets a rule tuned on two bandwagoners: every t <= 0.8 ties, the
    # middle of 0, 0.05, ..., 0.8 is 0.4, so it is predicted to bandwagon: leave-one-out shows the overfit
    assert fit.fold_settings[2] == (0.4,) and fit.held_out_predictions[2] == "bandwagon"
    assert fit.held_out.four.correct == 2
    with pytest.raises(ValueError, match="unknown rule"):
        er.fit_rule("coin toss", cases)


def test_leave_one_out_of_a_rule_can_miss_what_in_sample_gets():
    # the modal rule: two balancers and one neutral; in sample 'balance' gets 2, held out the balancers
    # are predicted from a tie (balance 1, neutral 1) whose middle in CHOICES order is bandwagon
    cases = rule_cases([{"observed": "balance"}, {"observed": "balance"}, {"observed": "neutral"}])
    fit = er.fit_rule("most common choice", cases)
    assert fit.setting == ("balance",) and fit.in_sample.four.correct == 2
    assert fit.held_out_predictions == ("neutral", "neutral", "balance")
    assert fit.held_out.four.correct == 0


def test_best_rule_picks_the_highest_held_out_measure(cases):
    fits = er.fit_rules(cases.iloc[:20])
    best = er.best_rule(fits)
    assert best.held_out.three.macro_recall == max(f.held_out.three.macro_recall for f in fits.values())
    assert list(er.rules_table(fits).index) == [r.name for r in er.RULES]


# ---------------------------------------------------------------- the estimated logit

from widgets.model import evaluation_logit as el  # noqa: E402


def synthetic_cases(n=300, seed=1):
    """Cases drawn from a known three-way logit: bandwagoning falls with own strength
    (coefficient -4) and staying out falls with proximity (-4)."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {c: rng.uniform(0, 1, n) for c in (*ev.THREAT_SOURCES, "own_strength", "allied_support", "victory")}
    )
    frame["war"] = rng.uniform(0, 1, n) < 0.5
    eta = np.column_stack([np.zeros(n), 1 - 4 * frame["own_strength"], 1 - 4 * frame["proximity"]])
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    draw = np.array([rng.choice(3, p=row) for row in p])
    frame["observed"] = np.array(["balance", "bandwagon", "neutral"])[draw]
    frame["case_id"] = [f"s{i}" for i in range(n)]
    return frame.set_index("case_id", drop=False)


def test_logit_inputs_follow_the_columns_present():
    cases = synthetic_cases(40)
    assert el.covariates(cases) == el.BASE_COVARIATES
    cases["capability"] = np.linspace(0, 1, len(cases))
    cases["target"] = [i % 2 == 0 for i in range(len(cases))]
    cases["neutrality_lesson"] = 0.0  # constant: cannot be estimated, left out
    assert el.covariates(cases) == (*el.BASE_COVARIATES, "capability", "target")
    x = el.design(cases, el.covariates(cases))
    assert x.shape == (len(cases), 1 + len(el.BASE_COVARIATES) + 2)
    assert (x[:, -3] == cases["victory"] * cases["war"]).all()


def test_logit_recovers_known_signs_on_synthetic_data():
    fit = el.fit_logit(synthetic_cases(), "three", prior_sd=None)
    assert fit.ok, fit.problem
    assert fit.params.loc["own_strength", "align with"] < -2
    assert fit.params.loc["proximity", "stay out"] < -2
    assert abs(fit.params.loc["aggressive_intentions", "align with"]) < 1.5
    probs = fit.probabilities(synthetic_cases(5, seed=2))
    assert probs.shape == (5, 3) and np.allclose(probs.sum(axis=1), 1)


def test_logit_reports_separation_and_the_penalised_fit_survives_it():
    # own strength separates the three outcomes perfectly: maximum likelihood runs off to infinity
    observed = {
        0.05: "bandwagon",
        0.1: "bandwagon",
        0.15: "bandwagon",
        0.35: "neutral",
        0.4: "neutral",
        0.45: "neutral",
        0.7: "balance",
        0.8: "balance",
        0.9: "balance",
    }
    cases = rule_cases([{"own_strength": s, "observed": o} for s, o in observed.items()])
    mle = el.fit_logit(cases, "three", prior_sd=None, names=("own_strength",))
    assert not mle.ok and mle.problem  # flagged, not raised
    penalised = el.fit_logit(cases, "three", names=("own_strength",))
    assert penalised.ok and penalised.params.loc["own_strength", "align with"] < 0  # weaker -> bandwagon
    assert penalised.predict(cases)[:3] == ["align with"] * 3 and penalised.predict(cases)[-3:] == ["align against"] * 3
    assert np.abs(penalised.params.to_numpy()).max() < el.SEPARATION_BOUND
    # an outcome nobody chose: refused with a clear reason, not an exception
    four = el.fit_logit(cases, "four", prior_sd=None, names=("own_strength",))
    assert four.problem == "no case observed as buck-pass"


def test_bootstrap_is_reproducible_and_counts_failures():
    cases = synthetic_cases(60)
    a, fa = el.bootstrap_logit(cases, draws=5, seed=3)
    b, fb = el.bootstrap_logit(cases, draws=5, seed=3)
    assert np.array_equal(a, b) and fa == fb and len(a) + sum(fa.values()) == 5
    with pytest.raises(ValueError, match="draws must be a positive integer"):
        el.bootstrap_logit(cases, draws=0)


def test_support_verdicts():
    assert el._verdict(0.2, 1.0, 1) == "supported" and el._verdict(0.2, 1.0, -1) == "contradicted"
    assert el._verdict(-0.2, 1.0, 1) == "not settled"


# ---------------------------------------------------------------- disputed codings

from widgets.model import evaluation_codings as ec  # noqa: E402


def _alternative_file(tmp_path, change, case_id="japan-1940"):
    """An alternative file holding one case's row (as in cases.csv) with ``change`` applied."""
    import csv

    from widgets.io.cases import default_path

    with default_path().open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    row = dict(next(r for r in rows if r["case_id"] == case_id), reading="a second reading, for the test")
    row.update(change)
    path = tmp_path / "cases_alternative.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerow(row)
    return path


def test_alternative_coding_replaces_the_disputed_rows(tmp_path):
    alt = _alternative_file(tmp_path, {"threat_source": "United States", "aggressive_intentions": "0.5"})
    table, ids = ec.alternative_cases(alt)
    main = load_cases()
    assert ids == ("japan-1940",)
    assert table.loc["japan-1940", "threat_source"] == "United States"
    assert table.loc["japan-1940", "aggressive_intentions"] == 0.5
    assert table.loc["japan-1940", "proximity"] == main.loc["japan-1940", "proximity"]
    assert table.drop(index="japan-1940").equals(main.drop(index="japan-1940"))
    headline = ec.headline_table(main, (table, ids))
    assert len(headline) == 2 and "japan-1940" in headline.index[1]
    header = alt.read_text(encoding="utf-8").splitlines()[0]
    (tmp_path / "empty.csv").write_text(header + "\n", encoding="utf-8")
    assert ec.alternative_cases(tmp_path / "empty.csv") is None
    assert ec.alternative_cases(tmp_path / "missing.csv") is None


@pytest.mark.parametrize(
    "change, message",
    [
        ({"case_id": "atlantis-1900"}, "'atlantis-1900' is not in the primary cases file"),
        ({"proximity": "2"}, "column 'proximity'"),
        ({"reading": ""}, "column 'reading'"),
    ],
)
def test_alternative_coding_errors_name_the_line_and_column(tmp_path, change, message):
    from widgets.io.cases import CaseDataError

    with pytest.raises(CaseDataError, match=message):
        ec.alternative_cases(_alternative_file(tmp_path, change))


def test_chapter_8_comparisons_of_the_model_the_rules_and_the_logit(cases, facts):
    """Chapter 8's interpretive sentences: the calibrated model beats the tuned two-line rule on accuracy
    (in sample and held out) but not on bandwagoning, where the rule finds about as many (within two);
    on held-out three-way macro recall the model is well above the best tuned rule (by more than 0.1)
    with or without its weights re-tuned, recognises each outcome in at least half of the decisions and
    stays below three in four; the estimated logit's held-out macro recall lies between the best rule's
    and the model's, and it recovers fewer decisions to stay out than the model; the model predicts
    staying out where no accuracy-tuned rule does."""
    from widgets.model import evaluation_rules as er

    assert facts["rule_war_in"] < facts["walt_correct"] and facts["rule_war_loo"] < facts["walt_correct"]
    assert abs(facts["war_hit_bandwagon"] - facts["hit_bandwagon"]) <= 2
    assert facts["best3_name"] == "war and victory"
    assert facts["walt_macro3"] - facts["best3_m3"] > 0.1 and facts["loo_macro3"] - facts["best3_m3"] > 0.1
    assert min(facts["rec3_against"], facts["rec3_with"], facts["rec3_out"]) >= 0.5 > facts["walt_macro3"] - 0.25
    assert facts["hit3_out"] > 0
    assert all(fit.in_sample.three.hits["stay out"][0] == 0 for fit in er.fit_rules(cases).values())
    # held_out is the leave-one-out of the three-way fit; the bootstrap draws (500 by default) give only
    # the coefficient intervals, which this test does not read, so one draw leaves held_out as it is
    estimated = el.estimate(cases, draws=1)
    assert facts["best3_m3"] < estimated.held_out.macro_recall < facts["walt_macro3"]
    assert estimated.held_out.hits["stay out"][0] < facts["hit3_out"]


def test_chapter_8_precision_and_where_the_errors_lie(cases, facts):
    """'Balancing is also its answer for many of the states that stayed out'; 'most of its errors are
    about staying out, in both directions' (observed or predicted, on four outcomes); the feasibility
    term's before/after in the yardstick paragraph."""
    misses = ev.miss_table(cases)
    out = {"buck-pass", "neutral"}
    about_staying_out = misses["observed"].isin(out) | misses["predicted"].isin(out)
    assert 2 * about_staying_out.sum() > len(misses)
    stayed_out_called_balance = ((misses["predicted"] == "balance") & misses["observed"].isin(out)).sum()
    assert stayed_out_called_balance >= 0.5 * (facts["pred_balance"] - facts["hit_balance"])
    assert facts["prec_balance"] < facts["prec_bandwagon"]
    assert facts["before_f_macro3"] < facts["walt_macro3"] and facts["before_f_miss_with"] > facts["miss_bandwagon"]


@given(threats, full_situations, st.lists(weights, min_size=1, max_size=4),
       st.sampled_from([None, ModelParameters(hegemony_shift=0.0, insulated_buckpassing=0.0)]))
def test_choices_under_weights_are_what_predict_names(threat, situation, grid, params):
    """The sweep's fast path (weight-free parts computed once, no reasons written) names, weighting by
    weighting, exactly the choice predict names."""
    assert choices_under_weights(threat, situation, grid, params) == [
        predict(threat, situation, w, params).choice for w in grid]


def test_the_sweep_is_predict_at_every_37th_weighting(cases, sweep):
    rows = [Case(r) for r in cases.to_dict("records")]
    for k in range(0, len(sweep.weights), 37):
        assert sweep.predicted[k] == tuple(predict(c.threat, c.situation, sweep.weights[k]).choice for c in rows)


def eh_load(which):
    from widgets.model.evaluation_heldout import load_heldout

    return load_heldout(which)


def test_chapter_8_reports_the_two_specs_after_the_fourth_file(cases, facts):
    """Both specs after the fourth file, by their rule (adopt if the three-way macro recall on the book's
    cases does not fall): chain-ganging lowered it and was not adopted (o = 0); allies ending hiding left it
    where it was and was adopted (j = 1), moving only Japan 1914, from neutral to buck-passing."""
    from widgets.model.parameters import DEFAULT_PARAMETERS

    assert facts["chain_macro3"] < facts["before_j_macro3"] and DEFAULT_PARAMETERS.chain_ganging == 0.0
    at5 = ev.score(list(cases["observed"]), ev.walt_predictions(cases, params=AT_FIFTH_FILE)).three.macro_recall
    assert at5 >= facts["before_j_macro3"] and DEFAULT_PARAMETERS.allies_end_hiding == 1.0
    # on the model before fighting allies bind (which has since made Japan 1914 a hit)
    before = ev.walt_predictions(cases, params=replace(AT_TENTH_FILE, allies_end_hiding=0.0))
    then = ev.walt_predictions(cases, params=AT_TENTH_FILE)
    moved = {c: (b, n) for c, b, n in zip(cases.index, before, then, strict=True) if b != n}
    assert moved == {"japan-1914": ("neutral", "buck-pass")} and cases.loc["japan-1914", "observed"] == "balance"
    text = " ".join(CHAPTER_8.read_text().replace('\\n",\n    "', " ").split())
    assert ('chain-ganging, which lowered that recall from {eval}`fact[\\"before_j_macro3:.3f\\"]` to '
            '{eval}`fact[\\"chain_macro3:.3f\\"]` before the fifth file; free-riders align, which lowered it to '
            '{eval}`fact[\\"free_macro3:.3f\\"]` before the sixth; and buck-passers are great powers, which lowered '
            'it to {eval}`fact[\\"rank_macro3:.3f\\"]` before the seventh.') in text
    assert facts["free_macro3"] < at5 and facts["rank_macro3"] < at5
    assert ('adopted because it left the recall on the book\'s cases at {eval}`fact[\\"book_at5_macro3:.3f\\"]`; it '
            "moves Japan in 1914 from neutrality to buck-passing, then still a miss, and on the fifth file, coded "
            "after it, it acts on six small states (four of them with certain allies) but changes no prediction, nor "
            "on the sixth, seventh or eighth; on the ninth it moves Mongolia in 1938 from neutrality to passing the "
            "buck, a miss either way; on the tenth it moves eight predictions and on the eleventh one (Mongolia in "
            "1937, again from neutrality to passing the buck), none of them on the three-way split.") in text
    assert "Five terms came later still." in text
    assert "a rule that waited for the ninth held-out file, on which it changed no decision." in text
    fifth = eh_load("fifth")
    from widgets.io.cases import Case
    from widgets.model.staying_out import hiding
    acted = {c: Case({**fifth.loc[c].to_dict(), "case_id": c}).situation for c in fifth.index}
    acted = {c: s for c, s in acted.items() if hiding(s) != hiding(s, ModelParameters(allies_end_hiding=0.0))}
    assert len(acted) == 6 and sum(s.allied_support == 1.0 for s in acted.values()) == 4
    assert ev.walt_predictions(fifth) == ev.walt_predictions(fifth, params=ModelParameters(allies_end_hiding=0.0))
