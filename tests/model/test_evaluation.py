"""Evaluation of the model against the cases: metrics on a fixed table with known answers,
baselines, the weight sweep and the leave-one-out estimate."""

import ast
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from widgets import CHOICES, ThreatWeights
from widgets.io.cases import load_cases, predict_cases
from widgets.model import evaluation as ev

ROOT = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- metrics on a hand-checked table

# observed -> predicted, ten cases:
#   balance   x4: predicted balance, balance, balance, bandwagon
#   bandwagon x3: predicted bandwagon, balance, balance
#   buck-pass x2: predicted neutral, balance
#   neutral   x1: predicted neutral
OBSERVED = ["balance"] * 4 + ["bandwagon"] * 3 + ["buck-pass"] * 2 + ["neutral"]
PREDICTED = ["balance", "balance", "balance", "bandwagon", "bandwagon", "balance", "balance",
             "neutral", "balance", "neutral"]


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


@pytest.mark.parametrize("observed, predicted, message", [
    (["balance"], ["balance", "neutral"], "observed has 1 choices but predicted has 2"),
    ([], [], "observed is empty"),
    (["balance"], ["appease"], "predicted has unknown choice(s) 'appease'"),
    (["Balance"], ["balance"], "observed has unknown choice(s) 'Balance'"),
])
def test_evaluate_rejects_bad_input_with_a_clear_message(observed, predicted, message):
    with pytest.raises(ValueError) as info:
        ev.evaluate(observed, predicted)
    assert message in str(info.value)


def test_evaluate_rejects_a_string():
    with pytest.raises(TypeError, match="observed must be a sequence of choices"):
        ev.evaluate("balance", ["balance"])


# ---------------------------------------------------------------- baselines on a small table

def small_cases():
    base = {"aggregate_power": 0.8, "proximity": 1.0, "offensive_power": 0.75, "aggressive_intentions": 1.0,
            "allied_support": 0.5, "war": False, "victory": 0.5}
    rows = [
        {**base, "case_id": "a", "own_strength": 0.2, "observed": "balance"},
        {**base, "case_id": "b", "own_strength": 0.6, "observed": "neutral"},
        {**base, "case_id": "c", "own_strength": 0.5, "observed": "bandwagon"},
    ]
    return pd.DataFrame(rows).set_index("case_id", drop=False)


def test_always_balance_and_capability_rule_on_a_small_table():
    cases = small_cases()
    assert ev.always_balance(cases) == ["balance"] * 3
    # parity itself is not "stronger than the decider": neutral
    assert ev.capability_rule(cases) == ["balance", "neutral", "neutral"]
    assert ev.capability_rule(cases, parity=0.7) == ["balance", "balance", "balance"]


def test_capability_rule_never_predicts_bandwagoning_or_buck_passing():
    assert set(ev.capability_rule(load_cases())) <= {"balance", "neutral"}


@pytest.mark.parametrize("bad", [0, -0.1, 1.5, True, "0.5"])
def test_capability_rule_rejects_bad_parity(bad):
    with pytest.raises(ValueError, match="parity must be a number in"):
        ev.capability_rule(small_cases(), parity=bad)


def test_predictors_reject_something_that_is_not_the_case_table():
    with pytest.raises(TypeError, match="cases must be the DataFrame"):
        ev.always_balance([{"observed": "balance"}])
    with pytest.raises(ValueError, match="missing column"):
        ev.walt_predictions(pd.DataFrame({"observed": ["balance"]}))


# ---------------------------------------------------------------- the book's cases

@pytest.fixture(scope="module")
def cases():
    return load_cases()


@pytest.fixture(scope="module")
def sweep(cases):
    return ev.sweep_weights(cases)


def test_walt_baseline_agrees_with_predict_cases(cases):
    table = predict_cases(cases)
    assert ev.walt_predictions(cases) == list(table["predicted"])
    m = ev.compare_baselines(cases)["Walt's threat model"]
    assert m.correct == int(table["correct"].sum())


def test_baselines_cover_every_case_and_the_table_reports_them(cases):
    metrics = ev.compare_baselines(cases)
    assert tuple(metrics) == ev.BASELINES
    assert all(m.n == len(cases) for m in metrics.values())
    assert metrics["always balance"].correct == int((cases["observed"] == "balance").sum())
    table = ev.baseline_table(metrics)
    assert list(table.index) == list(ev.BASELINES)
    assert (
        table.loc["always balance", "recall balance"]
        == f"{(cases['observed'] == 'balance').sum()}/{(cases['observed'] == 'balance').sum()}"
    )


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


