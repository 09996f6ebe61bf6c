"""A shared corpus of hostile scenario files for chapter 1's first explorer (``ch1-sources``).

Each file is ``(name, bytes, expected)``: the file name a reader would pick, its exact bytes,
and a piece of the message both loaders give when they refuse it (Python's
``scenario_file.read_scenario`` and the page's ``static/explorer-files.js``, which follow the same
``scenario_file.RULES``). The Python tests run them in ``test_hostile_inputs.py``; a browser
test can feed the same bytes to the page's file chooser (``set_input_files`` accepts
``{"name", "mimeType", "buffer"}``) and expect the same piece in the explorer's status.

``LOADED_WITH_WARNING`` files load but must warn about spreadsheet formulas;
``ACCEPTED`` files must load silently.
"""

from __future__ import annotations

import json
from functools import lru_cache

EXPLORER = "ch1-sources"
TITLE = "Four sources of threat, seen by a middle power"


def explorer():
    """A fresh explorer built like chapter 1's first explorer cell (the same arguments as
    test_site_features.chapter_one_explorer), at its starting values."""
    from widgets import Situation, Threat
    from widgets.explorers import threat_explorer

    return threat_explorer(Threat(0.25, 0.25, 0.25, 0.25), Situation(0.5, 0.5), title=TITLE, explorer_id=EXPLORER)


_explorer = lru_cache(maxsize=1)(explorer)


def good_record() -> dict:
    """The explorer's own scenario, as JSON data (a valid file to spoil)."""
    return json.loads(_explorer().export("json"))


def good_csv() -> str:
    return _explorer().export("csv")


def _json(record: dict) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def _with_control(raw_value: str) -> bytes:
    """The valid JSON file with aggregate_power's value replaced by raw JSON text."""
    text = json.dumps(good_record())
    marker = '"aggregate_power": 0.25'
    assert marker in text
    return text.replace(marker, '"aggregate_power": ' + raw_value, 1).encode("utf-8")


def _csv_with(column: str, cell: str) -> bytes:
    """The valid CSV file with one cell replaced (the cell written as given, unquoted)."""
    import csv
    import io

    header, row = list(csv.reader(io.StringIO(good_csv())))
    row[header.index(column)] = cell
    quoted = [
        c if c == cell else ('"' + c.replace('"', '""') + '"' if any(x in c for x in ',"\r\n') else c) for c in row
    ]
    return (",".join(header) + "\r\n" + ",".join(quoted) + "\r\n").encode("utf-8")


def _csv_header(change) -> bytes:
    import csv
    import io

    header, row = list(csv.reader(io.StringIO(good_csv())))
    header, row = change(header, row)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerow(row)
    return out.getvalue().encode("utf-8")


def _csv_header_names() -> list[str]:
    return good_csv().split("\r\n")[0].split(",")


def _nested(depth: int) -> bytes:
    record = good_record()
    text = json.dumps(record)[:-1] + ', "x": ' + "[" * depth + "]" * depth + "}"
    return text.encode("utf-8")


BAD_NUMBERS = {
    "hex": "0x1",
    "binary": "0b1",
    "underscore": "0_1",
    "arabic-indic": "\u0660.25",
    "full-width": "\uff10.25",
    "plus": "+0.25",
    "inf": "inf",
    "nan": "nan",
    "infinity": "Infinity",
    "bare-dot": ".25",
    "comma-decimal": '"0,25"',
    "empty": "",
}


