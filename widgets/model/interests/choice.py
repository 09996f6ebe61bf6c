"""Schweller's balance of interests and bandwagoning for profit, beside Walt's model.

Randall Schweller (1994) argues that Walt's balance of threat leaves out what states *want*.
Balancing is driven by the wish to keep what one has (security) and needs a threat;
bandwagoning is usually driven by the wish to gain (profit) and needs no threat at all. So
the two are not opposite answers to one question, and a theory that asks only "how
threatened is this state?" misses the revisionist states that bandwagon for gain.

This module encodes that argument for one decider in one scenario. Everything is pure
Python; the functional forms and coefficients are this book's assumptions, chosen so that
Schweller's claims hold as properties the test suite checks (``tests/test_interests.py``).
They are not estimated from data.

Unit level: the balance of interests and the typology
-----------------------------------------------------
A state's *interest* is what it would pay to extend its values minus what it would pay to
defend them, ``interest = value_revision - value_status_quo`` (both in [0, 1], so interest
is in [-1, 1]). With its ``capability`` (its resources as a share of the strongest power's)
it places the state among Schweller's four types (thresholds are this book's):

- interest <= 0: a status-quo state; a **lion** if a great power (capability >= 0.25, at
  least a quarter of the leading power's resources), a **lamb** if not. Lions pay high costs
  to keep what they have; lambs can pay little.

Boundaries are compared to within 1e-9, so that a grid value such as 0.7 - 0.2 sits on the
boundary it is written on. The placement looks only at the difference of the two values, not
their level; the level matters in the choice below (the value of the status quo raises
balancing and damps the wave of the future).
- 0 < interest <= 0.5: a limited-aims revisionist, a **jackal**.
- interest > 0.5: an unlimited-aims revisionist, a **wolf**, which values what it covets far
  more than what it holds. (A weak wolf is still a wolf: the type records aims; capability
  records what the state can do about them.)

System level: the balance between the camps
-------------------------------------------
``revisionist_strength`` (0 to 1) is how strong the leading revisionist and its camp are
against the defenders of the status quo: 0.5 is an even match, above 0.5 the revisionist camp
outweighs the status-quo camp and, for Schweller, the system is ripe for change.

The choice
----------
The decider chooses among five options: balance (join the status-quo camp against the
revisionist, for security), bandwagon with the revisionist, bandwagon with the status-quo
camp (only to pile on when that camp is winning a war), buck-pass, or stay neutral. A
multinomial logit (McFadden 1974) compares their utilities; neutrality is the baseline 0.
With S = value_status_quo, R = value_revision, C = capability, T = threat (how far the
revisionist menaces what the decider holds), r = revisionist_strength, W = wave,
K = contagion, and

    A   = clip(interest / 0.5, 0, 1)                appetite for revision (0: status quo)
    p   = victory in war, r in peace                 the revisionist camp's prospects
    m+  = max(0, 2 victory - 1) in war, else 0       the revisionist side is winning
    m-  = max(0, 1 - 2 victory) in war, else 0       the status-quo side is winning
    weak = max(0, 1 - C / 0.25)                      how far below great-power rank

the utilities are

    U_balance   = b0 + bT T (0.5 + S)(0.5 + C)(1 - rho A)(1 - lam m+)
    U_buckpass  = d0 + dB T (0.5 + S) max(0, 1 - 2 p)
    U_bw_rev    = c0 + cJ A p                        jackal bandwagoning
                     + cP m+ (0.5 + 0.5 R)           piling on (the revisionist is winning)
                     + cW W (1 - S)                  the wave of the future
                     + cK K (1 - 0.5 C)              contagion, the falling dominoes
                     + cA T weak p                   appeasement (Walt's bandwagoning)
    U_bw_sq     = ln(m-) + c0 + cP m- (0.5 + 0.5 R)  piling on the winning status-quo side
    U_neutral   = 0

In words: balancing is worth its cost only against a threat, and more so the more the decider
values what it holds and the more it can do; revisionists are reluctant to defend an order
they want changed (rho), and nobody likes to join a side that is losing (lam). Buck-passing
also needs a threat, and tempts when the status-quo camp is strong enough without the
decider. Bandwagoning with the revisionist needs no threat: revisionists join a strong
revisionist to share its gains (jackals), anyone may pile on a side about to win, states
with little invested in the old order are drawn by a cause that looks like the future, and
weak states follow neighbours that have already gone over. The ln(m-) term makes piling on
the status-quo side impossible in peace or in an undecided war and grows it smoothly as that
side nears victory.

``kind`` names the largest of the four profit pulls behind a bandwagoning choice with the
revisionist (jackal, piling-on, wave-of-the-future, contagion; ties go to the earlier); when
appeasement is the largest pull, ``kind`` is None and the motive is security, the bandwagoning
Walt describes. Bandwagoning with the status-quo side is always piling on. The predicted
choice is the most likely of balance, bandwagon (both sides added), buck-pass and neutral.

Further assumptions worth saying aloud: threat enters balancing only through T, so with T = 0
balancing and buck-passing are never chosen (for Schweller a threat is necessary for
balancing but not for bandwagoning);
the wave and contagion run toward the revisionist camp (a wave running the other way can be
modelled by calling its champion the revisionist); victory matters only in war; the model
follows one leading revisionist, so a threat from the status-quo camp cannot be represented.

Walt's model on the same scenario
---------------------------------
:func:`walt_inputs` maps a scenario to Walt's ``Threat`` and ``Situation`` (see its
docstring), and :func:`compare` runs both models and explains where and why they differ.

Cases
-----
``data/schweller_cases.csv`` codes historical cases on this model's scales (codebook in
``data/README.md``); Walt's coding of the same cases is in ``data/cases.csv``.
:func:`read_schweller_cases` validates every cell and reports every problem by CSV line and
column; :func:`compare_cases` runs both models on each case.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from .. import validation
from .._maths import softmax
from ..alignment import CHOICES
from .scenario import (
    _TOLERANCE,
    DEFAULT_INTEREST_PARAMETERS,
    GREAT_POWER_AT,
    KIND_LABELS,
    OPTIONS,
    PULLS,
    TYPE_DESCRIPTIONS,
    TYPE_LABELS,
    UNLIMITED_AIMS_AT,
    InterestParameters,
    Scenario,
)

# --------------------------------------------------------------------------- typology


@dataclass(frozen=True)
class Placement:
    """Where a state sits in Schweller's typology.

    ``interest`` = value_revision - value_status_quo; ``revisionist`` if interest > 0;
    ``unlimited`` if interest > ``UNLIMITED_AIMS_AT``; ``great_power`` if capability >=
    ``GREAT_POWER_AT``; ``state_type`` one of ``STATE_TYPES``.
    """

    state_type: str
    interest: float
    revisionist: bool
    unlimited: bool
    great_power: bool
    value_status_quo: float
    value_revision: float
    capability: float

    @property
    def label(self) -> str:
        return TYPE_LABELS[self.state_type]

    @property
    def description(self) -> str:
        return TYPE_DESCRIPTIONS[self.state_type]


def _check_scenario(scenario: Any, name: str = "scenario") -> Scenario:
    if not isinstance(scenario, Scenario):
        raise TypeError(f"{name} must be a Scenario, got {type(scenario).__name__}")
    return scenario


def place(scenario: Scenario) -> Placement:
    """Place the decider of ``scenario`` among lions, lambs, jackals and wolves."""
    _check_scenario(scenario)
    interest = scenario.interest
    # compare to within 1e-9 so that a decimal point on a boundary (0.7 - 0.2) is on it
    revisionist = interest > _TOLERANCE
    unlimited = interest > UNLIMITED_AIMS_AT + _TOLERANCE
    great = scenario.capability >= GREAT_POWER_AT - _TOLERANCE
    if not revisionist:
        kind = "lion" if great else "lamb"
    else:
        kind = "wolf" if unlimited else "jackal"
    return Placement(kind, interest, revisionist, unlimited, great,
                     scenario.value_status_quo, scenario.value_revision, scenario.capability)


def appetite(scenario: Scenario) -> float:
    """A in [0, 1]: 0 for a status-quo state, rising to 1 at unlimited aims."""
    return min(1.0, max(0.0, scenario.interest / UNLIMITED_AIMS_AT))


# --------------------------------------------------------------------------- system level


@dataclass(frozen=True)
class SystemBalance:
    """The system-level balance of interests: which camp is stronger, and by how much.

    ``margin`` = revisionist_strength - 0.5 (positive: the revisionist camp is stronger).
    ``state`` is "status quo secure" (margin <= -0.1), "contested" (|margin| < 0.1) or
    "revisionists ascendant" (margin >= 0.1).
    """

    revisionist_strength: float
    margin: float
    state: str

    @property
    def description(self) -> str:
        return {
            "status quo secure": "The status-quo camp clearly outweighs the revisionists, so the order is secure.",
            "contested": "The two camps are roughly matched, so the order is contested.",
            "revisionists ascendant": "The revisionist camp outweighs the defenders of the status quo, so the order is "
                                      "ripe for change.",
        }[self.state]


def system_balance(revisionist_strength: float) -> SystemBalance:
    """Classify the balance between the revisionist and status-quo camps."""
    r = validation.unit_interval("system_balance", "revisionist_strength", revisionist_strength)
    margin = r - 0.5
    if margin <= -0.1 + 1e-12:
        state = "status quo secure"
    elif margin >= 0.1 - 1e-12:
        state = "revisionists ascendant"
    else:
        state = "contested"
    return SystemBalance(r, margin, state)


# --------------------------------------------------------------------------- the choice


def prospects(scenario: Scenario) -> float:
    """p in [0, 1]: the revisionist camp's prospects (victory in war, strength in peace)."""
    return scenario.victory if scenario.war else scenario.revisionist_strength


