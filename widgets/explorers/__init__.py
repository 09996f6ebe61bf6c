"""Explorers: sliders wired to a model and a figure builder (ipywidgets live, a static twin in the book).

``base`` holds :class:`Explorer` (one object, two views; the sliders' grids are in
:mod:`widgets.display.controls`), then one module per topic: ``walt``, ``interests``, ``beyond``,
``simulation``, ``evaluation``.
"""

from .base import Explorer, describe_fixed
from .beyond import aid_explorer, combined_explorer, ideology_explorer, penetration_explorer
from .evaluation import sensitivity_explorer
from .interests import schweller_case_box, typology_explorer, walt_schweller_explorer
from .simulation import animation_view, world_explorer
from .walt import conditions_explorer, neighbourhood_explorer, threat_explorer

__all__ = [
    "Explorer", "aid_explorer", "animation_view", "combined_explorer", "conditions_explorer", "describe_fixed",
    "ideology_explorer", "neighbourhood_explorer", "penetration_explorer", "schweller_case_box",
    "sensitivity_explorer", "threat_explorer", "typology_explorer", "walt_schweller_explorer", "world_explorer",
]
