"""Schweller's balance of interests (widgets.model.interests): his claims as properties, the
typology, the mapping to Walt's model, bad input, the data file, figures and explorers.

Each claim test asserts behaviour that fails when the term encoding the claim is switched
off (checked by zeroing its coefficient: see ``test_claims_fail_without_their_terms``).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import replace
from itertools import product
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import CHOICES, Situation, Threat, predict
from widgets.model.interests import (
    DEFAULT_INTEREST_PARAMETERS,
    GREAT_POWER_AT,
    KINDS,
    LOW_VALUE_AT,
    OPTIONS,
    SCHWELLER_COLUMNS,
    SIDES,
    SPOILS_HOLDERS,
    STATE_TYPES,
    VERDICTS,
    InterestParameters,
    Scenario,
    SchwellerDataError,
    case_scenario,
    check_against_cases,
    compare,
    compare_case,
    compare_cases,
    explain_comparison,
    load_schweller_cases,
    place,
    read_schweller_cases,
    schweller_predict,
    schweller_terms,
    sweep,
    system_balance,
    undecided,
    verdict_groups,
    verdict_of,
    walt_camp,
    walt_inputs,
)

from ..tables import csv_text, table_problems
from ..test_project import imported_modules

ROOT = Path(__file__).resolve().parents[2]
unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
scenarios = st.builds(Scenario, unit, unit, unit, unit, unit, st.booleans(), unit, unit, unit)


def ordered_pair(low=0.0, high=1.0, gap=0.01):
    return st.tuples(st.floats(low, high), st.floats(low, high)).map(sorted).filter(lambda ab: ab[1] - ab[0] >= gap)


def p(scenario, option, params=None):
    return schweller_predict(scenario, params).options[option]


# --- Schweller's claims -------------------------------------------------------------------------


@settings(deadline=None)  # a shared machine can be slow; the model is fast
@given(
    st.floats(0.7, 1.0), st.floats(0.0, 0.3), st.floats(GREAT_POWER_AT, 1.0), st.floats(0.5, 1.0), st.floats(0.6, 1.0)
)
def test_a_satisfied_status_quo_state_balances_against_a_rising_revisionist(s, r, c, strength, threat):
    """Lions (satisfied great powers) threatened by a revisionist at least as strong as the
    status-quo camp balance against it, for security."""
    pred = schweller_predict(Scenario(s, r, c, strength, threat))
    assert pred.placement.state_type == "lion"
    assert pred.choice == "balance" and pred.motive == "security" and pred.kind is None


@settings(deadline=None)  # a shared machine can be slow; the model is fast
@given(st.floats(0.0, 0.75), st.floats(0.25, 1.0), unit, st.floats(0.6, 1.0))
def test_a_revisionist_with_no_threat_bandwagons_with_a_rising_revisionist_for_gain(s, interest, c, strength):
    """Bandwagoning for profit: a revisionist that nobody threatens joins a strong revisionist (jackal bandwagoning)."""
    r = min(1.0, s + interest)
    pred = schweller_predict(Scenario(s, r, c, strength, threat=0.0))
    assert pred.placement.revisionist
    assert (pred.choice, pred.side, pred.kind, pred.motive) == ("bandwagon", "revisionist", "jackal", "profit")
    assert (
        pred.probabilities["bandwagon"] > 0.5 - 1e-9 or pred.probabilities["bandwagon"] > pred.probabilities["neutral"]
    )


@settings(deadline=None)  # a shared machine can be slow; the model is fast
@given(scenarios)
def test_balancing_requires_a_threat(scenario):
    """With no threat, neither balancing nor buck-passing is ever chosen: each is less likely than staying out."""
    pred = schweller_predict(replace(scenario, threat=0.0))
    assert pred.choice not in ("balance", "buck-pass")
    assert pred.probabilities["balance"] < pred.probabilities["neutral"]
    assert pred.probabilities["buck-pass"] < pred.probabilities["neutral"]


@settings(deadline=None)  # a shared machine can be slow; the model is fast
@given(scenarios, ordered_pair())
def test_threat_is_what_makes_balancing_worth_its_cost(scenario, threats):
    """The odds of balancing over staying out rise with the threat, whoever the decider is."""
    low, high = (replace(scenario, threat=t) for t in threats)

    def odds(s):
        return p(s, "balance") / p(s, "neutral")

    assert odds(high) > odds(low)


def test_bandwagoning_does_not_require_a_threat():
    """Over a grid of threat-free scenarios, balancing never wins but bandwagoning often does."""
    levels = (0.0, 0.5, 1.0)
    counts = {c: 0 for c in CHOICES}
    for s, r, c, strength, wave, contagion in product(levels, repeat=6):
        counts[schweller_predict(Scenario(s, r, c, strength, 0.0, False, 0.5, wave, contagion)).choice] += 1
    assert counts["balance"] == counts["buck-pass"] == 0
    assert counts["bandwagon"] > 0.2 * sum(counts.values())


@settings(deadline=None)  # a shared machine can be slow; the model is fast
@given(scenarios, ordered_pair(0.5, 1.0))
def test_piling_on_rises_as_victory_nears(scenario, victories):
    """In war, the closer the revisionist side is to victory, the stronger the pull to pile on with it."""
    low, high = (replace(scenario, war=True, victory=v) for v in victories)
    assert schweller_predict(high).pulls["piling-on"] > schweller_predict(low).pulls["piling-on"]
    assert p(high, "bandwagon-revisionist") > p(low, "bandwagon-revisionist")


@settings(deadline=None)  # a shared machine can be slow; the model is fast
@given(st.floats(0.0, 1.0), st.floats(0.0, 1.0), unit, unit, unit, ordered_pair(0.5, 1.0))
def test_even_status_quo_states_pile_on_as_victory_nears(s, r, c, strength, threat, victories):
    """Piling on is not only for revisionists: with no appetite for revision (no jackal pull), the
    probability of joining the revisionist side still rises as it nears victory."""
    r = min(r, s)
    low, high = (Scenario(s, r, c, strength, threat, True, v) for v in victories)
    assert schweller_predict(low).pulls["jackal"] == 0.0
    assert p(high, "bandwagon-revisionist") > p(low, "bandwagon-revisionist")


@settings(deadline=None)  # a shared machine can be slow; the model is fast
@given(scenarios, ordered_pair(0.0, 0.5))
def test_states_pile_on_the_status_quo_side_as_its_victory_nears(scenario, victories):
    """Late joiners of winning coalitions: the nearer the status-quo side is to victory (the lower
    the revisionist side's victory), the likelier the decider jumps onto it."""
    nearer, further = (replace(scenario, war=True, victory=v) for v in victories)

    def odds(s):
        return p(s, "bandwagon-status-quo") / p(s, "neutral")

    assert odds(nearer) > odds(further)
    # with no threat nothing else grows as the status-quo side wins, so the probability itself rises;
    # under threat, passing the buck to a winning coalition can grow faster (a state may let the winners finish)
    nearer, further = (replace(s, threat=0.0) for s in (nearer, further))
    assert p(nearer, "bandwagon-status-quo") > p(further, "bandwagon-status-quo")


@settings(deadline=None)  # a shared machine can be slow; the model is fast
@given(scenarios, unit, unit)
def test_victory_means_nothing_in_peace_and_nobody_piles_on(scenario, v1, v2):
    a, b = (schweller_predict(replace(scenario, war=False, victory=v)) for v in (v1, v2))
    assert a.options == b.options and a.options["bandwagon-status-quo"] == 0.0
    assert a.pulls["piling-on"] == 0.0


@settings(deadline=None)  # a shared machine can be slow; the model is fast
@given(st.floats(0.0, 0.5), st.floats(0.05, 0.5), unit, ordered_pair())
def test_jackals_bandwagon_more_the_stronger_the_revisionist_camp(s, interest, c, strengths):
    low, high = (Scenario(s, s + interest, c, r, 0.0) for r in strengths)
    assert p(high, "bandwagon-revisionist") > p(low, "bandwagon-revisionist")


@settings(deadline=None)  # a shared machine can be slow; the model is fast
@given(st.floats(0.0, 0.5), unit, st.floats(0.5, 1.0), ordered_pair(0.0, 0.5))
def test_the_greater_the_appetite_for_revision_the_more_bandwagoning(s, c, strength, interests):
    low, high = (Scenario(s, s + i, c, strength, 0.0) for i in interests)
    assert p(high, "bandwagon-revisionist") > p(low, "bandwagon-revisionist")


@settings(deadline=None)  # a shared machine can be slow; the model is fast
@given(st.floats(0.0, 0.5), unit, unit, st.floats(0.5, 1.0), ordered_pair(0.0, 0.5))
def test_revisionists_are_reluctant_to_defend_the_order(s, c, strength, threat, interests):
    """Balancing loses appeal as appetite for revision grows: a revisionist has little to defend."""
    low, high = (Scenario(s, s + i, c, strength, threat) for i in interests)
    assert p(high, "balance") / p(high, "neutral") < p(low, "balance") / p(low, "neutral")


@settings(deadline=None)  # a shared machine can be slow; the model is fast
@given(scenarios.filter(lambda s: s.value_status_quo < 0.99), ordered_pair())
def test_the_wave_of_the_future_draws_states_to_the_revisionist(scenario, waves):
    low, high = (replace(scenario, wave=w) for w in waves)
    assert p(high, "bandwagon-revisionist") > p(low, "bandwagon-revisionist")


@settings(deadline=None)  # a shared machine can be slow; the model is fast
@given(scenarios, ordered_pair())
def test_contagion_makes_dominoes_fall(scenario, shares):
    low, high = (replace(scenario, contagion=k) for k in shares)
    assert p(high, "bandwagon-revisionist") > p(low, "bandwagon-revisionist")


@settings(deadline=None)  # a shared machine can be slow; the model is fast
@given(scenarios)
def test_status_quo_states_are_never_jackals(scenario):
    s = replace(scenario, value_revision=min(scenario.value_revision, scenario.value_status_quo))
    pred = schweller_predict(s)
    assert pred.pulls["jackal"] == 0.0 and pred.kind != "jackal"


def test_a_weak_threatened_state_may_appease_a_strong_revisionist():
    """Walt's bandwagoning survives inside Schweller's model: kind None, motive security."""
    pred = schweller_predict(Scenario(0.5, 0.5, 0.0, 1.0, 1.0))
    assert (pred.choice, pred.side, pred.kind, pred.motive) == ("bandwagon", "revisionist", None, "security")
    assert pred.label == "Bandwagon (appeasement)"


def test_every_kind_of_bandwagoning_can_win():
    examples = {
        "jackal": Scenario(0.3, 0.8, 0.5, 0.8, 0.0),
        "piling-on": Scenario(0.6, 0.6, 0.5, 0.5, 0.0, True, 1.0),
        "wave-of-the-future": Scenario(0.0, 0.0, 0.5, 0.5, 0.0, wave=1.0),
        "contagion": Scenario(0.5, 0.5, 0.0, 0.5, 0.0, contagion=1.0),
    }
    for kind, scenario in examples.items():
        pred = schweller_predict(scenario)
        assert (pred.choice, pred.kind, pred.motive) == ("bandwagon", kind, "profit"), kind
    late = schweller_predict(Scenario(0.8, 0.2, 0.0, 0.1, 0.0, True, 0.0))
    assert (late.choice, late.side, late.kind) == ("bandwagon", "status quo", "piling-on")


@settings(deadline=None)  # a shared machine can be slow; the model is fast
@given(scenarios)
def test_probabilities_are_a_distribution(scenario):
    pred = schweller_predict(scenario)
    assert set(pred.probabilities) == set(CHOICES) and set(pred.options) == set(OPTIONS)
    assert math.isclose(sum(pred.probabilities.values()), 1.0) and math.isclose(sum(pred.options.values()), 1.0)
    assert all(0.0 <= v <= 1.0 for v in pred.options.values())
    assert pred.choice == max(CHOICES, key=lambda c: pred.probabilities[c])
    assert (pred.side in SIDES) == (pred.choice == "bandwagon")
    assert pred.kind is None or pred.kind in KINDS
    assert pred.reasons and all(isinstance(r, str) and r for r in pred.reasons)


def test_claims_fail_without_their_terms():
    """Each claim depends on its own term: zeroing the coefficient breaks the behaviour."""
    no_jackal = replace(DEFAULT_INTEREST_PARAMETERS, jackal_pull=0.0)
    assert schweller_predict(Scenario(0.3, 0.8, 0.5, 0.8, 0.0), no_jackal).choice == "neutral"
    no_defence = replace(DEFAULT_INTEREST_PARAMETERS, threat_to_balance=0.0)
    assert schweller_predict(Scenario(0.9, 0.1, 0.75, 0.75, 0.8), no_defence).choice != "balance"
    no_piling = replace(DEFAULT_INTEREST_PARAMETERS, piling_on_pull=0.0)
    a, b = (Scenario(0.6, 0.2, 0.5, 0.5, 0.0, True, v) for v in (0.6, 0.9))
    assert p(a, "bandwagon-revisionist", no_piling) == pytest.approx(p(b, "bandwagon-revisionist", no_piling))
    no_wave = replace(DEFAULT_INTEREST_PARAMETERS, wave_pull=0.0)
    assert p(Scenario(wave=1.0), "bandwagon-revisionist", no_wave) == pytest.approx(
        p(Scenario(), "bandwagon-revisionist", no_wave)
    )


# --- the typology and the system level -------------------------------------------------------------


@pytest.mark.parametrize(
    "s, r, c, kind",
    [
        (0.9, 0.1, 0.8, "lion"),
        (0.75, 0.5, GREAT_POWER_AT, "lion"),
        # issue 12/17: a lamb is low on BOTH values (Schweller 1994's region), whatever their
        # difference and however strong: (0.5, 0.5) used to be a lion at great-power rank
        (0.45, 0.45, GREAT_POWER_AT, "lamb"),
        (0.2, 0.45, 1.0, "lamb"),
        (0.5, 0.5, GREAT_POWER_AT, "lion"),  # 0.5 is "moderate", not low
        (0.9, 0.1, 0.2, "lamb"),
        (0.2, 0.2, 0.0, "lamb"),
        (0.5, 0.75, 0.0, "jackal"),
        (0.25, 0.75, 1.0, "jackal"),
        (0.2, 0.75, 1.0, "wolf"),
        (0.0, 1.0, 0.1, "wolf"),
    ],
)
def test_the_typology_thresholds(s, r, c, kind):
    placement = place(Scenario(s, r, c))
    assert placement.state_type == kind
    assert placement.interest == pytest.approx(r - s)
    assert placement.label == kind.capitalize() and placement.description


@settings(deadline=None)  # a shared machine can be slow; the model is fast
@given(unit, unit, unit)
def test_every_state_has_exactly_one_type(s, r, c):
    placement = place(Scenario(s, r, c))
    assert placement.state_type in STATE_TYPES
    low_on_both = max(s, r) < LOW_VALUE_AT - 1e-9
    # since issue 17 a revisionist low on both values is a lamb (it pays little to gain), so
    # "revisionist" no longer implies jackal or wolf; wolves stay wolves (aims far above holdings)
    if placement.unlimited:
        assert placement.state_type == "wolf"
    elif low_on_both:
        assert placement.state_type == "lamb"
    elif placement.revisionist:
        assert placement.state_type == "jackal"
    else:
        assert placement.state_type == ("lion" if placement.great_power else "lamb")


@pytest.mark.parametrize(
    "r, state",
    [
        (0.0, "status quo secure"),
        (0.4, "status quo secure"),
        (0.45, "contested"),
        (0.5, "contested"),
        (0.6, "revisionists ascendant"),
        (1.0, "revisionists ascendant"),
    ],
)
def test_the_system_level_balance(r, state):
    balance = system_balance(r)
    assert balance.state == state and balance.margin == pytest.approx(r - 0.5) and balance.description


# --- Walt's model on the same scenario -------------------------------------------------------------------


def test_walt_inputs_follow_the_documented_mapping():
    threat, situation = walt_inputs(Scenario(0.5, 0.75, 0.25, 0.75, 0.4, True, 0.8))
    assert threat == Threat(0.75, 0.4, 0.4, 0.4)
    assert situation == Situation(0.25, 0.25, True, 0.8)
    assert walt_inputs(Scenario(capability=0.0, revisionist_strength=0.0))[1].own_strength == 0.5


@settings(deadline=None)  # a shared machine can be slow; the model is fast
@given(scenarios)
def test_without_threat_walts_model_sees_only_the_revisionists_power(scenario):
    s = replace(scenario, threat=0.0)
    assert predict(*walt_inputs(s)).threat == pytest.approx(s.revisionist_strength / 4)


def test_the_two_models_disagree_on_a_revisionist_that_nobody_threatens():
    result = compare(Scenario(0.5, 0.75, 0.5, 0.75, 0.0))
    assert result.walt.choice == "neutral" and result.schweller.kind == "jackal"
    assert result.verdict == "disagree" and result.headline == "The two models disagree"
    first, second, why = result.explanation
    assert first.startswith("Walt's model predicts neutral (") and result.walt.reasons[-1] in first
    assert second.startswith("Schweller's model predicts bandwagon (jackal bandwagoning) (")
    assert all(reason in second for reason in result.schweller.reasons)
    assert why.startswith("Why: Walt's model responds only to threat") and "Gain needs no threat" in why


def test_the_two_models_agree_on_a_threatened_lion():
    result = compare(Scenario(0.9, 0.1, 0.75, 0.75, 0.75))
    assert result.walt.choice == result.schweller.choice == "balance" and result.verdict == "agree"


def test_same_alignment_for_different_reasons_when_a_state_piles_on_the_winners():
    result = compare(Scenario(0.5, 0.75, 1.0, 0.1, 0.75, True, 0.05))
    assert result.walt.choice == "balance"
    assert (result.schweller.choice, result.schweller.side) == ("bandwagon", "status quo")
    assert result.verdict == "same alignment, different reasons"
    assert "Walt calls that balancing" in result.explanation[-1]


@settings(deadline=None)  # a shared machine can be slow; the model is fast
@given(scenarios)
def test_every_comparison_has_a_verdict_and_an_explanation_from_both_models(scenario):
    result = compare(scenario)
    assert result.verdict in VERDICTS
    assert len(result.explanation) == 3 and result.explanation[2].startswith("Why: ")
    assert f"({round(100 * result.walt.probabilities[result.walt.choice])}%)" in result.explanation[0]
    assert result.schweller.label.lower() in result.explanation[1]


def test_verdicts_and_camps():
    lion = schweller_predict(Scenario(0.9, 0.1, 0.75, 0.75, 0.75))
    assert walt_camp("balance") == "status quo" and walt_camp("bandwagon") == "revisionist"
    assert walt_camp("bandwagon", "status quo") == "status quo" and walt_camp("neutral") is None
    assert verdict_of("balance", "status quo", lion) == "agree"
    assert verdict_of("bandwagon", "revisionist", lion) == "disagree"
    with pytest.raises(ValueError, match="choice must be one of balance, bandwagon, buck-pass, neutral, got 'appease'"):
        walt_camp("appease")
    with pytest.raises(ValueError, match="threat_camp must be one of 'revisionist', 'status quo', got 'neutral'"):
        walt_camp("balance", "neutral")
    result = compare(Scenario())
    with pytest.raises(ValueError, match="verdict must be one of"):
        explain_comparison(result.scenario, result.walt, result.schweller, "maybe")


def test_sweeps_run_both_models():
    result = sweep(Scenario(0.5, 0.75, 0.5, 0.75), "threat", points=5)
    assert result.values == (0.0, 0.25, 0.5, 0.75, 1.0)
    assert result.walt["neutral"][0] > 0.5 and result.schweller["bandwagon"][0] > 0.5
    assert result.walt["balance"][-1] > result.walt["balance"][0]


# --- bad input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"threat": 1.5}, ValueError, r"Scenario.threat must be in \[0, 1\], got 1.5"),
        ({"value_revision": -0.1}, ValueError, r"Scenario.value_revision must be in \[0, 1\], got -0.1"),
        ({"capability": float("nan")}, ValueError, r"Scenario.capability must be a number in \[0, 1\], got NaN"),
        ({"wave": "high"}, TypeError, r"Scenario.wave must be a real number in \[0, 1\], got str 'high'"),
        ({"contagion": True}, TypeError, r"Scenario.contagion must be a real number in \[0, 1\], got bool True"),
        ({"war": 1}, TypeError, r"Scenario.war must be True or False, got int 1"),
        ({"victory": float("inf")}, ValueError, r"Scenario.victory must be in \[0, 1\], got inf"),
    ],
)
def test_bad_scenarios_name_the_field_and_its_range(kwargs, error, message):
    with pytest.raises(error, match=message):
        Scenario(**kwargs)


