"""The four sources of threat and how they combine into one threat level.

Walt (1985; 1987, pp. 21-26) replaces "balance of power" with "balance of threat": states
ally against (or with) the foreign power that poses the greatest threat, and threat has four
sources, aggregate power, geographic proximity, offensive power and aggressive intentions.
He adds that "one cannot determine a priori" which source matters most in a given case.

Functional form (an assumption of this book, not Walt's): the overall threat level is the
weighted mean of the four sources,

    T = (w_P * P + w_X * X + w_O * O + w_I * I) / (w_P + w_X + w_O + w_I),

with equal default weights because Walt ranks none of them first. A weighted mean keeps
T in [0, 1], rises with every source whose weight is positive, and makes each source's
contribution, ``w_i * x_i / sum(w)``, easy to show to a reader.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from . import validation

THREAT_SOURCES: tuple[str, ...] = (
    "aggregate_power",
    "proximity",
    "offensive_power",
    "aggressive_intentions",
)

SOURCE_LABELS: dict[str, str] = {
    "aggregate_power": "Aggregate power",
    "proximity": "Proximity",
    "offensive_power": "Offensive power",
    "aggressive_intentions": "Aggressive intentions",
}


@dataclass(frozen=True)
class Threat:
    """The threatening state as the decider sees it; every field is in [0, 1].

    - ``aggregate_power``: total resources (population, industry, military, technology);
      0 negligible, 1 the strongest power of its system.
    - ``proximity``: how near it is; 0 remote, 1 an immediate neighbour.
    - ``offensive_power``: ability to threaten sovereignty or territory at acceptable cost;
      0 purely defensive forces, 1 forces built for rapid conquest.
    - ``aggressive_intentions``: how aggressive its aims are perceived to be;
      0 clearly benign, 1 unalterably aggressive.
    """

    aggregate_power: float
    proximity: float
    offensive_power: float
    aggressive_intentions: float

    def __post_init__(self) -> None:
        for name in THREAT_SOURCES:
            object.__setattr__(self, name, validation.unit_interval("Threat", name, getattr(self, name)))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Threat:
        """Build from a mapping; unknown or missing fields raise TypeError naming them."""
        validation.known_fields("Threat", data, THREAT_SOURCES)
        missing = [name for name in THREAT_SOURCES if name not in data]
        if missing:
            raise TypeError(f"Threat is missing field {', '.join(map(repr, missing))}")
        return cls(**data)

    def to_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class ThreatWeights:
    """Relative weights of the four sources (non-negative, not all zero).

    The defaults are equal because Walt says none can be ranked a priori. Weights are
    relative: (2, 2, 2, 2) means the same as (1, 1, 1, 1).
    """

    aggregate_power: float = 1.0
    proximity: float = 1.0
    offensive_power: float = 1.0
    aggressive_intentions: float = 1.0

    def __post_init__(self) -> None:
        for name in THREAT_SOURCES:
            value = validation.bounded("ThreatWeights", name, getattr(self, name), 0.0, None)
            object.__setattr__(self, name, value)
        if sum(getattr(self, name) for name in THREAT_SOURCES) <= 0.0:
            raise ValueError(
                "ThreatWeights needs at least one weight above 0 "
                f"(fields: {', '.join(THREAT_SOURCES)}); got all zero"
            )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ThreatWeights:
        validation.known_fields("ThreatWeights", data, THREAT_SOURCES)
        return cls(**data)

    def normalised(self) -> dict[str, float]:
        """Weights rescaled to sum to 1."""
        total = sum(getattr(self, f.name) for f in fields(self))
        return {name: getattr(self, name) / total for name in THREAT_SOURCES}


def contributions(threat: Threat, weights: ThreatWeights | None = None) -> dict[str, float]:
    """Each source's share of the overall threat level (they add up to ``threat_level``)."""
    validation.instance("threat", threat, Threat)
    weights = validation.or_default("weights", weights, ThreatWeights, ThreatWeights())
    share = weights.normalised()
    return {name: share[name] * getattr(threat, name) for name in THREAT_SOURCES}


def threat_level(threat: Threat, weights: ThreatWeights | None = None) -> float:
    """Overall threat in [0, 1]: the weighted mean of the four sources (see module doc).

    Encodes Walt's claim that threat, not power alone, is what states respond to: every
    source with a positive weight raises the level.
    """
    level = sum(contributions(threat, weights).values())
    return min(1.0, max(0.0, level))
