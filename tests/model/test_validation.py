"""Bad input gets a clear ValueError/TypeError naming the field and the allowed range."""

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from widgets import CHOICES, ModelParameters, Situation, Threat, ThreatWeights, predict

from ..strategies import full_situations, situations, threats

SOURCES = ("aggregate_power", "proximity", "offensive_power", "aggressive_intentions")
GOOD_THREAT = dict(aggregate_power=0.5, proximity=0.5, offensive_power=0.5, aggressive_intentions=0.5)


@pytest.mark.parametrize("field", SOURCES)
@pytest.mark.parametrize("value", [-0.01, 1.01, math.inf, -math.inf, 1e300])
def test_threat_out_of_range_names_field_and_range(field, value):
    with pytest.raises(ValueError, match=rf"Threat\.{field} must be in \[0, 1\]"):
        Threat(**{**GOOD_THREAT, field: value})


@pytest.mark.parametrize("field", SOURCES)
def test_threat_nan_is_rejected(field):
    with pytest.raises(ValueError, match=rf"Threat\.{field} must be a number in \[0, 1\], got NaN"):
        Threat(**{**GOOD_THREAT, field: float("nan")})


@pytest.mark.parametrize("value", ["0.5", None, True, [0.5], {"x": 1}, 1j])
def test_threat_wrong_type_is_type_error(value):
    with pytest.raises(TypeError, match=r"Threat\.proximity must be a real number in \[0, 1\]"):
        Threat(**{**GOOD_THREAT, "proximity": value})


def test_numpy_numbers_are_accepted_and_stored_as_float():
    np = pytest.importorskip("numpy")
    threat = Threat(np.float32(0.25), np.int64(1), np.float64(0.0), 0)
    assert all(type(getattr(threat, f)) is float for f in SOURCES)
    assert Situation(war=np.bool_(True)).war is True


@pytest.mark.parametrize("field, message", [
    ("capability", r"Situation\.capability must be in \[0, 1\], got 1\.5"),
    ("others_engaged", r"Situation\.others_engaged must be in \[0, 1\], got 1\.5"),
    ("neutrality_lesson", r"Situation\.neutrality_lesson must be in \[-1, 1\], got 1\.5"),
    ("allies_fighting", r"Situation\.allies_fighting must be in \[0, 1\], got 1\.5"),
    ("threat_army_share", r"Situation\.threat_army_share must be in \[0, 1\], got 1\.5"),
])
def test_optional_situation_inputs_out_of_range(field, message):
    with pytest.raises(ValueError, match=message):
        Situation(**{field: 1.5})
    with pytest.raises(TypeError, match=rf"Situation\.{field} must be a real number"):
        Situation(**{field: "0.5"})


def test_target_must_be_bool():
    with pytest.raises(TypeError, match=r"Situation\.target must be True or False"):
        Situation(target=1)


def test_optional_inputs_at_their_defaults_change_nothing():
    threat = Threat(**GOOD_THREAT)
    for s in (Situation(0.2, 0.9, True, 0.7), Situation(0.7, 0.3)):
        explicit = Situation(s.own_strength, s.allied_support, s.war, s.victory, None, False, 0.0, 0.0)
        assert predict(threat, explicit) == predict(threat, s)
        assert s.uses_optional() == {}


@pytest.mark.parametrize("field", ["own_strength", "allied_support", "victory"])
def test_situation_out_of_range(field):
    with pytest.raises(ValueError, match=rf"Situation\.{field} must be in \[0, 1\], got 2\.0"):
        Situation(**{field: 2.0})


@pytest.mark.parametrize("value", [1, 0, "yes", None, 0.0])
def test_situation_war_must_be_bool(value):
    with pytest.raises(TypeError, match=r"Situation\.war must be True or False"):
        Situation(war=value)


def test_unknown_field_is_named():
    with pytest.raises(TypeError, match=r"Threat has no field 'menace'; its fields are aggregate_power"):
        Threat.from_dict({**GOOD_THREAT, "menace": 1.0})
    with pytest.raises(TypeError, match=r"Situation has no field 'alies'"):
        Situation.from_dict({"alies": 0.5})
    with pytest.raises(TypeError, match=r"ThreatWeights has no field 'power'"):
        ThreatWeights.from_dict({"power": 1.0})
    with pytest.raises(TypeError, match=r"Threat is missing field 'proximity'"):
        Threat.from_dict({k: v for k, v in GOOD_THREAT.items() if k != "proximity"})
    with pytest.raises(TypeError, match="unexpected keyword argument 'menace'"):
        Threat(**GOOD_THREAT, menace=1.0)


def test_from_dict_round_trip():
    threat = Threat(**GOOD_THREAT)
    assert Threat.from_dict(threat.to_dict()) == threat
    situation = Situation(0.2, 0.9, True, 0.7)
    assert Situation.from_dict(situation.to_dict()) == situation
    full = Situation(0.2, 0.9, True, 0.7, capability=0.05, target=True, others_engaged=0.5, neutrality_lesson=-1.0)
    assert Situation.from_dict(full.to_dict()) == full


