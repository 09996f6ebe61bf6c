"""The combined view (five explanations, one pair of states), its figures and its explorers.

Walt's verdict (1987, ch. 8), that threat dominates and ideology and aid matter less than is
commonly believed, is a property of the default weights: it fails if they are raised enough
for the other explanations to overturn a confident threat-based prediction.
"""

import json
from dataclasses import replace
from itertools import product
from pathlib import Path

import plotly.graph_objects as go
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from widgets import Situation, Threat, predict
from widgets.display.static_explorer import _leaves
from widgets.explorers.beyond import aid_explorer, combined_explorer, ideology_explorer, penetration_explorer
from widgets.figures.beyond import aid_spec, combined_spec, ideology_spec, penetration_spec
from widgets.model.aid import Aid
from widgets.model.conditions import uniform_threat
from widgets.model.explanations import (
    COMBINED_SENTENCES,
    DEFAULT_EXPLANATION_WEIGHTS,
    EXPLANATIONS,
    ExplanationWeights,
    combined_view,
    logit,
)
from widgets.model.ideology import Ideology
from widgets.model.penetration import Penetration

from ..explorers.test_explorers import apply, payload_of
from ..strategies import situations, threats, unit, weights
from ..test_project import imported_modules

ROOT = Path(__file__).resolve().parents[2]
ideologies = st.builds(Ideology, unit, unit, unit, unit)
aids = st.builds(Aid, unit, unit, unit, unit, unit)
penetrations = st.builds(Penetration, unit, unit, unit, unit)
explanation_weights = st.builds(ExplanationWeights, st.floats(0, 3), st.floats(0, 3), st.floats(0, 3), st.floats(0, 3))

# the most favourable and the most hostile the three other explanations can be
FRIENDLIEST = (Ideology(1.0, 0.0, 1.0, 1.0), Aid(1.0, 1.0, 1.0, 1.0, 1.0), Penetration(1.0, 1.0, 0.0, 0.0))
HOSTILEST = (Ideology(0.0, 0.0, 1.0, 1.0), Aid(0.0), Penetration(1.0, 0.0, 1.0, 1.0))


# --- the combination rule ----------------------------------------------------------------------


@given(threats, situations, st.none() | weights)
def test_silent_explanations_leave_the_threat_based_prediction(threat, situation, w):
    view = combined_view(threat, situation, threat_weights=w)
    assert view.probability == pytest.approx(predict(threat, situation, w).probabilities["balance"], abs=1e-9)
    assert view.reasons == (COMBINED_SENTENCES["nothing_else"],)


@given(threats, situations, ideologies, aids, penetrations, explanation_weights)
def test_contributions_add_up_on_the_log_odds_scale(threat, situation, ideology, aid, penetration, w):
    view = combined_view(threat, situation, ideology, aid, penetration, weights=w)
    z = view.contributions
    assert list(z) == list(EXPLANATIONS) == list(view.steps)
    assert sum(z.values()) == pytest.approx(view.logit)
    assert z["threat"] == pytest.approx(w.threat * logit(view.p_threat))
    assert z["ideology"] == pytest.approx(w.ideology * view.ideology.effect)
    assert z["aid"] == pytest.approx(w.aid * view.aid.effect)
    assert z["penetration"] == pytest.approx(w.penetration * view.penetration.effect)
    assert view.steps["penetration"] == view.probability
    assert 0.0 < view.probability < 1.0
    assert view.reasons and set(view.reasons) <= set(COMBINED_SENTENCES.values())


@given(threats, situations, ideologies, aids, penetrations, st.none() | weights)
def test_every_explanation_reads_the_one_threat_level_of_predict(threat, situation, ideology, aid, penetration, w):
    """Ideology's security and aid's scaling come from ``Prediction.threat``, not a parallel notion."""
    view = combined_view(threat, situation, ideology, aid, penetration, threat_weights=w)
    assert view.prediction == predict(threat, situation, w)
    assert view.aid.threat == view.prediction.threat
    assert view.ideology.security == pytest.approx(1 - view.prediction.threat)


@given(threats, situations, ideologies, aids, penetrations)
def test_penetration_builds_on_what_the_other_causes_already_do(threat, situation, ideology, aid, penetration):
    """P4 in the combined view: penetration's context is the probability after threat, ideology and aid."""
    view = combined_view(threat, situation, ideology, aid, penetration)
    assert view.penetration.baseline == pytest.approx(view.steps["aid"])


