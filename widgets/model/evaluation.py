"""Testing the model against history: metrics, baselines and a leave-one-out check.

Pure Python plus NumPy/pandas (no plotting). Every function takes the validated case table
returned by :func:`widgets.cases.load_cases` (or, for the metrics, two plain sequences of
choices) and returns plain data, so the chapter only displays what is computed here.

Metrics (standard classification measures, e.g. Japkowicz & Shah 2011):

- accuracy = correct predictions / cases;
- recall of a choice c = cases observed as c and predicted as c / cases observed as c
  (undefined, reported as None, when nobody chose c);
- precision of c = cases predicted as c and observed as c / cases predicted as c
  (None when the model never predicts c);
- the confusion matrix counts cases by (observed, predicted), rows and columns ordered
  as ``CHOICES``.

Three-way split. Balancing and bandwagoning are the two ways of aligning; buck-passing and
neutrality are two ways of staying out, which the cases often cannot tell apart. ``three_way``
maps the four choices onto ``THREE_WAY`` (align against = balance, align with = bandwagon,
stay out = buck-pass or neutral) and ``score`` reports a :class:`Scorecard` on both splits.
Macro recall is the mean recall over the outcomes that occur, so a rule that predicts only the
common outcome scores 1/k however common that outcome is.

Baselines. :mod:`widgets.evaluation_rules` holds the simple rules a sceptical reader would try
first, each with its thresholds tuned on the same cases. ``compare_baselines`` sets three of
them (the most common choice, "ally against the system's strongest state" and "bandwagon if at
war and the threat is close to victory") beside Walt's threat model (:func:`widgets.alignment.predict`
with equal weights, the book's default, whose coefficients are set from the theory and never
tuned to the cases).

Out-of-sample check. The threat weights are the model's freest choice (Walt says the four
sources cannot be ranked a priori). ``leave_one_out`` tunes them on n - 1 cases, choosing
from a grid (each weight in ``WEIGHT_LEVELS``) the weights with the highest accuracy on
those cases, ties broken in favour of the weights closest to equal (the untuned default)
and then by grid order, and predicts the held-out case with them. The share of held-out
cases predicted correctly estimates how well a tuned model would do on a case it was not
tuned on; the gap between it and the tuned in-sample accuracy measures overfitting.
Assumptions: only the four weights are tuned (the other coefficients stay at
``DEFAULT_PARAMETERS``); the grid is coarse on purpose (625 points) so that the whole
computation takes about a second.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..io.cases import Case, load_cases
from .alignment import CHOICES, ModelParameters, choices_under_weights, predict
from .evaluation_metrics import (  # noqa: F401
    THREE_WAY,
    THREE_WAY_OF,
    Metrics,
    Scorecard,
    evaluate,
    score,
    scorecard_table,
    three_way,
)
from .interests import compare_cases
from .threat import THREAT_SOURCES, ThreatWeights
from .versions import (  # noqa: F401  (WITHOUT_FEASIBILITY is re-exported)
    AT_FOURTH_FILE,
    AT_SECOND_FILE,
    AT_THIRD_FILE,
    CHAIN_GANGING_TRIED,
    FREE_RIDERS_TRIED,
    GREAT_POWER_BUCKPASSING_TRIED,
    WITHOUT_FEASIBILITY,
)

WEIGHT_LEVELS: tuple[float, ...] = (0.0, 0.5, 1.0, 1.5, 2.0)
BASELINES: tuple[str, ...] = ("most common choice", "ally against the strongest state", "war and victory",
                              "Walt's threat model")
CLOSE_CALL = 0.3  # a miss is a close call when the model gave what happened at least this probability


# --------------------------------------------------------------------------- predictors


def _check_cases(cases: Any) -> pd.DataFrame:
    if not isinstance(cases, pd.DataFrame):
        raise TypeError(f"cases must be the DataFrame returned by load_cases(), got {type(cases).__name__}")
    needed = [*THREAT_SOURCES, "own_strength", "allied_support", "war", "victory", "observed"]
    missing = [c for c in needed if c not in cases.columns]
    if missing:
        raise ValueError(f"cases is missing column(s) {', '.join(map(repr, missing))}; load it with load_cases()")
    if cases.empty:
        raise ValueError("cases is empty: need at least one case")
    return cases


def walt_predictions(cases: pd.DataFrame, weights: ThreatWeights | None = None,
                     params: ModelParameters | None = None) -> list[str]:
    """Walt's threat model (``widgets.alignment.predict``) on every case."""
    cases = _check_cases(cases)
    return [_choice(Case(row), weights, params) for row in cases.to_dict("records")]