def momentum(scenario: Scenario) -> tuple[float, float]:
    """(m+, m-): how settled a war is in the revisionist's and in the status-quo side's favour."""
    if not scenario.war:
        return 0.0, 0.0
    return max(0.0, 2.0 * scenario.victory - 1.0), max(0.0, 1.0 - 2.0 * scenario.victory)


def schweller_terms(
    scenario: Scenario, params: InterestParameters = DEFAULT_INTEREST_PARAMETERS
) -> dict[str, dict[str, float]]:
    """The additive pieces of each option's utility: term -> {option: value}.

    ``bandwagon-status-quo`` has the term ``gate`` = ln(m-), -inf when m- = 0.
    """
    s, r_val, c, t = scenario.value_status_quo, scenario.value_revision, scenario.capability, scenario.threat
    a = appetite(scenario)
    p = prospects(scenario)
    m_plus, m_minus = momentum(scenario)
    weak = max(0.0, 1.0 - c / GREAT_POWER_AT)
    greed_for_spoils = 0.5 + 0.5 * r_val
    defend = params.threat_to_balance * t * (0.5 + s) * (0.5 + c)
    defend *= (1.0 - params.revisionist_reluctance * a) * (1.0 - params.losing_side_deterrence * m_plus)
    return {
        "base": {"balance": params.balance_base, "buck-pass": params.buckpass_base,
                 "bandwagon-revisionist": params.bandwagon_base, "bandwagon-status-quo": params.bandwagon_base},
        "defence": {"balance": defend},
        "strong camp": {"buck-pass": params.strong_camp_to_buckpass * t * (0.5 + s) * max(0.0, 1.0 - 2.0 * p)},
        "jackal": {"bandwagon-revisionist": params.jackal_pull * a * p},
        "piling-on": {"bandwagon-revisionist": params.piling_on_pull * m_plus * greed_for_spoils,
                      "bandwagon-status-quo": params.piling_on_pull * m_minus * greed_for_spoils},
        "wave-of-the-future": {"bandwagon-revisionist": params.wave_pull * scenario.wave * (1.0 - s)},
        "contagion": {"bandwagon-revisionist": params.contagion_pull * scenario.contagion * (1.0 - 0.5 * c)},
        "appeasement": {"bandwagon-revisionist": params.appeasement_pull * t * weak * p},
        "gate": {"bandwagon-status-quo": math.log(m_minus) if m_minus > 0.0 else -math.inf},
    }


