"""The Schweller cases file (``data/schweller_cases.csv``): read, validate, map onto scenarios.

Codebook in ``data/README.md``; every problem is reported by CSV line and column.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ..model.alignment import CHOICES
from ..model.interests.scenario import KINDS, SCHWELLER_FIELDS, SIDES, SPOILS_HOLDERS, Scenario
from .csvtable import TableError, data_file, read_rows, read_text, unit_number

# --------------------------------------------------------------------------- the data file

CASE_VALUE_COLUMNS: tuple[str, ...] = tuple(f for f in SCHWELLER_FIELDS if f not in ("war", "spoils_held_by"))
JUSTIFIED_COLUMNS: tuple[str, ...] = (
    "value_status_quo", "value_revision", "capability", "revisionist_strength", "threat", "war", "wave", "contagion")
SCHWELLER_COLUMNS: tuple[str, ...] = (
    "case_id", "decider", "year", "revisionist", "walt_threat_camp", *CASE_VALUE_COLUMNS[:5], "war", "victory",
    "wave", "contagion", "observed", "observed_side", "observed_kind", "summary",
    *(f"why_{c}" for c in JUSTIFIED_COLUMNS), "sources",
)
# issue 17's columns: optional, so that a file coded before them still loads with today's behaviour
# walt_threat_camp_alternative: the camp of the threat source in cases_alternative.csv, for the rows
# read two ways there (empty otherwise); it places Walt's choice under that coding
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "spoils_held_by", "why_spoils_held_by", "courted", "why_courted", "walt_threat_camp_alternative")
OPTIONAL_DEFAULTS: dict[str, Any] = {"spoils_held_by": "status-quo", "courted": 0.0}
_CASE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_BIB_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_:-]*$")


class SchwellerDataError(TableError):
    """The Schweller cases file failed validation; ``problems`` lists every problem."""


def _check_row(line: int, row: Mapping[str, str], bad: Callable[[str, str], None]) -> dict | None:
    out: dict[str, Any] = {}
    for column in ("case_id", "decider", "revisionist", "summary", "sources", *(f"why_{c}" for c in JUSTIFIED_COLUMNS)):
        text = (row[column] or "").strip()
        if not text:
            bad(column, "is empty")
        out[column] = text
    if out["case_id"] and not _CASE_ID.match(out["case_id"]):
        bad("case_id", f"{out['case_id']!r} must be lower-case words joined by hyphens, e.g. 'japan-1940'")
    year = (row["year"] or "").strip()
    if not re.fullmatch(r"\d{4}", year) or not 1500 <= int(year) <= 2000:
        bad("year", f"{year!r} must be a year from 1500 to 2000")
    else:
        out["year"] = int(year)
    camp = (row["walt_threat_camp"] or "").strip()
    if camp not in SIDES:
        bad("walt_threat_camp", f"{camp!r} must be one of {', '.join(map(repr, SIDES))}")
    out["walt_threat_camp"] = camp
    alternative = (row.get("walt_threat_camp_alternative") or "").strip()
    if alternative and alternative not in SIDES:
        bad("walt_threat_camp_alternative", f"{alternative!r} must be empty or one of {', '.join(map(repr, SIDES))}")
    out["walt_threat_camp_alternative"] = alternative or None
    for column in CASE_VALUE_COLUMNS:
        if column not in row:
            out[column] = OPTIONAL_DEFAULTS[column]
            continue
        out[column] = unit_number((row[column] or "").strip(), column, bad)
    if "spoils_held_by" in row:
        holder = (row["spoils_held_by"] or "").strip()
        if holder not in SPOILS_HOLDERS:
            bad("spoils_held_by", f"{holder!r} must be one of {', '.join(map(repr, SPOILS_HOLDERS))}")
        out["spoils_held_by"] = holder
    else:
        out["spoils_held_by"] = OPTIONAL_DEFAULTS["spoils_held_by"]
    for column in ("spoils_held_by", "courted"):
        if column in row and not (row.get(f"why_{column}") or "").strip():
            bad(f"why_{column}", "is empty (every coded value needs its justification)")
        out[f"why_{column}"] = (row.get(f"why_{column}") or "").strip()
    war = (row["war"] or "").strip().lower()
    if war not in ("true", "false"):
        bad("war", f"{row['war']!r} must be true or false")
    out["war"] = war == "true"
    observed = (row["observed"] or "").strip()
    if observed not in CHOICES:
        bad("observed", f"{observed!r} must be one of {', '.join(CHOICES)}")
    side = (row["observed_side"] or "").strip()
    kind = (row["observed_kind"] or "").strip()
    if observed == "bandwagon":
        if side not in SIDES:
            bad("observed_side", f"{side!r} must be one of {', '.join(map(repr, SIDES))} when observed is bandwagon")
        if kind and kind not in KINDS:
            bad("observed_kind", f"{kind!r} must be empty (appeasement) or one of {', '.join(KINDS)}")
        if side == "status quo" and kind not in ("piling-on", "jackal"):
            bad(
                "observed_kind",
                f"{kind!r}: bandwagoning with the status-quo camp is piling on or, when the revisionist camp "
                "holds what the decider covets (so only the status-quo camp can deliver it), "
                "jackal bandwagoning, so it must be 'piling-on' or 'jackal'",
            )
    elif observed in CHOICES:
        if side:
            bad("observed_side", f"{side!r} must be empty unless observed is bandwagon")
        if kind:
            bad("observed_kind", f"{kind!r} must be empty unless observed is bandwagon")
    out.update(observed=observed, observed_side=side or None, observed_kind=kind or None)
    keys = [k.strip() for k in out["sources"].split(";") if k.strip()]
    wrong = [k for k in keys if not _BIB_KEY.match(k)]
    if out["sources"] and (not keys or wrong):
        bad("sources", f"{out['sources']!r} must be BibTeX keys separated by ';'")
    out["sources"] = ";".join(keys)
    return out


def read_schweller_cases(text: str, source: str = "schweller_cases.csv") -> list[dict[str, Any]]:
    """Validate CSV ``text``; return one dict per case. Raises :class:`SchwellerDataError`
    listing every problem by CSV line and column."""
    return read_rows(text, source, SCHWELLER_COLUMNS, OPTIONAL_COLUMNS, _check_row, SchwellerDataError)


def schweller_data_path() -> Path:
    """Where ``schweller_cases.csv`` lives (see :func:`csvtable.data_file`)."""
    return data_file("schweller_cases.csv")


def load_schweller_cases(path: str | os.PathLike | None = None) -> list[dict[str, Any]]:
    """Load and validate the Schweller cases file (default: the book's data folder)."""
    file = Path(path) if path is not None else schweller_data_path()
    return read_schweller_cases(read_text(file, SchwellerDataError), source=str(file))


OTHER_CASES_FILE = "schweller_other_cases.csv"
# the same decisions coded again by a second set of coders, blind to the first (see coder_agreement)
SECOND_CODER_FILE = "schweller_other_cases_second.csv"


def load_all_schweller_cases() -> list[dict[str, Any]]:
    """Every decision of ``cases.csv`` on Schweller's scales: chapter 5's illustrations
    (``schweller_cases.csv``) followed by the others (``schweller_other_cases.csv``).
    Raises :class:`SchwellerDataError` if a case is in both files."""
    rows = load_schweller_cases() + load_schweller_cases(data_file(OTHER_CASES_FILE))
    twice = sorted(cid for cid, n in Counter(r["case_id"] for r in rows).items() if n > 1)
    if twice:
        raise SchwellerDataError(OTHER_CASES_FILE, [f"case {cid!r} is also coded in schweller_cases.csv"
                                                    for cid in twice])
    return rows


def case_scenario(row: Mapping[str, Any]) -> Scenario:
    """The model scenario coded in one validated row."""
    return Scenario(**{f: row[f] for f in SCHWELLER_FIELDS})


def check_against_cases(rows: list[Mapping[str, Any]], case_ids: Mapping[str, int] | Any) -> list[str]:
    """Problems with rows whose case_id (or year) does not match the main cases file.

    ``case_ids`` maps case_id -> year (e.g. ``load_cases()['year'].to_dict()``).
    Returns a list of problems (empty when every row matches).
    """
    problems = []
    years = dict(case_ids)
    for row in rows:
        cid = row["case_id"]
        if cid not in years:
            problems.append(f"case {cid!r}: not in data/cases.csv (every Schweller case needs Walt's coding there)")
        elif int(years[cid]) != int(row["year"]):
            problems.append(f"case {cid!r}: year {row['year']} differs from data/cases.csv ({years[cid]})")
    return problems
