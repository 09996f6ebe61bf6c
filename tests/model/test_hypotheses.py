"""Walt's hypotheses (1987, pp. 32-33), each as a property of ``widgets.predict``.

Test names follow the hypotheses. "Increases" is checked strictly for a step of at least
0.01 (the model is smooth, so any real step must move the probability).
"""

from dataclasses import replace
from itertools import product

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from widgets import Situation, Threat, ThreatWeights, predict
from widgets.model.alignment import (
    DEFAULT_PARAMETERS,
    ModelParameters,
    capitulation,
    feasibility,
    utility_terms,
    war_momentum,
)

from ..strategies import full_situations, lessons, ordered_pair, peace, situations, threats, unit, weights

A0 = DEFAULT_PARAMETERS.support_certain_at
NO_CAPITULATION = ModelParameters(capitulation=0.0)
SOURCES = ("aggregate_power", "proximity", "offensive_power", "aggressive_intentions")


def p(threat, situation, choice, w=None):
    return predict(threat, situation, w).probabilities[choice]


# --- Conditions favouring balancing or bandwagoning -----------------------------------------


def test_balancing_is_more_common_than_bandwagoning():
    """Condition 1: over the whole input space balancing outweighs bandwagoning."""
    levels = (0.0, 0.5, 1.0)
    bal = bw = modal_bal = modal_bw = 0
    for p_, x, o, i, s, a, war in product(levels, levels, levels, levels, levels, levels, (False, True)):
        for v in (levels if war else (0.5,)):
            pred = predict(Threat(p_, x, o, i), Situation(s, a, war, v))
            bal += pred.probabilities["balance"]
            bw += pred.probabilities["bandwagon"]
            modal_bal += pred.choice == "balance"
            modal_bw += pred.choice == "bandwagon"
    assert bal > 2 * bw
    assert modal_bal > 2 * modal_bw
    assert modal_bw > 0, "bandwagoning must still happen under some conditions"


@given(threats, situations, ordered_pair())
def test_stronger_states_balance_more(threat, situation, strengths):
    """Condition 2: the stronger the state, the greater its tendency to balance."""
    weak, strong = (replace(situation, own_strength=s) for s in strengths)
    assert p(threat, strong, "balance") > p(threat, weak, "balance")
    assert p(threat, strong, "bandwagon") <= p(threat, weak, "bandwagon") + 1e-12


@given(unit, unit, unit, st.floats(0.4, 1.0), unit, st.floats(0.0, 0.3))
def test_weak_states_balance_against_weak_threats(x, o, i, strength, support, power):
    """Condition 2: against a state of similar (or lesser) strength, states balance rather than bandwagon."""
    threat = Threat(power, x, o, i)
    situation = Situation(strength, support, war=False)
    assert p(threat, situation, "balance") > p(threat, situation, "bandwagon")


@given(
    st.floats(0.0, 0.1),
    st.floats(0.9, 1.0),
    st.floats(0.8, 1.0),
    st.floats(0.8, 1.0),
    st.floats(0.0, 0.3),
    st.floats(0.0, 0.2),
)
def test_weak_states_bandwagon_with_near_offensive_great_powers(strength, power, x, o, i, support):
    """Condition 2: a weak state facing a near, offensively capable great power with no allies bandwagons."""
    assert predict(Threat(power, x, o, i), Situation(strength, support, war=False)).choice == "bandwagon"


@pytest.mark.parametrize("source", ["aggregate_power", "proximity", "offensive_power"])
@given(threat=threats, situation=situations, levels=ordered_pair(gap=0.05), strength=st.floats(0.0, 0.4))
def test_weak_states_bandwagon_more_the_greater_near_and_offensive_the_power(
    source, threat, situation, levels, strength
):
    """Condition 2: the pull toward a great power grows with its power, proximity and offensive capability."""
    assume(threat.aggregate_power >= 0.2 or source == "aggregate_power")
    situation = replace(situation, own_strength=strength)
    low, high = (replace(threat, **{source: v}) for v in levels)
    assert p(high, situation, "bandwagon") > p(low, situation, "bandwagon")


@given(threats, situations, ordered_pair(0.0, A0))
def test_allied_support_raises_balancing_until_it_is_certain(threat, situation, supports):
    """Condition 3: the greater the probability of allied support, the greater the tendency to balance."""
    low, high = (replace(situation, allied_support=a) for a in supports)
    assert p(threat, high, "balance") > p(threat, low, "balance")


