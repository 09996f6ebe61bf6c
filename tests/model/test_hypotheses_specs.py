"""The specs switched off in the book's model (``versions.py``), each as the properties it was committed with.

Chain-ganging (o, Christensen and Snyder 1990), free-riders align (u, Walt 1987 and Olson and Zeckhauser
1966) and buck-passers are great powers (y, Mearsheimer 2001 and Christensen and Snyder 1990) are switched
off in the book's model, and so is allies at war bind (n, Snyder 1984), which the eighth held-out file
rejected; piling on (p, Walt 1987 and Schweller 1994) was adopted when the ninth showed no change. Each switched-
off spec stays a tested alternative a reader can switch on, so the properties are checked with the term switched
on (or off) whatever the default, and each has a mutation test showing that its property can fail. Each is stated,
as it was committed, for a decider none of whose own allies is at war with the threat (B = 0, ``unbound``):
fighting allies bind (z, adopted after all of them) takes away the same reasons to stay out where B > 0, leaving
these terms less to act on there (nothing at B = 1).
"""

from dataclasses import replace

from hypothesis import assume, given

from widgets import Situation, Threat, predict
from widgets.model.alignment import (
    CHOICES,
    DEFAULT_PARAMETERS,
    ModelParameters,
    buck_catcher,
    promised_certainty,
    shelter,
    utility_terms,
)

from ..strategies import full_situations, ordered_pair, threats, unit

unbound = full_situations.map(lambda s: replace(s, allies_fighting=0.0))

A0 = DEFAULT_PARAMETERS.support_certain_at


CHAIN_GANGING = ModelParameters(chain_ganging=1.0)  # the term switched on, whatever the default
NO_CHAIN_GANGING = ModelParameters(chain_ganging=0.0)


@given(threats, unbound, ordered_pair())
def test_chain_ganging_others_fighting_shelters_less_from_a_more_offensive_threat(threat, situation, offences):
    """Christensen and Snyder (1990): where offence is believed to dominate, a buck-catcher may be overrun
    before the buck-passer acts, so states chain-gang rather than pass the buck. With o > 0 and others
    fighting the threat (E* > 0), more offensive power lowers the utility of buck-passing; with o = 0 it
    leaves it unchanged (offence moves buck-passing only through this term). Others' fighting must count for
    something: it cannot when allies' help is already certain (a = 1, or within rounding of it: Hypothesis found
    a = 1 - 1e-16, where what is left of it is lost in the sum) and the threat shows no aggressive intentions to
    share (none, or too few to survive the sum: 5e-324 was found too), so those inputs are left out."""
    situation = replace(situation, target=False, victory=min(situation.victory, 0.95))
    assume(situation.others_engaged >= 0.01)
    assume(situation.allied_support < 1.0 - 1e-9 or threat.aggressive_intentions >= 0.01)
    low, high = (replace(threat, offensive_power=o) for o in offences)
    on = [utility_terms(t, situation, CHAIN_GANGING).utility("buck-pass") for t in (low, high)]
    off = [utility_terms(t, situation, NO_CHAIN_GANGING).utility("buck-pass") for t in (low, high)]
    assert on[1] < on[0]
    assert off[1] == off[0]


@given(threats, unbound)
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


FREE_RIDERS_ALIGN = ModelParameters(free_riders_align=1.0)  # the term switched on, whatever the default
FREE_RIDERS_STAY_OUT = ModelParameters(free_riders_align=0.0)


@given(unbound, ordered_pair(0.0, 1.0))
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


@given(threats, unbound, ordered_pair(A0, 1.0))
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


@given(threats, unbound, unit, unit)
def test_buckpassers_are_great_powers_others_fighting_does_not_move_a_negligible_state(threat, situation, e1, e2):
    """Mearsheimer (2001, ch. 5), Christensen and Snyder (1990): passing the buck to others who fight the
    threat is a great power's strategy. With y = 1, how far others already fight the threat changes nothing
    for a negligible state (capability 0): its ways of staying out are hiding, the lesson and its allies'
    promises. With y = 0 it may (see the mutation test)."""
    negligible = replace(situation, capability=0.0)
    one, other = (replace(negligible, others_engaged=e) for e in (e1, e2))
    assert predict(threat, one, params=RANK_SHELTERS).probabilities == \
        predict(threat, other, params=RANK_SHELTERS).probabilities


