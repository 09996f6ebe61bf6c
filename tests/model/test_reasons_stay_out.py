"""The reasons a prediction gives for staying out name the mechanism that keeps the state out: a great power held back
by the hegemony shift is told so, not that the threat is too small (which contradicted a threat called severe)."""

from dataclasses import replace

from hypothesis import given

from widgets import ModelParameters, predict
from widgets.io.cases import get_case

from ..strategies import full_situations, threats

FAR = "The threat is still far from dominating the system"
SMALL = "The threat is too small to make an alliance worth its costs"


def test_a_great_power_kept_out_by_the_hegemony_shift_is_told_so():
    case = get_case("britain-1914")
    step = predict(case.threat, case.situation, params=ModelParameters(land_threshold=1.0))
    assert step.choice == "neutral" and step.reasons[0].startswith("Overall threat is severe")
    assert any(r.startswith(FAR) for r in step.reasons) and not any(r.startswith(SMALL) for r in step.reasons)
    france = get_case("france-1936").predict()  # the model as it stands: German forces 0.15 of the great powers
    assert france.choice == "neutral" and any(r.startswith(FAR) for r in france.reasons)


def test_a_small_state_that_hides_is_not_called_a_great_power():
    saudi = get_case("saudi-arabia-1990").predict()
    assert saudi.choice == "neutral" and saudi.stay_out["hiding"] > saudi.stay_out["hegemony"] > 0.05
    assert not any(r.startswith(FAR) for r in saudi.reasons)


@given(threats, full_situations)
def test_the_hegemony_sentence_follows_the_largest_stay_out_shift(threat, situation):
    prediction = predict(threat, replace(situation, threat_army_share=None))
    shifts = prediction.stay_out
    says = any(r.startswith(FAR) for r in prediction.reasons)
    expected = (prediction.choice == "neutral" and shifts["hegemony"] > 0.05
                and shifts["hegemony"] >= max(shifts["hiding"], shifts["lesson"]))
    assert says == expected
    if says:
        assert not any(r.startswith(SMALL) for r in prediction.reasons)
