"""Phase diagrams: the predicted choice over a grid of two conditions.

Walt (1987, pp. 29-33) names the conditions that tip a state toward balancing or
bandwagoning: its strength, the availability of allies, war and closeness to victory. A
phase diagram holds everything else fixed and shows where, on a grid of two of them, each
choice wins. Everything is computed with ``predict``; this module only sweeps it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .alignment import CHOICES, ModelParameters, predict
from .situation import BOOLEAN_FIELDS, SITUATION_FIELDS, SITUATION_LABELS, Situation
from .threat import SOURCE_LABELS, THREAT_SOURCES, Threat, ThreatWeights

# The fields of Walt's scenario (a Threat and a Situation) and their labels.
FIELD_LABELS: dict[str, str] = {
    **SOURCE_LABELS,
    **SITUATION_LABELS,
    "threat_level": "Overall threat (all four sources)",
}
SCENARIO_FIELDS: tuple[str, ...] = THREAT_SOURCES + SITUATION_FIELDS
GRID_FIELDS = tuple(f for f in SCENARIO_FIELDS if f not in BOOLEAN_FIELDS and f != "neutrality_lesson") + (
    "threat_level",
)


@dataclass(frozen=True)
class ChoiceGrid:
    """Predicted choice (index into ``CHOICES``) and its probability at each grid point.

    ``choice[j][i]`` and ``probability[j][i]`` belong to ``x_values[i]``, ``y_values[j]``.
    """

    x_field: str
    y_field: str
    x_values: tuple[float, ...]
    y_values: tuple[float, ...]
    choice: tuple[tuple[int, ...], ...]
    probability: tuple[tuple[float, ...], ...]

    def share(self, choice: str) -> float:
        """Share of grid points where ``choice`` is predicted."""
        k = CHOICES.index(choice)
        cells = [c for row in self.choice for c in row]
        return sum(c == k for c in cells) / len(cells)


def uniform_threat(level: float) -> Threat:
    """A threat whose four sources all equal ``level`` (so its overall level is ``level``)."""
    return Threat(level, level, level, level)


def with_value(threat: Threat, situation: Situation, field: str, value: float) -> tuple[Threat, Situation]:
    """Set one scenario field (or ``threat_level``, which sets all four sources)."""
    if field == "threat_level":
        return uniform_threat(value), situation
    if field in THREAT_SOURCES:
        return replace(threat, **{field: value}), situation
    if field in SITUATION_FIELDS:
        return threat, replace(situation, **{field: value})
    raise ValueError(f"unknown field {field!r}; allowed: {', '.join(GRID_FIELDS)}")


def choice_grid(
    threat: Threat,
    situation: Situation,
    x_field: str = "own_strength",
    y_field: str = "allied_support",
    points: int = 21,
    weights: ThreatWeights | None = None,
    params: ModelParameters | None = None,
) -> ChoiceGrid:
    """Sweep ``predict`` over ``points`` x ``points`` values of two fields in [0, 1]."""
    for name, field in (("x_field", x_field), ("y_field", y_field)):
        if field not in GRID_FIELDS:
            raise ValueError(f"{name} must be one of {', '.join(GRID_FIELDS)}, got {field!r}")
    if x_field == y_field:
        raise ValueError(f"x_field and y_field must differ, both are {x_field!r}")
    if isinstance(points, bool) or not isinstance(points, int) or not 2 <= points <= 101:
        raise ValueError(f"points must be an int in [2, 101], got {points!r}")
    values = tuple(round(i / (points - 1), 6) for i in range(points))
    choice, probability = [], []
    for y in values:
        row_c, row_p = [], []
        for x in values:
            t, s = with_value(*with_value(threat, situation, x_field, x), y_field, y)
            pred = predict(t, s, weights, params)
            row_c.append(CHOICES.index(pred.choice))
            row_p.append(pred.probabilities[pred.choice])
        choice.append(tuple(row_c))
        probability.append(tuple(row_p))
    return ChoiceGrid(x_field, y_field, values, values, tuple(choice), tuple(probability))
