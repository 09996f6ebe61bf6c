"""Reading a validated CSV data file: every problem reported at once, by line and column.

The book's data files (``data/*.csv``) share this machinery; each supplies its columns and
a row checker. A row checker gets the CSV line number, the row (column -> text) and a
``bad(column, message)`` callback, and returns the converted row (or None if it was bad).

Every loader reads its file with :func:`read_text` (UTF-8, with or without the byte-order
mark Excel's "CSV UTF-8" writes) and splits it with :func:`table`, so the same problems get
the same answer everywhere: text in another encoding, a column named twice or not at all,
a bare carriage return or an oversized cell each become the loader's error naming the
file, the line and the column.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
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


LISTED = 5  # names shown in one problem before "and N more"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_BARE_CR = re.compile(r"\r(?!\n|\Z)")


def listed_names(names: Sequence[str]) -> str:
    shown = ", ".join(map(repr, names[:LISTED]))
    return shown if len(names) <= LISTED else f"{shown} and {len(names) - LISTED} more"


def decode(data: bytes, source: str, error: type[TableError] = TableError) -> str:
    """``data`` as text: UTF-8, one leading byte-order mark removed. Any other encoding
    raises ``error`` naming the line and column of the first byte that is not UTF-8."""
    if data.startswith(UTF16_BOMS):
        raise error(source, ["line 1: the file is UTF-16 (or UTF-32) text; save it as UTF-8 (in Excel: 'CSV UTF-8')"])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8-sig")
        header = data.decode("utf-8-sig", errors="replace").partition("\n")[0]
        line, column = _position(before, len(before))
        guess = data[exc.start: exc.start + 1].decode("cp1252", errors="replace")
        where = _column_name(header, column) if line > 1 else f"number {column + 1}"
        raise error(source, [f"line {line}, column {where}: byte 0x{data[exc.start]:02x} is not "
                             f"UTF-8 (in Windows-1252 it would be {guess!r}); save the file as UTF-8 "
                             "(in Excel: 'CSV UTF-8')"]) from None


def read_text(path: str | os.PathLike, error: type[TableError] = TableError) -> str:
    """The text of a data file (see :func:`decode`)."""
    file = Path(path)
    return decode(file.read_bytes(), str(file), error)


def table(
    text: str, source: str, error: type[TableError] = TableError
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the data records (CSV line number, cells) of CSV ``text``.

    Raises ``error`` when the header names a column twice or leaves one unnamed, or when
    the text is not CSV Python can read (a carriage return alone inside an unquoted field,
    a cell over ``csv.field_size_limit()`` characters), naming the line and column."""
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    text = text[1:] if text.startswith("\ufeff") else text
    reader = csv.reader(io.StringIO(text))
    records: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            if cells:
                records.append((reader.line_num, cells))
    except csv.Error as exc:
        raise error(source, [_csv_problem(text, str(exc), reader.line_num)]) from None
    header = [c.strip() for c in records.pop(0)[1]] if records else []
    problems = []
    blank = [str(i) for i, name in enumerate(header, start=1) if not name]
    if blank:
        problems.append(f"line 1 (header): column(s) {', '.join(blank[:LISTED])} have no name (only spaces or nothing)")
    for name in dict.fromkeys(header):
        places = [str(i) for i, n in enumerate(header, start=1) if n == name]
        if name and len(places) > 1:
            problems.append(
                f"line 1 (header): column {name!r} appears {len(places)} times (columns {', '.join(places)}); "
                "name each column once"
            )
    if problems:
        raise error(source, problems)
    return header, records


def _csv_problem(text: str, message: str, line: int) -> str:
    """Where in ``text`` Python's csv module gave up, and why, in the reader's words."""
    header = text.partition("\n")[0]
    limit = csv.field_size_limit()
    if "field limit" in message:
        found = _first_field(text, lambda start, end, quoted: end - start > limit)
        why = f"a cell longer than {limit} characters (is a quote left open?)"
    elif "new-line character" in message:
        found = _first_field(
            text, lambda start, end, quoted: not quoted and _BARE_CR.search(text, start, end + 1) is not None
        )
        why = "a carriage return alone inside an unquoted cell; save the file with ordinary line endings"
    else:
        found, why = None, f"not valid CSV ({message})"
    if found is None:
        return f"line {line}: {why}"
    return f"line {found[0]}, column {_column_name(header, found[1])}: {why}"


