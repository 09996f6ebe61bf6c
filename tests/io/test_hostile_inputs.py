"""Hostile and malformed input (issue 13): every bad file or value gets a clear error naming
the file, the field and what is allowed, never a deep library exception or silence.

Scenario files run the shared corpus in ``hostile_scenarios.py`` (which the browser test can
reuse); case files run through every CSV loader; model constructors get numbers too large
for a float; and the declared ``scenario_file.RULES`` are checked to be what Python applies
and to read the same in JavaScript.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.io import scenario_file
from widgets.io.cases import CaseDataError, load_cases, read_cases
from widgets.io.csvtable import TableError, decode
from widgets.io.scenario_file import RULES, parse_record, read_scenario, rules_json, to_csv
from widgets.io.schweller_cases import SchwellerDataError, load_schweller_cases
from widgets.model.aid import Aid, AidParameters
from widgets.model.alignment import ModelParameters
from widgets.model.explanations import ExplanationWeights
from widgets.model.ideology import Ideology, IdeologyParameters
from widgets.model.interests import InterestParameters, Scenario
from widgets.model.landscape import load_europe
from widgets.model.penetration import Penetration, PenetrationParameters
from widgets.model.simulation import World
from widgets.model.situation import Situation
from widgets.model.threat import Threat, ThreatWeights
from widgets.model.validation import listed, shown

from .. import hostile_scenarios as corpus

DATA = Path(__file__).resolve().parents[2] / "data"

# --------------------------------------------------------------------------- scenario files

HOSTILE = corpus.hostile_files()


@pytest.mark.parametrize("name, data, expected", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_scenario_file_is_a_value_error_naming_file_and_field(name, data, expected):
    explorer = corpus.explorer()
    explorer.set(proximity=0.75)
    before_values, before_figure = explorer.values(), explorer.figure
    with pytest.raises(ValueError) as caught:
        explorer.load_text(data, name=name)
    message = str(caught.value)
    assert message.startswith(f"scenario file '{name}': "), message[:200]
    assert expected in message, message[:300]
    assert len(message) < 600  # a sentence, not the file echoed back
    assert explorer.values() == before_values and explorer.figure == before_figure


@pytest.mark.parametrize("name, data, expected", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_live_load_button_shows_every_refusal(name, data, expected):
    explorer = corpus.explorer()
    explorer._upload_changed({"new": ({"name": name, "content": memoryview(data)},)})
    status = explorer.status.value
    assert status.startswith("<p><b>Not loaded:</b> scenario file ")
    # the status is HTML: compare with the message as it is escaped there
    import html

    assert html.escape(expected) in status
    status.encode("utf-8")  # never a lone surrogate the widget could not send


def test_live_load_button_shows_even_an_unexpected_failure(monkeypatch):
    explorer = corpus.explorer()

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("widgets.explorers.base.read_scenario", broken)
    explorer._upload_changed({"new": ({"name": "<b>mine</b>.json", "content": memoryview(b"{}")},)})
    status = explorer.status.value
    assert status.startswith("<p><b>Not loaded:</b>") and "RuntimeError: disk on fire" in status
    assert "&lt;b&gt;mine&lt;/b&gt;.json" in status and "<b>mine" not in status
    explorer._upload_changed({"new": ({"name": "x.json"},)})  # no content at all
    assert "could not be read (KeyError" in explorer.status.value


@pytest.mark.parametrize("name, data", corpus.accepted_files(), ids=[a[0] for a in corpus.accepted_files()])
def test_ordinary_variants_load_without_a_warning(name, data):
    explorer = corpus.explorer()
    explorer.set(aggregate_power=1.0)
    report = explorer.load_text(data, name=name)
    assert report.startswith("Scenario loaded.") and "Warning" not in report
    assert explorer.values()["aggregate_power"] == 0.25


def test_text_with_a_lone_surrogate_is_refused_before_encoding():
    text = corpus.good_csv().replace("middle power", "middle \ud800power")
    with pytest.raises(ValueError, match=r"scenario file 'x\.csv': line 2 holds a lone surrogate"):
        corpus.explorer().load_text(text, name="x.csv")


def test_messages_without_a_file_name_still_say_scenario_file():
    with pytest.raises(ValueError, match=r"^scenario file: the file is empty"):
        parse_record(b"")


def test_a_hostile_file_name_is_cut_short_in_the_message():
    with pytest.raises(ValueError) as caught:
        parse_record(b"", name="x" * 5000 + ".json")
    assert len(str(caught.value)) < 200


_AT_START: dict = {}


def _explorer_at_start():
    """An explorer at its starting values, for the property tests below: building one (widgets and a
    Plotly figure) takes ~50 ms, loading a refused file microseconds, so one is reused for as long as
    it stays at its starting values and a fresh one is built after any load that moved it. Whether a
    file loads does not depend on the explorer's current values (``load_text`` reads the file against
    the explorer's id, title and controls, which never change), so every example starts where a fresh
    explorer would."""
    explorer = _AT_START.get("explorer")
    if explorer is None or explorer.values() != _AT_START["values"]:
        explorer = _AT_START["explorer"] = corpus.explorer()
        _AT_START["values"] = explorer.values()
    return explorer


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_load_or_raise_value_error(data):
    explorer = _explorer_at_start()
    try:
        explorer.load_text(data, name="fuzz.csv")
    except ValueError as exc:
        assert str(exc).startswith("scenario file 'fuzz.csv': ")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_control_cell_loads_only_as_a_number_on_the_grid(cell):
    data = corpus._csv_with("control.aggregate_power", '"' + cell.replace('"', '""') + '"')
    explorer = _explorer_at_start()
    try:
        explorer.load_text(data, name="cell.csv")
    except ValueError as exc:
        assert "aggregate_power" in str(exc) or "lone surrogate" in str(exc) or "NUL" in str(exc)
        return
    trimmed = cell.strip(RULES["csv_trim"])
    assert re.fullmatch(RULES["number_pattern"], trimmed), cell
    assert abs(float(trimmed) - explorer.values()["aggregate_power"]) <= 1e-6


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
        max_leaves=30,
    )
)
def test_any_json_value_in_a_control_gives_a_value_error_or_loads(value):
    record = corpus.good_record()
    record["controls"]["aggregate_power"] = value
    explorer = _explorer_at_start()
    try:
        explorer.load_text(json.dumps(record), name="v.json")
    except ValueError as exc:
        assert "aggregate_power" in str(exc) or "not valid JSON" in str(exc) or "nested more than" in str(exc)
    else:
        assert explorer.values()["aggregate_power"] in (0.0, 0.25, 0.5, 0.75, 1.0)


# --------------------------------------------------------------------------- the shared rules


NUMBERS_ACCEPTED = ["0", "1", "-1", "0.25", "-0.25", "2.5e-1", "25E-2", "1e+0", "007", "1" * 400]
NUMBERS_REFUSED = [
    "",
    " ",
    "+1",
    ".5",
    "5.",
    "0x1",
    "0b1",
    "0o7",
    "0_1",
    "1_000",
    "\u0661",
    "\uff11",
    "\u00b9",
    "inf",
    "-inf",
    "Infinity",
    "nan",
    "NaN",
    "1e",
    "1e+",
    "--1",
    "1.2.3",
    "0,5",
    "1\n",
    "\n1",
    "１",
]


def test_rules_are_json_and_rules_json_is_them():
    assert json.loads(rules_json()) == RULES
    assert RULES["format"] == scenario_file.FORMAT and RULES["versions"] == [scenario_file.VERSION]
    assert RULES["max_bytes"] == scenario_file.MAX_BYTES


@pytest.mark.parametrize("text", NUMBERS_ACCEPTED)
def test_number_pattern_accepts(text):
    assert re.compile(RULES["number_pattern"]).fullmatch(text)


@pytest.mark.parametrize("text", NUMBERS_REFUSED)
def test_number_pattern_refuses(text):
    assert not re.compile(RULES["number_pattern"]).fullmatch(text)


def test_loader_applies_the_declared_limits(monkeypatch):
    """The numbers in the messages and the checks come from RULES, not from copies."""
    record = corpus.good_record()
    record["prediction"]["deep"] = {"a": {"b": 1}}  # depth 4
    text = json.dumps(record)
    parse_record(text)
    monkeypatch.setitem(RULES, "max_depth", 3)
    with pytest.raises(ValueError, match="field 'prediction.deep.a' is nested more than 3 levels deep"):
        parse_record(text)
    monkeypatch.setitem(RULES, "max_field_name", 4)
    with pytest.raises(ValueError, match="longer than 4 characters"):
        parse_record(corpus.good_csv())


NODE = shutil.which("node") or shutil.which("nodejs")


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_patterns_read_the_same_in_javascript():
    """Run every rule pattern in JavaScript (RegExp with RULES['regex_flags']) on the same
    strings and compare with Python's fullmatch/search."""
    samples = (
        NUMBERS_ACCEPTED
        + NUMBERS_REFUSED
        + ["true", "TRUE", "Yes", "no", "False", "tru", "yes!", "on", "0", "\u0000", "a\ud800b", "\udc00", "🙂", "é"]
    )
    script = """
const [rules, samples] = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = {};
for (const key of ['number_pattern', 'true_pattern', 'false_pattern', 'forbidden_text']) {
  const re = new RegExp(rules[key], rules.regex_flags);
  out[key] = samples.map(s => re.test(s));
}
process.stdout.write(JSON.stringify(out));
"""
    # lone surrogates cannot travel as UTF-8: send JSON with \\u escapes (ensure_ascii)
    payload = json.dumps([RULES, samples], ensure_ascii=True)
    result = subprocess.run([NODE, "-e", script], input=payload, capture_output=True, text=True, timeout=60, check=True)
    js = json.loads(result.stdout)
    for key in ("number_pattern", "true_pattern", "false_pattern"):
        python = [re.compile(RULES[key]).fullmatch(s) is not None for s in samples]
        assert js[key] == python, key
    python = [re.compile(RULES["forbidden_text"]).search(s) is not None for s in samples]
    assert js["forbidden_text"] == python


