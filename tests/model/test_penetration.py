"""Walt's penetration hypotheses (1987, ch. 2 and 7), each as a property of ``penetration_effect``.

One test per hypothesis, named after it. Each fails if the corresponding part of the model is
removed (access, ``openness_effect``, ``ambition_penalty``, ``backfire_risk``,
``context_effect``).
"""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets.model.penetration import (
    PENETRATION_FIELDS,
    PENETRATION_SENTENCES,
    Penetration,
    PenetrationParameters,
    penetration_effect,
)

from ..strategies import unit

penetrations = st.builds(Penetration, unit, unit, unit, unit)
some_access = st.floats(0.05, 1.0)


def ordered_pair(low=0.0, high=1.0, gap=0.01):
    return st.tuples(st.floats(low, high), st.floats(low, high)).map(sorted).filter(lambda ab: ab[1] - ab[0] >= gap)


def effect(penetration, baseline, **change):
    return penetration_effect(replace(penetration, **change), baseline).effect


# --- the four hypotheses ---------------------------------------------------------------------


@given(penetrations, unit, ordered_pair())
def test_more_access_more_tendency_to_ally(penetration, baseline, accesses):
    """P1: the greater one state's access to another's political system, the greater the tendency
    to ally (for penetration that is not intrusive, and whenever its expected effect is positive)."""
    gentle = replace(penetration, intrusiveness=0.0)
    assert effect(gentle, baseline, access=accesses[1]) > effect(gentle, baseline, access=accesses[0])
    per_unit = penetration_effect(replace(penetration, access=1.0), baseline).effect
    if per_unit > 1e-9:
        assert effect(penetration, baseline, access=accesses[1]) > effect(penetration, baseline, access=accesses[0])


@given(penetrations, unit, ordered_pair(), some_access)
def test_penetration_works_better_against_open_societies(penetration, baseline, openness, access):
    """P2: penetration is more effective against open societies."""
    penetration = replace(penetration, access=access)
    assert effect(penetration, baseline, openness=openness[1]) > effect(penetration, baseline, openness=openness[0])


@given(penetrations, unit, ordered_pair(), some_access)
def test_penetration_works_better_for_limited_objectives(penetration, baseline, ambitions, access):
    """P3: penetration is more effective when its objectives are limited."""
    penetration = replace(penetration, access=access)
    assert effect(penetration, baseline, ambition=ambitions[0]) > effect(penetration, baseline, ambition=ambitions[1])


@given(penetrations, unit, ordered_pair(), some_access)
def test_intrusive_penetration_is_more_likely_to_backfire(penetration, baseline, intrusions, access):
    """P3: the more intrusive the penetration, the greater the chance it hurts alignment."""
    penetration = replace(penetration, access=access)
    gentle, rough = (penetration_effect(replace(penetration, intrusiveness=i), baseline) for i in intrusions)
    assert rough.backfire_probability > gentle.backfire_probability
    assert rough.effect < gentle.effect
    worst = penetration_effect(replace(penetration, intrusiveness=1.0), baseline)
    assert worst.effect < 0, "fully intrusive penetration must hurt alignment on balance"


@given(penetrations, ordered_pair(), some_access)
def test_penetration_works_best_when_other_causes_favour_the_alliance(penetration, baselines, access):
    """P4: penetration is more effective when other causes already favour the alliance."""
    penetration = replace(penetration, access=access)
    assert effect(penetration, baselines[1]) > effect(penetration, baselines[0])


# --- ranges, reasons ------------------------------------------------------------------------


@given(penetrations, unit)
def test_results_stay_in_range_and_reasons_come_from_the_table(penetration, baseline):
    result = penetration_effect(penetration, baseline)
    assert -1.0 <= result.effect <= 1.0 and 0.0 <= result.score <= 1.0
    for name in ("gain", "loss", "backfire_probability", "receptiveness", "focus", "context", "baseline"):
        assert 0.0 <= getattr(result, name) <= 1.0, name
    assert result.effect == pytest.approx(
        (1 - result.backfire_probability) * result.gain - result.backfire_probability * result.loss
    )
    assert 1 <= len(result.reasons) <= 4
    assert result.reasons and set(result.reasons) <= set(PENETRATION_SENTENCES.values())
    assert not any(ch.isdigit() for ch in " ".join(result.reasons))


@given(penetrations, unit)
def test_no_access_no_effect(penetration, baseline):
    result = penetration_effect(replace(penetration, access=0.0), baseline)
    assert result.effect == 0.0 and result.score == 0.5
    assert result.reasons == (PENETRATION_SENTENCES["none"],)


def test_soviet_advisers_in_egypt_style_penetration_backfires():
    """Deep, intrusive access with sweeping aims in a closed system: expected to hurt alignment."""
    result = penetration_effect(Penetration(access=1.0, openness=0.25, ambition=0.75, intrusiveness=0.75), 0.8)
    assert result.effect < 0
    assert PENETRATION_SENTENCES["backfires"] in result.reasons


def test_open_lobbying_where_other_causes_favour_the_alliance_helps():
    result = penetration_effect(Penetration(access=0.75, openness=1.0, ambition=0.25, intrusiveness=0.0), 0.9)
    assert result.effect > 0.4


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("field", PENETRATION_FIELDS)
@pytest.mark.parametrize("value", [-1, 2, float("-inf")])
def test_out_of_range_values_name_the_field_and_range(field, value):
    with pytest.raises(ValueError, match=rf"Penetration\.{field} must be in \[0, 1\]"):
        Penetration(**{field: value})


@pytest.mark.parametrize("field", PENETRATION_FIELDS)
@pytest.mark.parametrize("value", ["deep", None, True])
def test_non_numbers_are_type_errors_naming_the_field(field, value):
    with pytest.raises(TypeError, match=rf"Penetration\.{field} must be a real number in \[0, 1\]"):
        Penetration(**{field: value})


def test_from_dict_names_unknown_fields():
    with pytest.raises(TypeError, match="no field 'bribes'"):
        Penetration.from_dict({"access": 0.5, "bribes": 1})
    assert Penetration.from_dict({"access": 0.5}).access == 0.5


@pytest.mark.parametrize(
    "baseline, error, message",
    [
        (1.5, ValueError, r"penetration_effect\.baseline must be in \[0, 1\]"),
        (float("nan"), ValueError, r"penetration_effect\.baseline must be a number in \[0, 1\], got NaN"),
        ("high", TypeError, r"penetration_effect\.baseline must be a probability in \[0, 1\]"),
        (None, TypeError, r"penetration_effect\.baseline must be a probability"),
        (True, TypeError, r"penetration_effect\.baseline must be a probability"),
    ],
)
def test_bad_baseline_is_rejected_by_name(baseline, error, message):
    with pytest.raises(error, match=message):
        penetration_effect(Penetration(access=0.5), baseline)


def test_bad_arguments_are_type_errors():
    with pytest.raises(TypeError, match="penetration must be a Penetration"):
        penetration_effect({"access": 1.0}, 0.5)
    with pytest.raises(TypeError, match="params must be a PenetrationParameters"):
        penetration_effect(Penetration(), 0.5, params=0.8)


@pytest.mark.parametrize(
    "field", ["openness_effect", "ambition_penalty", "context_effect", "backfire_risk", "backlash"]
)
def test_bad_parameters_name_the_field(field):
    with pytest.raises(ValueError, match=rf"PenetrationParameters\.{field} must be in \[0, 1\]"):
        PenetrationParameters(**{field: 1.1})
