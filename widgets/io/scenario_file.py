"""Scenario files: an explorer's settings and prediction, saved as JSON or CSV and loaded back.

A student saves "my scenario" from any explorer (live in Jupyter, or on the static web page)
and an instructor loads it into the same explorer to reproduce it exactly. The format is the
same in both places (``static/explorer-files.js`` writes and reads it too, by the same rules):

JSON::

    {"format": "alliances-scenario", "version": 1, "explorer": "ch1-sources",
     "title": "...", "controls": {"aggregate_power": 0.75, "war": false, ...},
     "prediction": {"summary": "...", "choice": "balance", ...}}

CSV: one header row and one data row, the JSON flattened with dotted column names
(``control.aggregate_power``, ``prediction.summary``), so a class's files can be
concatenated into one spreadsheet.

Loading is strict: the file must be for this explorer, name exactly its controls, and give
each a value on its grid. Anything else raises ``ValueError`` naming the file, the field and
what is allowed, and nothing is changed. The prediction in a file is never trusted: the
explorer recomputes it (and says so when the file's prediction differs from today's).

How a file is read (encoding, size, nesting, how a number or true/false is written) is
declared once in ``RULES`` (``scenario_rules``); ``scenario_text`` applies exactly those rules, and the page embeds the
same dict (``rules_json``) for ``static/explorer-files.js``. Text cells a spreadsheet would run as
formulas are guarded with an apostrophe when saved as CSV, and reported when loaded unguarded,
because an instructor stacks a class's files into one spreadsheet.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..model.validation import listed, shown
from .scenario_rules import (
    _FORMULA,
    _GUARD,
    _HEAD,
    FORMAT,
    GRID_TOLERANCE,
    MAX_BYTES,
    RULES,
    VERSION,
    download_name,
    rules_json,
    student_slug,
)
from .scenario_text import _described, _finite, _named, _plain, _unguarded, parse_record, source_label

if TYPE_CHECKING:  # a scenario file only reads the controls' names and values
    from ..display.controls import Control

__all__ = [
    "FORMAT", "GRID_TOLERANCE", "MAX_BYTES", "RULES", "TEXT_FIELDS", "VERSION", "LoadedScenario", "check_head",
    "check_record", "check_text_fields", "download_name", "formula_warnings", "parse_record", "prediction_of",
    "read_scenario", "rules_json", "scenario_record", "source_label", "student_slug", "to_csv", "to_json",
]

# ("justification", "student"): sorted, the order in which the page reads them
TEXT_FIELDS: tuple[str, ...] = tuple(sorted(RULES["text_fields"]))


@dataclass(frozen=True)
class LoadedScenario:
    """What a file asks for: control values on the explorer's grid, and the prediction it recorded."""

    values: dict[str, Any]
    recorded_prediction: dict[str, Any]
    warnings: tuple[str, ...] = field(default=())
    student: str = ""
    justification: str = ""


def scenario_record(explorer_id: str, title: str, controls: Sequence[Control], values: Mapping[str, Any],
                    prediction: Mapping[str, Any], student: str = "", justification: str = "") -> dict[str, Any]:
    """The scenario as a JSON-ready dict (controls in the explorer's order). ``student`` and
    ``justification`` are what the student typed; too long a text is a ValueError (RULES['text_fields'])."""
    check_text_fields({"student": student, "justification": justification}, "the scenario")
    return {
        "format": FORMAT,
        "version": VERSION,
        "explorer": explorer_id,
        "title": title,
        "student": student,
        "justification": justification,
        "controls": {c.name: (bool(values[c.name]) if c.is_toggle else float(values[c.name])) for c in controls},
        "prediction": dict(prediction),
    }


def prediction_of(figure: Mapping[str, Any]) -> dict[str, Any]:
    """The prediction a figure shows: its text description and, where the figure builder
    recorded one, the structured result in ``layout.meta.result``."""
    meta = (figure.get("layout") or {}).get("meta") or {}
    out: dict[str, Any] = {"summary": str(meta.get("description", ""))}
    result = meta.get("result")
    if isinstance(result, Mapping):
        out.update(result)
    return out


def to_json(record: Mapping[str, Any]) -> str:
    return json.dumps(record, indent=2, ensure_ascii=False) + "\n"


def _flatten(prefix: str, value: Any, out: dict[str, Any]) -> None:
    if isinstance(value, Mapping):
        for key, child in value.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), child, out)
    else:
        out[prefix] = value


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, 6))
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA):  # a spreadsheet would run it as a formula
        return _GUARD + text
    return text


def to_csv(record: Mapping[str, Any]) -> str:
    flat: dict[str, Any] = {}
    _flatten("", {k: record.get(k, "") for k in _HEAD}, flat)
    _flatten("control", record["controls"], flat)
    _flatten("prediction", record["prediction"], flat)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(flat.keys())
    writer.writerow(_cell(v) for v in flat.values())
    return buffer.getvalue()