def hostile_files() -> list[tuple[str, bytes, str]]:
    """(file name, bytes, a piece of the expected message) for every hostile file."""
    files: list[tuple[str, bytes, str]] = [
        ("nested-1000.json", _nested(1000), "field 'x' is nested more than 5 levels deep"),
        ("nested-30000.json", _nested(30000), "field 'x' is nested more than 5 levels deep"),
        ("digits-400.json", _with_control("1" * 400), "control aggregate_power must be a number"),
        ("digits-4400.json", _with_control("9" * 4400), "control aggregate_power must be a number"),
        (
            "control-object.json",
            _with_control('{"a": 1}'),
            "control aggregate_power must be a number (0.00, 0.25, 0.50, 0.75, 1.00), got an object",
        ),
        (
            "control-array.json",
            _with_control("[0.25]"),
            "control aggregate_power must be a number (0.00, 0.25, 0.50, 0.75, 1.00), got an array",
        ),
        ("control-nan.json", _with_control("NaN"), "not valid JSON"),
        (
            "lone-surrogate.json",
            json.dumps(good_record()).replace('"title": "', '"title": "\\ud800', 1).encode(),
            "field 'title' holds a NUL character or a lone surrogate",
        ),
        (
            "nul.json",
            json.dumps(good_record()).replace('"title": "', '"title": "\\u0000', 1).encode(),
            "field 'title' holds a NUL character",
        ),
        ("version-superscript.csv", _csv_with("version", "\u00b9"), "version must be 1, got '\u00b9'"),
        ("version-huge.csv", _csv_with("version", "1" * 5000), "version must be 1"),
        ("utf16.csv", ("\ufeff" + good_csv()).encode("utf-16-le"), "UTF-16 text; save it as UTF-8"),
        ("utf16-be.json", ("\ufeff" + good_csv()).encode("utf-16-be"), "UTF-16 text; save it as UTF-8"),
        ("utf32.json", ("\ufeff" + json.dumps(good_record())).encode("utf-32-le"), "UTF-32 text; save it as UTF-8"),
        (
            "cp1252.csv",
            good_csv().replace("middle power", "middle pow\u00e9r").encode("cp1252"),
            "not UTF-8 text (byte 0xe9 on line 2)",
        ),
        ("utf16-no-bom.csv", good_csv().encode("utf-16-le"), "NUL character (is it UTF-16 text?)"),
        ("array.json", b"[1, 2]", "the JSON must be an object {...}, got an array"),
        ("array.csv", b'  ["format"]', "the JSON must be an object {...}, got an array"),
        ("empty.json", b"", "the file is empty (a scenario is a JSON object)"),
        ("blank.json", b" \r\n\t ", "the file is empty"),
        ("empty.csv", b"", "the file is empty"),
        (
            "blank-column.csv",
            _csv_header(lambda h, r: (h + ["   "], r + ["x"])),
            f"CSV column {len(_csv_header_names()) + 1} has (a blank name of 3 whitespace characters)",
        ),
        (
            "duplicate-column.csv",
            _csv_header(lambda h, r: (h + ["control.proximity"], r + ["0.5"])),
            "names a column twice: 'control.proximity'",
        ),
        (
            "unknown-columns.csv",
            _csv_header(lambda h, r: (h + [f"extra{i}" for i in range(5000)], r + ["1"] * 5000)),
            "unknown CSV column 'extra0', 'extra1', 'extra2', 'extra3', 'extra4' and 4995 more",
        ),
        (
            "unknown-5000.json",
            _json({**good_record(), "controls": {**good_record()["controls"], **{f"m{i}": 0 for i in range(5000)}}}),
            "unknown m0, m1, m2, m3, m4 and 4995 more",
        ),
        (
            "blank-control.json",
            _json({**good_record(), "controls": {**good_record()["controls"], "  ": 0}}),
            "unknown (a blank name of 2 whitespace characters)",
        ),
        ("long-name.json", _json({**good_record(), "prediction": {"x" * 65: 1}}), "is longer than 64 characters"),
        (
            "long-column.csv",
            _csv_header(lambda h, r: (h + ["prediction." + "x" * 60], r + ["1"])),
            "is longer than 64 characters",
        ),
        ("quote-inside.csv", _csv_with("title", 'a"b'), "a quote inside an unquoted field, line 2, column 4"),
        ("unclosed-quote.csv", good_csv().encode() + b'"', "a quoted field is never closed"),
        ("too-large.json", b"{" + b" " * (64 * 1024) + b"}", "too large (at most 65536)"),
        (
            "format-object.json",
            _json({**good_record(), "format": {"a": 1}}),
            "format must be 'alliances-scenario', got an object",
        ),
        (
            "controls-array.json",
            _json({**good_record(), "controls": [0.25]}),
            "controls must be an object of control names and values, got an array",
        ),
    ]
    for label, cell in BAD_NUMBERS.items():
        files.append(
            (
                f"number-{label}.csv",
                _csv_with("control.aggregate_power", cell),
                "column control.aggregate_power must be a number written like 0.25",
            )
        )
    return files


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_files() -> list[tuple[str, bytes, str]]:
    """Files that load but must warn: a text cell a spreadsheet would run as a formula."""
    files = []
    for i, start in enumerate(FORMULA_STARTS):
        files.append(
            (
                f"formula-{i}.csv",
                _csv_with("prediction.summary", '"' + start + 'HYPERLINK(""http://x"")"'),
                "'prediction.summary' starts with =, +, -, @, a tab or a carriage return",
            )
        )
    record = good_record()
    record["title"] = "=1+1"
    files.append(("formula-title.json", _json(record), "'title' starts with"))
    return files


def accepted_files() -> list[tuple[str, bytes]]:
    """Files that must load without a warning (a BOM from Excel's "CSV UTF-8", CRLF, spaces)."""
    return [
        ("bom.csv", b"\xef\xbb\xbf" + good_csv().encode()),
        ("bom.json", b"\xef\xbb\xbf" + _json(good_record())),
        ("lf.csv", good_csv().replace("\r\n", "\n").encode()),
        ("cr.csv", good_csv().replace("\r\n", "\r").encode()),
        ("spaces.csv", _csv_with("control.aggregate_power", " 0.25\t")),
        ("exponent.csv", _csv_with("control.aggregate_power", "2.5e-1")),
        ("words.json", _json({**good_record(), "title": "Sécurité — 安全 🙂"})),
        ("guarded.csv", _csv_with("prediction.summary", "'=SUM(1)")),
    ]
