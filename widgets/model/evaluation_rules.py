"""Simple rules as baselines for the threat model, each tuned on the same cases.

A theory earns its complexity only if it beats the simple rules a sceptical reader would try
first. Each rule below has one or two thresholds (or one choice), and each is *tuned on the
cases it is scored on*: it gets the settings that fit those very cases best. That makes the
in-sample score a generous yardstick. To compare tuned rules with the model fairly, every rule
is also scored by leave-one-out: for each case, the rule is tuned on the other n - 1 cases and
predicts the one held out (the same procedure :func:`widgets.evaluation.leave_one_out` applies
to the model's threat weights).

The rules (thresholds on the case file's scales, ``data/README.md``):

- ``most common choice``: always predict one choice; tuned, it is the modal outcome.
- ``war and victory``: bandwagon if at war and the threat's ``victory`` >= t, else balance.
  Walt's wartime condition alone (1987, p. 30: states join the side that is about to win).
- ``war, victory and weakness``: as above, but only deciders with ``own_strength`` <= u
  bandwagon (Walt's weak-state condition added to the wartime one).
- ``threat level``: stay neutral if the threat level (the mean of the four sources, as
  :func:`widgets.threat.threat_level` with equal weights) is below t, else balance.
- ``war, victory and threat level``: bandwagon if at war and ``victory`` >= t; otherwise
  neutral if the threat level is below u; otherwise balance.
- ``allied support``: buck-pass if ``allied_support`` >= t (others will carry the burden,
  Christensen & Snyder 1990), else balance.
- ``ally against the strongest state``: a balance-of-power rule in place of a reading of
  Waltz (1979) that he disclaims for foreign policy. States oppose the system's strongest
  state: balance if the threat source is that state, else do ``otherwise`` (stay neutral,
  bandwagon with the threat, or buck-pass; tuned). "Is the strongest state" is read from
  ``aggregate_power``, which the codebook defines as the threat's CINC divided by the highest
  CINC in the system that year (a coalition's members summed, capped at 1; judged on the same
  scale before 1816), so 1 means the threat is (or outweighs) the system's leader; the cut-off
  t (``aggregate_power`` >= t) is tuned, so near-leaders can count too.

``ally against the strongest state`` is scored twice: at its plain reading (t = 1: balance the
system's leader, side with any lesser threat against it or stay out, ``otherwise`` tuned) and
with the cut-off tuned too.

Tuning picks the grid point with the best score on the training cases; when several tie, the
middle one of them in grid order (thresholds ascending, as in ``THRESHOLDS``; for an even
number, the later of the two middle ones), the setting furthest inside the plateau of best
fits. A threshold of 1.05 means "never". Objectives: ``accuracy`` (four choices) or ``macro recall (3)``
(the three-way split).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .alignment import CHOICES
from .evaluation import _check_cases
from .evaluation_metrics import THREE_WAY, THREE_WAY_OF, Scorecard, score
from .threat import THREAT_SOURCES

THRESHOLDS: tuple[float, ...] = tuple(round(0.05 * k, 2) for k in range(22))  # 0, 0.05, ..., 1, 1.05 (never)
OBJECTIVES: tuple[str, ...] = ("accuracy", "macro recall (3)")


@dataclass(frozen=True)
class Rule:
    """A simple rule: ``predict(cases, *setting)`` gives one choice per case for each
    ``setting`` in ``grid``; ``template`` states the rule with the setting's names in braces."""

    name: str
    parameters: tuple[str, ...]
    grid: tuple[tuple[Any, ...], ...]
    predict: Callable[..., list[str]]
    template: str

    def describe(self, setting: Sequence[Any]) -> str:
        """The rule in words at ``setting`` (thresholds printed as given)."""
        values = {
            p: ("never" if v == THRESHOLDS[-1] and isinstance(v, float) else v)
            for p, v in zip(self.parameters, setting, strict=True)
        }
        return self.template.format(**values)


_LEVEL = "_threat_level"  # the column fit_rule adds so that a grid of settings averages the sources once


def _threat_level(cases: pd.DataFrame) -> np.ndarray:
    if _LEVEL in cases.columns:
        return cases[_LEVEL].to_numpy()
    return cases[list(THREAT_SOURCES)].astype(float).mean(axis=1).round(10).to_numpy()


def _bandwagon_at_war(cases: pd.DataFrame, t: float) -> np.ndarray:
    return cases["war"].astype(bool).to_numpy() & (cases["victory"].astype(float).to_numpy() >= t - 1e-9)


def _always(cases: pd.DataFrame, choice: str) -> list[str]:
    return [choice] * len(cases)


def _war_victory(cases: pd.DataFrame, t: float) -> list[str]:
    return ["bandwagon" if b else "balance" for b in _bandwagon_at_war(cases, t)]


def _war_victory_weak(cases: pd.DataFrame, t: float, u: float) -> list[str]:
    weak = cases["own_strength"].astype(float).to_numpy() <= u + 1e-9
    return ["bandwagon" if b else "balance" for b in _bandwagon_at_war(cases, t) & weak]


