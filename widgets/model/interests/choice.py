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

Schweller's (1994) regions are drawn on the two values, not on their
difference: a lion values the status quo highly, a lamb is low on *both* values (it will pay
little to keep or to gain), a jackal values revision moderately more than what it holds, and a
wolf values revision far more than the status quo. In this book:

- interest > 0.5: an unlimited-aims revisionist, a **wolf**, which values what it covets far
  more than what it holds. (A weak wolf is still a wolf: the type records aims; capability
  records what the state can do about them.)
- otherwise, both values below 0.5 (``LOW_VALUE_AT``; 0.5 is "moderate"): a **lamb**, whatever
  their difference.
- otherwise, 0 < interest <= 0.5: a limited-aims revisionist, a **jackal**.
- otherwise (interest <= 0, a status-quo state that values what it holds): a **lion** if a
  great power (capability >= 0.25, at least a quarter of the leading power's resources), a
  **lamb** if not. Schweller calls lambs weak states; this book adds that a status-quo state
  too weak to defend its holdings can pay little for them however much it values them.

Boundaries are compared to within 1e-9, so that a grid value such as 0.7 - 0.2 sits on the
boundary it is written on. The type is a label: the choice below uses the values themselves
(the value of the status quo raises balancing and damps the wave of the future).

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
    U_bw_sq     = g + c0 + cP m- (0.5 + 0.5 R)       piling on the winning status-quo side
                     + cJ A (1 - p) [H = revisionist] jackal bandwagoning with the camp that can pay
    U_neutral   = cX X A u                           waiting while the camps bid (0 unless courted)

with H = ``spoils_held_by``, X = ``courted``, u = 1 - |2 victory - 1| in war (0 in peace), and
the gate g = ln(min(1, m- + G)), G = min(1, A / 0.5) when H = revisionist and 0 otherwise.
With the default H = status-quo the jackal pull cJ A p goes to the revisionist camp as
before; with H = revisionist it goes, as cJ A (1 - p), to the status-quo camp, the only camp
that can hand over what the revisionist camp holds (Schweller 1994: jackals
bandwagon to share in the spoils, so they join whichever camp can deliver them). G opens the
status-quo option to such a jackal: fully from appetite 0.5 (interest 0.25, the smallest
revision the codebook's 0.25 grid can code).

Waiting (an assumption of this book, after the wartime auctions Schweller's jackals held):
a profit-seeker courted by both camps in an undecided war gains by staying out, because the
bids can only rise while neither side can win without it. Its value rises with the courting
X, the appetite A and the war's undecidedness u, and is zero in peace, for a state that covets
nothing, or once the war is decided. cX = cJ / 2 = 4 sets the most waiting can be worth
(full courting, an even war, unlimited aims) to the jackal's prize at even odds, cJ A / 2:
an auction cannot pay more than the prize it sells.

In words: balancing is worth its cost only against a threat, and more so the more the decider
values what it holds and the more it can do; revisionists are reluctant to defend an order
they want changed (rho), and nobody likes to join a side that is losing (lam). Buck-passing
also needs a threat, and tempts when the status-quo camp is strong enough without the
decider. Bandwagoning with the revisionist needs no threat: revisionists join a strong
revisionist to share its gains (jackals), anyone may pile on a side about to win, states
with little invested in the old order are drawn by a cause that looks like the future, and
weak states follow neighbours that have already gone over. The gate g makes joining the
status-quo side for profit impossible in peace or in an undecided war unless that camp can
pay the decider's appetite, and grows it smoothly as that side nears victory.

``kind`` names the largest of the four profit pulls behind a bandwagoning choice with the
revisionist (jackal, piling-on, wave-of-the-future, contagion; ties go to the earlier); when
appeasement is the largest pull, ``kind`` is None and the motive is security, the bandwagoning
Walt describes. Bandwagoning with the status-quo side is piling on or, when that camp can pay
and the jackal pull is the larger, jackal bandwagoning. The predicted
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

from .._maths import softmax
from ..alignment import CHOICES
from .reasons import KIND_SENTENCES, schweller_reasons  # noqa: F401 (KIND_SENTENCES re-exported)
from .scenario import (
    _TOLERANCE,
    DEFAULT_INTEREST_PARAMETERS,
    GREAT_POWER_AT,
    KIND_LABELS,
    LOW_VALUE_AT,
    OPTIONS,
    PULLS,
    SPOILS_GATE_OPEN_AT,
    TYPE_DESCRIPTIONS,
    TYPE_LABELS,
    UNLIMITED_AIMS_AT,
    InterestParameters,
    Scenario,
)
from .system import SystemBalance, system_balance

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
    low_on_both = max(scenario.value_status_quo, scenario.value_revision) < LOW_VALUE_AT - _TOLERANCE
    if unlimited:
        kind = "wolf"
    elif low_on_both:
        kind = "lamb"
    elif revisionist:
        kind = "jackal"
    else:
        kind = "lion" if great else "lamb"
    return Placement(kind, interest, revisionist, unlimited, great,
                     scenario.value_status_quo, scenario.value_revision, scenario.capability)


def appetite(scenario: Scenario) -> float:
    """A in [0, 1]: 0 for a status-quo state, rising to 1 at unlimited aims."""
    return min(1.0, max(0.0, scenario.interest / UNLIMITED_AIMS_AT))


# --------------------------------------------------------------------------- the choice


def prospects(scenario: Scenario) -> float:
    """p in [0, 1]: the revisionist camp's prospects (victory in war, strength in peace)."""
    return scenario.victory if scenario.war else scenario.revisionist_strength


def momentum(scenario: Scenario) -> tuple[float, float]:
    """(m+, m-): how settled a war is in the revisionist's and in the status-quo side's favour."""
    if not scenario.war:
        return 0.0, 0.0
    return max(0.0, 2.0 * scenario.victory - 1.0), max(0.0, 1.0 - 2.0 * scenario.victory)


def undecided(scenario: Scenario) -> float:
    """u in [0, 1]: 1 - |2 victory - 1| in war (1 when the war is even, 0 when it is decided), 0 in peace."""
    return 1.0 - abs(2.0 * scenario.victory - 1.0) if scenario.war else 0.0


def schweller_terms(
    scenario: Scenario, params: InterestParameters = DEFAULT_INTEREST_PARAMETERS
) -> dict[str, dict[str, float]]:
    """The additive pieces of each option's utility: term -> {option: value}.

    ``bandwagon-status-quo`` has the term ``gate`` = ln(min(1, m- + G)), -inf when its argument is 0,
    where G = min(1, A / 0.5) when the spoils are held by the revisionist camp, else 0.
    ``neutral`` has the term ``waiting`` (see :func:`undecided`).
    """
    s, r_val, c, t = scenario.value_status_quo, scenario.value_revision, scenario.capability, scenario.threat
    a = appetite(scenario)
    p = prospects(scenario)
    m_plus, m_minus = momentum(scenario)
    weak = max(0.0, 1.0 - c / GREAT_POWER_AT)
    greed_for_spoils = 0.5 + 0.5 * r_val
    spoils_with_revisionist = scenario.spoils_held_by == "revisionist"
    # the status-quo camp is open to piling on (m-) and, when it can pay, to a jackal's appetite
    open_sq = m_minus + (min(1.0, a / SPOILS_GATE_OPEN_AT) if spoils_with_revisionist else 0.0)
    gate = math.log(min(1.0, open_sq)) if open_sq > 0.0 else -math.inf
    defend = params.threat_to_balance * t * (0.5 + s) * (0.5 + c)
    defend *= (1.0 - params.revisionist_reluctance * a) * (1.0 - params.losing_side_deterrence * m_plus)
    return {
        "base": {"balance": params.balance_base, "buck-pass": params.buckpass_base,
                 "bandwagon-revisionist": params.bandwagon_base, "bandwagon-status-quo": params.bandwagon_base},
        "defence": {"balance": defend},
        "strong camp": {"buck-pass": params.strong_camp_to_buckpass * t * (0.5 + s) * max(0.0, 1.0 - 2.0 * p)},
        "jackal": ({"bandwagon-status-quo": params.jackal_pull * a * (1.0 - p)} if spoils_with_revisionist
                   else {"bandwagon-revisionist": params.jackal_pull * a * p}),
        "piling-on": {"bandwagon-revisionist": params.piling_on_pull * m_plus * greed_for_spoils,
                      "bandwagon-status-quo": params.piling_on_pull * m_minus * greed_for_spoils},
        "wave-of-the-future": {"bandwagon-revisionist": params.wave_pull * scenario.wave * (1.0 - s)},
        "contagion": {"bandwagon-revisionist": params.contagion_pull * scenario.contagion * (1.0 - 0.5 * c)},
        "appeasement": {"bandwagon-revisionist": params.appeasement_pull * t * weak * p},
        "gate": {"bandwagon-status-quo": gate},
        "waiting": {"neutral": params.waiting_pull * scenario.courted * a * undecided(scenario)},
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
    - ``waiting``: True when it stays out to wait for better bids: joining a camp would beat
      plain abstention, but the ``waiting`` term makes staying out better still.
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
    waiting: bool = False

    @property
    def label(self) -> str:
        """'Balance', 'Bandwagon (jackal bandwagoning)', 'Bandwagon (appeasement)', ..."""
        base = {"balance": "Balance", "bandwagon": "Bandwagon", "buck-pass": "Buck-pass",
                "neutral": "Neutral"}[self.choice]
        if self.choice == "neutral" and self.waiting:
            return "Neutral (waiting for bids)"
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
    util = utilities(terms)
    if choice == "bandwagon":
        if options["bandwagon-status-quo"] > options["bandwagon-revisionist"]:
            side, motive = "status quo", "profit"
            jackal_sq = terms["jackal"].get("bandwagon-status-quo", 0.0)
            kind = "jackal" if jackal_sq > terms["piling-on"]["bandwagon-status-quo"] else "piling-on"
        else:
            side = "revisionist"
            top = max(PULLS, key=lambda k: pulls[k])  # ties go to the earlier pull
            kind, motive = (None, "security") if top == "appeasement" else (top, "profit")
    elif choice in ("balance", "buck-pass"):
        motive = "security"
    # waiting: it stays out, joining would beat plain abstention, and the bidding makes waiting worth more still
    waiting = (choice == "neutral" and terms["waiting"]["neutral"] > 0.0
               and max(util["bandwagon-revisionist"], util["bandwagon-status-quo"], util["balance"]) > 0.0)
    if waiting:
        motive = "profit"
    prediction = SchwellerPrediction(
        choice, side, kind, motive, probabilities, options, pulls, terms,
        place(scenario), system_balance(scenario.revisionist_strength), waiting=waiting,
    )
    return replace(prediction, reasons=schweller_reasons(scenario, prediction))
