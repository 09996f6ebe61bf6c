"""ipywidgets explorers: sliders wired to the model and the figure builders.

``threat_explorer`` returns an :class:`Explorer`. Displayed in a live notebook it is an
ipywidgets box whose sliders re-run ``predict`` and redraw the figure; in the published
book (no kernel) the same object offers a static twin (``static_explorer``) whose sliders
switch between figures precomputed on the same grid. One object, two views: myst-nb picks
``text/html`` for the book and JupyterLab picks the widget view.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import ipywidgets as ipw
from IPython import get_ipython
from IPython.display import display

from ..display.controls import FIELD_LABELS, Control
from ..display.render import description_of, figure_bundle, plain_json
from ..display.static_explorer import SAFE_ID, static_html
from ..io.scenario_file import (
    RULES,
    download_name,
    prediction_of,
    read_scenario,
    scenario_record,
    to_csv,
    to_json,
)
from ..model.validation import shown

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
        unset = [c.name for c in self.controls if initial.get(c.name) is None]
        if unset:
            raise ValueError(f"vary includes {', '.join(map(repr, unset))}, but the starting point leaves "
                             f"{'it' if len(unset) == 1 else 'them'} None (not coded): give a starting value, e.g. "
                             f"Situation({unset[0]}=0.5)")
        self.initial_indices = [c.index_of(initial[c.name]) for c in self.controls]
        self.inputs: dict[str, ipw.ValueWidget] = {}
        rows: list[ipw.Widget] = []
        for control, index in zip(self.controls, self.initial_indices, strict=True):
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
                    tooltip=control.ends_text() or None,
                )
            widget.observe(self._on_change, names="value")
            self.inputs[control.name] = widget
            ends = control.ends_text()
            rows.append(widget)
            if ends:  # a row of its own under the slider (not a nested box: one box per explorer)
                rows.append(ipw.HTML(f'<small style="margin-left:14.5em">{_escape(ends)}</small>'))
        # a control that needs a box ticked (closeness to victory needs "At war") is disabled while it is not
        for control in self.controls:
            if control.needs and control.needs in self.inputs:
                self.inputs[control.needs].observe(lambda _c: self._apply_needs(), names="value")
        self._apply_needs()
        self.output = ipw.Output()
        self.summary = ipw.HTML()
        self.status = ipw.HTML()
        parts: list[ipw.Widget] = [ipw.HTML(f"<b>{_escape(title)}</b>"), *rows]
        if fixed_text:
            parts.append(ipw.HTML(f"<i>{_escape(fixed_text)}</i>"))
        self.notes = self._student_notes()
        self.share_tools = self._file_tools()
        # "Save or share" under the figure, folded (the page's menu: static_explorer.share_html)
        share = ipw.Accordion(children=[ipw.VBox([self.share_tools, self.notes])], titles=("Save or share",),
                              selected_index=None)
        self.widget = ipw.VBox([*parts, self.output, self.summary, share, self.status])
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

    def _apply_needs(self) -> None:
        for control in self.controls:
            if control.needs and control.needs in self.inputs:
                off = not self.inputs[control.needs].value
                widget = self.inputs[control.name]
                widget.disabled = off
                label = FIELD_LABELS.get(control.needs, control.needs)
                widget.tooltip = f"Acts only when '{label}' is ticked" if off else (control.ends_text() or None)

    def _student_notes(self) -> ipw.VBox:
        """Name and justification saved into the scenario file (RULES['text_fields'])."""
        limits = RULES["text_fields"]
        self.student_input = ipw.Text(description="Your name", placeholder="saved in the file and its name",
                                      style={"description_width": "8em"}, layout=ipw.Layout(width="32em"))
        self.justification_input = ipw.Textarea(
            description="Why these values?", placeholder=f"your reasons, at most {limits['justification']['max']} "
            "characters", style={"description_width": "8em"}, layout=ipw.Layout(width="32em", height="5em"))
        return ipw.VBox([self.student_input, self.justification_input])

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
        return scenario_record(self.explorer_id, self.title, self.controls, self.values(), prediction_of(self.figure),
                               self.student_input.value, self.justification_input.value)

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
        path = Path(path)
        return self.load_text(path.read_bytes(), name=path.name)

    def load_text(self, text: str | bytes, name: str | None = None) -> str:
        """Apply a scenario given as JSON or CSV text (``name``: the file's name, for messages).
        A file that is malformed, for another explorer, or off this explorer's grid raises
        ValueError naming the file and the field, and changes nothing. Returns a short report
        (which notes a recorded prediction that differs from today's, and warns about text a
        spreadsheet would run as a formula)."""
        loaded = read_scenario(text, self.explorer_id, self.title, self.controls, name)
        self.set(**loaded.values)
        self.student_input.value, self.justification_input.value = loaded.student, loaded.justification
        recorded = loaded.recorded_prediction.get("summary")
        now = prediction_of(self.figure)["summary"]
        report = "Scenario loaded."
        if recorded and recorded != now:
            report += " Note: the file recorded a different prediction; the one shown is today's model."
        return " ".join((report, *(f"Warning: {w}." for w in loaded.warnings)))

    def _save_clicked(self, fmt: str) -> None:
        try:
            path = self.save(download_name(self.explorer_id, self.student_input.value, fmt))
        except ValueError as exc:  # a name or justification too long
            self.status.value = f"<p><b>Not saved:</b> {_escape(str(exc))}</p>"
            return
        self.status.value = (f"<p>Saved <code>{_escape(str(path))}</code> next to this notebook"
                             " (download it from the file browser).</p>")

    def _upload_changed(self, change: dict) -> None:
        """Load the chosen file; whatever goes wrong, the reader sees why in the status line."""
        files = change.get("new") or ()
        if not files:
            return
        name = "the file"
        try:
            upload = files[0]
            name = str(upload.get("name") or name)
            report = self.load_text(bytes(upload["content"]), name=name)
        except (ValueError, TypeError) as exc:
            self.status.value = f"<p><b>Not loaded:</b> {_escape(str(exc))} Nothing was changed.</p>"
        except Exception as exc:  # noqa: BLE001 - the reader must see every failure, never nothing
            self.status.value = (f"<p><b>Not loaded:</b> {_escape(shown(name, 60))} could not be read "
                                 f"({type(exc).__name__}: {_escape(str(exc)[:200])}).</p>")
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
    """HTML-escaped, with lone surrogates escaped too (a widget cannot send them to the page)."""
    return html.escape(text).encode("utf-8", "backslashreplace").decode("utf-8")


def describe_fixed(values: Mapping[str, Any], names: Sequence[str], labels: Mapping[str, str] = FIELD_LABELS) -> str:
    """'Held fixed: own strength 0.50, at peace.' for the fields not on a slider."""
    shown = []
    for name in names:
        value = values[name]
        if name == "war":
            shown.append("at war" if value else "at peace")
        elif name == "target":
            shown.append("itself under attack" if value else "not itself under attack")
        elif isinstance(value, bool):
            shown.append(f"{labels[name].lower()}: {'yes' if value else 'no'}")
        else:
            shown.append(f"{labels[name].lower()} {value:.2f}")
    return "Held fixed: " + ", ".join(shown) + "." if shown else ""
