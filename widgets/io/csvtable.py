"""Reading a validated CSV data file: every problem reported at once, by line and column.

The book's data files (``data/*.csv``) share this machinery; each supplies its columns and
a row checker. A row checker gets the CSV line number, the row (column -> text) and a
``bad(column, message)`` callback, and returns the converted row (or None if it was bad).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .._paths import data_file  # noqa: F401  (re-exported: the loaders' one way to find data)

RowChecker = Callable[[int, Mapping[str, str], Callable[[str, str], None]], "dict[str, Any] | None"]


class TableError(ValueError):
    """A data file failed validation; ``problems`` lists every problem found."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        shown = "\n".join(f"  - {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{source}: {len(problems)} problem(s)\n{shown}{more}")


def number(text: str) -> float | None:
    """The float in ``text``, or None if it is not a number (NaN counts as not a number)."""
    try:
        value = float(text)
    except ValueError:
        return None
    return None if math.isnan(value) else value


def read_rows(
    text: str,
    source: str,
    required: Sequence[str],
    optional: Sequence[str],
    check_row: RowChecker,
    error: type[TableError] = TableError,
    id_column: str = "case_id",
    empty: str = "no cases",
) -> list[dict[str, Any]]:
    """Validate CSV ``text``: header, field counts, each row, unique ids; raise ``error``
    listing every problem (``line N, column 'c': ...``), or return the converted rows."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    problems: list[str] = []
    missing = [c for c in required if c not in header]
    unknown = [c for c in header if c not in (*required, *optional)]
    if missing:
        problems.append(f"line 1 (header): missing column(s) {', '.join(map(repr, missing))}")
    if unknown:
        problems.append(f"line 1 (header): unknown column(s) {', '.join(map(repr, unknown))}")
    if problems:
        raise error(source, problems)
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if None in row or any(v is None for v in row.values()):
            problems.append(f"line {line}: has {'more' if None in row else 'fewer'} fields than the header")
            continue
        before = len(problems)

        def bad(column: str, message: str, line: int = line) -> None:
            problems.append(f"line {line}, column '{column}': {message}")

        checked = check_row(line, row, bad)
        key = row[id_column].strip()
        if key and key in seen:  # reported even when the row has other problems
            bad(id_column, f"{key!r} repeats line {seen[key]}")
        elif key:
            seen[key] = line
        if checked is not None and len(problems) == before:
            rows.append(checked)
    if not rows and not problems:
        problems.append(empty)
    if problems:
        raise error(source, problems)
    return rows
