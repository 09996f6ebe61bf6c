"""Historical cases: loading, validating and predicting ``data/cases.csv``.

Each row is one alignment decision coded on the model's scales (the codebook is
``data/README.md``). The loader checks every cell and reports every problem at once, by
CSV line and column, so a student who codes a new case learns exactly what to fix.
"""

from __future__ import annotations

import difflib
import math
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..model.alignment import CHOICES, Prediction, predict
from ..model.situation import Situation
from ..model.threat import THREAT_SOURCES, Threat, ThreatWeights
from .csvtable import TableError, data_file, number, read_rows, read_text, unit_number

UNIT_COLUMNS: tuple[str, ...] = THREAT_SOURCES + ("own_strength", "allied_support")
JUSTIFIED: tuple[str, ...] = UNIT_COLUMNS + ("war",)
REQUIRED_COLUMNS: tuple[str, ...] = (
    "case_id", "year", "decider", "threat_source", *UNIT_COLUMNS, "war", "victory", "observed",
    "summary", *(f"why_{c}" for c in JUSTIFIED), "sources", "chapters",
)
# The optional model inputs (see Situation): empty or absent -> the default, whose term is zero. A coded value needs
# its why_ line. An input added after some files were coded is, in a file that lacks its column, not coded there
# (None: the model uses the default, the logit leaves the input out): allies_fighting, once absent from files 1-9.
INPUT_COLUMNS: tuple[str, ...] = ("capability", "target", "others_engaged", "neutrality_lesson", "allies_fighting",
                                  "threat_army_share")
NOT_CODED_WHEN_ABSENT: tuple[str, ...] = ("allies_fighting",)
LESSON_VALUES = (-1.0, 0.0, 1.0)
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "cinc_decider", "cinc_threat", "region", "notes", *INPUT_COLUMNS, *(f"why_{c}" for c in INPUT_COLUMNS),
)
ALTERNATIVE_COLUMNS: tuple[str, ...] = ("reading",)
YEAR_RANGE = (1500, 2016)  # to the last year of COW NMC v6.0, the CINC source
CASE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CHAPTER_KEYS = ("threat", "balancing", "bandwagoning", "conditions", "schweller", "beyond", "worlds", "history")


class CaseDataError(TableError):
    """A cases file failed validation; ``problems`` lists every problem found."""


def default_path() -> Path:
    """Where ``cases.csv`` lives (see :func:`csvtable.data_file`)."""
    return data_file("cases.csv")


def _check_row(line: int, row: Mapping[str, str], bad: Callable[[str, str], None]) -> dict | None:
    out: dict = {}
    for column in (
        "case_id",
        "decider",
        "threat_source",
        "summary",
        "sources",
        "chapters",
        *(f"why_{c}" for c in JUSTIFIED),
    ):
        text = row[column].strip()
        if not text:
            bad(column, "is empty")
        out[column] = text
    if out["case_id"] and not CASE_ID.match(out["case_id"]):
        bad("case_id", f"{out['case_id']!r} must be lower-case words joined by hyphens, e.g. 'norway-1949'")
    year = row["year"].strip()
    if not re.fullmatch(r"\d{4}", year) or not YEAR_RANGE[0] <= int(year) <= YEAR_RANGE[1]:
        bad("year", f"{year!r} must be a year from {YEAR_RANGE[0]} to {YEAR_RANGE[1]}")
    else:
        out["year"] = int(year)
    for column in UNIT_COLUMNS + ("victory",):
        out[column] = unit_number(row[column].strip(), column, bad)
    war = row["war"].strip().lower()
    if war not in ("true", "false"):
        bad("war", f"{row['war']!r} must be true or false")
    out["war"] = war == "true"
    observed = row["observed"].strip()
    if observed not in CHOICES:
        bad("observed", f"{observed!r} must be one of {', '.join(CHOICES)}")
    out["observed"] = observed
    chapters = [c.strip() for c in out["chapters"].split(";") if c.strip()]
    unknown = [c for c in chapters if c not in CHAPTER_KEYS]
    if unknown:
        bad("chapters", f"unknown chapter key {', '.join(map(repr, unknown))}; allowed: {', '.join(CHAPTER_KEYS)}")
    out["chapters"] = ";".join(chapters)
    for column in ("cinc_decider", "cinc_threat"):
        text = row.get(column, "") or ""
        if text.strip():
            value = number(text.strip())
            if value is None or not 0.0 <= value <= 1.0:
                bad(column, f"{text.strip()!r} must be empty or a CINC share in [0, 1]")
            out[column] = value
        else:
            out[column] = None
    out["region"] = (row.get("region") or "").strip()
    _check_inputs(row, bad, out)
    return out


