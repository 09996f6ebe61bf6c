"""Staying out: hiding, learning and buck-passing (the "Staying out" part of ``alignment.py``'s docstring).

Each function is one mechanism's input to the model, tied to its source: allies' promises and others'
fighting as certainty that the threat will be resisted (Christensen and Snyder 1990; Mearsheimer 2001),
an insulated great power's buck-passing (Mearsheimer 2001, ch. 8), hiding (Schroeder 1994; Labs 1992),
the neutrality lesson (Reiter 1996) and great powers' indifference to threats far from hegemony
(Levy 2004), the offence that makes others' fighting a poor shelter (Christensen and Snyder 1990) and the
rank that buck-passing on others' fighting needs (Mearsheimer 2001), the bond between a decider and
certain allies already fighting the threat (Snyder 1984), the same bond read from the coded allies at war
(Snyder 1984), and the fading of reasons to stay out as the threat
nears defeat (Walt 1987; Schweller 1994).
Each is zero at its input's default.
"""

from __future__ import annotations

from .parameters import DEFAULT_PARAMETERS, ModelParameters
from .situation import Situation
from .standing import great_power_rank, smallness
from .threat import Threat


def support_certainty(allied_support: float, params: ModelParameters = DEFAULT_PARAMETERS) -> float:
    """C(a) in [0, 1]: zero until support is adequate, then rising to 1 when it is certain."""
    a0 = params.support_certain_at
    return max(0.0, (allied_support - a0) / (1.0 - a0))


def buck_catcher(situation: Situation) -> float:
    """E* in [0, 1]: others already fighting the threat, counted only as far as they can hold.

    Christensen and Snyder (1990) and Mearsheimer (2001) make buck-passing rational only
    while the buck-catcher can stand up to the aggressor; a buck-catcher that is being
    beaten is no shelter (France's collapse in 1940 ended the buck-passing of the 1930s).
    In war, E is discounted by the threat's closeness to victory: E* = E * min(1, 2 (1 - v)),
    full while the war is undecided or going against the threat, zero when it is won. Zero
    for a target: buck-passing is the strategy of a state on the sidelines (Mearsheimer
    2001), and the war has already reached a state under attack.
    """
    if situation.target:  # a state under attack is not on the sidelines: it has no buck to pass
        return 0.0
    if not situation.war:
        return situation.others_engaged
    return situation.others_engaged * min(1.0, 2.0 * (1.0 - situation.victory))


def holding_odds(threat: Threat, params: ModelParameters = DEFAULT_PARAMETERS) -> float:
    """1 - o * O in [0, 1]: how far others' fighting still shelters the decider from an offensively strong threat.

    Christensen and Snyder (1990): where offence is believed to dominate, a buck-catcher may be
    overrun before the buck-passer can act, so allies bind themselves to one another and fight at
    once (chain-ganging); where defence is believed to dominate, each expects the others to hold
    and passes the buck. The model reads their variable, the perceived offence-defence balance,
    from the offensive power O coded for the threat as the decider saw it (Walt's capability to
    overrun others at acceptable cost), a narrowing of their systemic perception to one threat.
    o = ``chain_ganging``: 0 leaves others' fighting as shelter whatever the threat's offence.
    """
    return 1.0 - params.chain_ganging * threat.offensive_power


def buckpasser_rank(situation: Situation, params: ModelParameters = DEFAULT_PARAMETERS) -> float:
    """1 - y * smallness(c) in [0, 1]: how far the decider can pass the buck to others already fighting.

    Mearsheimer (2001, ch. 5) states buck-passing as a strategy of a threatened great power, which gets
    another great power to check the aggressor while it stays on the sidelines; Christensen and Snyder
    (1990) analyse it among the great powers of a multipolar system. Neither speaks of small states, whose
    ways of staying out in this book's sources are hiding (Schroeder 1994; Labs 1992), the neutrality
    lesson (Reiter 1996) and free-riding on allies' promises (Walt 1987, p. 31; C(a), untouched here).
    With y (``buckpassers_are_great_powers``) > 0, others' fighting shelters a smaller state less: the factor
    is 1 - y + y * R, R the great-power rank (at y = 1, R itself: whole at great-power rank, nothing for a
    negligible state). Only with ``capability`` given (rank is absolute size, as for hiding); 1 when y = 0
    or capability is not given.
    """
    return _rank_discount(situation, params.buckpassers_are_great_powers, params)


