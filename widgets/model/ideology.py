"""Ideology: do states ally with regimes that think like them?

Walt (1987, ch. 2 and ch. 6) tests ideological solidarity as a cause of alliances and states
five hypotheses, each encoded here:

I1. The more similar two states' domestic ideologies, the more likely they are to ally.
I2. The more centralised and hierarchical the movement an ideology prescribes (Leninism,
    pan-Arabism), the more quarrelsome and fragile any alliance built on it; monarchies and
    democracies find stable ideological alliances easier.
I3. The more secure a state feels, and the more defence dominates offence in warfare, the
    more ideology weighs in its alliance choices.
I4. States lacking domestic legitimacy are more likely to seek ideological allies.
I5. Statesmen exaggerate how much ideology drives the choice of partners.

Functional form (an assumption of this book, not Walt's; the coefficients are in
:class:`IdeologyParameters` and are not estimated from data). With ``A`` the ideological
similarity, ``C`` the centralisation of the movement the shared ideology prescribes, ``L``
the decider's legitimacy deficit, ``D`` the advantage of defence, and ``S = 1 - T`` the
decider's security, where ``T`` is the overall threat level computed by
:func:`widgets.model.threat.threat_level` (the same number :func:`widgets.predict` uses, so there is
one notion of threat in the book):

    W = (w_0 + w_s * S + w_d * D + w_l * L) / (w_0 + w_s + w_d + w_l)    weight of ideology (I3, I4)
    e = W * (2A - 1)                                                    actual effect, in [-1, 1] (I1)
    score = (1 + e) / 2                                                 propensity to ally, in [0, 1]
    durability = 1 - f * C * A                                          (I2)
    perceived = sign(e) * (1 - (1 - |e|) ** lam),  lam >= 1             what statesmen believe (I5)

Assumptions worth saying aloud:

- similarity 0.5 is "neither alike nor opposed": ideology then adds nothing, whatever its
  weight; below 0.5 clashing ideologies push the two apart;
- security, the advantage of defence and a legitimacy deficit change how much ideology
  *counts* (its weight), not which way it points; the base weight ``w_0`` keeps some
  influence even for a threatened, legitimate state in an offence-dominant world;
- centralisation does not stop an alliance forming: it makes the alliance that forms
  fragile (``durability``), and only in proportion to what the two share (``A``);
- the exaggeration (I5) bends the effect's size, never its sign: leaders see the right
  direction but overrate the strength.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from . import validation
from .threat import Threat, ThreatWeights, threat_level

IDEOLOGY_FIELDS: tuple[str, ...] = ("similarity", "centralisation", "legitimacy_deficit", "defence_advantage")

IDEOLOGY_LABELS: dict[str, str] = {
    "similarity": "Ideological similarity",
    "centralisation": "Centralisation of the shared movement",
    "legitimacy_deficit": "Decider's legitimacy deficit",
    "defence_advantage": "Advantage of defence in warfare",
}

# Fixed sentences (no numbers: the figure shows those), chosen by the rules in _reasons.
MAX_REASONS = 4
IDEOLOGY_SENTENCES: dict[str, str] = {
    "similar": "The two regimes share a domestic ideology, which draws them together.",
    "dissimilar": "The two regimes' domestic ideologies clash, which pushes them apart.",
    "mixed": "Their ideologies are neither alike nor opposed, so ideology pulls neither way.",
    "secure": "The decider feels secure, so it can afford to choose partners by ideology.",
    "threatened": "A serious threat leaves little room for choosing partners by ideology.",
    "defence": "Defence dominates in warfare, which makes ideological choices less risky.",
    "legitimacy": "A regime short of domestic legitimacy looks to ideological allies for support.",
    "fragile": "The shared ideology prescribes one centralised movement, so an alliance built on it would be "
               "quarrelsome and fragile.",
    "exaggerated": "Leaders are likely to see ideology as a bigger force here than it is.",
}


@dataclass(frozen=True)
class Ideology:
    """The ideological relation between a decider and a prospective ally; fields in [0, 1].

    - ``similarity``: how alike their domestic ideologies are; 0 opposed, 0.5 neither
      alike nor opposed (ideology adds nothing), 1 the same.
    - ``centralisation``: how centralised and hierarchical the movement prescribed by the
      ideology they share is; 0 none (monarchies, democracies), 1 a single movement with one
      leader (Leninism, pan-Arab unity).
    - ``legitimacy_deficit``: how far the decider's regime lacks domestic legitimacy;
      0 secure at home, 1 none at all.
    - ``defence_advantage``: how far defence dominates offence in warfare; 0 offence
      dominates, 1 defence dominates.

    The defaults are the values at which ideology adds nothing to an alliance.
    """

    similarity: float = 0.5
    centralisation: float = 0.0
    legitimacy_deficit: float = 0.0
    defence_advantage: float = 0.5

    def __post_init__(self) -> None:
        for name in IDEOLOGY_FIELDS:
            object.__setattr__(self, name, validation.unit_interval("Ideology", name, getattr(self, name)))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Ideology:
        """Build from a mapping; unknown fields raise TypeError naming them."""
        validation.known_fields("Ideology", data, IDEOLOGY_FIELDS)
        return cls(**data)

    def to_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class IdeologyParameters:
    """Coefficients of the ideology model (see the module docstring).

    Weights are >= 0 and not all zero; ``fragility`` is in [0, 1]; ``exaggeration`` (lam)
    is in [1, 20], 1 meaning statesmen see ideology exactly as it is.
    """

    base_weight: float = 1.0  # w_0
    security_weight: float = 1.0  # w_s (I3, security)
    defence_weight: float = 1.0  # w_d (I3, defence dominance)
    legitimacy_weight: float = 1.0  # w_l (I4)
    fragility: float = 0.8  # f (I2)
    exaggeration: float = 2.0  # lam (I5)

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "fragility":
                number = validation.unit_interval("IdeologyParameters", f.name, value)
            elif f.name == "exaggeration":
                number = validation.bounded("IdeologyParameters", f.name, value, 1.0, 20.0)
            else:
                number = validation.bounded("IdeologyParameters", f.name, value, 0.0, 50.0)
            object.__setattr__(self, f.name, number)
        if self._weight_total() <= 0.0:
            raise ValueError(
                "IdeologyParameters needs at least one of base_weight, security_weight, defence_weight, "
                "legitimacy_weight above 0; got all zero"
            )

    def _weight_total(self) -> float:
        return self.base_weight + self.security_weight + self.defence_weight + self.legitimacy_weight


DEFAULT_IDEOLOGY_PARAMETERS = IdeologyParameters()


@dataclass(frozen=True)
class IdeologyResult:
    """What ideology does for one pair of states.

    - ``score``: propensity to ally on ideological grounds, in [0, 1]; 0.5 = no effect.
    - ``effect``: the same on a signed scale, in [-1, 1] (``score = (1 + effect) / 2``);
      this is what :mod:`widgets.model.explanations` adds on the log-odds scale.
    - ``perceived_effect`` and ``perceived_score``: what statesmen believe (I5).
    - ``weight``: how much ideology counts in this setting, in [0, 1] (I3, I4).
    - ``durability``: how stable an alliance built on the shared ideology would be (I2).
    - ``security``: 1 minus the threat level the decider faces.
    - ``reasons``: short sentences from :data:`IDEOLOGY_SENTENCES`.
    """

    score: float
    effect: float
    perceived_effect: float
    perceived_score: float
    weight: float
    durability: float
    security: float
    reasons: tuple[str, ...]


def resolve_threat_level(owner: str, threat: Any, weights: ThreatWeights | None) -> float:
    """The overall threat level: from a ``Threat`` (via ``threat_level``) or a number in [0, 1].

    A number is taken to be a threat level already computed by ``threat_level`` (for
    example ``predict(...).threat``); ``weights`` apply only to a ``Threat``.
    """
    if weights is not None and not isinstance(weights, ThreatWeights):
        raise TypeError(f"{owner}: weights must be a ThreatWeights or None, got {type(weights).__name__}")
    if isinstance(threat, Threat):
        return threat_level(threat, weights)
    if isinstance(threat, bool) or not isinstance(threat, numbers.Real):
        raise TypeError(
            f"{owner}.threat must be a Threat or a threat level in [0, 1], got {type(threat).__name__} {threat!r}"
        )
    return validation.unit_interval(owner, "threat", threat)


def ideology_effect(
    ideology: Ideology,
    threat: Threat | float,
    weights: ThreatWeights | None = None,
    params: IdeologyParameters | None = None,
) -> IdeologyResult:
    """Ideology's effect on the decider's propensity to ally with the prospective ally.

    ``threat`` is the threat the decider faces: a ``Threat`` (its level is computed with
    ``threat_level(threat, weights)``) or that level itself. Encodes hypotheses I1-I5 of the
    module docstring.
    """
    validation.instance("ideology", ideology, Ideology)
    params = validation.or_default("params", params, IdeologyParameters, DEFAULT_IDEOLOGY_PARAMETERS)
    level = resolve_threat_level("ideology_effect", threat, weights)
    security = 1.0 - level
    weight = (
        params.base_weight
        + params.security_weight * security
        + params.defence_weight * ideology.defence_advantage
        + params.legitimacy_weight * ideology.legitimacy_deficit
    ) / params._weight_total()
    weight = min(1.0, max(0.0, weight))
    effect = weight * (2.0 * ideology.similarity - 1.0)
    perceived = math.copysign(1.0 - (1.0 - abs(effect)) ** params.exaggeration, effect) if effect else 0.0
    durability = 1.0 - params.fragility * ideology.centralisation * ideology.similarity
    return IdeologyResult(
        score=(1.0 + effect) / 2.0,
        effect=effect,
        perceived_effect=perceived,
        perceived_score=(1.0 + perceived) / 2.0,
        weight=weight,
        durability=durability,
        security=security,
        reasons=_reasons(ideology, security, effect, perceived, durability),
    )


def _reasons(
    ideology: Ideology, security: float, effect: float, perceived: float, durability: float
) -> tuple[str, ...]:
    """At most four sentences: direction, fragility, then what sets ideology's weight, then perception."""
    keys = []
    lean = 2.0 * ideology.similarity - 1.0
    keys.append("mixed" if abs(lean) < 0.1 else "similar" if lean > 0 else "dissimilar")
    if durability < 0.6:
        keys.append("fragile")
    if keys[0] != "mixed":
        if ideology.legitimacy_deficit >= 0.5:
            keys.append("legitimacy")
        if security >= 0.6:
            keys.append("secure")
        elif security <= 0.4:
            keys.append("threatened")
        if ideology.defence_advantage >= 0.75:
            keys.append("defence")
    if abs(perceived) - abs(effect) >= 0.1:
        keys.append("exaggerated")
    return tuple(IDEOLOGY_SENTENCES[k] for k in keys[:MAX_REASONS])
