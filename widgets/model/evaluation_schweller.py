"""Schweller's model on the whole case file, scored on the same terms as Walt's.

Chapter 5 runs Schweller's balance-of-interests model on the decisions chosen to illustrate it.
Here it runs on every decision of ``data/cases.csv``, each coded on its scales
(``schweller_cases.csv`` and ``schweller_other_cases.csv``, joined by
:func:`widgets.io.schweller_cases.load_all_schweller_cases`), and is scored against the same
observed choices as Walt's model.

Translation into Walt's terms. Schweller's prediction names a camp (the status-quo camp for
balancing, the camp joined for bandwagoning) or none (buck-passing, neutrality). A camp that is
not the camp of the threat source coded for Walt's model (``walt_threat_camp``) is aligning
against that threat, i.e. ``balance``; the threat's own camp is aligning with it, ``bandwagon``;
staying out keeps Schweller's choice (``buck-pass`` or ``neutral``). Under the alternative coding
of the disputed rows (:mod:`widgets.model.evaluation_codings`) the threat camp is
``walt_threat_camp_alternative`` where the row gives one. Nothing is fitted: the model's
coefficients are those of chapter 5 (``DEFAULT_INTEREST_PARAMETERS``), so its leave-one-out
score equals its in-sample score.

An estimated combination (:func:`combine`). The two theories fail in different places, so the
record can be asked how to weigh them: a three-way multinomial logit of the observed choice on
each model's probabilities of aligning with the threat and of staying out (``COMBINED_INPUTS``),
fitted like chapter 8's estimated model (:mod:`widgets.model.evaluation_logit`: penalised, normal
prior on the slopes) and scored leave-one-out, the combination refitted without each case. This is
stacking (Wolpert 1992): the combination's weights are estimated, so only its held-out score
says anything about decisions it was not fitted to. The specification (these four inputs, the
book's prior) was fixed before it was first run.

How sure is a gap between the two? :func:`gap_interval` resamples the decisions with replacement
(a paired bootstrap: both models are scored on the same resample; Efron and Tibshirani 1993) and
reports the middle 95% of the differences in three-way macro recall, Schweller's minus Walt's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .._paths import data_file
from ..io.cases import Case
from ..io.schweller_cases import (
    OTHER_CASES_FILE,
    SECOND_CODER_FILE,
    case_scenario,
    load_all_schweller_cases,
    load_schweller_cases,
)
from .coder_agreement import COLUMN_LABELS, JUDGED_COLUMNS, agreement
from .evaluation import walt_predictions
from .evaluation_logit import PRIOR_SD, LogitFit, fit_logit, leave_one_out_logit
from .evaluation_metrics import THREE_WAY, Metrics, Scorecard, evaluate, score, three_way
from .interests.choice import schweller_predict
from .interests.comparison import schweller_camp
from .interests.scenario import InterestParameters

SCHWELLER_MODEL = "Schweller's balance of interests"
WALT_MODEL = "Walt's threat model"
ALL_DECISIONS = "all decisions"
NOT_ILLUSTRATIONS = "not among chapter 5's illustrations"
ALTERNATIVE_CODING = "all decisions, alternative coding"


def other_case_ids() -> list[str]:
    """The decisions not chosen to illustrate Schweller (``schweller_other_cases.csv``), in file order."""
    return [r["case_id"] for r in load_schweller_cases(data_file(OTHER_CASES_FILE))]


def in_walts_terms(choice: str, camp: str | None, threat_camp: str) -> str:
    """Schweller's prediction (its ``choice`` and the ``camp`` it puts the decider in, None when
    it stays out) as one of Walt's four choices, relative to the camp of Walt's threat source."""
    if camp is None:
        return choice
    return "bandwagon" if camp == threat_camp else "balance"


def threat_camps(rows: Sequence[Mapping[str, Any]], alternative: bool = False) -> dict[str, str]:
    """case_id -> the camp of Walt's threat source, under the first or the alternative coding."""
    return {r["case_id"]: (r.get("walt_threat_camp_alternative") if alternative else None) or r["walt_threat_camp"]
            for r in rows}