# --------------------------------------------------------------------------- spreadsheet formulas


@pytest.mark.parametrize("start", corpus.FORMULA_STARTS)
def test_saving_guards_a_text_cell_a_spreadsheet_would_run(start):
    record = corpus.good_record()
    record["title"] = start + "SUM(A1)"
    record["prediction"]["summary"] = start + "HYPERLINK()"
    import csv
    import io

    header, row = list(csv.reader(io.StringIO(to_csv(record), newline="")))
    cells = dict(zip(header, row, strict=True))
    assert cells["title"] == "'" + start + "SUM(A1)"
    assert cells["prediction.summary"] == "'" + start + "HYPERLINK()"
    assert cells["control.aggregate_power"] == "0.25"  # numbers are not text: never guarded
    loaded = read_scenario(to_csv(record), corpus.EXPLORER, corpus.TITLE, corpus.explorer().controls)
    assert loaded.warnings == ()  # guarded cells are safe
    assert loaded.recorded_prediction["summary"] == start + "HYPERLINK()"  # and read back as written


FORMULAS = corpus.formula_files()


@pytest.mark.parametrize("name, data, expected", FORMULAS, ids=[f[0] for f in FORMULAS])
def test_loading_an_unguarded_formula_warns_the_reader(name, data, expected):
    explorer = corpus.explorer()
    explorer._upload_changed({"new": ({"name": name, "content": memoryview(data)},)})
    status = explorer.status.value
    assert status.startswith("<p>Scenario loaded.") and "Warning: scenario file" in status
    assert expected in status.replace("&#x27;", "'")
    assert "spreadsheet may run as a formula" in status