def _first_field(text: str, wanted: Callable[[int, int, bool], bool]) -> tuple[int, int] | None:
    """(line, column index) of the first cell for which ``wanted(start, end, quoted)``, read
    as Python's csv module reads (quoted cells may span lines; only CRLF or LF end a record)."""
    line, column, i, n = 1, 0, 0, len(text)
    while i <= n:
        start, quoted = i, text.startswith('"', i)
        if quoted:
            close = i + 1
            while True:
                close = text.find('"', close)
                if close < 0 or not text.startswith('"', close + 1):
                    break
                close += 2
            i = n if close < 0 else close + 1
        end = min((j for j in (text.find(",", i), text.find("\n", i)) if j >= 0), default=n)
        if wanted(start, end, quoted):
            return line, column
        line += text.count("\n", start, end)
        if end >= n:
            return None
        if text[end] == ",":
            column += 1
        else:
            line, column = line + 1, 0
        i = end + 1
    return None


def _position(text: str, offset: int) -> tuple[int, int]:
    """(line, column index) of character ``offset`` in CSV ``text``."""
    found = _first_field(text + "\n", lambda start, end, quoted: start <= offset <= end)
    return found if found is not None else (text.count("\n", 0, offset) + 1, 0)


def _column_name(header_line: str, index: int) -> str:
    try:
        names = next(csv.reader([header_line]), [])
    except csv.Error:
        names = []
    return repr(names[index].strip()) if index < len(names) else f"number {index + 1}"


def number(text: str) -> float | None:
    """The float in ``text``, or None if it is not a number (NaN counts as not a number)."""
    try:
        value = float(text)
    except ValueError:
        return None
    return None if math.isnan(value) else value


def unit_number(text: str, column: str, bad: Callable[[str, str], None]) -> float | None:
    """The number in ``text`` if it is in [0, 1]; otherwise ``bad(column, why)`` is called (and the
    value read, or None, is returned: the caller collects every problem of a row before raising)."""
    value = number(text)
    if value is None:
        bad(column, f"{text!r} is not a number in [0, 1]")
    elif not 0.0 <= value <= 1.0:
        bad(column, f"{value:g} is outside [0, 1]")
    return value


def read_rows(
    text: str,
    source: str,
    required: Sequence[str],
    optional: Sequence[str],
    check_row: RowChecker,
    error: type[TableError] = TableError,
    id_column: str | None = "case_id",
    empty: str | None = "no cases",
) -> list[Any]:
    """Validate CSV ``text``: header, field counts, each row, unique ids (unless ``id_column`` is
    None); raise ``error`` listing every problem (``line N, column 'c': ...``), or return the
    converted rows (what ``check_row`` returns for each)."""
    header, records = table(text, source, error)
    problems: list[str] = []
    missing = [c for c in required if c not in header]
    unknown = [c for c in header if c not in (*required, *optional)]
    if missing:
        problems.append(f"line 1 (header): missing column(s) {listed_names(missing)}")
    if unknown:
        problems.append(f"line 1 (header): unknown column(s) {listed_names(unknown)}")
    if problems:
        raise error(source, problems)
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for line, cells in records:
        if len(cells) != len(header):
            problems.append(
                f"line {line}: has {'more' if len(cells) > len(header) else 'fewer'} fields than the header"
            )
            continue
        row = dict(zip(header, cells, strict=True))
        before = len(problems)

        def bad(column: str, message: str, line: int = line) -> None:
            problems.append(f"line {line}, column '{column}': {message}")

        checked = check_row(line, row, bad)
        key = row[id_column].strip() if id_column is not None else ""
        if key and key in seen:  # reported even when the row has other problems
            bad(id_column, f"{key!r} repeats line {seen[key]}")
        elif key:
            seen[key] = line
        if checked is not None and len(problems) == before:
            rows.append(checked)
    if not rows and not problems and empty is not None:  # empty=None: a file with no rows is allowed
        problems.append(empty)
    if problems:
        raise error(source, problems)
    return rows
