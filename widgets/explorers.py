"""ipywidgets explorers: sliders wired to the model and the figure builders.

``threat_explorer`` returns an :class:`Explorer`. Displayed in a live notebook it is an
ipywidgets box whose sliders re-run ``predict`` and redraw the figure; in the published
book (no kernel) the same object offers a static twin (``static_explorer``) whose sliders
switch between figures precomputed on the same grid. One object, two views: myst-nb picks
``text/html`` for the book and JupyterLab picks the widget view.
"""

from __future__ import annotations

import functools
import html
import itertools
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import ipywidgets as ipw
from IPython import get_ipython
from IPython.display import display

from .alignment import ModelParameters, predict
from .conditions import choice_grid, uniform_threat, with_value
from .controls import FIELD_LABELS, Control, grid, make_controls
from .figures import choice_map_spec, describe_prediction, neighbourhood_spec, prediction_result, prediction_spec
from .neighbours import neighbourhood
from .palette import CHOICE_LABELS
from .render import description_of, figure_bundle, plain_json
from .scenario_file import prediction_of, read_scenario, scenario_record, to_csv, to_json
from .situation import OPTIONAL_DEFAULTS, SITUATION_FIELDS, Situation
from .static_explorer import SAFE_ID, static_html
from .threat import THREAT_SOURCES, Threat, ThreatWeights, threat_level

_ids = itertools.count(1)