def test_figures_carry_descriptions_and_keep_their_structure(cases, sweep):
    import plotly.graph_objects as go

    from widgets.figures import evaluation as ef

    metrics = ev.compare_baselines(cases)
    specs = [
        ef.confusion_spec(metrics["Walt's threat model"]),
        ef.baseline_spec(metrics),
        ef.weight_profile_spec(ev.weight_profiles(sweep)),
        ef.accuracy_distribution_spec(
            ev.accuracy_distribution(sweep), len(cases), metrics["Walt's threat model"].correct
        ),
    ]
    for spec in specs:
        go.Figure(spec)  # valid Plotly
        assert spec["layout"]["meta"]["description"]
    default = sweep.metrics(ThreatWeights())
    zero = ef.sensitivity_spec(None, default, dict.fromkeys(ev.THREAT_SOURCES, 0.0))
    some = ef.sensitivity_spec(default, default, dict.fromkeys(ev.THREAT_SOURCES, 1.0))
    assert [t.keys() for t in zero["data"]] == [t.keys() for t in some["data"]]
    assert "all weights 0" in zero["layout"]["title"]["text"]


def test_accuracy_distribution_counts_every_setting(sweep):
    dist = ev.accuracy_distribution(sweep)
    assert sum(dist.values()) == len(sweep.weights)
    assert max(dist) == int(sweep.correct.sum(axis=1).max())


def test_sensitivity_explorer_has_625_combinations_and_a_static_twin(sweep):
    from widgets.display.controls import combinations_count
    from widgets.explorers.evaluation import sensitivity_explorer

    explorer = sensitivity_explorer(sweep, explorer_id="test-sensitivity")
    assert combinations_count(explorer.controls) == len(ev.WEIGHT_LEVELS) ** 4 <= 1300
    html = explorer.static_html()
    assert "test-sensitivity" in html
    with pytest.raises(TypeError, match="sweep must be a WeightSweep"):
        sensitivity_explorer("nope")


def test_loo_summary_has_three_rows(cases, sweep):
    table = ev.loo_summary(ev.leave_one_out(cases, sweep=sweep))
    assert len(table) == 3 and table.iloc[0]["correct"].endswith(f"/{len(cases)}")
    with pytest.raises(TypeError):
        ev.loo_summary("x")


# ---------------------------------------------------------------- claims the chapter makes in words

MISS_GROUPS = {
    ("bandwagon", "balance"): {
        "bavaria-1805",
        "russia-1807",
        "bulgaria-1915",
        "ussr-1939",
        "japan-1940",
        "persia-1881",
        "yugoslavia-1937",
        "finland-1948",
        "egypt-1974",
    },
    ("buck-pass", "balance"): {"prussia-1795", "britain-1936", "france-1936", "usa-1940"},
    ("buck-pass", "neutral"): {"japan-1990"},
    ("neutral", "balance"): {"britain-1923", "sweden-1949", "austria-1955"},
    ("neutral", "bandwagon"): {"switzerland-1940", "hungary-1956"},
}


def test_chapter_names_exactly_the_misses_in_their_groups(cases):
    misses = ev.miss_table(cases)
    found = {}
    for _, row in misses.iterrows():
        found.setdefault((row["observed"], row["predicted"]), set()).add(row["case_id"])
    assert found == MISS_GROUPS
    close = set(misses[(misses["observed"] == "bandwagon") & (misses["p(observed)"] >= 0.3)]["case_id"])
    assert close == {"bulgaria-1915", "russia-1807", "egypt-1974", "yugoslavia-1937"}


def test_chapter_claims_about_weights_and_leave_one_out(cases, sweep):
    facts = ev.chapter_facts(cases, sweep)
    assert facts["settings_above_default"] == 0 and facts["settings_best"] == facts["walt_correct"]
    result = ev.leave_one_out(cases, sweep=sweep)
    unequal = [
        i
        for i, r in result.folds.iterrows()
        if ThreatWeights(**{s: r[s] for s in ev.THREAT_SOURCES}).normalised() != ThreatWeights().normalised()
    ]
    assert unequal == ["egypt-1955"] and not result.folds.loc["egypt-1955", "correct"]
    assert cases.loc["egypt-1955", "observed"] == "balance"
    assert facts["cap_hit_neutral"] == 1


def test_chapter_exercise_belgium_1936():
    from widgets import Situation, Threat, predict

    p = predict(
        Threat(aggregate_power=0.55, proximity=1, offensive_power=0.5, aggressive_intentions=0.75),
        Situation(own_strength=0.1, allied_support=0.5),
    )
    assert p.choice == "balance" and round(p.probabilities["balance"], 2) == 0.93


def test_schweller_comparison_and_the_chapter_claims(cases):
    table, counts = ev.schweller_comparison(cases)
    assert counts["n"] == len(table) and 0 <= counts["walt"] <= counts["n"]
    assert all(label.startswith("bandwagon") for label in table["observed"])
    walt_misses = set(table.index[table["Walt right"] == "no"])
    assert walt_misses == {"Bulgaria, 1915", "Soviet Union (Stalin), 1939", "Japan, 1940"}


def test_ussr_1945_is_balancing_for_walt_and_piling_on_for_schweller(cases):
    table, _ = ev.schweller_comparison(cases)
    row = table.loc["Soviet Union (Stalin), 1945"]
    assert cases.loc["ussr-1945", "observed"] == "balance" and row["observed"] == "bandwagon (piling on)"
