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
import os
import re
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any, Callable, Mapping

from . import validation
from .alignment import CHOICES, ModelParameters, Prediction, predict
from .csvtable import TableError, data_file, number, read_rows, read_text
from .situation import Situation
from .threat import Threat

# --------------------------------------------------------------------------- constants

SCENARIO_FIELDS: tuple[str, ...] = (
    "value_status_quo", "value_revision", "capability", "revisionist_strength",
    "threat", "war", "victory", "wave", "contagion",
)
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
}
STATE_TYPES: tuple[str, ...] = ("lion", "lamb", "jackal", "wolf")
TYPE_LABELS: dict[str, str] = {"lion": "Lion", "lamb": "Lamb", "jackal": "Jackal", "wolf": "Wolf"}
TYPE_DESCRIPTIONS: dict[str, str] = {
    "lion": "a status-quo great power that will pay high costs to keep what it has and little to gain more",
    "lamb": "a weak status-quo state that can pay little either to defend or to extend its values",
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

    def __post_init__(self) -> None:
        for name in SCENARIO_FIELDS:
            if name == "war":
                object.__setattr__(self, name, validation.boolean("Scenario", name, self.war))
            else:
                object.__setattr__(self, name, validation.unit_interval("Scenario", name, getattr(self, name)))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Scenario":
        """Build from a mapping; unknown fields raise TypeError naming them."""
        validation.known_fields("Scenario", data, SCENARIO_FIELDS)
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


def _check_scenario(scenario: Any, name: str = "scenario") -> "Scenario":
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
            "revisionists ascendant": "The revisionist camp outweighs the defenders of the status quo, so the order is ripe for change.",
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


def utility_terms(scenario: Scenario, params: InterestParameters = DEFAULT_INTEREST_PARAMETERS) -> dict[str, dict[str, float]]:
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


def _softmax(values: Mapping[str, float]) -> dict[str, float]:
    top = max(values.values())
    exps = {k: (math.exp(v - top) if v != -math.inf else 0.0) for k, v in values.items()}
    total = sum(exps.values())
    return {k: v / total for k, v in exps.items()}


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
    - ``terms``: every utility term (see :func:`utility_terms`).
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
        base = {"balance": "Balance", "bandwagon": "Bandwagon", "buck-pass": "Buck-pass", "neutral": "Neutral"}[self.choice]
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
    terms = utility_terms(scenario, params)
    options = _softmax(utilities(terms))
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
    "piling-on": "Piling on: the revisionist side is close to winning the war, and a latecomer can still claim a share of the spoils.",
    "wave-of-the-future": "Wave of the future: the revisionist cause looks like the coming order, and the decider has little invested in the old one.",
    "contagion": "Contagion: its neighbours have already gone over to the revisionist camp, and it follows like a falling domino.",
    None: "Appeasement: a weak state under threat from a strong revisionist gives way to it, the bandwagoning Walt describes.",
}


