"""A spec whose decision waited for a clean test: allies at war bind (``versions.py``).

Its rule, fixed before any run: adopt n = 1 (``allies_at_war_bind``) only if the three-way macro recall falls
neither on the book's cases nor on the next held-out file, coded blind after the spec was committed (the
eighth), each time against the model as it stands. The book's cases had prompted it and could only show that
it does no harm there; the eighth file is the test.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from .evaluation import walt_predictions
from .evaluation_heldout import WALT, Runs
from .evaluation_metrics import score
from .versions import ALLIES_AT_WAR_BIND_TRIED

DECIDING_FILE = "eighth"


def _fell(before: float, after: float) -> bool:
    """Whether a macro recall fell, ignoring float noise: the rule compares two sums of the same fractions."""
    return round(after, 12) < round(before, 12)


@dataclass(frozen=True)
class SpecDecision:
    """The spec's two runs: the three-way macro recall before (the model as it stands) and after (n = 1) on the
    book's cases and on the deciding file, and the file's decisions it changed (case -> (as it stands, with
    the spec, observed))."""

    book_before: float
    book_after: float
    file_before: float
    file_after: float
    changed: dict[str, tuple[str, str, str]]

    @property
    def adopted(self) -> bool:
        return not _fell(self.book_before, self.book_after) and not _fell(self.file_before, self.file_after)


def allies_bind_decision(cases: pd.DataFrame, runs: Runs) -> SpecDecision:
    """Run the rule: ``runs`` (``evaluation_heldout.run_all``) must hold the deciding file."""
    if DECIDING_FILE not in runs:
        raise ValueError(f"runs must hold the {DECIDING_FILE} held-out file, which decides the spec")
    observed = list(cases["observed"])
    book = [score(observed, walt_predictions(cases, params=p)).three.macro_recall
            for p in (None, ALLIES_AT_WAR_BIND_TRIED)]
    heldout, predictions = runs[DECIDING_FILE]
    as_it_stands = predictions[WALT]
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
