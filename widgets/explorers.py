"""ipywidgets explorers: sliders wired to the model and the figure builders.

``threat_explorer`` returns an :class:`Explorer`. Displayed in a live notebook it is an
ipywidgets box whose sliders re-run ``predict`` and redraw the figure; in the published
book (no kernel) the same object offers a static twin (``static_explorer``) whose sliders
switch between figures precomputed on the same grid. One object, two views: myst-nb picks
``text/html`` for the book and JupyterLab picks the widget view.
"""

from __future__ import annotations

import itertools
from typing import Any, Callable, Mapping, Sequence

import ipywidgets as ipw
import plotly.graph_objects as go
from IPython.display import display

from .alignment import ModelParameters, predict
from .controls import Control, make_controls
from .figures import prediction_spec
from .render import description_of, figure_bundle, plain_json
from .situation import Situation
from .static_explorer import static_html
from .threat import THREAT_SOURCES, Threat, ThreatWeights

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
        self.explorer_id = explorer_id or f"alliances-explorer-{next(_ids)}"
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
        parts: list[ipw.Widget] = [ipw.HTML(f"<b>{_escape(title)}</b>"), *self.inputs.values()]
        if fixed_text:
            parts.append(ipw.HTML(f"<i>{_escape(fixed_text)}</i>"))
        self.widget = ipw.VBox([*parts, self.output, self.summary])
        self.figure: dict | None = None
        self._static: str | None = None
        self.redraw()

    def values(self) -> dict[str, Any]:
        """The current control values, snapped to the grid."""
        out = {}
        for control in self.controls:
            value = self.inputs[control.name].value
            out[control.name] = control.values[control.index_of(value)]
        return out

    def set(self, **values: Any) -> None:
        """Move controls programmatically (what a reader does with the mouse)."""
        for name, value in values.items():
            if name not in self.inputs:
                raise ValueError(f"this explorer has no control {name!r}; its controls are {', '.join(self.inputs)}")
            self.inputs[name].value = value

    def redraw(self) -> None:
        self.figure = self.compute(self.values())
        self.summary.value = f"<p>{_escape(description_of(plain_json(self.figure)))}</p>"
        self.output.clear_output(wait=True)
        with self.output:
            display(figure_bundle(self.figure), raw=True)

    def _on_change(self, change: dict) -> None:
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
    import html

    return html.escape(text)


def _describe_fixed(values: Mapping[str, Any], names: Sequence[str]) -> str:
    from .controls import FIELD_LABELS

    shown = []
    for name in names:
        value = values[name]
        shown.append(f"{FIELD_LABELS[name].lower()} {'yes' if value is True else 'no' if value is False else f'{value:.2f}'}")
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
    if not isinstance(threat, Threat):
        raise TypeError(f"threat must be a Threat or None, got {type(threat).__name__}")
    if not isinstance(situation, Situation):
        raise TypeError(f"situation must be a Situation or None, got {type(situation).__name__}")
    if weights is not None and not isinstance(weights, ThreatWeights):
        raise TypeError(f"weights must be a ThreatWeights or None, got {type(weights).__name__}")
    if params is not None and not isinstance(params, ModelParameters):
        raise TypeError(f"params must be a ModelParameters or None, got {type(params).__name__}")
    controls = make_controls(vary, levels)
    start = {**threat.to_dict(), **situation.to_dict()}
    fixed = [name for name in start if name not in vary and not (name == "victory" and not start["war"] and "war" not in vary)]

    def compute(values: Mapping[str, Any]) -> dict:
        merged = {**start, **values}
        t = Threat(**{k: merged[k] for k in THREAT_SOURCES})
        s = Situation(**{k: merged[k] for k in ("own_strength", "allied_support", "war", "victory")})
        return prediction_spec(predict(t, s, weights, params))

    return Explorer(title, controls, start, compute, _describe_fixed(start, fixed), explorer_id)
