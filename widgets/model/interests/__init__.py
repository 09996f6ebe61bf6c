"""Schweller's balance of interests (Schweller 1994), beside Walt's balance of threat.

- ``choice``: the scenario, the state types, the system's balance and the choice of a side;
- ``comparison``: the same scenario through Walt's model, the verdict and a sweep of both;
- ``cases``: historical cases through both models (the data file is read by
  :mod:`widgets.io.schweller_cases`).
"""

from __future__ import annotations

import warnings
from typing import Any

from ...io.schweller_cases import (
    CASE_VALUE_COLUMNS,
    JUSTIFIED_COLUMNS,
    SCHWELLER_COLUMNS,
    SchwellerDataError,
    case_scenario,
    check_against_cases,
    load_schweller_cases,
    read_schweller_cases,
    schweller_data_path,
)
from .cases import (
    SIDE_LABELS,
    SIDE_OUTCOMES,
    CaseComparison,
    SideScore,
    case_table,
    compare_case,
    compare_cases,
    observed_side,
    predicted_sides,
    score_by_side,
    side_contrast,
    verdict_groups,
)
from .choice import (
    KIND_SENTENCES,
    Placement,
    SchwellerPrediction,
    SystemBalance,
    appetite,
    momentum,
    place,
    prospects,
    schweller_predict,
    schweller_reasons,
    schweller_terms,
    system_balance,
    undecided,
    utilities,
)
from .comparison import (
    SWEEP_FIELDS,
    VERDICT_HEADLINES,
    VERDICTS,
    Comparison,
    InterestSweep,
    compare,
    explain_comparison,
    schweller_camp,
    sweep,
    verdict_of,
    walt_camp,
    walt_inputs,
    walt_motive,
)
from .scenario import (
    DEFAULT_INTEREST_PARAMETERS,
    GREAT_POWER_AT,
    KIND_LABELS,
    KINDS,
    LOW_VALUE_AT,
    MOTIVES,
    OPTIONS,
    PULLS,
    SCENARIO_LABELS,
    SCHWELLER_FIELDS,
    SIDES,
    SPOILS_GATE_OPEN_AT,
    SPOILS_HOLDERS,
    STATE_TYPES,
    TYPE_DESCRIPTIONS,
    TYPE_LABELS,
    UNLIMITED_AIMS_AT,
    InterestParameters,
    Scenario,
)

# Names that meant something else elsewhere in the package, renamed; the old ones work for a term.
_RENAMED = {"SCENARIO_FIELDS": "SCHWELLER_FIELDS", "Sweep": "InterestSweep", "utility_terms": "schweller_terms"}


def __getattr__(name: str) -> Any:
    if name in _RENAMED:
        warnings.warn(f"widgets.model.interests.{name} is now {_RENAMED[name]}", DeprecationWarning, stacklevel=2)
        return globals()[_RENAMED[name]]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CASE_VALUE_COLUMNS",
    "DEFAULT_INTEREST_PARAMETERS",
    "GREAT_POWER_AT",
    "side_contrast",
    "verdict_groups",
    "score_by_side",
    "predicted_sides",
    "observed_side",
    "SideScore",
    "SIDE_OUTCOMES",
    "SIDE_LABELS",
    "undecided",
    "SPOILS_HOLDERS",
    "SPOILS_GATE_OPEN_AT",
    "LOW_VALUE_AT",
    "JUSTIFIED_COLUMNS",
    "KINDS",
    "KIND_LABELS",
    "KIND_SENTENCES",
    "MOTIVES",
    "OPTIONS",
    "PULLS",
    "SCENARIO_LABELS",
    "SCHWELLER_COLUMNS",
    "SCHWELLER_FIELDS",
    "SIDES",
    "STATE_TYPES",
    "SWEEP_FIELDS",
    "TYPE_DESCRIPTIONS",
    "TYPE_LABELS",
    "UNLIMITED_AIMS_AT",
    "VERDICTS",
    "VERDICT_HEADLINES",
    "CaseComparison",
    "Comparison",
    "InterestParameters",
    "InterestSweep",
    "Placement",
    "Scenario",
    "SchwellerDataError",
    "SchwellerPrediction",
    "SystemBalance",
    "appetite",
    "case_scenario",
    "case_table",
    "check_against_cases",
    "compare",
    "compare_case",
    "compare_cases",
    "explain_comparison",
    "load_schweller_cases",
    "momentum",
    "place",
    "prospects",
    "read_schweller_cases",
    "schweller_camp",
    "schweller_data_path",
    "schweller_predict",
    "schweller_reasons",
    "schweller_terms",
    "sweep",
    "system_balance",
    "utilities",
    "verdict_of",
    "walt_camp",
    "walt_inputs",
    "walt_motive",
]