def _check_inputs(row: Mapping[str, str], bad: Callable[[str, str], None], out: dict) -> None:
    """The optional inputs: capability and threat_army_share in [0, 1] (empty: not coded), target true/false,
    others_engaged and allies_fighting in [0, 1], neutrality_lesson one of -1, 0, 1; each coded value needs its why_
    line."""
    texts = {c: (row.get(c) or "").strip() for c in INPUT_COLUMNS}
    for column, text in texts.items():
        if text and not (row.get(f"why_{column}") or "").strip():
            bad(f"why_{column}", f"is empty, but {column} is coded ({text!r}): justify the code")
        out[f"why_{column}"] = (row.get(f"why_{column}") or "").strip()
    for column, scale in (("capability", "a share of the leading power"),
                          ("threat_army_share", "a share of the great powers' armies")):
        out[column] = None
        if texts[column]:
            value = number(texts[column])
            if value is None or not 0.0 <= value <= 1.0:
                bad(column, f"{texts[column]!r} must be empty or {scale} in [0, 1]")
            out[column] = value
    target = texts["target"].lower()
    if target not in ("", "true", "false"):
        bad("target", f"{texts['target']!r} must be true, false or empty")
    out["target"] = target == "true"
    for column in ("others_engaged", "allies_fighting"):
        out[column] = 0.0
        if texts[column]:
            value = number(texts[column])
            if value is None or not 0.0 <= value <= 1.0:
                bad(column, f"{texts[column]!r} must be empty or a number in [0, 1]")
            out[column] = value
    out["neutrality_lesson"] = 0.0
    if texts["neutrality_lesson"]:
        value = number(texts["neutrality_lesson"])
        if value not in LESSON_VALUES:
            bad("neutrality_lesson", f"{texts['neutrality_lesson']!r} must be empty or one of -1, 0, 1")
        out["neutrality_lesson"] = value
    for column in NOT_CODED_WHEN_ABSENT:  # a file without the column did not code it (None), unlike an empty cell
        if column not in row:
            out[column] = None


def read_cases(text: str, source: str = "cases.csv") -> pd.DataFrame:
    """Validate CSV ``text`` and return one row per case; raises :class:`CaseDataError`."""
    rows = read_rows(text, source, REQUIRED_COLUMNS, OPTIONAL_COLUMNS, _check_row, CaseDataError)
    return pd.DataFrame(rows).set_index("case_id", drop=False)


