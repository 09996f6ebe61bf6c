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
    distance_from_hegemony,
    feasibility,
    hiding,
    insulated_buckpassing,
    promised_certainty,
    utility_terms,
    war_momentum,
)

from ..strategies import full_situations, lessons, peace, situations, threats, unit, weights

A0 = DEFAULT_PARAMETERS.support_certain_at
NO_CAPITULATION = ModelParameters(capitulation=0.0)
SOURCES = ("aggregate_power", "proximity", "offensive_power", "aggressive_intentions")


def p(threat, situation, choice, w=None):
    return predict(threat, situation, w).probabilities[choice]


def ordered_pair(low=0.0, high=1.0, gap=0.01):
    return st.tuples(st.floats(low, high), st.floats(low, high)).map(sorted).filter(lambda ab: ab[1] - ab[0] >= gap)


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


# --- Staying out: hiding, learning, buck-passing (each a named mechanism) ------------------------


@given(threats, full_situations, ordered_pair(0.0, 0.25))
def test_hiding_small_bystanders_of_a_war_stay_out_the_more_the_smaller_they_are(threat, situation, caps):
    """Schroeder (1994) and Labs (1992): small states at the edge of a great-power war hide; the
    smaller, the more, while the war's outcome is not settled either way (0.05 <= v <= 0.95). Not a
    target: neutrality cannot keep out a war that has reached it. The hiding shift itself always falls
    with size; staying out as a whole does so against the system's leading power (P = 1), where the
    opposite pull of rank (great powers' indifference to threats far from hegemony, Levy 2004) is zero.
    Allied support below certainty (a < 1): a small state sure of its allies does not hide at all."""
    situation = replace(situation, neutrality_lesson=max(0.0, situation.neutrality_lesson),
                        victory=min(max(situation.victory, 0.05), 0.95),
                        allied_support=min(situation.allied_support, 0.99))
    smaller, larger = (replace(situation, war=True, target=False, capability=c) for c in caps)
    assert predict(threat, smaller).stay_out["hiding"] > predict(threat, larger).stay_out["hiding"]
    leader = replace(threat, aggregate_power=1.0)
    assert p(leader, smaller, "neutral") > p(leader, larger, "neutral")
    hit = replace(smaller, target=True)
    assert predict(threat, hit).stay_out["hiding"] == 0.0


@given(threats, full_situations, unit)
def test_a_target_has_no_buck_to_pass(threat, situation, engaged):
    """Mearsheimer (2001): buck-passing is for states on the sidelines; a state under attack is not."""
    hit = replace(situation, target=True)
    engaged_probabilities = predict(threat, replace(hit, others_engaged=engaged)).probabilities
    assert engaged_probabilities == predict(threat, replace(hit, others_engaged=0.0)).probabilities


@given(threats, full_situations, ordered_pair(0.5, 1.0))
def test_hiding_fades_as_the_threat_nears_victory(threat, situation, victories):
    """Walt (1987, p. 30): the weak "must choose the winning side": hiding lasts while the war is open.
    (Allied support below certainty: a small state sure of its allies does not hide at all.)"""
    small = min(situation.capability or 0.0, 0.2)
    early, late = (replace(situation, war=True, target=False, capability=small, victory=v,
                           allied_support=min(situation.allied_support, 0.99)) for v in victories)
    assert predict(threat, late).stay_out["hiding"] < predict(threat, early).stay_out["hiding"]


NO_HEGEMONY_SHIFT = ModelParameters(hegemony_shift=0.0)


