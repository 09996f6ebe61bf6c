"""Schweller's scenario: the decider's values and capability, the setting, and the model's
coefficients (the inputs of :mod:`.choice`, which states the hypotheses they serve)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from .. import validation

# --------------------------------------------------------------------------- constants

SCHWELLER_FIELDS: tuple[str, ...] = (
    "value_status_quo", "value_revision", "capability", "revisionist_strength",
    "threat", "war", "victory", "wave", "contagion", "spoils_held_by", "courted",
)
SPOILS_HOLDERS: tuple[str, ...] = ("status-quo", "revisionist")
SCENARIO_LABELS: dict[str, str] = {
    "value_status_quo": "Value of the status quo",
    "value_revision": "Value of revision",
    "capability": "Own capability",
    "revisionist_strength": "Revisionist camp's strength",
    "threat": "Threat to own holdings",
    "war": "At war",
    "victory": "Revisionist side's closeness to victory",
    "wave": "Wave of the future",
    "contagion": "Contagion (neighbours gone over)",
    "spoils_held_by": "Coveted spoils held by the revisionist camp",
    "courted": "Courted by both camps",
}
STATE_TYPES: tuple[str, ...] = ("lion", "lamb", "jackal", "wolf")
TYPE_LABELS: dict[str, str] = {"lion": "Lion", "lamb": "Lamb", "jackal": "Jackal", "wolf": "Wolf"}
TYPE_DESCRIPTIONS: dict[str, str] = {
    "lion": "a status-quo great power that will pay high costs to keep what it has and little to gain more",
    "lamb": "a state that will pay little either to defend or to extend its values (low on both, or too weak "
            "to pay)",
    "jackal": "a limited-aims revisionist that values what it could gain more than what it has",
    "wolf": "an unlimited-aims revisionist that values what it covets far more than what it holds",
}
KINDS: tuple[str, ...] = ("jackal", "piling-on", "wave-of-the-future", "contagion")
KIND_LABELS: dict[str, str] = {
    "jackal": "jackal bandwagoning", "piling-on": "piling on",
    "wave-of-the-future": "wave of the future", "contagion": "contagion",
}
PULLS: tuple[str, ...] = KINDS + ("appeasement",)
SIDES: tuple[str, ...] = ("revisionist", "status quo")
MOTIVES: tuple[str, ...] = ("security", "profit")
OPTIONS: tuple[str, ...] = ("balance", "bandwagon-revisionist", "bandwagon-status-quo", "buck-pass", "neutral")

GREAT_POWER_AT = 0.25  # capability at or above which a state is a great power
UNLIMITED_AIMS_AT = 0.5  # interest above which a revisionist has unlimited aims (a wolf)
LOW_VALUE_AT = 0.5  # a value below this is low (0.5 is Schweller's "moderate"): low on both values is a lamb
SPOILS_GATE_OPEN_AT = 0.5  # appetite at which the status-quo camp is fully open to a jackal it can pay
_TOLERANCE = 1e-9


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Scenario:
    """One decider in one setting; every number is in [0, 1].

    The decider:

    - ``value_status_quo``: what it would pay to keep what it has (0 nothing, 1 anything).
    - ``value_revision``: what it would pay to gain what it covets (0 nothing, 1 anything).
    - ``capability``: its resources as a share of the strongest power's (0 negligible,
      1 the strongest power itself; a great power from ``GREAT_POWER_AT`` = 0.25).
      The data file codes it as the decider's CINC divided by the system's highest.

    The setting:

    - ``revisionist_strength``: the leading revisionist camp against the status-quo camp
      (0 negligible, 0.5 an even match, 1 overwhelming).
    - ``threat``: how far the leading revisionist menaces what the decider holds (its
      proximity, reach and designs on the decider): 0 not at all, 1 it is coming for it.
    - ``war`` and ``victory``: whether a war is under way and how close the revisionist side
      is to winning it (0 about to lose, 0.5 undecided, 1 about to win). ``victory`` is
      validated always and used only in war.
    - ``wave``: how far the revisionist cause looks like the coming order (0 not at all,
      1 irresistibly).
    - ``contagion``: how far the decider's neighbours and peers have already gone over to the
      revisionist camp (0 none, 1 all).
    - ``spoils_held_by``: which camp holds what the decider covets. "status-quo" (the
      default): the revisionist camp can deliver it by winning. "revisionist": the revisionist
      camp or its members hold it, so only the status-quo camp can deliver it. Bandwagoning for
      profit means joining the side that can hand over the spoils (Schweller 1994:
      weaker revisionists join to share in the gains), so the jackal pull goes to the
      camp that can pay (Italy 1915, Romania 1916, Japan 1914 joined the status-quo camp).
    - ``courted``: how actively both camps bid for the decider's entry (0 no one, 1 both
      make concrete competing offers); it makes waiting valuable (see the module docstring).
    """

    value_status_quo: float = 0.5
    value_revision: float = 0.5
    capability: float = 0.5
    revisionist_strength: float = 0.5
    threat: float = 0.0
    war: bool = False
    victory: float = 0.5
    wave: float = 0.0
    contagion: float = 0.0
    spoils_held_by: str = "status-quo"
    courted: float = 0.0

    def __post_init__(self) -> None:
        for name in SCHWELLER_FIELDS:
            if name == "war":
                object.__setattr__(self, name, validation.boolean("Scenario", name, self.war))
            elif name == "spoils_held_by":
                if self.spoils_held_by not in SPOILS_HOLDERS:
                    raise ValueError(f"Scenario.spoils_held_by must be one of "
                                     f"{', '.join(map(repr, SPOILS_HOLDERS))}, got {self.spoils_held_by!r}")
            else:
                object.__setattr__(self, name, validation.unit_interval("Scenario", name, getattr(self, name)))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Scenario:
        """Build from a mapping; unknown fields raise TypeError naming them."""
        validation.known_fields("Scenario", data, SCHWELLER_FIELDS)
        return cls(**data)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def interest(self) -> float:
        """value_revision - value_status_quo, in [-1, 1]."""
        return self.value_revision - self.value_status_quo


@dataclass(frozen=True)
class InterestParameters:
    """Coefficients of the choice model (symbols as in the module docstring).

    Bases lie in [-50, 50], slopes in [0, 50], and the two damping shares ``rho`` and
    ``lam`` in [0, 1]. The defaults are this book's calibration.
    """

    balance_base: float = -2.0  # b0
    threat_to_balance: float = 4.0  # bT
    revisionist_reluctance: float = 0.5  # rho
    losing_side_deterrence: float = 0.5  # lam
    buckpass_base: float = -3.0  # d0
    strong_camp_to_buckpass: float = 5.0  # dB
    bandwagon_base: float = -2.0  # c0
    jackal_pull: float = 8.0  # cJ
    piling_on_pull: float = 5.0  # cP
    wave_pull: float = 3.0  # cW
    contagion_pull: float = 2.5  # cK
    appeasement_pull: float = 3.0  # cA
    waiting_pull: float = 4.0  # cX = cJ / 2: the jackal's prize at even odds

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name.endswith("_base"):
                number = validation.bounded("InterestParameters", f.name, value, -50.0, 50.0)
            elif f.name in ("revisionist_reluctance", "losing_side_deterrence"):
                number = validation.unit_interval("InterestParameters", f.name, value)
            else:
                number = validation.bounded("InterestParameters", f.name, value, 0.0, 50.0)
            object.__setattr__(self, f.name, number)


DEFAULT_INTEREST_PARAMETERS = InterestParameters()
