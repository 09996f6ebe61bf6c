"""The second coding of ``allies_fighting`` (``data/allies_fighting_second.csv``): one row per decision of the book's
cases and of the tenth held-out file, and per decision in war of the first nine held-out files, coded a second time
by coders shown neither the first coding nor what the states did (``data/README.md``, "The second coding of
allies_fighting")."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd

from .csvtable import TableError, data_file, read_rows, read_text, unit_number

SECOND_BOND_FILE = "allies_fighting_second.csv"
# the book's cases and the tenth held-out file, then the first nine (evaluation_heldout.HELDOUT_SETS; a test checks
# they agree)
CODED_FILES: tuple[str, ...] = ("cases.csv", "cases_heldout_10.csv", "cases_heldout.csv",
                                *(f"cases_heldout_{k}.csv" for k in range(2, 10)))
COLUMNS: tuple[str, ...] = ("file", "case_id", "allies_fighting", "why_allies_fighting")


class BondCodingError(TableError):
    """The second coding of allies_fighting failed validation; ``problems`` lists every problem."""


def _check_row(line: int, row: Mapping[str, str], bad: Callable[[str, str], None]) -> dict:
    out: dict = {"file": row["file"].strip(), "case_id": row["case_id"].strip()}
    if out["file"] not in CODED_FILES:
        bad("file", f"{out['file']!r} must be one of {', '.join(CODED_FILES)}")
    value = unit_number(row["allies_fighting"].strip(), "allies_fighting", bad)
    if value is not None and abs(value * 20 - round(value * 20)) > 1e-9:
        bad("allies_fighting", f"{value:g} is not a multiple of 0.05")
    out["allies_fighting"] = value
    out["why_allies_fighting"] = row["why_allies_fighting"].strip()
    if not out["why_allies_fighting"]:
        bad("why_allies_fighting", "is empty: justify the code")
    return out


def read_bond_coding(text: str, source: str = SECOND_BOND_FILE) -> pd.DataFrame:
    """Validate CSV ``text`` and return one row per decision, indexed by (file, case_id); raises
    :class:`BondCodingError` listing every problem."""
    rows = read_rows(text, source, COLUMNS, (), _check_row, BondCodingError, id_column=None, empty="no rows")
    frame = pd.DataFrame(rows)
    repeated = frame[frame.duplicated(["file", "case_id"])]
    if len(repeated):
        raise BondCodingError(source, [f"{f}: {c!r} is coded twice" for f, c in zip(repeated["file"],
                                                                                   repeated["case_id"], strict=True)])
    return frame.set_index(["file", "case_id"])


def load_bond_coding() -> pd.DataFrame:
    """The shipped second coding of ``allies_fighting``."""
    return read_bond_coding(read_text(data_file(SECOND_BOND_FILE), BondCodingError))