def _choice(case: Case, weights: ThreatWeights | None, params: ModelParameters | None = None) -> str:
    return predict(case.threat, case.situation, weights, params).choice


def record_counts(cases: pd.DataFrame, params: ModelParameters | None = None) -> dict[str, Any]:
    """Walt's threat model (equal weights, ``params``) on ``cases``, counted as chapter 3 reports
    it: ``n`` and ``correct``; for each observed choice c (hyphen dropped, e.g. ``buckpass``)
    ``c_hit`` and ``c_obs``, and the same split into ``c_war_*`` and ``c_peace_*`` by the
    ``war`` column; ``stayout_hit`` and ``stayout_obs`` for buck-passing and neutrality together;
    ``misses``, the ids of the cases it gets wrong, in file order."""
    cases = _check_cases(cases)
    predicted = walt_predictions(cases, params=params)
    hit = pd.Series([p == o for p, o in zip(predicted, cases["observed"], strict=True)], index=cases.index)
    at_war = cases["war"].astype(bool)
    counts: dict[str, Any] = {"n": len(cases), "correct": int(hit.sum()),
                              "misses": [i for i in cases.index if not hit[i]]}
    for c in CHOICES:
        key, chose = c.replace("-", ""), cases["observed"] == c
        for part, mask in (("", chose), ("_war", chose & at_war), ("_peace", chose & ~at_war)):
            counts[f"{key}{part}_hit"], counts[f"{key}{part}_obs"] = int(hit[mask].sum()), int(mask.sum())
    out = cases["observed"].isin(["buck-pass", "neutral"])
    counts["stayout_hit"], counts["stayout_obs"] = int(hit[out].sum()), int(out.sum())
    return counts


def compare_baselines(cases: pd.DataFrame) -> dict[str, Metrics]:
    """In-sample metrics, in ``BASELINES`` order, of three simple rules tuned for accuracy on
    ``cases`` (see :mod:`widgets.evaluation_rules`) and of Walt's threat model (not tuned)."""
    from .evaluation_rules import fit_rule

    cases = _check_cases(cases)
    metrics = {name: fit_rule(name, cases).in_sample.four for name in BASELINES[:-1]}
    metrics["Walt's threat model"] = evaluate(list(cases["observed"]), walt_predictions(cases))
    return metrics


def baseline_table(metrics: dict[str, Metrics]) -> pd.DataFrame:
    """One row per predictor: correct/n, accuracy and recall of each choice as 'k/n'."""
    records = []
    for name, m in metrics.items():
        record = {"predictor": name, "correct": f"{m.correct}/{m.n}", "accuracy": round(m.accuracy, 3)}
        for c in CHOICES:
            k, total = m.hits[c]
            record[f"recall {c}"] = f"{k}/{total}"
        records.append(record)
    return pd.DataFrame(records).set_index("predictor")


def miss_table(cases: pd.DataFrame, weights: ThreatWeights | None = None) -> pd.DataFrame:
    """The cases the model gets wrong: predicted and observed choice, the model's
    probability of what happened, and the model's own main reason for its prediction."""
    cases = _check_cases(cases)
    records = []
    for case_id, row in cases.iterrows():
        pred = Case(row.to_dict()).predict(weights)
        if pred.choice == row["observed"]:
            continue
        records.append({
            "case": f"{row['decider']}, {row['year']}", "case_id": case_id,
            "predicted": pred.choice, "observed": row["observed"],
            "p(observed)": round(pred.probabilities[row["observed"]], 2),
            "model's main reason": pred.reasons[1] if len(pred.reasons) > 1 else pred.reasons[0],
        })
    return pd.DataFrame(records, columns=["case", "case_id", "predicted", "observed", "p(observed)",
                                          "model's main reason"]).set_index("case")


# --------------------------------------------------------------------------- weights: sweep and leave-one-out


