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

import csv
import io
import os
from pathlib import Path

import pandas as pd

from .._paths import data_file
from ..io.cases import ALTERNATIVE_COLUMNS, CaseDataError, default_path, read_cases
from .evaluation import _check_cases, schweller_comparison, score, walt_predictions

ALTERNATIVE_FILE = "cases_alternative.csv"


def alternative_path() -> Path | None:
    """Where ``cases_alternative.csv`` lives, or None if there is no such file."""
    try:
        return data_file(ALTERNATIVE_FILE)
    except FileNotFoundError:
        return None


def apply_alternative(
    cases_text: str, alternative_text: str, source: str = ALTERNATIVE_FILE
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """The case table with the alternative codes applied, and the ids of the recoded rows."""
    main = list(csv.DictReader(io.StringIO(cases_text)))
    header = list(main[0].keys()) if main else []
    reader = csv.DictReader(io.StringIO(alternative_text))
    fields = reader.fieldnames or []
    if "case_id" not in fields:
        raise CaseDataError(source, ["line 1 (header): missing column 'case_id'"])
    # the alternative file's own notes (``reading``: which reading and why) are not model inputs
    notes = [f for f in fields if f in ALTERNATIVE_COLUMNS]
    unknown = [f for f in fields if f not in header and f not in notes]
    if unknown:
        raise CaseDataError(
            source,
            [f"line 1 (header): unknown column(s) {', '.join(map(repr, unknown))}; use the columns of cases.csv"],
        )
    by_id = {row["case_id"].strip(): row for row in main}
    problems, recoded = [], []
    for row in reader:
        case_id = (row.get("case_id") or "").strip()
        if case_id not in by_id:
            problems.append(f"line {reader.line_num}, column 'case_id': {case_id!r} is not a case in cases.csv")
            continue
        by_id[case_id].update(
            {k: v for k, v in row.items() if k != "case_id" and k not in notes and v is not None and v.strip()}
        )
        recoded.append(case_id)
    if problems:
        raise CaseDataError(source, problems)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(main)
    return read_cases(out.getvalue(), source=f"cases.csv with {source}"), tuple(dict.fromkeys(recoded))


def alternative_cases(
    path: str | os.PathLike | None = None, cases_path: str | os.PathLike | None = None
) -> tuple[pd.DataFrame, tuple[str, ...]] | None:
    """The case table under the alternative coding, with the recoded ids; None when there is
    no alternative file or it has no rows."""
    file = Path(path) if path is not None else alternative_path()
    if file is None or not file.is_file():
        return None
    text = file.read_text(encoding="utf-8")
    if not list(csv.DictReader(io.StringIO(text))):
        return None
    main = Path(cases_path) if cases_path is not None else default_path()
    return apply_alternative(main.read_text(encoding="utf-8"), text, source=str(file))


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
