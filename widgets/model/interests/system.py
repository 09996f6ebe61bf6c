"""The system level of Schweller's balance of interests: which camp is stronger (see :mod:`.choice`)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import validation


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