def test_bad_calls_are_refused_with_a_clear_message():
    with pytest.raises(TypeError, match="Scenario has no field 'menace'; its fields are value_status_quo"):
        Scenario.from_dict({"menace": 1})
    assert Scenario.from_dict(Scenario(0.1, 0.2).to_dict()) == Scenario(0.1, 0.2)
    with pytest.raises(TypeError, match="scenario must be a Scenario, got dict"):
        schweller_predict({"threat": 1})
    with pytest.raises(TypeError, match="scenario must be a Scenario, got tuple"):
        compare((0.5, 0.5))
    with pytest.raises(TypeError, match="params must be an InterestParameters or None, got dict"):
        schweller_predict(Scenario(), {})
    with pytest.raises(ValueError, match=r"InterestParameters.jackal_pull must be in \[0, 50\], got -1.0"):
        InterestParameters(jackal_pull=-1)
    with pytest.raises(ValueError, match=r"InterestParameters.revisionist_reluctance must be in \[0, 1\], got 2.0"):
        InterestParameters(revisionist_reluctance=2)
    with pytest.raises(ValueError, match=r"system_balance.revisionist_strength must be in \[0, 1\], got 3.0"):
        system_balance(3)
    with pytest.raises(ValueError, match="field must be one of value_status_quo"):
        sweep(Scenario(), "war")
    with pytest.raises(ValueError, match=r"points must be an int in \[2, 201\], got 1"):
        sweep(Scenario(), "threat", 1)