def schweller_predictions(cases: pd.DataFrame, rows: Sequence[Mapping[str, Any]] | None = None,
                          alternative: bool = False, params: InterestParameters | None = None) -> list[str]:
    """Schweller's prediction for each case of ``cases`` (in its order), in Walt's four choices.

    Raises ValueError naming the cases that have no Schweller coding."""
    rows = load_all_schweller_cases() if rows is None else list(rows)
    by_id = {r["case_id"]: r for r in rows}
    missing = [cid for cid in cases.index if cid not in by_id]
    if missing:
        raise ValueError(f"no Schweller coding for {len(missing)} case(s): {', '.join(missing[:5])}")
    camps = threat_camps(rows, alternative)
    out = []
    for cid in cases.index:
        prediction = schweller_predict(case_scenario(by_id[cid]), params)
        out.append(in_walts_terms(prediction.choice, schweller_camp(prediction), camps[cid]))
    return out


def schweller_score(cases: pd.DataFrame, alternative: bool = False,
                    rows: Sequence[Mapping[str, Any]] | None = None) -> Scorecard:
    """Schweller's model scored against ``cases``' observed choices (both splits)."""
    return score(list(cases["observed"]), schweller_predictions(cases, rows, alternative))


def whole_file_scores(cases: pd.DataFrame, alternative_cases: pd.DataFrame | None = None,
                      rows: Sequence[Mapping[str, Any]] | None = None) -> dict[tuple[str, str], Scorecard]:
    """Both models scored on: every decision (first coding), the decisions not chosen to
    illustrate Schweller, and, when given, every decision under the alternative coding.
    Keys are (model, case set)."""
    rows = load_all_schweller_cases() if rows is None else list(rows)
    others = [cid for cid in other_case_ids() if cid in cases.index]
    sets = [(ALL_DECISIONS, cases, False), (NOT_ILLUSTRATIONS, cases.loc[others], False)]
    if alternative_cases is not None:
        sets.append((ALTERNATIVE_CODING, alternative_cases, True))
    out: dict[tuple[str, str], Scorecard] = {}
    for label, table, alternative in sets:
        observed = list(table["observed"])
        out[(WALT_MODEL, label)] = score(observed, walt_predictions(table))
        out[(SCHWELLER_MODEL, label)] = score(observed, schweller_predictions(table, rows, alternative))
    return out


def whole_file_table(scores: Mapping[tuple[str, str], Scorecard]) -> pd.DataFrame:
    """One line per (case set, model): hits on each three-way outcome and the macro recall."""
    records = []
    for (model, label), card in scores.items():
        three = card.three
        record = {"cases": f"{label} ({three.n})", "model": model}
        record.update({outcome: f"{three.hits[outcome][0]}/{three.hits[outcome][1]}" for outcome in THREE_WAY})
        record["macro recall (3)"] = round(three.macro_recall, 3)
        records.append(record)
    return pd.DataFrame(records).set_index(["cases", "model"])


FACT_PREFIXES: dict[tuple[str, str], str] = {
    (WALT_MODEL, ALL_DECISIONS): "walt_all", (SCHWELLER_MODEL, ALL_DECISIONS): "sch",
    (WALT_MODEL, NOT_ILLUSTRATIONS): "walt71", (SCHWELLER_MODEL, NOT_ILLUSTRATIONS): "sch71",
    (WALT_MODEL, ALTERNATIVE_CODING): "walt_alt", (SCHWELLER_MODEL, ALTERNATIVE_CODING): "sch_alt",
}


def overlap_facts(cases: pd.DataFrame, rows: Sequence[Mapping[str, Any]] | None = None) -> dict[str, int]:
    """On the three-way split: the decisions both models get right (``both_right3``), only
    Schweller's (``sch_only3``), only Walt's (``walt_only3``) and neither (``neither_right3``)."""
    observed = three_way(list(cases["observed"]))
    walt = [o == p for o, p in zip(observed, three_way(walt_predictions(cases)), strict=True)]
    schweller = [o == p for o, p in zip(observed, three_way(schweller_predictions(cases, rows)), strict=True)]
    pairs = list(zip(walt, schweller, strict=True))
    return {"both_right3": pairs.count((True, True)), "sch_only3": pairs.count((False, True)),
            "walt_only3": pairs.count((True, False)), "neither_right3": pairs.count((False, False))}