def test_instructor_guide_mentions_the_formula_guard():
    guide = (Path(__file__).resolve().parents[2] / "guide" / "instructors.md").read_text(encoding="utf-8")
    paragraph = next(p for p in guide.split("\n\n") if "stack a class's files" in p)
    for needed in ("`=`, `+`, `-`, `@`, a tab or a carriage return", "apostrophe (`'`)", "warning"):
        assert needed in paragraph


# --------------------------------------------------------------------------- model constructors

VALIDATED = [
    Threat,
    Situation,
    ThreatWeights,
    Scenario,
    InterestParameters,
    ModelParameters,
    World,
    Ideology,
    IdeologyParameters,
    Aid,
    AidParameters,
    Penetration,
    PenetrationParameters,
    ExplanationWeights,
]
_BASE = {Threat: dict(aggregate_power=0, proximity=0, offensive_power=0, aggressive_intentions=0)}
NUMERIC_FIELDS = [
    (cls, f.name)
    for cls in VALIDATED
    for f in dataclasses.fields(cls)
    if f.name not in ("weights", "params") and not isinstance(f.default, bool | str)  # yes/no and named choices
]


def test_every_validated_dataclass_is_covered():
    import importlib
    import inspect
    import pkgutil

    import widgets

    found = set()
    for module in pkgutil.walk_packages(widgets.__path__, "widgets."):
        if module.name.endswith("__main__"):  # a command, not a module to import
            continue
        mod = importlib.import_module(module.name)
        for obj in vars(mod).values():
            if (
                inspect.isclass(obj)
                and dataclasses.is_dataclass(obj)
                and obj.__module__ == mod.__name__
                and "__post_init__" in vars(obj)
                and "validation." in inspect.getsource(obj.__post_init__)
            ):
                found.add(obj)
    assert len(found) >= 10, f"the scan found only {sorted(c.__name__ for c in found)}: has the package moved?"
    assert found <= set(VALIDATED), found - set(VALIDATED)