def weight_grid(levels: Sequence[float] = WEIGHT_LEVELS) -> tuple[ThreatWeights, ...]:
    """Every combination of ``levels`` for the four weights, except all zero."""
    levels = tuple(levels)
    if not levels or any(isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0 for v in levels):
        raise ValueError(f"levels must be non-negative numbers, got {levels!r}")
    out = []
    for combo in itertools.product(levels, repeat=len(THREAT_SOURCES)):
        if sum(combo) > 0:
            out.append(ThreatWeights(**dict(zip(THREAT_SOURCES, map(float, combo), strict=True))))
    if not out:
        raise ValueError("levels must include a value above 0")
    return tuple(out)


def _distance_from_equal(w: ThreatWeights) -> float:
    share = w.normalised()
    return float(sum((share[s] - 0.25) ** 2 for s in THREAT_SOURCES))


@dataclass(frozen=True)
class WeightSweep:
    """Predictions of the model for every case under every grid weight.

    ``weights[k]`` is the k-th grid point; ``predicted[k][j]`` the choice for case j;
    ``correct`` a boolean array (grid points x cases); ``params`` the model's coefficients (None: the book's).
    """

    case_ids: tuple[str, ...]
    observed: tuple[str, ...]
    weights: tuple[ThreatWeights, ...]
    predicted: tuple[tuple[str, ...], ...]
    correct: np.ndarray
    params: ModelParameters | None = None

    def accuracy(self) -> np.ndarray:
        return self.correct.mean(axis=1)

    def index_of(self, weights: ThreatWeights) -> int:
        try:
            return self.weights.index(weights)
        except ValueError:
            raise ValueError(f"weights {weights} are not on the sweep's grid") from None

    def metrics(self, weights: ThreatWeights) -> Metrics:
        return evaluate(self.observed, self.predicted[self.index_of(weights)])


def sweep_weights(cases: pd.DataFrame, levels: Sequence[float] = WEIGHT_LEVELS,
                  params: ModelParameters | None = None) -> WeightSweep:
    """Run the model (``params``, default the book's) on every case for every weight combination in
    ``weight_grid(levels)``."""
    cases = _check_cases(cases)
    grid = weight_grid(levels)
    rows = [Case(r) for r in cases.to_dict("records")]
    observed = tuple(cases["observed"])
    by_case = [choices_under_weights(c.threat, c.situation, grid, params) for c in rows]
    predicted = tuple(zip(*by_case, strict=True)) if rows else tuple(() for _ in grid)
    correct = np.array([[p == o for p, o in zip(pred, observed, strict=True)] for pred in predicted], dtype=bool)
    return WeightSweep(tuple(map(str, cases.index)), observed, grid, predicted, correct, params)


def best_weights(sweep: WeightSweep, train: np.ndarray | None = None) -> int:
    """Index of the grid weights with the highest accuracy on the ``train`` cases (a boolean
    mask; all cases when None), ties to the weights closest to equal, then grid order."""
    mask = np.ones(len(sweep.observed), dtype=bool) if train is None else np.asarray(train, dtype=bool)
    if mask.shape != (len(sweep.observed),) or not mask.any():
        raise ValueError("train must be a boolean mask over the sweep's cases with at least one case")
    scores = sweep.correct[:, mask].sum(axis=1)
    distance = np.array([_distance_from_equal(w) for w in sweep.weights])
    order = np.lexsort((np.arange(len(scores)), np.round(distance, 12), -scores))
    return int(order[0])


@dataclass(frozen=True)
class LeaveOneOut:
    """Result of tuning the weights on n - 1 cases and predicting the held-out one.

    - ``folds``: DataFrame, one row per held-out case: chosen weights, prediction, observed, correct;
    - ``metrics``: held-out predictions against observations (the out-of-sample estimate);
    - ``in_sample``: metrics of the weights tuned on all cases, predicted on the same cases;
    - ``tuned_weights``: those weights;
    - ``default``: metrics of equal weights (no tuning).
    """

    folds: pd.DataFrame
    metrics: Metrics
    in_sample: Metrics
    tuned_weights: ThreatWeights
    default: Metrics


