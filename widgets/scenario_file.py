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
declared once in ``RULES``; this module applies exactly those rules, and the page embeds the
same dict (``rules_json``) for ``static/explorer.js``. Text cells a spreadsheet would run as
formulas are guarded with an apostrophe when saved as CSV, and reported when loaded unguarded,
because an instructor stacks a class's files into one spreadsheet.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from .controls import Control
from .validation import LISTED_NAMES, SHOWN_CHARACTERS, listed, shown

FORMAT = "alliances-scenario"
VERSION = 1
MAX_BYTES = 64 * 1024  # a scenario is a few hundred bytes; refuse anything absurd before parsing
GRID_TOLERANCE = 1e-6
_HEAD = ("format", "version", "explorer", "title")

# The one declared set of rules for reading a scenario file. Python applies exactly these
# (below); the page embeds the same dict (``rules_json``) for static/explorer.js. Every
# pattern is written in the subset of regular-expression syntax that Python's ``re``
# (used with ``fullmatch``) and JavaScript's ``RegExp`` (used with ``test``) read alike.
RULES: dict[str, Any] = {
    "format": FORMAT,
    "versions": [VERSION],
    "max_bytes": MAX_BYTES,
    # text: UTF-8 (invalid bytes refused), one optional UTF-8 byte-order mark removed;
    # a UTF-16/UTF-32 byte-order mark, a NUL character or a lone surrogate is refused
    "encoding": "utf-8",
    "utf8_bom": [0xEF, 0xBB, 0xBF],
    "rejected_boms": [
        {"name": "UTF-32", "bytes": [0xFF, 0xFE, 0x00, 0x00]},
        {"name": "UTF-32", "bytes": [0x00, 0x00, 0xFE, 0xFF]},
        {"name": "UTF-16", "bytes": [0xFF, 0xFE]},
        {"name": "UTF-16", "bytes": [0xFE, 0xFF]},
    ],
    "forbidden_text": "[\\u0000\\uD800-\\uDFFF]",  # NUL, or a lone surrogate (JS: RegExp flag "u")
    # JSON if the text, after JSON whitespace, starts with one of these, or the file name
    # ends with json_suffix; CSV otherwise
    "json_whitespace": " \t\r\n",
    "json_starts": ["{", "["],
    "json_suffix": ".json",
    "max_depth": 5,  # objects and arrays inside one another; a scenario uses 3
    "max_field_name": 64,  # characters in a key or CSV column name
    "max_listed": LISTED_NAMES,  # names listed in a message before "and N more"
    "max_shown": SHOWN_CHARACTERS,  # characters of a value quoted in a message
    # CSV (RFC 4180): fields split on ",", quoted with '"' ('""' inside quotes is a quote);
    # records end at CRLF, LF or CR; a quote inside an unquoted field is refused; blank
    # records are skipped. A number or true/false cell is first trimmed of csv_trim.
    "csv_head": list(_HEAD),
    "csv_prefixes": ["control.", "prediction."],
    "csv_trim": " \t",
    "number_pattern": "^-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$",
    "true_pattern": "^(?:[Tt][Rr][Uu][Ee]|[Yy][Ee][Ss])$",
    "false_pattern": "^(?:[Ff][Aa][Ll][Ss][Ee]|[Nn][Oo])$",
    # spreadsheet formulas: a text cell starting with one of these is saved with the guard
    # in front (CSV); loading removes a guard before one of them, and warns about a text
    # value that starts with one unguarded
    "formula_starts": ["=", "+", "-", "@", "\t", "\r"],
    "formula_guard": "'",
    "regex_flags": "u",  # JavaScript: new RegExp(pattern, "u"); Python: re.fullmatch / re.search
}


def rules_json() -> str:
    """``RULES`` as compact JSON, for a page to embed where explorer.js reads it."""
    return json.dumps(RULES, separators=(",", ":"), sort_keys=True)


_NUMBER = re.compile(RULES["number_pattern"])
_TRUE = re.compile(RULES["true_pattern"])
_FALSE = re.compile(RULES["false_pattern"])
_FORBIDDEN = re.compile(RULES["forbidden_text"])
_FORMULA = tuple(RULES["formula_starts"])
_GUARD = RULES["formula_guard"]


