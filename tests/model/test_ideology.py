"""Walt's ideology hypotheses (1987, ch. 2 and 6), each as a property of ``ideology_effect``.

One test per hypothesis, named after it. Each fails if the corresponding part of the model is
removed (similarity term, ``fragility``, ``security_weight``, ``defence_weight``,
``legitimacy_weight``, ``exaggeration`` set to 1); "increases" is checked strictly for a step
of at least 0.01.
"""

import math
from dataclasses import replace

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from widgets import Threat, ThreatWeights, threat_level
from widgets.model.ideology import (
    IDEOLOGY_FIELDS,
    IDEOLOGY_SENTENCES,
    Ideology,
    IdeologyParameters,
    ideology_effect,
)

from ..strategies import threats, unit, weights

ideologies = st.builds(Ideology, unit, unit, unit, unit)


def ordered_pair(low=0.0, high=1.0, gap=0.01):
    return st.tuples(st.floats(low, high), st.floats(low, high)).map(sorted).filter(lambda ab: ab[1] - ab[0] >= gap)


def leaning(ideology):
    """Ideologies that are clearly alike or clearly opposed (ideology's effect is not zero)."""
    return abs(2 * ideology.similarity - 1) >= 0.02


# --- the five hypotheses ----------------------------------------------------------------------


@given(ideologies, threats, ordered_pair())
def test_similar_ideologies_make_alliance_more_likely(ideology, threat, similarities):
    """I1: the more similar two states' domestic ideologies, the more likely they are to ally."""
    low, high = (ideology_effect(replace(ideology, similarity=s), threat) for s in similarities)
    assert high.score > low.score
    assert ideology_effect(replace(ideology, similarity=1.0), threat).score > 0.5
    assert ideology_effect(replace(ideology, similarity=0.0), threat).score < 0.5


@given(ideologies, threats, ordered_pair(), st.floats(0.05, 1.0))
def test_centralised_movements_make_fragile_alliances(ideology, threat, centralisations, similarity):
    """I2: the more centralised and hierarchical the movement an ideology prescribes, the more
    fragile the alliance: a Leninist or pan-Arab alliance is less durable than one of monarchies."""
    ideology = replace(ideology, similarity=similarity)
    low, high = (ideology_effect(replace(ideology, centralisation=c), threat) for c in centralisations)
    assert high.durability < low.durability
    leninist = ideology_effect(Ideology(similarity=1.0, centralisation=1.0), threat)
    monarchies = ideology_effect(Ideology(similarity=1.0, centralisation=0.0), threat)
    assert leninist.durability < monarchies.durability == 1.0


@given(ideologies, threats, threats, st.none() | weights)
def test_ideology_matters_more_when_states_feel_secure(ideology, threat_a, threat_b, w):
    """I3: the more secure a state feels (the lower the threat it faces), the greater ideology's impact."""
    assume(leaning(ideology))
    levels = threat_level(threat_a, w), threat_level(threat_b, w)
    assume(abs(levels[0] - levels[1]) >= 0.01)
    safer, graver = (threat_a, threat_b) if levels[0] < levels[1] else (threat_b, threat_a)
    assert abs(ideology_effect(ideology, safer, w).effect) > abs(ideology_effect(ideology, graver, w).effect)


@given(ideologies, threats, ordered_pair())
def test_ideology_matters_more_when_defence_dominates(ideology, threat, advantages):
    """I3: the greater the advantage of the defence in warfare, the greater ideology's impact."""
    assume(leaning(ideology))
    low, high = (ideology_effect(replace(ideology, defence_advantage=d), threat) for d in advantages)
    assert abs(high.effect) > abs(low.effect)
    assert high.weight > low.weight


@given(ideologies, threats, ordered_pair(), st.floats(0.51, 1.0))
def test_states_lacking_legitimacy_seek_ideological_allies(ideology, threat, deficits, similarity):
    """I4: states lacking domestic legitimacy are more likely to seek ideological alliances."""
    ideology = replace(ideology, similarity=similarity)
    low, high = (ideology_effect(replace(ideology, legitimacy_deficit=d), threat) for d in deficits)
    assert high.score > low.score
    assert high.weight > low.weight


@given(ideologies, threats)
def test_statesmen_exaggerate_the_impact_of_ideology(ideology, threat):
    """I5: statesmen exaggerate ideology's impact: the perceived effect points the same way and is larger."""
    result = ideology_effect(ideology, threat)
    assume(1e-6 < abs(result.effect) < 1 - 1e-6)
    assert abs(result.perceived_effect) > abs(result.effect)
    assert math.copysign(1, result.perceived_effect) == math.copysign(1, result.effect)
    assert abs(result.perceived_score - 0.5) > abs(result.score - 0.5)


def test_ideology_matters_where_ideological_alliances_are_least_dangerous():
    """Walt's corollary of I3: ideology weighs most when states are secure and defence dominates,
    i.e. where large ideological alliances threaten others least."""
    calm = ideology_effect(Ideology(similarity=1.0, defence_advantage=1.0), 0.0)
    tense = ideology_effect(Ideology(similarity=1.0, defence_advantage=0.0), 1.0)
    assert calm.weight > 2 * tense.weight


# --- ranges, reasons, one notion of threat -----------------------------------------------------


