"""Transnational penetration: can one state steer another's alignment from inside?

Penetration is the manipulation of one state's domestic political system by another: through
officials whose loyalties are divided, lobbies, propaganda, training and education
programmes, advisers, or covert action. Walt (1987, ch. 2 and ch. 7) states four hypotheses,
each encoded here:

P1. The greater one state's access to another's political system, the greater the tendency
    for the two to ally.
P2. Penetration is more effective against open societies.
P3. Penetration is more effective when its objectives are limited; and the more intrusive
    it is, the greater the chance that it hurts alignment instead.
P4. Penetration is more effective when other causes already favour the alliance.

Functional form (an assumption of this book; coefficients in :class:`PenetrationParameters`,
not estimated). With ``x`` the access, ``O`` the target's openness, ``G`` the ambition of the
objectives, ``I`` the intrusiveness of the means and ``b`` the baseline probability of the
alliance from the *other* causes (in the combined view: the probability after threat,
ideology and aid, see :mod:`widgets.model.explanations`):

    receptiveness = 1 - k_o * (1 - O)                                  (P2)
    focus         = 1 - k_g * G                                        (P3, limited aims)
    context       = 1 - k_b * (1 - b)                                  (P4)
    gain          = x * receptiveness * focus * context     in [0, 1]  (P1)
    p_backfire    = k_i * I                                            (P3, intrusiveness)
    loss          = k_l * x
    effect        = (1 - p_backfire) * gain - p_backfire * loss        in [-1, 1]
    score         = (1 + effect) / 2                                   in [0, 1]

Assumptions worth saying aloud:

- intrusive penetration is a gamble: with probability ``p_backfire`` it is exposed and
  provokes a backlash whose size grows with how deep the access went; ``effect`` is the
  expected value of the gamble;
- without access there is no effect at all, whatever the other inputs; with access, the
  expected effect's sign depends on intrusiveness (P1 holds in full for non-intrusive
  penetration, and whenever the expected effect per unit of access is positive);
- openness, limited aims and a favourable context make penetration work when it works; they
  do not change the chance of a backlash.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from . import validation

PENETRATION_FIELDS: tuple[str, ...] = ("access", "openness", "ambition", "intrusiveness")

PENETRATION_LABELS: dict[str, str] = {
    "access": "Access to the decider's political system",
    "openness": "Openness of the decider's society",
    "ambition": "Ambition of the objectives",
    "intrusiveness": "Intrusiveness of the means",
    "baseline": "Support for the alliance from other causes",
}

MAX_REASONS = 4
PENETRATION_SENTENCES: dict[str, str] = {
    "none": "The partner has no access to the decider's political system, so penetration plays no part.",
    "access": "The partner has wide access to the decider's political system.",
    "some_access": "The partner has some access to the decider's political system.",
    "open": "The decider is an open society, where outside influence travels easily.",
    "closed": "The decider's political system is closed, which blunts outside influence.",
    "limited": "The aims are limited, which is what influence from outside can achieve.",
    "sweeping": "The aims are sweeping, more than influence from outside can usually deliver.",
    "intrusive": "The means are intrusive, so the effort risks exposure and a nationalist backlash.",
    "backfires": "On balance the penetration is more likely to hurt the alliance than to help it.",
    "favourable": "Other causes already favour the alliance, so influence has something to work with.",
    "unfavourable": "Other causes work against the alliance, and penetration alone cannot create it.",
}


@dataclass(frozen=True)
class Penetration:
    """The prospective ally's penetration of the decider's political system; fields in [0, 1].

    - ``access``: how far the partner reaches into the decider's political system; 0 none,
      1 deep (officials, advisers, lobbies, media, parties).
    - ``openness``: how open the decider's society and politics are; 0 closed, 1 open.
    - ``ambition``: how ambitious the objectives are; 0 limited (a vote, a contract),
      1 sweeping (a change of regime or of foreign policy as a whole).
    - ``intrusiveness``: how intrusive the means are; 0 open persuasion (education,
      lobbying), 1 covert manipulation (bribery, subversion, control of the armed forces).

    The defaults describe no penetration at all (``access`` 0).
    """

    access: float = 0.0
    openness: float = 0.5
    ambition: float = 0.5
    intrusiveness: float = 0.5

    def __post_init__(self) -> None:
        for name in PENETRATION_FIELDS:
            object.__setattr__(self, name, validation.unit_interval("Penetration", name, getattr(self, name)))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Penetration:
        """Build from a mapping; unknown fields raise TypeError naming them."""
        validation.known_fields("Penetration", data, PENETRATION_FIELDS)
        return cls(**data)

    def to_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class PenetrationParameters:
    """Coefficients of the penetration model (see the module docstring); all in [0, 1]."""

    openness_effect: float = 0.8  # k_o (P2)
    ambition_penalty: float = 0.6  # k_g (P3, limited aims)
    context_effect: float = 0.8  # k_b (P4)
    backfire_risk: float = 0.8  # k_i (P3, intrusiveness)
    backlash: float = 1.0  # k_l

    def __post_init__(self) -> None:
        for f in fields(self):
            object.__setattr__(
                self, f.name, validation.unit_interval("PenetrationParameters", f.name, getattr(self, f.name))
            )


DEFAULT_PENETRATION_PARAMETERS = PenetrationParameters()


@dataclass(frozen=True)
class PenetrationResult:
    """What penetration does for one pair of states.

    - ``score``: propensity to ally due to penetration, in [0, 1]; 0.5 = no effect.
    - ``effect``: the expected effect on a signed scale, in [-1, 1]; what
      :mod:`widgets.model.explanations` adds on the log-odds scale.
    - ``gain``: the effect if the effort is not exposed; ``loss``: the harm if it backfires.
    - ``backfire_probability``: the chance that it backfires (P3).
    - ``receptiveness``, ``focus``, ``context``: the factors of ``gain`` (P2, P3, P4).
    - ``baseline``: the probability of the alliance from other causes that was used.
    - ``reasons``: short sentences from :data:`PENETRATION_SENTENCES`.
    """

    score: float
    effect: float
    gain: float
    loss: float
    backfire_probability: float
    receptiveness: float
    focus: float
    context: float
    baseline: float
    reasons: tuple[str, ...]


def penetration_effect(
    penetration: Penetration,
    baseline: float,
    params: PenetrationParameters | None = None,
) -> PenetrationResult:
    """Penetration's expected effect on the decider's propensity to ally (P1-P4).

    ``baseline`` in [0, 1] is the probability of the alliance from the other causes (threat,
    ideology, aid), for example ``combined_view(...).steps["aid"]`` or
    ``predict(...).probabilities["balance"]``.
    """
    validation.instance("penetration", penetration, Penetration)
    params = validation.or_default("params", params, PenetrationParameters, DEFAULT_PENETRATION_PARAMETERS)
    if isinstance(baseline, bool) or not isinstance(baseline, numbers.Real):
        raise TypeError(
            f"penetration_effect.baseline must be a probability in [0, 1], got {type(baseline).__name__} {baseline!r}"
        )
    b = validation.unit_interval("penetration_effect", "baseline", baseline)
    x = penetration.access
    receptiveness = 1.0 - params.openness_effect * (1.0 - penetration.openness)
    focus = 1.0 - params.ambition_penalty * penetration.ambition
    context = 1.0 - params.context_effect * (1.0 - b)
    gain = x * receptiveness * focus * context
    p_backfire = params.backfire_risk * penetration.intrusiveness
    loss = params.backlash * x
    effect = (1.0 - p_backfire) * gain - p_backfire * loss
    effect = min(1.0, max(-1.0, effect))
    return PenetrationResult(
        score=(1.0 + effect) / 2.0,
        effect=effect,
        gain=gain,
        loss=loss,
        backfire_probability=p_backfire,
        receptiveness=receptiveness,
        focus=focus,
        context=context,
        baseline=b,
        reasons=_reasons(penetration, b, p_backfire, effect),
    )


def _reasons(penetration: Penetration, baseline: float, p_backfire: float, effect: float) -> tuple[str, ...]:
    """At most four sentences: access, the risk and its verdict, then openness, context and aims."""
    if penetration.access == 0.0:
        return (PENETRATION_SENTENCES["none"],)
    keys = ["access" if penetration.access >= 0.5 else "some_access"]
    if p_backfire >= 0.4:
        keys.append("intrusive")
    if effect < 0.0:
        keys.append("backfires")
    if penetration.openness >= 0.75:
        keys.append("open")
    elif penetration.openness <= 0.25:
        keys.append("closed")
    if baseline >= 0.6:
        keys.append("favourable")
    elif baseline <= 0.4:
        keys.append("unfavourable")
    if penetration.ambition <= 0.25:
        keys.append("limited")
    elif penetration.ambition >= 0.75:
        keys.append("sweeping")
    return tuple(PENETRATION_SENTENCES[k] for k in keys[:MAX_REASONS])
