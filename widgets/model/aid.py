"""Foreign aid: does aid buy allies, and does it buy control over them?

Walt (1987, ch. 2 and ch. 7) argues that aid plays a smaller part in alliance formation than is
commonly believed, and states six hypotheses, each encoded here:

A1. The more aid one state gives another, the more likely the two are to ally, and the more
    control the donor has over the recipient.
A2. Aid is a special form of balancing: the greater the external threat the recipient faces,
    the greater aid's effect on alignment.
A3. The greater the donor's monopoly on what it provides, the greater its leverage.
A4. The greater the asymmetry of dependence in the donor's favour, the greater its leverage.
A5. The greater the asymmetry of motivation in the donor's favour, the greater its leverage;
    because the recipient's security is usually the more precarious, this asymmetry usually
    favours the recipient.
A6. The weaker the donor's domestic decision-making apparatus, the less leverage it has.

Functional form (an assumption of this book; coefficients in :class:`AidParameters`, not
estimated). With ``a`` the amount of aid, ``T`` the recipient's overall threat level from
:func:`widgets.model.threat.threat_level` (the number :func:`widgets.predict` reports, so aid is
scaled by the book's one notion of threat), ``M`` the donor's monopoly, ``D`` the asymmetry of
dependence, ``m_d`` the donor's motivation and ``W`` the strength of its apparatus:

    threat_scaling = 1 - k_t * (1 - T)                                  (A2)
    alignment      = a * threat_scaling                  in [0, 1]      (A1)
    V = (1 + m_d - T) / 2                                motivation asymmetry, 0.5 = equal (A5)
    bargaining = (w_m * M + w_d * D + w_v * V) / (w_m + w_d + w_v)                (A3-A5)
    apparatus  = 1 - k_w * (1 - W)                                      (A6)
    leverage   = a * bargaining * apparatus              in [0, 1]      (A1, A3-A6)

Assumptions worth saying aloud:

- the recipient's motivation is its security stake, measured by the threat it faces (``T``):
  this is Walt's own reason why the asymmetry of motivation usually favours the recipient,
  and it keeps one notion of threat in the book. A recipient facing a serious threat
  therefore aligns more readily *and* resists its donor more stubbornly;
- ``score`` (the pull towards alignment) does not depend on leverage: leverage is control
  over the recipient's policies once the two are aligned, not a cause of alignment;
- without aid there is neither pull nor leverage, whatever the other inputs;
- the apparatus factor never falls below ``1 - k_w``: a divided donor still has some hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from . import validation
from .ideology import resolve_threat_level
from .threat import Threat, ThreatWeights

AID_FIELDS: tuple[str, ...] = ("amount", "monopoly", "dependence_asymmetry", "donor_motivation", "donor_apparatus")

AID_LABELS: dict[str, str] = {
    "amount": "Amount of aid",
    "monopoly": "Donor's monopoly on what it gives",
    "dependence_asymmetry": "Dependence asymmetry (1 = favours donor)",
    "donor_motivation": "Donor's motivation",
    "donor_apparatus": "Strength of donor's decision-making",
}

MAX_REASONS = 4
AID_SENTENCES: dict[str, str] = {
    "none": "No aid flows, so aid can neither draw the recipient in nor give the donor control.",
    "large": "Substantial aid gives the recipient a material reason to align with the donor.",
    "small": "The aid is modest, so its pull towards alignment is small.",
    "threatened": "The recipient faces a serious threat, so aid works as balancing and counts for more.",
    "safe": "The recipient faces little threat, so aid does little to change its alignment.",
    "monopoly": "The donor is the only source of what it provides, which strengthens its hand.",
    "alternatives": "The recipient can get the same goods elsewhere, which weakens the donor's hand.",
    "dependence_donor": "The recipient needs the donor more than the donor needs it, which adds to the donor's "
                        "leverage.",
    "dependence_recipient": "The donor needs the recipient more than the recipient needs the donor, which limits "
                            "leverage.",
    "motivation_recipient": "The recipient's security is at stake, so it cares more than the donor and can resist its "
                            "demands.",
    "motivation_donor": "The donor cares more about the outcome than the recipient does, which adds to its leverage.",
    "weak_apparatus": "The donor's divided decision-making makes it hard to turn aid into pressure.",
    "little_control": "Aid buys the donor little control over the recipient here.",
}


@dataclass(frozen=True)
class Aid:
    """Aid from the prospective ally (donor) to the decider (recipient); fields in [0, 1].

    - ``amount``: how much aid, relative to the recipient's needs; 0 none, 1 all it needs.
    - ``monopoly``: how far the donor is the only source of what it gives; 0 many
      alternative suppliers, 1 none.
    - ``dependence_asymmetry``: who needs the relationship more; 0 the donor depends on the
      recipient, 0.5 mutual, 1 the recipient depends on the donor.
    - ``donor_motivation``: how much the donor cares about the issues at stake, on the same
      scale as the recipient's security stake (its threat level).
    - ``donor_apparatus``: strength and unity of the donor's domestic decision-making;
      0 divided and weak, 1 unified and strong.

    The defaults describe no aid at all (``amount`` 0) and middling terms.
    """

    amount: float = 0.0
    monopoly: float = 0.5
    dependence_asymmetry: float = 0.5
    donor_motivation: float = 0.5
    donor_apparatus: float = 0.5

    def __post_init__(self) -> None:
        for name in AID_FIELDS:
            object.__setattr__(self, name, validation.unit_interval("Aid", name, getattr(self, name)))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Aid:
        """Build from a mapping; unknown fields raise TypeError naming them."""
        validation.known_fields("Aid", data, AID_FIELDS)
        return cls(**data)

    def to_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class AidParameters:
    """Coefficients of the aid model (see the module docstring).

    ``threat_dependence`` (k_t) and ``apparatus_effect`` (k_w) are in [0, 1]; the three
    bargaining weights are >= 0 and not all zero.
    """

    threat_dependence: float = 0.8  # k_t (A2)
    monopoly_weight: float = 1.0  # w_m (A3)
    dependence_weight: float = 1.0  # w_d (A4)
    motivation_weight: float = 1.0  # w_v (A5)
    apparatus_effect: float = 0.5  # k_w (A6)

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("threat_dependence", "apparatus_effect"):
                number = validation.unit_interval("AidParameters", f.name, value)
            else:
                number = validation.bounded("AidParameters", f.name, value, 0.0, 50.0)
            object.__setattr__(self, f.name, number)
        if self.monopoly_weight + self.dependence_weight + self.motivation_weight <= 0.0:
            raise ValueError(
                "AidParameters needs at least one of monopoly_weight, dependence_weight, motivation_weight "
                "above 0; got all zero"
            )


DEFAULT_AID_PARAMETERS = AidParameters()


@dataclass(frozen=True)
class AidResult:
    """What aid does for one donor-recipient pair.

    - ``score``: aid's pull towards alignment, in [0, 1] (0 = none); the same number is
      ``effect``, which :mod:`widgets.model.explanations` adds on the log-odds scale.
    - ``leverage``: the donor's control over the recipient, in [0, 1].
    - ``threat``: the recipient's threat level; ``threat_scaling``: how much of the aid
      counts towards alignment at that threat (A2).
    - ``motivation_asymmetry``: 0.5 = equal, below 0.5 favours the recipient (A5).
    - ``bargaining`` and ``apparatus``: the two factors of leverage besides the amount.
    - ``reasons``: short sentences from :data:`AID_SENTENCES`.
    """

    score: float
    effect: float
    leverage: float
    threat: float
    threat_scaling: float
    motivation_asymmetry: float
    bargaining: float
    apparatus: float
    reasons: tuple[str, ...]


def aid_effect(
    aid: Aid,
    threat: Threat | float,
    weights: ThreatWeights | None = None,
    params: AidParameters | None = None,
) -> AidResult:
    """Aid's pull on the recipient's alignment and the donor's leverage (A1-A6).

    ``threat`` is the threat the *recipient* faces: a ``Threat`` (its level is computed with
    ``threat_level(threat, weights)``) or that level itself.
    """
    validation.instance("aid", aid, Aid)
    params = validation.or_default("params", params, AidParameters, DEFAULT_AID_PARAMETERS)
    level = resolve_threat_level("aid_effect", threat, weights)
    scaling = 1.0 - params.threat_dependence * (1.0 - level)
    alignment = aid.amount * scaling
    motivation = (1.0 + aid.donor_motivation - level) / 2.0
    total = params.monopoly_weight + params.dependence_weight + params.motivation_weight
    bargaining = (
        params.monopoly_weight * aid.monopoly
        + params.dependence_weight * aid.dependence_asymmetry
        + params.motivation_weight * motivation
    ) / total
    apparatus = 1.0 - params.apparatus_effect * (1.0 - aid.donor_apparatus)
    leverage = aid.amount * bargaining * apparatus
    return AidResult(
        score=alignment,
        effect=alignment,
        leverage=leverage,
        threat=level,
        threat_scaling=scaling,
        motivation_asymmetry=motivation,
        bargaining=bargaining,
        apparatus=apparatus,
        reasons=_reasons(aid, level, motivation, leverage),
    )


def _reasons(aid: Aid, level: float, motivation: float, leverage: float) -> tuple[str, ...]:
    """At most four sentences: the amount, the threat, then the terms of leverage in Walt's order
    of emphasis (motivation first), then a summary if aid buys little control."""
    if aid.amount == 0.0:
        return (AID_SENTENCES["none"],)
    keys = ["large" if aid.amount >= 0.5 else "small"]
    if level >= 0.5:
        keys.append("threatened")
    elif level < 0.3:
        keys.append("safe")
    if motivation < 0.45:
        keys.append("motivation_recipient")
    elif motivation > 0.55:
        keys.append("motivation_donor")
    if aid.monopoly >= 0.75:
        keys.append("monopoly")
    elif aid.monopoly <= 0.25:
        keys.append("alternatives")
    if aid.dependence_asymmetry >= 0.75:
        keys.append("dependence_donor")
    elif aid.dependence_asymmetry <= 0.25:
        keys.append("dependence_recipient")
    if aid.donor_apparatus <= 0.25:
        keys.append("weak_apparatus")
    if leverage < 0.2:
        keys.append("little_control")
    return tuple(AID_SENTENCES[k] for k in keys[:MAX_REASONS])