class Explorer:
    """Controls plus a figure; see the module docstring for its two views."""

    def __init__(
        self,
        title: str,
        controls: Sequence[Control],
        initial: Mapping[str, Any],
        compute: Callable[[Mapping[str, Any]], dict],
        fixed_text: str = "",
        explorer_id: str | None = None,
    ) -> None:
        self.title = title
        self.controls = tuple(controls)
        self.compute = compute
        self.fixed_text = fixed_text
        self.explorer_id = explorer_id if explorer_id is not None else f"alliances-explorer-{next(_ids)}"
        if not isinstance(self.explorer_id, str) or not SAFE_ID.fullmatch(self.explorer_id):
            raise ValueError("explorer_id must be letters, digits, hyphens and underscores, starting with a letter "
                             f"(it appears in page links), got {self.explorer_id!r}")
        self.initial_indices = [c.index_of(initial[c.name]) for c in self.controls]
        self.inputs: dict[str, ipw.ValueWidget] = {}
        for control, index in zip(self.controls, self.initial_indices):
            if control.is_toggle:
                widget = ipw.Checkbox(value=bool(index), description=control.label, indent=False)
            else:
                step = control.values[1] - control.values[0]
                widget = ipw.FloatSlider(
                    value=control.values[index],
                    min=control.values[0],
                    max=control.values[-1],
                    step=step,
                    description=control.label,
                    readout_format=".2f",
                    continuous_update=True,
                    style={"description_width": "14em"},
                    layout=ipw.Layout(width="32em"),
                )
            widget.observe(self._on_change, names="value")
            self.inputs[control.name] = widget
        self.output = ipw.Output()
        self.summary = ipw.HTML()
        self.status = ipw.HTML()
        parts: list[ipw.Widget] = [ipw.HTML(f"<b>{_escape(title)}</b>"), *self.inputs.values()]
        if fixed_text:
            parts.append(ipw.HTML(f"<i>{_escape(fixed_text)}</i>"))
        self.widget = ipw.VBox([*parts, self._file_tools(), self.status, self.output, self.summary])
        self.figure: dict | None = None
        self._static: str | None = None
        self._holding = False
        self.redraw()

    def _file_tools(self) -> ipw.HBox:
        save_json = ipw.Button(description="Save scenario (JSON)", icon="download", layout=ipw.Layout(width="auto"))
        save_csv = ipw.Button(description="Save scenario (CSV)", icon="download", layout=ipw.Layout(width="auto"))
        upload = ipw.FileUpload(accept=".json,.csv", multiple=False, description="Load scenario")
        save_json.on_click(lambda _b: self._save_clicked("json"))
        save_csv.on_click(lambda _b: self._save_clicked("csv"))
        upload.observe(self._upload_changed, names="value")
        return ipw.HBox([save_json, save_csv, upload])

    def values(self) -> dict[str, Any]:
        """The current control values, snapped to the grid."""
        out = {}
        for control in self.controls:
            value = self.inputs[control.name].value
            out[control.name] = control.values[control.index_of(value)]
        return out

    def set(self, **values: Any) -> None:
        """Move controls programmatically (what a reader does with the mouse); redraws once."""
        unknown = [name for name in values if name not in self.inputs]
        if unknown:
            raise ValueError(f"this explorer has no control {unknown[0]!r}; its controls are {', '.join(self.inputs)}")
        self._holding = True
        try:
            for name, value in values.items():
                self.inputs[name].value = value
        finally:
            self._holding = False
        self.redraw()

    # ---- scenario files (see scenario_file): what a student hands in, what an instructor loads
    def scenario(self) -> dict[str, Any]:
        """The current settings and prediction, in the scenario-file format."""
        return scenario_record(self.explorer_id, self.title, self.controls, self.values(), prediction_of(self.figure))

    def export(self, fmt: str = "json") -> str:
        """The current scenario as JSON or CSV text."""
        if fmt not in ("json", "csv"):
            raise ValueError(f"fmt must be 'json' or 'csv', got {fmt!r}")
        record = self.scenario()
        return to_json(record) if fmt == "json" else to_csv(record)

    def save(self, path: str | Path) -> Path:
        """Write the scenario to ``path``; a ``.csv`` suffix writes CSV, anything else JSON."""
        path = Path(path)
        path.write_text(self.export("csv" if path.suffix.lower() == ".csv" else "json"), encoding="utf-8")
        return path

    def load(self, path: str | Path) -> str:
        """Load a scenario file saved from this explorer (here or on the book's web page)."""
        return self.load_text(Path(path).read_bytes())

    def load_text(self, text: str | bytes) -> str:
        """Apply a scenario given as JSON or CSV text. A file that is malformed, for another
        explorer, or off this explorer's grid raises ValueError and changes nothing.
        Returns a one-line report (which notes a recorded prediction that differs from today's)."""
        loaded = read_scenario(text, self.explorer_id, self.title, self.controls)
        self.set(**loaded.values)
        recorded = loaded.recorded_prediction.get("summary")
        now = prediction_of(self.figure)["summary"]
        if recorded and recorded != now:
            return "Scenario loaded. Note: the file recorded a different prediction; the one shown is today's model."
        return "Scenario loaded."

    def _save_clicked(self, fmt: str) -> None:
        path = self.save(f"{self.explorer_id}-scenario.{fmt}")
        self.status.value = f"<p>Saved <code>{_escape(str(path))}</code> next to this notebook (download it from the file browser).</p>"

    def _upload_changed(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        try:
            report = self.load_text(bytes(files[0]["content"]))
        except (ValueError, TypeError) as exc:
            self.status.value = f"<p><b>Not loaded:</b> {_escape(str(exc))}</p>"
        else:
            self.status.value = f"<p>{_escape(report)}</p>"

    def redraw(self) -> None:
        self.figure = self.compute(self.values())
        self.summary.value = f"<p>{_escape(description_of(plain_json(self.figure)))}</p>"
        if get_ipython() is None:  # plain Python (tests, benchmarks): nothing to display into
            return
        self.output.clear_output(wait=True)
        with self.output:
            display(figure_bundle(self.figure), raw=True)

    def _on_change(self, change: dict) -> None:
        if not self._holding:
            self.redraw()

    def static_html(self) -> str:
        if self._static is None:
            self._static = static_html(
                self.explorer_id, self.title, self.controls, self.initial_indices, self.compute, self.fixed_text
            )
        return self._static

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        bundle = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/html"] = self.static_html()
        bundle["text/plain"] = f"{self.title}. {description_of(plain_json(self.figure))}"
        return bundle


def _escape(text: str) -> str:
    return html.escape(text)


def describe_fixed(values: Mapping[str, Any], names: Sequence[str], labels: Mapping[str, str] = FIELD_LABELS) -> str:
    """'Held fixed: own strength 0.50, at peace.' for the fields not on a slider."""
    shown = []
    for name in names:
        value = values[name]
        if name == "war":
            shown.append("at war" if value else "at peace")
        elif name == "target":
            shown.append("itself under attack" if value else "not itself under attack")
        else:
            shown.append(f"{labels[name].lower()} {value:.2f}")
    return "Held fixed: " + ", ".join(shown) + "." if shown else ""


def threat_explorer(
    threat: Threat | None = None,
    situation: Situation | None = None,
    *,
    vary: Sequence[str] = THREAT_SOURCES,
    levels: int = 5,
    weights: ThreatWeights | None = None,
    params: ModelParameters | None = None,
    title: str = "Balance-of-threat explorer",
    explorer_id: str | None = None,
) -> Explorer:
    """Sliders for the fields in ``vary`` that redraw ``prediction_figure(predict(...))``.

    ``threat`` and ``situation`` give the starting point and the values of every field
    not in ``vary``; varied fields snap to a grid of ``levels`` values from 0 to 1
    (``war`` is a yes/no box). Both views use the same grid.
    """
    threat = threat if threat is not None else Threat(0.5, 0.5, 0.5, 0.5)
    situation = situation if situation is not None else Situation()
    _check_types(threat, situation, weights, params)
    controls = make_controls(vary, levels)
    start = {**threat.to_dict(), **situation.to_dict()}
    if "threat_level" in vary:
        start["threat_level"] = round(threat_level(threat, weights), 6)
    hidden = _hidden_fields(vary, start)
    fixed = [name for name in (*THREAT_SOURCES, *SITUATION_FIELDS) if name not in vary and name not in hidden]

    def compute(values: Mapping[str, Any]) -> dict:
        return prediction_spec(predict(*scenario(threat, situation, values), weights, params))

    return Explorer(title, controls, start, compute, describe_fixed(start, fixed), explorer_id)


def _hidden_fields(vary: Sequence[str], start: Mapping[str, Any]) -> set[str]:
    """Fields not worth listing as held fixed: the four sources when threat_level moves
    them all, closeness to victory in peacetime (it has no effect there), and the optional
    inputs at their defaults (their terms are zero)."""
    hidden = set(THREAT_SOURCES) if "threat_level" in vary else set()
    if not start["war"] and "war" not in vary:
        hidden.add("victory")
    # optional inputs left at their defaults have no term in the model: nothing to report
    hidden.update(n for n, default in OPTIONAL_DEFAULTS.items() if n not in vary and start.get(n) == default)
    return hidden


def scenario(threat: Threat, situation: Situation, values: Mapping[str, Any]) -> tuple[Threat, Situation]:
    """Apply control values to a starting threat and situation (threat_level first)."""
    for name in sorted(values, key=lambda n: n != "threat_level"):
        threat, situation = with_value(threat, situation, name, values[name])
    return threat, situation


def conditions_explorer(
    threat: Threat | None = None,
    situation: Situation | None = None,
    *,
    x_field: str = "own_strength",
    y_field: str = "allied_support",
    vary: Sequence[str] = ("threat_level", "own_strength", "allied_support", "war", "victory"),
    levels: int = 5,
    points: int = 11,
    weights: ThreatWeights | None = None,
    params: ModelParameters | None = None,
    title: str = "Conditions explorer",
    explorer_id: str | None = None,
) -> Explorer:
    """Sliders for the conditions, drawn as a phase diagram over ``x_field`` and ``y_field``
    with the current scenario marked and its predicted choice in the title."""
    threat = threat if threat is not None else uniform_threat(0.75)
    situation = situation if situation is not None else Situation(0.25, 0.25)
    _check_types(threat, situation, weights, params)
    controls = make_controls(vary, levels)
    choice_grid(threat, situation, x_field, y_field, points=2)  # validates the axes early
    start = {**threat.to_dict(), **situation.to_dict(), "threat_level": round(threat_level(threat, weights), 6)}
    hidden = _hidden_fields(vary, start)
    fixed = [n for n in (*THREAT_SOURCES, *SITUATION_FIELDS) if n not in vary and n not in hidden]

    @functools.lru_cache(maxsize=256)
    def sweep(t: Threat, s: Situation) -> Any:
        return choice_grid(t, s, x_field, y_field, points, weights, params)

    def compute(values: Mapping[str, Any]) -> dict:
        t, s = scenario(threat, situation, values)
        pred = predict(t, s, weights, params)
        # the sweep does not depend on the values of its own two axes: reset them so it is cached
        grid = sweep(*with_value(*with_value(t, s, x_field, 0.0), y_field, 0.0))
        here = {**t.to_dict(), **s.to_dict(), "threat_level": pred.threat}
        heading = f"Predicted: <b>{CHOICE_LABELS[pred.choice]}</b> ({round(100 * pred.probabilities[pred.choice])}%)"
        spec = choice_map_spec(grid, (here[x_field], here[y_field]), title=heading)
        spec["layout"]["meta"]["description"] = (
            describe_prediction(pred) + " " + spec["layout"]["meta"]["description"])
        spec["layout"]["meta"]["result"] = prediction_result(pred)
        return spec

    return Explorer(title, controls, start, compute, describe_fixed(start, fixed), explorer_id)


def neighbourhood_explorer(
    *, rows: int = 4, cols: int = 6, seed: int = 7, levels: int = 5,
    title: str = "Neighbours of neighbours", explorer_id: str | None = None,
) -> Explorer:
    """A slider for how much aggregate power weighs against proximity (0 = proximity
    alone, 1 = power four times proximity), redrawing the map of camps."""
    ratios = {v: 4.0 * v for v in grid(levels)}
    controls = (Control("power_weight", "Weight of aggregate power (vs proximity)", tuple(ratios)),)
    neighbourhood(rows, cols, seed=seed)  # validates rows, cols, seed early

    def compute(values: Mapping[str, Any]) -> dict:
        hood = neighbourhood(rows, cols, proximity_weight=1.0, power_weight=ratios[values["power_weight"]], seed=seed)
        return neighbourhood_spec(hood)

    return Explorer(title, controls, {"power_weight": 0.0}, compute, "", explorer_id)


def _check_types(threat: Any, situation: Any, weights: Any, params: Any) -> None:
    for name, value, kind in (("threat", threat, Threat), ("situation", situation, Situation)):
        if not isinstance(value, kind):
            raise TypeError(f"{name} must be a {kind.__name__} or None, got {type(value).__name__}")
    if weights is not None and not isinstance(weights, ThreatWeights):
        raise TypeError(f"weights must be a ThreatWeights or None, got {type(weights).__name__}")
    if params is not None and not isinstance(params, ModelParameters):
        raise TypeError(f"params must be a ModelParameters or None, got {type(params).__name__}")