def _rank_discount(situation: Situation, weight: float, params: ModelParameters) -> float:
    """1 - weight * smallness(c), or 1 without ``capability``: the two switched-off specs' discount by size."""
    if situation.capability is None:
        return 1.0
    return 1.0 - weight * smallness(situation, params)


def owed_to_fighting_allies(situation: Situation, params: ModelParameters = DEFAULT_PARAMETERS) -> float:
    """1 - n * C(a) in [0, 1]: how far others' fighting still shelters a decider whose allies' help is certain.

    Snyder (1984), the alliance security dilemma: a state bound to allies that are fighting risks abandonment,
    losing their support when it needs it, if it leaves them to fight alone, and the more firmly it is bound
    the greater that risk (Christensen and Snyder 1990 call the same bond, seen from the system, chain-ganging).
    A buck-catcher that is one's own certain ally is owed help, not a shelter. The model reads the bond from
    the coded allied support, through C(a) (zero until support is adequate, 1 when it is certain: a binding
    commitment, or allies already fighting the threat), and cannot tell the allies who promise from the states
    who fight: it takes certain support in a fight under way as support from those fighting.
    n = ``allies_at_war_bind``: 0 leaves others' fighting as shelter whatever the decider's ties to them.
    """
    return 1.0 - params.allies_at_war_bind * support_certainty(situation.allied_support, params)


def promise_called_in(situation: Situation, params: ModelParameters = DEFAULT_PARAMETERS) -> float:
    """1 - n * E* in [0, 1]: how far allies' promises still invite staying out once others fight the threat.

    Walt (1987, p. 31) reads certain allied support as a reason to pass the buck: allies readily available
    will do the work. Once they are already fighting the threat (E*, ``buck_catcher``), their promise has
    been called in and binds both ways (Snyder 1984, abandonment): the certainty that invited staying out
    is now a debt. n = ``allies_at_war_bind``: 0 leaves allies' promises whole whether or not anyone fights.
    """
    return 1.0 - params.allies_at_war_bind * buck_catcher(situation)


def bound_to_fighting_allies(situation: Situation, params: ModelParameters = DEFAULT_PARAMETERS) -> float:
    """1 - z * B in [0, 1] in war, 1 in peace: how far others' fighting and allies' promises still invite staying out
    when the decider's own allies are already at war with the threat.

    Snyder (1984), the alliance security dilemma: a state whose allies are fighting risks abandonment, losing their
    support when it needs it, if it leaves them to fight alone; the firmer the bond, the greater the risk
    (Christensen and Snyder 1990 see the same bond from the system as chain-ganging). An ally at war is owed help,
    not a shelter, and its promise has been called in. B = ``Situation.allies_fighting``, coded by the codebook (1 a
    treaty ally at war with the threat, 0.5 a partner aligned without a treaty obligation, 0 none), replaces the
    proxy of the rejected *allies at war bind* (``owed_to_fighting_allies``, which read the bond from certain allied
    support). z = ``fighting_allies_bind``: 0 leaves others' fighting and allies' promises whole whoever fights.
    """
    if not situation.war:
        return 1.0
    return 1.0 - params.fighting_allies_bind * situation.allies_fighting


def shelter(threat: Threat, situation: Situation, params: ModelParameters = DEFAULT_PARAMETERS) -> float:
    """E** = E* * (1 - o * O) * (1 - y * smallness(c)) * (1 - n * C(a)) * (1 - z * B) in [0, 1] (the rank factor 1
    without ``capability``, the last factor 1 in peace): the buck-catcher (``buck_catcher``) discounted by the
    threat's offence (``holding_odds``), by the decider's rank (``buckpasser_rank``) and by its bond to allies that
    fight, as proxied (``owed_to_fighting_allies``) and as coded (``bound_to_fighting_allies``).
    Equals E* when o = y = n = z = 0. Every use of others' fighting as a reason to stay out (certainty of
    resistance, the shared intentions motive, insulation) reads this."""
    return (buck_catcher(situation) * holding_odds(threat, params) * buckpasser_rank(situation, params)
            * owed_to_fighting_allies(situation, params) * bound_to_fighting_allies(situation, params))


def insulation(threat: Threat) -> float:
    """Q = 1 - P * X in [0, 1]: how far the decider is from facing a potential hegemon on its border.

    Mearsheimer (2001, ch. 8): threatened great powers prefer to pass the buck, and balance
    instead when the aggressor is a potential hegemon or shares a border with them. Q is 0 only
    when the threat is both the system's leading power (P = 1) and adjacent (X = 1).
    """
    return 1.0 - threat.aggregate_power * threat.proximity


