"""Explorers for the chapter on ideology, aid and penetration.

Each is a :class:`widgets.explorers.Explorer`: live sliders in Jupyter, a static twin with
precomputed figures in the HTML book. Grids are kept small (at most ~1,200 combinations
each) so that the static twins stay light and quick to build.

Where a slider sets a threat level, the threat level the explanations read is exactly the
slider's value and is the one ``widgets.predict`` reports. In the ideology and aid explorers only
the level matters, so all four sources are set to it (``widgets.model.conditions.uniform_threat``). In
the combined explorer the sources matter to ``predict`` too, so the starting threat keeps its
profile and is scaled to the slider's level (:func:`threat_at_level`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..display.controls import Control
from ..figures.beyond import aid_spec, combined_spec, ideology_spec, penetration_spec
from ..model import validation
from ..model.aid import AID_LABELS, Aid, AidParameters, aid_effect
from ..model.alignment import ModelParameters
from ..model.conditions import uniform_threat
from ..model.explanations import ExplanationWeights, combined_view
from ..model.ideology import IDEOLOGY_LABELS, Ideology, IdeologyParameters, ideology_effect
from ..model.penetration import PENETRATION_LABELS, Penetration, PenetrationParameters, penetration_effect
from ..model.situation import Situation
from ..model.threat import Threat, threat_level
from .base import Explorer

THREAT_LABEL = "Threat level the decider faces"
GRID5 = (0.0, 0.25, 0.5, 0.75, 1.0)
GRID3 = (0.0, 0.5, 1.0)
# What each end of a slider means, in the words of the model's own field docs (Ideology, Aid,
# Penetration, penetration_effect's baseline, ExplanationWeights.scaled). The threat sliders set
# the overall level with every source at it (uniform_threat, threat_at_level), so 1 is every source
# at its maximum; for ideology low threat is security (hypothesis I3), for aid the recipient's stake (A2, A5).
THREAT_ENDS = ("no threat: the decider is secure", "every source of threat at its maximum")
RECIPIENT_THREAT_ENDS = ("no threat: the recipient is safe", "every source of threat at its maximum")
COMMON_THREAT_ENDS = ("no threat", "every source of threat at its maximum")
# ExplanationWeights.scaled: 0 leaves the threat-based prediction alone, 1 is the default weights
WEIGHT_SCALE_ENDS = ("ideology, aid and penetration left out",
                     "three times their weight in this book's reading of Walt")
IDEOLOGY_ENDS: dict[str, tuple[str, str]] = {
    "similarity": ("opposed ideologies", "the same ideology (0.50 = neither alike nor opposed)"),
    "defence_advantage": ("offence dominates", "defence dominates"),
    "legitimacy_deficit": ("the regime is secure at home", "no domestic legitimacy at all"),
    "centralisation": ("none (monarchies, democracies)", "one movement, one leader (Leninism, pan-Arab unity)"),
}
AID_ENDS: dict[str, tuple[str, str]] = {
    "amount": ("no aid", "all the recipient needs"),
    "monopoly": ("many other suppliers", "no other supplier"),
    "dependence_asymmetry": ("the donor depends on the recipient",
                             "the recipient depends on the donor (0.50 = mutual)"),
    "donor_motivation": ("the donor does not care about the issues", "as much as a recipient under maximum threat"),
    "donor_apparatus": ("divided and weak", "unified and strong"),
}
PENETRATION_ENDS: dict[str, tuple[str, str]] = {
    "access": ("none", "deep (officials, advisers, lobbies, media, parties)"),
    "openness": ("a closed society", "an open society"),
    "ambition": ("limited (a vote, a contract)", "sweeping (a new regime or foreign policy)"),
    "intrusiveness": ("open persuasion (education, lobbying)", "covert manipulation (bribery, subversion)"),
    "baseline": ("other causes rule the alliance out", "other causes make it certain"),
}


def _field(name: str, labels: Mapping[str, str], ends: Mapping[str, tuple[str, str]], values: tuple) -> Control:
    return Control(name, labels[name], values, ends[name])


def _number(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number in [0, 1], got {type(value).__name__} {value!r}")
    if not 0.0 <= float(value) <= 1.0:
        raise ValueError(f"{name} must be in [0, 1], got {value!r}")
    return float(value)


def threat_at_level(threat: Threat, level: float) -> Threat:
    """``threat`` moved to overall level ``level`` (equal weights), keeping its profile.

    Below the starting level every source shrinks in proportion; above it every source moves
    the same share of the way to 1. At the starting level the threat is returned unchanged.
    """
    if not isinstance(threat, Threat):
        raise TypeError(f"threat must be a Threat, got {type(threat).__name__}")
    level = _number("level", level)
    start = threat_level(threat)
    sources = threat.to_dict()
    if abs(level - start) < 1e-12:
        return threat
    if level < start:
        return Threat(**{k: v * level / start for k, v in sources.items()})
    # min(): v + (1 - v) * 1.0 can round to 1.0000000000000002
    return Threat(**{k: min(1.0, v + (1.0 - v) * (level - start) / (1.0 - start)) for k, v in sources.items()})


def _fixed(parts: Mapping[str, float]) -> str:
    if not parts:
        return ""
    return "Held fixed: " + ", ".join(f"{label.lower()} {value:.2f}" for label, value in parts.items()) + "."


def ideology_explorer(
    ideology: Ideology | None = None,
    threat: float = 0.25,
    *,
    params: IdeologyParameters | None = None,
    title: str = "Ideology explorer",
    explorer_id: str | None = None,
) -> Explorer:
    """Sliders for the five ideology hypotheses: similarity, the threat (security), the
    advantage of defence, a legitimacy deficit and centralisation (5 x 5 x 3 x 3 x 3 = 675)."""
    ideology = ideology if ideology is not None else Ideology(similarity=0.75)
    validation.instance("ideology", ideology, Ideology, optional=True)
    validation.instance("params", params, IdeologyParameters, optional=True)
    start = {**ideology.to_dict(), "threat": _number("threat", threat)}
    controls = (
        _field("similarity", IDEOLOGY_LABELS, IDEOLOGY_ENDS, GRID5),
        Control("threat", THREAT_LABEL, GRID5, THREAT_ENDS),
        _field("defence_advantage", IDEOLOGY_LABELS, IDEOLOGY_ENDS, GRID3),
        _field("legitimacy_deficit", IDEOLOGY_LABELS, IDEOLOGY_ENDS, GRID3),
        _field("centralisation", IDEOLOGY_LABELS, IDEOLOGY_ENDS, GRID3),
    )

    def compute(values: Mapping[str, Any]) -> dict:
        chosen = Ideology(**{k: v for k, v in values.items() if k != "threat"})
        return ideology_spec(ideology_effect(chosen, uniform_threat(values["threat"]), params=params))

    return Explorer(title, controls, start, compute, "", explorer_id)


def aid_explorer(
    aid: Aid | None = None,
    threat: float = 0.5,
    *,
    params: AidParameters | None = None,
    title: str = "Foreign aid explorer",
    explorer_id: str | None = None,
) -> Explorer:
    """Sliders for the six aid hypotheses: amount, the recipient's threat, monopoly,
    dependence, the donor's motivation and its apparatus (3 x 5 x 3 x 3 x 3 x 3 = 1,215)."""
    aid = aid if aid is not None else Aid(amount=0.5)
    validation.instance("aid", aid, Aid, optional=True)
    validation.instance("params", params, AidParameters, optional=True)
    start = {**aid.to_dict(), "threat": _number("threat", threat)}
    controls = (
        _field("amount", AID_LABELS, AID_ENDS, GRID3),
        Control("threat", "Threat level the recipient faces", GRID5, RECIPIENT_THREAT_ENDS),
        _field("monopoly", AID_LABELS, AID_ENDS, GRID3),
        _field("dependence_asymmetry", AID_LABELS, AID_ENDS, GRID3),
        _field("donor_motivation", AID_LABELS, AID_ENDS, GRID3),
        _field("donor_apparatus", AID_LABELS, AID_ENDS, GRID3),
    )

    def compute(values: Mapping[str, Any]) -> dict:
        chosen = Aid(**{k: v for k, v in values.items() if k != "threat"})
        return aid_spec(aid_effect(chosen, uniform_threat(values["threat"]), params=params))

    return Explorer(title, controls, start, compute, "", explorer_id)