def leave_one_out(cases: pd.DataFrame, levels: Sequence[float] = WEIGHT_LEVELS,
                  sweep: WeightSweep | None = None, params: ModelParameters | None = None) -> LeaveOneOut:
    """Leave-one-out estimate of the accuracy of weights tuned on the cases (see module doc), for the model with
    ``params`` (default the book's), or with the parameters a given ``sweep`` was run with."""
    if sweep is not None and params is not None and (sweep.params or ModelParameters()) != params:
        raise ValueError("params must be those the sweep was run with")
    sweep = sweep_weights(cases, levels, params) if sweep is None else sweep
    if not isinstance(sweep, WeightSweep):
        raise TypeError(f"sweep must be a WeightSweep or None, got {type(sweep).__name__}")
    n = len(sweep.observed)
    if n < 2:
        raise ValueError("leave-one-out needs at least two cases")
    records, held_out = [], []
    for j in range(n):
        train = np.ones(n, dtype=bool)
        train[j] = False
        k = best_weights(sweep, train)
        choice = sweep.predicted[k][j]
        held_out.append(choice)
        w = sweep.weights[k]
        records.append({"case_id": sweep.case_ids[j], **{s: getattr(w, s) for s in THREAT_SOURCES},
                        "predicted": choice, "observed": sweep.observed[j],
                        "correct": choice == sweep.observed[j]})
    best = best_weights(sweep)
    equal = ThreatWeights()
    default_pred = (sweep.predicted[sweep.index_of(equal)] if equal in sweep.weights
                    else walt_predictions(cases, params=sweep.params))
    return LeaveOneOut(
        folds=pd.DataFrame(records).set_index("case_id"),
        metrics=evaluate(sweep.observed, held_out),
        in_sample=evaluate(sweep.observed, sweep.predicted[best]),
        tuned_weights=sweep.weights[best],
        default=evaluate(sweep.observed, default_pred),
    )


@functools.lru_cache(maxsize=2)
def book_sweep(levels: tuple[float, ...] = WEIGHT_LEVELS) -> WeightSweep:
    """The sweep over the book's own cases (memoised: the chapter and its explorer share it)."""
    return sweep_weights(load_cases(), levels)


@dataclass(frozen=True)
class WeightProfile:
    """Accuracy as one source's weight moves along ``levels`` while the other three stay at 1.

    ``accuracy[source]`` and ``bandwagon_recall[source]`` are lists aligned with ``levels``
    (None where the weights would all be zero).
    """

    levels: tuple[float, ...]
    accuracy: dict[str, list[float | None]]
    bandwagon_recall: dict[str, list[float | None]]


def weight_profiles(sweep: WeightSweep) -> WeightProfile:
    """One-at-a-time sensitivity of the fit to each threat weight (read off the sweep)."""
    if not isinstance(sweep, WeightSweep):
        raise TypeError(f"sweep must be a WeightSweep, got {type(sweep).__name__}")
    levels = tuple(sorted({getattr(w, s) for w in sweep.weights for s in THREAT_SOURCES}))
    if 1.0 not in levels:
        raise ValueError("the sweep's grid must include weight 1.0 (the default)")
    accuracy: dict[str, list[float | None]] = {}
    recall: dict[str, list[float | None]] = {}
    for source in THREAT_SOURCES:
        accuracy[source], recall[source] = [], []
        for level in levels:
            values = {s: 1.0 for s in THREAT_SOURCES}
            values[source] = level
            m = sweep.metrics(ThreatWeights(**values))
            accuracy[source].append(m.accuracy)
            recall[source].append(m.recall["bandwagon"])
    return WeightProfile(levels, accuracy, recall)


def accuracy_distribution(sweep: WeightSweep) -> dict[int, int]:
    """Number of grid weight settings by number of cases predicted correctly (ascending)."""
    if not isinstance(sweep, WeightSweep):
        raise TypeError(f"sweep must be a WeightSweep, got {type(sweep).__name__}")
    counts = np.bincount(sweep.correct.sum(axis=1), minlength=len(sweep.observed) + 1)
    return {int(k): int(v) for k, v in enumerate(counts) if v}


