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
each a value on its grid. Anything else raises ``ValueError`` naming the field and what is
allowed, and nothing is changed. The prediction in a file is never trusted: the explorer
recomputes it (and says so when the file's prediction differs from today's).
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from .controls import Control

FORMAT = "alliances-scenario"
VERSION = 1
MAX_BYTES = 64 * 1024  # a scenario is a few hundred bytes; refuse anything absurd before parsing
GRID_TOLERANCE = 1e-6
_HEAD = ("format", "version", "explorer", "title")


@dataclass(frozen=True)
class LoadedScenario:
    """What a file asks for: control values on the explorer's grid, and the prediction it recorded."""

    values: dict[str, Any]
    recorded_prediction: dict[str, Any]


def scenario_record(explorer_id: str, title: str, controls: Sequence[Control], values: Mapping[str, Any],
                    prediction: Mapping[str, Any]) -> dict[str, Any]:
    """The scenario as a JSON-ready dict (controls in the explorer's order)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "explorer": explorer_id,
        "title": title,
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
    return str(value)


def to_csv(record: Mapping[str, Any]) -> str:
    flat: dict[str, Any] = {}
    _flatten("", {k: record[k] for k in _HEAD}, flat)
    _flatten("control", record["controls"], flat)
    _flatten("prediction", record["prediction"], flat)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(flat.keys())
    writer.writerow(_cell(v) for v in flat.values())
    return buffer.getvalue()


# --------------------------------------------------------------------------- reading


def _from_csv(text: str) -> dict[str, Any]:
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline=""), strict=True) if row]
    except csv.Error as exc:
        raise ValueError(f"scenario file: not valid CSV ({exc})") from None
    if len(rows) != 2:
        raise ValueError(f"scenario file: a CSV scenario has one header row and one data row, got {len(rows)} rows")
    header, cells = rows
    if len(header) != len(cells):
        raise ValueError(f"scenario file: the CSV header has {len(header)} columns but the data row has {len(cells)}")
    if len(set(header)) != len(header):
        raise ValueError("scenario file: the CSV header names a column twice")
    record: dict[str, Any] = {"controls": {}, "prediction": {}}
    for name, cell in zip(header, cells):
        if name in _HEAD:
            record[name] = int(cell) if name == "version" and cell.isdigit() else cell
        elif name.startswith("control.") and len(name) > len("control."):
            raw = cell.strip().lower()
            record["controls"][name[len("control."):]] = (
                True if raw in ("true", "yes") else False if raw in ("false", "no") else _number(name, cell))
        elif name.startswith("prediction."):
            record["prediction"][name[len("prediction."):]] = cell
        else:
            raise ValueError(f"scenario file: unknown CSV column {name!r} (allowed: {', '.join(_HEAD)}, control.*, prediction.*)")
    return record


def _number(field: str, cell: str) -> float:
    try:
        value = float(cell)
    except ValueError:
        raise ValueError(f"scenario file: {field} must be a number, got {cell[:40]!r}") from None
    return value


def parse_record(text: str | bytes) -> dict[str, Any]:
    """Read a JSON or CSV scenario into the JSON form (not yet checked against an explorer)."""
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise ValueError(f"scenario file: {len(text)} bytes is too large (at most {MAX_BYTES})")
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValueError("scenario file: not UTF-8 text") from None
    if not isinstance(text, str):
        raise TypeError(f"a scenario must be text (JSON or CSV), got {type(text).__name__}")
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ValueError(f"scenario file: too large (at most {MAX_BYTES} bytes)")
    text = text.lstrip("\ufeff")
    if text.lstrip().startswith("{"):
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"scenario file: not valid JSON ({exc.msg}, line {exc.lineno})") from None
        if not isinstance(record, dict):
            raise ValueError("scenario file: the JSON must be an object")
        return record
    return _from_csv(text)


def check_record(record: Mapping[str, Any], explorer_id: str, title: str, controls: Sequence[Control]) -> LoadedScenario:
    """Check a parsed scenario against one explorer; raise ``ValueError`` naming the problem."""
    if record.get("format") != FORMAT:
        raise ValueError(f"scenario file: format must be {FORMAT!r}, got {str(record.get('format'))[:40]!r}")
    if record.get("version") != VERSION or isinstance(record.get("version"), bool):
        raise ValueError(f"scenario file: version must be {VERSION}, got {str(record.get('version'))[:20]!r}")
    if record.get("explorer") != explorer_id:
        raise ValueError(f"scenario file: it was saved from explorer {str(record.get('explorer'))[:60]!r}, "
                         f"not from this one ({explorer_id!r}, {title!r})")
    given = record.get("controls")
    if not isinstance(given, dict):
        raise ValueError("scenario file: controls must be an object of control names and values")
    names = [c.name for c in controls]
    missing = [n for n in names if n not in given]
    unknown = [str(n)[:40] for n in given if n not in names]
    if missing or unknown:
        parts = ([f"missing {', '.join(missing)}"] if missing else []) + ([f"unknown {', '.join(unknown)}"] if unknown else [])
        raise ValueError(f"scenario file: controls {'; '.join(parts)} (this explorer's controls: {', '.join(names)})")
    values: dict[str, Any] = {}
    for control in controls:
        raw = given[control.name]
        if control.is_toggle:
            if not isinstance(raw, bool):
                raise ValueError(f"scenario file: control {control.name} must be true or false, got {str(raw)[:40]!r}")
            values[control.name] = raw
            continue
        if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not math.isfinite(raw):
            raise ValueError(f"scenario file: control {control.name} must be a number, got {str(raw)[:40]!r}")
        on_grid = [v for v in control.values if abs(v - raw) <= GRID_TOLERANCE]
        if not on_grid:
            raise ValueError(f"scenario file: control {control.name} must be one of "
                             f"{', '.join(control.labels())}, got {raw!r}")
        values[control.name] = on_grid[0]
    prediction = record.get("prediction")
    return LoadedScenario(values, dict(prediction) if isinstance(prediction, dict) else {})


def read_scenario(text: str | bytes, explorer_id: str, title: str, controls: Sequence[Control]) -> LoadedScenario:
    """``parse_record`` then ``check_record``."""
    return check_record(parse_record(text), explorer_id, title, controls)
