"""The decider's own circumstances: the conditions Walt says tip the choice.

Walt (1987, pp. 29-33) names the conditions under which states balance or bandwagon: the
decider's strength, the availability of allies, and whether it chooses in peace or in war
(and then how close the threatening side is to winning). Four optional inputs carry the
mechanisms of staying out and of absolute size, a fifth the bond to allies already fighting and a sixth the
threat's share of the great powers' military personnel (see ``alignment.py``); each has a default
under which its term is zero, so a ``Situation`` built without them behaves as before.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from . import validation

# The inputs every explorer and case has always had; the optional ones follow.
CORE_FIELDS: tuple[str, ...] = ("own_strength", "allied_support", "war", "victory")
OPTIONAL_FIELDS: tuple[str, ...] = ("capability", "target", "others_engaged", "neutrality_lesson", "allies_fighting",
                                    "threat_army_share")
SITUATION_FIELDS: tuple[str, ...] = CORE_FIELDS + OPTIONAL_FIELDS
BOOLEAN_FIELDS: tuple[str, ...] = ("war", "target")
# The value at which each optional input's term is zero (the behaviour before it existed).
OPTIONAL_DEFAULTS: dict[str, Any] = {
    "capability": None,
    "target": False,
    "others_engaged": 0.0,
    "neutrality_lesson": 0.0,
    "allies_fighting": 0.0,
    "threat_army_share": None,
}

SITUATION_LABELS: dict[str, str] = {
    "own_strength": "Own strength",
    "allied_support": "Allied support",
    "war": "At war",
    "victory": "Threat's closeness to victory",
    "capability": "Own capability (share of the leading power)",
    "target": "Itself under attack",
    "others_engaged": "Others already fighting the threat",
    "neutrality_lesson": "Lesson of the last great war",
    "allies_fighting": "Own allies already fighting the threat",
    "threat_army_share": "Threat's share of the great powers' military personnel",
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
    - ``capability`` in [0, 1] or None: the decider's resources as a share of the
      system's leading power (CINC ratio, the scale of the Schweller model's
      ``Scenario.capability``). It makes weakness absolute as well as relative: a small
      state is small whoever threatens it. None: weakness is read from ``own_strength``
      alone, as before this input existed.
    - ``target``: the threatening state is attacking the decider itself (or has served it
      an ultimatum backed by force). A target is not a third party choosing a side in
      others' war, so the threat's closeness to victory does not move its choice.
    - ``others_engaged`` in [0, 1]: how far other states able to resist the threat are
      already fighting it (0 no one; 0.5 a matched opponent committed; 1 a coalition of
      great powers at war with it and holding): a buck-catcher exists.
    - ``neutrality_lesson`` in [-1, 1]: the lesson of the decider's formative experience in
      the last systemic war (1 its neutrality kept it safe; -1 its neutrality failed or
      alliance brought it through; 0 no relevant experience).
    - ``allies_fighting`` in [0, 1]: how far the decider's own allies, bound to it before the
      decision, are already at war with the threat (1 a treaty ally; 0.5 a partner aligned
      without a treaty obligation; 0 none). Validated always, used only when ``war`` is true.
    - ``threat_army_share`` in [0, 1] or None: the threatening state's (or side's) share of the great
      powers' armies in the year of decision: its military personnel over the sum of its own and every
      other great power's (COW NMC military personnel, which counts navies and air forces too, though for
      these powers armies are the bulk of it; for years before 1816, a judgment). A measure of land power,
      read by the hegemony shift only when ``land_hegemony`` is on. None: not coded, and the
      shift reads closeness to hegemony from the threat's aggregate power, as before this input existed.
    """

    own_strength: float = 0.5
    allied_support: float = 0.5
    war: bool = False
    victory: float = 0.5
    capability: float | None = None
    target: bool = False
    others_engaged: float = 0.0
    neutrality_lesson: float = 0.0
    allies_fighting: float = 0.0
    threat_army_share: float | None = None

    def __post_init__(self) -> None:
        for name in ("own_strength", "allied_support", "victory", "others_engaged", "allies_fighting"):
            object.__setattr__(self, name, validation.unit_interval("Situation", name, getattr(self, name)))
        for name in ("capability", "threat_army_share"):  # a share, or None for not coded
            value = getattr(self, name)
            if value is None:
                continue
            if isinstance(value, float) and math.isnan(value):
                raise ValueError(f"Situation.{name} must be a number in [0, 1] or None (not coded), got NaN: an "
                                 "empty CSV cell read by pandas is NaN; pass None, or build the case with "
                                 "widgets.io.cases.Case")
            object.__setattr__(self, name, validation.unit_interval("Situation", name, value))
        lesson = validation.bounded("Situation", "neutrality_lesson", self.neutrality_lesson, -1.0, 1.0)
        object.__setattr__(self, "neutrality_lesson", lesson)
        for name in BOOLEAN_FIELDS:
            object.__setattr__(self, name, validation.boolean("Situation", name, getattr(self, name)))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Situation:
        """Build from a mapping; unknown fields raise TypeError naming them."""
        validation.known_fields("Situation", data, SITUATION_FIELDS)
        return cls(**data)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def uses_optional(self) -> dict[str, Any]:
        """The optional inputs set away from their defaults (those whose terms are active)."""
        return {name: getattr(self, name) for name in OPTIONAL_FIELDS if getattr(self, name) != OPTIONAL_DEFAULTS[name]}