@dataclass(frozen=True)
class LoadedScenario:
    """What a file asks for: control values on the explorer's grid, and the prediction it recorded."""

    values: dict[str, Any]
    recorded_prediction: dict[str, Any]
    warnings: tuple[str, ...] = field(default=())


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
    text = str(value)
    if isinstance(value, str) and text.startswith(_FORMULA):  # a spreadsheet would run it as a formula
        return _GUARD + text
    return text


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


def source_label(name: str | None = None) -> str:
    """How messages name the file: "scenario file 'mine.json'" (or "scenario file")."""
    return f"scenario file {shown(str(name), 60)}" if name else "scenario file"


def _described(value: Any) -> str:
    """A value as a message shows it: 'an object', 'an array', 'null', or a short repr."""
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, (list, tuple)):
        return "an array"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and math.isinf(value):
        return "a number too large to use (it overflows to infinity)"
    return shown(value)


def _named(name: Any) -> str:
    """A field or column name as a message shows it; a blank one is described, not quoted."""
    text = str(name)
    if not text.strip():
        return f"(a blank name of {len(text)} whitespace character{'s' if len(text) != 1 else ''})" if text else "(an empty name)"
    return shown(text)


def _plain(name: Any) -> str:
    """A control name as JavaScript's message shows it: unquoted, cut short; blank ones described."""
    text = str(name)
    if not text.strip():
        return _named(text)
    text = text if len(text) <= 40 else text[:39] + "…"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _decoded(data: bytes, source: str) -> str:
    if len(data) > MAX_BYTES:
        raise ValueError(f"{source}: {len(data)} bytes is too large (at most {MAX_BYTES})")
    for bom in RULES["rejected_boms"]:
        if data.startswith(bytes(bom["bytes"])):
            raise ValueError(f"{source}: the file is {bom['name']} text; save it as UTF-8 (in Excel: 'CSV UTF-8')")
    if data.startswith(bytes(RULES["utf8_bom"])):
        data = data[len(RULES["utf8_bom"]):]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ValueError(f"{source}: not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); "
                         "save it as UTF-8 (in Excel: 'CSV UTF-8')") from None


def _check_text(text: str, source: str) -> str:
    bad = _FORBIDDEN.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        what = "a NUL character (is it UTF-16 text?)" if bad.group() == "\x00" else "a lone surrogate (not valid Unicode)"
        raise ValueError(f"{source}: line {line} holds {what}; save the file as UTF-8 text")
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ValueError(f"{source}: too large (at most {MAX_BYTES} bytes)")
    return text[1:] if text.startswith("\ufeff") else text


# --- JSON

_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:]')


class _NotJson(ValueError):
    pass


def _constant(name: str) -> Any:
    raise _NotJson(f"{name} is not a JSON value; numbers are written in digits")


def _json_int(text: str) -> int | float:
    # JavaScript reads every JSON number as a double; so do we beyond 15 digits (a
    # 400-digit number becomes inf, refused below as not a finite number)
    return int(text) if len(text) <= 15 else float(text)


def _too_deep(text: str, source: str) -> None:
    """Refuse JSON nested deeper than RULES['max_depth'] before parsing it (Python's parser
    would raise RecursionError), naming the field where it happens."""
    limit, path, key, last = RULES["max_depth"], [], None, None
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token[0] == '"':
            last = token
        elif token == ":":
            key, last = last, None
        elif token in "{[":
            path.append(key)
            key = None
            if len(path) > limit:
                names = [json.loads(k) if k.endswith('"') else k for k in path if k]
                where = f"field {_named('.'.join(map(str, names)))}" if names else "the JSON"
                raise ValueError(f"{source}: {where} is nested more than {limit} levels deep "
                                 f"(a scenario file uses 3)")
        else:
            if path:
                path.pop()
            key = None


def _check_tree(value: Any, where: str, source: str) -> None:
    """Key lengths and well-formed text everywhere in a parsed JSON record."""
    if isinstance(value, dict):
        for key, child in value.items():
            name = f"{where}.{key}" if where else key
            if _FORBIDDEN.search(key):
                raise ValueError(f"{source}: a field name in {_named(where or 'the file')} holds a NUL character "
                                 "or a lone surrogate (not valid text)")
            if len(key) > RULES["max_field_name"]:
                raise ValueError(f"{source}: field name {_named(name)} is longer than {RULES['max_field_name']} characters")
            _check_tree(child, name, source)
    elif isinstance(value, list):
        for child in value:
            _check_tree(child, where, source)
    elif isinstance(value, str) and _FORBIDDEN.search(value):
        raise ValueError(f"{source}: field {_named(where)} holds a NUL character or a lone surrogate (not valid text)")


