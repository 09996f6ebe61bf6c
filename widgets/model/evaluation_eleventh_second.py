"""A second, independent coding of the eleventh held-out file: do two coders agree, and does the clean test move?

The eleventh file (``data/cases_heldout_11.csv``) is the first clean test of the model with piling on and fighting
allies bind (before the land-power reading), and it came out below always balancing, on codes that one coder per war
made. After it had been scored, its 25 decisions were coded
again (``data/cases_heldout_11_second.csv``) by four more coders of the same kind, one per war, under the same
codebook, shown neither the first coding nor the model, its scores or the chapters (independent of both, not blind
to the history); the comparison below was fixed
(commit message of the commissioning commit) before any of it was run. As for the sixth and seventh files
(``evaluation_second_coding``), agreement is Cohen's kappa column by column (weighted for the ordered scales), and
every predictor is scored on both codings, each against that coding's own outcomes. The file's clean test stays with
the first coding, as committed; the second stands beside it.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..io.cases import load_cases
from ..io.csvtable import data_file
from .coder_agreement import ColumnAgreement, agreement
from .evaluation_heldout import AS_CODED_ON, Baselines, load_heldout
from .evaluation_metrics import THREE_WAY, three_way
from .evaluation_second_coding import (
    CODINGS,
    PREDICTORS,
    WALT_COLUMNS,
    check_same_decisions,
    coding_rows,
    predictions_by_coding,
    scores_by_coding,
    scores_table,
)

ELEVENTH_SECOND_FILE = "cases_heldout_11_second.csv"
# the columns compared: the second coding of the sixth and seventh files', and allies_fighting, which this file codes
COLUMNS: tuple[tuple[str, bool], ...] = (*WALT_COLUMNS, ("allies_fighting", True))
# the predictors scored on both codings: the model as the file was coded (its clean test) and the baselines
ELEVENTH_PREDICTORS: dict[str, str] = {**PREDICTORS, "walt": AS_CODED_ON["eleventh"]}


def load_eleventh_codings() -> dict[str, pd.DataFrame]:
    """The eleventh file as committed (``first``) and as coded a second time (``second``), in the same order. Raises
    ValueError if they cover different decisions."""
    first = load_heldout("eleventh")
    second = load_cases(data_file(ELEVENTH_SECOND_FILE))
    check_same_decisions(first, second, "the eleventh file's decisions")
    return {"first": first, "second": second.loc[first.index]}


def eleventh_agreement(codings: dict[str, pd.DataFrame]) -> list[ColumnAgreement]:
    """Cohen's kappa and the share coded identically for every compared column (``COLUMNS``)."""
    return agreement(coding_rows(codings["first"]), coding_rows(codings["second"]), COLUMNS)


def eleventh_second_facts(codings: dict[str, pd.DataFrame], cases: pd.DataFrame | None = None,
                          baselines: Baselines | None = None,
                          predictions: dict[str, dict[str, list[str]]] | None = None) -> dict[str, Any]:
    """Chapter 8's numbers (prefix ``s11_``): ``n``; ``<column>_identical`` and ``<column>_kappa`` for every compared
    column; the observed three-way outcomes on each coding (``<coding>_obs3_*``); how many decisions the codings put
    in different three-way outcomes (``outcome_differs``), name a different threat source for (``threat_differs``,
    the text compared) or the model predicts differently from (``walt_differs``); and each predictor's three-way
    ``<coding>_<predictor>_macro3`` and ``_correct3``. ``predictions`` (``predictions_by_coding`` on ``codings``)
    saves computing them again."""
    cases = load_cases() if cases is None else cases
    predictions = predictions_by_coding(cases, codings, baselines) if predictions is None else predictions
    scores = scores_by_coding(codings, predictions, ELEVENTH_PREDICTORS)
    facts: dict[str, Any] = {"s11_n": len(codings["first"])}
    for column in eleventh_agreement(codings):
        facts[f"s11_{column.column}_identical"] = column.identical
        facts[f"s11_{column.column}_kappa"] = column.kappa
    for coding in CODINGS:
        card = scores[coding]["walt"].three
        for outcome in THREE_WAY:
            facts[f"s11_{coding}_obs3_{outcome.split()[-1]}"] = card.hits[outcome][1]
        for key in ELEVENTH_PREDICTORS:
            facts[f"s11_{coding}_{key}_macro3"] = scores[coding][key].three.macro_recall
            facts[f"s11_{coding}_{key}_correct3"] = scores[coding][key].three.correct
    outcomes = [three_way(list(codings[c]["observed"])) for c in CODINGS]
    facts["s11_outcome_differs"] = sum(a != b for a, b in zip(*outcomes, strict=True))
    threats = [codings[c]["threat_source"].str.strip().str.lower() for c in CODINGS]
    facts["s11_threat_differs"] = int((threats[0] != threats[1]).sum())
    walt = [three_way(predictions[c][AS_CODED_ON["eleventh"]]) for c in CODINGS]  # the file's clean test
    facts["s11_walt_differs"] = sum(a != b for a, b in zip(*walt, strict=True))
    return facts


def eleventh_second_table(codings: dict[str, pd.DataFrame], cases: pd.DataFrame | None = None,
                          baselines: Baselines | None = None,
                          predictions: dict[str, dict[str, list[str]]] | None = None) -> pd.DataFrame:
    """One row per predictor: three-way macro recall and decisions right on each coding of the eleventh file."""
    cases = load_cases() if cases is None else cases
    predictions = predictions_by_coding(cases, codings, baselines) if predictions is None else predictions
    return scores_table(scores_by_coding(codings, predictions, ELEVENTH_PREDICTORS), ELEVENTH_PREDICTORS)