def combination_facts(combination: Combination) -> dict[str, Any]:
    """Chapter 8's numbers for :func:`combine`: ``comb_loo_macro3``, ``comb_in_macro3``,
    ``comb_problem_folds`` and the held-out hits ``comb_hit3_against``/``_with``/``_out``."""
    held = combination.held_out
    return {"comb_loo_macro3": held.macro_recall, "comb_in_macro3": combination.in_sample.macro_recall,
            "comb_problem_folds": combination.problem_folds,
            **{f"comb_hit3_{name}": held.hits[outcome][0]
               for outcome, name in (("align against", "against"), ("align with", "with"), ("stay out", "out"))}}


def whole_file_facts(scores: Mapping[tuple[str, str], Scorecard],
                     rows: Sequence[Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """The numbers chapter 8 quotes from :func:`whole_file_scores`, three-way: for each model and
    case set (prefixes in ``FACT_PREFIXES``) ``n``, ``correct3``, ``macro3`` and, per outcome
    (``against``, ``with``, ``out``), ``hit3_``, ``obs3_`` and ``recall3_``; plus
    ``sch_threat_in_sq``, the decisions whose threat source (for Walt) is in the status-quo camp,
    a threat Schweller's scales cannot show."""
    rows = load_all_schweller_cases() if rows is None else list(rows)
    facts: dict[str, Any] = {"sch_threat_in_sq": sum(r["walt_threat_camp"] == "status quo" for r in rows)}
    for key, card in scores.items():
        prefix, three = FACT_PREFIXES[key], card.three
        facts.update({f"{prefix}_n": three.n, f"{prefix}_correct3": three.correct,
                      f"{prefix}_macro3": three.macro_recall})
        for outcome, name in (("align against", "against"), ("align with", "with"), ("stay out", "out")):
            hit, total = three.hits[outcome]
            facts[f"{prefix}_hit3_{name}"], facts[f"{prefix}_obs3_{name}"] = hit, total
            facts[f"{prefix}_recall3_{name}"] = three.recall[outcome]
    return facts


COMBINED_INPUTS: tuple[str, ...] = ("walt_p_with", "walt_p_out", "schweller_p_with", "schweller_p_out")


def model_probabilities(cases: pd.DataFrame, rows: Sequence[Mapping[str, Any]] | None = None) -> pd.DataFrame:
    """Each model's probability that the decider aligns with its threat (Walt's coding) and that
    it stays out, one line per case of ``cases`` (columns ``COMBINED_INPUTS``)."""
    rows = load_all_schweller_cases() if rows is None else list(rows)
    by_id = {r["case_id"]: r for r in rows}
    camps = threat_camps(rows)
    records = []
    for cid, row in cases.iterrows():
        walt = Case(row.to_dict()).predict().probabilities
        options = schweller_predict(case_scenario(by_id[cid])).options
        threat_side = options["bandwagon-revisionist"] if camps[cid] == "revisionist" else (
            options["balance"] + options["bandwagon-status-quo"])
        records.append({"walt_p_with": walt["bandwagon"], "walt_p_out": walt["buck-pass"] + walt["neutral"],
                        "schweller_p_with": threat_side, "schweller_p_out": options["buck-pass"] + options["neutral"]})
    return pd.DataFrame(records, index=cases.index)


@dataclass(frozen=True)
class Combination:
    """The estimated combination of the two models: ``fit`` on every case, its ``in_sample`` and
    ``held_out`` (leave-one-out) three-way metrics, and ``problem_folds``, the folds whose fit
    reported a problem."""

    fit: LogitFit
    in_sample: Metrics
    held_out: Metrics
    problem_folds: int


def combine(cases: pd.DataFrame, rows: Sequence[Mapping[str, Any]] | None = None,
            prior_sd: float = PRIOR_SD) -> Combination:
    """Fit and score the estimated combination (see the module docstring)."""
    table = cases.join(model_probabilities(cases, rows))
    observed = three_way(list(cases["observed"]))
    fit = fit_logit(table, "three", prior_sd, COMBINED_INPUTS)
    held, problems = leave_one_out_logit(table, "three", prior_sd, COMBINED_INPUTS)
    return Combination(fit, evaluate(observed, fit.predict(table), THREE_WAY),
                       evaluate(observed, held, THREE_WAY), problems)


def second_coder_facts(cases: pd.DataFrame) -> dict[str, Any]:
    """What the second coding of the decisions not among chapter 5's illustrations (a second set
    of coders, blind to the first coding) changes: the range of Cohen's kappa over the judged
    columns (``kappa_min``, ``kappa_max``, ``kappa_min_label``, the column with the least agreement,
    and ``kappa_columns``, how many columns have a kappa) and Schweller's three-way macro recall
    with the second coding's codes, on all decisions (``coder2_macro3``) and on those
    decisions alone (``coder2_71_macro3``)."""
    illustrations = load_schweller_cases()
    first = load_schweller_cases(data_file(OTHER_CASES_FILE))
    second = load_schweller_cases(data_file(SECOND_CODER_FILE))
    judged = [c for c in agreement(first, second) if c.column in JUDGED_COLUMNS and c.kappa is not None]
    low = min(judged, key=lambda c: c.kappa)
    others = cases.loc[[r["case_id"] for r in second if r["case_id"] in cases.index]]
    return {"kappa_min": low.kappa, "kappa_min_label": COLUMN_LABELS[low.column],
            "kappa_max": max(c.kappa for c in judged), "kappa_columns": len(judged),
            "coder2_macro3": schweller_score(cases, rows=illustrations + second).three.macro_recall,
            "coder2_71_macro3": schweller_score(others, rows=second).three.macro_recall}


GAP_DRAWS = 2000
GAP_SEED = 20261207


def _macro_recall(observed: np.ndarray, correct: np.ndarray) -> float:
    """Mean recall over the outcomes that occur in ``observed`` (codes), ``correct`` the hits."""
    recalls = [correct[observed == k].mean() for k in np.unique(observed)]
    return float(np.mean(recalls))


def gap_interval(cases: pd.DataFrame, rows: Sequence[Mapping[str, Any]] | None = None,
                 draws: int = GAP_DRAWS, seed: int = GAP_SEED) -> dict[str, float]:
    """The gap in three-way macro recall, Schweller's model minus Walt's, on ``cases``, with a
    paired-bootstrap 95% interval (``gap``, ``gap_low``, ``gap_high``) and the share of resamples
    in which Schweller's model is ahead (``gap_share_ahead``)."""
    if isinstance(draws, bool) or not isinstance(draws, int) or not 100 <= draws <= 100_000:
        raise ValueError(f"draws must be an int in [100, 100000], got {draws!r}")
    observed = three_way(list(cases["observed"]))
    codes = np.array([THREE_WAY.index(o) for o in observed])
    walt = np.array([o == p for o, p in zip(observed, three_way(walt_predictions(cases)), strict=True)])
    sch = np.array([o == p for o, p in zip(observed, three_way(schweller_predictions(cases, rows)), strict=True)])
    rng = np.random.default_rng(seed)
    gaps = np.empty(draws)
    for d in range(draws):
        i = rng.integers(0, len(codes), len(codes))
        gaps[d] = _macro_recall(codes[i], sch[i]) - _macro_recall(codes[i], walt[i])
    low, high = np.percentile(gaps, [2.5, 97.5])
    return {"gap": _macro_recall(codes, sch) - _macro_recall(codes, walt), "gap_low": float(low),
            "gap_high": float(high), "gap_share_ahead": float((gaps > 0).mean())}


def gap_facts(cases: pd.DataFrame, rows: Sequence[Mapping[str, Any]] | None = None) -> dict[str, float]:
    """Chapter 8's gap intervals: on every decision (``gap_all_*``) and on the decisions not among
    chapter 5's illustrations (``gap71_*``)."""
    rows = load_all_schweller_cases() if rows is None else list(rows)
    others = [cid for cid in other_case_ids() if cid in cases.index]
    out: dict[str, float] = {}
    for prefix, table in (("gap_all", cases), ("gap71", cases.loc[others])):
        out.update({name.replace("gap", prefix, 1): value for name, value in gap_interval(table, rows).items()})
    return out