@given(threats, situations, ordered_pair(A0, 1.0))
def test_certain_allied_support_invites_buck_passing(threat, situation, supports):
    """Condition 3: once support is certain, free-riding and buck-passing increase."""
    low, high = (replace(situation, allied_support=a) for a in supports)
    assert p(threat, high, "buck-pass") > p(threat, low, "buck-pass")
    assert p(threat, replace(situation, allied_support=1.0), "buck-pass") > p(
        threat, replace(situation, allied_support=A0 - 0.2), "buck-pass"
    )


@given(threats, situations, ordered_pair(), st.none() | weights)
def test_unalterably_aggressive_states_provoke_balancing(threat, situation, intents, w):
    """Condition 4: the more unalterably aggressive a state seems, the more others balance against it.

    Balancing gains on bandwagoning wherever the decider has some means of resisting (F > 0);
    for a negligible state that no ally will help (F = 0), Walt's weak states "may be forced to
    accommodate" (1987, pp. 30-31), so the threat's intentions no longer tilt its choice between
    the two, though they still make it align more.
    """
    low, high = (replace(threat, aggressive_intentions=i) for i in intents)
    assert p(high, situation, "balance", w) > p(low, situation, "balance", w)

    def odds(t):
        return p(t, situation, "balance", w) / p(t, situation, "bandwagon", w)

    if feasibility(situation) > 1e-6:  # below, the tilt is lost in rounding
        assert odds(high) > odds(low)
    else:
        assert odds(high) == pytest.approx(odds(low), rel=1e-5)


def test_without_means_of_resisting_intentions_stop_tilting_the_choice_toward_balancing():
    """F: a negligible, unaided state facing a near great power bandwagons even against a threat coded
    fully aggressive; with certain allies or at parity the same state balances. Turning f off restores
    the intentions motive whole, and with it balancing (the term's mutation check)."""
    threat = Threat(0.8, 1.0, 1.0, 1.0)
    alone = Situation(own_strength=0.05, allied_support=0.1, capability=0.02)
    assert feasibility(alone) == pytest.approx(1 - min(0.9, 0.92) * 0.9)
    assert predict(threat, alone).choice == "bandwagon"
    assert predict(threat, replace(alone, allied_support=1.0)).choice == "balance"
    assert predict(threat, replace(alone, own_strength=0.5, capability=0.3)).choice == "balance"
    assert predict(threat, alone, params=ModelParameters(resistance_feasibility=0.0)).choice == "balance"


@given(threats, situations, ordered_pair())
def test_in_war_closeness_to_victory_draws_bandwagoners(threat, situation, victories):
    """Condition 5: in wartime, the closer one side is to victory, the more others (third parties)
    bandwagon with it: strictly for states whose choice cannot change the outcome, never less for any."""
    low, high = (replace(situation, war=True, victory=v) for v in victories)
    assert p(threat, high, "bandwagon") >= p(threat, low, "bandwagon") - 1e-12
    if situation.own_strength < 0.5:
        assert p(threat, high, "bandwagon") > p(threat, low, "bandwagon")


@given(threats, full_situations, st.floats(0.0, 0.9, exclude_max=True))
def test_states_at_or_above_parity_never_bandwagon_short_of_victory(threat, situation, victory):
    """Condition 2 with seed 003 ("strong neighbors of strong states are likely to balance"): a state at
    parity with its threat or of great-power rank never bandwagons in peace, nor in war unless the
    threat's victory is at least 0.9 (Walt 1987, pp. 29-30: strong states can change the outcome)."""
    assume(situation.own_strength >= 0.5 or (situation.capability is not None and situation.capability >= 0.25))
    for case in (replace(situation, war=False), replace(situation, war=True, victory=victory)):
        pred = predict(threat, case)
        assert pred.choice != "bandwagon"
        assert pred.probabilities["bandwagon"] <= pred.probabilities["balance"]


def test_a_state_at_parity_bandwagons_only_with_a_threat_on_the_verge_of_victory():
    """The issue's example: Threat(0, 0, 1, 0.5), own strength 0.5, no allies, victory 0.85 used to
    bandwagon; it balances now, and the same state joins a threat at victory 1."""
    threat = Threat(0, 0, 1, 0.5)
    assert predict(threat, Situation(0.5, 0.0, True, 0.85)).choice == "balance"
    verge = predict(Threat(1, 1, 1, 0.0), Situation(0.5, 0.0, True, 1.0))
    short_of_verge = predict(Threat(1, 1, 1, 0.0), Situation(0.5, 0.0, True, 0.9))
    assert verge.probabilities["bandwagon"] > short_of_verge.probabilities["bandwagon"]


