"""Historical cases through both models: Walt's coding in ``data/cases.csv``, Schweller's in
``data/schweller_cases.csv``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ...io.cases import Case, load_cases
from ...io.schweller_cases import case_scenario, check_against_cases, load_schweller_cases
from ..alignment import Prediction
from ..reasons import percent
from .choice import SchwellerPrediction, schweller_predict
from .comparison import VERDICT_HEADLINES, explain_comparison, schweller_camp, verdict_of, walt_camp
from .scenario import KIND_LABELS, InterestParameters

# --------------------------------------------------------------------------- cases, both models


@dataclass(frozen=True)
class CaseComparison:
    """One historical case through both models.

    Walt's prediction uses the case's coding in ``data/cases.csv``; Schweller's the coding in
    ``data/schweller_cases.csv``. ``walt_camp`` places Walt's choice in a camp using the
    row's ``walt_threat_camp`` (the camp of the threat source coded in cases.csv).
    ``walt_correct`` compares Walt's prediction with the observed choice in cases.csv;
    ``schweller_correct`` compares Schweller's choice (and, for bandwagoning, the side) with
    the observed choice in Schweller's terms; ``kind_correct`` is None unless both the
    prediction and the observation are bandwagoning with a kind.
    """

    case_id: str
    decider: str
    year: int
    row: dict
    walt: Prediction
    schweller: SchwellerPrediction
    walt_camp: str | None
    walt_observed: str
    verdict: str
    explanation: tuple[str, ...]
    walt_correct: bool
    schweller_correct: bool
    kind_correct: bool | None

    @property
    def headline(self) -> str:
        return VERDICT_HEADLINES[self.verdict]

    @property
    def observed_label(self) -> str:
        """The observed choice in Schweller's terms, e.g. 'bandwagon (jackal bandwagoning)'."""
        observed = self.row["observed"]
        if observed != "bandwagon":
            return observed
        kind = self.row["observed_kind"]
        return f"bandwagon ({KIND_LABELS[kind] if kind else 'appeasement'})"


def compare_case(row: Mapping[str, Any], walt_row: Mapping[str, Any],
                 params: InterestParameters | None = None) -> CaseComparison:
    """Both models on one case: ``row`` from the Schweller file, ``walt_row`` from cases.csv."""
    walt = Case(dict(walt_row)).predict()
    schweller = schweller_predict(case_scenario(row), params)
    camp = walt_camp(walt.choice, row["walt_threat_camp"])
    verdict = verdict_of(walt.choice, camp, schweller)
    scenario = case_scenario(row)
    schweller_correct = schweller.choice == row["observed"] and (
        schweller.choice != "bandwagon" or schweller.side == row["observed_side"])
    kind_correct = None
    if schweller.choice == "bandwagon" and row["observed"] == "bandwagon":
        kind_correct = schweller.kind == row["observed_kind"]
    return CaseComparison(
        row["case_id"], row["decider"], int(row["year"]), dict(row), walt, schweller, camp, walt_row["observed"],
        verdict, explain_comparison(scenario, walt, schweller, verdict),
        walt.choice == walt_row["observed"], schweller_correct, kind_correct,
    )


def compare_cases(rows: list[Mapping[str, Any]] | None = None, cases: Any = None,
                  params: InterestParameters | None = None) -> list[CaseComparison]:
    """Every Schweller case through both models (defaults: the book's two data files).

    Raises ValueError naming any case that has no Walt coding in ``cases``.
    """
    rows = load_schweller_cases() if rows is None else rows
    cases = load_cases() if cases is None else cases
    problems = check_against_cases(rows, cases["year"].to_dict())
    if problems:
        raise ValueError("the Schweller cases do not match data/cases.csv:\n  - " + "\n  - ".join(problems))
    return [compare_case(row, cases.loc[row["case_id"]].to_dict(), params) for row in rows]


def case_table(comparisons: list[CaseComparison]) -> Any:
    """A pandas DataFrame: one line per case, both predictions beside what happened."""
    records = []
    for c in comparisons:
        records.append({
            "case": f"{c.decider}, {c.year}",
            "Walt predicts": f"{c.walt.choice} ({percent(c.walt.probabilities[c.walt.choice])})",
            "observed (Walt's terms)": c.walt_observed,
            "Schweller predicts": f"{c.schweller.label.lower()} "
                                  f"({percent(c.schweller.probabilities[c.schweller.choice])})",
            "observed (Schweller's terms)": c.observed_label,
            "verdict": c.verdict,
        })
    return pd.DataFrame(records).set_index("case")


# --------------------------------------------------------------------------- scored by side

SIDE_OUTCOMES: tuple[str, ...] = ("revisionist", "status quo", "out")
SIDE_LABELS: dict[str, str] = {
    "revisionist": "joins the revisionist camp", "status quo": "joins the status-quo camp", "out": "stays out",
}