def schweller_reasons(scenario: Scenario, prediction: SchwellerPrediction) -> tuple[str, ...]:
    """Sentences (no numbers) saying which type the decider is and what drove its choice."""
    placement = prediction.placement
    article = "an" if placement.state_type[0] in "aeiou" else "a"
    reasons = [f"The decider is {article} {placement.state_type}: {placement.description}."]
    choice = prediction.choice
    if choice == "bandwagon" and prediction.side == "status quo":
        reasons.append("Piling on: the status-quo side is close to winning the war, and joining it now earns a share of "
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


# --------------------------------------------------------------------------- Walt's model


def walt_inputs(scenario: Scenario) -> tuple[Threat, Situation]:
    """Walt's ``Threat`` and ``Situation`` for the same scenario (this book's mapping).

    The threatening state is the leading revisionist.

    - aggregate power = ``revisionist_strength`` (an overwhelming revisionist camp is the
      strongest power of its system);
    - proximity = offensive power = aggressive intentions = ``threat``: the scenario's single
      threat dial stands for how near, how able to strike and how hostile the revisionist is
      toward this decider;
    - own strength = capability / (capability + revisionist_strength), 0.5 when both are 0
      (0.5 means parity, as in Walt's ``Situation``);
    - allied support = 1 - revisionist_strength: the stronger the status-quo camp, the more
      help there is against the revisionist;
    - war and victory carry over unchanged (victory is the threatening side's).

    The decider's values, the wave and contagion have no place in Walt's model: his theory of
    balancing and bandwagoning does not ask what the decider wants.
    """
    _check_scenario(scenario)
    t, r, c = scenario.threat, scenario.revisionist_strength, scenario.capability
    own = 0.5 if c + r == 0.0 else c / (c + r)
    threat = Threat(aggregate_power=r, proximity=t, offensive_power=t, aggressive_intentions=t)
    situation = Situation(own_strength=own, allied_support=1.0 - r, war=scenario.war, victory=scenario.victory)
    return threat, situation


# --------------------------------------------------------------------------- comparison

VERDICTS: tuple[str, ...] = ("agree", "same alignment, different reasons", "disagree")
VERDICT_HEADLINES: dict[str, str] = {
    "agree": "The two models agree",
    "same alignment, different reasons": "Same alignment, different reasons",
    "disagree": "The two models disagree",
}


def walt_camp(choice: str, threat_camp: str = "revisionist") -> str | None:
    """The camp Walt's choice puts the decider in, given the camp of Walt's threat source."""
    if choice not in CHOICES:
        raise ValueError(f"choice must be one of {', '.join(CHOICES)}, got {choice!r}")
    if threat_camp not in SIDES:
        raise ValueError(f"threat_camp must be one of {', '.join(map(repr, SIDES))}, got {threat_camp!r}")
    other = "status quo" if threat_camp == "revisionist" else "revisionist"
    return {"balance": other, "bandwagon": threat_camp}.get(choice)


def schweller_camp(prediction: SchwellerPrediction) -> str | None:
    """The camp Schweller's choice puts the decider in (None when it stays out)."""
    if prediction.choice == "balance":
        return "status quo"
    if prediction.choice == "bandwagon":
        return prediction.side
    return None


def walt_motive(choice: str) -> str | None:
    """Walt's theory treats every alignment as a response to threat."""
    return None if choice == "neutral" else "security"


def verdict_of(walt_choice: str, walt_camp_: str | None, schweller: SchwellerPrediction) -> str:
    """'agree', 'same alignment, different reasons' or 'disagree' (see ``VERDICTS``)."""
    if walt_camp_ != schweller_camp(schweller):
        return "disagree"
    if walt_choice == schweller.choice and walt_motive(walt_choice) == schweller.motive:
        return "agree"
    return "same alignment, different reasons"


@dataclass(frozen=True)
class Comparison:
    """Both models on one scenario, and where and why they differ."""

    scenario: Scenario
    threat: Threat
    situation: Situation
    walt: Prediction
    schweller: SchwellerPrediction
    verdict: str
    explanation: tuple[str, ...]

    @property
    def headline(self) -> str:
        return VERDICT_HEADLINES[self.verdict]


def _percent(p: float) -> str:
    return f"{round(100 * p)}%"


def _walt_label(choice: str) -> str:
    return {"balance": "balance", "bandwagon": "bandwagon", "buck-pass": "buck-pass", "neutral": "neutral"}[choice]


def _walt_driver(walt: Prediction) -> str:
    """The main reason Walt's model gives, as a clause (taken from its own reasons)."""
    for sentence in walt.reasons:
        if sentence.startswith(("Overall threat", "Nothing about", "The threat is only just")):
            continue
        clause = sentence.rstrip(".")
        return clause[0].lower() + clause[1:]
    return "of the threat it faces"


def _schweller_gain(prediction: SchwellerPrediction) -> str:
    """What Schweller's model says the decider stands to gain, as a clause."""
    kind, side = prediction.kind, prediction.side
    if side == "status quo":
        return "the status-quo side has all but won the war, and latecomers share the victors' gains"
    return {
        "jackal": f"as a {prediction.placement.state_type}, it can share in a stronger revisionist's spoils",
        "piling-on": "the revisionist side is about to win the war, and latecomers share the spoils",
        "wave-of-the-future": "the revisionist cause looks like the future, and it has little invested in the old order",
        "contagion": "its neighbours have already gone over, and it follows them",
    }.get(kind, "it can gain by joining the stronger side")


def explain_comparison(scenario: Scenario, walt: Prediction, schweller: SchwellerPrediction, verdict: str) -> tuple[str, ...]:
    """Three sentences: Walt's prediction and reasons, Schweller's, and why they differ.

    Every clause comes from the two predictions: their choices, probabilities, reasons,
    the decider's type and the kind of bandwagoning.
    """
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {', '.join(map(repr, VERDICTS))}, got {verdict!r}")
    w_choice = walt.choice
    first = (f"Walt's model predicts {_walt_label(w_choice)} ({_percent(walt.probabilities[w_choice])}): "
             + " ".join(walt.reasons))
    second = (f"Schweller's model predicts {schweller.label.lower()} "
              f"({_percent(schweller.probabilities[schweller.choice])}): " + " ".join(schweller.reasons))
    kind_of_state = schweller.placement.state_type
    s_choice, s_motive = schweller.choice, schweller.motive
    driver = _walt_driver(walt)
    if verdict == "agree":
        why = ("Both models expect the same choice for the same kind of reason: here what the decider wants does "
               "not change what the threat makes it do.")
    elif verdict == "same alignment, different reasons":
        if w_choice == "balance" and s_choice == "bandwagon":
            why = ("Both expect the decider to side against the revisionist. Walt calls that balancing, a response to "
                   f"a threat ({driver}); Schweller calls it bandwagoning, because {_schweller_gain(schweller)}.")
        elif w_choice == "bandwagon" and s_choice == "bandwagon" and s_motive == "profit":
            why = (f"Both expect the decider to join the {schweller.side} camp, but for different reasons: in Walt's "
                   f"model because {driver}; in Schweller's because {_schweller_gain(schweller)}, a motive that needs "
                   "no threat at all.")
        elif s_choice == "balance" or (s_choice == "bandwagon" and s_motive == "security"):
            why = (f"Both expect the decider to join the {schweller_camp(schweller)} camp; Walt's model calls it "
                   f"{_walt_label(w_choice)}, Schweller's {schweller.label.lower()}.")
        else:
            why = ("Both expect the decider to stay out of the alliances, but for different reasons: "
                   f"in Walt's model because {driver}; in Schweller's because "
                   + ("the status-quo camp can stop the revisionist without it." if s_choice == "buck-pass"
                      else "it has nothing at stake worth paying for."))
    elif s_motive == "profit" and w_choice == "neutral":
        why = (f"Walt's model responds only to threat, and here {driver}. Schweller's model also asks what the "
               f"decider wants: {_schweller_gain(schweller)}. Gain needs no threat.")
    elif s_motive == "profit" and schweller.side == "revisionist":
        why = (f"Walt's model treats the threat as decisive: {driver}. Schweller's weighs that threat against what the "
               f"decider stands to gain ({_schweller_gain(schweller)}), and gain wins: a {kind_of_state} has little "
               "interest in defending an order it wants changed.")
    elif s_motive == "profit":
        why = (f"Walt's model expects the decider to {_walt_label(w_choice)} because {driver}. Schweller's sees a "
               f"chance to profit: {_schweller_gain(schweller)}.")
    elif s_choice == "balance":
        why = (f"Walt's model expects the decider to {_walt_label(w_choice)} because {driver}. Schweller's model asks "
               f"what it stands to lose: as a {kind_of_state} that values what it holds, it pays to defend it.")
    elif s_choice == "bandwagon":
        why = (f"Walt's model expects the decider to {_walt_label(w_choice)} because {driver}. Schweller's expects a "
               "weak state that cares little for the status quo to give way to a strong revisionist instead.")
    else:
        why = (f"Walt's model expects the decider to {_walt_label(w_choice)} because {driver}. Schweller's finds "
               + ("that the status-quo camp can stop the revisionist without it." if s_choice == "buck-pass"
                  else "that the decider does not value what is threatened enough to pay for defending it, and has "
                       "nothing to gain by joining either side."))
    return first, second, "Why: " + why


def compare(
    scenario: Scenario,
    params: InterestParameters | None = None,
    walt_params: ModelParameters | None = None,
) -> Comparison:
    """Run Walt's and Schweller's models on one scenario and explain the difference."""
    _check_scenario(scenario)
    threat, situation = walt_inputs(scenario)
    walt = predict(threat, situation, None, walt_params)
    schweller = schweller_predict(scenario, params)
    camp = walt_camp(walt.choice, "revisionist")
    verdict = verdict_of(walt.choice, camp, schweller)
    return Comparison(scenario, threat, situation, walt, schweller, verdict,
                      explain_comparison(scenario, walt, schweller, verdict))


# --------------------------------------------------------------------------- sweeps


@dataclass(frozen=True)
class Sweep:
    """Both models' probabilities as one scenario field moves from 0 to 1.

    ``walt[c][i]`` and ``schweller[c][i]`` belong to ``values[i]``; ``schweller_options``
    keeps the two bandwagon sides apart.
    """

    field: str
    values: tuple[float, ...]
    walt: dict[str, tuple[float, ...]]
    schweller: dict[str, tuple[float, ...]]
    schweller_options: dict[str, tuple[float, ...]]
    scenario: Scenario


SWEEP_FIELDS: tuple[str, ...] = tuple(f for f in SCENARIO_FIELDS if f != "war")


def sweep(scenario: Scenario, field_name: str = "threat", points: int = 21,
          params: InterestParameters | None = None) -> Sweep:
    """Run both models along ``points`` values of one field (all else as in ``scenario``)."""
    _check_scenario(scenario)
    if field_name not in SWEEP_FIELDS:
        raise ValueError(f"field must be one of {', '.join(SWEEP_FIELDS)}, got {field_name!r}")
    if isinstance(points, bool) or not isinstance(points, int) or not 2 <= points <= 201:
        raise ValueError(f"points must be an int in [2, 201], got {points!r}")
    values = tuple(round(i / (points - 1), 6) for i in range(points))
    walt = {c: [] for c in CHOICES}
    sch = {c: [] for c in CHOICES}
    opts = {o: [] for o in OPTIONS}
    for v in values:
        s = replace(scenario, **{field_name: v})
        w = predict(*walt_inputs(s))
        p = schweller_predict(s, params)
        for c in CHOICES:
            walt[c].append(w.probabilities[c])
            sch[c].append(p.probabilities[c])
        for o in OPTIONS:
            opts[o].append(p.options[o])
    return Sweep(field_name, values, {k: tuple(v) for k, v in walt.items()},
                 {k: tuple(v) for k, v in sch.items()}, {k: tuple(v) for k, v in opts.items()}, scenario)


# --------------------------------------------------------------------------- the data file

CASE_VALUE_COLUMNS: tuple[str, ...] = tuple(f for f in SCENARIO_FIELDS if f != "war")
JUSTIFIED_COLUMNS: tuple[str, ...] = (
    "value_status_quo", "value_revision", "capability", "revisionist_strength", "threat", "war", "wave", "contagion")
SCHWELLER_COLUMNS: tuple[str, ...] = (
    "case_id", "decider", "year", "revisionist", "walt_threat_camp", *CASE_VALUE_COLUMNS[:5], "war", "victory",
    "wave", "contagion", "observed", "observed_side", "observed_kind", "summary",
    *(f"why_{c}" for c in JUSTIFIED_COLUMNS), "sources",
)
_CASE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_BIB_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_:-]*$")