@pytest.mark.parametrize("cls, field", NUMERIC_FIELDS, ids=[f"{c.__name__}.{f}" for c, f in NUMERIC_FIELDS])
@pytest.mark.parametrize(
    "value", [10**400, -(10**400), Fraction(10**400, 3), 10**5000], ids=["1e400", "-1e400", "fraction", "5000-digits"]
)
def test_a_number_too_large_for_a_float_is_a_value_error_naming_field_and_range(cls, field, value):
    if isinstance(value, Fraction) and isinstance(cls.__dataclass_fields__[field].default, int):
        with pytest.raises(TypeError, match=rf"{cls.__name__}\.{field} must be an int in \["):  # not a whole number
            cls(**{**_BASE.get(cls, {}), field: value})
        return
    with pytest.raises(ValueError) as caught:
        cls(**{**_BASE.get(cls, {}), field: value})
    message = str(caught.value)
    assert re.match(rf"{cls.__name__}\.{field} must be in [\[(]-?[\d.]+, ", message), message
    assert "Exceeds the limit" not in message and len(message) < 200


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=2**1024) | st.integers(max_value=-(2**1024)),
    st.sampled_from(["aggregate_power", "proximity"]),
)
def test_huge_integers_anywhere_are_value_errors(value, field):
    with pytest.raises(ValueError, match=rf"Threat\.{field} must be in \[0, 1\], got -?\d"):
        Threat(**{**_BASE[Threat], field: value})


def test_shown_and_listed_keep_messages_short():
    assert shown(10**5000) == "an integer of about 5001 digits"
    assert shown(-(10**5000)).startswith("-an integer of about")
    assert shown("x" * 100).endswith("…") and len(shown("x" * 100)) == 40
    assert shown("\ud800").encode("utf-8")
    assert listed([str(i) for i in range(5000)]) == "0, 1, 2, 3, 4 and 4995 more"
    assert listed(["a", "b"]) == "a, b"


# --------------------------------------------------------------------------- case files


def _cases_text() -> str:
    return (DATA / "cases.csv").read_text(encoding="utf-8")


def _rows(text: str) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(text)))


def _write(rows: list[list[str]]) -> str:
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


LOADERS = {
    "cases": ("cases.csv", lambda p: load_cases(p), CaseDataError),
    "schweller": ("schweller_cases.csv", lambda p: load_schweller_cases(p), SchwellerDataError),
    "europe-states": ("europe_1936.csv", lambda p: load_europe(p, DATA / "europe_1936_pairs.csv"), CaseDataError),
    "europe-pairs": ("europe_1936_pairs.csv", lambda p: load_europe(DATA / "europe_1936.csv", p), CaseDataError),
}


