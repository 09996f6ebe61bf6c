"""Predicting the alignment choice: balance, bandwagon, buck-pass or stay neutral.

The model has two stages, each a standard discrete-choice form (logistic and multinomial
logit; McFadden 1974). The functional forms and coefficients are assumptions of this
book, chosen so that every hypothesis in Walt's summary (1987, pp. 32-33) holds as a
property that the test suite checks; the numbers are not estimated from data.

Stage 1, whether to align at all. "The greater the threat, the greater the probability
that the vulnerable state will seek an alliance" (Walt 1987, p. 26):

    p_align = 1 / (1 + exp(-k * (T - tau)))          T = overall threat (threat.py)

Stage 2, how to align, given that the decider responds. Utilities (logits) of the three
responses, compared with a softmax:

    V_balance   = b_s * s + b_a * min(a, a_0) / a_0 + b_i * I - b_w * m
    V_bandwagon = c_0 + c_g * G + c_a * (1 - a) + b_w * m
    V_buckpass  = d_0 + d_c * C(a)

with s the decider's strength, a the probability of allied support, I the perceived
aggressive intentions, and

- G = weakness(s) * P * (1 + X + O) / 3, the pull of a great power on a weak state: it
  is zero for a decider at or above parity (weakness(s) = max(0, 1 - 2 s)), grows with the
  threatener's aggregate power P, and more so when it is near (X) and offensively
  capable (O) (Walt 1987, pp. 29-30);
- C(a) = max(0, (a - a_0) / (1 - a_0)), how close allied support is to certain: zero
  until support is "adequate" (a_0), then rising to 1 (free-riding and buck-passing,
  p. 31). Allied support raises balancing only until it is adequate; past a_0 it
  adds nothing to balancing and feeds buck-passing instead;
- m = 2 * victory - 1 in war and 0 in peace: positive when the threatening side is
  winning (bandwagoning with the likely victor, p. 32), negative early in a war it is
  losing (states keep balancing).

Final probabilities: p_neutral = 1 - p_align, and p_align times each stage-2 share. The
predicted choice follows the two stages too: neutral when p_align < 0.5, otherwise the
response with the largest share (so a state that probably aligns, mostly by passing the
buck, is predicted to buck-pass even if neutrality is the single likeliest outcome).
Assumptions worth stating: intentions raise balancing but do not themselves reduce the
pull to bandwagon (it is power, proximity and offence that make a weak state yield);
victory has no effect in peacetime; strength does not change how threatening the
threat looks (the Threat already records the decider's perception).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields

from . import validation
from ._maths import softmax
from .reasons import explain
from .situation import Situation
from .threat import Threat, ThreatWeights, contributions

CHOICES: tuple[str, ...] = ("balance", "bandwagon", "buck-pass", "neutral")
RESPONSES: tuple[str, ...] = CHOICES[:3]


@dataclass(frozen=True)
class ModelParameters:
    """Coefficients of the alignment model (see the module docstring for the formulas).

    Defaults are this book's calibration: they make balancing the more common response
    over the whole input space (Walt's first condition) while leaving room for
    bandwagoning under the conditions he names. All must be finite; the thresholds
    ``response_threshold`` and ``support_certain_at`` lie in (0, 1); slopes are >= 0.
    """

    response_threshold: float = 0.35  # tau: threat level at which aligning is a coin toss
    response_slope: float = 10.0  # k: how sharply aligning rises with threat
    strength_to_balance: float = 2.0  # b_s
    support_to_balance: float = 2.0  # b_a
    intentions_to_balance: float = 3.0  # b_i
    bandwagon_base: float = -1.5  # c_0 (negative: bandwagoning is the exception)
    great_power_pull: float = 4.0  # c_g
    isolation_to_bandwagon: float = 1.5  # c_a
    buckpass_base: float = -3.0  # d_0
    certainty_to_buckpass: float = 7.0  # d_c
    support_certain_at: float = 0.7  # a_0
    war_momentum: float = 2.5  # b_w

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("response_threshold", "support_certain_at"):
                number = validation.bounded("ModelParameters", f.name, value, 0.0, 1.0)
                if number in (0.0, 1.0):
                    raise ValueError(f"ModelParameters.{f.name} must be in (0, 1), got {number!r}")
            elif f.name in ("bandwagon_base", "buckpass_base"):
                number = validation.bounded("ModelParameters", f.name, value, -50.0, 50.0)
            else:
                number = validation.bounded("ModelParameters", f.name, value, 0.0, 50.0)
            object.__setattr__(self, f.name, number)


DEFAULT_PARAMETERS = ModelParameters()


@dataclass(frozen=True)
class Terms:
    """The additive pieces of the stage-2 utilities: term name -> {response: value}."""

    values: dict[str, dict[str, float]]

    def utility(self, response: str) -> float:
        return sum(term.get(response, 0.0) for term in self.values.values())


@dataclass(frozen=True)
class Prediction:
    """What the model predicts for one decider facing one threat.

    - ``choice``: one of ``CHOICES``: "neutral" if aligning is less likely than not,
      otherwise the most likely response.
    - ``probabilities``: one probability per choice, summing to 1.
    - ``threat``: the overall threat level in [0, 1].
    - ``reasons``: short sentences naming the factors that drove the result.
    - ``contributions``: each threat source's share of ``threat``.
    - ``p_align``: probability of aligning at all (1 - probabilities["neutral"]).
    - ``weights``: the threat sources' weights, normalised to sum to 1.
    """

    choice: str
    probabilities: dict[str, float]
    threat: float
    reasons: tuple[str, ...]
    contributions: dict[str, float] = field(default_factory=dict)
    p_align: float = 0.0
    weights: dict[str, float] = field(default_factory=dict)


def weakness(own_strength: float) -> float:
    """How far the decider falls below parity: 1 when negligible, 0 at parity or above."""
    return max(0.0, 1.0 - 2.0 * own_strength)


def great_power_pull(threat: Threat, situation: Situation) -> float:
    """G in [0, 1]: a strong, near, offensively capable power's pull on a weak state.

    Walt (1987, pp. 29-30): weak states balance against states of similar strength but
    are tempted to bandwagon with great powers, the more so when those are close and
    capable of rapid offensive action.
    """
    reach = (1.0 + threat.proximity + threat.offensive_power) / 3.0
    return weakness(situation.own_strength) * threat.aggregate_power * reach


def support_certainty(allied_support: float, params: ModelParameters = DEFAULT_PARAMETERS) -> float:
    """C(a) in [0, 1]: zero until support is adequate, then rising to 1 when it is certain."""
    a0 = params.support_certain_at
    return max(0.0, (allied_support - a0) / (1.0 - a0))


def war_momentum(situation: Situation) -> float:
    """m in [-1, 1]: 0 in peace; in war, positive when the threatening side is winning."""
    return 2.0 * situation.victory - 1.0 if situation.war else 0.0


def utility_terms(threat: Threat, situation: Situation, params: ModelParameters = DEFAULT_PARAMETERS) -> Terms:
    """The stage-2 utilities of balancing, bandwagoning and buck-passing, term by term."""
    s, a = situation.own_strength, situation.allied_support
    m = war_momentum(situation)
    return Terms(
        {
            "base": {"bandwagon": params.bandwagon_base, "buck-pass": params.buckpass_base},
            "strength": {"balance": params.strength_to_balance * s},
            "support": {
                "balance": params.support_to_balance * min(a, params.support_certain_at) / params.support_certain_at,
                "bandwagon": params.isolation_to_bandwagon * (1.0 - a),
            },
            "intentions": {"balance": params.intentions_to_balance * threat.aggressive_intentions},
            "great_power_pull": {"bandwagon": params.great_power_pull * great_power_pull(threat, situation)},
            "certainty": {"buck-pass": params.certainty_to_buckpass * support_certainty(a, params)},
            "war": {"balance": -params.war_momentum * m, "bandwagon": params.war_momentum * m},
        }
    )


def _logistic(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


def predict(
    threat: Threat,
    situation: Situation | None = None,
    weights: ThreatWeights | None = None,
    params: ModelParameters | None = None,
) -> Prediction:
    """Predict how a decider aligns toward ``threat`` in ``situation``.

    Encodes Walt's hypotheses (1987, pp. 32-33) through the two-stage form in the module
    docstring. ``weights`` sets the relative weight of the four threat sources (equal by
    default); ``params`` the model's coefficients.
    """
    if not isinstance(threat, Threat):
        raise TypeError(f"threat must be a Threat, got {type(threat).__name__}")
    if situation is None:
        situation = Situation()
    elif not isinstance(situation, Situation):
        raise TypeError(f"situation must be a Situation or None, got {type(situation).__name__}")
    if params is None:
        params = DEFAULT_PARAMETERS
    elif not isinstance(params, ModelParameters):
        raise TypeError(f"params must be a ModelParameters or None, got {type(params).__name__}")

    parts = contributions(threat, weights)
    shares_of_threat = (weights or ThreatWeights()).normalised()
    level = min(1.0, max(0.0, sum(parts.values())))
    p_align = _logistic(params.response_slope * (level - params.response_threshold))
    terms = utility_terms(threat, situation, params)
    shares = softmax({r: terms.utility(r) for r in RESPONSES})
    probabilities = {r: p_align * shares[r] for r in RESPONSES}
    probabilities["neutral"] = 1.0 - p_align
    # The choice follows the model's two stages: stay neutral unless aligning is more likely
    # than not; otherwise the most likely response (ties go to the earlier one in CHOICES).
    choice = "neutral" if p_align < 0.5 else max(RESPONSES, key=lambda r: shares[r])

    return Prediction(
        choice=choice,
        probabilities=probabilities,
        threat=level,
        reasons=explain(choice, level, p_align, parts, shares, terms.values, threat.aggressive_intentions),
        contributions=parts,
        p_align=p_align,
        weights=shares_of_threat,
    )