class SchwellerDataError(TableError):
    """The Schweller cases file failed validation; ``problems`` lists every problem."""


def _check_row(line: int, row: Mapping[str, str], bad: Callable[[str, str], None]) -> dict | None:
    out: dict[str, Any] = {}
    for column in ("case_id", "decider", "revisionist", "summary", "sources", *(f"why_{c}" for c in JUSTIFIED_COLUMNS)):
        text = (row[column] or "").strip()
        if not text:
            bad(column, "is empty")
        out[column] = text
    if out["case_id"] and not _CASE_ID.match(out["case_id"]):
        bad("case_id", f"{out['case_id']!r} must be lower-case words joined by hyphens, e.g. 'japan-1940'")
    year = (row["year"] or "").strip()
    if not re.fullmatch(r"\d{4}", year) or not 1500 <= int(year) <= 2000:
        bad("year", f"{year!r} must be a year from 1500 to 2000")
    else:
        out["year"] = int(year)
    camp = (row["walt_threat_camp"] or "").strip()
    if camp not in SIDES:
        bad("walt_threat_camp", f"{camp!r} must be one of {', '.join(map(repr, SIDES))}")
    out["walt_threat_camp"] = camp
    for column in CASE_VALUE_COLUMNS:
        text = (row[column] or "").strip()
        value = number(text)
        if value is None:
            bad(column, f"{text!r} is not a number in [0, 1]")
        elif not 0.0 <= value <= 1.0:
            bad(column, f"{value:g} is outside [0, 1]")
        out[column] = value
    war = (row["war"] or "").strip().lower()
    if war not in ("true", "false"):
        bad("war", f"{row['war']!r} must be true or false")
    out["war"] = war == "true"
    observed = (row["observed"] or "").strip()
    if observed not in CHOICES:
        bad("observed", f"{observed!r} must be one of {', '.join(CHOICES)}")
    side = (row["observed_side"] or "").strip()
    kind = (row["observed_kind"] or "").strip()
    if observed == "bandwagon":
        if side not in SIDES:
            bad("observed_side", f"{side!r} must be one of {', '.join(map(repr, SIDES))} when observed is bandwagon")
        if kind and kind not in KINDS:
            bad("observed_kind", f"{kind!r} must be empty (appeasement) or one of {', '.join(KINDS)}")
        if side == "status quo" and kind != "piling-on":
            bad("observed_kind", f"{kind!r}: bandwagoning with the status-quo camp is piling on in this model, so it must be 'piling-on'")
    elif observed in CHOICES:
        if side:
            bad("observed_side", f"{side!r} must be empty unless observed is bandwagon")
        if kind:
            bad("observed_kind", f"{kind!r} must be empty unless observed is bandwagon")
    out.update(observed=observed, observed_side=side or None, observed_kind=kind or None)
    keys = [k.strip() for k in out["sources"].split(";") if k.strip()]
    wrong = [k for k in keys if not _BIB_KEY.match(k)]
    if out["sources"] and (not keys or wrong):
        bad("sources", f"{out['sources']!r} must be BibTeX keys separated by ';'")
    out["sources"] = ";".join(keys)
    return out


