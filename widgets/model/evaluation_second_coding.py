"""A second, blind coding of two held-out files: how far two coders agree, and how far the scores move.

Every held-out file was coded once, by one coder per war, and a coder's judgment enters the inputs (how
grave a threat looked, who the threat was) and the outcome (what the state did). After the sixth and
seventh files (``data/cases_heldout_6.csv`` and ``_7.csv``) had been scored, their 46 decisions were coded
again (``data/cases_heldout_second.csv``) by a second set of coders of the same kind, one per war, under the
same codebook, blind to the first coding, to the model and to its scores. This module measures their
agreement column by column with Cohen's kappa (``coder_agreement``; weighted for the ordered scales) and
scores every predictor on both codings: the model as it stood when the files were coded (their clean test) and
the baselines fixed on the book's cases. Nothing is refitted or recoded: the two
codings stand side by side. Coders of the same kind share habits and sources, so their agreement probably
overstates what two historians would reach.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..io.cases import load_cases
from ..io.csvtable import data_file
from .coder_agreement import ColumnAgreement, agreement, column_agreement
from .evaluation_heldout import (
    BEST_RULE,
    LOGIT,
    MODAL,
    WALT_AT_FIFTH,
    Baselines,
    heldout_predictions,
    load_heldout,
)
from .evaluation_metrics import (
    BOOTSTRAP_DRAWS,
    BOOTSTRAP_SEED,
    THREE_WAY,
    Scorecard,
    macro_recall_gap_interval,
    score,
    three_way,
)

SECOND_CODING_FILE = "cases_heldout_second.csv"
SECOND_CODED: tuple[str, ...] = ("sixth", "seventh")  # the held-out files coded a second time
CODINGS: tuple[str, ...] = ("first", "second")
# "walt" is the model as the sixth and seventh files were coded (their clean test, AS_CODED_ON), which the model as
# it stands equalled on both until the land-power reading was adopted
PREDICTORS: dict[str, str] = {"walt": WALT_AT_FIFTH, "modal": MODAL, "rule": BEST_RULE, "logit": LOGIT}
# (column, ordered?) as coder_agreement reads them; "alignment" is the observed choice on the three-way split
WALT_COLUMNS: tuple[tuple[str, bool], ...] = (
    ("aggregate_power", True), ("proximity", True), ("offensive_power", True), ("aggressive_intentions", True),
    ("own_strength", True), ("allied_support", True), ("victory", True), ("capability", True),
    ("others_engaged", True), ("neutrality_lesson", True),
    ("war", False), ("target", False), ("observed", False), ("alignment", False))
WALT_LABELS: dict[str, str] = {
    "aggregate_power": "threat's aggregate power", "proximity": "threat's proximity",
    "offensive_power": "threat's offensive power", "aggressive_intentions": "threat's aggressive intentions",
    "own_strength": "own strength against the threat", "allied_support": "allied support",
    "victory": "threat's closeness to victory", "capability": "own capability",
    "others_engaged": "others already fighting the threat", "neutrality_lesson": "lesson of the last great war",
    "war": "at war", "target": "itself under attack", "observed": "what the state did (four-way)",
    "alignment": "what the state did (three-way)",
}


def load_codings() -> dict[str, pd.DataFrame]:
    """The two codings of the same decisions, in the same order: ``first`` (the sixth and seventh files as
    committed, without ``allies_fighting``, which the second coders were not asked for) and ``second`` (the second
    coders'). Raises ValueError if they cover different decisions."""
    first = pd.concat([load_heldout(which) for which in SECOND_CODED])
    second = load_cases(data_file(SECOND_CODING_FILE))
    check_same_decisions(first, second, f"the decisions of the {' and '.join(SECOND_CODED)} files")
    # The second coders coded what the files coded then; allies_fighting, coded into the first coding later, is read
    # as not coded in both, so that the two codings differ only where the coders did.
    first["allies_fighting"] = float("nan")
    return {"first": first, "second": second.loc[first.index]}


def check_same_decisions(first: pd.DataFrame, second: pd.DataFrame, what: str) -> None:
    """Raise ValueError, naming the decisions in one coding only, unless ``second`` codes exactly ``first``'s."""
    if set(first.index) != set(second.index) or len(first) != len(second):
        only = sorted(set(first.index) ^ set(second.index))
        raise ValueError(f"the second coding must cover {what} exactly; these are in one coding only: "
                         f"{', '.join(only) or '(duplicates)'}")


def coding_rows(coding: pd.DataFrame) -> list[dict[str, Any]]:
    """A coding's rows as coder_agreement reads them: each with its ``case_id`` and its three-way ``alignment``."""
    rows = [{**row, "case_id": case} for case, row in zip(coding.index, coding.to_dict("records"), strict=True)]
    for row, alignment in zip(rows, three_way(list(coding["observed"])), strict=True):
        row["alignment"] = alignment
    return rows


def second_coding_agreement(codings: dict[str, pd.DataFrame] | None = None) -> list[ColumnAgreement]:
    """Cohen's kappa and the share coded identically for every compared column (``WALT_COLUMNS``)."""
    codings = load_codings() if codings is None else codings
    return agreement(coding_rows(codings["first"]), coding_rows(codings["second"]), WALT_COLUMNS)


def predictions_by_coding(cases: pd.DataFrame | None = None, codings: dict[str, pd.DataFrame] | None = None,
                          baselines: Baselines | None = None) -> dict[str, dict[str, list[str]]]:
    """{coding: {predictor: choices}}: every held-out predictor (``heldout_predictions``), fixed on the book's
    cases once (``baselines``, if given, fitted on them), on each coding's inputs."""
    cases = load_cases() if cases is None else cases
    codings = load_codings() if codings is None else codings
    baselines = Baselines(cases) if baselines is None else baselines
    return {name: heldout_predictions(cases, coding, baselines) for name, coding in codings.items()}


def scores_by_coding(codings: dict[str, pd.DataFrame], predictions: dict[str, dict[str, list[str]]],
                     predictors: dict[str, str] = PREDICTORS) -> dict[str, dict[str, Scorecard]]:
    """{coding: {predictor key (``predictors``, default ``PREDICTORS``): Scorecard}}: each predictor on each coding of
    the decisions, scored against that coding's own outcomes."""
    return {name: {key: score(list(coding["observed"]), predictions[name][p]) for key, p in predictors.items()}
            for name, coding in codings.items()}


def scores_table(scores: dict[str, dict[str, Scorecard]], predictors: dict[str, str] = PREDICTORS) -> pd.DataFrame:
    """One row per predictor (``predictors``, as scored): three-way macro recall and decisions right on each coding."""
    records = []
    for key, label in predictors.items():
        record: dict[str, Any] = {"predictor": label}
        for coding in CODINGS:
            card = scores[coding][key].three
            record[f"macro recall, {coding} coding"] = round(card.macro_recall, 3)
            record[f"right, {coding} coding"] = f"{card.correct}/{card.n}"
        records.append(record)
    return pd.DataFrame(records).set_index("predictor")


def second_coding_facts(cases: pd.DataFrame | None = None, codings: dict[str, pd.DataFrame] | None = None,
                        predictions: dict[str, dict[str, list[str]]] | None = None) -> dict[str, Any]:
    """Chapter 8's numbers on the second coding: ``sc_n``; for each compared column ``sc_<column>_identical``
    and ``sc_<column>_kappa``; the observed outcomes on each coding (``sc_<coding>_obs3_*``); how many
    decisions the two codings put in different three-way outcomes (``sc_outcome_differs``) and how many
    the model predicts differently from the two codings' inputs (``sc_walt_differs``); each predictor's
    three-way ``sc_<coding>_<predictor>_macro3`` and ``_correct3`` on all the decisions, and
    ``sc_<coding>_f<k>_<predictor>_macro3`` on the k-th held-out file alone (k = 6, 7); ``sc_threat_differs``
    (``DIFFERENT_THREAT``); bootstrap intervals ``sc_<column>_kappa_low``/``_high`` (victory, alignment,
    target) and ``sc_first_gap_<logit|rule>_low``/``_high`` (that predictor's lead over the model on the first
    coding); and ``sc_austria_1848_f6_at5_macro3``, the model's score on the sixth file (its clean test, the model
    as the file was coded) with that one decision recoded as the second coder read it."""
    codings = load_codings() if codings is None else codings
    predictions = predictions_by_coding(cases, codings) if predictions is None else predictions
    facts: dict[str, Any] = {"sc_n": len(codings["first"])}
    for column in second_coding_agreement(codings):
        facts[f"sc_{column.column}_identical"] = column.identical
        facts[f"sc_{column.column}_kappa"] = column.kappa
    scores = scores_by_coding(codings, predictions)
    files = {which: set(load_heldout(which).index) for which in SECOND_CODED}
    for coding in CODINGS:
        first_card = scores[coding]["walt"].three
        for outcome in THREE_WAY:
            facts[f"sc_{coding}_obs3_{outcome.split()[-1]}"] = first_card.hits[outcome][1]
        for key, name in PREDICTORS.items():
            facts[f"sc_{coding}_{key}_macro3"] = scores[coding][key].three.macro_recall
            facts[f"sc_{coding}_{key}_correct3"] = scores[coding][key].three.correct
            for number, ids in enumerate(files.values(), start=6):
                keep = [case in ids for case in codings[coding].index]
                observed = [o for o, k in zip(codings[coding]["observed"], keep, strict=True) if k]
                chosen = [c for c, k in zip(predictions[coding][name], keep, strict=True) if k]
                facts[f"sc_{coding}_f{number}_{key}_macro3"] = score(observed, chosen).three.macro_recall
    outcomes = [three_way(list(codings[c]["observed"])) for c in CODINGS]
    facts["sc_outcome_differs"] = sum(a != b for a, b in zip(*outcomes, strict=True))
    walt = [three_way(predictions[c][PREDICTORS["walt"]]) for c in CODINGS]
    facts["sc_walt_differs"] = sum(a != b for a, b in zip(*walt, strict=True))
    facts["sc_threat_differs"] = len(DIFFERENT_THREAT)
    for column in ("victory", "alignment", "target"):
        facts[f"sc_{column}_kappa_low"], facts[f"sc_{column}_kappa_high"] = kappa_interval(codings, column)
    for key in ("logit", "rule"):
        facts[f"sc_first_gap_{key}_low"], facts[f"sc_first_gap_{key}_high"] = gap_interval(
            codings["first"], predictions["first"][PREDICTORS[key]], predictions["first"][PREDICTORS["walt"]])
    # one recoded decision: Austria 1848 as the second coder read it, everything else as first coded
    sixth = set(load_heldout("sixth").index)
    keep = [case in sixth for case in codings["first"].index]
    observed = [codings["second"].loc[c, "observed"] if c == "austria-1848" else o
                for c, o, k in zip(codings["first"].index, codings["first"]["observed"], keep, strict=True) if k]
    chosen = [c for c, k in zip(predictions["first"][WALT_AT_FIFTH], keep, strict=True) if k]  # its clean test
    facts["sc_austria_1848_f6_at5_macro3"] = score(observed, chosen).three.macro_recall
    return facts


# The coders named a different threat for these decisions (read from the two codings' ``threat_source`` by the
# book's author; elsewhere they name the same state or coalition, in different words): on these rows the
# threat's power, intentions and closeness to victory describe different states.
DIFFERENT_THREAT: tuple[str, ...] = (
    "austria-1848", "britain-1849", "russia-1849", "prussia-1849", "ottoman-empire-1856", "austria-1860",
    "france-1882", "germany-1882", "austria-hungary-1882", "italy-1882")


def gap_interval(coding: pd.DataFrame, ahead: list[str], behind: list[str], draws: int = BOOTSTRAP_DRAWS,
                 seed: int = BOOTSTRAP_SEED) -> tuple[float, float]:
    """95% interval of ``ahead``'s lead in three-way macro recall over ``behind`` on one coding
    (:func:`~widgets.model.evaluation_metrics.macro_recall_gap_interval`)."""
    return macro_recall_gap_interval(list(coding["observed"]), ahead, behind, draws, seed)


def kappa_interval(codings: dict[str, pd.DataFrame], column: str, draws: int = 1000,
                   seed: int = BOOTSTRAP_SEED) -> tuple[float, float]:
    """95% percentile interval of one column's kappa (``WALT_COLUMNS``) over bootstrap resamples of the decisions
    (resamples where kappa is undefined are skipped)."""
    ordinal = dict(WALT_COLUMNS)[column]
    first, second = (coding_rows(codings[c]) for c in CODINGS)
    rng = np.random.default_rng(seed)
    values = []
    for _ in range(draws):
        picks = rng.integers(0, len(first), size=len(first))
        _, kappa = column_agreement([first[i][column] for i in picks], [second[i][column] for i in picks], ordinal)
        if kappa is not None:
            values.append(kappa)
    low, high = np.percentile(values, [2.5, 97.5])
    return float(low), float(high)
