"""Case boxes: one historical case, its coding, the model's prediction and the verdict.

A case box is plain HTML (no script), so it looks the same live and in the static book,
with a text version for screen readers and print.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from ..figures.palette import CHOICE_LABELS
from ..io.bibliography import short_citation
from ..io.cases import JUSTIFIED, Case, get_case, load_cases
from ..model.alignment import CHOICES
from ..model.conditions import FIELD_LABELS

PAST = {"balance": "balanced", "bandwagon": "bandwagoned", "buck-pass": "passed the buck", "neutral": "stayed neutral"}
VERBS = {
    "balance": "balanced against",
    "bandwagon": "bandwagoned with",
    "buck-pass": "passed the buck on",
    "neutral": "stayed neutral toward",
}


class CaseBox:
    """Display object for one case (``_repr_html_`` and ``text/plain``)."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self.prediction = case.predict()

    @property
    def correct(self) -> bool:
        return self.prediction.choice == self.case.row["observed"]

    def verdict(self) -> str:
        row, pred = self.case.row, self.prediction
        predicted, observed = pred.choice, row["observed"]
        odds = round(100 * pred.probabilities[predicted])
        if predicted == observed:
            head = f"The model gets this case right: it predicts {CHOICE_LABELS[predicted].lower()} ({odds}%)."
        else:
            seen = round(100 * pred.probabilities[observed])
            head = (
                f"The model misses this case: it predicts {CHOICE_LABELS[predicted].lower()} ({odds}%), "
                f"but {row['decider']} {PAST[observed]} (the model gave that {seen}%)."
            )
        return head + " " + " ".join(pred.reasons[1:3] or pred.reasons[:1])

    def text(self) -> str:
        row = self.case.row
        codes = "; ".join(f"{FIELD_LABELS[c].lower()} {self._value(c)}" for c in JUSTIFIED)
        return (
            f"Case: {row['decider']} and {row['threat_source']}, {row['year']}. {row['summary']} "
            f"Coded: {codes}. Observed: {CHOICE_LABELS[row['observed']].lower()}. {self.verdict()}"
        )

    def _value(self, column: str) -> str:
        value = self.case.row[column]
        if column == "war":
            return f"yes (threat's closeness to victory {self.case.row['victory']:.2f})" if value else "no"
        return f"{value:.2f}"

    def _repr_html_(self) -> str:
        row = self.case.row
        esc = html.escape
        rows = "".join(
            '<tr><th '
            f'scope="row">{esc(FIELD_LABELS[c])}</th><td>{esc(self._value(c))}</td><td>{esc(row[f"why_{c}"])}</td></tr>'
            for c in JUSTIFIED
        )
        probs = ", ".join(
            f"{CHOICE_LABELS[c].lower()} {round(100 * self.prediction.probabilities[c])}%" for c in CHOICES
        )
        sources = "; ".join(short_citation(k.strip()) for k in row["sources"].split(";") if k.strip())
        mark = "match" if self.correct else "miss"
        return (
            f'<aside class="alliances-case alliances-case-{mark}" aria-label="Case: {esc(row["decider"])}, '
            f'{row["year"]}">'
            f'<p class="case-title"><strong>Case: {esc(row["decider"])} facing {esc(row["threat_source"])}, '
            f'{row["year"]}</strong></p>'
            f"<p>{esc(row['summary'])}</p>"
            '<table class="case-codes"><caption>How the case is coded (scales in the '
            f'{codebook_link()})</caption>'
            '<thead><tr><th scope="col">Factor</th><th scope="col">Code</th><th '
            f'scope="col">Why</th></tr></thead><tbody>{rows}</tbody></table>'
            f"<p><strong>Observed:</strong> {esc(row['decider'])} {VERBS[row['observed']]} "
            f"{esc(row['threat_source'])}. "
            f"<strong>Model:</strong> {esc(probs)}.</p>"
            f'<p class="case-verdict"><strong>{"✓" if self.correct else "✗"}</strong> {esc(self.verdict())}</p>'
            f'<p class="case-sources">Sources: {esc(sources)}.</p></aside>'
        )

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        return {"text/html": self._repr_html_(), "text/plain": self.text()}


CODEBOOK_HREF = "../codebook.html"  # the book's codebook page, seen from a chapter (chapters/)
SCHWELLER_CODEBOOK = "#schweller-s-balance-of-interests-schweller-cases-csv-codebook"


def codebook_link(anchor: str = "", text: str = "codebook") -> str:
    """A link to the codebook page (data/README.md, published as codebook.md) from a chapter."""
    return f'<a class="case-codebook" href="{CODEBOOK_HREF}{html.escape(anchor, quote=True)}">{html.escape(text)}</a>'


def case_box(case_id: str, cases: pd.DataFrame | None = None) -> CaseBox:
    """The case box for ``case_id`` in ``data/cases.csv``."""
    return CaseBox(get_case(case_id, load_cases() if cases is None else cases))