def loo_summary(result: LeaveOneOut) -> pd.DataFrame:
    """The equal-weights model, the weights tuned on all cases, and the leave-one-out estimate."""
    if not isinstance(result, LeaveOneOut):
        raise TypeError(f"result must be a LeaveOneOut, got {type(result).__name__}")
    shares = result.tuned_weights.normalised()
    tuned = ", ".join(f"{s.replace('_', ' ')} {shares[s]:.2f}" for s in THREAT_SOURCES)
    changed = int((result.folds[list(THREAT_SOURCES)].apply(
        lambda r: ThreatWeights(**r.to_dict()).normalised() != ThreatWeights().normalised(), axis=1)).sum())
    rows = [
        ("equal weights, not tuned", result.default),
        (f"tuned on all cases ({tuned})", result.in_sample),
        (f"tuned without the held-out case (leave-one-out; {changed} of {len(result.folds)} folds chose unequal "
         "weights)", result.metrics),
    ]
    return pd.DataFrame(
        [{"model": name, "correct": f"{m.correct}/{m.n}", "accuracy": round(m.accuracy, 3),
          **{f"recall {c}": f"{m.hits[c][0]}/{m.hits[c][1]}" for c in CHOICES}} for name, m in rows]
    ).set_index("model")


def chapter_facts(cases: pd.DataFrame, sweep: WeightSweep | None = None) -> dict[str, Any]:
    """Every number the history chapter quotes about the cases, by name (the chapter glues
    them into its text, so they follow the data file)."""
    cases = _check_cases(cases)
    sweep = sweep_weights(cases) if sweep is None else sweep
    observed = list(cases["observed"])
    predicted = walt_predictions(cases)
    card = score(observed, predicted)
    walt, walt3 = card.four, card.three
    facts: dict[str, int | float] = {"n": walt.n, "walt_correct": walt.correct, "walt_acc": walt.accuracy,
                                     "n_misses": walt.n - walt.correct, "walt_macro4": walt.macro_recall,
                                     "walt_macro3": walt3.macro_recall}
    for c in CHOICES:
        key = c.replace("-", "")
        facts[f"hit_{key}"], facts[f"obs_{key}"] = walt.hits[c]
        facts[f"pred_{key}"] = walt.predicted_count[c]
        facts[f"prec_{key}"] = walt.precision[c] if walt.precision[c] is not None else 0.0
        facts[f"miss_{key}"] = walt.hits[c][1] - walt.hits[c][0]
        facts[f"rec_{key}"] = walt.recall[c] if walt.recall[c] is not None else 0.0
    for c in THREE_WAY:
        key = c.split()[-1]
        facts[f"hit3_{key}"], facts[f"obs3_{key}"] = walt3.hits[c]
        facts[f"rec3_{key}"] = walt3.recall[c] if walt3.recall[c] is not None else 0.0
    before = score(observed, walt_predictions(cases, params=WITHOUT_FEASIBILITY)).three
    # the model before each of its later terms (the insulation term, the hegemony shift, allies ending
    # hiding) and with the chain-ganging, free-riding and great-power buck-passing specs switched on (each run
    # once, not adopted)
    for key, params in (("before_q_macro3", AT_SECOND_FILE), ("before_h_macro3", AT_THIRD_FILE),
                        ("before_j_macro3", AT_FOURTH_FILE), ("chain_macro3", CHAIN_GANGING_TRIED),
                        ("free_macro3", FREE_RIDERS_TRIED), ("rank_macro3", GREAT_POWER_BUCKPASSING_TRIED)):
        facts[key] = score(observed, walt_predictions(cases, params=params)).three.macro_recall
    facts.update({"before_f_macro3": before.macro_recall,
                  **{f"before_f_hit3_{c.split()[-1]}": before.hits[c][0] for c in THREE_WAY},
                  **{f"before_f_miss_{c.split()[-1]}": before.hits[c][1] - before.hits[c][0] for c in THREE_WAY}})
    misses = miss_table(cases)
    close = misses[(misses["observed"] == "bandwagon") & (misses["p(observed)"] >= CLOSE_CALL)]
    facts["miss_bandwagon_close"] = len(close)
    from .evaluation_rules import rule_facts

    facts.update(rule_facts(cases))
    counts = sweep.correct.sum(axis=1)
    default_k = sweep.index_of(ThreatWeights())
    facts.update({"settings": len(sweep.weights), "settings_at_default": int((counts == counts[default_k]).sum()),
                  "settings_best": int(counts.max()),
                  "settings_above_default": int((counts > counts[default_k]).sum()),
                  # the ceiling of re-weighting on the demanding yardstick: the best three-way macro recall any
                  # grid weighting reaches on these cases, tuned and scored on them
                  "settings_best_macro3": max(score(observed, list(p)).three.macro_recall for p in sweep.predicted)})
    # the three-way misses by stage: whether to align at all (stage 1: the threat level, which the weights set,
    # and the stay-out shifts) or how (stage 2: balance, bandwagon or pass the buck), which the weights do not touch
    whether = [(o == "neutral") != (p == "neutral") for o, p in zip(observed, predicted, strict=True)
               if THREE_WAY_OF[o] != THREE_WAY_OF[p]]
    facts.update({"miss3_n": len(whether), "miss3_whether": sum(whether), "miss3_how": len(whether) - sum(whether)})
    for source in THREAT_SOURCES:
        alone = sweep.metrics(ThreatWeights(**{s: (1.0 if s == source else 0.0) for s in THREAT_SOURCES}))
        facts[f"alone_{source}"] = alone.correct
        facts[f"alone_{source}_lost_balance"] = walt.hits["balance"][0] - alone.hits["balance"][0]
        facts[f"alone_{source}_lost_bandwagon"] = walt.hits["bandwagon"][0] - alone.hits["bandwagon"][0]
    profile = weight_profiles(sweep)
    one_at_a_time = [a for values in profile.accuracy.values() for a in values if a is not None]
    facts["profile_min"] = int(round(min(one_at_a_time) * walt.n))
    facts["profile_max"] = int(round(max(one_at_a_time) * walt.n))
    loo = leave_one_out(cases, sweep=sweep)
    loo_score = score(list(loo.folds["observed"]), list(loo.folds["predicted"]))
    facts.update({"loo_correct": loo.metrics.correct, "loo_in_sample": loo.in_sample.correct,
                  "loo_macro4": loo_score.four.macro_recall, "loo_macro3": loo_score.three.macro_recall,
                  "loo_unequal_folds": int(sum(ThreatWeights(**{s: r[s] for s in THREAT_SOURCES}).normalised()
                                               != ThreatWeights().normalised() for _, r in loo.folds.iterrows()))})
    return facts


