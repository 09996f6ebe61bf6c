"""Why Schweller's model chose what it chose: short sentences, no numbers (see :mod:`.choice`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .choice import SchwellerPrediction
    from .scenario import Scenario

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
    if choice == "bandwagon" and prediction.side == "status quo" and prediction.kind == "jackal":
        reasons.append("Jackal bandwagoning with the status-quo camp: what it covets is held by the revisionist camp, "
                       "so only the defenders of the status quo can hand it over.")
    elif prediction.waiting:
        reasons.append("Waiting for bids: both camps are bidding for its entry and the war is undecided, so staying "
                       "out a little longer can only raise the price it is paid for joining.")
    elif choice == "bandwagon" and prediction.side == "status quo":
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
