"""CSV helpers shared by the data-file tests (cases.csv and schweller_cases.csv)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import pytest


def csv_text(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """A CSV file with ``columns`` as header and one line per row (missing cells left empty)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in columns})
    return buffer.getvalue()


def table_problems(read: Callable[[str, str], Any], error: type[Exception], text: str) -> list[str]:
    """The problems ``read`` reports for ``text`` (it must raise ``error`` naming the source first)."""
    with pytest.raises(error) as info:
        read(text, "test.csv")
    assert str(info.value).startswith("test.csv: ")
    return info.value.problems