def read_schweller_cases(text: str, source: str = "schweller_cases.csv") -> list[dict[str, Any]]:
    """Validate CSV ``text``; return one dict per case. Raises :class:`SchwellerDataError`
    listing every problem by CSV line and column."""
    return read_rows(text, source, SCHWELLER_COLUMNS, (), _check_row, SchwellerDataError)


def schweller_data_path() -> Path:
    """Where ``schweller_cases.csv`` lives (see :func:`csvtable.data_file`)."""
    return data_file("schweller_cases.csv")


def load_schweller_cases(path: str | os.PathLike | None = None) -> list[dict[str, Any]]:
    """Load and validate the Schweller cases file (default: the book's data folder)."""
    file = Path(path) if path is not None else schweller_data_path()
    return read_schweller_cases(read_text(file, SchwellerDataError), source=str(file))


def case_scenario(row: Mapping[str, Any]) -> Scenario:
    """The model scenario coded in one validated row."""
    return Scenario(**{f: row[f] for f in SCENARIO_FIELDS})


def check_against_cases(rows: list[Mapping[str, Any]], case_ids: Mapping[str, int] | Any) -> list[str]:
    """Problems with rows whose case_id (or year) does not match the main cases file.

    ``case_ids`` maps case_id -> year (e.g. ``load_cases()['year'].to_dict()``).
    Returns a list of problems (empty when every row matches).
    """
    problems = []
    years = dict(case_ids)
    for row in rows:
        cid = row["case_id"]
        if cid not in years:
            problems.append(f"case {cid!r}: not in data/cases.csv (every Schweller case needs Walt's coding there)")
        elif int(years[cid]) != int(row["year"]):
            problems.append(f"case {cid!r}: year {row['year']} differs from data/cases.csv ({years[cid]})")
    return problems