@given(threats, situations, ideologies, aids, penetrations)
def test_each_explanation_pushes_in_its_own_direction(threat, situation, ideology, aid, penetration):
    base = combined_view(threat, situation)
    with_similar = combined_view(threat, situation, replace(ideology, similarity=1.0))
    with_aid = combined_view(threat, situation, aid=replace(aid, amount=1.0))
    with_lobby = combined_view(threat, situation, penetration=replace(penetration, access=1.0, intrusiveness=0.0))
    assert with_similar.probability > base.probability
    assert with_aid.probability > base.probability
    assert with_lobby.probability > base.probability


@given(threats, situations, ideologies)
def test_statesmen_would_expect_more_from_ideology_than_it_delivers(threat, situation, ideology):
    view = combined_view(threat, situation, ideology)
    assume(abs(view.contributions["ideology"]) > 1e-3)
    assert abs(view.perceived_probability - view.p_threat) > abs(view.probability - view.p_threat)


# --- Walt's verdict in the default weights ---------------------------------------------------------


@settings(max_examples=200)
@given(threats, situations, st.none() | weights)
def test_threat_dominates_by_default(threat, situation, w):
    """Walt's verdict: with the default weights, no combination of ideology, aid and penetration
    reverses a threat-based prediction held at odds of 9 to 1 or more."""
    p0 = predict(threat, situation, w).probabilities["balance"]
    assume(p0 >= 0.9 or p0 <= 0.1)
    for ideology, aid, penetration in (FRIENDLIEST, HOSTILEST):
        view = combined_view(threat, situation, ideology, aid, penetration, threat_weights=w)
        assert (view.probability - 0.5) * (p0 - 0.5) > 0


def test_threat_moves_the_odds_far_more_than_any_other_explanation():
    """Walt's verdict, by range: across a grid of the book's inputs the threat term spans at least
    three times the ranges of ideology, aid and penetration put together (default weights)."""
    levels = (0.0, 0.5, 1.0)
    spans = {name: [float("inf"), float("-inf")] for name in EXPLANATIONS}
    for t, s, a, sim, amount, access, intrusive in product(levels, levels, levels, levels, levels, levels, levels):
        view = combined_view(uniform_threat(t), Situation(s, a), Ideology(sim, 0.5, 0.5, 0.5), Aid(amount),
                             Penetration(access, 0.5, 0.5, intrusive))
        for name, value in view.contributions.items():
            spans[name][0] = min(spans[name][0], value)
            spans[name][1] = max(spans[name][1], value)
    width = {name: hi - lo for name, (lo, hi) in spans.items()}
    assert width["threat"] > 3 * sum(width[name] for name in EXPLANATIONS[1:]), width
    assert DEFAULT_EXPLANATION_WEIGHTS.ideology < DEFAULT_EXPLANATION_WEIGHTS.threat


def test_readers_can_change_the_weights():
    threat, situation = uniform_threat(0.6), Situation(0.5, 0.5)
    pair = (Ideology(0.0, 0.0, 1.0, 1.0), Aid(0.0), Penetration(1.0, 0.0, 1.0, 1.0))
    walt = combined_view(threat, situation, *pair)
    critics = combined_view(threat, situation, *pair, weights=ExplanationWeights().scaled(3.0))
    assert walt.probability > 0.5 > critics.probability
    ignored = combined_view(threat, situation, *pair, weights=ExplanationWeights().scaled(0.0))
    assert ignored.probability == pytest.approx(walt.p_threat)
    no_threat = combined_view(threat, situation, weights=ExplanationWeights(threat=0.0))
    assert no_threat.probability == 0.5


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("kwargs, message", [
    ({"situation": {"own_strength": 0.5}}, "situation must be a Situation or None"),
    ({"ideology": 0.9}, "ideology must be an Ideology or None"),
    ({"aid": "lots"}, "aid must be an Aid or None"),
    ({"penetration": Ideology()}, "penetration must be a Penetration or None"),
    ({"weights": {"ideology": 1}}, "weights must be an ExplanationWeights or None"),
    ({"threat_weights": ExplanationWeights()}, "threat_weights must be a ThreatWeights or None"),
    ({"params": 1}, "params must be a ModelParameters or None"),
    ({"ideology_params": 1}, "ideology_params must be an IdeologyParameters or None"),
    ({"aid_params": 1}, "aid_params must be an AidParameters or None"),
    ({"penetration_params": 1}, "penetration_params must be a PenetrationParameters or None"),
])
def test_wrong_argument_types_are_named(kwargs, message):
    with pytest.raises(TypeError, match=message):
        combined_view(uniform_threat(0.5), **kwargs)


def test_threat_must_be_a_threat():
    with pytest.raises(TypeError, match="threat must be a Threat"):
        combined_view(0.5)


