"""How much the decider's choice weighs: weakness against its threat, smallness and rank in the system.

Walt (1987, pp. 29-30): weak states "can do little to affect the outcome", strong states "can turn a
losing coalition into a winning one". The terms of ``alignment.py`` that depend on the decider's
standing (the great-power pull, feasibility, the war's momentum, capitulation, hiding, learning and an
insulated great power's buck-passing) read it from here.
"""

from __future__ import annotations

from .parameters import DEFAULT_PARAMETERS, ModelParameters
from .situation import Situation


def weakness(own_strength: float) -> float:
    """How far the decider falls below parity with its threat: 1 when negligible, 0 at parity or above."""
    return max(0.0, 1.0 - 2.0 * own_strength)


def smallness(situation: Situation, params: ModelParameters = DEFAULT_PARAMETERS) -> float:
    """How small the decider is in absolute terms: 1 negligible, 0 at great-power rank.

    From ``capability`` (share of the system's leading power) when given; otherwise the
    relative ``weakness(own_strength)``, as before ``capability`` existed.
    """
    if situation.capability is None:
        return weakness(situation.own_strength)
    return max(0.0, 1.0 - situation.capability / params.great_power_at)


def outcome_weakness(situation: Situation, params: ModelParameters = DEFAULT_PARAMETERS) -> float:
    """W in [0, 1]: how little the decider's choice can change the outcome.

    Walt (1987, pp. 29-30): weak states "can do little to affect the outcome", strong states
    "can turn a losing coalition into a winning one". A state is weak only if it is both
    below parity with its threat and below great-power rank: "strong neighbors of strong
    states are likely to balance". W is 0 at parity or at great-power rank.
    """
    return min(weakness(situation.own_strength), smallness(situation, params))


def great_power_rank(situation: Situation, params: ModelParameters = DEFAULT_PARAMETERS) -> float:
    """R in [0, 1]: 1 - smallness(c), the decider's great-power rank from ``capability``; 0 when
    capability is not given (rank is absolute size, as for hiding)."""
    if situation.capability is None:
        return 0.0
    return 1.0 - smallness(situation, params)
