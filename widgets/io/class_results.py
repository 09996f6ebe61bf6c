"""A class's scenario files read at once: one table row per file, problems per file, agreement.

The Python twin of the book's "Class results" page (``static/class-results.js`` reads the
files in the reader's browser by the same rules, ``scenario_rules.RULES``). Each file is read
and checked as far as a file can be without its explorer: the format and version, the
student's name and justification (RULES['text_fields']), an explorer of this book, and
controls that are numbers or yes/no. A file that fails is listed with its problem and left
out; the others are kept, in file-name order. Whether each value is on its explorer's grid is
checked when the file is loaded into that explorer.

Agreement among the students who coded the same case (the same explorer) is Krippendorff's
alpha at interval level (``agreement.interval_alpha``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .agreement import MIN_CODERS, interval_alpha
from .scenario_file import RULES, check_head, formula_warnings, parse_record, source_label
from .scenario_text import _described, _finite, _unguarded

TABLE_COLUMNS = ("file", "student", "explorer", "inputs", "prediction", "justification")  # as the page shows them
AGREEMENT_COLUMNS = ("explorer", "chapter", "files", "coders", "inputs", "alpha", "note")


@dataclass(frozen=True)
class ClassResults:
    """``table``: one row per file read (TABLE_COLUMNS, then the explorer's chapter, then one
    ``control.<name>`` column per input, NaN where a file's explorer has no such input); ``problems``: file name -> the
    problems found (a refused file has no row); ``agreement``: one row per explorer (AGREEMENT_COLUMNS)."""

    table: pd.DataFrame
    problems: dict[str, tuple[str, ...]]
    agreement: pd.DataFrame


def number_text(value: Any) -> str:
    """A control value as the table shows it: 'yes'/'no', or the shortest form of the number
    ('0.25', '1'), which JavaScript's String(number) writes alike."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def prediction_text(prediction: Any) -> str:
    """The predicted choice a file recorded ('balance'), or its summary if it names no choice."""
    if not isinstance(prediction, Mapping):
        return ""
    choice = prediction.get("choice")
    if isinstance(choice, str) and choice:
        return _unguarded(choice)
    summary = prediction.get("summary")
    return _unguarded(summary) if isinstance(summary, str) else ""


def check_class_record(record: Mapping[str, Any], source: str) -> dict[str, Any]:
    """One row of the class table from a parsed file, or a ValueError naming the problem."""
    texts = check_head(record, source)
    explorer = record.get("explorer")
    if not isinstance(explorer, str) or explorer not in RULES["explorer_chapters"]:
        raise ValueError(f"{source}: explorer must be one of this book's explorers, got {_described(explorer)}")
    given = record.get("controls")
    if not isinstance(given, dict) or not given:
        raise ValueError(f"{source}: controls must be an object of control names and values, got {_described(given)}")
    for name, value in given.items():
        if not isinstance(value, bool) and (not isinstance(value, (int, float)) or not _finite(value)):
            raise ValueError(f"{source}: control {name} must be a number or true/false, got {_described(value)}")
    return {
        "student": texts["student"],
        "explorer": explorer,
        "chapter": RULES["explorer_chapters"][explorer],
        "inputs": ", ".join(f"{name} {number_text(value)}" for name, value in given.items()),
        "prediction": prediction_text(record.get("prediction")),
        "justification": texts["justification"],
        "controls": {name: float(value) for name, value in given.items()},
    }


def _files(files: Iterable[str | Path | tuple[str, bytes]]) -> list[tuple[str, bytes | None, str]]:
    out = []
    for item in files:
        if isinstance(item, tuple):
            out.append((str(item[0]), bytes(item[1]), ""))
            continue
        path = Path(item)
        try:
            out.append((path.name, path.read_bytes(), ""))
        except OSError as exc:
            out.append((path.name, None, f"{source_label(path.name)}: could not be read ({exc.strerror or exc})"))
    return out


def read_class(files: Iterable[str | Path | tuple[str, bytes]]) -> ClassResults:
    """Read many scenario files (paths, or (file name, bytes) pairs) without stopping at a bad one."""
    rows: list[dict[str, Any]] = []
    problems: dict[str, list[str]] = {}
    for name, data, unreadable in sorted(_files(files), key=lambda f: f[0]):
        source = source_label(name)
        try:
            if data is None:
                raise ValueError(unreadable)
            record = parse_record(data, name)
            row = check_class_record(record, source)
        except ValueError as exc:
            problems.setdefault(name, []).append(str(exc))
            continue
        problems.setdefault(name, []).extend(formula_warnings(record, source))
        rows.append({"file": name, **row})
    _mark_repeats(rows, problems)
    columns = [*TABLE_COLUMNS, "chapter"]
    table = pd.DataFrame([{k: r[k] for k in columns} for r in rows], columns=columns)
    names = sorted({n for r in rows for n in r["controls"]})
    for control in names:
        table[f"control.{control}"] = [r["controls"].get(control, math.nan) for r in rows]
    return ClassResults(table, {k: tuple(v) for k, v in problems.items() if v}, _agreement(rows))


def _mark_repeats(rows: list[dict[str, Any]], problems: dict[str, list[str]]) -> None:
    """A second file from the same student for the same explorer is one coder twice: it stays in
    the table but is left out of the agreement (the first file, in name order, counts)."""
    seen: dict[tuple[str, str], str] = {}
    for row in rows:
        key = (row["student"].strip().lower(), row["explorer"])  # as JavaScript's toLowerCase
        row["counted"] = True
        if not key[0]:
            continue
        if key in seen:
            row["counted"] = False
            problems[row["file"]].append(f"{source_label(row['file'])}: the same student and explorer as "
                                         f"{source_label(seen[key])}; left out of the agreement")
        else:
            seen[key] = row["file"]


def _agreement(rows: list[dict[str, Any]]) -> pd.DataFrame:
    out = []
    for explorer in sorted({r["explorer"] for r in rows}):
        mine = [r for r in rows if r["explorer"] == explorer]
        coders = [r for r in mine if r["counted"]]
        units = sorted({n for r in coders for n in r["controls"]})
        alpha = interval_alpha([[r["controls"].get(u) for u in units] for r in coders])
        if len(coders) < MIN_CODERS:
            note = f"alpha needs at least {MIN_CODERS} coders"
        elif math.isnan(alpha):
            note = "every file gives the same values: alpha is undefined"
        else:
            note = ""
        out.append({"explorer": explorer, "chapter": RULES["explorer_chapters"][explorer], "files": len(mine),
                    "coders": len(coders), "inputs": len(units), "alpha": alpha, "note": note})
    return pd.DataFrame(out, columns=list(AGREEMENT_COLUMNS))
