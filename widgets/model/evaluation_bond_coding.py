"""How far fighting allies bind rests on one coding of its input (``versions.py``; chapter 8, the tenth file).

``allies_fighting`` was coded once for the book's cases and the tenth held-out file, by coders who knew what each
state did. A second set of coders, shown neither the first coding nor the states' choices nor any model, coded it
again for the same decisions (``data/allies_fighting_second.csv``). Two questions: how far the two codings agree
(the share coded identically and Cohen's weighted kappa, ``coder_agreement.column_agreement``), and whether the
model's record and the term's rule come out the same with the second coding in place of the first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..io.bond_coding import CODED_FILES, load_bond_coding
from .coder_agreement import column_agreement
from .evaluation import walt_predictions
from .evaluation_metrics import score
from .evaluation_specs import FIGHTING_ALLIES_BIND
from .parameters import ModelParameters

FILES: dict[str, str] = dict(zip(("book", "ho10"), CODED_FILES[:2], strict=True))


@dataclass(frozen=True)
class BondRecoding:
    """The second coding beside the first on one set of decisions: agreement (over ``n`` decisions), and the three-way
    macro recall of the model with the term off (``before``) and on, with the first (``first``) and with the second
    coding (``second``)."""

    n: int
    identical: float
    kappa: float | None
    before: float
    first: float
    second: float
    changed: tuple[str, ...]  # decisions whose prediction (term on) the second coding changes


def recode(frame: pd.DataFrame, second: pd.DataFrame, file: str, rows: pd.Index | None = None) -> pd.DataFrame:
    """``frame`` with its ``allies_fighting`` replaced by the second coding of ``file`` on ``rows`` (default: every
    decision; the others keep their code); raises ValueError naming the file if the second coding lacks it, or the
    decisions it lacks or has beyond ``rows``."""
    rows = frame.index if rows is None else rows
    if file not in second.index.get_level_values("file"):
        raise ValueError(f"the second coding has no decisions of {file}")
    codes = second.xs(file, level="file")["allies_fighting"]
    if set(codes.index) != set(rows):
        odd = sorted(set(codes.index) ^ set(rows))
        raise ValueError(f"the second coding of {file} does not match its decisions: {', '.join(odd[:5])}")
    out = frame.copy()
    out.loc[rows, "allies_fighting"] = codes.reindex(rows).astype(float).to_numpy()
    return out


def compare_codings(frame: pd.DataFrame, recoded: pd.DataFrame, params: tuple[ModelParameters, ModelParameters],
                    agree_on: Sequence[bool] | None = None) -> BondRecoding:
    """Agreement of two codings of the same decisions (over ``agree_on``, default all) and the three-way macro recall
    of the model without and with the term (``params``) on the first coding, and with it on the second."""
    agree = [True] * len(frame) if agree_on is None else list(agree_on)
    first_codes = [v for v, keep in zip(frame["allies_fighting"], agree, strict=True) if keep]
    second_codes = [v for v, keep in zip(recoded["allies_fighting"], agree, strict=True) if keep]
    identical, kappa = column_agreement(first_codes, second_codes, True)
    observed = list(frame["observed"])
    without, tried = params
    on_first = walt_predictions(frame, params=tried)
    on_second = walt_predictions(recoded, params=tried)
    recall = [score(observed, p).three.macro_recall
              for p in (walt_predictions(frame, params=without), on_first, on_second)]
    changed = tuple(c for c, a, b in zip(frame.index, on_first, on_second, strict=True) if a != b)
    return BondRecoding(len(first_codes), identical, kappa, *recall, changed)


def compare(frame: pd.DataFrame, second: pd.DataFrame, file: str) -> BondRecoding:
    """Agreement and scores for one set of decisions (``frame``, coded first) and its second coding."""
    return compare_codings(frame, recode(frame, second, file),
                           (FIGHTING_ALLIES_BIND.without, FIGHTING_ALLIES_BIND.tried))


def bond_coding_facts(cases: pd.DataFrame, tenth: pd.DataFrame, second: pd.DataFrame | None = None) -> dict[str, Any]:
    """Chapter 8's numbers (prefix ``bc2_``), for the book's cases (``book``) and the tenth file (``ho10``): ``_n``,
    ``_identical``, ``_kappa``, ``_before``, ``_first``, ``_second`` (three-way macro recalls) and ``_changed``
    (how many predictions the second coding changes)."""
    second = load_bond_coding() if second is None else second
    facts: dict[str, Any] = {}
    for tag, frame in (("book", cases), ("ho10", tenth)):
        r = compare(frame, second, FILES[tag])
        facts.update({f"bc2_{tag}_n": r.n, f"bc2_{tag}_identical": r.identical, f"bc2_{tag}_kappa": r.kappa,
                      f"bc2_{tag}_before": r.before, f"bc2_{tag}_first": r.first, f"bc2_{tag}_second": r.second,
                      f"bc2_{tag}_changed": len(r.changed)})
    return facts
