"""Scenario files: every explorer saves its scenario (JSON and CSV) and loads it back exactly;
malformed or hostile files are refused with a clear error and change nothing.

The same format is written and read by static/explorer-files.js on the web page; the browser side
of the round trip is in test_site_scenarios.py.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets import Situation, Threat, predict
from widgets.explorers import conditions_explorer, neighbourhood_explorer, threat_explorer
from widgets.explorers.beyond import aid_explorer, combined_explorer, ideology_explorer, penetration_explorer
from widgets.explorers.evaluation import sensitivity_explorer
from widgets.explorers.interests import typology_explorer, walt_schweller_explorer
from widgets.explorers.simulation import world_explorer
from widgets.figures import prediction_result
from widgets.io.scenario_file import FORMAT, MAX_BYTES, parse_record, read_scenario, to_csv

FACTORIES = {
    "threat": lambda: threat_explorer(explorer_id="s-threat"),
    "threat_war": lambda: threat_explorer(vary=("own_strength", "war", "victory"), explorer_id="s-war"),
    "conditions": lambda: conditions_explorer(explorer_id="s-conditions"),
    "neighbourhood": lambda: neighbourhood_explorer(explorer_id="s-hood"),
    "ideology": lambda: ideology_explorer(explorer_id="s-ideology"),
    "aid": lambda: aid_explorer(explorer_id="s-aid"),
    "penetration": lambda: penetration_explorer(explorer_id="s-penetration"),
    "combined": lambda: combined_explorer(explorer_id="s-combined"),
    "typology": lambda: typology_explorer(explorer_id="s-typology"),
    "walt_schweller": lambda: walt_schweller_explorer(explorer_id="s-ws"),
    "world": lambda: world_explorer(runs=3, explorer_id="s-world"),
    "sensitivity": lambda: sensitivity_explorer(explorer_id="s-sensitivity"),
}


def moved(explorer) -> dict:
    """Every control one step away from its start (toggles flipped)."""
    values = {}
    for control, index in zip(explorer.controls, explorer.initial_indices, strict=True):
        step = index + 1 if index + 1 < len(control.values) else index - 1
        values[control.name] = control.values[step]
    return values


@pytest.mark.parametrize("kind", list(FACTORIES))
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_every_explorer_round_trips_its_scenario(kind, fmt):
    source = FACTORIES[kind]()
    source.set(**moved(source))
    text = source.export(fmt)
    target = FACTORIES[kind]()
    assert target.values() != source.values()
    report = target.load_text(text)
    assert report == "Scenario loaded."  # same model, so the recorded prediction matches
    assert target.values() == source.values()
    assert target.figure == source.figure
    assert target.scenario() == source.scenario()


@settings(max_examples=40)
@given(st.lists(st.integers(0, 4), min_size=4, max_size=4), st.sampled_from(["json", "csv"]))
def test_any_grid_state_round_trips(levels, fmt):
    explorer = threat_explorer(explorer_id="s-threat")
    names = [c.name for c in explorer.controls]
    explorer.set(**{n: explorer.controls[i].values[k] for i, (n, k) in enumerate(zip(names, levels, strict=True))})
    again = threat_explorer(explorer_id="s-threat")
    again.load_text(explorer.export(fmt))
    assert again.values() == explorer.values()


def test_saved_prediction_is_the_models():
    explorer = threat_explorer(Threat(0.75, 0.75, 0.75, 0.75), Situation(0.5, 0.5), explorer_id="s-threat")
    record = json.loads(explorer.export("json"))
    assert record["format"] == FORMAT and record["explorer"] == "s-threat"
    assert record["controls"] == {
        "aggregate_power": 0.75,
        "proximity": 0.75,
        "offensive_power": 0.75,
        "aggressive_intentions": 0.75,
    }
    expected = prediction_result(predict(Threat(0.75, 0.75, 0.75, 0.75), Situation(0.5, 0.5)))
    assert {k: record["prediction"][k] for k in expected} == expected
    assert record["prediction"]["summary"].startswith("Predicted choice: balance")


def test_csv_is_one_row_with_dotted_columns_a_spreadsheet_can_stack():
    explorer = threat_explorer(vary=("own_strength", "war"), explorer_id="s-war")
    rows = list(csv.reader(io.StringIO(explorer.export("csv"))))
    assert len(rows) == 2
    header = dict(zip(*rows, strict=True))
    assert header["control.war"] == "false" and header["control.own_strength"] == "0.5"
    assert header["prediction.choice"] in ("balance", "bandwagon", "buck-pass", "neutral")
    assert "," in header["prediction.summary"]  # quoted correctly


def test_save_and_load_files(tmp_path):
    explorer = threat_explorer(explorer_id="s-threat")
    explorer.set(proximity=1.0)
    for name in ("mine.json", "mine.csv"):
        path = explorer.save(tmp_path / name)
        again = threat_explorer(explorer_id="s-threat")
        again.load(path)
        assert again.values()["proximity"] == 1.0
    assert (tmp_path / "mine.csv").read_text().startswith("format,version,explorer")


def test_a_file_recording_another_prediction_is_loaded_with_a_note():
    explorer = threat_explorer(explorer_id="s-threat")
    record = json.loads(explorer.export("json"))
    record["prediction"]["summary"] = "Predicted choice: bandwagon (an older model)."
    report = threat_explorer(explorer_id="s-threat").load_text(json.dumps(record))
    assert "different prediction" in report


def _json(**changes) -> str:
    record = json.loads(threat_explorer(explorer_id="s-threat").export("json"))
    record.update(changes)
    return json.dumps(record)


def _controls(**changes) -> str:
    record = json.loads(threat_explorer(explorer_id="s-threat").export("json"))
    record["controls"].update(changes)
    return json.dumps(record)


HOSTILE = [
    ("", "the file is empty"),
    ("not a scenario at all", "one header row"),
    ("{", "not valid JSON"),
    ("[1, 2]", r"the JSON must be an object \{\.\.\.\}, got an array"),
    ('{"format": "alliances-scenario"}', "version must be 1"),
    (_json(format="something-else"), "format must be 'alliances-scenario'"),
    (_json(version=2), "version must be 1"),
    (_json(version=True), "version must be 1"),
    (
        _json(explorer="ch3-sources"),
        r"saved from explorer 'ch3-sources' in chapter 3 \(Bandwagoning\), not from this one",
    ),
    (_json(explorer="<img src=x onerror=alert(1)>"), "saved from explorer"),
    (_json(controls=[0.5, 0.5]), "controls must be an object"),
    (_controls(aggregate_power=0.3), r"aggregate_power must be one of 0.00, 0.25, 0.50, 0.75, 1.00, got 0.3"),
    (_controls(aggregate_power=7), "aggregate_power must be one of"),
    (_controls(aggregate_power="0.5"), "aggregate_power must be a number"),
    (_controls(aggregate_power=True), "aggregate_power must be a number"),
    (_controls(aggregate_power=None), "aggregate_power must be a number"),
    (_controls(menace=0.5), "unknown menace"),
    (_controls(__proto__={"polluted": 1}), "unknown __proto__"),
    (json.dumps({**json.loads(_json()), "controls": {"proximity": 0.5}}), "missing aggregate_power"),
    (_json().replace("0.5", "NaN", 1), "not valid JSON"),
    (_json().replace("0.5", "1e999", 1), "must be a number"),
    ("format,version\nalliances-scenario", "header has 2 columns but the data row has 1"),
    ("format,format\nx,y", "names a column twice"),
    ("format,evil\nalliances-scenario,1", "unknown CSV column 'evil'"),
    ('format,version,explorer,title,control.aggregate_power\nalliances-scenario,1,s-threat,t,"abc', "not valid CSV"),
    (
        "format,version,explorer,title,control.aggregate_power\nalliances-scenario,1,s-threat,t,high",
        "control.aggregate_power must be a number",
    ),
    ("x" * (MAX_BYTES + 1), "too large"),
    (b"\xff\xfe\x00bad", "UTF-16 text; save it as UTF-8"),
    (b"\xc3\x28bad", "not UTF-8"),
]


@pytest.mark.parametrize("text, message", HOSTILE, ids=[f"case{i}" for i in range(len(HOSTILE))])
def test_malformed_or_hostile_files_are_refused_and_change_nothing(text, message):
    explorer = threat_explorer(explorer_id="s-threat")
    explorer.set(proximity=0.75)
    before_values, before_figure = explorer.values(), explorer.figure
    with pytest.raises(ValueError, match=message):
        explorer.load_text(text)
    assert explorer.values() == before_values and explorer.figure == before_figure


def test_load_text_rejects_non_text():
    with pytest.raises(TypeError, match="a scenario must be text"):
        threat_explorer(explorer_id="s-threat").load_text(42)


def test_a_toggle_must_be_a_boolean():
    explorer = threat_explorer(vary=("own_strength", "war"), explorer_id="s-war")
    record = json.loads(explorer.export("json"))
    record["controls"]["war"] = 1
    with pytest.raises(ValueError, match="control war must be true or false"):
        explorer.load_text(json.dumps(record))
    csv_text = explorer.export("csv").replace(",false,", ",maybe,", 1)
    with pytest.raises(ValueError, match="control.war must be a number"):
        explorer.load_text(csv_text)


def test_a_bom_and_crlf_from_a_spreadsheet_are_accepted():
    explorer = threat_explorer(explorer_id="s-threat")
    explorer.set(proximity=0.0)
    text = "\ufeff" + explorer.export("csv")
    again = threat_explorer(explorer_id="s-threat")
    again.load_text(text.encode("utf-8"))
    assert again.values() == explorer.values()


def test_parse_then_check_is_read_scenario():
    explorer = threat_explorer(explorer_id="s-threat")
    text = explorer.export("json")
    loaded = read_scenario(text, "s-threat", explorer.title, explorer.controls)
    assert loaded.values == explorer.values()
    assert parse_record(to_csv(json.loads(text)))["controls"] == json.loads(text)["controls"]


# --------------------------------------------------------------------------- the live buttons


def test_live_save_buttons_write_next_to_the_notebook(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    explorer = threat_explorer(explorer_id="s-threat")
    explorer.set(proximity=1.0)
    tools = explorer.share_tools  # the row of Save JSON, Save CSV and Load (in the "Save or share" fold)
    save_json, save_csv, upload = tools.children
    save_json.click()
    save_csv.click()
    assert "s-threat-scenario.csv" in explorer.status.value
    for name in ("s-threat-scenario.json", "s-threat-scenario.csv"):
        again = threat_explorer(explorer_id="s-threat")
        again.load(tmp_path / name)
        assert again.values() == explorer.values()


def test_live_upload_loads_a_scenario_or_says_why_not():
    source = threat_explorer(explorer_id="s-threat")
    source.set(offensive_power=1.0)
    target = threat_explorer(explorer_id="s-threat")
    upload = target.share_tools.children[2]
    target._upload_changed({"new": ({"name": "mine.json", "content": memoryview(source.export().encode())},)})
    assert target.values() == source.values() and target.status.value == "<p>Scenario loaded.</p>"
    before = target.values()
    hostile = b'{"format": "alliances-scenario", "version": 1, "explorer": "<b>x</b>", "controls": {}}'
    target._upload_changed({"new": ({"name": "bad.json", "content": memoryview(hostile)},)})
    assert target.values() == before
    assert target.status.value.startswith("<p><b>Not loaded:</b>") and "<b>x</b>" not in target.status.value
    assert upload.accept == ".json,.csv"