@given(threats, full_situations, ordered_pair())
def test_hegemony_a_great_power_bystander_needs_more_threat_the_further_the_threat_from_hegemony(
        threat, situation, powers):
    """Levy (2004), Levy and Thompson (2005): great powers balance against would-be hegemons. For a
    bystander of some rank, the stage-1 shift falls strictly as the threat's aggregate power rises, and
    is zero against the leading power itself, for a target and without capability."""
    assume((situation.capability or 0.0) > 0.01)
    bystander = replace(situation, target=False)
    low, high = (replace(threat, aggregate_power=v) for v in powers)
    assert predict(high, bystander).stay_out["hegemony"] < predict(low, bystander).stay_out["hegemony"]
    assert distance_from_hegemony(replace(threat, aggregate_power=1.0), bystander) == 0.0
    assert distance_from_hegemony(threat, replace(situation, target=True)) == 0.0
    assert distance_from_hegemony(threat, replace(situation, capability=None)) == 0.0


def _great_power_stays_out_of_a_powerless_threat(threat, situation, params=DEFAULT_PARAMETERS):
    return predict(replace(threat, aggregate_power=0.0), situation, params=params).p_align < 0.08


@given(threats, full_situations)
def test_hegemony_a_great_power_bystander_all_but_never_aligns_against_a_threat_without_power(threat, situation):
    """Levy (2004): balance-of-power theory is about great powers combining against a state that could
    dominate the system. A great power (capability >= 0.25) that is not under attack aligns against a
    threat with no aggregate power less than 8% of the time, however near, offensive and aggressive it is."""
    situation = replace(situation, capability=max(0.25, situation.capability or 0.25), target=False)
    assert _great_power_stays_out_of_a_powerless_threat(threat, situation)


def test_hegemony_mutation_zeroing_its_shift_fails_its_property():
    """The property can fail: with h_e = 0 a great power aligns against a near, offensive, aggressive threat
    of no aggregate power almost surely."""
    threat, situation = Threat(0, 1, 1, 1), Situation(1.0, 1.0, False, 0.5, capability=1.0)
    assert _great_power_stays_out_of_a_powerless_threat(threat, situation)
    assert not _great_power_stays_out_of_a_powerless_threat(threat, situation, params=NO_HEGEMONY_SHIFT)


NO_INSULATION = ModelParameters(insulated_buckpassing=0.0)


def _insulated_great_power_passes_the_buck(threat, situation, params=DEFAULT_PARAMETERS):
    pred = predict(threat, situation, params=params)
    return pred.probabilities["buck-pass"] > pred.probabilities["balance"]


@given(threats, full_situations)
def test_buck_passing_an_insulated_great_power_leaves_the_threat_to_a_buck_catcher_that_holds(threat, situation):
    """Mearsheimer (2001, ch. 8): buck-passing is a threatened great power's preferred strategy when
    someone else can do the job. A great power (capability >= 0.25) that does not border the threat
    (X = 0), with great powers already fighting it and holding (E = 1, v <= 0.5), passes the buck rather
    than balance, whatever the threat's power and aims and its own strength and allies."""
    threat = replace(threat, proximity=0.0)
    situation = replace(situation, capability=max(0.25, situation.capability or 0.25), target=False,
                        others_engaged=1.0, victory=min(situation.victory, 0.5))
    assert _insulated_great_power_passes_the_buck(threat, situation)


@pytest.mark.parametrize("source", ("aggregate_power", "proximity"))
@given(threats, full_situations, ordered_pair())
def test_buck_passing_a_great_power_passes_the_buck_less_the_nearer_a_potential_hegemon(
        source, threat, situation, levels):
    """Mearsheimer (2001, ch. 8): a potential hegemon and a shared border push a threatened great power
    from buck-passing to balancing. With a buck-catcher (E > 0, not yet beaten), more of the threat's
    power (at some proximity) or more proximity (at some power) lowers the odds of passing the buck
    against balancing."""
    other = "proximity" if source == "aggregate_power" else "aggregate_power"
    assume(getattr(threat, other) >= 0.05 and situation.others_engaged >= 0.05)
    situation = replace(situation, capability=max(0.25, situation.capability or 0.25), target=False,
                        victory=min(situation.victory, 0.95))
    low, high = (replace(threat, **{source: v}) for v in levels)

    def odds(t):
        return p(t, situation, "buck-pass") / p(t, situation, "balance")

    assert odds(high) < odds(low)