def _spoil(kind: str, text: str) -> tuple[str | bytes, str]:
    """A spoiled copy of a data file and a piece of the expected problem (line and column)."""
    rows = _rows(text)
    header = rows[0]
    last = header[-1]
    if kind == "duplicate":
        rows = [r + [r[-1]] for r in rows]
        return _write(
            rows
        ), f"line 1 (header): column {last!r} appears 2 times (columns {len(header)}, {len(header) + 1})"
    if kind == "blank":
        rows = [rows[0] + ["   "]] + [r + [""] for r in rows[1:]]
        return _write(rows), f"line 1 (header): column(s) {len(header) + 1} have no name"
    if kind == "cp1252":
        rows[2][1] = rows[2][1] + "\u00e9"
        return _write(rows).encode("cp1252", errors="replace"), f"line 3, column {header[1]!r}: byte 0xe9 is not UTF-8"
    if kind == "utf16":
        return ("\ufeff" + text).encode("utf-16-le"), "line 1: the file is UTF-16"
    if kind == "huge":
        rows[2][2] = "x" * 200_000
        return _write(rows), f"line 3, column {header[2]!r}: a cell longer than 131072 characters"
    if kind == "bare-cr":
        lines = _write(rows).split("\n")
        lines[3] = lines[3].replace(",", ",\rx", 1) if not lines[3].startswith('"') else lines[3]
        return "\n".join(lines), f"line 4, column {header[1]!r}: a carriage return alone inside an unquoted cell"
    if kind == "unknown-5000":
        rows = [rows[0] + [f"extra{i}" for i in range(5000)]] + [r + [""] * 5000 for r in rows[1:]]
        return _write(rows), "unknown column(s) 'extra0', 'extra1', 'extra2', 'extra3', 'extra4' and 4995 more"
    raise AssertionError(kind)


SPOILS = ["duplicate", "blank", "cp1252", "utf16", "huge", "bare-cr", "unknown-5000"]


@pytest.mark.parametrize("loader", list(LOADERS))
@pytest.mark.parametrize("kind", SPOILS)
def test_every_csv_loader_names_file_line_and_column(tmp_path, loader, kind):
    name, load, error = LOADERS[loader]
    spoiled, expected = _spoil(kind, (DATA / name).read_text(encoding="utf-8"))
    path = tmp_path / name
    path.write_bytes(spoiled if isinstance(spoiled, bytes) else spoiled.encode("utf-8"))
    with pytest.raises(error) as caught:
        load(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: "), message[:200]
    assert expected in message, message[:500]
    assert len(message) < 2000


@pytest.mark.parametrize("loader", list(LOADERS))
def test_every_csv_loader_reads_excel_csv_utf8_with_its_bom(tmp_path, loader):
    name, load, _ = LOADERS[loader]
    plain = load(DATA / name)
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + (DATA / name).read_bytes())
    with_bom = load(path)
    if hasattr(plain, "equals"):
        assert with_bom.equals(plain)
    elif hasattr(plain, "states"):
        assert with_bom.states == plain.states and (with_bom.propensities == plain.propensities).all()
    else:
        assert with_bom == plain


def test_read_cases_accepts_text_with_a_bom():
    assert len(read_cases("\ufeff" + _cases_text())) == len(read_cases(_cases_text()))


def test_a_short_row_in_the_pairs_file_is_a_problem_not_a_crash(tmp_path):
    rows = _rows((DATA / "europe_1936_pairs.csv").read_text(encoding="utf-8"))
    rows[5] = rows[5][:2]
    path = tmp_path / "pairs.csv"
    path.write_text(_write(rows), encoding="utf-8")
    with pytest.raises(CaseDataError, match="line 6: has fewer fields than the header"):
        load_europe(DATA / "europe_1936.csv", path)


def test_decode_is_a_table_error():
    with pytest.raises(
        TableError,
        match=r"^f\.csv: 1 problem\(s\)\n  - line 1, column number 1: "
        r"byte 0xff is not UTF-8 \(in Windows-1252 it would be 'ÿ'\)",
    ):
        decode(b"a\xff,b\n1,2\n", "f.csv")