def test_the_model_module_imports_no_ui_or_plotting():
    for module in sorted((ROOT / "widgets" / "model" / "interests").glob("*.py")):
        names = imported_modules(module)
        assert not names & {"plotly", "ipywidgets", "IPython"}, (module.name, names)
    figures = (ROOT / "widgets" / "figures" / "interests.py").read_text()
    assert "ipywidgets" not in figures and "IPython" not in figures


# --- the data file ----------------------------------------------------------------------------------


GOOD = {
    "case_id": "japan-1940",
    "decider": "Japan",
    "year": "1940",
    "revisionist": "Germany",
    "walt_threat_camp": "revisionist",
    "value_status_quo": "0.5",
    "value_revision": "0.75",
    "capability": "0.25",
    "revisionist_strength": "0.75",
    "threat": "0.25",
    "war": "true",
    "victory": "0.75",
    "wave": "0.75",
    "contagion": "0.25",
    "observed": "bandwagon",
    "observed_side": "revisionist",
    "observed_kind": "jackal",
    "summary": "Japan joined the Tripartite Pact.",
    **{
        f"why_{c}": "because"
        for c in (
            "value_status_quo",
            "value_revision",
            "capability",
            "revisionist_strength",
            "threat",
            "war",
            "wave",
            "contagion",
        )
    },
    "sources": "schweller1994bandwagoning;weinberg1994world",
}


