"""Schweller's model beside Walt's: the same scenario through both, where and why they differ.

See :mod:`widgets.model.interests` for the mapping of a scenario onto Walt's inputs and for the verdicts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..alignment import CHOICES, ModelParameters, Prediction, predict
from ..reasons import percent
from ..situation import Situation
from ..threat import Threat
from .choice import SchwellerPrediction, _check_scenario, schweller_predict
from .scenario import OPTIONS, SCHWELLER_FIELDS, SIDES, InterestParameters, Scenario

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
    if side == "status quo" and kind == "jackal":
        return "what it covets is held by the revisionist camp, so only the status-quo camp can pay for its entry"
    if side == "status quo":
        return "the status-quo side has all but won the war, and latecomers share the victors' gains"
    return {
        "jackal": f"as a {prediction.placement.state_type}, it can share in a stronger revisionist's spoils",
        "piling-on": "the revisionist side is about to win the war, and latecomers share the spoils",
        "wave-of-the-future": "the revisionist cause looks like the future, and it has little invested in the old "
                              "order",
        "contagion": "its neighbours have already gone over, and it follows them",
    }.get(kind, "it can gain by joining the stronger side")


def explain_comparison(scenario: Scenario, walt: Prediction, schweller: SchwellerPrediction,
                       verdict: str) -> tuple[str, ...]:
    """Three sentences: Walt's prediction and reasons, Schweller's, and why they differ.

    Every clause comes from the two predictions: their choices, probabilities, reasons,
    the decider's type and the kind of bandwagoning.
    """
    if verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {', '.join(map(repr, VERDICTS))}, got {verdict!r}")
    w_choice = walt.choice
    first = (f"Walt's model predicts {_walt_label(w_choice)} ({percent(walt.probabilities[w_choice])}): "
             + " ".join(walt.reasons))
    second = (f"Schweller's model predicts {schweller.label.lower()} "
              f"({percent(schweller.probabilities[schweller.choice])}): " + " ".join(schweller.reasons))
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
class InterestSweep:
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


SWEEP_FIELDS: tuple[str, ...] = tuple(f for f in SCHWELLER_FIELDS if f not in ("war", "spoils_held_by"))


def sweep(scenario: Scenario, field_name: str = "threat", points: int = 21,
          params: InterestParameters | None = None) -> InterestSweep:
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
    return InterestSweep(field_name, values, {k: tuple(v) for k, v in walt.items()},
                 {k: tuple(v) for k, v in sch.items()}, {k: tuple(v) for k, v in opts.items()}, scenario)
