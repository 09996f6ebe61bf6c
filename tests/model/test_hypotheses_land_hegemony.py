"""Hegemony read from land power (l, Levy and Thompson 2005, 2010; ``versions.py``), committed switched off, as the
properties it was committed with. Like the other specs, it is checked with the term switched on (or off) whatever the
default, and its mutation test shows that its property can fail."""

from dataclasses import replace

from hypothesis import assume, given

from widgets import Situation, Threat, predict
from widgets.model.alignment import ModelParameters
from widgets.model.staying_out import closeness_to_hegemony, distance_from_hegemony

from ..strategies import full_situations, ordered_pair, threats, unit

LAND = ModelParameters(land_hegemony=1.0)  # the term switched on, whatever the default
RESOURCES = ModelParameters(land_hegemony=0.0)
A_H = LAND.hegemonic_army_share


@given(threats, full_situations, unit)
def test_land_hegemony_off_or_uncoded_changes_nothing(threat, situation, share):
    """With l = 0 the army share is never read; with l = 1 and the share not coded (None), closeness to hegemony
    is the aggregate power as before: both give the prediction of the model without the input."""
    coded, uncoded = replace(situation, threat_army_share=share), replace(situation, threat_army_share=None)
    base = predict(threat, uncoded, params=RESOURCES).probabilities
    assert predict(threat, coded, params=RESOURCES).probabilities == base
    assert predict(threat, uncoded, params=LAND).probabilities == base
    assert closeness_to_hegemony(threat, uncoded, LAND) == threat.aggregate_power


@given(threats, full_situations, ordered_pair(0.0, A_H))
def test_land_hegemony_the_shift_falls_strictly_as_the_army_share_rises_to_a_third(threat, situation, shares):
    """Levy and Thompson (2005): great powers ally against the leading land power as its share of their military
    capabilities nears a third. With l = 1, for a bystander of some rank, in peace or in a war the threat is not
    yet losing utterly (v >= 0.01, as for the shift's other property), the stage-1 shift falls strictly as the
    threat's army share rises below a_h = 1/3, whatever the threat's aggregate power."""
    assume((situation.capability or 0.0) > 0.01)
    assume(not situation.war or situation.victory >= 0.01)
    smaller, larger = (replace(situation, target=False, threat_army_share=a) for a in shares)
    assert predict(threat, larger, params=LAND).stay_out["hegemony"] < \
        predict(threat, smaller, params=LAND).stay_out["hegemony"]


@given(threats, full_situations, unit)
def test_land_hegemony_no_indifference_to_a_would_be_land_hegemon(threat, situation, share):
    """With l = 1 a threat holding a third or more of the great powers' armies is a would-be hegemon: no great
    power stays out because the threat is far from hegemony (the shift is zero), whatever its aggregate power; and
    the shift stays zero for a target of attack and for a decider without capability, as before."""
    hegemon = replace(situation, threat_army_share=A_H + (1.0 - A_H) * share)
    assert closeness_to_hegemony(threat, hegemon, LAND) == 1.0
    assert distance_from_hegemony(threat, hegemon, LAND) == 0.0
    assert predict(threat, hegemon, params=LAND).stay_out["hegemony"] == 0.0
    some = replace(situation, threat_army_share=share)
    assert distance_from_hegemony(threat, replace(some, target=True), LAND) == 0.0
    assert distance_from_hegemony(threat, replace(some, capability=None), LAND) == 0.0


def test_land_hegemony_mutation_switching_it_off_fails_its_property():
    """The property can fail: with l = 0 a great power facing the system's leading power by resources, whose army
    is a small share of the great powers' (0.05), gets no shift at all and aligns; with l = 1 the shift keeps it
    out. And against a would-be land hegemon (a share of 0.4) with little aggregate power, l = 0 keeps it out while
    l = 1 lets it align."""
    bystander = Situation(0.4, 0.3, False, 0.5, capability=0.8, threat_army_share=0.05)
    leader = Threat(1.0, 0.5, 0.5, 0.75)
    # the stated property fails with l = 0: the shift does not fall as the share rises
    assert predict(leader, replace(bystander, threat_army_share=0.3), params=RESOURCES).stay_out["hegemony"] == \
        predict(leader, bystander, params=RESOURCES).stay_out["hegemony"]
    assert predict(leader, bystander, params=RESOURCES).stay_out["hegemony"] == 0.0
    assert predict(leader, bystander, params=RESOURCES).choice == "balance"
    assert predict(leader, bystander, params=LAND).stay_out["hegemony"] > 0.4
    assert predict(leader, bystander, params=LAND).choice == "neutral"
    land_power = Threat(0.3, 1.0, 0.75, 1.0)
    army = replace(bystander, threat_army_share=0.4)
    assert predict(land_power, army, params=RESOURCES).choice == "neutral"
    assert predict(land_power, army, params=LAND).choice == "balance"


@given(threats, full_situations, unit, unit)
def test_land_hegemony_in_part_lies_between_the_two_measures(threat, situation, share, weight):
    """With 0 < l < 1, closeness to hegemony lies between the aggregate power and the land measure, min(1, A / a_h)."""
    coded = replace(situation, threat_army_share=share)
    partial = ModelParameters(land_hegemony=weight)
    land = min(1.0, share / A_H)
    low, high = sorted((threat.aggregate_power, land))
    assert low - 1e-12 <= closeness_to_hegemony(threat, coded, partial) <= high + 1e-12
