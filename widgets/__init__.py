"""Shared models, figures and explorers for the *Alliances* book.

Layers (each module has one job):

- model, pure Python: ``threat`` (sources of threat), ``situation`` (the decider's
  conditions), ``alignment`` (``predict``), ``reasons`` (plain-language explanations),
  ``validation``;
- figures, pure Plotly: ``palette``, ``figures``;
- display: ``render`` (one display bundle for Jupyter and the static book),
  ``static_explorer`` (kernel-free explorers), ``explorers`` (ipywidgets).

Importing the package registers the book's Plotly renderer (see ``render``).
"""

from .alignment import CHOICES, DEFAULT_PARAMETERS, ModelParameters, Prediction, predict
from .situation import SITUATION_FIELDS, Situation
from .threat import THREAT_SOURCES, Threat, ThreatWeights, contributions, threat_level

__all__ = [
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
