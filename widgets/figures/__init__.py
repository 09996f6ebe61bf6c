"""Figure builders, pure Plotly: model output in, a figure out.

``*_spec`` functions return the figure as a plain dict (what the static explorers store) and
``*_figure`` functions a ``plotly.graph_objects.Figure``. Each figure carries a text description
in ``layout.meta["description"]``. ``palette`` holds the colours, ``_common`` the shared layout,
then one module per topic: ``walt``, ``interests``, ``beyond``, ``simulation``, ``evaluation``.
"""

from ._common import base_layout, panel_title
from .beyond import (
    aid_figure,
    aid_spec,
    combined_figure,
    combined_spec,
    ideology_figure,
    ideology_spec,
    penetration_figure,
    penetration_spec,
)
from .evaluation import (
    accuracy_distribution_spec,
    baseline_spec,
    confusion_spec,
    sensitivity_spec,
    weight_profile_spec,
)
from .interests import comparison_spec, sweep_spec, typology_spec
from .simulation import (
    hegemony_curve_spec,
    hegemony_figure,
    misperception_figure,
    misperception_spec,
    run_animation_spec,
    world_spec,
)
from .walt import (
    choice_map_spec,
    describe_prediction,
    neighbourhood_spec,
    prediction_figure,
    prediction_result,
    prediction_spec,
)

__all__ = [
    "accuracy_distribution_spec", "aid_figure", "aid_spec", "base_layout", "baseline_spec", "choice_map_spec",
    "combined_figure", "combined_spec", "comparison_spec", "confusion_spec", "describe_prediction",
    "hegemony_curve_spec", "hegemony_figure", "ideology_figure", "ideology_spec", "misperception_figure",
    "misperception_spec", "neighbourhood_spec", "panel_title", "penetration_figure", "penetration_spec",
    "prediction_figure", "prediction_result", "prediction_spec", "run_animation_spec", "sensitivity_spec",
    "sweep_spec", "typology_spec", "weight_profile_spec", "world_spec",
]