def utilities(terms: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    return {o: sum(term.get(o, 0.0) for term in terms.values()) for o in OPTIONS}


@dataclass(frozen=True)
class SchwellerPrediction:
    """What the balance-of-interests model predicts for one scenario.

    - ``choice``: one of ``CHOICES`` (the labels mean what they mean in Walt's model, except
      that *bandwagon* means joining the stronger or winning side, whether or not it threatens
      the decider: Schweller's usage).
    - ``side``: the camp a bandwagoner joins ("revisionist" or "status quo"), else None.
    - ``kind``: the kind of bandwagoning (one of ``KINDS``), or None (no bandwagoning, or
      bandwagoning to appease a threat).
    - ``motive``: "security", "profit", or None for neutrality.
    - ``probabilities``: one per choice, summing to 1 (bandwagon adds both sides).
    - ``options``: the five options' probabilities (both bandwagon sides apart).
    - ``pulls``: each pull toward bandwagoning (``PULLS``), in utility units.
    - ``terms``: every utility term (see :func:`schweller_terms`).
    - ``placement`` and ``system``: the unit-level type and the system-level balance.
    - ``reasons``: short sentences saying why.
    """

    choice: str
    side: str | None
    kind: str | None
    motive: str | None
    probabilities: dict[str, float]
    options: dict[str, float]
    pulls: dict[str, float]
    terms: dict[str, dict[str, float]]
    placement: Placement
    system: SystemBalance
    reasons: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """'Balance', 'Bandwagon (jackal bandwagoning)', 'Bandwagon (appeasement)', ..."""
        base = {"balance": "Balance", "bandwagon": "Bandwagon", "buck-pass": "Buck-pass",
                "neutral": "Neutral"}[self.choice]
        if self.choice != "bandwagon":
            return base
        return f"{base} ({KIND_LABELS[self.kind] if self.kind else 'appeasement'})"


def schweller_predict(scenario: Scenario, params: InterestParameters | None = None) -> SchwellerPrediction:
    """Predict the decider's choice in ``scenario`` with the balance-of-interests model."""
    _check_scenario(scenario)
    if params is None:
        params = DEFAULT_INTEREST_PARAMETERS
    elif not isinstance(params, InterestParameters):
        raise TypeError(f"params must be an InterestParameters or None, got {type(params).__name__}")
    terms = schweller_terms(scenario, params)
    options = softmax(utilities(terms))
    probabilities = {
        "balance": options["balance"],
        "bandwagon": options["bandwagon-revisionist"] + options["bandwagon-status-quo"],
        "buck-pass": options["buck-pass"],
        "neutral": options["neutral"],
    }
    choice = max(CHOICES, key=lambda c: probabilities[c])  # ties go to the earlier choice
    pulls = {k: terms[k].get("bandwagon-revisionist", 0.0) for k in PULLS}
    side = kind = motive = None
    if choice == "bandwagon":
        if options["bandwagon-status-quo"] > options["bandwagon-revisionist"]:
            side, kind, motive = "status quo", "piling-on", "profit"
        else:
            side = "revisionist"
            top = max(PULLS, key=lambda k: pulls[k])  # ties go to the earlier pull
            kind, motive = (None, "security") if top == "appeasement" else (top, "profit")
    elif choice in ("balance", "buck-pass"):
        motive = "security"
    prediction = SchwellerPrediction(
        choice, side, kind, motive, probabilities, options, pulls, terms,
        place(scenario), system_balance(scenario.revisionist_strength),
    )
    return replace(prediction, reasons=schweller_reasons(scenario, prediction))


# --------------------------------------------------------------------------- reasons

KIND_SENTENCES: dict[str | None, str] = {
    "jackal": "Jackal bandwagoning: it joins the stronger revisionist to share in the spoils of revision.",
    "piling-on": "Piling on: the revisionist side is close to winning the war, and a latecomer can still claim a share "
                 "of the spoils.",
    "wave-of-the-future": "Wave of the future: the revisionist cause looks like the coming order, and the decider has "
                          "little invested in the old one.",
    "contagion": "Contagion: its neighbours have already gone over to the revisionist camp, and it follows like a "
                 "falling domino.",
    None: "Appeasement: a weak state under threat from a strong revisionist gives way to it, the bandwagoning Walt "
          "describes.",
}


def schweller_reasons(scenario: Scenario, prediction: SchwellerPrediction) -> tuple[str, ...]:
    """Sentences (no numbers) saying which type the decider is and what drove its choice."""
    placement = prediction.placement
    article = "an" if placement.state_type[0] in "aeiou" else "a"
    reasons = [f"The decider is {article} {placement.state_type}: {placement.description}."]
    choice = prediction.choice
    if choice == "bandwagon" and prediction.side == "status quo":
        reasons.append("Piling on: the status-quo side is close to winning the war, and joining it now earns a share "
                       "of "
                       "the victors' gains at little cost.")
    elif choice == "bandwagon":
        reasons.append(KIND_SENTENCES[prediction.kind])
    elif choice == "balance":
        reasons.append("Balancing: the revisionist threatens what the decider holds and values, so it joins others to "
                       "resist and pays the costs of security.")
    elif choice == "buck-pass":
        reasons.append("The status-quo camp looks strong enough to stop the revisionist without it, so it leaves the "
                       "costs of resistance to others.")
    else:
        if scenario.threat == 0.0 and not placement.revisionist:
            reasons.append("There is no threat to resist and, for a state content with the status quo, nothing to gain "
                           "from revision, so it stays out.")
        elif placement.revisionist:
            reasons.append("Neither the threat nor the prospect of gain is large enough to be worth the costs of an "
                           "alliance, so it stays out.")
        else:
            reasons.append("The threat is too small to be worth the costs of balancing, so it stays out.")
    if prediction.motive == "profit" and scenario.threat < 0.25:
        reasons.append("No threat is needed for this: the motive is gain, not fear.")
    return tuple(reasons)
