"""The land-power reading of the hegemony shift (``land_hegemony``): its run on the book's cases, the test its rule
waited for (the twelfth held-out file), what it does on the eleven files coded before it (no test: they had been
scored and read before the term was written, and the eleventh prompted it) and its first clean test (the thirteenth
file, framed and coded after its adoption, on which nothing waited).

Levy and Thompson (2005, 2010): great powers ally against the leading land power as its share of the great powers'
armed forces reaches a third or more (and not below), not against the leading sea power. ``versions.py`` has the
specification and its decision rule, fixed before any run; this module recomputes every number chapter 8 quotes about
it, from the runs of :func:`widgets.model.evaluation_heldout.run_all`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .evaluation import leave_one_out, walt_predictions
from .evaluation_heldout import AS_CODED_ON, HELDOUT_SETS, MODEL_VERSIONS, Runs, term_effect
from .evaluation_metrics import THREE_WAY, hits_changed, score
from .parameters import ModelParameters
from .versions import AT_ELEVENTH_FILE, AT_THIRTEENTH_FILE, AT_TWELFTH_FILE, LAND_HEGEMONY_TRIED, LAND_THRESHOLD_TRIED

DECIDING_FILE = "twelfth"  # the held-out file the term's rule waited for
FIRST_CLEAN_FILE = "thirteenth"  # the first file coded on the model with the term adopted
# the terms whose record chapter 8 gives file by file, by the short names its facts use
TERM_TAGS: dict[str, str] = {"fighting_allies_bind": "fab", "hegemony_shift": "shift", "land_hegemony": "land"}
EARLIER_FILES: tuple[str, ...] = tuple(HELDOUT_SETS)[:tuple(HELDOUT_SETS).index(DECIDING_FILE)]


def _recall(frame: pd.DataFrame, predicted: list[str]) -> float:
    return score(list(frame["observed"]), predicted).three.macro_recall


def land_facts(cases: pd.DataFrame, runs: Runs) -> dict[str, Any]:
    """Chapter 8's numbers on the land-power reading (prefix ``land_``): on the book's cases the three-way macro recall
    without and with it (``book_before``, ``book_after``) and the hits it ``book_gained``/``book_lost``; on the twelfth
    file (``ho12_before``, ``ho12_after``, ``ho12_changed``: predictions it changed); on the eleven earlier files, each
    predicted by the model as it stood at the eleventh file with and without the term, the pooled recall
    (``earlier_before``, ``earlier_after``), hits gained and lost (``earlier_gained``, ``earlier_lost``), and how many
    files it raised or lowered the recall on (``earlier_raised``, ``earlier_lowered``); and the eleventh file with
    the term (``ho11_after``)."""
    missing = [w for w in (*EARLIER_FILES, DECIDING_FILE) if w not in runs]
    if missing:
        raise ValueError(f"runs must hold every held-out file; missing {', '.join(missing)}")
    if MODEL_VERSIONS[AS_CODED_ON[DECIDING_FILE]] != AT_TWELFTH_FILE:
        raise ValueError("the twelfth file must be scored on the model it was coded on (AT_TWELFTH_FILE)")
    facts: dict[str, Any] = {}
    before, after = (walt_predictions(cases, params=p) for p in (AT_TWELFTH_FILE, LAND_HEGEMONY_TRIED))
    gained, lost = hits_changed(list(cases["observed"]), before, after, cases.index)
    facts.update({"land_book_before": _recall(cases, before), "land_book_after": _recall(cases, after),
                  "land_book_gained": len(gained), "land_book_lost": len(lost)})
    twelfth, predictions = runs[DECIDING_FILE]
    before = predictions[AS_CODED_ON[DECIDING_FILE]]  # the clean test, already run
    after = walt_predictions(twelfth, params=LAND_HEGEMONY_TRIED)
    facts.update({"land_ho12_before": _recall(twelfth, before), "land_ho12_after": _recall(twelfth, after),
                  "land_ho12_changed": sum(b != a for b, a in zip(before, after, strict=True))})
    observed: list[str] = []
    pooled: dict[str, list[str]] = {"before": [], "after": []}
    counts = {"gained": 0, "lost": 0, "raised": 0, "lowered": 0}
    for which in EARLIER_FILES:
        frame, _ = runs[which]
        before, after = (walt_predictions(frame, params=p) for p in (AT_ELEVENTH_FILE, LAND_HEGEMONY_TRIED))
        gained, lost = hits_changed(list(frame["observed"]), before, after, frame.index)
        counts["gained"] += len(gained)
        counts["lost"] += len(lost)
        change = _recall(frame, after) - _recall(frame, before)
        counts["raised"] += change > 0
        counts["lowered"] += change < 0
        observed += list(frame["observed"])
        pooled["before"] += before
        pooled["after"] += after
        if which == "eleventh":
            facts["land_ho11_after"] = _recall(frame, after)
    facts.update({f"land_earlier_{key}": value for key, value in counts.items()})
    facts["land_earlier_before"] = score(observed, pooled["before"]).three.macro_recall
    facts["land_earlier_after"] = score(observed, pooled["after"]).three.macro_recall
    return facts


def term_on_twelfth(runs: Runs, parameter: str) -> dict[str, Any]:
    """What a term of the model the twelfth file was coded on did there (``evaluation_heldout.term_effect``): the
    recall ``with`` it (the clean test) and ``without`` it, and the hits it ``gained`` and ``lost`` (case ids)."""
    return term_effect(runs, DECIDING_FILE, parameter)


def term_facts(runs: Runs, which: str, tag: str, terms: tuple[str, ...]) -> dict[str, Any]:
    """What each of ``terms`` (keys of ``TERM_TAGS``) did on file ``which``, in the model that file was coded on
    (``evaluation_heldout.term_effect``): for a term with short name ``t``, the recall without it
    (``<tag>_no<t>_macro3``), the hits it gained and lost (``<tag>_<t>_gained``, ``<tag>_<t>_lost``) and the predicted
    choices it changed (``<tag>_<t>_changed``)."""
    if not isinstance(terms, tuple) or not terms:
        raise ValueError(f"terms must be a non-empty tuple of term names, got {terms!r}")
    if not tag:
        raise ValueError("tag must be a non-empty prefix for the facts' names")
    unknown = [t for t in terms if t not in TERM_TAGS]
    if unknown:
        raise ValueError(f"terms must be among {', '.join(TERM_TAGS)}; got {', '.join(map(repr, unknown))}")
    facts: dict[str, Any] = {}
    for term in terms:
        effect = term_effect(runs, which, term)  # refuses an unknown file or a term switched off there
        short = TERM_TAGS[term]
        facts.update({f"{tag}_no{short}_macro3": effect["without"], f"{tag}_{short}_gained": len(effect["gained"]),
                      f"{tag}_{short}_lost": len(effect["lost"]), f"{tag}_{short}_changed": len(effect["changed"])})
    return facts


def twelfth_term_facts(runs: Runs) -> dict[str, Any]:
    """What two earlier terms did on the twelfth file, the first coded after fighting allies bind on which it acts:
    the recall without fighting allies bind (``ho12_nofab_macro3``) and the hits it gained and lost there
    (``ho12_fab_gained``, ``ho12_fab_lost``), and the recall without the hegemony shift (``ho12_noshift_macro3``) with
    the hits the shift gained and lost (``ho12_shift_gained``, ``ho12_shift_lost``), and the choices each changed
    (``ho12_fab_changed``, ``ho12_shift_changed``); :func:`term_facts` for the twelfth file."""
    return term_facts(runs, DECIDING_FILE, "ho12", ("fighting_allies_bind", "hegemony_shift"))


def thirteenth_term_facts(runs: Runs) -> dict[str, Any]:
    """The land-power reading's first clean test and what the two earlier terms did there (:func:`term_facts` for the
    thirteenth file, tag ``ho13``: ``ho13_no<t>_macro3``, ``ho13_<t>_gained``/``_lost``/``_changed`` for t in
    ``fab``, ``shift`` and ``land``)."""
    if (MODEL_VERSIONS[AS_CODED_ON[FIRST_CLEAN_FILE]] or ModelParameters()) != AT_THIRTEENTH_FILE:
        raise ValueError("the thirteenth file must be scored on the model it was coded on (AT_THIRTEENTH_FILE)")
    return term_facts(runs, FIRST_CLEAN_FILE, "ho13", tuple(TERM_TAGS))


def _near_a_third(frame: pd.DataFrame, within: float = 0.02) -> int:
    return int(((frame["threat_army_share"] - LAND_THRESHOLD_TRIED.hegemonic_army_share).abs() <= within).sum())


def threshold_facts(cases: pd.DataFrame, runs: Runs) -> dict[str, Any]:
    """The run of *land power as a threshold* (t, ``land_threshold``; ``versions.py``), prefix ``thr_``: on the book's
    cases, in the model as it stood (``LAND_HEGEMONY_TRIED``) and with t = 1 (``LAND_THRESHOLD_TRIED``), the
    three-way macro recall (``book_before``, ``book_after``), the hits per three-way outcome
    (``book_<outcome>_before``/``_after``, outcome ``against``, ``with``, ``out``), the four-way hits
    (``book_four_before``/``_after``), how many hits it gained and lost (``book_gained``, ``book_lost``), the
    predictions changed (``book_changed``), the leave-one-out three-way macro recall without and with t
    (``book_loo_before``, ``book_loo_after``), the decisions coded within 0.02 of a_h (``near_book``,
    ``near_files``); and, no test, every held-out file pooled, each predicted by the model as it stood with and
    without t (``files_before``, ``files_after``, ``files_gained``, ``files_lost``)."""
    missing = [w for w in HELDOUT_SETS if w not in runs]
    if missing:
        raise ValueError(f"runs must hold every held-out file; missing {', '.join(missing)}")
    observed = list(cases["observed"])
    before, after = (walt_predictions(cases, params=p) for p in (LAND_HEGEMONY_TRIED, LAND_THRESHOLD_TRIED))
    old, new = score(observed, before), score(observed, after)
    gained, lost = hits_changed(observed, before, after, cases.index)
    facts: dict[str, Any] = {"thr_book_before": old.three.macro_recall, "thr_book_after": new.three.macro_recall,
                             "thr_book_four_before": old.four.correct, "thr_book_four_after": new.four.correct,
                             "thr_book_gained": len(gained), "thr_book_lost": len(lost),
                             "thr_book_changed": sum(b != a for b, a in zip(before, after, strict=True))}
    for outcome in THREE_WAY:
        key = outcome.split()[-1]
        facts[f"thr_book_{key}_before"] = old.three.hits[outcome][0]
        facts[f"thr_book_{key}_after"] = new.three.hits[outcome][0]
    for key, params in (("before", LAND_HEGEMONY_TRIED), ("after", LAND_THRESHOLD_TRIED)):
        folds = leave_one_out(cases, params=params).folds
        facts[f"thr_book_loo_{key}"] = score(list(folds["observed"]), list(folds["predicted"])).three.macro_recall
    # decisions whose coded military share lies within 0.02 of a_h, where a step turns on small errors of measurement
    facts["thr_near_book"] = _near_a_third(cases)
    facts["thr_near_files"] = sum(_near_a_third(runs[which][0]) for which in HELDOUT_SETS)
    pooled: dict[str, list[str]] = {"observed": [], "before": [], "after": []}
    file_gained: list[str] = []
    file_lost: list[str] = []
    for which in HELDOUT_SETS:
        frame, _ = runs[which]
        b, a = (walt_predictions(frame, params=p) for p in (LAND_HEGEMONY_TRIED, LAND_THRESHOLD_TRIED))
        g, l_ = hits_changed(list(frame["observed"]), b, a, frame.index)
        file_gained += g
        file_lost += l_
        pooled["observed"] += list(frame["observed"])
        pooled["before"] += b
        pooled["after"] += a
    facts["thr_files_before"] = score(pooled["observed"], pooled["before"]).three.macro_recall
    facts["thr_files_after"] = score(pooled["observed"], pooled["after"]).three.macro_recall
    facts["thr_files_gained"], facts["thr_files_lost"] = len(file_gained), len(file_lost)
    return facts
