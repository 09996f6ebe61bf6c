"""The decider's own circumstances: the conditions Walt says tip the choice.

Walt (1987, pp. 29-33) names the conditions under which states balance or bandwagon: the
decider's strength, the availability of allies, and whether it chooses in peace or in war
(and then how close the threatening side is to winning).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from . import validation

SITUATION_FIELDS: tuple[str, ...] = ("own_strength", "allied_support", "war", "victory")

SITUATION_LABELS: dict[str, str] = {
    "own_strength": "Own strength",
    "allied_support": "Allied support",
    "war": "At war",
    "victory": "Threat's closeness to victory",
}


@dataclass(frozen=True)
class Situation:
    """Where the decider stands.

    - ``own_strength`` in [0, 1]: the decider's capability relative to the threatening
      state; 0 negligible, 0.5 roughly equal, 1 far stronger.
    - ``allied_support`` in [0, 1]: the probability that allies will help.
    - ``war``: whether the choice is made during a war.
    - ``victory`` in [0, 1]: how close the threatening side is to winning the war
      (0 losing, 0.5 undecided, 1 about to win). It is validated always and used only
      when ``war`` is true.
    """

    own_strength: float = 0.5
    allied_support: float = 0.5
    war: bool = False
    victory: float = 0.5

    def __post_init__(self) -> None:
        for name in ("own_strength", "allied_support", "victory"):
            object.__setattr__(self, name, validation.unit_interval("Situation", name, getattr(self, name)))
        object.__setattr__(self, "war", validation.boolean("Situation", "war", self.war))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Situation:
        """Build from a mapping; unknown fields raise TypeError naming them."""
        validation.known_fields("Situation", data, SITUATION_FIELDS)
        return cls(**data)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
