"""The stay-out mechanisms (``staying_out.py``: hiding, learning, buck-passing, insulation, the hegemony
shift), each as the named property it was committed with, and a mutation test for each later term.

"Increases" is checked strictly for a step of at least 0.01, as in ``test_hypotheses.py``.
"""

from dataclasses import replace

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from widgets import Situation, Threat, predict
from widgets.model.alignment import (
    DEFAULT_PARAMETERS,
    ModelParameters,
    distance_from_hegemony,
    hiding,
    insulated_buckpassing,
    utility_terms,
)

from ..strategies import full_situations, ordered_pair, threats, unit

A0 = DEFAULT_PARAMETERS.support_certain_at


def p(threat, situation, choice, w=None):
    return predict(threat, situation, w).probabilities[choice]


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
    is zero against the leading power itself, for a target and without capability. (Restated when piling on
    was adopted: the shift fades as the threat nears defeat and is gone when it is beaten, so the strict fall
    is asserted in peace and in a war the threat is not yet losing utterly, v >= 0.01.)"""
    assume((situation.capability or 0.0) > 0.01)
    assume(not situation.war or situation.victory >= 0.01)
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
    threat with no aggregate power less than 8% of the time, however near, offensive and aggressive it is, in
    peace and while a war is open or going the threat's way (v >= 0.5). (Restated when piling on was adopted:
    against a threat that is losing, great powers pile on; the mutation test of piling on shows one.)"""
    situation = replace(situation, capability=max(0.25, situation.capability or 0.25), target=False,
                        victory=max(situation.victory, 0.5))
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
    than balance, whatever the threat's power and aims and its own strength and allies, so long as none of its
    own allies is at war with the threat (B = 0: with one, fighting allies bind makes others' fighting a debt, not a
    shelter; restated so when that term was adopted)."""
    threat = replace(threat, proximity=0.0)
    situation = replace(situation, capability=max(0.25, situation.capability or 0.25), target=False,
                        others_engaged=1.0, victory=min(situation.victory, 0.5), allies_fighting=0.0)
    assert _insulated_great_power_passes_the_buck(threat, situation)


@pytest.mark.parametrize("source", ("aggregate_power", "proximity"))
@given(threats, full_situations, ordered_pair())
def test_buck_passing_a_great_power_passes_the_buck_less_the_nearer_a_potential_hegemon(
        source, threat, situation, levels):
    """Mearsheimer (2001, ch. 8): a potential hegemon and a shared border push a threatened great power
    from buck-passing to balancing. With a buck-catcher (E > 0, not yet beaten), more of the threat's
    power (at some proximity) or more proximity (at some power) lowers the odds of passing the buck
    against balancing (with no ally of its own at war with the threat, B = 0, as above)."""
    other = "proximity" if source == "aggregate_power" else "aggregate_power"
    assume(getattr(threat, other) >= 0.05 and situation.others_engaged >= 0.05)
    situation = replace(situation, capability=max(0.25, situation.capability or 0.25), target=False,
                        victory=min(situation.victory, 0.95), allies_fighting=0.0)
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
    """Christensen and Snyder (1990): buck-passing needs a buck-catcher that can hold. (The buck-catcher is not the
    decider's own ally: with B = 1 fighting allies bind leaves no shelter to lose; restated so when it was adopted.)"""
    assume(situation.others_engaged > 0.01)
    early, late = (replace(situation, war=True, target=False, allied_support=0.5, victory=v, allies_fighting=0.0)
                   for v in victories)
    assert utility_terms(threat, late).utility("buck-pass") < utility_terms(threat, early).utility("buck-pass")


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


@given(threats, full_situations, st.floats(-1.0, 1.0), st.floats(-1.0, 1.0))
def test_learning_a_positive_neutrality_lesson_keeps_a_small_state_out(threat, situation, l1, l2):
    """Reiter (1996): a small state whose neutrality kept it safe in the last great war stays neutral
    more readily (and one whose neutrality failed aligns more readily). (Restated when piling on was adopted:
    a good lesson fades as the threat nears defeat and is gone when it is beaten, so the property is asserted
    in peace and in a war the threat is not yet losing utterly, v >= 0.05.)"""
    assume(abs(l1 - l2) >= 0.01)
    assume(not situation.war or situation.victory >= 0.05)
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


@given(threats, st.floats(0.0, 0.05), unit, st.floats(0.0, A0), st.floats(0.4, 0.5))
def test_learning_a_small_state_with_a_positive_lesson_beside_a_great_power_at_war_stays_neutral(threat, cap, s, a, v):
    """Reiter (1996) with hiding: beside a great-power war whose outcome is open (0.4 <= v <= 0.5; as the
    threat nears defeat, hiding and the lesson fade and small states join the winners), a small state whose
    neutrality worked last time, and whose allies' help is no more than adequate (a <= a_0), stays
    neutral even against the gravest threat. (Restated when allies came to end hiding, and again when piling
    on was adopted: the range of v was 0.25 to 0.5.)"""
    situation = Situation(s, a, True, v, capability=cap, neutrality_lesson=1.0)
    assert predict(Threat(1, 1, 1, 1), situation).choice == "neutral"
    unlearned = predict(threat, replace(situation, neutrality_lesson=0.0))
    assert predict(threat, situation).probabilities["neutral"] > unlearned.probabilities["neutral"]


@given(threats, full_situations, ordered_pair())
def test_buck_passing_more_others_engaged_raises_buck_passing_for_a_capable_state(threat, situation, engaged):
    """Christensen and Snyder (1990), Mearsheimer (2001): when others already fight the threat, a
    capable state passes the buck; the more they fight, the more it does (even against a benign threat:
    resistance is certain; allied support kept below adequate so only the others' fighting counts). The others are
    not its own allies (B = 0: fighting allies bind, adopted later, takes their fighting away as a reason)."""
    situation = replace(situation, capability=max(0.25, situation.capability or 0.25),
                        allied_support=min(situation.allied_support, A0),
                        victory=min(situation.victory, 0.95), target=False, allies_fighting=0.0)
    benign = replace(threat, aggressive_intentions=0.0)
    low, high = (replace(situation, others_engaged=e) for e in engaged)
    assert p(benign, high, "buck-pass") > p(benign, low, "buck-pass")


@given(threats, full_situations, ordered_pair(), st.floats(0.1, 1.0))
def test_buck_passing_against_an_aggressor_others_fighting_it_serve_as_well_as_fighting_it_oneself(
        threat, situation, engaged, intent):
    """Mearsheimer (2001): buck-passing is a way of opposing an aggressor. With allied support already
    certain, the more others fight an aggressive threat, the more buck-passing gains on balancing, so long as its
    allies are not themselves at war with the threat (B = 0, as above)."""
    situation = replace(situation, allied_support=1.0, victory=min(situation.victory, 0.95), target=False,
                        allies_fighting=0.0)
    threat = replace(threat, aggressive_intentions=intent)
    low, high = (replace(situation, others_engaged=e) for e in engaged)
    def odds(s):
        return p(threat, s, "buck-pass") / p(threat, s, "balance")

    assert odds(high) > odds(low)
