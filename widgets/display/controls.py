"""Explorer controls: which scenario fields a reader can move, and on what grid.

The live (ipywidgets) and static (kernel-free) explorers share these definitions, so a
slider offers exactly the same values in Jupyter and in the published book.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..model.conditions import FIELD_LABELS, SCENARIO_FIELDS
from ..model.situation import BOOLEAN_FIELDS
from ..model.threat import THREAT_SOURCES

# threat_level sets all four sources at once (see conditions.with_value)
CONTROL_FIELDS: tuple[str, ...] = ("threat_level",) + SCENARIO_FIELDS
MIN_LEVELS, MAX_LEVELS = 2, 11
# Above this the precomputed table of a static explorer grows past ~0.5 MB.
MAX_COMBINATIONS = 4096
# What each end of a slider means, in the codebook's words (data/README.md, "The scales").
SCALE_ENDS: dict[str, tuple[str, str]] = {
    "aggregate_power": ("no resources to speak of", "the system's leading power"),
    "proximity": ("remote", "shares a border"),
    "offensive_power": ("nothing usable against the decider", "can overrun the decider quickly"),
    "aggressive_intentions": ("benign", "openly expansionist, already attacking"),
    "own_strength": ("negligible against the threat", "overwhelms the threat (0.50 = parity)"),
    "allied_support": ("no help available", "help certain"),
    "victory": ("the threat is near defeat", "the threat has won (0.50 = undecided)"),
    "capability": ("negligible", "the system's leading power"),
    "others_engaged": ("no one fights the threat", "great powers already at war with it and holding"),
    "neutrality_lesson": ("its neutrality failed last time", "neutrality kept it safe last time"),
    "allies_fighting": ("no ally of the decider fights the threat", "a treaty ally is already at war with it"),
    "threat_army_share": ("no armed forces to speak of",
                          "all the great powers' military personnel (a third = a would-be hegemon)"),
    "threat_level": ("no threat", "all four sources at their maximum"),
    # Schweller's scales (data/README.md, the schweller_cases.csv codebook)
    "value_status_quo": ("owes nothing to the existing order", "a satisfied power"),
    "value_revision": ("no claims", "unlimited aims, pursued at any risk"),
    "revisionist_strength": ("the revisionist camp is collapsing", "it dominates the theatre"),
}
# Controls that act only while a yes/no control is ticked: closeness to victory means
# nothing in peace (the model ignores it, see model.alignment).
NEEDS: dict[str, str] = {"victory": "war", "allies_fighting": "war"}  # inputs the model reads only in war


@dataclass(frozen=True)
class Control:
    """One control: a field name, its label and the values it can take (in order)."""

    name: str
    label: str
    values: tuple[Any, ...]
    ends: tuple[str, str] | None = None  # what the lowest and the highest value mean
    needs: str | None = None  # a yes/no control that must be ticked for this one to act

    @property
    def is_toggle(self) -> bool:
        # real booleans only: (0.0, 1.0) == (False, True) in Python, and is a two-level slider
        return len(self.values) == 2 and all(isinstance(v, bool) for v in self.values) and self.values == (False, True)

    def labels(self) -> list[str]:
        return ["yes" if v is True else "no" if v is False else f"{v:.2f}" for v in self.values]

    def ends_text(self) -> str:
        """'0.00 remote ... 1.00 shares a border' (empty for a yes/no box or without ends)."""
        ends = self.ends or SCALE_ENDS.get(self.name)
        if self.is_toggle or ends is None:
            return ""
        low, high = self.labels()[0], self.labels()[-1]
        return f"{low} {ends[0]} … {high} {ends[1]}"

    def index_of(self, value: Any) -> int:
        """Index of the grid value nearest to ``value`` (the explorer snaps to its grid)."""
        if self.is_toggle:
            return int(bool(value))
        return min(range(len(self.values)), key=lambda i: (abs(self.values[i] - value), i))


def grid(levels: int) -> tuple[float, ...]:
    """``levels`` evenly spaced values from 0 to 1, rounded to avoid 0.30000000000000004."""
    if isinstance(levels, bool) or not isinstance(levels, int):
        raise TypeError(f"levels must be an int in [{MIN_LEVELS}, {MAX_LEVELS}], got {type(levels).__name__}")
    if not MIN_LEVELS <= levels <= MAX_LEVELS:
        raise ValueError(f"levels must be in [{MIN_LEVELS}, {MAX_LEVELS}], got {levels}")
    return tuple(round(i / (levels - 1), 6) for i in range(levels))


def make_controls(vary: Sequence[str], levels: int) -> tuple[Control, ...]:
    """Controls for the ``vary`` fields; ``war`` and ``target`` are yes/no toggles,
    ``neutrality_lesson`` runs over ``grid(levels)`` rescaled to [-1, 1], the rest use ``grid(levels)``."""
    if isinstance(vary, str) or not isinstance(vary, Sequence):
        raise TypeError(f"vary must be a sequence of field names, got {type(vary).__name__}")
    if not vary:
        raise ValueError(f"vary must name at least one of: {', '.join(CONTROL_FIELDS)}")
    unknown = [v for v in vary if v not in CONTROL_FIELDS]
    if unknown:
        raise ValueError(
            f"vary has unknown field {', '.join(map(repr, unknown))}; allowed: {', '.join(CONTROL_FIELDS)}"
        )
    if "threat_level" in vary and set(vary) & set(THREAT_SOURCES):
        raise ValueError(
            "vary cannot hold threat_level together with a single threat source: threat_level sets all four"
        )
    if len(set(vary)) != len(vary):
        raise ValueError(f"vary names a field twice: {list(vary)}")
    values = grid(levels)
    lessons = tuple(round(2.0 * v - 1.0, 6) for v in values)
    controls = tuple(
        Control(
            n,
            FIELD_LABELS[n],
            (False, True) if n in BOOLEAN_FIELDS else lessons if n == "neutrality_lesson" else values,
            None,
            NEEDS[n] if n in NEEDS and NEEDS[n] in vary else None,
        )
        for n in vary
    )
    total = combinations_count(controls)
    if total > MAX_COMBINATIONS:
        raise ValueError(
            f"{len(controls)} controls with {levels} levels give {total} combinations; a static explorer "
            f"allows at most {MAX_COMBINATIONS}: vary fewer fields or use fewer levels"
        )
    return controls


def combinations_count(controls: Sequence[Control]) -> int:
    total = 1
    for control in controls:
        total *= len(control.values)
    return total


def combinations(controls: Sequence[Control]) -> Iterator[tuple[int, ...]]:
    """Every combination of level indices, last control fastest (row-major order)."""
    return itertools.product(*(range(len(c.values)) for c in controls))


def strides(controls: Sequence[Control]) -> list[int]:
    """Row-major strides: the position of a combination is sum(index * stride)."""
    out, step = [], 1
    for control in reversed(controls):
        out.append(step)
        step *= len(control.values)
    return out[::-1]