def _threat_rule(cases: pd.DataFrame, t: float) -> list[str]:
    return ["neutral" if level < t - 1e-9 else "balance" for level in _threat_level(cases)]


def _war_victory_threat(cases: pd.DataFrame, t: float, u: float) -> list[str]:
    low = _threat_level(cases) < u - 1e-9
    return [
        "bandwagon" if b else "neutral" if lo else "balance"
        for b, lo in zip(_bandwagon_at_war(cases, t), low, strict=True)
    ]


def _allied_support(cases: pd.DataFrame, t: float) -> list[str]:
    return ["buck-pass" if a >= t - 1e-9 else "balance" for a in cases["allied_support"].astype(float)]


def _strongest(cases: pd.DataFrame, t: float, otherwise: str) -> list[str]:
    return ["balance" if p >= t - 1e-9 else otherwise for p in cases["aggregate_power"].astype(float)]


PAIRS = tuple(itertools.product(THRESHOLDS, THRESHOLDS))
RULES: tuple[Rule, ...] = (
    Rule("most common choice", ("choice",), tuple((c,) for c in CHOICES), _always, "always {choice}"),
    Rule(
        "war and victory",
        ("t",),
        tuple((t,) for t in THRESHOLDS),
        _war_victory,
        "bandwagon if at war and victory >= {t}, else balance",
    ),
    Rule(
        "war, victory and weakness",
        ("t", "u"),
        PAIRS,
        _war_victory_weak,
        "bandwagon if at war, victory >= {t} and own strength <= {u}, else balance",
    ),
    Rule(
        "threat level",
        ("t",),
        tuple((t,) for t in THRESHOLDS),
        _threat_rule,
        "neutral if the threat level is below {t}, else balance",
    ),
    Rule(
        "war, victory and threat level",
        ("t", "u"),
        PAIRS,
        _war_victory_threat,
        "bandwagon if at war and victory >= {t}; else neutral if the threat level is below {u}; else balance",
    ),
    Rule(
        "allied support",
        ("t",),
        tuple((t,) for t in THRESHOLDS),
        _allied_support,
        "buck-pass if allied support >= {t}, else balance",
    ),
    Rule(
        "ally against the strongest state",
        ("t", "otherwise"),
        tuple((1.0, c) for c in ("neutral", "bandwagon", "buck-pass")),
        _strongest,
        "balance if the threat is the system's strongest state (aggregate power {t}), else {otherwise}",
    ),
    Rule(
        "strongest state, cut-off tuned",
        ("t", "otherwise"),
        tuple(itertools.product(THRESHOLDS, ("neutral", "bandwagon", "buck-pass"))),
        _strongest,
        "balance if the threat's aggregate power >= {t}, else {otherwise}",
    ),
)
RULES_BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}


def _codes(choices: Sequence[str]) -> np.ndarray:
    index = {c: i for i, c in enumerate(CHOICES)}
    return np.array([index[c] for c in choices], dtype=int)


_THREE = np.array([THREE_WAY.index(THREE_WAY_OF[c]) for c in CHOICES], dtype=int)


def objective_scores(predicted: np.ndarray, observed: np.ndarray, objective: str) -> np.ndarray:
    """Score of each row of ``predicted`` (grid points x cases, codes in ``CHOICES`` order)
    against ``observed`` (codes): accuracy, or macro recall on the three-way split (the mean,
    over the three-way outcomes present in ``observed``, of the share of its cases predicted)."""
    if objective not in OBJECTIVES:
        raise ValueError(f"objective must be one of {', '.join(map(repr, OBJECTIVES))}, got {objective!r}")
    predicted, observed = np.atleast_2d(predicted), np.asarray(observed)
    if predicted.shape[1] != observed.shape[0] or observed.shape[0] == 0:
        raise ValueError("predicted must have one column per observed case, and there must be at least one case")
    if objective == "accuracy":
        return (predicted == observed).mean(axis=1)
    p3, o3 = _THREE[predicted], _THREE[observed]
    recalls = [((p3 == k) & (o3 == k)).sum(axis=1) / (o3 == k).sum() for k in range(len(THREE_WAY)) if (o3 == k).any()]
    return np.mean(recalls, axis=0)