def insulated_buckpassing(threat: Threat, situation: Situation, params: ModelParameters = DEFAULT_PARAMETERS) -> float:
    """R * Q * E** in [0, 1]: how far an insulated great power can leave the threat to others who fight it.

    Mearsheimer (2001, ch. 8), Christensen and Snyder (1990): a great power neither facing a
    potential hegemon nor bordering the aggressor lets a buck-catcher that holds bear the costs.
    Zero for a small state or without ``capability`` (R = 0), for a target or with no buck-catcher
    (E* = 0), and against a leading power next door (Q = 0). Enters V_buckpass with weight e_q * d_c. E**
    (``shelter``) is E* while o = y = 0; with y > 0 it carries the rank discount too, so that rank counts twice
    here for a state between small and great (R * (1 - y + y * R)).
    """
    return great_power_rank(situation, params) * insulation(threat) * shelter(threat, situation, params)


def promised_certainty(situation: Situation, params: ModelParameters = DEFAULT_PARAMETERS) -> float:
    """C_u(a) = C(a) * (1 - u * smallness(c)) * (1 - n * E*) * (1 - z * B) in [0, 1]: allies' promises as a reason
    to stay out.

    Walt (1987, p. 31): "excessive confidence in allied support will encourage weak states to free-ride
    ... Among the great powers, the belief that allies are readily available encourages buck-passing".
    In the economics of alliances (Olson and Zeckhauser 1966) a free-rider is a small member that leaves
    the burden of the common defence to its larger partners: it stays in the alliance. (Reading Walt's
    free-riding so is the book's alternative, not adopted; its codebook codes free-riding as buck-passing.)
    With u (``free_riders_align``) > 0, certainty of allied support sends a small state toward
    free-riding inside the alliance, which the model counts as aligning against the threat, and only a
    great power toward passing the buck: C(a) is scaled by 1 - u * smallness(c). Only with
    ``capability`` given (rank is absolute size, as for hiding); C(a) whole when u = 0. With n
    (``allies_at_war_bind``) > 0 it is further scaled by 1 - n * E* (``promise_called_in``), with z
    (``fighting_allies_bind``) > 0 by 1 - z * B in war (``bound_to_fighting_allies``).
    """
    return (support_certainty(situation.allied_support, params)
            * _rank_discount(situation, params.free_riders_align, params) * promise_called_in(situation, params)
            * bound_to_fighting_allies(situation, params))


def resistance_certainty(threat: Threat, situation: Situation, params: ModelParameters = DEFAULT_PARAMETERS) -> float:
    """C in [0, 1]: certainty that the threat will be resisted by others, from allies'
    promises (C_u(a), ``promised_certainty``) or from others already fighting it and holding (e_c * E**);
    either suffices."""
    promised = promised_certainty(situation, params)
    fighting = min(1.0, params.engaged_to_certainty * shelter(threat, situation, params))
    return 1.0 - (1.0 - promised) * (1.0 - fighting)


def hiding(situation: Situation, params: ModelParameters = DEFAULT_PARAMETERS) -> float:
    """H in [0, 1]: the pull to hide from a great-power war (Schroeder 1994; Labs 1992).

    Small states at the edge of a war try to stay out of it. Needs ``capability`` (hiding
    is about absolute size); zero in peace and for the state being attacked. Hiding lasts
    while the war is open: as the threat nears victory, Walt's weak states "must choose the
    winning side" (1987, p. 30), so H is discounted by min(1, 2 (1 - v)) like the buck-catcher;
    with g (``hiding_ends_with_defeat``) > 0 also by 1 - g + g min(1, 2 v), as the threat nears
    defeat and the winning side is the coalition against it; with j (``allies_end_hiding``) > 0 also
    by 1 - j C(a): hiding is the refuge of a small state left to itself, and one whose allies' help is
    certain can align without staking its survival (Walt 1987, pp. 29-31; Labs 1992).
    """
    if situation.capability is None or not situation.war or situation.target:
        return 0.0
    v, g = situation.victory, params.hiding_ends_with_defeat
    protected = params.allies_end_hiding * support_certainty(situation.allied_support, params)
    return (smallness(situation, params) * min(1.0, 2.0 * (1.0 - v)) * (1.0 - g + g * min(1.0, 2.0 * v))
            * (1.0 - protected))