# --------------------------------------------------------------------------- cases, both models


@dataclass(frozen=True)
class CaseComparison:
    """One historical case through both models.

    Walt's prediction uses the case's coding in ``data/cases.csv``; Schweller's the coding in
    ``data/schweller_cases.csv``. ``walt_camp`` places Walt's choice in a camp using the
    row's ``walt_threat_camp`` (the camp of the threat source coded in cases.csv).
    ``walt_correct`` compares Walt's prediction with the observed choice in cases.csv;
    ``schweller_correct`` compares Schweller's choice (and, for bandwagoning, the side) with
    the observed choice in Schweller's terms; ``kind_correct`` is None unless both the
    prediction and the observation are bandwagoning with a kind.
    """

    case_id: str
    decider: str
    year: int
    row: dict
    walt: Prediction
    schweller: SchwellerPrediction
    walt_camp: str | None
    walt_observed: str
    verdict: str
    explanation: tuple[str, ...]
    walt_correct: bool
    schweller_correct: bool
    kind_correct: bool | None

    @property
    def headline(self) -> str:
        return VERDICT_HEADLINES[self.verdict]

    @property
    def observed_label(self) -> str:
        """The observed choice in Schweller's terms, e.g. 'bandwagon (jackal bandwagoning)'."""
        observed = self.row["observed"]
        if observed != "bandwagon":
            return observed
        kind = self.row["observed_kind"]
        return f"bandwagon ({KIND_LABELS[kind] if kind else 'appeasement'})"