def penetration_explorer(
    penetration: Penetration | None = None,
    baseline: float = 0.5,
    *,
    params: PenetrationParameters | None = None,
    title: str = "Penetration explorer",
    explorer_id: str | None = None,
) -> Explorer:
    """Sliders for the four penetration hypotheses: access, openness, ambition,
    intrusiveness, and support from other causes (5 x 3 x 3 x 5 x 5 = 1,125)."""
    penetration = penetration if penetration is not None else Penetration(access=0.5, intrusiveness=0.25)
    validation.instance("penetration", penetration, Penetration, optional=True)
    validation.instance("params", params, PenetrationParameters, optional=True)
    start = {**penetration.to_dict(), "baseline": _number("baseline", baseline)}
    controls = (
        _field("access", PENETRATION_LABELS, PENETRATION_ENDS, GRID5),
        _field("openness", PENETRATION_LABELS, PENETRATION_ENDS, GRID3),
        _field("ambition", PENETRATION_LABELS, PENETRATION_ENDS, GRID3),
        _field("intrusiveness", PENETRATION_LABELS, PENETRATION_ENDS, GRID5),
        _field("baseline", PENETRATION_LABELS, PENETRATION_ENDS, GRID5),
    )

    def compute(values: Mapping[str, Any]) -> dict:
        chosen = Penetration(**{k: v for k, v in values.items() if k != "baseline"})
        return penetration_spec(penetration_effect(chosen, values["baseline"], params))

    return Explorer(title, controls, start, compute, "", explorer_id)