def formula_warnings(record: Mapping[str, Any], source: str = "scenario file") -> tuple[str, ...]:
    """Text values a spreadsheet would run as formulas (they start with =, +, -, @, tab or CR)."""
    found: list[str] = []

    def walk(value: Any, where: str) -> None:
        if isinstance(value, Mapping):
            for key, child in value.items():
                walk(child, f"{where}.{key}")
        elif isinstance(value, list):
            for child in value:
                walk(child, where)
        elif isinstance(value, str) and value.startswith(_FORMULA):
            found.append(where)

    for key in ("format", "explorer", "title", *TEXT_FIELDS):
        walk(record.get(key), key)
    walk(record.get("prediction"), "prediction")
    if not found:
        return ()
    return (f"{source}: {listed([_named(f) for f in found])} start{'s' if len(found) == 1 else ''} with "
            "=, +, -, @, a tab or a carriage return, which a spreadsheet may run as a formula; "
            "it was loaded as text, but check the file before stacking it into a spreadsheet",)


def check_text_fields(record: Mapping[str, Any], source: str) -> dict[str, str]:
    """The optional ``student`` and ``justification`` texts (guard removed); a ValueError
    naming the field if one is not text, too long, or (student) more than one line."""
    out = {}
    for name in TEXT_FIELDS:
        rule, value = RULES["text_fields"][name], record.get(name, "")
        if not isinstance(value, str):
            raise ValueError(f"{source}: {name} must be text, got {_described(value)}")
        value = _unguarded(value)
        if len(value) > rule["max"]:
            raise ValueError(f"{source}: {name} is {len(value)} characters long; at most {rule['max']} are allowed")
        if rule["one_line"] and ("\n" in value or "\r" in value):
            raise ValueError(f"{source}: {name} must be one line (it holds a line break)")
        out[name] = value
    return out


def check_head(record: Mapping[str, Any], source: str) -> dict[str, str]:
    """Format, version and the student's texts, which every scenario file shares; returns the texts."""
    if record.get("format") != FORMAT:
        raise ValueError(f"{source}: format must be {FORMAT!r}, got {_described(record.get('format'))}")
    version = record.get("version")
    if isinstance(version, bool) or not isinstance(version, (int, float)) or version not in RULES["versions"]:
        raise ValueError(f"{source}: version must be {VERSION}, got {_described(version)}")
    return check_text_fields(record, source)


def _whose(explorer: Any) -> str:
    """' in chapter 2 (Balancing)' for a book explorer's id, ' (not an explorer of this book)' otherwise."""
    chapter = RULES["explorer_chapters"].get(explorer) if isinstance(explorer, str) else None
    return f" in {chapter}" if chapter else " (not an explorer of this book)"


def check_record(record: Mapping[str, Any], explorer_id: str, title: str, controls: Sequence[Control],
                 name: str | None = None) -> LoadedScenario:
    """Check a parsed scenario against one explorer; raise ``ValueError`` naming the problem."""
    source = source_label(name)
    texts = check_head(record, source)
    if record.get("explorer") != explorer_id:
        raise ValueError(f"{source}: it was saved from explorer {_described(record.get('explorer'))}"
                         f"{_whose(record.get('explorer'))}, not from this one ({explorer_id!r}, {title!r}); "
                         "load it into its own explorer")
    given = record.get("controls")
    if not isinstance(given, dict):
        raise ValueError(f"{source}: controls must be an object of control names and values, got {_described(given)}")
    names = [c.name for c in controls]
    missing = [n for n in names if n not in given]
    unknown = [_plain(n) for n in given if n not in names]
    if missing or unknown:
        parts = ([f"missing {listed(missing)}"] if missing else []) + (
            [f"unknown {listed(unknown)}"] if unknown else []
        )
        raise ValueError(f"{source}: controls {'; '.join(parts)} (this explorer's controls: {', '.join(names)})")
    values: dict[str, Any] = {}
    for control in controls:
        raw = given[control.name]
        if control.is_toggle:
            if not isinstance(raw, bool):
                raise ValueError(f"{source}: control {control.name} must be true or false, got {_described(raw)}")
            values[control.name] = raw
            continue
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not _finite(raw):
            raise ValueError(f"{source}: control {control.name} must be a number "
                             f"({', '.join(control.labels())}), got {_described(raw)}")
        on_grid = [v for v in control.values if abs(v - raw) <= GRID_TOLERANCE]
        if not on_grid:
            raise ValueError(f"{source}: control {control.name} must be one of "
                             f"{', '.join(control.labels())}, got {shown(raw)}")
        values[control.name] = on_grid[0]
    prediction = record.get("prediction")
    return LoadedScenario(values, _unguarded(dict(prediction)) if isinstance(prediction, dict) else {},
                          formula_warnings(record, source), **texts)


def read_scenario(text: str | bytes, explorer_id: str, title: str, controls: Sequence[Control],
                  name: str | None = None) -> LoadedScenario:
    """``parse_record`` then ``check_record``."""
    return check_record(parse_record(text, name), explorer_id, title, controls, name)