def observed_side(row: Mapping[str, Any]) -> str:
    """The camp the decider joined in one Schweller row: balancing joins the status-quo camp,
    bandwagoning the coded ``observed_side``, buck-passing and neutrality stay out."""
    if row["observed"] == "balance":
        return "status quo"
    if row["observed"] == "bandwagon":
        return row["observed_side"]
    return "out"


def predicted_sides(comparison: CaseComparison) -> dict[str, str]:
    """{'walt': side, 'schweller': side}: the camp each model puts the decider in ('out' if none)."""
    return {"walt": comparison.walt_camp or "out", "schweller": schweller_camp(comparison.schweller) or "out"}


@dataclass(frozen=True)
class SideScore:
    """One model scored by side on a list of cases: ``confusion[observed][predicted]`` counts,
    ``recall`` per observed side (None when no case has that side), ``macro`` their mean over
    the sides present, ``correct`` and ``n``."""

    model: str
    confusion: dict[str, dict[str, int]]
    recall: dict[str, float | None]
    macro: float
    correct: int
    n: int

    def table(self) -> Any:
        """The confusion table as a DataFrame (rows observed, columns predicted)."""
        frame = pd.DataFrame(self.confusion).T.loc[list(SIDE_OUTCOMES), list(SIDE_OUTCOMES)]
        frame.index = [f"observed: {SIDE_LABELS[s]}" for s in SIDE_OUTCOMES]
        frame.columns = [f"{self.model} predicts: {SIDE_LABELS[s]}" for s in SIDE_OUTCOMES]
        return frame


def score_by_side(comparisons: list[CaseComparison], model: str) -> SideScore:
    """Score ``model`` ('walt', 'schweller' or 'majority', the baseline that always predicts
    the most common observed side) by the side each decider took."""
    if model not in ("walt", "schweller", "majority"):
        raise ValueError(f"model must be 'walt', 'schweller' or 'majority', got {model!r}")
    observed = [observed_side(c.row) for c in comparisons]
    if model == "majority":
        top = max(SIDE_OUTCOMES, key=observed.count)  # ties go to the earlier side
        predicted = [top] * len(comparisons)
    else:
        predicted = [predicted_sides(c)[model] for c in comparisons]
    confusion = {o: {p: 0 for p in SIDE_OUTCOMES} for o in SIDE_OUTCOMES}
    for o, p in zip(observed, predicted, strict=True):
        confusion[o][p] += 1
    recall: dict[str, float | None] = {}
    for o in SIDE_OUTCOMES:
        total = sum(confusion[o].values())
        recall[o] = confusion[o][o] / total if total else None
    present = [r for r in recall.values() if r is not None]
    macro = sum(present) / len(present) if present else 0.0
    correct = sum(confusion[o][o] for o in SIDE_OUTCOMES)
    return SideScore(model, confusion, recall, macro, correct, len(comparisons))


def side_contrast(comparisons: list[CaseComparison]) -> dict[str, list[str]]:
    """Cases one model places on the right side and the other does not:
    {'schweller only': ['Italy, 1915', ...], 'walt only': [...], 'both': [...], 'neither': [...]}."""
    out: dict[str, list[str]] = {"schweller only": [], "walt only": [], "both": [], "neither": []}
    for c in comparisons:
        truth, sides = observed_side(c.row), predicted_sides(c)
        w, s = sides["walt"] == truth, sides["schweller"] == truth
        key = "both" if w and s else "schweller only" if s else "walt only" if w else "neither"
        out[key].append(f"{c.decider.split(' (')[0]} {c.year}")
    return out


def verdict_groups(comparisons: list[CaseComparison]) -> dict[str, list[str]]:
    """Cases by how the two models differ, in file order, named short ('Japan 1940').

    Keys: 'agree' and 'same alignment, different reasons' (the verdicts of :func:`verdict_of`);
    a disagreement is keyed '<Walt> vs <Schweller>', each model's choice reduced to 'balance',
    'bandwagon' or 'out' (buck-passing and neutrality), e.g. 'balance vs bandwagon'. Every key
    the chapter names is present, empty when no case falls in it."""
    groups: dict[str, list[str]] = {key: [] for key in (
        "balance vs bandwagon", "out vs bandwagon", "balance vs out", "out vs balance",
        "same alignment, different reasons", "agree")}
    for c in comparisons:
        if c.verdict == "disagree":
            walt, schweller = (choice if choice in ("balance", "bandwagon") else "out"
                               for choice in (c.walt.choice, c.schweller.choice))
            key = f"{walt} vs {schweller}"
        else:
            key = c.verdict
        groups.setdefault(key, []).append(f"{c.decider.split(' (')[0]} {c.year}")
    return groups
