"""Reading a scenario file's text: bytes to text, JSON or CSV to the record's JSON form.

Every rule comes from ``scenario_rules.RULES`` (the page's loader reads the same dict), and
every problem is a ``ValueError`` naming the file and the field.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

from ..model.validation import listed, shown
from .scenario_rules import _FALSE, _FORBIDDEN, _FORMULA, _GUARD, _HEAD, _NUMBER, _TRUE, MAX_BYTES, RULES


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
        return (
            f"(a blank name of {len(text)} whitespace character{'s' if len(text) != 1 else ''})"
            if text
            else "(an empty name)"
        )
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
        what = (
            "a NUL character (is it UTF-16 text?)" if bad.group() == "\x00" else "a lone surrogate (not valid Unicode)"
        )
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
                raise ValueError(
                    f"{source}: field name {_named(name)} is longer than {RULES['max_field_name']} characters"
                )
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
    """RFC 4180 records, exactly as static/explorer-files.js splits them (see RULES)."""
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
            raise ValueError(
                f"{source}: not valid CSV (a quote inside an unquoted field, line {line}, column {len(row) + 1})"
            )
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
    for name, cell in zip(header, cells, strict=True):
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