@given(threats, full_situations, ordered_pair())
def test_a_great_power_balances_more_against_a_stronger_power(threat, situation, powers):
    """Seed 003: "strong neighbors of strong states are likely to balance": for a decider of
    great-power rank, more power in the threat raises balancing, never lowers it (chapter 2's
    London used to show the opposite), and the great-power pull on it is zero."""
    situation = replace(situation, capability=max(0.25, situation.capability or 0.25))
    low, high = (replace(threat, aggregate_power=v) for v in powers)
    assert p(high, situation, "balance") > p(low, situation, "balance")
    # the pull (and every other term of bandwagoning) is the same whatever the threat's power; the stage-2
    # share can still move, since the insulation term of buck-passing falls as the threat's power rises
    assert utility_terms(high, situation).utility("bandwagon") == pytest.approx(
        utility_terms(low, situation).utility("bandwagon"))


@given(threats, full_situations, st.floats(0.0, 0.2), unit)
def test_a_small_state_is_small_whoever_threatens_it(threat, situation, capability, strength):
    """A small state (capability well below great-power rank) below parity with a great power is
    pulled toward it however its strength relative to the threat is coded, and capability never makes
    it weaker than the relative reading does (weakness is the lesser of the two)."""
    small = replace(situation, capability=capability, own_strength=min(strength, 0.45), war=False,
                    others_engaged=0.0, neutrality_lesson=0.0)
    relative = replace(small, capability=None)
    assert p(threat, small, "bandwagon") <= p(threat, relative, "bandwagon") + 1e-12
    assert p(Threat(1, 1, 1, 0), replace(small, own_strength=0.0, allied_support=0.0), "bandwagon") > 0.5


@given(threats, full_situations, ordered_pair())
def test_a_target_is_never_treated_as_a_bystander(threat, situation, victories):
    """Condition 5 concerns third parties: the war's momentum never applies to the state the threat is
    attacking (Hungary 1956). Victory moves a target's choice only through capitulation (below): with that
    term switched off, the threat's closeness to victory does not move the target's choice at all."""
    low, high = (replace(situation, war=True, target=True, victory=v) for v in victories)
    assert war_momentum(high) == 0.0 and war_momentum(low) == 0.0
    assert predict(threat, high, params=NO_CAPITULATION).probabilities == predict(
        threat, low, params=NO_CAPITULATION).probabilities
    # Stay-out shifts held equal: no hiding (capability None), no buck to pass, no lesson (a target draws none).
    bystander = replace(high, target=False, own_strength=min(situation.own_strength, 0.25), capability=None,
                        others_engaged=0.0, neutrality_lesson=0.0)
    as_target = replace(bystander, target=True)
    if high.victory > 0.5:  # a target's capitulation is the bystander's pull discounted by its allies' help
        assert p(threat, bystander, "bandwagon") >= p(threat, as_target, "bandwagon") - 1e-12
        if bystander.allied_support > 0.01:
            assert p(threat, bystander, "bandwagon") > p(threat, as_target, "bandwagon")


# --- Capitulation: a weak target without help, being defeated, accommodates its attacker ---------


def _defeat_raises_bandwagoning(threat, target, victories, params=DEFAULT_PARAMETERS):
    """Whether the attacker's progress (victory from the lower to the higher value) raises the target's
    bandwagoning and lowers its balancing."""
    low, high = (predict(threat, replace(target, victory=v), params=params).probabilities for v in victories)
    return high["bandwagon"] > low["bandwagon"] and high["balance"] < low["balance"]


weak_isolated_targets = st.builds(
    Situation, st.floats(0.0, 0.45), st.floats(0.0, 0.9), st.just(True), unit, st.none() | st.floats(0.0, 0.2),
    st.just(True), unit, lessons)


@given(threats, weak_isolated_targets, ordered_pair(0.0, 1.0, gap=0.05))
def test_capitulation_a_weak_isolated_target_being_defeated_bandwagons_more_than_one_still_holding(
        threat, target, victories):
    """Walt (1987, pp. 30-31): weak states "must choose the winning side", and without "possibility of
    outside assistance" may be "forced to accommodate the most imminent threat". A weak target with little
    help bandwagons more, and balances less, the further its attacker has got in defeating it."""
    assume(victories[1] >= 0.55)
    assert _defeat_raises_bandwagoning(threat, target, victories)


@given(threats, full_situations)
def test_capitulation_strength_allied_help_or_holding_out_removes_it(threat, situation):
    """Capitulation is zero for a bystander, in peace, for a target at parity or of great-power rank, for
    a target with certain allied help, and while the target holds (victory <= 0.5): then switching the term
    off changes nothing."""
    target = replace(situation, war=True, target=True)
    cases = [replace(situation, target=False), replace(target, war=False),
             replace(target, own_strength=max(0.5, situation.own_strength)),
             replace(target, capability=max(0.25, situation.capability or 0.25)), replace(target, allied_support=1.0),
             replace(target, victory=min(0.5, situation.victory))]
    for case in cases:
        assert capitulation(case) == 0.0
        assert predict(threat, case).probabilities == predict(threat, case, params=NO_CAPITULATION).probabilities
    assert capitulation(Situation()) == 0.0  # the default target=False