def schweller_comparison(cases: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, int]]:
    """Walt's and Schweller's models on the cases coded for both (``data/schweller_cases.csv``,
    built with chapter 5's :mod:`widgets.interests`): a table, one line per case, and the counts
    ``{"n", "walt", "schweller"}`` of correct predictions (:func:`schweller_groups` says which).
    Each model is scored in its own terms
    (Schweller's bandwagoning must also name the right side), as :func:`widgets.interests.compare_cases` does."""
    cases = _check_cases(cases)
    comparisons = compare_cases(cases=cases)
    records = [{
        "case": f"{c.decider}, {c.year}", "observed": c.observed_label,
        "Walt predicts": c.walt.choice, "Walt right": "yes" if c.walt_correct else "no",
        "Schweller predicts": c.schweller.label.lower(), "Schweller right": "yes" if c.schweller_correct else "no",
    } for c in comparisons]
    counts = {"n": len(comparisons), "walt": sum(c.walt_correct for c in comparisons),
              "schweller": sum(c.schweller_correct for c in comparisons)}
    return pd.DataFrame(records).set_index("case"), counts


def schweller_groups(table: pd.DataFrame) -> dict[str, list[str]]:
    """The cases of :func:`schweller_comparison`'s table by which model is right, in file order and
    named short ('Soviet Union 1939'): ``{"both", "schweller only", "walt only", "neither"}``."""
    groups: dict[str, list[str]] = {"both": [], "schweller only": [], "walt only": [], "neither": []}
    for case, row in table.iterrows():
        walt, schweller = row["Walt right"] == "yes", row["Schweller right"] == "yes"
        key = "both" if walt and schweller else "schweller only" if schweller else "walt only" if walt else "neither"
        decider, year = str(case).rsplit(", ", 1)
        groups[key].append(f"{decider.split(' (')[0]} {year}")
    return groups
