"""Walt's foreign-aid hypotheses (1987, ch. 2 and 7), each as a property of ``aid_effect``.

One test per hypothesis, named after it. Each fails if the corresponding part of the model is
removed (the amount, ``threat_dependence``, ``monopoly_weight``, ``dependence_weight``,
``motivation_weight``, the recipient's security stake, ``apparatus_effect``).
"""

from dataclasses import replace

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from widgets import Situation, Threat, predict, threat_level
from widgets.model.aid import AID_FIELDS, AID_SENTENCES, Aid, AidParameters, aid_effect

from ..strategies import threats, unit, weights

aids = st.builds(Aid, unit, unit, unit, unit, unit)
some_aid = st.floats(0.05, 1.0)


def ordered_pair(low=0.0, high=1.0, gap=0.01):
    return st.tuples(st.floats(low, high), st.floats(low, high)).map(sorted).filter(lambda ab: ab[1] - ab[0] >= gap)


def leverage(aid, threat, field, value):
    return aid_effect(replace(aid, **{field: value}), threat).leverage


# --- the six hypotheses ----------------------------------------------------------------------


@given(aids, threats, ordered_pair())
def test_more_aid_makes_alliance_more_likely(aid, threat, amounts):
    """A1: the more aid one state gives another, the more likely the two are to ally."""
    low, high = (aid_effect(replace(aid, amount=a), threat) for a in amounts)
    assert high.score > low.score


@given(aids, threats, ordered_pair())
def test_more_aid_gives_the_donor_more_control(aid, threat, amounts):
    """A1: the more aid, the greater the donor's control over the recipient."""
    assume(aid_effect(aid, threat).bargaining > 1e-3)
    assert leverage(aid, threat, "amount", amounts[1]) > leverage(aid, threat, "amount", amounts[0])


@given(aids, threats, threats, some_aid, st.none() | weights)
def test_aid_matters_more_the_greater_the_recipients_external_threat(aid, threat_a, threat_b, amount, w):
    """A2: aid is a form of balancing, so its effect grows with the threat the recipient faces,
    measured by the book's own threat level (``threat_level``, the number ``predict`` reports)."""
    aid = replace(aid, amount=amount)
    levels = threat_level(threat_a, w), threat_level(threat_b, w)
    assume(abs(levels[0] - levels[1]) >= 0.01)
    safer, graver = (threat_a, threat_b) if levels[0] < levels[1] else (threat_b, threat_a)
    assert aid_effect(aid, graver, w).score > aid_effect(aid, safer, w).score


@given(aids, threats, ordered_pair(), some_aid)
def test_donor_monopoly_raises_leverage(aid, threat, monopolies, amount):
    """A3: the greater the donor's monopoly on what it provides, the greater its leverage."""
    aid = replace(aid, amount=amount)
    assert leverage(aid, threat, "monopoly", monopolies[1]) > leverage(aid, threat, "monopoly", monopolies[0])


@given(aids, threats, ordered_pair(), some_aid)
def test_dependence_asymmetry_favouring_the_donor_raises_leverage(aid, threat, asymmetries, amount):
    """A4: the greater the asymmetry of dependence in the donor's favour, the greater its leverage."""
    aid = replace(aid, amount=amount)
    low, high = (leverage(aid, threat, "dependence_asymmetry", d) for d in asymmetries)
    assert high > low


@given(aids, threats, ordered_pair(), some_aid)
def test_motivation_asymmetry_favouring_the_donor_raises_leverage(aid, threat, motivations, amount):
    """A5: the greater the asymmetry of motivation in the donor's favour, the greater its leverage."""
    aid = replace(aid, amount=amount)
    low, high = (leverage(aid, threat, "donor_motivation", m) for m in motivations)
    assert high > low


@given(aids, ordered_pair(), some_aid)
def test_motivation_asymmetry_usually_favours_the_recipient(aid, levels, amount):
    """A5: the recipient's security is usually the more precarious, so the asymmetry of motivation
    usually favours it: the graver its threat, the less leverage the donor has, and a recipient
    whose threat exceeds the donor's motivation holds the motivational advantage."""
    aid = replace(aid, amount=amount)
    safer, graver = (aid_effect(aid, level) for level in levels)
    assert graver.motivation_asymmetry < safer.motivation_asymmetry
    assert graver.leverage < safer.leverage
    precarious = aid_effect(replace(aid, donor_motivation=min(aid.donor_motivation, 0.99)),
                            min(1.0, aid.donor_motivation + 0.01))
    assert precarious.motivation_asymmetry < 0.5