def test_capitulation_mutation_zeroing_its_coefficient_fails_its_property():
    """The capitulation property can fail: with b_k = 0 the attacker's progress no longer moves a weak,
    isolated target (Denmark-like: negligible, no help, invaded)."""
    target = Situation(0.0, 0.05, True, 0.5, capability=0.0, target=True)
    assert _defeat_raises_bandwagoning(Threat(1, 1, 1, 1), target, (0.5, 0.9))
    assert not _defeat_raises_bandwagoning(Threat(1, 1, 1, 1), target, (0.5, 0.9), params=NO_CAPITULATION)


@given(threats, full_situations, st.none() | weights)
def test_the_named_choice_is_the_most_probable_outcome(threat, situation, w):
    pred = predict(threat, situation, w)
    assert pred.probabilities[pred.choice] == max(pred.probabilities.values())


@given(threats, peace, unit, unit)
def test_victory_means_nothing_in_peacetime(threat, situation, v1, v2):
    a = predict(threat, replace(situation, victory=v1))
    b = predict(threat, replace(situation, victory=v2))
    assert a.probabilities == b.probabilities and a.choice == b.choice


@pytest.mark.parametrize("source", SOURCES)
@given(threat=threats, situation=situations, levels=ordered_pair(), w=st.none() | weights)
def test_greater_threat_makes_any_alliance_more_likely(source, threat, situation, levels, w):
    """Walt (1987, p. 26): the greater the threat, the more likely a vulnerable state seeks an alliance."""
    low, high = (replace(threat, **{source: v}) for v in levels)
    assert p(high, situation, "neutral", w) < p(low, situation, "neutral", w)
    assert predict(high, situation, w).threat > predict(low, situation, w).threat


# --- Balancing hypotheses 1-6 --------------------------------------------------------------


@pytest.mark.parametrize("source", SOURCES)
@given(threat=threats, situation=situations, levels=ordered_pair(), w=st.none() | weights, strength=st.floats(0.5, 1.0))
def test_balancing_grows_with_each_source_of_threat(source, threat, situation, levels, w, strength):
    """Balancing 2-5: more power, proximity, offensive power or aggressiveness, more balancing against it
    (for states not weaker than the threat; weak states are the exception of condition 2)."""
    situation = replace(situation, own_strength=strength)
    low, high = (replace(threat, **{source: v}) for v in levels)
    assert p(high, situation, "balance", w) > p(low, situation, "balance", w)


@given(situations)
def test_states_facing_no_threat_do_not_align(situation):
    """Balancing 1 and 6: alignment answers a threat; with the enemy gone the reason to align goes too."""
    pred = predict(Threat(0, 0, 0, 0), situation)
    assert pred.choice == "neutral"
    assert pred.probabilities["neutral"] > 0.9


@given(st.floats(0.3, 1.0), st.floats(0.5, 1.0), st.floats(0.0, 0.6))
def test_states_balance_against_a_serious_threat_in_peace(intent, strength, support):
    """Balancing 1 (general form): a state facing a serious threat aligns against it."""
    pred = predict(Threat(0.8, 0.8, 0.8, intent), Situation(strength, support, war=False))
    assert pred.choice == "balance"


# --- Weights -----------------------------------------------------------------------------------


@given(threats, situations, weights, st.floats(0.1, 10.0))
def test_weights_are_relative(threat, situation, w, scale):
    scaled = ThreatWeights(*(getattr(w, s) * scale for s in SOURCES))
    a, b = predict(threat, situation, w), predict(threat, situation, scaled)
    assert a.threat == pytest.approx(b.threat, abs=1e-12)
    assert a.choice == b.choice


@pytest.mark.parametrize("source", SOURCES)
def test_a_source_with_zero_weight_does_not_change_the_threat(source):
    w = ThreatWeights(**{s: (0.0 if s == source else 1.0) for s in SOURCES})
    low = Threat(**{s: (0.0 if s == source else 0.5) for s in SOURCES})
    high = replace(low, **{source: 1.0})
    assert predict(low, None, w).threat == predict(high, None, w).threat == pytest.approx(0.5)


def test_default_weights_are_equal():
    assert set(ThreatWeights().normalised().values()) == {0.25}