@pytest.mark.parametrize("field", EXPLANATIONS)
@pytest.mark.parametrize("value, error, message", [
    (-1.0, ValueError, r"must be in \[0, 10\]"),
    (11.0, ValueError, r"must be in \[0, 10\]"),
    (float("nan"), ValueError, r"must be a number in \[0, 10\], got NaN"),
    ("big", TypeError, "must be a real number"),
    (True, TypeError, "must be a real number"),
])
def test_bad_weights_name_the_field_and_range(field, value, error, message):
    with pytest.raises(error, match=rf"ExplanationWeights\.{field} {message}"):
        ExplanationWeights(**{field: value})


def test_weights_from_dict_and_scaling_are_checked():
    with pytest.raises(TypeError, match="no field 'culture'"):
        ExplanationWeights.from_dict({"culture": 1.0})
    with pytest.raises(ValueError, match=r"ExplanationWeights.scaled.factor must be in \[0, inf\)"):
        ExplanationWeights().scaled(-1)
    assert ExplanationWeights().scaled(100).ideology == 10.0


# --- layering -------------------------------------------------------------------------------


def _imports(module):
    return imported_modules(ROOT / "widgets" / "model" / f"{module}.py")


@pytest.mark.parametrize("module", ["ideology", "aid", "penetration", "explanations"])
def test_model_modules_import_no_ui_or_plotting(module):
    assert not _imports(module) & {"plotly", "ipywidgets", "IPython", "numpy", "pandas"}




# --- figures --------------------------------------------------------------------------------


def _figures(threat, situation, ideology, aid, penetration, w):
    view = combined_view(threat, situation, ideology, aid, penetration, weights=w)
    return {
        "combined": combined_spec(view),
        "ideology": ideology_spec(view.ideology),
        "aid": aid_spec(view.aid),
        "penetration": penetration_spec(view.penetration),
    }


REFERENCE = _figures(uniform_threat(0.5), Situation(), Ideology(), Aid(), Penetration(), None)


@settings(max_examples=50)
@given(threats, situations, ideologies, aids, penetrations, explanation_weights)
def test_figures_keep_their_structure_and_describe_themselves(threat, situation, ideology, aid, penetration, w):
    for name, spec in _figures(threat, situation, ideology, aid, penetration, w).items():
        assert _leaves(spec).keys() == _leaves(REFERENCE[name]).keys(), name
        assert spec["layout"]["meta"]["description"], name
        json.dumps(spec)  # plain JSON, no NumPy


def test_figures_are_valid_plotly():
    for spec in REFERENCE.values():
        go.Figure(spec)






# --- explorers ------------------------------------------------------------------------------

EXPLORERS = [ideology_explorer, aid_explorer, penetration_explorer, combined_explorer]


@pytest.mark.parametrize("make", EXPLORERS, ids=lambda f: f.__name__)
def test_explorers_have_a_static_twin_within_budget(make):
    explorer = make(explorer_id=f"t-{make.__name__}")
    payload = payload_of(explorer.static_html())
    assert 1 < len(payload["index"]) <= 1500
    start = sum(i * s for i, s in zip(payload["initial"], payload["strides"], strict=True))
    assert apply(payload, start)["layout"]["meta"]["description"] == explorer.figure["layout"]["meta"]["description"]




def test_explorers_reject_bad_starting_points():
    with pytest.raises(TypeError, match="ideology must be an Ideology"):
        ideology_explorer({"similarity": 1})
    with pytest.raises(ValueError, match=r"threat must be in \[0, 1\]"):
        aid_explorer(threat=2.0)
    with pytest.raises(TypeError, match=r"baseline must be a number"):
        penetration_explorer(baseline="high")
    with pytest.raises(TypeError, match="weights must be an ExplanationWeights"):
        combined_explorer(weights=2.0)


@example(Threat(0.0, 0.37320352896080516, 0.21875, 0.19730707982238888), 1.0)  # once rounded past 1
@given(threats, st.floats(0.0, 1.0))
def test_threat_at_level_hits_the_level_and_keeps_the_start(threat, level):
    from widgets import threat_level
    from widgets.explorers.beyond import threat_at_level

    moved = threat_at_level(threat, level)
    assert threat_level(moved) == pytest.approx(level, abs=1e-9)
    assert threat_at_level(threat, threat_level(threat)) == threat


def test_threat_at_level_rejects_bad_input():
    from widgets.explorers.beyond import threat_at_level

    with pytest.raises(TypeError, match="threat must be a Threat"):
        threat_at_level(0.5, 0.5)
    with pytest.raises(ValueError, match=r"level must be in \[0, 1\]"):
        threat_at_level(uniform_threat(0.5), 1.5)