@given(threats, full_situations)
def test_buck_passing_insulation_is_zero_for_a_target_without_capability_or_against_a_leading_neighbour(
        threat, situation):
    """The term needs a great power (rank from ``capability``), a buck-catcher (not a target: E* = 0) and
    insulation: a leading power on the border (P = X = 1) leaves none."""
    assert insulated_buckpassing(threat, replace(situation, target=True)) == 0.0
    assert insulated_buckpassing(threat, replace(situation, capability=None)) == 0.0
    assert insulated_buckpassing(Threat(1, 1, threat.offensive_power, threat.aggressive_intentions), situation) == 0.0
    assert insulated_buckpassing(threat, replace(situation, others_engaged=0.0)) == 0.0


def test_buck_passing_insulation_mutation_zeroing_its_weight_fails_its_property():
    """The insulation property can fail: with e_q = 0 a great power at parity, with certain allies, facing a
    remote aggressor that others already fight, is as likely to balance as to pass the buck."""
    threat, situation = Threat(1, 0, 1, 1), Situation(1.0, 1.0, True, 0.5, capability=1.0, others_engaged=1.0)
    assert _insulated_great_power_passes_the_buck(threat, situation)
    assert not _insulated_great_power_passes_the_buck(threat, situation, params=NO_INSULATION)


@given(threats, full_situations, ordered_pair(0.5, 1.0))
def test_buck_passing_a_buck_catcher_being_beaten_is_no_shelter(threat, situation, victories):
    """Christensen and Snyder (1990): buck-passing needs a buck-catcher that can hold."""
    assume(situation.others_engaged > 0.01)
    early, late = (replace(situation, war=True, target=False, allied_support=0.5, victory=v) for v in victories)
    assert utility_terms(threat, late).utility("buck-pass") < utility_terms(threat, early).utility("buck-pass")


CHAIN_GANGING = ModelParameters(chain_ganging=1.0)  # the term switched on, whatever the default
NO_CHAIN_GANGING = ModelParameters(chain_ganging=0.0)


@given(threats, full_situations, ordered_pair())
def test_chain_ganging_others_fighting_shelters_less_from_a_more_offensive_threat(threat, situation, offences):
    """Christensen and Snyder (1990): where offence is believed to dominate, a buck-catcher may be overrun
    before the buck-passer acts, so states chain-gang rather than pass the buck. With o > 0 and others
    fighting the threat (E* > 0), more offensive power lowers the utility of buck-passing; with o = 0 it
    leaves it unchanged (offence moves buck-passing only through this term). Others' fighting must count for
    something: it cannot when allies' help is already certain (a = 1) and the threat shows no aggressive
    intentions to share, so those inputs are left out."""
    situation = replace(situation, target=False, victory=min(situation.victory, 0.95))
    assume(situation.others_engaged >= 0.01)
    assume(situation.allied_support < 1.0 or threat.aggressive_intentions > 0.0)
    low, high = (replace(threat, offensive_power=o) for o in offences)
    on = [utility_terms(t, situation, CHAIN_GANGING).utility("buck-pass") for t in (low, high)]
    off = [utility_terms(t, situation, NO_CHAIN_GANGING).utility("buck-pass") for t in (low, high)]
    assert on[1] < on[0]
    assert off[1] == off[0]


@given(threats, full_situations)
def test_chain_ganging_against_an_overwhelming_offence_others_fighting_is_no_shelter(threat, situation):
    """At o = 1 and offensive power 1, others' fighting adds nothing to buck-passing: the utilities equal
    those with nobody fighting. Without a buck-catcher (E = 0, or a target) the term changes nothing."""
    threat = replace(threat, offensive_power=1.0)
    alone = replace(situation, others_engaged=0.0)
    assert utility_terms(threat, situation, CHAIN_GANGING).values == utility_terms(threat, alone, CHAIN_GANGING).values
    nobody = replace(situation, others_engaged=0.0)
    hit = replace(situation, target=True)
    for s in (nobody, hit):
        assert predict(threat, s, params=CHAIN_GANGING).probabilities == predict(
            threat, s, params=NO_CHAIN_GANGING).probabilities


