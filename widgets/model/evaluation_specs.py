"""Specs whose decision waited for a clean test: allies at war bind, piling on and fighting allies bind
(``versions.py``).

Each rule, fixed before any run: adopt the term only if the three-way macro recall falls neither on the book's
cases nor on the next held-out file, coded blind after the spec was committed, each time against the model the
spec was tried on. The book's cases had prompted each term and could only show that it does no harm there; the
deciding file is the test. Allies at war bind was decided by the eighth file, piling on by the ninth, fighting allies
bind by the tenth (with two checks on how much its result rests on the loosest code and on the logit's new input,
``fighting_allies_checks``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from .alignment import ModelParameters
from .evaluation import walt_predictions
from .evaluation_heldout import Baselines, Runs, logit_choices_without
from .evaluation_metrics import score
from .versions import ALLIES_AT_WAR_BIND_TRIED, FIGHTING_ALLIES_BIND_TRIED, PILING_ON_TRIED

TOLERANCE = 1e-12


@dataclass(frozen=True)
class Spec:
    """A spec with a deferred rule: the parameter set it was tried as (``tried``), the switch it turns on
    (``switch``), the held-out file that decides it (``deciding_file``, with ``file_tag`` its tag among chapter 8's
    facts, ``ho8`` for the eighth) and the prefix of its own facts."""

    tried: ModelParameters
    switch: str
    deciding_file: str
    file_tag: str
    prefix: str

    @property
    def without(self) -> ModelParameters:
        """The rule's "before": the model the spec was tried on, with the spec off, pinned so that a term adopted
        later cannot change the verdict."""
        return replace(self.tried, **{self.switch: 0.0})


ALLIES_AT_WAR_BIND = Spec(ALLIES_AT_WAR_BIND_TRIED, "allies_at_war_bind", "eighth", "ho8", "bind")
PILING_ON = Spec(PILING_ON_TRIED, "piling_on", "ninth", "ho9", "pile")
FIGHTING_ALLIES_BIND = Spec(FIGHTING_ALLIES_BIND_TRIED, "fighting_allies_bind", "tenth", "ho10", "fab")
SPECS: tuple[Spec, ...] = (ALLIES_AT_WAR_BIND, PILING_ON, FIGHTING_ALLIES_BIND)


def fell(before: float, after: float) -> bool:
    """Whether a macro recall fell, beyond float noise: two means of recalls that are equal as exact fractions
    (31/45 + 20/27 and 36/45 + 17/27, say) may differ in their last bits as floats."""
    return after < before - TOLERANCE


@dataclass(frozen=True)
class SpecDecision:
    """A spec's two runs: the three-way macro recall before (``Spec.without``) and after (the spec on) on the
    book's cases and on the deciding file, and the file's decisions it changed, on the four-way split (case ->
    (without the spec, with it, observed)); the rule reads only the three-way recalls."""

    book_before: float
    book_after: float
    file_before: float
    file_after: float
    changed: dict[str, tuple[str, str, str]]

    @property
    def adopted(self) -> bool:
        return not fell(self.book_before, self.book_after) and not fell(self.file_before, self.file_after)


def decide(spec: Spec, cases: pd.DataFrame, runs: Runs) -> SpecDecision:
    """Run ``spec``'s rule: ``runs`` (``evaluation_heldout.run_all``) must hold its deciding file."""
    if spec.deciding_file not in runs:
        raise ValueError(f"runs must hold the {spec.deciding_file} held-out file, which decides the spec")
    observed = list(cases["observed"])
    book = [score(observed, walt_predictions(cases, params=p)).three.macro_recall for p in (spec.without, spec.tried)]
    heldout, _ = runs[spec.deciding_file]
    before = walt_predictions(heldout, params=spec.without)
    after = walt_predictions(heldout, params=spec.tried)
    file_observed = list(heldout["observed"])
    on_file = [score(file_observed, p).three.macro_recall for p in (before, after)]
    changed = {case: (a, b, o) for case, a, b, o in zip(heldout.index, before, after, file_observed, strict=True)
               if a != b}
    return SpecDecision(book[0], book[1], on_file[0], on_file[1], changed)


def spec_facts(spec: Spec, decision: SpecDecision) -> dict[str, Any]:
    """Chapter 8's numbers for one decision, under the spec's prefix and its file's tag (``bind_ho8_``,
    ``pile_ho9_``): ``<prefix>_book_before``/``_after``, ``<prefix>_<tag>_before``/``_after``,
    ``<prefix>_<tag>_changed`` (how many of the deciding file's decisions it changed) and ``<prefix>_adopted``
    (0 or 1)."""
    p, t = spec.prefix, spec.file_tag
    return {f"{p}_book_before": decision.book_before, f"{p}_book_after": decision.book_after,
            f"{p}_{t}_before": decision.file_before, f"{p}_{t}_after": decision.file_after,
            f"{p}_{t}_changed": len(decision.changed), f"{p}_adopted": int(decision.adopted)}


def all_spec_facts(cases: pd.DataFrame, runs: Runs, baselines: Baselines | None = None) -> dict[str, Any]:
    """:func:`spec_facts` of every spec in ``SPECS``, each decided by its rule, and :func:`fighting_allies_checks`
    (chapter 8 glues them all; ``baselines``, fitted on ``cases``, saves fitting them again)."""
    facts = {key: value for spec in SPECS for key, value in spec_facts(spec, decide(spec, cases, runs)).items()}
    return {**facts, **fighting_allies_checks(cases, runs, baselines)}


def treaty_only(cases: pd.DataFrame) -> pd.DataFrame:
    """``cases`` with every partner at war without a treaty (``allies_fighting`` 0.5, or any code below 1) counted as
    no ally at war: the reading of the bond that keeps only treaty allies."""
    out = cases.copy()
    out.loc[out["allies_fighting"] < 1.0, "allies_fighting"] = 0.0
    return out


def fighting_allies_checks(cases: pd.DataFrame, runs: Runs, baselines: Baselines | None = None) -> dict[str, Any]:
    """Two checks on fighting allies bind's adoption: the three-way macro recall of the model as it stands with only
    treaty allies counted (``fab_book_treaty_only``, ``fab_ho10_treaty_only``), and the logit's on the tenth file
    without the input it gained at the adoption (``ho10_logit_without_b_macro3``)."""
    heldout, _ = runs[FIGHTING_ALLIES_BIND.deciding_file]
    facts: dict[str, Any] = {}
    for key, frame in (("fab_book_treaty_only", cases), ("fab_ho10_treaty_only", heldout)):
        predicted = walt_predictions(treaty_only(frame), params=FIGHTING_ALLIES_BIND.tried)
        facts[key] = score(list(frame["observed"]), predicted).three.macro_recall
    baselines = Baselines(cases) if baselines is None else baselines
    logit = logit_choices_without(baselines, heldout, "allies_fighting")
    facts["ho10_logit_without_b_macro3"] = score(list(heldout["observed"]), logit).three.macro_recall
    return facts