@given(aids, threats, ordered_pair(), some_aid)
def test_weak_donor_decision_making_lowers_leverage(aid, threat, strengths, amount):
    """A6: the weaker the donor's domestic decision-making apparatus, the less leverage it has."""
    aid = replace(aid, amount=amount)
    assume(aid_effect(aid, threat).bargaining > 1e-3)
    weak, strong = (leverage(aid, threat, "donor_apparatus", s) for s in strengths)
    assert weak < strong


# --- ranges, reasons, one notion of threat -----------------------------------------------------


@given(aids, threats, st.none() | weights)
def test_results_stay_in_range_and_reasons_come_from_the_table(aid, threat, w):
    result = aid_effect(aid, threat, w)
    for name in (
        "score",
        "effect",
        "leverage",
        "threat",
        "threat_scaling",
        "motivation_asymmetry",
        "bargaining",
        "apparatus",
    ):
        assert 0.0 <= getattr(result, name) <= 1.0, name
    assert result.score == result.effect
    assert 1 <= len(result.reasons) <= 4
    assert result.reasons and set(result.reasons) <= set(AID_SENTENCES.values())
    assert not any(ch.isdigit() for ch in " ".join(result.reasons))


@given(threats, st.builds(Situation, unit, unit, st.booleans(), unit), aids)
def test_aid_reads_the_threat_level_that_predict_reports(threat, situation, aid):
    assert aid_effect(aid, threat).threat == pytest.approx(predict(threat, situation).threat)
    assert aid_effect(aid, threat) == aid_effect(aid, predict(threat, situation).threat)


@given(aids, threats)
def test_no_aid_buys_neither_alignment_nor_control(aid, threat):
    result = aid_effect(replace(aid, amount=0.0), threat)
    assert result.score == 0.0 and result.leverage == 0.0
    assert result.reasons == (AID_SENTENCES["none"],)


def test_large_aid_to_a_threatened_recipient_buys_alignment_but_little_control():
    """Walt's reading of Soviet aid to Egypt: plenty of alignment, little leverage."""
    result = aid_effect(
        Aid(amount=1.0, monopoly=0.75, dependence_asymmetry=0.5, donor_motivation=0.5, donor_apparatus=0.75), 0.9
    )
    assert result.score > 0.9 and result.leverage < 0.5
    assert AID_SENTENCES["motivation_recipient"] in result.reasons


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("field", AID_FIELDS)
@pytest.mark.parametrize("value", [-0.5, 1.01, float("inf")])
def test_out_of_range_values_name_the_field_and_range(field, value):
    with pytest.raises(ValueError, match=rf"Aid\.{field} must be in \[0, 1\]"):
        Aid(**{field: value})


@pytest.mark.parametrize("field", AID_FIELDS)
@pytest.mark.parametrize("value", ["lots", None, False])
def test_non_numbers_are_type_errors_naming_the_field(field, value):
    with pytest.raises(TypeError, match=rf"Aid\.{field} must be a real number in \[0, 1\]"):
        Aid(**{field: value})


def test_from_dict_names_unknown_fields():
    with pytest.raises(TypeError, match="no field 'dollars'"):
        Aid.from_dict({"amount": 0.5, "dollars": 10})
    assert Aid.from_dict({"amount": 0.5}).amount == 0.5


@pytest.mark.parametrize(
    "threat, error, message",
    [
        (-0.1, ValueError, r"aid_effect\.threat must be in \[0, 1\]"),
        ("grave", TypeError, r"aid_effect\.threat must be a Threat or a threat level"),
        (Situation(), TypeError, r"aid_effect\.threat must be a Threat"),
    ],
)
def test_bad_threat_is_rejected_by_name(threat, error, message):
    with pytest.raises(error, match=message):
        aid_effect(Aid(amount=0.5), threat)


def test_bad_arguments_are_type_errors():
    with pytest.raises(TypeError, match="aid must be an Aid"):
        aid_effect(0.5, 0.5)
    with pytest.raises(TypeError, match="params must be an AidParameters"):
        aid_effect(Aid(), 0.5, params=object())
    with pytest.raises(TypeError, match="weights must be a ThreatWeights"):
        aid_effect(Aid(), Threat(0, 0, 0, 0), weights="equal")


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"threat_dependence": 1.2}, r"AidParameters\.threat_dependence must be in \[0, 1\]"),
        ({"apparatus_effect": -0.1}, r"AidParameters\.apparatus_effect must be in \[0, 1\]"),
        ({"monopoly_weight": float("nan")}, r"AidParameters\.monopoly_weight must be a number"),
        ({"monopoly_weight": 0, "dependence_weight": 0, "motivation_weight": 0}, "at least one"),
    ],
)
def test_bad_parameters_name_the_field(kwargs, message):
    with pytest.raises(ValueError, match=message):
        AidParameters(**kwargs)