def test_chain_ganging_mutation_zeroing_its_weight_fails_its_property():
    """The chain-ganging properties can fail: with o = 0 offence leaves buck-passing where it was, and a
    remote great power with certain allies, facing a fully offensive threat that others fight and hold,
    passes the buck; with o = 1 it joins the fight (balances) instead."""
    threat, situation = Threat(1, 0, 1, 1), Situation(1.0, 1.0, True, 0.5, capability=1.0, others_engaged=1.0)
    milder = replace(threat, offensive_power=0.2)
    assert (utility_terms(threat, situation, NO_CHAIN_GANGING).utility("buck-pass")
            == utility_terms(milder, situation, NO_CHAIN_GANGING).utility("buck-pass"))
    assert predict(threat, situation, params=NO_CHAIN_GANGING).choice == "buck-pass"
    assert predict(threat, situation, params=CHAIN_GANGING).choice == "balance"


@given(unit, st.floats(0.0, A0))
def test_hiding_a_negligible_bystander_is_as_likely_to_hide_as_to_align_against_the_gravest_threat(
        strength, support):
    """Schroeder (1994): hiding was the commonest response of small states; under the gravest threat
    (T = 1) a negligible bystander of a war whose outcome is open (v = 0.5), with allied support no
    more than adequate (a <= a_0), is at least as likely to stay out as to align. (Restated when allies
    came to end hiding: a small state whose allies' help is certain no longer hides, next property.)"""
    pred = predict(Threat(1, 1, 1, 1), Situation(strength, support, True, 0.5, capability=0.0))
    assert pred.probabilities["neutral"] >= 0.5 - 1e-9
    assert predict(Threat(1, 1, 1, 1), Situation(strength, support, True, 0.5)).probabilities["neutral"] < 0.01


@given(threats, full_situations, ordered_pair(0.0, 0.5), st.floats(0.0, 0.2))
def test_hiding_ends_as_the_threat_nears_defeat_too(threat, situation, victories, cap):
    """Walt (1987, p. 30): weak states choose the winning side; when the threat is losing, that side is
    the coalition against it, so hiding (and with it staying out) shrinks as v falls below 0.5, and is
    zero at v = 0. With g = 0 (the one-sided fade) hiding is the same at every v <= 0.5. (Allied support
    below certainty: a small state sure of its allies does not hide at all.)"""
    low, high = (replace(situation, war=True, target=False, victory=v, capability=cap,
                         allied_support=min(situation.allied_support, 0.99)) for v in victories)
    assert hiding(low) < hiding(high) and hiding(replace(low, victory=0.0)) == 0.0
    one_sided = ModelParameters(hiding_ends_with_defeat=0.0)
    assert hiding(low, one_sided) == hiding(high, one_sided)


ALLIES_END_HIDING = ModelParameters(allies_end_hiding=1.0)  # the term switched on, whatever the default
HIDING_IGNORES_ALLIES = ModelParameters(allies_end_hiding=0.0)


@given(threats, full_situations, ordered_pair(0.0, 1.0))
def test_hiding_a_small_state_sure_of_its_allies_hides_less(threat, situation, supports):
    """Walt (1987, pp. 29-31), Labs (1992): a weak state with outside help can balance; hiding is the refuge
    of one left to itself. With j > 0, hiding never rises with allied support and is zero when support is
    certain (a = 1); with j = 0 it does not depend on allied support at all."""
    situation = replace(situation, war=True, target=False, capability=min(situation.capability or 0.0, 0.2),
                        victory=min(max(situation.victory, 0.05), 0.95))
    low, high = (replace(situation, allied_support=a) for a in supports)
    assert hiding(high, ALLIES_END_HIDING) <= hiding(low, ALLIES_END_HIDING)
    assert hiding(replace(situation, allied_support=1.0), ALLIES_END_HIDING) == 0.0
    assert hiding(high, HIDING_IGNORES_ALLIES) == hiding(low, HIDING_IGNORES_ALLIES)
    adequate = DEFAULT_PARAMETERS.support_certain_at
    if supports[1] <= adequate:  # below adequate support the term changes nothing
        assert hiding(high, ALLIES_END_HIDING) == hiding(high, HIDING_IGNORES_ALLIES)


