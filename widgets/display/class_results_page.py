"""The "Class results" page: an instructor drops a class's scenario files, the browser reads them.

Nothing is uploaded: ``static/class-results.js`` reads the files in the page, by the rules the
page carries (``scenario_rules.RULES``, the same dict Python's loader applies), and draws a
table (one row per file), the problems per file, the spread of the class's codings and
predictions (Plotly, the book's local copy) and Krippendorff's alpha per explorer. The Python
twin is ``widgets.io.class_results.read_class``.
"""

from __future__ import annotations

from ..io.agreement import LEVEL
from ..io.class_results import TABLE_COLUMNS
from ..io.scenario_file import RULES
from .render import PLOT_CONFIG, script_json

MARKER = "alliances-class-results"
HEADINGS = {"file": "File", "student": "Student", "explorer": "Explorer", "chapter": "Chapter", "inputs": "Inputs",
            "prediction": "Prediction", "justification": "Justification"}


class ClassResultsPage:
    """Shown in a notebook cell of the book, it is the page's HTML (text/html)."""

    def _repr_html_(self) -> str:
        return class_results_html()


def class_results_html() -> str:
    """The page's form, empty result areas and data; class-results.js does the rest."""
    data = {"format": RULES, "columns": list(TABLE_COLUMNS), "level": LEVEL,
            "config": {**PLOT_CONFIG, "displayModeBar": False}}
    head = "".join(f'<th scope="col">{HEADINGS[c]}</th>' for c in TABLE_COLUMNS)
    return (
        f'<div class="{MARKER}" id="class-results-reader">'
        '<div class="cr-drop">'
        '<label for="cr-files">Choose a class\'s scenario files (select many at once), '
        "or drop them in this box:</label> "
        '<input type="file" id="cr-files" class="cr-files" multiple accept=".json,.csv,application/json,text/csv" '
        "disabled>"
        '<p class="cr-privacy">The files are read by this page in your browser; nothing is uploaded or kept.</p>'
        "</div>"
        '<p class="cr-status" role="status" aria-live="polite"></p>'
        '<div class="cr-results" hidden>'
        '<h2 id="cr-table-heading">One row per file</h2>'
        '<div class="cr-scroll" role="region" aria-labelledby="cr-table-heading" tabindex="0">'
        f'<table class="cr-table" aria-labelledby="cr-table-heading"><thead><tr>{head}</tr></thead><tbody></tbody>'
        "</table></div>"
        '<h2 id="cr-problems-heading">Problems, file by file</h2><ul class="cr-problems"></ul>'
        '<h2 id="cr-agreement-heading">Agreement among coders of the same case</h2>'
        '<table class="cr-agreement" aria-labelledby="cr-agreement-heading"><thead><tr><th scope="col">Explorer</th>'
        '<th scope="col">Chapter</th><th scope="col">Files</th><th scope="col">Coders</th><th scope="col">Inputs</th>'
        "<th scope=\"col\">Krippendorff's alpha (interval)</th><th scope=\"col\">Note</th></tr></thead><tbody></tbody>"
        "</table>"
        '<h2 id="cr-figures-heading">How the class coded each input, and what the model predicted</h2>'
        '<div class="cr-figures"></div>'
        "</div>"
        f'<script type="application/json" class="cr-data">{script_json(data)}</script>'
        '<noscript><p>This page reads scenario files with JavaScript; without it, use the Python twin '
        "(widgets.io.class_results.read_class) described below.</p></noscript>"
        "</div>"
    )
