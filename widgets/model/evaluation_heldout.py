"""A held-out test: decisions coded after the model was fixed, scored once.

Every number in chapter 8's earlier sections is computed on the cases the model's authors had
seen while writing it; two of its terms (capitulation and feasibility, ``alignment.py``) were
added after looking at its misses there. Those numbers cannot test it. ``data/cases_heldout.csv``
holds decisions that no model had been run on: the third parties of four wars (the Crimean War,
1853-56; the Austro-Prussian War, 1866; the Russo-Turkish War, 1877-78; the Gulf crisis, 1990-91),
every listed state of each war coded by the codebook (``data/README.md``) by coders who did not see
the model or its scores. The file was committed before any model was run on it (the commit order
is the record); the frame (which wars, which states) was fixed by the book's author, who knows the
model, but no decision in it was chosen or dropped for how it would score.

What is compared (all fixed before the held-out decisions were seen, none refitted on them):

- Walt's threat model as it stands (the book's defaults), and without the feasibility term
  (``evaluation.WITHOUT_FEASIBILITY``), the term most recently added;
- the most common choice in the book's cases (balancing);
- the best simple rule, tuned on the book's cases for held-out three-way macro recall
  (:func:`widgets.model.evaluation_rules.best_rule`), and the "war and victory" rule tuned there
  for accuracy, each applied at its tuned setting;
- the estimated three-way logit (:mod:`widgets.model.evaluation_logit`), fitted on the book's
  cases and predicting the held-out ones.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..io.cases import load_cases
from ..io.csvtable import data_file
from .evaluation import WITHOUT_FEASIBILITY, _check_cases, walt_predictions
from .evaluation_logit import covariates, fit_logit
from .evaluation_metrics import THREE_WAY, Scorecard, score
from .evaluation_rules import RULES_BY_NAME, best_rule, fit_rule, fit_rules

HELDOUT_FILE = "cases_heldout.csv"
WALT = "Walt's threat model"
WALT_WITHOUT_F = "Walt's model without the feasibility term"
MODAL = "most common choice in the book's cases"
BEST_RULE = "best simple rule (tuned on the book's cases for macro recall)"
WAR_RULE = "war and victory (tuned on the book's cases for accuracy)"
LOGIT = "estimated logit (fitted on the book's cases)"
PREDICTORS: tuple[str, ...] = (WALT, WALT_WITHOUT_F, MODAL, BEST_RULE, WAR_RULE, LOGIT)


def load_heldout() -> pd.DataFrame:
    """The held-out decisions, validated like ``cases.csv``."""
    return load_cases(data_file(HELDOUT_FILE))


def heldout_predictions(cases: pd.DataFrame, heldout: pd.DataFrame) -> dict[str, list[str]]:
    """Each predictor's choice for every held-out decision, everything fixed on ``cases`` first.
    The logit predicts the three-way split; its labels are mapped back to a representative choice
    (align against -> balance, align with -> bandwagon, stay out -> neutral), which the three-way
    score reads back unchanged."""
    cases, heldout = _check_cases(cases), _check_cases(heldout)
    overlap = sorted(set(cases.index) & set(heldout.index))
    if overlap:
        raise ValueError(f"held-out decisions must not be among the book's cases; both hold {', '.join(overlap)}")
    modal = cases["observed"].mode().iloc[0]
    best = best_rule(fit_rules(cases, "macro recall (3)"))
    war = fit_rule("war and victory", cases)
    names = tuple(n for n in covariates(cases) if n in heldout.columns and heldout[n].notna().all())
    logit = fit_logit(cases, "three", names=names)
    back = dict(zip(THREE_WAY, ("balance", "bandwagon", "neutral"), strict=True))
    return {
        WALT: walt_predictions(heldout),
        WALT_WITHOUT_F: walt_predictions(heldout, params=WITHOUT_FEASIBILITY),
        MODAL: [modal] * len(heldout),
        BEST_RULE: RULES_BY_NAME[best.rule].predict(heldout, *best.setting),
        WAR_RULE: RULES_BY_NAME["war and victory"].predict(heldout, *war.setting),
        LOGIT: [back[p] for p in logit.predict(heldout)],
    }


def heldout_scores(cases: pd.DataFrame | None = None, heldout: pd.DataFrame | None = None) -> dict[str, Scorecard]:
    """Every predictor scored on the held-out decisions (both splits; the logit's four-way score
    is not meaningful, read its three-way one)."""
    cases = load_cases() if cases is None else cases
    heldout = load_heldout() if heldout is None else heldout
    observed = list(heldout["observed"])
    return {name: score(observed, predicted) for name, predicted in heldout_predictions(cases, heldout).items()}


def heldout_table(scores: dict[str, Scorecard]) -> pd.DataFrame:
    """One row per predictor: three-way hits per outcome, correct, and macro recall."""
    records = []
    for name, card in scores.items():
        three = card.three
        record: dict[str, Any] = {"predictor": name}
        record.update({o: f"{three.hits[o][0]}/{three.hits[o][1]}" for o in THREE_WAY})
        record["correct (3)"] = f"{three.correct}/{three.n}"
        record["macro recall (3)"] = round(three.macro_recall, 3)
        records.append(record)
    return pd.DataFrame(records).set_index("predictor")


def heldout_facts(scores: dict[str, Scorecard], heldout: pd.DataFrame) -> dict[str, Any]:
    """Chapter 8's numbers: ``ho_n``, the observed counts ``ho_obs3_*``, and for each predictor
    (prefixes ``ho_walt``, ``ho_nof``, ``ho_modal``, ``ho_rule``, ``ho_war``, ``ho_logit``) its
    ``_macro3``, ``_correct3`` and ``_hit3_against``/``_with``/``_out``."""
    prefixes = dict(zip(PREDICTORS, ("ho_walt", "ho_nof", "ho_modal", "ho_rule", "ho_war", "ho_logit"), strict=True))
    facts: dict[str, Any] = {"ho_n": len(heldout)}
    first = next(iter(scores.values())).three
    for outcome in THREE_WAY:
        facts[f"ho_obs3_{outcome.split()[-1]}"] = first.hits[outcome][1]
    for name, card in scores.items():
        prefix = prefixes[name]
        facts[f"{prefix}_macro3"] = card.three.macro_recall
        facts[f"{prefix}_correct3"] = card.three.correct
        for outcome in THREE_WAY:
            facts[f"{prefix}_hit3_{outcome.split()[-1]}"] = card.three.hits[outcome][0]
    return facts