@given(threats, unbound, ordered_pair(0.0, 1.0))
def test_buckpassers_are_great_powers_shelter_grows_with_rank_and_is_whole_for_a_great_power(
        threat, situation, capabilities):
    """With y = 1 others' fighting shelters a larger state more than a smaller one below great-power rank
    (strictly, wherever there is a shelter to share), and a great power (capability at or above the cut) or a
    state of unknown size exactly as with y = 0: the spec takes buck-passing on others' fighting from
    smaller states only. With y = 0 the shelter does not depend on size."""
    small, large = (replace(situation, capability=c) for c in capabilities)
    on = [shelter(threat, s, RANK_SHELTERS) for s in (small, large)]
    off = [shelter(threat, s, ANY_SIZE_SHELTERED) for s in (small, large)]
    assert on[0] <= on[1] and off[0] == off[1]
    # a shelter large enough to share (a subnormal one, scaled by rank, can round to 0 at both sizes)
    if off[0] > 1e-12 and small.capability < DEFAULT_PARAMETERS.great_power_at:
        assert on[0] < on[1]
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


BOUND = ModelParameters(allies_at_war_bind=1.0)  # the term switched on, whatever the default
UNBOUND = ModelParameters(allies_at_war_bind=0.0)
TINY = 1e-12


@given(threats, unbound, ordered_pair(A0 + 0.01, 1.0), ordered_pair(0.01, 1.0))
def test_allies_at_war_bind_moves_a_decision_only_from_passing_the_buck_to_aligning(threat, situation, supports,
                                                                                    engaged):
    """Snyder (1984): a state bound to allies who fight is owed to them, not sheltered by them. The term only
    takes away reasons to pass the buck: where it acts (allies' help more than adequate, others fighting a threat
    that is not yet winning, a bystander), with n = 1 the utility of buck-passing is strictly lower than with
    n = 0, buck-passing is never more likely, balancing and bandwagoning never less, and staying neutral (stage 1)
    exactly as likely. (Where it does not act it changes nothing: the property after next.)"""
    situation = replace(situation, allied_support=supports[0], others_engaged=engaged[1], target=False,
                        victory=min(situation.victory, 0.95))
    assert buck_catcher(situation) > 0
    assert utility_terms(threat, situation, BOUND).utility("buck-pass") < \
        utility_terms(threat, situation, UNBOUND).utility("buck-pass")
    on, off = (predict(threat, situation, params=p).probabilities for p in (BOUND, UNBOUND))
    assert set(on) == set(off) == set(CHOICES)
    assert on["neutral"] == off["neutral"]
    assert on["buck-pass"] <= off["buck-pass"] + TINY
    assert on["balance"] >= off["balance"] - TINY and on["bandwagon"] >= off["bandwagon"] - TINY


@given(threats, unbound, unit)
def test_allies_at_war_bind_certain_allies_who_fight_and_hold_give_no_reason_to_pass_the_buck(
        threat, situation, victory):
    """With n = 1, a bystander whose allies' help is certain (a = 1) while others fight the threat with all
    they have and are holding (E* = 1: in peace, or in a war the threat is not winning) gets nothing toward
    passing the buck from certainty, from others' fighting or from insulation: its buck-passing utility is
    the base d_0. With n = 0 it gets more than d_0 (see the mutation test)."""
    bound = replace(situation, allied_support=1.0, others_engaged=1.0, target=False, victory=victory * 0.5)
    assert buck_catcher(bound) == 1.0
    terms = utility_terms(threat, bound, BOUND).values
    assert terms["certainty"]["buck-pass"] == terms["others_engaged"]["buck-pass"] == 0.0
    assert terms["insulation"]["buck-pass"] == 0.0
    assert utility_terms(threat, bound, BOUND).utility("buck-pass") == DEFAULT_PARAMETERS.buckpass_base


@given(threats, unbound, unit)
def test_allies_at_war_bind_changes_nothing_without_certain_allies_or_a_fight(threat, situation, support):
    """The bond needs both sides: allies whose help is more than adequate (a above a_0) and others already
    fighting the threat (E* > 0). Without either, n changes nothing."""
    for state in (replace(situation, allied_support=support * A0), replace(situation, others_engaged=0.0)):
        assert predict(threat, state, params=BOUND).probabilities == \
            predict(threat, state, params=UNBOUND).probabilities
    assert promised_certainty(replace(situation, others_engaged=0.0), BOUND) == \
        promised_certainty(replace(situation, others_engaged=0.0), UNBOUND)
    assert shelter(threat, replace(situation, allied_support=support * A0), BOUND) == \
        shelter(threat, replace(situation, allied_support=support * A0), UNBOUND)


