"""Headline results under both readings of the disputed cases.

Where the sources allow two readings of a case (most often: which state the decider perceived
as its threat, e.g. Japan 1940 facing Germany or the United States), the case file keeps the
first reading in ``data/cases.csv`` and the second in ``data/cases_alternative.csv``. The
alternative file has a ``case_id`` column naming a row of the case file and any of the case
file's other columns; its non-empty cells replace that row's cells (so it may hold whole rows
or only the cells that differ). The result is validated exactly like the case file
(:func:`widgets.cases.read_cases`), so a bad alternative code is reported by line and column.

Every headline result is then reported under both codings (``headline_table``); when the
alternative file is absent or has no rows, only the first coding is reported.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from .._paths import data_file
from ..io.cases import load_alternative_cases, load_cases, with_alternatives
from .evaluation import _check_cases, schweller_comparison, score, walt_predictions

ALTERNATIVE_FILE = "cases_alternative.csv"


def alternative_path() -> Path | None:
    """Where ``cases_alternative.csv`` lives, or None if there is no such file."""
    try:
        return data_file(ALTERNATIVE_FILE)
    except FileNotFoundError:
        return None


def alternative_cases(
    path: str | os.PathLike | None = None, cases_path: str | os.PathLike | None = None
) -> tuple[pd.DataFrame, tuple[str, ...]] | None:
    """The case table with each disputed row replaced by its alternative reading
    (:func:`widgets.io.cases.load_alternative_cases`, validated like the case file), and the
    ids of the replaced rows; None when there is no alternative file or it has no rows."""
    file = Path(path) if path is not None else alternative_path()
    if file is None or not file.is_file():
        return None
    primary = load_cases(cases_path)
    alternatives = load_alternative_cases(file, primary)
    if alternatives.empty:
        return None
    return with_alternatives(primary, alternatives), tuple(alternatives.index)


def headline_row(cases: pd.DataFrame, label: str) -> dict:
    """The chapter's headline results on one coding: Walt's model on all cases (four-way
    hits, macro recall on both splits) and the Walt-versus-Schweller count."""
    cases = _check_cases(cases)
    card = score(list(cases["observed"]), walt_predictions(cases))
    _, counts = schweller_comparison(cases)
    return {
        "coding": label,
        "Walt's model correct": f"{card.four.correct}/{card.four.n}",
        "macro recall (4)": round(card.four.macro_recall, 3),
        "macro recall (3)": round(card.three.macro_recall, 3),
        "Schweller cases: Walt": f"{counts['walt']}/{counts['n']}",
        "Schweller cases: Schweller": f"{counts['schweller']}/{counts['n']}",
    }


def headline_table(cases: pd.DataFrame, alternative: tuple[pd.DataFrame, tuple[str, ...]] | None) -> pd.DataFrame:
    """:func:`headline_row` under the case file's coding and, if given, the alternative one."""
    rows = [headline_row(cases, "as coded in cases.csv")]
    if alternative is not None:
        table, ids = alternative
        rows.append(headline_row(table, f"alternative reading of {len(ids)} disputed row(s): {', '.join(ids)}"))
    return pd.DataFrame(rows).set_index("coding")
