"""Shared models, figures and explorers for the *Alliances* book.

One folder per layer (each module has one job, named after its topic); a layer imports only
the layers listed above it:

- ``model/``, pure Python (no plotly, ipywidgets or IPython): ``threat``, ``situation``,
  ``alignment`` (``predict``), ``reasons``, ``validation``, ``conditions``, ``neighbours``,
  ``ideology``, ``aid``, ``penetration``, ``explanations``, ``interests/`` (Schweller's
  balance of interests), ``simulation/`` (balancing and bandwagoning worlds), ``landscape``,
  ``evaluation``;
- ``io/``, the book's files: ``csvtable``, ``cases``, ``schweller_cases``, ``bibliography``,
  ``quiz`` (with ``quizzes/``), ``scenario_file``;
- ``figures/``, pure Plotly: ``palette``, ``_common``, then ``walt``, ``interests``,
  ``beyond``, ``simulation``, ``evaluation``;
- ``display/``, Jupyter and the static book: ``render``, ``book_mime``, ``controls`` (the
  sliders' grids), ``static_explorer`` (with the page's ``static/`` script and style),
  ``casebox``, ``quiz_view``;
- ``explorers/``, ipywidgets: ``base``, then ``walt``, ``interests``, ``beyond``,
  ``simulation``, ``evaluation``.

``_paths`` is the one place that knows where data files are. ``import widgets`` gives the
model's main names at once; the display names below (explorers, ``case_box``, ``self_check``)
load the display layers on first use, which also registers the book's Plotly renderer (see
``display.render``). ``import widgets.model`` alone loads no display library. Old flat module
paths (``widgets.alignment``, ``widgets.interest_explorers``...) still work for a term, with a
DeprecationWarning (see ``_moved``).
"""

from __future__ import annotations

import importlib
from typing import Any

from . import _moved
from .model import (
    CHOICES,
    DEFAULT_PARAMETERS,
    SITUATION_FIELDS,
    THREAT_SOURCES,
    Aid,
    ExplanationWeights,
    Ideology,
    InterestParameters,
    ModelParameters,
    Penetration,
    Prediction,
    Scenario,
    SchwellerPrediction,
    Situation,
    Threat,
    ThreatWeights,
    World,
    aid_effect,
    combined_view,
    compare,
    contributions,
    ideology_effect,
    penetration_effect,
    place,
    predict,
    predict_arrays,
    schweller_predict,
    simulate,
    simulate_many,
    threat_level,
    walt_inputs,
)

_moved.install()

# Display names, loaded on first use so that the model needs no display library.
_DISPLAY = {
    "case_box": "display.casebox",
    "self_check": "display.quiz_view",
    "conditions_explorer": "explorers",
    "neighbourhood_explorer": "explorers",
    "threat_explorer": "explorers",
}


def __getattr__(name: str) -> Any:
    if name in _DISPLAY:
        value = getattr(importlib.import_module(f"{__name__}.{_DISPLAY[name]}"), name)
        globals()[name] = value
        return value
    if name in _moved.MOVED:  # ``from widgets import evaluation`` in a chapter written before the move
        return _moved.load(name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_DISPLAY])


__all__ = [
    "Aid",
    "case_box",
    "conditions_explorer",
    "neighbourhood_explorer",
    "threat_explorer",
    "self_check",
    "ExplanationWeights",
    "Ideology",
    "InterestParameters",
    "Scenario",
    "SchwellerPrediction",
    "compare",
    "place",
    "schweller_predict",
    "walt_inputs",
    "Penetration",
    "World",
    "aid_effect",
    "combined_view",
    "ideology_effect",
    "penetration_effect",
    "predict_arrays",
    "simulate",
    "simulate_many",
    "CHOICES",
    "DEFAULT_PARAMETERS",
    "ModelParameters",
    "Prediction",
    "SITUATION_FIELDS",
    "Situation",
    "THREAT_SOURCES",
    "Threat",
    "ThreatWeights",
    "contributions",
    "predict",
    "threat_level",
]
