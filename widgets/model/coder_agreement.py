"""How far two coders of the same decisions agree, column by column.

Used for two sets of second codings: the Schweller decisions below, and the sixth and seventh held-out files
of Walt's model (``evaluation_second_coding``). The decisions of ``schweller_other_cases.csv`` were coded a
second time by a second set of coders,
one per period, blind to the first coding (``schweller_other_cases_second.csv``). The field's
measure of agreement between two coders is Cohen's kappa (Cohen 1960): the share of agreement
beyond what two coders assigning codes at their own rates would reach by chance, 1 for perfect
agreement and 0 for chance. For the ordered scales it is weighted (Cohen 1968) with linear weights
on the codes' values, so that 0.5 against 0.75 counts as a near miss and 0 against 1 as a full
disagreement; the categorical columns use the unweighted kappa. Computed with
``statsmodels.stats.inter_rater.cohens_kappa``. Where both coders used a single code for every
decision, kappa is undefined (reported as None) and only the share of identical codes is reported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from statsmodels.stats.inter_rater import cohens_kappa

ORDINAL_COLUMNS: tuple[str, ...] = (
    "value_status_quo", "value_revision", "revisionist_strength", "threat", "victory", "wave", "contagion", "courted")
NOMINAL_COLUMNS: tuple[str, ...] = ("walt_threat_camp", "spoils_held_by", "war", "act")
# the columns each coder judged (the other two follow cases.csv's coding: victory by rule, and the
# act by the checker that every row records cases.csv's act, so their agreement measures little)
JUDGED_COLUMNS: tuple[str, ...] = (
    "value_status_quo", "value_revision", "revisionist_strength", "threat", "wave", "contagion", "courted",
    "walt_threat_camp", "spoils_held_by", "war")
COLUMN_LABELS: dict[str, str] = {
    "value_status_quo": "value of the status quo", "value_revision": "value of revision",
    "revisionist_strength": "revisionist camp's strength", "threat": "threat to own holdings",
    "victory": "revisionist side's closeness to victory", "wave": "wave of the future",
    "contagion": "contagion", "courted": "courted by both camps",
    "walt_threat_camp": "camp of Walt's threat source", "spoils_held_by": "who holds the spoils",
    "war": "at war", "act": "the act (choice and camp joined)",
}


def act(row: Mapping[str, Any]) -> str:
    """The observed act as one category: the choice and, for bandwagoning, the camp joined."""
    return f"bandwagon, {row['observed_side']}" if row["observed"] == "bandwagon" else str(row["observed"])


@dataclass(frozen=True)
class ColumnAgreement:
    """Two coders on one column: ``n`` decisions, the share coded identically, and Cohen's
    kappa (weighted for ordered scales; None when undefined)."""

    column: str
    kind: str
    n: int
    identical: float
    kappa: float | None


def _values(rows: Sequence[Mapping[str, Any]], column: str) -> list[Any]:
    return [act(r) if column == "act" else r[column] for r in rows]


def column_agreement(first: Sequence[Any], second: Sequence[Any], ordinal: bool) -> tuple[float, float | None]:
    """(share identical, Cohen's kappa) for two coders' codes of the same decisions."""
    if len(first) != len(second) or not first:
        raise ValueError(f"two coders must code the same decisions: got {len(first)} and {len(second)} codes")
    categories = sorted(set(first) | set(second), key=lambda v: (float(v) if ordinal else 0.0, str(v)))
    index = {c: i for i, c in enumerate(categories)}
    table = np.zeros((len(categories), len(categories)))
    for a, b in zip(first, second, strict=True):
        table[index[a], index[b]] += 1
    identical = float(np.trace(table) / table.sum())
    expected = float((table.sum(axis=1) @ table.sum(axis=0)) / table.sum() ** 2)
    if len(categories) < 2 or expected >= 1.0:
        return identical, None
    if ordinal:
        kappa = cohens_kappa(table, weights=np.array([float(c) for c in categories]), wt="linear", return_results=False)
    else:
        kappa = cohens_kappa(table, return_results=False)
    return identical, float(kappa)


SCHWELLER_COLUMNS: tuple[tuple[str, bool], ...] = (
    *((c, True) for c in ORDINAL_COLUMNS), *((c, False) for c in NOMINAL_COLUMNS))


def agreement(first: Sequence[Mapping[str, Any]], second: Sequence[Mapping[str, Any]],
              columns: Sequence[tuple[str, bool]] = SCHWELLER_COLUMNS) -> list[ColumnAgreement]:
    """Agreement on every compared column (``columns``: (name, ordered?) pairs; by default the Schweller
    codebook's) between two codings of the same decisions (matched by ``case_id``). Raises ValueError
    naming the decisions only one coder coded."""
    a = {r["case_id"]: r for r in first}
    b = {r["case_id"]: r for r in second}
    if set(a) != set(b):
        only = sorted(set(a) ^ set(b))
        raise ValueError(f"the two codings cover different decisions: {', '.join(only[:5])}"
                         + (f" and {len(only) - 5} more" if len(only) > 5 else ""))
    ids = sorted(a)
    out = []
    for column, ordinal in columns:
        identical, kappa = column_agreement(_values([a[i] for i in ids], column),
                                            _values([b[i] for i in ids], column), ordinal)
        out.append(ColumnAgreement(column, "ordered" if ordinal else "categories", len(ids), identical, kappa))
    return out


def agreement_table(columns: Sequence[ColumnAgreement], labels: Mapping[str, str] = COLUMN_LABELS) -> pd.DataFrame:
    """One line per column: what it codes (``labels``, by default the Schweller codebook's), its kind, the
    share coded identically, and kappa."""
    return pd.DataFrame([{
        "column": c.column, "what it codes": labels[c.column], "kind": c.kind,
        "identical": round(c.identical, 2), "Cohen's kappa": None if c.kappa is None else round(c.kappa, 2),
    } for c in columns]).set_index("column")