def to_csv(rows, columns=SCHWELLER_COLUMNS):
    return csv_text(rows, columns)


def problems_of(text):
    return table_problems(read_schweller_cases, SchwellerDataError, text)


def test_a_good_row_loads_with_types():
    (row,) = read_schweller_cases(to_csv([GOOD]))
    assert row["year"] == 1940 and row["war"] is True and row["threat"] == 0.25 and row["observed_kind"] == "jackal"
    assert case_scenario(row) == Scenario(0.5, 0.75, 0.25, 0.75, 0.25, True, 0.75, 0.75, 0.25)


@pytest.mark.parametrize(
    "column, value, message",
    [
        ("threat", "1.3", "line 2, column 'threat': 1.3 is outside [0, 1]"),
        ("wave", "strong", "line 2, column 'wave': 'strong' is not a number in [0, 1]"),
        ("value_revision", "nan", "line 2, column 'value_revision': 'nan' is not a number in [0, 1]"),
        ("war", "yes", "line 2, column 'war': 'yes' must be true or false"),
        (
            "observed",
            "appease",
            "line 2, column 'observed': 'appease' must be one of balance, bandwagon, buck-pass, neutral",
        ),
        ("observed_side", "axis", "line 2, column 'observed_side': 'axis' must be one of 'revisionist', 'status quo'"),
        ("observed_kind", "domino", "line 2, column 'observed_kind': 'domino' must be empty (appeasement) or one of"),
        ("walt_threat_camp", "", "line 2, column 'walt_threat_camp': '' must be one of 'revisionist', 'status quo'"),
        ("year", "1453", "line 2, column 'year': '1453' must be a year from 1500 to 2000"),
        ("case_id", "Japan 1940", "line 2, column 'case_id': 'Japan 1940' must be lower-case words"),
        ("why_threat", " ", "line 2, column 'why_threat': is empty"),
        ("sources", "Weinberg 1994, p. 3", "line 2, column 'sources': 'Weinberg 1994, p. 3' must be BibTeX keys"),
    ],
)
def test_bad_cells_are_reported_by_line_and_column(column, value, message):
    problems = problems_of(to_csv([{**GOOD, column: value}]))
    assert any(p.startswith(message) for p in problems), problems


