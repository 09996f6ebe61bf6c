"""Classification metrics for the evaluation: accuracy, per-outcome recall and precision, the
confusion matrix, and the three-way split (standard measures, e.g. Japkowicz & Shah 2011).

``evaluate`` scores predictions over any set of outcomes; ``score`` scores them on the four
choices and on the three-way split (align against = balance, align with = bandwagon, stay out
= buck-pass or neutral). Macro recall is the mean recall over the outcomes that occur, so a
rule that predicts only the common outcome scores 1/k however common that outcome is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .alignment import CHOICES

THREE_WAY: tuple[str, ...] = ("align against", "align with", "stay out")
THREE_WAY_OF: dict[str, str] = {"balance": "align against", "bandwagon": "align with",
                                "buck-pass": "stay out", "neutral": "stay out"}


@dataclass(frozen=True)
class Metrics:
    """How well a list of predictions matches what was observed.

    - ``n``, ``correct``, ``accuracy`` (correct / n);
    - ``recall`` and ``precision``: choice -> value in [0, 1], or None when undefined;
    - ``hits``: choice -> (cases observed as it and predicted as it, cases observed as it);
    - ``predicted_count``: choice -> cases predicted as it;
    - ``confusion``: rows observed, columns predicted, both in ``labels`` order;
    - ``labels``: the outcomes (``CHOICES``, or ``THREE_WAY`` for the three-way split).
    """

    n: int
    correct: int
    accuracy: float
    recall: dict[str, float | None]
    precision: dict[str, float | None]
    hits: dict[str, tuple[int, int]]
    predicted_count: dict[str, int]
    confusion: tuple[tuple[int, ...], ...]
    labels: tuple[str, ...] = CHOICES

    @property
    def macro_recall(self) -> float:
        """Mean recall over the outcomes observed at least once (unweighted by their frequency)."""
        values = [v for v in self.recall.values() if v is not None]
        return float(sum(values) / len(values))

    def confusion_frame(self) -> pd.DataFrame:
        """The confusion matrix as a DataFrame (index: observed, columns: predicted)."""
        frame = pd.DataFrame(self.confusion, index=list(self.labels), columns=list(self.labels))
        frame.index.name, frame.columns.name = "observed", "predicted"
        return frame


def _check_choices(name: str, values: Any, labels: Sequence[str] = CHOICES) -> list[str]:
    if isinstance(values, str) or not isinstance(values, (Sequence, pd.Series, np.ndarray)):
        raise TypeError(f"{name} must be a sequence of choices, got {type(values).__name__}")
    out = [str(v) for v in values]
    bad = sorted({v for v in out if v not in labels})
    if bad:
        raise ValueError(f"{name} has unknown choice(s) {', '.join(map(repr, bad))}; allowed: {', '.join(labels)}")
    return out


def evaluate(observed: Sequence[str], predicted: Sequence[str], labels: Sequence[str] = CHOICES) -> Metrics:
    """Accuracy, per-outcome recall and precision, and the confusion matrix over ``labels``."""
    labels = tuple(labels)
    obs = _check_choices("observed", observed, labels)
    pred = _check_choices("predicted", predicted, labels)
    if len(obs) != len(pred):
        raise ValueError(f"observed has {len(obs)} choices but predicted has {len(pred)}; they must match")
    if not obs:
        raise ValueError("observed is empty: need at least one case to evaluate")
    index = {c: i for i, c in enumerate(labels)}
    table = np.zeros((len(labels), len(labels)), dtype=int)
    for o, p in zip(obs, pred, strict=True):
        table[index[o], index[p]] += 1
    correct = int(np.trace(table))
    recall, precision, hits, predicted_count = {}, {}, {}, {}
    for c, i in index.items():
        row, col = int(table[i].sum()), int(table[:, i].sum())
        hits[c] = (int(table[i, i]), row)
        predicted_count[c] = col
        recall[c] = table[i, i] / row if row else None
        precision[c] = table[i, i] / col if col else None
    return Metrics(
        n=len(obs), correct=correct, accuracy=correct / len(obs),
        recall={c: (None if v is None else float(v)) for c, v in recall.items()},
        precision={c: (None if v is None else float(v)) for c, v in precision.items()},
        hits=hits, predicted_count=predicted_count,
        confusion=tuple(tuple(int(x) for x in r) for r in table), labels=labels,
    )


def three_way(choices: Sequence[str]) -> list[str]:
    """The four choices mapped onto ``THREE_WAY`` (buck-passing and neutrality both stay out)."""
    return [THREE_WAY_OF[c] for c in _check_choices("choices", choices)]


def hits_changed(observed: Sequence[str], before: Sequence[str], after: Sequence[str], ids: Sequence[str]
                 ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The decisions (``ids``) that a change from ``before`` to ``after`` made hits (first) and misses (second) on
    the three-way split."""
    o3, b3, a3 = three_way(observed), three_way(before), three_way(after)
    gained = tuple(c for c, o, b, a in zip(ids, o3, b3, a3, strict=True) if a == o != b)
    lost = tuple(c for c, o, b, a in zip(ids, o3, b3, a3, strict=True) if b == o != a)
    return gained, lost


