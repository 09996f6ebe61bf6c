"""Helpers the held-out test modules share for reading the runs (``conftest.py``'s ``runs`` and ``book``
fixtures) and chapter 8's text."""

from pathlib import Path

from widgets.model.evaluation_metrics import three_way

ROOT = Path(__file__).resolve().parents[2]


def chapter_text(name: str = "08_history") -> str:
    """A chapter's notebook source as one line of text (JSON line breaks joined), for phrase checks."""
    return " ".join((ROOT / "chapters" / f"{name}.ipynb").read_text().replace('\\n",\n    "', " ").split())


def three(predictions, which, name):
    return three_way(predictions[which][name])


def hits_changed(heldout, before, after):
    """(gained, lost): the decisions the three-way split scores right with ``after`` and not with ``before``,
    and the reverse."""
    observed = three_way(list(heldout["observed"]))
    gained, lost = set(), set()
    for c, o, x, y in zip(heldout.index, observed, three_way(before), three_way(after), strict=True):
        if y == o != x:
            gained.add(c)
        elif x == o != y:
            lost.add(c)
    return gained, lost


def clean_run(book, which):
    """One held-out file from the ``book`` fixture: the file, the clean test's choices by case (the model as the
    file was coded), every predictor's choices, and chapter 8's held-out facts."""
    from widgets.model import evaluation_heldout as eh

    _, files, predictions, facts = book
    heldout = files[which]
    coded = dict(zip(heldout.index, predictions[which][eh.AS_CODED_ON[which]], strict=True))
    return heldout, coded, predictions[which], facts
