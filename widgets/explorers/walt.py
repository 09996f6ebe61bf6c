"""Explorers for Walt's balance of threat: the threat explorer, the phase diagram, the checkerboard map."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping, Sequence
from typing import Any

from ..display.controls import Control, grid, make_controls
from ..figures.palette import CHOICE_LABELS
from ..figures.walt import (
    choice_map_spec,
    describe_prediction,
    neighbourhood_spec,
    prediction_result,
    prediction_spec,
)
from ..model import validation
from ..model.alignment import ModelParameters, predict
from ..model.conditions import choice_grid, uniform_threat, with_value
from ..model.neighbours import neighbourhood
from ..model.situation import OPTIONAL_DEFAULTS, SITUATION_FIELDS, Situation
from ..model.threat import THREAT_SOURCES, Threat, ThreatWeights, threat_level
from .base import Explorer, describe_fixed


def threat_explorer(
    threat: Threat | None = None,
    situation: Situation | None = None,
    *,
    vary: Sequence[str] = THREAT_SOURCES,
    levels: int = 5,
    weights: ThreatWeights | None = None,
    params: ModelParameters | None = None,
    title: str = "Balance-of-threat explorer",
    explorer_id: str | None = None,
) -> Explorer:
    """Sliders for the fields in ``vary`` that redraw ``prediction_figure(predict(...))``.

    ``threat`` and ``situation`` give the starting point and the values of every field
    not in ``vary``; varied fields snap to a grid of ``levels`` values from 0 to 1
    (``war`` is a yes/no box). Both views use the same grid.
    """
    threat = threat if threat is not None else Threat(0.5, 0.5, 0.5, 0.5)
    situation = situation if situation is not None else Situation()
    _check_types(threat, situation, weights, params)
    controls = make_controls(vary, levels)
    start = {**threat.to_dict(), **situation.to_dict()}
    if "threat_level" in vary:
        start["threat_level"] = round(threat_level(threat, weights), 6)
    hidden = _hidden_fields(vary, start)
    fixed = [name for name in (*THREAT_SOURCES, *SITUATION_FIELDS) if name not in vary and name not in hidden]

    def compute(values: Mapping[str, Any]) -> dict:
        t, s = scenario(threat, situation, values)
        spec = prediction_spec(predict(t, s, weights, params))
        _add_note(spec, war_note(s, weights, params, t, "war" in vary))
        return spec

    return Explorer(title, controls, start, compute, describe_fixed(start, fixed), explorer_id)


def _add_note(spec: dict, note: str) -> None:
    if note:
        spec["layout"]["meta"]["description"] = f"{spec['layout']['meta']['description']} {note}"


def _hidden_fields(vary: Sequence[str], start: Mapping[str, Any]) -> set[str]:
    """Fields not worth listing as held fixed: the four sources when threat_level moves
    them all, closeness to victory in peacetime (it has no effect there), and the optional
    inputs at their defaults (their terms are zero)."""
    hidden = set(THREAT_SOURCES) if "threat_level" in vary else set()
    if not start["war"] and "war" not in vary:
        hidden.add("victory")
    hidden.update(n for n, default in OPTIONAL_DEFAULTS.items() if n not in vary and start.get(n) == default)
    return hidden


def scenario(threat: Threat, situation: Situation, values: Mapping[str, Any]) -> tuple[Threat, Situation]:
    """Apply control values to a starting threat and situation (threat_level first)."""
    for name in sorted(values, key=lambda n: n != "threat_level"):
        threat, situation = with_value(threat, situation, name, values[name])
    return threat, situation


def conditions_explorer(
    threat: Threat | None = None,
    situation: Situation | None = None,
    *,
    x_field: str = "own_strength",
    y_field: str = "allied_support",
    vary: Sequence[str] = ("threat_level", "own_strength", "allied_support", "war", "victory"),
    levels: int = 5,
    points: int = 11,
    weights: ThreatWeights | None = None,
    params: ModelParameters | None = None,
    title: str = "Conditions explorer",
    explorer_id: str | None = None,
) -> Explorer:
    """Sliders for the conditions, drawn as a phase diagram over ``x_field`` and ``y_field``
    with the current scenario marked and its predicted choice in the title."""
    threat = threat if threat is not None else uniform_threat(0.75)
    situation = situation if situation is not None else Situation(0.25, 0.25)
    _check_types(threat, situation, weights, params)
    controls = make_controls(vary, levels)
    choice_grid(threat, situation, x_field, y_field, points=2)  # validates the axes early
    start = {**threat.to_dict(), **situation.to_dict(), "threat_level": round(threat_level(threat, weights), 6)}
    hidden = _hidden_fields(vary, start)
    fixed = [n for n in (*THREAT_SOURCES, *SITUATION_FIELDS) if n not in vary and n not in hidden]

    @functools.lru_cache(maxsize=256)
    def sweep(t: Threat, s: Situation) -> Any:
        return choice_grid(t, s, x_field, y_field, points, weights, params)

    def compute(values: Mapping[str, Any]) -> dict:
        t, s = scenario(threat, situation, values)
        pred = predict(t, s, weights, params)
        # the sweep does not depend on the values of its own two axes: reset them so it is cached
        grid = sweep(*with_value(*with_value(t, s, x_field, 0.0), y_field, 0.0))
        here = {**t.to_dict(), **s.to_dict(), "threat_level": pred.threat}
        heading = f"Predicted: <b>{CHOICE_LABELS[pred.choice]}</b> ({round(100 * pred.probabilities[pred.choice])}%)"
        spec = choice_map_spec(grid, (here[x_field], here[y_field]), title=heading)
        spec["layout"]["meta"]["description"] = (
            describe_prediction(pred) + " " + spec["layout"]["meta"]["description"])
        spec["layout"]["meta"]["result"] = prediction_result(pred)
        _add_note(spec, war_note(s, weights, params, t, "war" in vary))
        return spec

    return Explorer(title, controls, start, compute, describe_fixed(start, fixed), explorer_id)


def neighbourhood_explorer(
    *, rows: int = 4, cols: int = 6, seed: int = 7, levels: int = 5,
    title: str = "Neighbours of neighbours", explorer_id: str | None = None,
) -> Explorer:
    """A slider for how much aggregate power weighs against proximity (0 = proximity
    alone, 1 = power four times proximity), redrawing the map of camps."""
    ratios = {v: 4.0 * v for v in grid(levels)}
    controls = (Control("power_weight", "Weight of aggregate power (vs proximity)", tuple(ratios),
                        ("proximity alone", "power four times proximity")),)
    neighbourhood(rows, cols, seed=seed)  # validates rows, cols, seed early

    def compute(values: Mapping[str, Any]) -> dict:
        ratio = ratios[values["power_weight"]]
        hood = neighbourhood(rows, cols, proximity_weight=1.0, power_weight=ratio, seed=seed)
        spec = neighbourhood_spec(hood)
        spec["layout"]["meta"]["description"] = (
            f"{weight_sentence(ratio)} {spec['layout']['meta']['description']} {reach_sentence(hood, ratio)}")
        return spec

    return Explorer(title, controls, {"power_weight": 0.0}, compute, "", explorer_id)


def weight_sentence(ratio: float) -> str:
    """The neighbourhood slider's setting in words (the map's weights are 1 for proximity)."""
    if ratio == 0:
        return "Proximity alone decides whom each state fears."
    if ratio == 1:
        return "Power weighs as much as proximity."
    return f"Power weighs {ratio:g} times as much as proximity."


def reach_sentence(hood: Any, ratio: float) -> str:
    """Why the map changes or not: how many states oppose a state that is not their neighbour."""
    far = sum(
        abs(hood.position(i)[0] - hood.position(j)[0]) + abs(hood.position(i)[1] - hood.position(j)[1]) > 1
        for i, j in enumerate(hood.opposes)
    )
    total = len(hood.opposes)
    if far == 0:
        still = "still " if ratio > 0 else ""
        because = ": at this weight nearness outweighs any difference in resources" if ratio > 0 else ""
        return f"Every state {still}opposes one of its grid neighbours{because}."
    return f"{far} of the {total} states now oppose a state that is not their neighbour."


def war_note(situation: Situation, weights: ThreatWeights | None, params: ModelParameters | None,
             threat: Threat, varies_war: bool) -> str:
    """Why the war box or closeness to victory changes nothing, when it does not (computed, not assumed)."""
    if not situation.war:
        return "At peace: closeness to victory has no effect until the war box is ticked." if varies_war else ""
    peace = predict(threat, dataclasses.replace(situation, war=False), weights, params).probabilities
    now = predict(threat, situation, weights, params).probabilities
    if situation.victory == 0.5 and all(abs(now[k] - peace[k]) < 5e-4 for k in now):
        return ("At war, but neither side is winning (closeness to victory 0.50): the war changes nothing here, "
                "the prediction is the same as in peace.")
    return ""


def _check_types(threat: Any, situation: Any, weights: Any, params: Any) -> None:
    for name, value, kind in (("threat", threat, Threat), ("situation", situation, Situation),
                              ("weights", weights, ThreatWeights), ("params", params, ModelParameters)):
        validation.instance(name, value, kind, optional=True)
