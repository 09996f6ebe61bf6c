"""A spec whose decision waited for a clean test: allies at war bind (``versions.py``).

Its rule, fixed before any run: adopt n = 1 (``allies_at_war_bind``) only if the three-way macro recall falls
neither on the book's cases nor on the next held-out file, coded blind after the spec was committed (the
eighth), each time against the model as it stands. The book's cases had prompted it and could only show that
it does no harm there; the eighth file is the test.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from .evaluation import walt_predictions
from .evaluation_heldout import Runs
from .evaluation_metrics import score
from .versions import ALLIES_AT_WAR_BIND_TRIED

DECIDING_FILE = "eighth"
# The model the spec was tried on (as it stood when it was committed), with the spec off: the rule's "before",
# pinned so that a term adopted later cannot change this verdict.
WITHOUT_THE_SPEC = replace(ALLIES_AT_WAR_BIND_TRIED, allies_at_war_bind=0.0)
TOLERANCE = 1e-12


def fell(before: float, after: float) -> bool:
    """Whether a macro recall fell, beyond float noise: two means of recalls that are equal as exact fractions
    (31/45 + 20/27 and 36/45 + 17/27, say) may differ in their last bits as floats."""
    return after < before - TOLERANCE


@dataclass(frozen=True)
class SpecDecision:
    """The spec's two runs: the three-way macro recall before (the model the spec was tried on, ``WITHOUT_THE_SPEC``)
    and after (n = 1) on the book's cases and on the deciding file, and the file's decisions it changed (case ->
    (without the spec, with it, observed))."""

    book_before: float
    book_after: float
    file_before: float
    file_after: float
    changed: dict[str, tuple[str, str, str]]

    @property
    def adopted(self) -> bool:
        return not fell(self.book_before, self.book_after) and not fell(self.file_before, self.file_after)


def allies_bind_decision(cases: pd.DataFrame, runs: Runs) -> SpecDecision:
    """Run the rule: ``runs`` (``evaluation_heldout.run_all``) must hold the deciding file."""
    if DECIDING_FILE not in runs:
        raise ValueError(f"runs must hold the {DECIDING_FILE} held-out file, which decides the spec")
    observed = list(cases["observed"])
    book = [score(observed, walt_predictions(cases, params=p)).three.macro_recall
            for p in (WITHOUT_THE_SPEC, ALLIES_AT_WAR_BIND_TRIED)]
    heldout, _ = runs[DECIDING_FILE]
    as_it_stands = walt_predictions(heldout, params=WITHOUT_THE_SPEC)
    with_spec = walt_predictions(heldout, params=ALLIES_AT_WAR_BIND_TRIED)
    file_observed = list(heldout["observed"])
    on_file = [score(file_observed, p).three.macro_recall for p in (as_it_stands, with_spec)]
    changed = {case: (a, b, o) for case, a, b, o in zip(heldout.index, as_it_stands, with_spec, file_observed,
                                                         strict=True) if a != b}
    return SpecDecision(book[0], book[1], on_file[0], on_file[1], changed)


def allies_bind_facts(decision: SpecDecision) -> dict[str, Any]:
    """Chapter 8's numbers for the decision: ``bind_book_before``/``_after``, ``bind_ho8_before``/``_after``,
    ``bind_ho8_changed`` (how many of the file's decisions it changed) and ``bind_adopted`` (0 or 1)."""
    return {"bind_book_before": decision.book_before, "bind_book_after": decision.book_after,
            "bind_ho8_before": decision.file_before, "bind_ho8_after": decision.file_after,
            "bind_ho8_changed": len(decision.changed), "bind_adopted": int(decision.adopted)}