def test_observed_side_and_kind_must_fit_the_choice():
    problems = problems_of(
        to_csv(
            [
                {**GOOD, "case_id": "a", "observed": "balance"},
                {**GOOD, "case_id": "b", "observed_side": "status quo", "observed_kind": "wave-of-the-future"},
                # issue 17: a jackal may join the status-quo camp when that camp holds what it covets
                {**GOOD, "case_id": "c", "observed_side": "status quo", "observed_kind": "jackal"},
            ]
        )
    )
    assert problems == [
        "line 2, column 'observed_side': 'revisionist' must be empty unless observed is bandwagon",
        "line 2, column 'observed_kind': 'jackal' must be empty unless observed is bandwagon",
        "line 3, column 'observed_kind': 'wave-of-the-future': bandwagoning with the status-quo camp is piling on or, "
        "when the revisionist camp holds what the decider covets (so only the status-quo camp can deliver it), "
        "jackal bandwagoning, so it must be 'piling-on' or 'jackal'",
    ]


def test_every_problem_is_reported_at_once_with_duplicates_and_ragged_rows():
    text = to_csv([GOOD, {**GOOD, "case_id": "b", "threat": "2", "war": "maybe"}, GOOD]) + "too,few\n"
    problems = problems_of(text)
    assert problems[:2] == [
        "line 3, column 'threat': 2 is outside [0, 1]",
        "line 3, column 'war': 'maybe' must be true or false",
    ]
    assert "line 4, column 'case_id': 'japan-1940' repeats line 2" in problems
    assert any(p.startswith("line 5: has fewer fields than the header") for p in problems)