def combined_explorer(
    threat: Threat | None = None,
    situation: Situation | None = None,
    ideology: Ideology | None = None,
    aid: Aid | None = None,
    penetration: Penetration | None = None,
    *,
    weights: ExplanationWeights | None = None,
    params: ModelParameters | None = None,
    title: str = "Five explanations, one pair of states",
    explorer_id: str | None = None,
) -> Explorer:
    """Sliders for the common threat, ideological similarity, the amount of aid, the
    partner's access, and how much weight ideology, aid and penetration get relative to this
    book's reading of Walt (x0 to x3), redrawing the waterfall (5 x 5 x 3 x 3 x 4 = 900).

    The threat slider moves ``threat`` to the chosen level keeping its profile
    (:func:`threat_at_level`); it starts at the grid level nearest ``threat``'s own. Every
    other input stays at the value passed in (``situation``, the other fields of ``ideology``,
    ``aid`` and ``penetration``).
    """
    threat = threat if threat is not None else uniform_threat(0.5)
    situation = situation if situation is not None else Situation()
    ideology = ideology if ideology is not None else Ideology(similarity=0.75)
    aid = aid if aid is not None else Aid(amount=0.5)
    penetration = penetration if penetration is not None else Penetration(access=0.5, intrusiveness=0.25)
    for name, value, kind in (("threat", threat, Threat), ("situation", situation, Situation),
                              ("ideology", ideology, Ideology), ("aid", aid, Aid),
                              ("penetration", penetration, Penetration), ("weights", weights, ExplanationWeights),
                              ("params", params, ModelParameters)):
        validation.instance(name, value, kind, optional=True)
    base_weights = weights or ExplanationWeights()
    start = {"threat": round(threat_level(threat), 6), "similarity": ideology.similarity, "amount": aid.amount,
             "access": penetration.access, "scale": 1.0}
    controls = (
        Control("threat", "Common threat level", GRID5, COMMON_THREAT_ENDS),
        _field("similarity", IDEOLOGY_LABELS, IDEOLOGY_ENDS, GRID5),
        Control("amount", "Aid from the partner", GRID3, ("no aid", "all the decider needs")),
        Control("access", "Partner's access to the decider's politics", GRID3, PENETRATION_ENDS["access"]),
        Control("scale", "Weight of ideology, aid, penetration (x Walt's)", (0.0, 1.0, 2.0, 3.0), WEIGHT_SCALE_ENDS),
    )
    fixed = _fixed({
        "own strength": situation.own_strength, "allied support": situation.allied_support,
        "centralisation": ideology.centralisation, "legitimacy deficit": ideology.legitimacy_deficit,
        "defence advantage": ideology.defence_advantage, "donor's monopoly": aid.monopoly,
        "dependence asymmetry": aid.dependence_asymmetry, "donor's motivation": aid.donor_motivation,
        "donor's decision-making": aid.donor_apparatus, "openness": penetration.openness,
        "ambition": penetration.ambition, "intrusiveness": penetration.intrusiveness,
    }) + (" In war." if situation.war else "")

    def compute(values: Mapping[str, Any]) -> dict:
        view = combined_view(
            threat_at_level(threat, values["threat"]), situation,
            replace(ideology, similarity=values["similarity"]),
            replace(aid, amount=values["amount"]),
            replace(penetration, access=values["access"]),
            weights=base_weights.scaled(values["scale"]), params=params,
        )
        return combined_spec(view)

    return Explorer(title, controls, start, compute, fixed, explorer_id)
