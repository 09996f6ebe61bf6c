"""Land power as a threshold (t, Levy and Thompson 2005; ``versions.py``), committed switched off, as the properties it
was committed with. Like the other specs, it is checked with the term switched on (or off) whatever the default, and
its mutation test shows that its property can fail."""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets import Situation, Threat, predict
from widgets.model.alignment import ModelParameters
from widgets.model.staying_out import closeness_to_hegemony, distance_from_hegemony

from ..strategies import full_situations, ordered_pair, threats, unit

STEP = ModelParameters(land_hegemony=1.0, land_threshold=1.0)  # the term switched on, whatever the defaults
LINE = ModelParameters(land_hegemony=1.0, land_threshold=0.0)
A_H = STEP.hegemonic_army_share
below = st.floats(min_value=0.0, max_value=A_H, exclude_max=True, allow_nan=False)


@given(threats, full_situations, unit, unit)
def test_land_threshold_changes_nothing_without_the_land_reading_or_the_share(threat, situation, share, l_weight):
    """The threshold acts only through the land measure: with l = 0 (the land reading off) or the military share not
    coded (None), t = 1 gives the prediction t = 0 gives."""
    coded, uncoded = replace(situation, threat_army_share=share), replace(situation, threat_army_share=None)
    off = ModelParameters(land_hegemony=0.0)
    assert predict(threat, coded, params=replace(off, land_threshold=1.0)).probabilities == \
        predict(threat, coded, params=off).probabilities
    partial = ModelParameters(land_hegemony=l_weight)
    assert predict(threat, uncoded, params=replace(partial, land_threshold=1.0)).probabilities == \
        predict(threat, uncoded, params=partial).probabilities


@given(threats, full_situations, below, below)
def test_land_threshold_nothing_below_a_third(threat, situation, share, other):
    """Levy and Thompson (2005): great powers balance against the leading land power at a third or more of the great
    powers' military capabilities, not at lower concentrations. With l = 1 and t = 1 a threat below a_h is as far
    from hegemony as one with no armed forces: closeness 0, and the prediction does not depend on where below a_h
    the share lies."""
    first, second = (replace(situation, threat_army_share=a) for a in (share, other))
    assert closeness_to_hegemony(threat, first, STEP) == 0.0
    assert predict(threat, first, params=STEP).probabilities == predict(threat, second, params=STEP).probabilities


@given(threats, full_situations, unit)
def test_land_threshold_a_would_be_hegemon_at_a_third_or_more(threat, situation, share):
    """With l = 1 and t = 1, a threat at a_h or above is a would-be hegemon, as under the straight line: no shift."""
    hegemon = replace(situation, threat_army_share=A_H + (1.0 - A_H) * share)
    assert closeness_to_hegemony(threat, hegemon, STEP) == 1.0 == closeness_to_hegemony(threat, hegemon, LINE)
    assert distance_from_hegemony(threat, hegemon, STEP) == 0.0


@given(threats, full_situations, ordered_pair(), unit, unit)
def test_land_threshold_closeness_never_falls_as_the_share_rises(threat, situation, shares, l_weight, t_weight):
    """For any l and t, closeness to hegemony never falls as the threat's military share rises, and with 0 < t < 1 it
    lies between the straight line and the step."""
    params = ModelParameters(land_hegemony=l_weight, land_threshold=t_weight)
    low, high = (replace(situation, threat_army_share=a) for a in shares)
    assert closeness_to_hegemony(threat, low, params) <= closeness_to_hegemony(threat, high, params) + 1e-12
    line = closeness_to_hegemony(threat, low, replace(params, land_threshold=0.0))
    step = closeness_to_hegemony(threat, low, replace(params, land_threshold=1.0))
    lo, hi = sorted((line, step))
    assert lo - 1e-12 <= closeness_to_hegemony(threat, low, params) <= hi + 1e-12


def test_land_threshold_the_step_is_at_a_third_exactly():
    """At t = 1 the step falls at a_h itself: a threat at exactly a third is a would-be hegemon, one a hair below is
    as far from hegemony as one with no armed forces."""
    threat = Threat(0.2, 0.5, 0.5, 0.5)
    situation = Situation(0.4, 0.3, False, 0.5, capability=0.8)
    at, just_below = (replace(situation, threat_army_share=a) for a in (A_H, A_H - 1e-9))
    assert closeness_to_hegemony(threat, at, STEP) == 1.0
    assert closeness_to_hegemony(threat, just_below, STEP) == 0.0
    assert closeness_to_hegemony(threat, just_below, LINE) == pytest.approx(1.0)


def test_land_threshold_mutation_the_straight_line_fails_its_property():
    """The property can fail: under the straight line (t = 0) a great power facing a threat with 0.3 of the great
    powers' military personnel gets almost no shift and balances, and the prediction moves with the share below a
    third; with t = 1 the shift is whole and it stays out."""
    bystander = Situation(0.4, 0.3, False, 0.5, capability=0.8, threat_army_share=0.3)
    threat = Threat(0.3, 1.0, 0.75, 1.0)
    assert closeness_to_hegemony(threat, bystander, LINE) == pytest.approx(0.9)
    assert predict(threat, bystander, params=LINE).probabilities != \
        predict(threat, replace(bystander, threat_army_share=0.1), params=LINE).probabilities
    assert predict(threat, bystander, params=LINE).choice == "balance"
    assert predict(threat, bystander, params=STEP).choice == "neutral"
    assert predict(threat, bystander, params=STEP).stay_out["hegemony"] > \
        predict(threat, bystander, params=LINE).stay_out["hegemony"]


def test_land_threshold_is_a_switch():
    with pytest.raises(ValueError, match=r"ModelParameters\.land_threshold must be in \[0, 1\], got 1\.5"):
        ModelParameters(land_threshold=1.5)
    assert ModelParameters().land_threshold == 0.0  # committed switched off
