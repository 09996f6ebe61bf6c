"""The figures' narrow (phone) layouts, the muted bar colours and ties.

The page applies ``layout.meta["narrow"]`` with static/fit.js; ``apply_narrow`` below does the
same in Python, so each narrow figure can be checked here: valid Plotly, every path naming a
part of the figure that exists (a typo would add a stray, half-made annotation or axis), panels
stacked within the paper.
"""

from __future__ import annotations

import copy
import re
from dataclasses import replace
from typing import Any

import plotly.graph_objects as go
import pytest

from widgets import Situation, Threat, predict
from widgets.figures import palette
from widgets.figures.beyond import aid_spec, combined_spec, ideology_spec, penetration_spec
from widgets.figures.interests import comparison_spec, sweep_spec, typology_spec
from widgets.figures.walt import choice_map_spec, neighbourhood_spec, prediction_spec
from widgets.model.aid import Aid
from widgets.model.conditions import choice_grid, uniform_threat
from widgets.model.explanations import combined_view
from widgets.model.ideology import Ideology
from widgets.model.interests import Scenario, compare, place, sweep
from widgets.model.neighbours import neighbourhood
from widgets.model.penetration import Penetration

PART = re.compile(r"^([^[\]]+)((?:\[\d+\])*)$")


def _parts(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for piece in path.split("."):
        match = PART.match(piece)
        assert match, f"bad path {path!r}"
        parts.append(match.group(1))
        parts += [int(i) for i in re.findall(r"\d+", match.group(2))]
    return parts


def _set(target: dict, path: str, value: Any) -> None:
    """What fit.js's setPath does, but refusing to create what the figure does not have
    (only a leaf, or a dict under an existing parent like ``legend``, may be new)."""
    parts = _parts(path)
    node: Any = target
    for depth, part in enumerate(parts[:-1]):
        if isinstance(part, int):
            assert isinstance(node, list) and part < len(node), f"{path}: no item {part}"
        else:
            if part not in node and depth >= 1:
                node[part] = {}  # a sub-object of an existing part (xaxis.tickfont)
            assert part in node, f"{path}: the figure has no {part!r}"
        node = node[part]
    node[parts[-1]] = copy.deepcopy(value)


def apply_narrow(spec: dict) -> dict:
    fig = copy.deepcopy(spec)
    narrow = fig["layout"]["meta"].get("narrow") or {"layout": {}, "traces": {}}
    for path, value in narrow["layout"].items():
        _set(fig["layout"], path, value)
    for index, changes in narrow["traces"].items():
        assert int(index) < len(fig["data"]), f"no trace {index}"
        for path, value in changes.items():
            _set(fig["data"][int(index)], path, value)
    return fig


def _specs() -> dict[str, dict]:
    threat, situation = Threat(0.6, 0.8, 0.4, 0.7), Situation(0.3, 0.6)
    view = combined_view(uniform_threat(0.5), Situation(), Ideology(), Aid(), Penetration())
    s = Scenario(0.3, 0.8, 0.75, 0.75)
    return {
        "prediction": prediction_spec(predict(threat, situation)),
        "choice map": choice_map_spec(choice_grid(threat, situation, points=5), marker=(0.3, 0.6)),
        "neighbourhood": neighbourhood_spec(neighbourhood(3, 4, seed=1)),
        "typology": typology_spec(place(s)),
        "comparison": comparison_spec(compare(Scenario(0.5, 0.75, 0.5, 0.75, 0.0))),
        "sweep": sweep_spec(sweep(s, "victory", 5), marker=0.5),
        "ideology": ideology_spec(view.ideology),
        "aid": aid_spec(view.aid),
        "penetration": penetration_spec(view.penetration),
        "combined": combined_spec(view),
    }


SPECS = _specs()


@pytest.mark.parametrize("name", list(SPECS))
def test_narrow_layout_is_valid_and_names_parts_that_exist(name: str) -> None:
    spec = SPECS[name]
    narrow = apply_narrow(spec)
    go.Figure(narrow)  # valid Plotly
    layout = narrow["layout"]
    for key, axis in layout.items():
        if re.fullmatch(r"[xy]axis\d*", key) and "domain" in axis:
            low, high = axis["domain"]
            assert 0.0 <= low < high <= 1.0, f"{name}: {key} domain {axis['domain']}"
    changed = spec["layout"]["meta"].get("narrow", {}).get("layout", {})
    if any(k.endswith(".domain") and k.startswith("y") for k in changed):
        # stacked panels: the y domains of the panels do not overlap
        spans = sorted(tuple(layout[k]["domain"]) for k in layout if re.fullmatch(r"yaxis\d*", k))
        for (_, top), (bottom, _) in zip(spans, spans[1:], strict=False):
            assert top <= bottom, f"{name}: stacked panels overlap: {spans}"
    assert layout.get("height", 0) >= spec["layout"].get("height", 0), f"{name}: a phone gets a shorter figure"


@pytest.mark.parametrize("name", ["choice map", "neighbourhood", "typology"])
def test_square_axes_are_constrained_to_their_domain(name: str) -> None:
    """A y axis tied to x (scaleanchor) keeps its range only if the domain gives way (issue 14:
    without it a narrow plot stretched the map's axes to -1..2)."""
    layout = SPECS[name]["layout"]
    tied = [k for k in layout if re.fullmatch(r"yaxis\d*", k) and "scaleanchor" in layout[k]]
    assert tied
    for key in tied:
        assert layout[key].get("constrain") == "domain"
        assert layout[layout[key]["scaleanchor"].replace("x", "xaxis", 1)].get("constrain") == "domain"


@pytest.mark.parametrize("choice", list(palette.CHOICE_COLOURS))
def test_muted_bars_are_solid_tints_with_3_to_1_in_both_themes(choice: str) -> None:
    light = palette.MUTED_CHOICE_COLOURS[choice]
    dark = palette.DARK_INK[light]
    assert re.fullmatch(r"#[0-9A-F]{6}", light) and light != palette.CHOICE_COLOURS[choice]
    assert palette.contrast(light, "#FFFFFF") >= 3.0
    for page in ("#121212", "#14181E"):  # sphinx-book-theme's and pydata's dark page
        assert palette.contrast(dark, page) >= 3.0, (choice, dark, page)


def test_predicted_bar_in_full_colour_and_outlined_others_muted() -> None:
    prediction = predict(Threat(0.9, 0.9, 0.9, 0.9), Situation(0.2, 0.9))
    marker = prediction_spec(prediction)["data"][0]["marker"]
    assert "opacity" not in marker
    for i, choice in enumerate(palette.CHOICE_COLOURS):
        chosen = choice == prediction.choice
        assert marker["color"][i] == (palette.CHOICE_COLOURS if chosen else palette.MUTED_CHOICE_COLOURS)[choice]
        assert marker["line"]["width"][i] == (2 if chosen else 0)


def test_a_tie_outlines_both_bars_and_says_so() -> None:
    base = predict(Threat(0.5, 0.5, 0.5, 0.5), Situation())
    tied = replace(base, choice="balance",
                   probabilities={"balance": 0.45, "bandwagon": 0.445, "buck-pass": 0.05, "neutral": 0.055})
    spec = prediction_spec(tied)
    marker = spec["data"][0]["marker"]
    assert marker["line"]["width"] == [2, 2, 0, 0]
    assert marker["color"][:2] == [palette.CHOICE_COLOURS["balance"], palette.CHOICE_COLOURS["bandwagon"]]
    assert "too close to call against bandwagon" in spec["layout"]["title"]["text"]
    assert spec["layout"]["meta"]["description"].startswith(
        "Predicted choice: balance, tied with bandwagon (too close to call).")
    clear = replace(base, choice="balance",
                    probabilities={"balance": 0.6, "bandwagon": 0.3, "buck-pass": 0.05, "neutral": 0.05})
    assert prediction_spec(clear)["data"][0]["marker"]["line"]["width"] == [2, 0, 0, 0]
    assert "tied" not in prediction_spec(clear)["layout"]["meta"]["description"]
