"""Explorers and case boxes for Schweller's balance of interests.

Built on :class:`widgets.explorers.Explorer`: live ipywidgets in Jupyter, a static twin with
precomputed figures in the HTML book. The model is :mod:`widgets.model.interests`, the figures
:mod:`widgets.figures.interests`; nothing here computes anything about the theory.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from ..display.casebox import SCHWELLER_CODEBOOK, codebook_link
from ..display.controls import MAX_COMBINATIONS, SCALE_ENDS, Control, combinations_count, grid
from ..figures.interests import comparison_spec, typology_spec
from ..figures.palette import CHOICE_LABELS
from ..io.bibliography import short_citation
from ..model.interests import (
    JUSTIFIED_COLUMNS,
    SCENARIO_LABELS,
    SCHWELLER_FIELDS,
    CaseComparison,
    InterestParameters,
    Scenario,
    compare,
    compare_cases,
    place,
)
from .base import Explorer, describe_fixed

# yes/no boxes; spoils_held_by is shown as "held by the revisionist camp?" (True = "revisionist")
TOGGLES: tuple[str, ...] = ("war", "spoils_held_by")
# What each end of a slider means (Scenario's field docs, schweller_cases.csv codebook). Passed on
# every Control: "threat" and "victory" mean other things here than in Walt's model (SCALE_ENDS).
SCHWELLER_ENDS: dict[str, tuple[str, str]] = {
    **{n: SCALE_ENDS[n] for n in ("value_status_quo", "value_revision", "revisionist_strength")},
    "capability": ("negligible", "the strongest power itself (great power from 0.25)"),
    "threat": ("no way or wish to harm the decider", "attacking or about to attack it"),
    "victory": ("the revisionist side is about to lose", "it is about to win (0.50 = undecided)"),
    "wave": ("none, or the cause discredited", "the revisionist cause seen as irresistible"),
    "contagion": ("no neighbour or peer has gone over", "all of them have"),
    "courted": ("no one bids for its entry", "both camps make concrete competing offers"),
}


def _control_value(scenario: Scenario, name: str) -> Any:
    value = getattr(scenario, name)
    return value == "revisionist" if name == "spoils_held_by" else value


def _from_controls(values: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(values)
    if "spoils_held_by" in out:
        out["spoils_held_by"] = "revisionist" if out["spoils_held_by"] else "status-quo"
    return out


def _check_scenario(scenario: Any) -> Scenario:
    if scenario is None:
        return Scenario()
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be a Scenario or None, got {type(scenario).__name__}")
    return scenario


def _levels(name: str, levels: Any) -> tuple[float, ...]:
    if isinstance(levels, bool) or not isinstance(levels, int):
        raise TypeError(f"{name} must be an int in [2, 11], got {type(levels).__name__}")
    return grid(levels)


def scenario_controls(vary: Sequence[str], levels: int = 5) -> tuple[Control, ...]:
    """Controls for scenario fields: ``war`` and ``spoils_held_by`` (held by the revisionist
    camp?) are yes/no boxes, the rest a grid of ``levels``."""
    if isinstance(vary, str) or not isinstance(vary, Sequence):
        raise TypeError(f"vary must be a sequence of field names, got {type(vary).__name__}")
    if not vary:
        raise ValueError(f"vary must name at least one of: {', '.join(SCHWELLER_FIELDS)}")
    unknown = [v for v in vary if v not in SCHWELLER_FIELDS]
    if unknown:
        raise ValueError(
            f"vary has unknown field {', '.join(map(repr, unknown))}; allowed: {', '.join(SCHWELLER_FIELDS)}"
        )
    if len(set(vary)) != len(vary):
        raise ValueError(f"vary names a field twice: {list(vary)}")
    values = _levels("levels", levels)
    controls = tuple(Control(n, SCENARIO_LABELS[n], (False, True) if n in TOGGLES else values, SCHWELLER_ENDS.get(n))
                     for n in vary)
    total = combinations_count(controls)
    if total > MAX_COMBINATIONS:
        raise ValueError(
            f"{len(controls)} controls with {levels} levels give {total} combinations; a static explorer "
            f"allows at most {MAX_COMBINATIONS}: vary fewer fields or use fewer levels"
        )
    return controls


def typology_explorer(
    scenario: Scenario | None = None,
    *,
    levels: int = 11,
    capability_levels: int = 5,
    title: str = "Schweller's typology: lions, lambs, jackals and wolves",
    explorer_id: str | None = None,
) -> Explorer:
    """Sliders for the value of the status quo, the value of revision and capability,
    placing the state on the balance-of-interests diagram."""
    scenario = _check_scenario(scenario)
    grids = {"value_status_quo": _levels("levels", levels), "value_revision": _levels("levels", levels),
             "capability": _levels("capability_levels", capability_levels)}
    controls = tuple(Control(n, SCENARIO_LABELS[n], values, SCHWELLER_ENDS[n]) for n, values in grids.items())

    def compute(values: Mapping[str, Any]) -> dict:
        return typology_spec(place(replace(scenario, **values)))

    start = {c.name: getattr(scenario, c.name) for c in controls}
    return Explorer(title, controls, start, compute, "", explorer_id)


def walt_schweller_explorer(
    scenario: Scenario | None = None,
    *,
    vary: Sequence[str] = ("value_status_quo", "value_revision", "threat", "revisionist_strength", "spoils_held_by"),
    levels: int = 5,
    params: InterestParameters | None = None,
    title: str = "Walt and Schweller on the same scenario",
    explorer_id: str | None = None,
) -> Explorer:
    """One scenario, both models: sliders for the ``vary`` fields, and a figure with both
    predictions, what drives each, and where and why they disagree.

    Walt's inputs are derived from the scenario by :func:`widgets.model.interests.walt_inputs`.
    The default four sliders at five levels and the spoils box give 1,250 combinations, about
    6 s of precompute for the static twin; keep the count near that (``courted`` as a fifth
    slider would make it 6,250, too many for the static twin).
    """
    scenario = _check_scenario(scenario)
    if params is not None and not isinstance(params, InterestParameters):
        raise TypeError(f"params must be an InterestParameters or None, got {type(params).__name__}")
    controls = scenario_controls(vary, levels)
    hidden = set() if scenario.war or "war" in vary else {"victory"}
    fixed = [n for n in SCHWELLER_FIELDS if n not in vary and n not in hidden]

    @functools.lru_cache(maxsize=4096)
    def spec_for(s: Scenario) -> dict:
        return comparison_spec(compare(s, params))

    def compute(values: Mapping[str, Any]) -> dict:
        return spec_for(replace(scenario, **_from_controls(values)))

    start = {c.name: _control_value(scenario, c.name) for c in controls}
    return Explorer(
        title,
        controls,
        start,
        compute,
        describe_fixed({n: _control_value(scenario, n) for n in fixed}, fixed, SCENARIO_LABELS),
        explorer_id,
    )


# --------------------------------------------------------------------------- case boxes


class SchwellerCaseBox:
    """One case through both models: the Schweller coding, both predictions and the verdict.

    Plain HTML (no script), so it looks the same live and in the static book, with a text
    version for screen readers and print.
    """

    def __init__(self, comparison: CaseComparison) -> None:
        if not isinstance(comparison, CaseComparison):
            raise TypeError(f"comparison must be a CaseComparison, got {type(comparison).__name__}")
        self.comparison = comparison

    def _value(self, column: str) -> str:
        row = self.comparison.row
        if column == "war":
            return f"yes (revisionist side's closeness to victory {row['victory']:.2f})" if row["war"] else "no"
        return f"{row[column]:.2f}"

    def verdict(self) -> str:
        c = self.comparison
        walt = "right" if c.walt_correct else "wrong"
        sch = "right" if c.schweller_correct else "wrong"
        return (
            f"{c.headline}. Walt's model gets the choice {walt}; Schweller's gets it {sch}"
            + (
                ""
                if c.kind_correct is None
                else f" and the kind of bandwagoning {'right' if c.kind_correct else 'wrong'}"
            )
            + "."
        )

    def text(self) -> str:
        c = self.comparison
        codes = "; ".join(f"{SCENARIO_LABELS[col].lower()} {self._value(col)}" for col in JUSTIFIED_COLUMNS)
        return (
            f"Case: {c.decider}, {c.year}, with {c.row['revisionist']} as the leading revisionist. "
            f"{c.row['summary']} Schweller coding: {codes}. Observed: {c.observed_label} "
            f"(in Walt's terms: {c.walt_observed}). {self.verdict()} " + " ".join(c.explanation)
        )

    def _repr_html_(self) -> str:
        c, esc = self.comparison, html.escape
        rows = "".join(
            f'<tr><th scope="row">{esc(SCENARIO_LABELS[col])}</th><td>{esc(self._value(col))}</td>'
            f"<td>{esc(c.row['why_' + col])}</td></tr>"
            for col in JUSTIFIED_COLUMNS
        )
        sources = "; ".join(short_citation(k) for k in c.row["sources"].split(";") if k)
        mark = "match" if c.verdict == "agree" else "miss"
        walt_p = round(100 * c.walt.probabilities[c.walt.choice])
        sch_p = round(100 * c.schweller.probabilities[c.schweller.choice])
        explanation = "".join(f"<li>{esc(sentence)}</li>" for sentence in c.explanation)
        return (
            f'<aside class="alliances-case alliances-case-{mark}" aria-label="Case: {esc(c.decider)}, {c.year}">'
            f'<p class="case-title"><strong>Walt and Schweller on {esc(c.decider)}, {c.year}</strong> '
            f"(leading revisionist: {esc(c.row['revisionist'])})</p><p>{esc(c.row['summary'])}</p>"
            f'<table class="case-codes"><caption>Schweller coding (scales in the '
            f'{codebook_link(SCHWELLER_CODEBOOK)}; Walt\'s coding is in data/cases.csv)</caption>'
            '<thead><tr><th scope="col">Factor</th><th scope="col">Code</th>'
            f'<th scope="col">Why</th></tr></thead><tbody>{rows}</tbody></table>'
            f"<p><strong>Walt's model:</strong> {esc(CHOICE_LABELS[c.walt.choice].lower())} ({walt_p}%). "
            f"<strong>Schweller's model:</strong> {esc(c.schweller.label.lower())} ({sch_p}%). "
            f"<strong>Observed:</strong> {esc(c.observed_label)} (in Walt's terms: {esc(c.walt_observed)}).</p>"
            f'<p class="case-verdict"><strong>{esc(self.verdict())}</strong></p><ul>{explanation}</ul>'
            f'<p class="case-sources">Sources: {esc(sources)}.</p></aside>'
        )

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        return {"text/html": self._repr_html_(), "text/plain": self.text()}


def schweller_case_box(case_id: str, comparisons: Sequence[CaseComparison] | None = None) -> SchwellerCaseBox:
    """The two-model case box for ``case_id`` (from the book's two data files by default)."""
    comparisons = compare_cases() if comparisons is None else comparisons
    for comparison in comparisons:
        if comparison.case_id == case_id:
            return SchwellerCaseBox(comparison)
    known = ", ".join(c.case_id for c in comparisons)
    raise ValueError(f"no Schweller case {case_id!r}; the cases are: {known}")


__all__ = [
    "SchwellerCaseBox",
    "scenario_controls",
    "schweller_case_box",
    "typology_explorer",
    "walt_schweller_explorer",
]
