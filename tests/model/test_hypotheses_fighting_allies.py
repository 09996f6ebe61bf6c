"""Fighting allies bind (z, Snyder 1984; ``versions.py``), committed switched off, as the properties it was
committed with. Like the other specs, it is checked with the term switched on (or off) whatever the default, and
its mutation test shows that its property can fail."""

from dataclasses import replace

from hypothesis import given

from widgets import Situation, Threat, predict
from widgets.model.alignment import CHOICES, DEFAULT_PARAMETERS, ModelParameters, utility_terms
from widgets.model.staying_out import bound_to_fighting_allies, promised_certainty, shelter

from ..strategies import full_situations, ordered_pair, threats, unit

BOUND = ModelParameters(fighting_allies_bind=1.0)  # the term switched on, whatever the default
UNBOUND = ModelParameters(fighting_allies_bind=0.0)
TINY = 1e-12
STAY_OUT_REASONS = ("certainty", "others_engaged", "insulation")


@given(threats, full_situations, ordered_pair(0.01, 1.0))
def test_fighting_allies_bind_moves_a_decision_only_from_passing_the_buck_to_aligning(threat, situation, bonds):
    """Snyder (1984): an ally at war is owed help, not a shelter. In war, with z = 1, more of the decider's own
    allies at war with the threat (B from lower to higher) never raises the utility of passing the buck, and
    lowers it strictly wherever allies' promises or others' fighting gave a real reason to pass it; buck-passing is
    never more likely, balancing and bandwagoning never less, and staying neutral (stage 1) exactly as likely."""
    looser, firmer = (replace(situation, war=True, allies_fighting=b) for b in bonds)
    low, high = (utility_terms(threat, s, BOUND) for s in (looser, firmer))
    assert high.utility("buck-pass") <= low.utility("buck-pass") + TINY
    if promised_certainty(looser, BOUND) > 1e-6 or shelter(threat, looser, BOUND) > 1e-6:  # not float dust
        assert high.utility("buck-pass") < low.utility("buck-pass")
    before, after = (predict(threat, s, params=BOUND).probabilities for s in (looser, firmer))
    assert set(before) == set(after) == set(CHOICES)
    assert after["neutral"] == before["neutral"]
    assert after["buck-pass"] <= before["buck-pass"] + TINY
    assert after["balance"] >= before["balance"] - TINY and after["bandwagon"] >= before["bandwagon"] - TINY


@given(threats, full_situations)
def test_fighting_allies_bind_a_treaty_ally_at_war_leaves_no_reason_to_pass_the_buck(threat, situation):
    """With z = 1 and a treaty ally at war with the threat (B = 1), in war, neither allies' promises, nor others'
    fighting, nor insulation adds anything to passing the buck: its utility is the base d_0."""
    bound = replace(situation, war=True, allies_fighting=1.0)
    assert bound_to_fighting_allies(bound, BOUND) == 0.0
    terms = utility_terms(threat, bound, BOUND)
    assert all(terms.values[reason]["buck-pass"] == 0.0 for reason in STAY_OUT_REASONS)
    assert terms.utility("buck-pass") == DEFAULT_PARAMETERS.buckpass_base


@given(threats, full_situations, unit)
def test_fighting_allies_bind_changes_nothing_in_peace_or_without_allies_at_war(threat, situation, bond):
    """The term reads a fight under way: in peace (whatever B, which the codebook codes 0 there) and with no ally
    of the decider at war with the threat (B = 0), z = 1 and z = 0 give the same prediction."""
    for state in (replace(situation, war=False, allies_fighting=bond), replace(situation, allies_fighting=0.0)):
        assert predict(threat, state, params=BOUND).probabilities == \
            predict(threat, state, params=UNBOUND).probabilities


def test_fighting_allies_bind_mutation_zeroing_its_weight_fails_its_property():
    """The property can fail: with z = 0 a middling great power, whose treaty ally is at war with a grave threat and
    holding while its other allies' help is certain, passes the buck; with z = 1 it balances, and with no ally at
    war (B = 0) it passes the buck under either setting."""
    threat = Threat(0.75, 0.75, 0.5, 1.0)
    bound = Situation(0.3, 1.0, True, 0.5, capability=0.3, others_engaged=1.0, allies_fighting=1.0)
    assert utility_terms(threat, bound, UNBOUND).utility("buck-pass") > DEFAULT_PARAMETERS.buckpass_base
    assert predict(threat, bound, params=UNBOUND).choice == "buck-pass"
    assert predict(threat, bound, params=BOUND).choice == "balance"
    free = replace(bound, allies_fighting=0.0)
    assert predict(threat, free, params=BOUND).choice == predict(threat, free, params=UNBOUND).choice == "buck-pass"