def test_hiding_allies_mutation_zeroing_its_weight_fails_its_property():
    """The property can fail: with j = 0 a negligible bystander with certain allies, in a war whose outcome
    is open, hides as much as one left alone and stays out against the gravest threat; with j = 1 it aligns."""
    threat, alone = Threat(1, 1, 1, 1), Situation(0.2, 0.0, True, 0.5, capability=0.0)
    allied = replace(alone, allied_support=1.0)
    assert hiding(allied, HIDING_IGNORES_ALLIES) == hiding(alone, HIDING_IGNORES_ALLIES) > 0.0
    assert predict(threat, allied, params=HIDING_IGNORES_ALLIES).choice == "neutral"
    assert predict(threat, allied, params=ALLIES_END_HIDING).choice == "balance"


FREE_RIDERS_ALIGN = ModelParameters(free_riders_align=1.0)  # the term switched on, whatever the default
FREE_RIDERS_STAY_OUT = ModelParameters(free_riders_align=0.0)


@given(full_situations, ordered_pair(0.0, 1.0))
def test_free_riders_align_certainty_sends_only_great_powers_out(situation, capabilities):
    """Walt (1987, p. 31): certain allied support makes weak states free-ride and great powers pass the buck;
    a free-rider stays in the alliance (Olson and Zeckhauser 1966). With u = 1 the certainty of allies'
    promises that invites staying out never falls with rank, is whole at great-power rank and nothing for a
    negligible state; with u = 0, or without ``capability``, it is C(a) whatever the decider's size."""
    small, large = (replace(situation, capability=c) for c in capabilities)
    whole = promised_certainty(replace(situation, capability=None), FREE_RIDERS_ALIGN)
    assert promised_certainty(small, FREE_RIDERS_ALIGN) <= promised_certainty(large, FREE_RIDERS_ALIGN)
    assert promised_certainty(replace(situation, capability=0.0), FREE_RIDERS_ALIGN) == 0.0
    great = replace(situation, capability=max(capabilities[1], DEFAULT_PARAMETERS.great_power_at))
    assert promised_certainty(great, FREE_RIDERS_ALIGN) == whole
    assert promised_certainty(small, FREE_RIDERS_STAY_OUT) == promised_certainty(large, FREE_RIDERS_STAY_OUT) == whole


@given(threats, full_situations, ordered_pair(A0, 1.0))
def test_free_riders_align_a_negligible_state_gains_no_buck_passing_from_its_allies(threat, situation, supports):
    """With u = 1 a negligible state (capability 0) no more passes the buck when its allies' help grows certain:
    the promises' pull toward buck-passing is gone; a great power's is whole (condition 3 holds for it)."""
    situation = replace(situation, capability=0.0, others_engaged=0.0)
    low, high = (replace(situation, allied_support=a) for a in supports)
    assert (utility_terms(threat, high, FREE_RIDERS_ALIGN).values["certainty"]["buck-pass"]
            == utility_terms(threat, low, FREE_RIDERS_ALIGN).values["certainty"]["buck-pass"] == 0.0)
    great_low, great_high = (replace(s, capability=1.0) for s in (low, high))
    assert (utility_terms(threat, great_high, FREE_RIDERS_ALIGN).values["certainty"]["buck-pass"]
            > utility_terms(threat, great_low, FREE_RIDERS_ALIGN).values["certainty"]["buck-pass"])