def lesson_weight(situation: Situation, params: ModelParameters = DEFAULT_PARAMETERS) -> float:
    """w_L: how far the neutrality lesson applies (Reiter 1996: small states learn it, great
    powers little): smallness from ``capability``, or 1 when capability is not given; 0 for a
    target of attack, which no longer chooses between alliance and neutrality (Reiter's lessons
    govern that choice; a war that has reached the state has made it)."""
    if situation.target:
        return 0.0
    return 1.0 if situation.capability is None else smallness(situation, params)


def closeness_to_hegemony(threat: Threat, situation: Situation, params: ModelParameters = DEFAULT_PARAMETERS) -> float:
    """P* in [0, 1]: how close the threat is to dominating the system, 1 for a would-be hegemon.

    The threat's aggregate power P (its share of the leading power's resources, CINC) unless the land-power
    reading is on (l, ``land_hegemony``) and the threat's share of the great powers' military personnel A is coded: then
    P* = (1 - l) * P + l * L(A). Levy and Thompson (2005) find European great powers allying against
    the leading land power once its share of great-power military capabilities reaches a third or more, and not below
    (a_h = 1/3), and (2010) no such balancing against the leading sea power, if anything alliances with it: a state
    rich in resources with small armed forces (Britain in the nineteenth century, the United States before 1917) does
    not threaten to overrun the others. L(A) = (1 - t) * min(1, A / a_h) + t * [A >= a_h]: with t = 0 (the default)
    the book's straight line below a_h; with t = 1 (``land_threshold``, a spec not adopted) their threshold, a step at
    a_h with nothing below it.
    """
    share = situation.threat_army_share
    if share is None or params.land_hegemony == 0.0:
        return threat.aggregate_power
    line = min(1.0, share / params.hegemonic_army_share)
    step = 1.0 if share >= params.hegemonic_army_share else 0.0
    land = (1.0 - params.land_threshold) * line + params.land_threshold * step
    return (1.0 - params.land_hegemony) * threat.aggregate_power + params.land_hegemony * land


def distance_from_hegemony(threat: Threat, situation: Situation, params: ModelParameters = DEFAULT_PARAMETERS) -> float:
    """D = R * (1 - P*) * (1 - target) in [0, 1]: how far a great-power bystander's threat is from hegemony.

    Levy (2004), Levy and Thompson (2005): great powers balance against states that threaten to
    dominate the system, far less against lesser threats. R is the decider's great-power rank (0 without
    ``capability``), P* the threat's closeness to hegemony (``closeness_to_hegemony``: its aggregate power,
    or with the land-power reading its share of the great powers' military personnel). Zero for a target of attack and
    against a would-be hegemon. Shifts the stage-1 threshold by h_e * D.
    """
    if situation.target:
        return 0.0
    return great_power_rank(situation, params) * (1.0 - closeness_to_hegemony(threat, situation, params))


def losing_threat_fade(situation: Situation, params: ModelParameters = DEFAULT_PARAMETERS) -> float:
    """1 - p + p * min(1, 2 v) in [0, 1] in war, 1 in peace: how far the reasons to stay out still hold as the
    threat nears defeat (*piling on*).

    Walt (1987, p. 33): "the closer one side is to victory, the greater the tendency for others to bandwagon with
    it"; when the threat is losing, the side near victory is the coalition against it. Schweller (1994) calls
    joining a winning coalition at a war's end "piling on", the jackal's way to a share of the spoils at little
    cost. Hiding already fades so (g, ``hiding_ends_with_defeat``); with p (``piling_on``) > 0 the other reasons
    to stay out, a great power's indifference to a threat far from hegemony and a small state's good lesson of
    neutrality, fade the same way: whole while the war is open (v >= 0.5), gone when the threat is beaten (v = 0).
    A lesson that pushes a state to align (L < 0) is not a reason to stay out and does not fade.
    """
    if not situation.war:
        return 1.0
    return 1.0 - params.piling_on + params.piling_on * min(1.0, 2.0 * situation.victory)


def stay_out_shifts(threat: Threat, situation: Situation,
                    params: ModelParameters = DEFAULT_PARAMETERS) -> dict[str, float]:
    """The stage-1 threshold shifts S of the stay-out mechanisms: {"hiding", "lesson", "hegemony"} (the last two
    scaled by ``losing_threat_fade`` where they keep a state out)."""
    fade = losing_threat_fade(situation, params)
    lesson = params.lesson_shift * situation.neutrality_lesson * lesson_weight(situation, params)
    return {
        "hiding": params.hiding_shift * hiding(situation, params),
        "lesson": lesson * fade if lesson > 0 else lesson,
        "hegemony": params.hegemony_shift * distance_from_hegemony(threat, situation, params) * fade,
    }
