"""Five explanations, one pair of states: how much does each add to the threat-based prediction?

Walt (1987, ch. 2 and ch. 5-8) tests five explanations of alliances: balancing and
bandwagoning (both responses to threat, :func:`widgets.predict`), ideology
(:mod:`widgets.model.ideology`), foreign aid (:mod:`widgets.model.aid`) and transnational penetration
(:mod:`widgets.model.penetration`). His verdict: threat dominates; ideology and aid matter less than
is commonly believed, and penetration works mostly where other causes already favour the
alliance.

The combined view looks at one pair of states: a *decider*, facing a threat, and a
*prospective ally* that faces the same threat, shares (or not) the decider's ideology, may give
it aid and may have access to its political system. The question is whether the decider
allies with the partner against the threat, i.e. balances.

Combination rule (an assumption of this book). Start from the threat-based probability of
balancing, ``p_0 = predict(threat, situation).probabilities["balance"]``, and add each
explanation's effect on the log-odds (logit) scale, weighted:

    z_threat      = w_T * logit(p_0)
    z_ideology    = w_I * e_I      e_I = ideology_effect(...).effect     in [-1, 1]
    z_aid         = w_A * e_A      e_A = aid_effect(...).effect          in [0, 1]
    z_penetration = w_P * e_P      e_P = penetration_effect(...).effect  in [-1, 1]
    p = 1 / (1 + exp(-(z_threat + z_ideology + z_aid + z_penetration)))

Adding on the logit scale keeps every probability in (0, 1), makes each contribution a
number a reader can compare with the others (a waterfall chart), and means an explanation
moves the probability most where the other causes leave the choice open. Ideology and aid
read the threat level from the same ``predict`` call (``Prediction.threat``): security is
``1 - T`` for ideology (hypothesis I3) and aid is scaled by ``T`` (A2). Penetration's context
(P4) is the probability after threat, ideology and aid: that is the only place where the order
of the steps matters.

Default weights encode Walt's verdict: ``w_T = 1`` leaves the threat-based prediction as it
is (over a grid of the book's inputs its log-odds run from about -5.7 to +6.2), while
ideology, aid and penetration can each move the log-odds by at most 0.8, 0.6 and 0.5. With these weights no
combination of the three can reverse a threat-based prediction held at odds of 9 to 1 or
more. The weights are a reading of Walt, not estimates; readers can change them with
:class:`ExplanationWeights`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from . import validation
from .aid import Aid, AidParameters, AidResult, aid_effect
from .alignment import ModelParameters, Prediction, predict
from .ideology import Ideology, IdeologyParameters, IdeologyResult, ideology_effect
from .penetration import Penetration, PenetrationParameters, PenetrationResult, penetration_effect
from .situation import Situation
from .threat import Threat, ThreatWeights

EXPLANATIONS: tuple[str, ...] = ("threat", "ideology", "aid", "penetration")
OTHER_EXPLANATIONS: tuple[str, ...] = EXPLANATIONS[1:]

EXPLANATION_LABELS: dict[str, str] = {
    "threat": "Threat",
    "ideology": "Ideology",
    "aid": "Foreign aid",
    "penetration": "Penetration",
}

COMBINED_SENTENCES: dict[str, str] = {
    "nothing_else": "Ideology, aid and penetration add nothing here: the threat-based prediction stands.",
    "threat_dominates": "The threat does most of the work; ideology, aid and penetration only adjust the odds.",
    "others_dominate": "Here ideology, aid and penetration together move the odds more than the threat does.",
    "reversed": "Together, the other explanations reverse the threat-based prediction.",
    "ideology_top": "Of the other explanations, ideology moves the odds most.",
    "aid_top": "Of the other explanations, foreign aid moves the odds most.",
    "penetration_top": "Of the other explanations, penetration moves the odds most.",
    "exaggerated": "Judged as statesmen judge it, ideology would seem to matter more than it does.",
}

_EPS = 1e-9
MAX_WEIGHT = 10.0


@dataclass(frozen=True)
class ExplanationWeights:
    """How strongly each explanation moves the log-odds (each in [0, 10]).

    The defaults are this book's reading of Walt's verdict (see the module docstring).
    ``threat`` multiplies the threat-based log-odds; 0 ignores the threat altogether.
    """

    threat: float = 1.0
    ideology: float = 0.8
    aid: float = 0.6
    penetration: float = 0.5

    def __post_init__(self) -> None:
        for f in fields(self):
            value = validation.bounded("ExplanationWeights", f.name, getattr(self, f.name), 0.0, MAX_WEIGHT)
            object.__setattr__(self, f.name, value)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExplanationWeights:
        validation.known_fields("ExplanationWeights", data, EXPLANATIONS)
        return cls(**data)

    def scaled(self, factor: float) -> ExplanationWeights:
        """These weights with ideology, aid and penetration multiplied by ``factor`` (>= 0)."""
        k = validation.bounded("ExplanationWeights.scaled", "factor", factor, 0.0, None)
        return replace(self, **{name: min(MAX_WEIGHT, k * getattr(self, name)) for name in OTHER_EXPLANATIONS})

    def to_dict(self) -> dict[str, float]:
        return asdict(self)


DEFAULT_EXPLANATION_WEIGHTS = ExplanationWeights()


@dataclass(frozen=True)
class CombinedView:
    """The five explanations for one pair of states.

    - ``prediction``: the threat-based :class:`~widgets.model.alignment.Prediction`;
      ``p_threat`` its probability of balancing.
    - ``ideology``, ``aid``, ``penetration``: each explanation's own result.
    - ``contributions``: each explanation's term on the log-odds scale (they add up to
      ``logit``); ``steps``: the probability after each step, in order.
    - ``probability``: the combined probability that the decider allies with the partner.
    - ``perceived_probability``: the same with ideology as statesmen see it (I5), other
      terms unchanged.
    - ``weights``: the :class:`ExplanationWeights` used; ``reasons``: short sentences.
    """

    prediction: Prediction
    p_threat: float
    ideology: IdeologyResult
    aid: AidResult
    penetration: PenetrationResult
    weights: ExplanationWeights
    contributions: dict[str, float]
    steps: dict[str, float]
    logit: float
    probability: float
    perceived_probability: float
    reasons: tuple[str, ...]


def logit(p: float) -> float:
    """log(p / (1 - p)), with p clipped to [1e-9, 1 - 1e-9] so it stays finite."""
    p = min(1.0 - _EPS, max(_EPS, p))
    return math.log(p / (1.0 - p))


def logistic(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def combined_view(
    threat: Threat,
    situation: Situation | None = None,
    ideology: Ideology | None = None,
    aid: Aid | None = None,
    penetration: Penetration | None = None,
    *,
    weights: ExplanationWeights | None = None,
    threat_weights: ThreatWeights | None = None,
    params: ModelParameters | None = None,
    ideology_params: IdeologyParameters | None = None,
    aid_params: AidParameters | None = None,
    penetration_params: PenetrationParameters | None = None,
) -> CombinedView:
    """Combine the five explanations for one decider and one prospective ally.

    ``threat`` and ``situation`` go to :func:`widgets.predict`; ``ideology``, ``aid`` and
    ``penetration`` describe the pair (``None`` means the explanation is silent: similar
    ideologies neither alike nor opposed, no aid, no access). See the module docstring for the
    combination rule.
    """
    if not isinstance(threat, Threat):
        raise TypeError(f"threat must be a Threat, got {type(threat).__name__}")
    for name, value, kind in (
        ("situation", situation, Situation),
        ("ideology", ideology, Ideology),
        ("aid", aid, Aid),
        ("penetration", penetration, Penetration),
        ("weights", weights, ExplanationWeights),
        ("threat_weights", threat_weights, ThreatWeights),
        ("params", params, ModelParameters),
        ("ideology_params", ideology_params, IdeologyParameters),
        ("aid_params", aid_params, AidParameters),
        ("penetration_params", penetration_params, PenetrationParameters),
    ):
        validation.instance(name, value, kind, optional=True)
    weights = weights or DEFAULT_EXPLANATION_WEIGHTS
    prediction = predict(threat, situation, threat_weights, params)
    p_threat = prediction.probabilities["balance"]
    level = prediction.threat  # one notion of threat for every explanation
    ideo = ideology_effect(ideology or Ideology(), level, params=ideology_params)
    aided = aid_effect(aid or Aid(), level, params=aid_params)

    z = {
        "threat": weights.threat * logit(p_threat),
        "ideology": weights.ideology * ideo.effect,
        "aid": weights.aid * aided.effect,
    }
    before_penetration = logistic(sum(z.values()))
    pen = penetration_effect(penetration or Penetration(), before_penetration, penetration_params)
    z["penetration"] = weights.penetration * pen.effect

    steps, running = {}, 0.0
    for name in EXPLANATIONS:
        running += z[name]
        steps[name] = logistic(running)
    total = running
    perceived = logistic(total - z["ideology"] + weights.ideology * ideo.perceived_effect)
    return CombinedView(
        prediction=prediction,
        p_threat=p_threat,
        ideology=ideo,
        aid=aided,
        penetration=pen,
        weights=weights,
        contributions=z,
        steps=steps,
        logit=total,
        probability=steps["penetration"],
        perceived_probability=perceived,
        reasons=_reasons(z, steps, perceived),
    )


def _reasons(z: Mapping[str, float], steps: Mapping[str, float], perceived: float) -> tuple[str, ...]:
    others = {name: abs(z[name]) for name in OTHER_EXPLANATIONS}
    if max(others.values()) < 1e-6:
        return (COMBINED_SENTENCES["nothing_else"],)
    keys = ["threat_dominates" if abs(z["threat"]) >= sum(others.values()) else "others_dominate"]
    if (steps["threat"] - 0.5) * (steps["penetration"] - 0.5) < 0:
        keys.append("reversed")
    top = max(OTHER_EXPLANATIONS, key=lambda name: others[name])
    keys.append(f"{top}_top")
    if abs(perceived - steps["penetration"]) >= 0.02:
        keys.append("exaggerated")
    return tuple(COMBINED_SENTENCES[k] for k in keys)