def _pick(scores: np.ndarray) -> int:
    """Index of the best score; among ties, the middle one (see the module docstring)."""
    ties = np.flatnonzero(scores >= scores.max() - 1e-12)
    return int(ties[len(ties) // 2])


@dataclass(frozen=True)
class RuleFit:
    """A rule tuned on all the cases and by leave-one-out.

    - ``setting``: the grid point tuned on all cases; ``description``: the rule at it;
    - ``in_sample``: its scorecard on the same cases (generous: tuned and scored on them);
    - ``held_out``: the scorecard of the leave-one-out predictions (each case predicted by
      the rule tuned without it); ``fold_settings``: the setting each fold chose.
    """

    rule: str
    objective: str
    setting: tuple[Any, ...]
    description: str
    in_sample: Scorecard
    held_out: Scorecard
    held_out_predictions: tuple[str, ...]
    fold_settings: tuple[tuple[Any, ...], ...]


def fit_rule(rule: Rule | str, cases: pd.DataFrame, objective: str = "accuracy") -> RuleFit:
    """Tune ``rule`` on ``cases`` for ``objective``, in sample and by leave-one-out."""
    if isinstance(rule, str):
        if rule not in RULES_BY_NAME:
            raise ValueError(f"unknown rule {rule!r}; known: {', '.join(RULES_BY_NAME)}")
        rule = RULES_BY_NAME[rule]
    if not isinstance(rule, Rule):
        raise TypeError(f"rule must be a Rule or a rule's name, got {type(rule).__name__}")
    cases = _check_cases(cases)
    if len(cases) < 2:
        raise ValueError("tuning by leave-one-out needs at least two cases")
    observed = list(cases["observed"])
    obs = _codes(observed)
    frame = cases.assign(**{_LEVEL: _threat_level(cases)})
    predicted = np.array([_codes(rule.predict(frame, *setting)) for setting in rule.grid])
    best = _pick(objective_scores(predicted, obs, objective))
    held, folds = [], []
    for j in range(len(obs)):
        train = np.arange(len(obs)) != j
        k = _pick(objective_scores(predicted[:, train], obs[train], objective))
        held.append(CHOICES[predicted[k, j]])
        folds.append(rule.grid[k])
    in_sample = [CHOICES[i] for i in predicted[best]]
    return RuleFit(
        rule.name,
        objective,
        rule.grid[best],
        rule.describe(rule.grid[best]),
        score(observed, in_sample),
        score(observed, held),
        tuple(held),
        tuple(folds),
    )


def fit_rules(cases: pd.DataFrame, objective: str = "accuracy", rules: Sequence[Rule] = RULES) -> dict[str, RuleFit]:
    """:func:`fit_rule` for every rule, by name, in ``rules`` order."""
    return {r.name: fit_rule(r, cases, objective) for r in rules}


def best_rule(fits: Mapping[str, RuleFit], split: str = "three", measure: str = "macro_recall") -> RuleFit:
    """The fit with the highest leave-one-out ``measure`` (``macro_recall`` or ``accuracy``)
    on ``split`` (``four`` or ``three``); ties to the first in ``fits`` order."""
    if split not in ("four", "three") or measure not in ("macro_recall", "accuracy"):
        raise ValueError("split must be 'four' or 'three' and measure 'macro_recall' or 'accuracy'")
    if not fits:
        raise ValueError("fits is empty")
    return max(fits.values(), key=lambda f: getattr(getattr(f.held_out, split), measure))


def rules_table(fits: Mapping[str, RuleFit]) -> pd.DataFrame:
    """One row per rule: the setting tuned on all cases, in-sample and leave-one-out hits
    (four choices) and macro recall on the three-way split."""
    records = [
        {
            "rule": name,
            "tuned on all cases": f.description,
            "correct (in sample)": f"{f.in_sample.four.correct}/{f.in_sample.four.n}",
            "correct (leave-one-out)": f"{f.held_out.four.correct}/{f.held_out.four.n}",
            "macro recall (3), in sample": round(f.in_sample.three.macro_recall, 3),
            "macro recall (3), leave-one-out": round(f.held_out.three.macro_recall, 3),
        }
        for name, f in fits.items()
    ]
    return pd.DataFrame(records).set_index("rule")


RULE_KEYS: dict[str, str] = {
    "most common choice": "modal",
    "war and victory": "war",
    "war, victory and weakness": "warweak",
    "threat level": "threat",
    "war, victory and threat level": "warthreat",
    "allied support": "allies",
    "ally against the strongest state": "strongest",
    "strongest state, cut-off tuned": "strongesttuned",
}


def rule_facts(cases: pd.DataFrame) -> dict[str, Any]:
    """Facts about the tuned rules (``rule_<key>_in``/``_loo`` hits, ``_m3`` leave-one-out
    macro recall on the three-way split), the settings the chapter names, and the best rule
    tuned for three-way macro recall (``best3_*``)."""
    facts: dict[str, Any] = {}
    by_accuracy = fit_rules(cases)
    for name, fit in by_accuracy.items():
        key = RULE_KEYS.get(name, name)
        facts[f"rule_{key}_in"] = fit.in_sample.four.correct
        facts[f"rule_{key}_loo"] = fit.held_out.four.correct
        facts[f"rule_{key}_m3"] = fit.held_out.three.macro_recall
    facts["war_t"] = by_accuracy["war and victory"].setting[0]
    facts["war_hit_bandwagon"] = by_accuracy["war and victory"].in_sample.four.hits["bandwagon"][0]
    facts["strongest_otherwise"] = by_accuracy["ally against the strongest state"].setting[1]
    facts["strongesttuned_t"], facts["strongesttuned_otherwise"] = by_accuracy["strongest state, cut-off tuned"].setting
    best = best_rule(fit_rules(cases, "macro recall (3)"))
    facts.update(
        {
            "best3_name": best.rule,
            "best3_rule": best.description,
            "best3_m3": best.held_out.three.macro_recall,
            "best3_m3_in": best.in_sample.three.macro_recall,
        }
    )
    return facts