def _finite(value: Any) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float
        return False


def _from_json(text: str, source: str) -> dict[str, Any]:
    _too_deep(text, source)
    try:
        record = json.loads(text, parse_constant=_constant, parse_int=_json_int)
    except _NotJson as exc:
        raise ValueError(f"{source}: not valid JSON ({exc})") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"{source}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    except RecursionError:  # the depth check above makes this unreachable; kept as a last guard
        raise ValueError(f"{source}: the JSON is nested too deep") from None
    if not isinstance(record, dict):
        raise ValueError(f"{source}: the JSON must be an object {{...}}, got {_described(record)}")
    _check_tree(record, "", source)
    return record


# --- CSV


def _csv_rows(text: str, source: str) -> list[list[str]]:
    """RFC 4180 records, exactly as static/explorer.js splits them (see RULES)."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    quoted, i, n = False, 0, len(text)
    while i < n:
        ch = text[i]
        if quoted:
            if ch == '"' and text.startswith('"', i + 1):
                cell.append('"')
                i += 2
            elif ch == '"':
                quoted, i = False, i + 1
            else:
                stop = text.find('"', i)
                stop = n if stop < 0 else stop
                cell.append(text[i:stop])
                i = stop
            continue
        if ch == '"' and not cell:
            quoted, i = True, i + 1
        elif ch == '"':
            line = text.count("\n", 0, i) + 1
            raise ValueError(f"{source}: not valid CSV (a quote inside an unquoted field, line {line}, column {len(row) + 1})")
        elif ch == ",":
            row.append("".join(cell))
            cell, i = [], i + 1
        elif ch in "\r\n":
            row.append("".join(cell))
            cell = []
            if row != [""]:
                rows.append(row)
            row = []
            i += 2 if text.startswith("\r\n", i) else 1
        else:
            stop = min((j for j in (text.find(c, i) for c in ',"\r\n') if j >= 0), default=n)
            cell.append(text[i:stop])
            i = stop
    if quoted:
        raise ValueError(f"{source}: not valid CSV (a quoted field is never closed)")
    row.append("".join(cell))
    if row != [""]:
        rows.append(row)
    return rows


def _unguarded(value: Any) -> Any:
    """Text as it was before the save guard (RULES['formula_guard']) was put in front."""
    if isinstance(value, Mapping):
        return {key: _unguarded(child) for key, child in value.items()}
    if isinstance(value, list):
        return [_unguarded(child) for child in value]
    if isinstance(value, str) and value.startswith(_GUARD) and value[1:].startswith(_FORMULA):
        return value[1:]
    return value


def _csv_value(name: str, cell: str, source: str) -> Any:
    """A control cell: true/false, or a number written as RULES['number_pattern'] allows."""
    raw = cell.strip(RULES["csv_trim"])
    if _TRUE.fullmatch(raw):
        return True
    if _FALSE.fullmatch(raw):
        return False
    if not _NUMBER.fullmatch(raw):
        raise ValueError(f"{source}: column {name} must be a number written like 0.25 or -1e-3 "
                         f"(or true/false), got {shown(cell)}")
    return float(raw)  # a 400-digit number is inf here, refused later as not finite


def _from_csv(text: str, source: str) -> dict[str, Any]:
    rows = _csv_rows(text, source)
    if len(rows) != 2:
        raise ValueError(f"{source}: a CSV scenario has one header row and one data row, got {len(rows)} rows")
    header, cells = rows
    if len(header) != len(cells):
        raise ValueError(f"{source}: the CSV header has {len(header)} columns but the data row has {len(cells)}")
    for number, name in enumerate(header, start=1):
        if not name.strip():
            raise ValueError(f"{source}: CSV column {number} has {_named(name)}")
        if len(name) > RULES["max_field_name"]:
            raise ValueError(f"{source}: CSV column {number} name {_named(name)} is longer than "
                             f"{RULES['max_field_name']} characters")
    twice = sorted({name for name in header if header.count(name) > 1})
    if twice:
        raise ValueError(f"{source}: the CSV header names a column twice: {listed([_named(n) for n in twice])}")
    unknown = [name for name in header if name not in _HEAD and not any(
        name.startswith(p) and len(name) > len(p) for p in RULES["csv_prefixes"])]
    if unknown:
        raise ValueError(f"{source}: unknown CSV column {listed([_named(n) for n in unknown])} "
                         f"(allowed: {', '.join(_HEAD)}, control.*, prediction.*)")
    record: dict[str, Any] = {"controls": {}, "prediction": {}}
    for name, cell in zip(header, cells):
        if name == "version":
            raw = cell.strip(RULES["csv_trim"])
            number = float(raw) if _NUMBER.fullmatch(raw) else None
            record[name] = int(number) if number is not None and number.is_integer() else cell
        elif name in _HEAD:
            record[name] = cell
        elif name.startswith("control."):
            record["controls"][name[len("control."):]] = _csv_value(name, cell, source)
        else:
            record["prediction"][name[len("prediction."):]] = cell
    return record


def parse_record(text: str | bytes, name: str | None = None) -> dict[str, Any]:
    """Read a JSON or CSV scenario into the JSON form (not yet checked against an explorer).

    ``name`` is the file's name: messages quote it, and a name ending ``.json`` is read as
    JSON whatever it holds. Every problem is a ValueError naming the file and the field."""
    source = source_label(name)
    if isinstance(text, (bytes, bytearray, memoryview)):
        text = _decoded(bytes(text), source)
    if not isinstance(text, str):
        raise TypeError(f"a scenario must be text (JSON or CSV), got {type(text).__name__}")
    text = _check_text(text, source)
    start = text.lstrip(RULES["json_whitespace"])[:1]
    is_json = start in RULES["json_starts"] or str(name or "").lower().endswith(RULES["json_suffix"])
    if not text.strip(RULES["json_whitespace"]):
        kind = "JSON object" if is_json else "JSON object or a CSV header and row"
        raise ValueError(f"{source}: the file is empty (a scenario is a {kind})")
    return _from_json(text, source) if is_json else _from_csv(text, source)


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

    for key in ("format", "explorer", "title"):
        walk(record.get(key), key)
    walk(record.get("prediction"), "prediction")
    if not found:
        return ()
    return (f"{source}: {listed([_named(f) for f in found])} start{'s' if len(found) == 1 else ''} with "
            "=, +, -, @, a tab or a carriage return, which a spreadsheet may run as a formula; "
            "it was loaded as text, but check the file before stacking it into a spreadsheet",)


def check_record(record: Mapping[str, Any], explorer_id: str, title: str, controls: Sequence[Control],
                 name: str | None = None) -> LoadedScenario:
    """Check a parsed scenario against one explorer; raise ``ValueError`` naming the problem."""
    source = source_label(name)
    if record.get("format") != FORMAT:
        raise ValueError(f"{source}: format must be {FORMAT!r}, got {_described(record.get('format'))}")
    version = record.get("version")
    if isinstance(version, bool) or not isinstance(version, (int, float)) or version not in RULES["versions"]:
        raise ValueError(f"{source}: version must be {VERSION}, got {_described(version)}")
    if record.get("explorer") != explorer_id:
        raise ValueError(f"{source}: it was saved from explorer {_described(record.get('explorer'))}, "
                         f"not from this one ({explorer_id!r}, {title!r})")
    given = record.get("controls")
    if not isinstance(given, dict):
        raise ValueError(f"{source}: controls must be an object of control names and values, got {_described(given)}")
    names = [c.name for c in controls]
    missing = [n for n in names if n not in given]
    unknown = [_plain(n) for n in given if n not in names]
    if missing or unknown:
        parts = ([f"missing {listed(missing)}"] if missing else []) + ([f"unknown {listed(unknown)}"] if unknown else [])
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
                          formula_warnings(record, source))


def read_scenario(text: str | bytes, explorer_id: str, title: str, controls: Sequence[Control],
                  name: str | None = None) -> LoadedScenario:
    """``parse_record`` then ``check_record``."""
    return check_record(parse_record(text, name), explorer_id, title, controls, name)