def test_weights_must_be_non_negative_and_not_all_zero():
    with pytest.raises(ValueError, match=r"ThreatWeights\.proximity must be in \[0, inf\), got -1\.0"):
        ThreatWeights(proximity=-1.0)
    with pytest.raises(ValueError, match="at least one weight above 0"):
        ThreatWeights(0, 0, 0, 0)


def test_model_parameters_are_validated():
    with pytest.raises(ValueError, match=r"ModelParameters\.support_certain_at must be in \(0, 1\)"):
        ModelParameters(support_certain_at=1.0)
    with pytest.raises(ValueError, match=r"ModelParameters\.response_slope must be in \[0, 50\]"):
        ModelParameters(response_slope=-1)
    with pytest.raises(TypeError, match=r"ModelParameters\.great_power_pull must be a real number"):
        ModelParameters(great_power_pull="strong")


def test_predict_checks_argument_types():
    threat = Threat(**GOOD_THREAT)
    with pytest.raises(TypeError, match="threat must be a Threat, got dict"):
        predict(GOOD_THREAT)
    with pytest.raises(TypeError, match="situation must be a Situation or None, got tuple"):
        predict(threat, (0.5, 0.5))
    with pytest.raises(TypeError, match="weights must be a ThreatWeights or None, got list"):
        predict(threat, None, [1, 1, 1, 1])
    with pytest.raises(TypeError, match="params must be a ModelParameters or None, got dict"):
        predict(threat, None, None, {})


def test_inputs_are_frozen():
    threat = Threat(**GOOD_THREAT)
    with pytest.raises(AttributeError):
        threat.proximity = 0.9


@given(threats, situations | full_situations)
def test_prediction_contract(threat, situation):
    pred = predict(threat, situation)
    assert set(pred.probabilities) == set(CHOICES)
    assert all(0.0 <= v <= 1.0 for v in pred.probabilities.values())
    assert math.isclose(sum(pred.probabilities.values()), 1.0, abs_tol=1e-12)
    assert pred.choice in CHOICES
    # the named choice is the most probable outcome (issue 12: it used to follow the two
    # stages, naming a response while neutrality was likelier)
    assert pred.probabilities[pred.choice] == max(pred.probabilities.values())
    assert 0.0 <= pred.threat <= 1.0
    assert math.isclose(sum(pred.contributions.values()), pred.threat, abs_tol=1e-12)
    assert pred.reasons and all(isinstance(r, str) and r.endswith(".") for r in pred.reasons)


anything = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-5, 5),
    st.booleans(),
    st.none(),
    st.text(max_size=4),
    st.lists(st.floats(0, 1), max_size=2),
)


@given(st.dictionaries(st.sampled_from(SOURCES + ("menace",)), anything, max_size=6),
       st.dictionaries(st.sampled_from(("own_strength", "allied_support", "war", "victory", "alies")), anything,
                       max_size=5))
def test_fuzz_public_api(threat_fields, situation_fields):
    """Whatever goes in, the API either predicts validly or raises a ValueError/TypeError naming a field."""
    try:
        threat = Threat.from_dict(threat_fields)
        situation = Situation.from_dict(situation_fields)
    except (ValueError, TypeError) as error:
        message = str(error)
        named = [
            f for f in SOURCES + ("own_strength", "allied_support", "war", "victory", "menace", "alies") if f in message
        ]
        assert named, message
        assert re.search(r"\[0, 1\]|True or False|no field|missing field", message), message
        return
    pred = predict(threat, situation)
    assert pred.choice in CHOICES


@pytest.mark.parametrize("field, value, message", [
    ("hegemonic_army_share", 0.0, r"ModelParameters\.hegemonic_army_share must be in \(0, 1\), got 0\.0"),
    ("hegemonic_army_share", 1.0, r"ModelParameters\.hegemonic_army_share must be in \(0, 1\), got 1\.0"),
    ("hegemonic_army_share", 1.5, r"ModelParameters\.hegemonic_army_share must be in \[0, 1\], got 1\.5"),
    ("land_hegemony", 1.5, r"ModelParameters\.land_hegemony must be in \[0, 1\], got 1\.5"),
    ("land_hegemony", float("nan"), r"ModelParameters\.land_hegemony must be"),
])
def test_the_land_power_coefficients_out_of_range(field, value, message):
    from widgets.model.parameters import ModelParameters

    with pytest.raises(ValueError, match=message):
        ModelParameters(**{field: value})


@pytest.mark.parametrize("field", ["capability", "threat_army_share"])
def test_an_uncoded_share_read_as_nan_names_the_field_and_the_way_out(field):
    with pytest.raises(ValueError, match=rf"Situation\.{field} must be a number in \[0, 1\] or None \(not coded\), "
                                         r"got NaN: an empty CSV cell read by pandas is NaN"):
        Situation(**{field: float("nan")})
