"""Shared models, figures and explorers for the *Alliances* book.

Layers (each module has one job):

- model, pure Python: ``threat`` (sources of threat), ``situation`` (the decider's
  conditions), ``alignment`` (``predict``), ``reasons`` (plain-language explanations),
  ``validation``, ``conditions`` (phase diagrams), ``neighbours`` (checkerboard map),
  ``ideology``, ``aid``, ``penetration``, ``explanations`` (Walt's other explanations),
  ``simulation`` (balancing and bandwagoning worlds), ``interests`` (Schweller's
  balance of interests);
- data: ``cases`` (the historical case file), ``bibliography``, ``quiz`` (self-check
  quizzes), ``scenario_file`` (saved explorer scenarios, JSON and CSV);
- figures, pure Plotly: ``palette``, ``figures``;
- display: ``render`` (one display bundle for Jupyter and the static book),
  ``static_explorer`` (kernel-free explorers), ``explorers`` and the per-topic
  ``*_explorers`` modules (ipywidgets), ``casebox`` (case boxes), ``quiz_view``
  (quizzes on the page).

Importing the package registers the book's Plotly renderer (see ``render``).
"""

from . import render as _render  # noqa: F401  (registers the book's Plotly renderer)
from .aid import Aid, aid_effect
from .alignment import CHOICES, DEFAULT_PARAMETERS, ModelParameters, Prediction, predict
from .casebox import case_box
from .explanations import ExplanationWeights, combined_view
from .explorers import conditions_explorer, neighbourhood_explorer, threat_explorer
from .ideology import Ideology, ideology_effect
from .interests import InterestParameters, Scenario, SchwellerPrediction, compare, place, schweller_predict, walt_inputs
from .penetration import Penetration, penetration_effect
from .quiz_view import self_check
from .simulation import World, predict_arrays, simulate, simulate_many
from .situation import SITUATION_FIELDS, Situation
from .threat import THREAT_SOURCES, Threat, ThreatWeights, contributions, threat_level

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