@dataclass(frozen=True)
class Scorecard:
    """One predictor scored on the four choices (``four``) and on the three-way split (``three``)."""

    four: Metrics
    three: Metrics


def score(observed: Sequence[str], predicted: Sequence[str]) -> Scorecard:
    """:func:`evaluate` on the four choices and on their three-way split."""
    four = evaluate(observed, predicted)
    return Scorecard(four, evaluate(three_way(observed), three_way(predicted), THREE_WAY))


def scorecard_table(scores: Mapping[str, Scorecard]) -> pd.DataFrame:
    """One row per predictor: hits as 'k/n' for every outcome of both splits, accuracy and
    macro recall (rounded to 3 places)."""
    records = []
    for name, s in scores.items():
        if not isinstance(s, Scorecard):
            raise TypeError(f"scores[{name!r}] must be a Scorecard, got {type(s).__name__}")
        record = {"predictor": name, "correct": f"{s.four.correct}/{s.four.n}", "accuracy": round(s.four.accuracy, 3)}
        record.update({c: f"{s.four.hits[c][0]}/{s.four.hits[c][1]}" for c in CHOICES})
        record["macro recall (4)"] = round(s.four.macro_recall, 3)
        record.update({c: f"{s.three.hits[c][0]}/{s.three.hits[c][1]}" for c in THREE_WAY})
        record["macro recall (3)"] = round(s.three.macro_recall, 3)
        records.append(record)
    return pd.DataFrame(records).set_index("predictor")


BOOTSTRAP_DRAWS = 2000
BOOTSTRAP_SEED = 20261207


def macro_recall_gap_interval(observed: Sequence[str], ahead: Sequence[str], behind: Sequence[str],
                              draws: int = BOOTSTRAP_DRAWS, seed: int = BOOTSTRAP_SEED,
                              groups: Sequence[Any] | None = None) -> tuple[float, float]:
    """95% percentile interval of the three-way macro recall of ``ahead`` minus that of ``behind`` (two
    predictors' choices on the same decisions), by a paired bootstrap (Efron and Tibshirani 1993). Without
    ``groups`` the decisions are resampled within each observed three-way outcome, so each outcome keeps its
    count and every recall stays defined; this treats decisions as independent. With ``groups`` (a label per
    decision, e.g. its war) whole groups are resampled instead (a cluster bootstrap), and a draw in which an
    outcome is missing is drawn again. Seeded: the same interval every time."""
    obs = three_way(observed)
    if not (len(obs) == len(ahead) == len(behind)) or (groups is not None and len(groups) != len(obs)):
        sizes = f"{len(obs)}, {len(ahead)}, {len(behind)}" + ("" if groups is None else f", {len(groups)}")
        raise ValueError(f"observed, ahead, behind (and groups) must be as long: {sizes}")
    hits = {name: np.array([o == p for o, p in zip(obs, three_way(choices), strict=True)], dtype=float)
            for name, choices in (("ahead", ahead), ("behind", behind))}
    rng = np.random.default_rng(seed)
    outcomes = sorted(set(obs))
    if groups is None:
        gaps = np.zeros(draws)
        for outcome in outcomes:
            rows = np.array([i for i, o in enumerate(obs) if o == outcome])
            picks = rows[rng.integers(0, len(rows), size=(draws, len(rows)))]
            gaps += hits["ahead"][picks].mean(axis=1) - hits["behind"][picks].mean(axis=1)
        gaps /= len(outcomes)
    else:
        labels = np.array(obs)
        members = [np.array([i for i, g in enumerate(groups) if g == label]) for label in dict.fromkeys(groups)]
        found: list[float] = []
        while len(found) < draws:
            rows = np.concatenate([members[k] for k in rng.integers(0, len(members), size=len(members))])
            present = [rows[labels[rows] == outcome] for outcome in outcomes]
            if all(len(r) for r in present):
                found.append(float(np.mean([hits["ahead"][r].mean() - hits["behind"][r].mean() for r in present])))
        gaps = np.array(found)
    low, high = np.percentile(gaps, [2.5, 97.5])
    return float(low), float(high)