def compare_case(row: Mapping[str, Any], walt_row: Mapping[str, Any], params: InterestParameters | None = None) -> CaseComparison:
    """Both models on one case: ``row`` from the Schweller file, ``walt_row`` from cases.csv."""
    from .cases import Case

    walt = Case(dict(walt_row)).predict()
    schweller = schweller_predict(case_scenario(row), params)
    camp = walt_camp(walt.choice, row["walt_threat_camp"])
    verdict = verdict_of(walt.choice, camp, schweller)
    scenario = case_scenario(row)
    schweller_correct = schweller.choice == row["observed"] and (
        schweller.choice != "bandwagon" or schweller.side == row["observed_side"])
    kind_correct = None
    if schweller.choice == "bandwagon" and row["observed"] == "bandwagon":
        kind_correct = schweller.kind == row["observed_kind"]
    return CaseComparison(
        row["case_id"], row["decider"], int(row["year"]), dict(row), walt, schweller, camp, walt_row["observed"],
        verdict, explain_comparison(scenario, walt, schweller, verdict),
        walt.choice == walt_row["observed"], schweller_correct, kind_correct,
    )


def compare_cases(rows: list[Mapping[str, Any]] | None = None, cases: Any = None,
                  params: InterestParameters | None = None) -> list[CaseComparison]:
    """Every Schweller case through both models (defaults: the book's two data files).

    Raises ValueError naming any case that has no Walt coding in ``cases``.
    """
    from .cases import load_cases

    rows = load_schweller_cases() if rows is None else rows
    cases = load_cases() if cases is None else cases
    problems = check_against_cases(rows, cases["year"].to_dict())
    if problems:
        raise ValueError("the Schweller cases do not match data/cases.csv:\n  - " + "\n  - ".join(problems))
    return [compare_case(row, cases.loc[row["case_id"]].to_dict(), params) for row in rows]


def case_table(comparisons: list[CaseComparison]) -> Any:
    """A pandas DataFrame: one line per case, both predictions beside what happened."""
    import pandas as pd

    records = []
    for c in comparisons:
        records.append({
            "case": f"{c.decider}, {c.year}",
            "Walt predicts": f"{c.walt.choice} ({_percent(c.walt.probabilities[c.walt.choice])})",
            "observed (Walt's terms)": c.walt_observed,
            "Schweller predicts": f"{c.schweller.label.lower()} ({_percent(c.schweller.probabilities[c.schweller.choice])})",
            "observed (Schweller's terms)": c.observed_label,
            "verdict": c.verdict,
        })
    return pd.DataFrame(records).set_index("case")