@given(ideologies, threats, st.none() | weights)
def test_results_stay_in_range_and_reasons_come_from_the_table(ideology, threat, w):
    result = ideology_effect(ideology, threat, w)
    for name in ("score", "perceived_score", "weight", "durability", "security"):
        assert 0.0 <= getattr(result, name) <= 1.0, name
    assert -1.0 <= result.effect <= 1.0 and -1.0 <= result.perceived_effect <= 1.0
    assert result.score == pytest.approx((1 + result.effect) / 2)
    assert 1 <= len(result.reasons) <= 4
    assert result.reasons and set(result.reasons) <= set(IDEOLOGY_SENTENCES.values())
    assert not any(ch.isdigit() for ch in " ".join(result.reasons))


@given(ideologies, threats, st.none() | weights)
def test_security_is_one_minus_the_book_threat_level(ideology, threat, w):
    by_threat = ideology_effect(ideology, threat, w)
    by_level = ideology_effect(ideology, threat_level(threat, w))
    assert by_threat == by_level
    assert by_threat.security == pytest.approx(1 - threat_level(threat, w))


def test_neither_alike_nor_opposed_adds_nothing():
    result = ideology_effect(Ideology(similarity=0.5, legitimacy_deficit=1.0, defence_advantage=1.0), 0.0)
    assert result.effect == 0.0 and result.perceived_effect == 0.0 and result.score == 0.5
    assert result.reasons[0] == IDEOLOGY_SENTENCES["mixed"]


def test_pan_arab_style_alliance_forms_but_is_fragile():
    result = ideology_effect(Ideology(similarity=1.0, centralisation=1.0, legitimacy_deficit=1.0), 0.5)
    assert result.score > 0.5 and result.durability < 0.5
    assert IDEOLOGY_SENTENCES["fragile"] in result.reasons


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("field", IDEOLOGY_FIELDS)
@pytest.mark.parametrize("value", [-0.01, 1.5, float("inf"), float("-inf")])
def test_out_of_range_values_name_the_field_and_range(field, value):
    with pytest.raises(ValueError, match=rf"Ideology\.{field} must be in \[0, 1\]"):
        Ideology(**{field: value})


@pytest.mark.parametrize("field", IDEOLOGY_FIELDS)
@pytest.mark.parametrize("value", ["0.5", None, True, [0.5]])
def test_non_numbers_are_type_errors_naming_the_field(field, value):
    with pytest.raises(TypeError, match=rf"Ideology\.{field} must be a real number in \[0, 1\]"):
        Ideology(**{field: value})


def test_nan_is_rejected():
    with pytest.raises(ValueError, match=r"Ideology\.similarity must be a number in \[0, 1\], got NaN"):
        Ideology(similarity=float("nan"))


def test_from_dict_names_unknown_fields():
    with pytest.raises(TypeError, match="no field 'colour'"):
        Ideology.from_dict({"similarity": 0.5, "colour": "red"})
    assert Ideology.from_dict({"similarity": 0.25}) == Ideology(similarity=0.25)


@pytest.mark.parametrize("threat, error, message", [
    (1.2, ValueError, r"ideology_effect\.threat must be in \[0, 1\]"),
    (float("nan"), ValueError, r"ideology_effect\.threat must be a number in \[0, 1\]"),
    ("high", TypeError, r"ideology_effect\.threat must be a Threat or a threat level in \[0, 1\]"),
    (True, TypeError, r"ideology_effect\.threat must be a Threat"),
    (None, TypeError, r"ideology_effect\.threat must be a Threat"),
])
def test_bad_threat_is_rejected_by_name(threat, error, message):
    with pytest.raises(error, match=message):
        ideology_effect(Ideology(), threat)


def test_bad_arguments_are_type_errors():
    with pytest.raises(TypeError, match="ideology must be an Ideology"):
        ideology_effect({"similarity": 1.0}, 0.5)
    with pytest.raises(TypeError, match="params must be an IdeologyParameters"):
        ideology_effect(Ideology(), 0.5, params={"fragility": 0.5})
    with pytest.raises(TypeError, match="weights must be a ThreatWeights"):
        ideology_effect(Ideology(), Threat(0, 0, 0, 0), weights=(1, 1, 1, 1))


@pytest.mark.parametrize("kwargs, message", [
    ({"fragility": 1.5}, r"IdeologyParameters\.fragility must be in \[0, 1\]"),
    ({"exaggeration": 0.5}, r"IdeologyParameters\.exaggeration must be in \[1, 20\]"),
    ({"security_weight": -1}, r"IdeologyParameters\.security_weight must be in \[0, 50\]"),
    ({"base_weight": 0, "security_weight": 0, "defence_weight": 0, "legitimacy_weight": 0}, "at least one"),
])
def test_bad_parameters_name_the_field(kwargs, message):
    with pytest.raises(ValueError, match=message):
        IdeologyParameters(**kwargs)


def test_threat_weights_apply_only_to_a_threat():
    threat = Threat(1.0, 0.0, 0.0, 0.0)
    power_heavy = ThreatWeights(aggregate_power=3.0)
    assert ideology_effect(Ideology(similarity=1.0), threat, power_heavy).security == pytest.approx(0.5)
