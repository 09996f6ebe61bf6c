"""Plain-language reasons for a prediction.

The sentences are chosen, not generated freely: the overall threat level, whether it is
worth aligning at all, and the utility terms that most separate the predicted response from
its closest rival. The texts carry no numbers, so a reader's screen reader and the static
HTML book show the same few sentences for nearby scenarios; the figure shows the numbers.
"""

from __future__ import annotations

from collections.abc import Mapping

from .threat import SOURCE_LABELS

# (term, response the term favours) -> sentence
TERM_SENTENCES: dict[tuple[str, str], str] = {
    ("base", "balance"): "Other things equal, balancing is the safer and more common response.",
    ("strength", "balance"): "The decider is strong enough for its weight to matter in a coalition, which favours "
                             "balancing.",
    ("support", "balance"): "Allies are likely to help, which makes balancing feasible.",
    ("support", "bandwagon"): "Allied help looks unlikely, so accommodating the threat looks safer.",
    ("intentions", "balance"): "The threatening state looks aggressive, so appeasing it would not buy safety.",
    ("intentions-uncertain", "balance"): "The threatening state's aims are uncertain, and trusting them would be a "
                                         "gamble, which favours balancing.",
    ("great_power_pull", "bandwagon"): "A much stronger power that is near and able to attack pulls a weak state "
                                       "toward bandwagoning.",
    ("certainty", "buck-pass"): "Allied support is close to certain, so the decider can leave the burden to others "
                                "(buck-passing or free-riding).",
    ("others_engaged", "buck-pass"): "Others are already fighting the threat, so the decider can let them carry the "
                                     "burden of stopping it (buck-passing).",
    ("insulation", "buck-pass"): "The decider is a great power that does not face a would-be hegemon on its "
                                 "border, and others are already fighting the threat, so it can leave the costs "
                                 "to them.",
    ("war", "bandwagon"): "The threatening side is close to winning the war, which draws others onto its side.",
    ("war", "balance"): "The war is still open or going against the threatening side, so states keep balancing.",
    ("capitulation", "bandwagon"): "The decider is itself under attack, too weak to hold out alone and without help, "
                                   "and is being defeated, so it may be forced to accommodate its attacker.",
}


def percent(p: float) -> str:
    """A probability as a whole percentage, e.g. 0.624 -> '62%' (every sentence and figure label)."""
    return f"{round(100 * p)}%"


# Minimum utility gap (in logits) for a term to be named as a reason.
_MIN_GAP = 0.25


def threat_band(level: float) -> str:
    """Name the band a threat level falls in: low, moderate, high or severe."""
    if level < 0.25:
        return "low"
    if level < 0.5:
        return "moderate"
    if level < 0.75:
        return "high"
    return "severe"


def explain(
    choice: str,
    level: float,
    p_align: float,
    parts: Mapping[str, float],
    shares: Mapping[str, float],
    terms: Mapping[str, Mapping[str, float]],
    intentions: float = 1.0,
    stay_out: Mapping[str, float] | None = None,
    bound: float = 0.0,
) -> tuple[str, ...]:
    """Sentences saying which factors drove ``choice``. ``terms`` maps each utility term to
    {response: value} (as ``Terms.values``); ``intentions``, the threat's perceived
    aggressiveness, picks the wording of the intentions sentence; ``stay_out`` holds the
    stage-1 shifts of the hiding, lesson and hegemony mechanisms; ``bound`` how far the decider's own allies
    at war take away its reasons to pass the buck (z * B in war, fighting allies bind)."""
    stay_out = stay_out or {}
    reasons = []
    if level > 0:
        largest = max(parts, key=lambda k: parts[k])
        if max(parts.values()) - min(parts.values()) < 1e-9:
            reasons.append(f"Overall threat is {threat_band(level)}; its four sources weigh equally.")
        else:
            reasons.append(f"Overall threat is {threat_band(level)}; its largest source is "
                           f"{SOURCE_LABELS[largest].lower()}.")
    else:
        reasons.append("Nothing about this state is threatening.")
    if choice == "neutral":
        if stay_out.get("hiding", 0.0) > 0.05:
            reasons.append("A small state at the edge of a great-power war can hope to stay out of it by hiding "
                           "(declaring neutrality and arming only to defend itself).")
        if stay_out.get("lesson", 0.0) > 0.05:
            reasons.append("Its neutrality kept it safe in the last great war, and it trusts neutrality again.")
        hegemony = stay_out.get("hegemony", 0.0)
        if hegemony > 0.05 and hegemony >= max(stay_out.get("hiding", 0.0), stay_out.get("lesson", 0.0)):
            reasons.append("The threat is still far from dominating the system, and a power of its weight can leave it "
                           "to others and keep its strength for a would-be hegemon.")
        if p_align >= 0.5:
            reasons.append("Aligning is more likely than not, but no single way of aligning is as likely as "
                           "staying out.")
        elif len(reasons) == 1:
            reasons.append("The threat is too small to make an alliance worth its costs, so staying out is most "
                           "likely.")
        return tuple(reasons)
    if stay_out.get("lesson", 0.0) < -0.05:
        reasons.append("Its neutrality failed it in the last great war (or alliance carried it through), so it is "
                       "readier to align.")
    if p_align < 0.8:
        reasons.append("The threat is only just large enough to make aligning likely.")
    if choice == "balance" and bound >= 0.5:
        reasons.append("Its own allies are already at war with the threat, so it is bound to join them rather than "
                       "leave the fighting to them.")
    # Compare the predicted response with its closest rival among the responses.
    rival = max((r for r in shares if r != choice), key=lambda r: shares[r])
    gaps = []
    for name, by_response in terms.items():
        gap = by_response.get(choice, 0.0) - by_response.get(rival, 0.0)
        key = "intentions-uncertain" if name == "intentions" and intentions < 0.6 else name
        sentence = TERM_SENTENCES.get((key, choice))
        if gap >= _MIN_GAP and sentence:
            gaps.append((gap, sentence))
    for _, sentence in sorted(gaps, reverse=True)[:2]:
        reasons.append(sentence)
    return tuple(reasons)