def test_allies_at_war_bind_mutation_zeroing_its_weight_fails_its_property():
    """The property can fail: with n = 0 a middling state whose allies' help is certain, while others fight a
    grave threat and hold, passes the buck, in war and in peace; with n = 1 it balances, and with its allies'
    help only plausible (a = 0.5) it still passes the buck under either setting."""
    threat = Threat(0.75, 0.75, 0.5, 1.0)
    for war in (True, False):
        bound = Situation(0.3, 1.0, war, 0.5, capability=0.3, others_engaged=1.0)
        assert utility_terms(threat, bound, UNBOUND).utility("buck-pass") > DEFAULT_PARAMETERS.buckpass_base
        assert predict(threat, bound, params=UNBOUND).choice == "buck-pass"
        assert predict(threat, bound, params=BOUND).choice == "balance"
        loose = replace(bound, allied_support=0.5)
        assert predict(threat, loose, params=BOUND).choice == predict(threat, loose, params=UNBOUND).choice \
            == "buck-pass"


PILING_ON = ModelParameters(piling_on=1.0)  # the term switched on, whatever the default
NO_PILING_ON = ModelParameters(piling_on=0.0)


@given(threats, unbound, ordered_pair(0.0, 0.5))
def test_piling_on_a_bystander_is_readier_to_align_the_nearer_the_threat_is_to_defeat(threat, situation, victories):
    """Walt (1987, p. 33) and Schweller (1994): as the threat nears defeat the winning side is the coalition against
    it, and bystanders pile on. With p = 1 a bystander of a war aligns at least as readily against a threat that is
    losing more heavily (v from 0.5 down to 0); its reasons to stay out never grow as the threat loses."""
    bystander = replace(situation, war=True, target=False)
    worse, better = (replace(bystander, victory=v) for v in victories)
    shifts = [sum(predict(threat, s, params=PILING_ON).stay_out.values()) for s in (worse, better)]
    assert shifts[0] <= shifts[1] + TINY
    assert predict(threat, worse, params=PILING_ON).p_align >= predict(threat, better, params=PILING_ON).p_align - TINY


@given(threats, unbound, unit)
def test_piling_on_changes_nothing_in_peace_or_while_the_threat_holds_and_only_whether_to_align(
        threat, situation, victory):
    """p acts only in war and only while the threat is losing (v < 0.5): in peace, or with v >= 0.5, p = 1 and
    p = 0 give the same probabilities. Where it acts it moves only stage 1 (whether to align): the shares of
    balancing, bandwagoning and buck-passing among the ways of aligning are unchanged."""
    for state in (replace(situation, war=False), replace(situation, war=True, victory=0.5 + 0.5 * victory)):
        assert predict(threat, state, params=PILING_ON).probabilities == \
            predict(threat, state, params=NO_PILING_ON).probabilities
    on, off = (predict(threat, situation, params=p) for p in (PILING_ON, NO_PILING_ON))
    if on.p_align > 1e-9 and off.p_align > 1e-9:
        for response in ("balance", "bandwagon", "buck-pass"):
            assert abs(on.probabilities[response] / on.p_align - off.probabilities[response] / off.p_align) < 1e-9


@given(threats, unbound)
def test_piling_on_against_a_beaten_threat_no_reason_to_stay_out_is_left(threat, situation):
    """With p = 1 and the threat beaten (v = 0), a bystander keeps no positive stay-out shift: hiding (g = 1), the
    hegemony shift and a good lesson of neutrality are all gone; a lesson that pushes it to align stays."""
    beaten = replace(situation, war=True, target=False, victory=0.0)
    shifts = predict(threat, beaten, params=PILING_ON).stay_out
    assert shifts["hiding"] == 0.0 and shifts["hegemony"] == 0.0 and shifts["lesson"] <= 0.0
    off_lesson = predict(threat, beaten, params=NO_PILING_ON).stay_out["lesson"]
    assert shifts["lesson"] == (0.0 if off_lesson > 0 else off_lesson)


def test_piling_on_mutation_zeroing_its_weight_fails_its_property():
    """The property can fail: with p = 0 a great power watching others beat a lesser threat (a fifth of the leading
    power's resources, next door and plainly aggressive) stays neutral, kept out by the hegemony shift, whether the
    threat is losing or not; with p = 1 it aligns once the threat is losing (here it passes the buck to those
    fighting), and stays neutral while the war is open."""
    threat = Threat(0.2, 1.0, 0.5, 1.0)
    losing = Situation(0.6, 0.5, True, 0.1, capability=0.6, others_engaged=0.75)
    open_war = replace(losing, victory=0.5)
    assert predict(threat, losing, params=NO_PILING_ON).choice == "neutral"
    assert predict(threat, losing, params=PILING_ON).choice == "buck-pass"
    assert predict(threat, open_war, params=PILING_ON).choice == predict(threat, open_war,
                                                                         params=NO_PILING_ON).choice == "neutral"
