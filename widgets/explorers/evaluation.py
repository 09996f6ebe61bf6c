"""The sensitivity explorer of "Testing the theory against history".

Four sliders, one per threat weight, each on ``widgets.model.evaluation.WEIGHT_LEVELS``
(5**4 = 625 combinations). Every figure is read off one memoised sweep of the model over
all the cases (:func:`widgets.model.evaluation.book_sweep`), so the live explorer and its static
twin show the same numbers. Nothing here computes anything about the theory.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..display.controls import Control
from ..figures.evaluation import sensitivity_spec
from ..model.evaluation import WEIGHT_LEVELS, WeightSweep, book_sweep
from ..model.threat import SOURCE_LABELS, THREAT_SOURCES, ThreatWeights
from .base import Explorer


def sensitivity_explorer(
    sweep: WeightSweep | None = None,
    *,
    title: str = "How the fit changes with the weights of the four threat sources",
    explorer_id: str | None = None,
) -> Explorer:
    """Sliders for the four ThreatWeights; the figure shows accuracy and per-choice recall
    on the cases beside the equal-weights model. ``sweep`` defaults to the book's cases."""
    if sweep is None:
        sweep = book_sweep()
    elif not isinstance(sweep, WeightSweep):
        raise TypeError(f"sweep must be a WeightSweep or None, got {type(sweep).__name__}")
    levels = tuple(sorted({getattr(w, s) for w in sweep.weights for s in THREAT_SOURCES}))
    if 1.0 not in levels:
        raise ValueError("the sweep's grid must include weight 1.0 (the default)")
    # ThreatWeights are relative: 0 leaves a source out of the threat level, 1 is the equal default
    low = "left out of the threat level" if levels[0] == 0 else "weighs least"
    ends = (low, "the heaviest weight on offer (1.00 = the equal default)")
    controls = tuple(Control(s, f"Weight: {SOURCE_LABELS[s].lower()}", levels, ends) for s in THREAT_SOURCES)
    default = sweep.metrics(ThreatWeights())

    def compute(values: Mapping[str, Any]) -> dict:
        weights = {s: float(values[s]) for s in THREAT_SOURCES}
        current = None if sum(weights.values()) <= 0 else sweep.metrics(ThreatWeights(**weights))
        return sensitivity_spec(current, default, weights)

    start = {s: 1.0 for s in THREAT_SOURCES}
    fixed = (f"Each weight takes the values {', '.join(f'{v:g}' for v in levels)}; only their ratios matter. "
             "All other coefficients stay at the book's defaults.")
    return Explorer(title, controls, start, compute, fixed, explorer_id)


__all__ = ["sensitivity_explorer", "WEIGHT_LEVELS"]