def test_header_problems_are_reported():
    columns = [c for c in SCHWELLER_COLUMNS if c != "wave"] + ["mood"]
    problems = problems_of(to_csv([GOOD], columns))
    assert problems == ["line 1 (header): missing column(s) 'wave'", "line 1 (header): unknown column(s) 'mood'"]
    assert problems_of(to_csv([])) == ["no cases"]
    with pytest.raises(TypeError, match="text must be a str, got bytes"):
        read_schweller_cases(b"case_id\n")


def test_rows_are_checked_against_the_main_cases_file():
    (row,) = read_schweller_cases(to_csv([GOOD]))
    assert check_against_cases([row], {"japan-1940": 1940}) == []
    assert check_against_cases([row], {"japan-1940": 1941}) == [
        "case 'japan-1940': year 1940 differs from data/cases.csv (1941)"
    ]
    assert check_against_cases([row], {}) == [
        "case 'japan-1940': not in data/cases.csv (every Schweller case needs Walt's coding there)"
    ]


def test_the_books_file_is_valid_and_matches_the_cases_file():
    """data/schweller_cases.csv loads, every case has Walt's coding in data/cases.csv, and both
    models run on it. (Needs the lead's merge of the new cases into data/cases.csv.)"""
    from widgets.io.cases import load_cases
    from widgets.model.interests import compare_cases

    rows = load_schweller_cases(ROOT / "data" / "schweller_cases.csv")
    assert len(rows) >= 6
    cases = load_cases()
    assert check_against_cases(rows, cases["year"].to_dict()) == []
    comparisons = compare_cases(rows, cases)
    assert any(c.verdict == "disagree" for c in comparisons)
    for row, c in zip(rows, comparisons, strict=True):
        assert "schweller" in cases.loc[row["case_id"], "chapters"].split(";")
        assert c.walt_observed == cases.loc[row["case_id"], "observed"]


def test_compare_case_places_walts_choice_by_the_threat_sources_camp():
    from widgets.io.cases import read_cases

    walt_row = {
        "case_id": "turkey-1945",
        "year": "1945",
        "decider": "Turkey",
        "threat_source": "Allies",
        "aggregate_power": "1",
        "proximity": "1",
        "offensive_power": "0.75",
        "aggressive_intentions": "0.5",
        "own_strength": "0",
        "allied_support": "0",
        "war": "true",
        "victory": "0.95",
        "observed": "bandwagon",
        "summary": "s",
        **{
            f"why_{c}": "w"
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
        "sources": "k",
        "chapters": "schweller;history",
    }
    from widgets.io.cases import REQUIRED_COLUMNS

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(REQUIRED_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerow(walt_row)
    cases = read_cases(buffer.getvalue())
    (row,) = read_schweller_cases(
        to_csv(
            [
                {
                    **GOOD,
                    "case_id": "turkey-1945",
                    "year": "1945",
                    "walt_threat_camp": "status quo",
                    "value_status_quo": "0.75",
                    "value_revision": "0.25",
                    "capability": "0",
                    "revisionist_strength": "0.1",
                    "threat": "0",
                    "victory": "0.05",
                    "wave": "0",
                    "contagion": "0",
                    "observed_side": "status quo",
                    "observed_kind": "piling-on",
                }
            ]
        )
    )
    result = compare_case(row, cases.loc["turkey-1945"].to_dict())
    assert result.walt.choice == "bandwagon" and result.walt_camp == "status quo"
    assert (result.schweller.choice, result.schweller.side) == ("bandwagon", "status quo")
    assert result.verdict == "same alignment, different reasons"
    assert result.walt_correct and result.schweller_correct and result.kind_correct
    assert result.observed_label == "bandwagon (piling on)"


# --- figures and explorers ------------------------------------------------------------------------------




def payload_of(html: str) -> dict:
    match = re.search(r'<script type="application/json" class="ae-data">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))




def test_the_typology_explorer_snaps_to_its_grid():
    from widgets.explorers.interests import typology_explorer

    explorer = typology_explorer(Scenario(0.31, 0.79, 0.74), levels=11, capability_levels=5)
    assert explorer.values() == {"value_status_quo": 0.3, "value_revision": 0.8, "capability": 0.75}
    payload = payload_of(explorer.static_html())
    assert len(payload["index"]) == 11 * 11 * 5


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"vary": ("menace",)}, ValueError, "vary has unknown field 'menace'"),
        ({"vary": ()}, ValueError, "vary must name at least one of"),
        ({"vary": "threat"}, TypeError, "vary must be a sequence"),
        ({"vary": ("threat", "threat")}, ValueError, "names a field twice"),
        ({"levels": 2.5}, TypeError, "levels must be an int"),
        ({"levels": 12}, ValueError, r"levels must be in \[2, 11\], got 12"),
        ({"scenario": {}}, TypeError, "scenario must be a Scenario or None, got dict"),
        ({"params": {}}, TypeError, "params must be an InterestParameters or None, got dict"),
        (
            {"vary": ("value_status_quo", "value_revision", "capability", "threat", "wave", "contagion"), "levels": 5},
            ValueError,
            "allows at most 4096",
        ),
    ],
)
def test_the_explorer_rejects_bad_arguments(kwargs, error, message):
    from widgets.explorers.interests import walt_schweller_explorer

    with pytest.raises(error, match=message):
        walt_schweller_explorer(**kwargs)