def test_free_riders_align_mutation_zeroing_its_weight_fails_its_property():
    """The property can fail: with u = 0 a negligible state with certain allies facing a middling threat
    passes the buck in peace and in war; with u = 1 it aligns against the threat (a free-rider inside the
    alliance). For a great power in the same place the term changes nothing."""
    threat = Threat(0.5, 0.5, 0.5, 0.5)
    for war in (False, True):
        small = Situation(0.2, 1.0, war, 0.5, capability=0.0)
        assert promised_certainty(small, FREE_RIDERS_STAY_OUT) == 1.0
        assert predict(threat, small, params=FREE_RIDERS_STAY_OUT).choice == "buck-pass"
        assert predict(threat, small, params=FREE_RIDERS_ALIGN).choice == "balance"
        great = replace(small, own_strength=0.6, capability=0.6)
        assert (predict(threat, great, params=FREE_RIDERS_ALIGN).probabilities
                == predict(threat, great, params=FREE_RIDERS_STAY_OUT).probabilities)


RANK_SHELTERS = ModelParameters(buckpassers_are_great_powers=1.0)  # the term switched on, whatever the default
ANY_SIZE_SHELTERED = ModelParameters(buckpassers_are_great_powers=0.0)


@given(threats, full_situations, unit, unit)
def test_buckpassers_are_great_powers_others_fighting_does_not_move_a_negligible_state(threat, situation, e1, e2):
    """Mearsheimer (2001, ch. 5), Christensen and Snyder (1990): passing the buck to others who fight the
    threat is a great power's strategy. With y = 1, how far others already fight the threat changes nothing
    for a negligible state (capability 0): its ways of staying out are hiding, the lesson and its allies'
    promises. With y = 0 it may (see the mutation test)."""
    negligible = replace(situation, capability=0.0)
    one, other = (replace(negligible, others_engaged=e) for e in (e1, e2))
    assert predict(threat, one, params=RANK_SHELTERS).probabilities == \
        predict(threat, other, params=RANK_SHELTERS).probabilities


@given(threats, full_situations, ordered_pair(0.0, 1.0))
def test_buckpassers_are_great_powers_shelter_grows_with_rank_and_is_whole_for_a_great_power(
        threat, situation, capabilities):
    """With y = 1 others' fighting shelters a larger state at least as much as a smaller one, and a great
    power (capability at or above the cut) or a state of unknown size exactly as with y = 0: the spec
    takes buck-passing on others' fighting from small states only."""
    from widgets.model.alignment import shelter

    small, large = (replace(situation, capability=c) for c in capabilities)
    assert shelter(threat, small, RANK_SHELTERS) <= shelter(threat, large, RANK_SHELTERS)
    great = replace(situation, capability=max(capabilities[1], DEFAULT_PARAMETERS.great_power_at))
    for state in (great, replace(situation, capability=None)):
        assert predict(threat, state, params=RANK_SHELTERS).probabilities == \
            predict(threat, state, params=ANY_SIZE_SHELTERED).probabilities


def test_buckpassers_are_great_powers_mutation_zeroing_its_weight_fails_its_property():
    """The property can fail: with y = 0 a negligible state, in peace, facing the gravest threat that others
    are committed to resist, passes the buck (and would not if no one resisted); with y = 1 it balances.
    For a great power in the same place the term changes nothing."""
    threat = Threat(1, 1, 1, 1)
    small = Situation(0.2, 0.5, False, 0.5, capability=0.0, others_engaged=1.0)
    assert predict(threat, small, params=ANY_SIZE_SHELTERED).choice == "buck-pass"
    assert predict(threat, replace(small, others_engaged=0.0), params=ANY_SIZE_SHELTERED).choice == "balance"
    assert predict(threat, small, params=RANK_SHELTERS).choice == "balance"
    great = replace(small, own_strength=0.6, capability=0.6)
    assert (predict(threat, great, params=RANK_SHELTERS).probabilities
            == predict(threat, great, params=ANY_SIZE_SHELTERED).probabilities)


