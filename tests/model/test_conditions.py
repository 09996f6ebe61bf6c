"""Phase diagrams, the neighbours-of-neighbours map and case boxes."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import Situation, Threat, predict
from widgets.display.casebox import CaseBox
from widgets.explorers import conditions_explorer, neighbourhood_explorer
from widgets.io.cases import Case
from widgets.model.conditions import choice_grid, uniform_threat
from widgets.model.neighbours import neighbourhood

from ..explorers.test_explorers import apply, payload_of
from ..io.test_cases import GOOD


def test_grid_matches_predict_point_by_point():
    threat, situation = Threat(0.9, 0.8, 0.7, 0.2), Situation(0.3, 0.3, True, 0.5)
    grid = choice_grid(threat, situation, "own_strength", "victory", points=5)
    for j, y in enumerate(grid.y_values):
        for i, x in enumerate(grid.x_values):
            pred = predict(threat, Situation(x, 0.3, True, y))
            assert grid.choice[j][i] == ("balance", "bandwagon", "buck-pass", "neutral").index(pred.choice)


@settings(max_examples=30, deadline=None)
@given(st.floats(0.5, 1.0))
def test_bandwagoning_region_grows_as_the_threat_nears_victory(level):
    """Condition 5 seen on the phase diagram: more of the (strength, support) plane bandwagons."""
    shares = [
        choice_grid(uniform_threat(level), Situation(war=True, victory=v), points=9).share("bandwagon")
        for v in (0.1, 0.5, 0.9)
    ]
    assert shares[0] <= shares[1] <= shares[2] and shares[2] > shares[0]


def test_weak_states_bandwagon_in_the_low_strength_low_support_corner():
    grid = choice_grid(Threat(0.95, 0.95, 0.95, 0.2), Situation(), points=11)
    assert grid.choice[0][0] == 1  # own strength 0, support 0: bandwagon
    assert grid.choice[5][10] == 0  # parity-plus strength: balance


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"x_field": "war"}, "x_field must be one of"),
        ({"x_field": "proximity", "y_field": "proximity"}, "must differ"),
        ({"points": 1}, r"points must be an int in \[2, 101\]"),
    ],
)
def test_grid_rejects_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        choice_grid(Threat(0.5, 0.5, 0.5, 0.5), Situation(), **kwargs)


def test_proximity_makes_a_checkerboard_power_makes_a_grand_coalition():
    """Walt's 'neighbours of neighbours are friends' versus balancing against the strongest."""
    local = neighbourhood(proximity_weight=1.0, power_weight=0.0)
    global_ = neighbourhood(proximity_weight=0.0, power_weight=1.0)
    assert local.checkerboard_share() >= 0.75
    assert global_.checkerboard_share() < local.checkerboard_share() - 0.3
    strongest = max(range(24), key=lambda s: global_.capability[s])
    assert global_.opposes.count(strongest) == 23  # everyone else opposes the strongest power
    assert all(local.opposes[i] != i for i in range(24))


@pytest.mark.parametrize("seed", range(5))
def test_with_proximity_alone_each_state_opposes_a_neighbour(seed):
    hood = neighbourhood(proximity_weight=1.0, power_weight=0.0, seed=seed)
    for i, j in enumerate(hood.opposes):
        (ri, ci), (rj, cj) = hood.position(i), hood.position(j)
        assert abs(ri - rj) + abs(ci - cj) == 1


def test_neighbourhood_validates():
    with pytest.raises(ValueError, match=r"rows and cols must be in \[2, 12\]"):
        neighbourhood(rows=1)
    with pytest.raises(TypeError, match="neighbourhood.seed must be an int"):
        neighbourhood(seed=1.5)
    with pytest.raises(ValueError, match=r"neighbourhood.power_weight must be in \[0, inf\)"):
        neighbourhood(power_weight=-1)


def test_conditions_explorer_static_twin_matches_live():
    explorer = conditions_explorer(levels=3, points=5)
    payload = payload_of(explorer.static_html())
    assert [c["name"] for c in payload["controls"]] == [
        "threat_level",
        "own_strength",
        "allied_support",
        "war",
        "victory",
    ]
    explorer.set(threat_level=1.0, own_strength=0.0, allied_support=0.0, war=True, victory=1.0)
    position = 2 * 54 + 0 * 18 + 0 * 6 + 1 * 3 + 2
    assert apply(payload, position)["layout"]["title"] == explorer.figure["layout"]["title"]
    assert "Bandwagon" in explorer.figure["layout"]["title"]["text"]


def test_neighbourhood_explorer_changes_the_map():
    explorer = neighbourhood_explorer(levels=3)
    payload = payload_of(explorer.static_html())
    assert len(payload["index"]) == 3 and payload["paths"], "the map must change with the slider"


def test_case_box_shows_coding_prediction_and_verdict():
    row = {
        **GOOD,
        "proximity": 1.0,
        "aggregate_power": 0.8,
        "offensive_power": 0.75,
        "aggressive_intentions": 0.75,
        "own_strength": 0.05,
        "allied_support": 0.75,
        "war": False,
        "victory": 0.5,
        "year": 1949,
        "decider": "Norway <b>",
    }
    box = CaseBox(Case(row))
    html = box._repr_html_()
    assert "Norway &lt;b&gt;" in html and "<b>" not in html.replace("<strong>", "")
    assert box.correct == (box.prediction.choice == "balance")
    assert ("gets this case right" in box.verdict()) == box.correct
    assert box._repr_mimebundle_()["text/plain"].startswith("Case: Norway <b> and Soviet Union, 1949.")




def test_staying_out_explorer_static_twin_matches_live():
    """The chapter 4 explorer over capability and others engaged, with the lesson and target controls."""
    explorer = conditions_explorer(
        Threat(0.85, 1.0, 0.75, 1.0), Situation(0.05, 0.0, True, 0.5, capability=0.0, others_engaged=0.75),
        x_field="capability", y_field="others_engaged",
        vary=("capability", "others_engaged", "victory", "neutrality_lesson", "target"), levels=3, points=5)
    payload = payload_of(explorer.static_html())
    assert [c["name"] for c in payload["controls"]] == [
        "capability",
        "others_engaged",
        "victory",
        "neutrality_lesson",
        "target",
    ]
    assert payload["controls"][3]["values"] == [-1.0, 0.0, 1.0] and payload["controls"][4]["toggle"]
    explorer.set(capability=0.0, others_engaged=1.0, victory=0.5, neutrality_lesson=1.0, target=False)
    position = 0 * 54 + 2 * 18 + 1 * 6 + 2 * 2 + 0
    assert apply(payload, position)["layout"]["title"] == explorer.figure["layout"]["title"]
    assert "Neutral" in explorer.figure["layout"]["title"]["text"]
