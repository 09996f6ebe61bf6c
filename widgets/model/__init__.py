"""The models, in pure Python: no plotly, ipywidgets or IPython (tested in tests/test_project.py).

Walt's balance of threat (Walt 1987):
``threat`` (the four sources of threat), ``situation`` (the decider's conditions),
``alignment`` (``predict``: balance, bandwagon, buck-pass or stay neutral), ``reasons``
(the prediction in plain words), ``validation`` (input checks shared by every model),
``conditions`` (phase diagrams over two fields), ``neighbours`` (the checkerboard map).

Beyond threat: ``ideology``, ``aid``, ``penetration`` (Walt's other explanations) and
``explanations`` (all of them combined with threat).

Other models and tests of the theory: ``interests/`` (Schweller's balance of interests),
``simulation/`` (balancing and bandwagoning worlds), ``landscape`` (the material record of
the cases) and ``evaluation`` (the models against the historical cases, beside baselines).
"""

from .aid import Aid, aid_effect
from .alignment import CHOICES, DEFAULT_PARAMETERS, ModelParameters, Prediction, predict
from .explanations import ExplanationWeights, combined_view
from .ideology import Ideology, ideology_effect
from .interests import InterestParameters, Scenario, SchwellerPrediction, compare, place, schweller_predict, walt_inputs
from .penetration import Penetration, penetration_effect
from .simulation import World, predict_arrays, simulate, simulate_many
from .situation import SITUATION_FIELDS, Situation
from .threat import THREAT_SOURCES, Threat, ThreatWeights, contributions, threat_level

__all__ = [
    "CHOICES", "DEFAULT_PARAMETERS", "SITUATION_FIELDS", "THREAT_SOURCES", "Aid", "ExplanationWeights", "Ideology",
    "InterestParameters", "ModelParameters", "Penetration", "Prediction", "Scenario", "SchwellerPrediction",
    "Situation", "Threat", "ThreatWeights", "World", "aid_effect", "combined_view", "compare", "contributions",
    "ideology_effect", "penetration_effect", "place", "predict", "predict_arrays", "schweller_predict", "simulate",
    "simulate_many", "threat_level", "walt_inputs",
]