@given(threats, full_situations, st.floats(-1.0, 1.0), st.floats(-1.0, 1.0))
def test_learning_a_positive_neutrality_lesson_keeps_a_small_state_out(threat, situation, l1, l2):
    """Reiter (1996): a small state whose neutrality kept it safe in the last great war stays neutral
    more readily (and one whose neutrality failed aligns more readily)."""
    assume(abs(l1 - l2) >= 0.01)
    assume(situation.capability is None or situation.capability <= 0.2)
    situation = replace(situation, target=False)
    low, high = (replace(situation, neutrality_lesson=v) for v in sorted((l1, l2)))
    assert p(threat, high, "neutral") > p(threat, low, "neutral")


@given(threats, full_situations, st.floats(-1.0, 1.0))
def test_learning_a_target_of_attack_draws_no_neutrality_lesson(threat, situation, lesson):
    """Reiter (1996): the lesson of the last great war decides between alliance and neutrality for a
    state that still has that choice; a state under attack does not, so its lesson moves nothing."""
    hit = replace(situation, target=True)
    learned = predict(threat, replace(hit, neutrality_lesson=lesson))
    assert learned.probabilities == predict(threat, replace(hit, neutrality_lesson=0.0)).probabilities
    assert learned.stay_out["lesson"] == 0.0


@given(threats, st.floats(0.0, 0.05), unit, st.floats(0.0, A0), st.floats(0.25, 0.5))
def test_learning_a_small_state_with_a_positive_lesson_beside_a_great_power_at_war_stays_neutral(threat, cap, s, a, v):
    """Reiter (1996) with hiding: beside a great-power war whose outcome is open (0.25 <= v <= 0.5; once
    the threat is near defeat, hiding ends and small states join the winners), a small state whose
    neutrality worked last time, and whose allies' help is no more than adequate (a <= a_0), stays
    neutral even against the gravest threat. (Restated when allies came to end hiding.)"""
    situation = Situation(s, a, True, v, capability=cap, neutrality_lesson=1.0)
    assert predict(Threat(1, 1, 1, 1), situation).choice == "neutral"
    unlearned = predict(threat, replace(situation, neutrality_lesson=0.0))
    assert predict(threat, situation).probabilities["neutral"] > unlearned.probabilities["neutral"]


@given(threats, full_situations, ordered_pair())
def test_buck_passing_more_others_engaged_raises_buck_passing_for_a_capable_state(threat, situation, engaged):
    """Christensen and Snyder (1990), Mearsheimer (2001): when others already fight the threat, a
    capable state passes the buck; the more they fight, the more it does (even against a benign threat:
    resistance is certain; allied support kept below adequate so only the others' fighting counts)."""
    situation = replace(situation, capability=max(0.25, situation.capability or 0.25),
                        allied_support=min(situation.allied_support, A0),
                        victory=min(situation.victory, 0.95), target=False)
    benign = replace(threat, aggressive_intentions=0.0)
    low, high = (replace(situation, others_engaged=e) for e in engaged)
    assert p(benign, high, "buck-pass") > p(benign, low, "buck-pass")


@given(threats, full_situations, ordered_pair(), st.floats(0.1, 1.0))
def test_buck_passing_against_an_aggressor_others_fighting_it_serve_as_well_as_fighting_it_oneself(
        threat, situation, engaged, intent):
    """Mearsheimer (2001): buck-passing is a way of opposing an aggressor. With allied support already
    certain, the more others fight an aggressive threat, the more buck-passing gains on balancing."""
    situation = replace(situation, allied_support=1.0, victory=min(situation.victory, 0.95), target=False)
    threat = replace(threat, aggressive_intentions=intent)
    low, high = (replace(situation, others_engaged=e) for e in engaged)
    def odds(s):
        return p(threat, s, "buck-pass") / p(threat, s, "balance")

    assert odds(high) > odds(low)


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