def test_the_case_box_shows_both_models_and_escapes_text():
    from widgets.explorers.interests import SchwellerCaseBox, schweller_case_box
    from widgets.io.cases import REQUIRED_COLUMNS, read_cases

    walt_row = {c: "w" for c in REQUIRED_COLUMNS}
    walt_row.update(
        {
            "case_id": "japan-1940",
            "year": "1940",
            "aggregate_power": "0.85",
            "proximity": "0",
            "offensive_power": "0.25",
            "aggressive_intentions": "1",
            "own_strength": "0.25",
            "allied_support": "0.25",
            "war": "true",
            "victory": "0.75",
            "observed": "bandwagon",
            "sources": "k",
            "chapters": "schweller;history",
        }
    )
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(REQUIRED_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerow(walt_row)
    cases = read_cases(buffer.getvalue())
    (row,) = read_schweller_cases(to_csv([{**GOOD, "summary": "<script>alert(1)</script>"}]))
    comparison = compare_case(row, cases.loc["japan-1940"].to_dict())
    box = SchwellerCaseBox(comparison)
    html = box._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert (
        "<strong>Walt's model:</strong>" in html
        and "<strong>Schweller's model:</strong>" in html
        and comparison.headline in html
    )
    assert box._repr_mimebundle_()["text/plain"].startswith("Case: Japan, 1940")
    with pytest.raises(ValueError, match="no Schweller case 'spain-1940'; the cases are: japan-1940"):
        schweller_case_box("spain-1940", [comparison])
    with pytest.raises(TypeError, match="comparison must be a CaseComparison"):
        SchwellerCaseBox(row)


# --- issue 17: who holds the spoils, waiting while courted, lambs and lions under threat ----------

full_scenarios = st.builds(Scenario, unit, unit, unit, unit, unit, st.booleans(), unit, unit, unit,
                           st.sampled_from(SPOILS_HOLDERS), unit)


@settings(deadline=None)
@given(full_scenarios.filter(lambda s: s.interest > 0.01))
def test_the_profit_pull_goes_to_the_camp_that_holds_what_the_decider_covets(scenario):
    """Schweller 1994: jackals join the side that can deliver the spoils. Spoils held by the
    revisionist camp can only be handed over by the status-quo camp, and the reverse."""
    with_sq, with_rev = (replace(scenario, spoils_held_by=h) for h in ("status-quo", "revisionist"))
    t_sq, t_rev = schweller_terms(with_sq), schweller_terms(with_rev)
    assert set(t_sq["jackal"]) == {"bandwagon-revisionist"}
    assert set(t_rev["jackal"]) == {"bandwagon-status-quo"}
    a, b = schweller_predict(with_sq), schweller_predict(with_rev)
    assert b.options["bandwagon-status-quo"] >= a.options["bandwagon-status-quo"] - 1e-12
    assert b.options["bandwagon-revisionist"] <= a.options["bandwagon-revisionist"] + 1e-12


@settings(deadline=None)
@given(unit, st.floats(0.4, 1.0), st.floats(0.0, 1.0), st.booleans(), st.floats(0.0, 0.5), st.floats(0.0, 0.5))
def test_a_jackal_whose_spoils_the_revisionists_hold_joins_the_status_quo_camp(s, gap, c, war, odds, strength):
    """Unthreatened, uncourted, in peace or a war the revisionist is not winning: it joins the
    status-quo camp for profit (Italy 1915, Romania 1916, Japan 1914)."""
    s = min(s, 1.0 - gap)
    scenario = Scenario(s, s + gap, c, strength, 0.0, war, odds, spoils_held_by="revisionist")
    pred = schweller_predict(scenario)
    assert (pred.choice, pred.side, pred.kind, pred.motive) == ("bandwagon", "status quo", "jackal", "profit")


@settings(deadline=None)
@given(full_scenarios.filter(lambda s: s.war and s.interest > 0.01 and 0.01 < s.victory < 0.99),
       st.floats(0.01, 1.0))
def test_an_undecided_war_raises_waiting_for_a_jackal_courted_by_both_camps(scenario, courted):
    """The waiting term grows as the war grows undecided and as both camps bid; and courting
    raises the chance of staying out."""
    courted_scn = replace(scenario, courted=courted)
    even, decided = replace(courted_scn, victory=0.5), replace(courted_scn, victory=0.0)
    assert undecided(even) == 1.0 and undecided(decided) == 0.0
    wait = schweller_terms(courted_scn)["waiting"]["neutral"]
    assert schweller_terms(even)["waiting"]["neutral"] > wait - 1e-12 and wait > 0.0
    assert schweller_terms(decided)["waiting"]["neutral"] == 0.0
    assert p(courted_scn, "neutral") > p(replace(scenario, courted=0.0), "neutral")


@settings(deadline=None)
@given(st.floats(0.0, 0.25), st.floats(0.3, 0.5), st.floats(0.0, 1.0), st.sampled_from(SPOILS_HOLDERS))
def test_a_jackal_courted_by_both_camps_in_an_even_war_waits(s, interest, c, holder):
    scenario = Scenario(s, s + interest, c, 0.5, 0.0, True, 0.5, spoils_held_by=holder, courted=1.0)
    pred = schweller_predict(scenario)
    assert pred.choice == "neutral" and pred.waiting and pred.label == "Neutral (waiting for bids)"
    assert pred.motive == "profit"
    assert not schweller_predict(replace(scenario, courted=0.0)).waiting


@settings(deadline=None)
@given(st.floats(0.0, 0.25), st.floats(0.0, 1.0), st.floats(0.0, 0.1), st.floats(0.01, 1.0), st.floats(0.9, 1.0))
def test_a_lamb_under_threat_with_no_allies_never_balances(s, share, c, threat, strength):
    """Lambs cannot pay (Schweller 1994): low on both values, weak, and with no status-quo camp
    to join (the revisionist camp overwhelming), it never balances, whatever the threat."""
    scenario = Scenario(s, s * share, c, strength, threat)
    assert place(scenario).state_type == "lamb"
    assert schweller_predict(scenario).choice != "balance"


@settings(deadline=None)
@given(st.floats(0.0, 0.25), st.floats(0.0, 1.0), st.floats(0.0, 0.1), st.floats(0.01, 0.5), st.floats(0.9, 1.0))
def test_a_lamb_under_threat_with_no_allies_stays_out(s, share, c, threat, strength):
    """Under a threat up to 0.5 it stays out; only an acute threat makes the weakest give way
    to the revisionist (appeasement, Walt's bandwagoning), and never by balancing."""
    scenario = Scenario(s, s * share, c, strength, threat)
    assert schweller_predict(scenario).choice == "neutral"


@settings(deadline=None)
@given(st.floats(0.75, 1.0), st.floats(0.0, 0.25), st.floats(GREAT_POWER_AT, 1.0), st.floats(0.75, 1.0),
       st.floats(0.5, 1.0))
def test_a_lion_under_threat_balances(s, r, c, threat, strength):
    """Lions pay high costs to keep what they have (Schweller 1994): a status-quo great power
    menaced by a revisionist at least as strong as its camp balances (in peace)."""
    scenario = Scenario(s, r, c, strength, threat)
    assert place(scenario).state_type == "lion"
    assert schweller_predict(scenario).choice == "balance"


def test_spoils_held_by_must_name_a_camp():
    with pytest.raises(ValueError, match=r"Scenario\.spoils_held_by must be one of 'status-quo', 'revisionist'"):
        Scenario(spoils_held_by="neither")
    with pytest.raises(ValueError, match=r"Scenario\.courted"):
        Scenario(courted=1.5)


# --- scored by side ------------------------------------------------------------------------------


def test_the_codebooks_by_side_table_matches_the_file():
    from widgets.model.interests import observed_side

    rows = load_schweller_cases(ROOT / "data" / "schweller_cases.csv")
    text = (ROOT / "data" / "README.md").read_text()
    table = {}
    for line in text.splitlines():
        if line.startswith(("| the nine earlier cases |", "| the thirteen new cases |", "| **total** | **")):
            cells = [c.strip().strip("*") for c in line.strip("|").split("|")]
            table[cells[0]] = [int(c) for c in cells[1:]]

    def counts(part):
        sides = [observed_side(r) for r in part]
        return [sides.count("revisionist"), sides.count("status quo"), sides.count("out"), len(part)]

    assert table["the nine earlier cases"] == counts(rows[:9])
    assert table["the thirteen new cases"] == counts(rows[9:])
    assert table["total"] == counts(rows)


def test_scoring_by_side_counts_each_case_once_and_recall_is_per_observed_side():
    from widgets.model.interests import SIDE_OUTCOMES, compare_cases, predicted_sides, score_by_side

    comparisons = compare_cases()
    for model in ("walt", "schweller", "majority"):
        score = score_by_side(comparisons, model)
        assert sum(sum(row.values()) for row in score.confusion.values()) == len(comparisons) == score.n
        for side in SIDE_OUTCOMES:
            row = score.confusion[side]
            assert score.recall[side] == pytest.approx(row[side] / sum(row.values()))
        assert score.macro == pytest.approx(sum(score.recall.values()) / 3)
        assert score.table().shape == (3, 3)
    hits = sum(predicted_sides(c)["schweller"] == ("out" if c.row["observed"] in ("neutral", "buck-pass")
                                                    else "status quo" if c.row["observed"] == "balance"
                                                    else c.row["observed_side"]) for c in comparisons)
    assert score_by_side(comparisons, "schweller").correct == hits
    with pytest.raises(ValueError, match="model must be"):
        score_by_side(comparisons, "landscape")


def test_chapter_5_patterns_of_difference_hold_for_the_cases_it_names():
    """Chapter 5 glues the groups of verdict_groups; what its prose says about them is checked here:
    the case boxes show Japan 1940 as staying out against joining (Walt's model keeps it out since the land-power
    reading; before it, the same alignment for different reasons), the Soviet Union 1939
    as 'fear against gain' and the Soviet Union 1945 as 'balancing beside its allies against piling on' (in the
    group 'same alignment, different reasons', since fighting allies bind); every case falls in exactly one group;
    'the other way round' is Walt's
    buck-passing against Schweller's balancing; and the weak jackals Walt's model misses stay out or
    balance."""
    comparisons = compare_cases()
    groups = verdict_groups(comparisons)
    names = [n for group in groups.values() for n in group]
    assert len(names) == len(set(names)) == len(comparisons)
    assert "Soviet Union 1939" in groups["balance vs bandwagon"]
    assert "Japan 1940" in groups["out vs bandwagon"]
    assert "Soviet Union 1945" in groups["same alignment, different reasons"]
    by_name = {f"{c.decider.split(' (')[0]} {c.year}": c for c in comparisons}
    ussr = by_name["Soviet Union 1945"]
    assert ussr.walt.choice == "balance" and ussr.schweller.kind == "piling-on"
    # 'the other way round' (Walt's buck-passing against Schweller's balancing) holds no case since fighting allies
    # bind; every Walt buck-passing is elsewhere
    assert groups["out vs balance"] == []
    assert not [n for n, c in by_name.items() if c.walt.choice == "buck-pass" and c.schweller.choice == "balance"]
    for n in groups["balance vs bandwagon"] + groups["out vs bandwagon"]:
        assert by_name[n].schweller.choice == "bandwagon" and by_name[n].walt.choice != "bandwagon"