def load_cases(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Load and validate a cases file (default: the book's ``data/cases.csv``)."""
    file = Path(path) if path is not None else default_path()
    return read_cases(read_text(file, CaseDataError), source=str(file))


def read_alternative_cases(text: str, primary: pd.DataFrame, source: str = "cases_alternative.csv") -> pd.DataFrame:
    """Validate the alternative codings: the cases columns plus ``reading`` (which reading, and
    why a second coder might prefer it); every case_id must exist in ``primary``, once."""

    def check(line: int, row: Mapping[str, str], bad: Callable[[str, str], None]) -> dict | None:
        out = _check_row(line, row, bad)
        out["reading"] = row["reading"].strip()
        if not out["reading"]:
            bad("reading", "is empty: name the reading and why a coder might prefer it")
        if out["case_id"] and out["case_id"] not in primary.index:
            bad("case_id", f"{out['case_id']!r} is not in the primary cases file")
        return out

    rows = read_rows(text, source, REQUIRED_COLUMNS + ALTERNATIVE_COLUMNS, OPTIONAL_COLUMNS, check, CaseDataError,
                     empty=None)  # no disputed rows is a valid state of the file
    columns = [*REQUIRED_COLUMNS, *ALTERNATIVE_COLUMNS]
    return pd.DataFrame(rows, columns=None if rows else columns).set_index("case_id", drop=False)


def load_alternative_cases(path: str | os.PathLike | None = None, primary: pd.DataFrame | None = None) -> pd.DataFrame:
    """Load ``data/cases_alternative.csv``: a second defensible coding of disputed rows
    (never used for headline results; every headline result is reported under both)."""
    file = Path(path) if path is not None else data_file("cases_alternative.csv")
    primary = load_cases() if primary is None else primary
    return read_alternative_cases(read_text(file, CaseDataError), primary, source=str(file))


def with_alternatives(cases: pd.DataFrame, alternatives: pd.DataFrame) -> pd.DataFrame:
    """``cases`` with each row that has an alternative coding replaced by it (same order)."""
    records = [(alternatives if i in alternatives.index else cases).loc[i].to_dict() for i in cases.index]
    return pd.DataFrame(records, columns=cases.columns).set_index("case_id", drop=False)


@dataclass(frozen=True)
class Case:
    """One coded case, with its model inputs."""

    row: dict

    @property
    def threat(self) -> Threat:
        return Threat(**{c: self.row[c] for c in THREAT_SOURCES})

    @property
    def situation(self) -> Situation:
        optional = {}
        for column in INPUT_COLUMNS:  # rows from older files or frames may lack them: defaults
            value = self.row.get(column)
            if value is not None and not (isinstance(value, float) and math.isnan(value)):
                optional[column] = bool(value) if column == "target" else float(value)
        return Situation(
            self.row["own_strength"], self.row["allied_support"], self.row["war"], self.row["victory"], **optional
        )

    def predict(self, weights: ThreatWeights | None = None) -> Prediction:
        return predict(self.threat, self.situation, weights)


def get_case(case_id: str, cases: pd.DataFrame | None = None) -> Case:
    """The case with ``case_id``; a ValueError lists close matches when it does not exist."""
    cases = load_cases() if cases is None else cases
    if case_id not in cases.index:
        close = difflib.get_close_matches(str(case_id), list(cases.index), n=3, cutoff=0.4)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise ValueError(f"no case {case_id!r} in the cases file{hint}")
    return Case(cases.loc[case_id].to_dict())


def predict_cases(cases: pd.DataFrame, weights: ThreatWeights | None = None) -> pd.DataFrame:
    """Each case's predicted choice and probabilities beside its observed choice."""
    records = []
    for case_id, row in cases.iterrows():
        pred = Case(row.to_dict()).predict(weights)
        records.append(
            {
                "case_id": case_id,
                "predicted": pred.choice,
                "observed": row["observed"],
                "correct": pred.choice == row["observed"],
                "threat": pred.threat,
                **{f"p_{c}": pred.probabilities[c] for c in CHOICES},
            }
        )
    return pd.DataFrame(records).set_index("case_id")


def cases_for(chapter: str, cases: pd.DataFrame | None = None) -> list[str]:
    """Case ids tagged with ``chapter`` (one of ``CHAPTER_KEYS``), in file order."""
    if chapter not in CHAPTER_KEYS:
        raise ValueError(f"chapter must be one of {', '.join(CHAPTER_KEYS)}, got {chapter!r}")
    cases = load_cases() if cases is None else cases
    return [i for i, tags in cases["chapters"].items() if chapter in tags.split(";")]


def iter_cases(ids: Iterable[str], cases: pd.DataFrame | None = None) -> list[Case]:
    cases = load_cases() if cases is None else cases
    return [get_case(i, cases) for i in ids]
