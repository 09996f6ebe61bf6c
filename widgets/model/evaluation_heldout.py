"""Held-out tests: decisions coded after the model was fixed, scored once.

Every number in chapter 8's earlier sections is computed on the cases the model's authors had
seen while writing it; two of its terms (capitulation and feasibility, ``alignment.py``) were
added after looking at its misses there. Those numbers cannot test it. ``data/cases_heldout.csv``
holds decisions that no model had been run on: the third parties of four wars (the Crimean War,
1853-56; the Austro-Prussian War, 1866; the Russo-Turkish War, 1877-78; the Gulf crisis, 1990-91),
every listed state of each war coded by the codebook (``data/README.md``) by coders who did not see
the model or its scores. The file was committed before any model was run on it (the commit order
is the record); the frame (which wars, which states) was fixed by the book's author, who knows the
model, but no decision in it was chosen or dropped for how it would score.

After that test, one more change was made to the model (hiding ends as the threat nears defeat,
``hiding_ends_with_defeat``), designed after seeing the first file's misses, so the first file no longer tests it.
``data/cases_heldout_2.csv`` holds 24 further decisions coded the same way after that change (the Franco-Prussian
War, 1870; the Russo-Japanese War, 1904-05; the 1967 crisis and war; the first year of the Iran-Iraq War, 1980),
committed before any model was run on them. After both, the insulation term (an insulated great power passes the
buck, ``insulated_buckpassing``) was added, prompted by great powers that stood aside on both files; neither tests
it. ``data/cases_heldout_3.csv`` (24 decisions: 1864, 1894-95, 1913, 1939-40) was then coded and committed before
any model was run on it; after it, the hegemony shift (great powers balance against would-be hegemons,
``hegemony_shift``) was added, prompted by its great-power onlookers. ``data/cases_heldout_4.csv`` (23 decisions:
1911-12, 1929, 1931-33, 1935-36) followed; after it, allies end hiding (``allies_end_hiding``) was added, prompted
by small states with certain allies predicted to hide on the earlier files (and chain-ganging specified and not
adopted). ``data/cases_heldout_5.csv`` (22 decisions: 1823, 1827, 1828-29, 1848), its wars taken by a rule fixed
before coding, was then committed before any model was run on it; after it, free-riders align
(``free_riders_align``) was specified and run once, and not adopted, so ``data/cases_heldout_6.csv`` (22
decisions: 1848-49, 1849, 1856-57, 1859, the next wars by the same rule) tests the same model as the fifth. After
the sixth, buck-passers are great powers (``buckpassers_are_great_powers``) was specified, run once and not
adopted, so ``data/cases_heldout_7.csv`` (24 decisions: 1860, 1860-61, 1862, 1882, the rule's next four wars)
tests the same model as the fifth and sixth. After the seventh, allies at war bind (``allies_at_war_bind``) was
specified and run once on the book's cases, its decision left to the next file: ``data/cases_heldout_8.csv`` (20
decisions: 1884, 1900, 1919, the rule's next four wars) tests the model as the fifth file was coded and decided
that term (not adopted: ``evaluation_specs``). After it, piling on (``piling_on``) was specified and run once on
the book's cases, its decision left to ``data/cases_heldout_9.csv`` (27 decisions: 1938, 1939, 1950, 1956, the
rule's next four wars), which tests the same model as the fifth to eighth files; the term changed nothing there
and was adopted by its rule. After it, fighting allies bind (``fighting_allies_bind``) was specified with a new
coded input (``allies_fighting``), coded for the book's cases and run once on them, its decision left to
``data/cases_heldout_10.csv`` (29 decisions: 1982, 1999, 2001, 2003, the rule's next four wars, coded with the new
input), which tests the model as it stood with piling on and adopted the term. With that rule's wars used up, a new
rule of the same kind (the wars of the great powers outside Europe) gave ``data/cases_heldout_11.csv`` (25 decisions:
1898, 1937, 1954, 1958), the first clean test of the model with piling on and fighting allies bind, on which nothing
waited. After it, the hegemony shift's land-power reading (``land_hegemony``) was specified with a new input
(``threat_army_share``), computed for every file and run once on the book's cases, its decision left to
``data/cases_heldout_12.csv`` (19 decisions: 1965, 1970, 1987, the same rule's last three wars), which tests the
model as the eleventh file did and, the term changing nothing there, adopted it. ``data/cases_heldout_13.csv`` (7
decisions: 1968, the war the twelfth file's frame overlooked, the rule's last), framed and coded after that adoption
with no term waiting, is the first clean test of the model as it stands. ``HELDOUT_SETS`` names the files; on each,
the clean test is of the model as it stood when the file was committed (``AS_CODED_ON``).

What is compared (all fixed before the held-out decisions were seen, none refitted on them):

- Walt's threat model in each version of ``MODEL_VERSIONS``: as it stands (the book's defaults), as
  each file was coded, without the feasibility term, and before the eight later changes;
- the most common choice in the book's cases (balancing);
- the best simple rule, tuned on the book's cases for held-out three-way macro recall
  (:func:`widgets.model.evaluation_rules.best_rule`), and the "war and victory" rule tuned there
  for accuracy, each applied at its tuned setting;
- the estimated three-way logit (:mod:`widgets.model.evaluation_logit`), fitted on the book's
  cases and predicting the held-out ones.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd

from ..io.cases import load_cases
from ..io.csvtable import data_file
from .alignment import ModelParameters
from .evaluation import WITHOUT_FEASIBILITY, _check_cases, walt_predictions
from .evaluation_logit import BASE_COVARIATES, covariates, fit_logit
from .evaluation_metrics import THREE_WAY, Scorecard, hits_changed, macro_recall_gap_interval, score
from .evaluation_rules import RULES_BY_NAME, best_rule, fit_rule, fit_rules
from .parameters import SWITCHES
from .versions import (
    AT_FIFTH_FILE,
    AT_FIRST_FILE,
    AT_FOURTH_FILE,
    AT_SECOND_FILE,
    AT_TENTH_FILE,
    AT_THIRD_FILE,
    AT_TWELFTH_FILE,
    BEFORE_ALL,
)

HELDOUT_FILE = "cases_heldout.csv"
HELDOUT_2_FILE = "cases_heldout_2.csv"
HELDOUT_3_FILE = "cases_heldout_3.csv"
HELDOUT_4_FILE = "cases_heldout_4.csv"
HELDOUT_5_FILE = "cases_heldout_5.csv"
HELDOUT_6_FILE = "cases_heldout_6.csv"
HELDOUT_7_FILE = "cases_heldout_7.csv"
HELDOUT_8_FILE = "cases_heldout_8.csv"
HELDOUT_9_FILE = "cases_heldout_9.csv"
HELDOUT_10_FILE = "cases_heldout_10.csv"
HELDOUT_11_FILE = "cases_heldout_11.csv"
HELDOUT_12_FILE = "cases_heldout_12.csv"
HELDOUT_13_FILE = "cases_heldout_13.csv"
HELDOUT_SETS: dict[str, str] = {"first": HELDOUT_FILE, "second": HELDOUT_2_FILE, "third": HELDOUT_3_FILE,
                                "fourth": HELDOUT_4_FILE, "fifth": HELDOUT_5_FILE, "sixth": HELDOUT_6_FILE,
                                "seventh": HELDOUT_7_FILE, "eighth": HELDOUT_8_FILE, "ninth": HELDOUT_9_FILE,
                                "tenth": HELDOUT_10_FILE, "eleventh": HELDOUT_11_FILE, "twelfth": HELDOUT_12_FILE,
                                "thirteenth": HELDOUT_13_FILE}
# The model as it stood when each file was committed: versions.py (the fifth to ninth files: the model as it
# stands but for piling on, fighting allies bind and the land-power reading, adopted after the ninth, the tenth and
# the twelfth had been run).
WALT = "Walt's threat model as it stands"
WALT_AT_FIRST = "Walt's model as the first file was coded (no hiding change, insulation or hegemony shift)"
WALT_AT_SECOND = "Walt's model as the second file was coded (no insulation or hegemony shift)"
WALT_AT_THIRD = "Walt's model as the third file was coded (no hegemony shift)"
WALT_AT_FOURTH = "Walt's model as the fourth file was coded (allies do not end hiding)"
WALT_AT_FIFTH = "Walt's model as the fifth to ninth files were coded (no piling on or fighting allies bind)"
WALT_AT_TENTH = "Walt's model as the tenth file was coded (no fighting allies bind)"
WALT_AT_ELEVENTH = "Walt's model as the eleventh and twelfth files were coded (no land-power reading)"
WALT_WITHOUT_F = "Walt's model as it stands, without the feasibility term"
WALT_BEFORE = "Walt's model before the eight later changes"
MODAL = "most common choice in the book's cases"
BEST_RULE = "best simple rule (tuned on the book's cases for macro recall)"
WAR_RULE = "war and victory (tuned on the book's cases for accuracy)"
LOGIT = "estimated logit (fitted on the book's cases)"
MODEL_VERSIONS: dict[str, ModelParameters | None] = {
    WALT: None, WALT_AT_FIRST: AT_FIRST_FILE, WALT_AT_SECOND: AT_SECOND_FILE, WALT_AT_THIRD: AT_THIRD_FILE,
    WALT_AT_FOURTH: AT_FOURTH_FILE, WALT_AT_FIFTH: AT_FIFTH_FILE, WALT_AT_TENTH: AT_TENTH_FILE,
    WALT_AT_ELEVENTH: AT_TWELFTH_FILE, WALT_WITHOUT_F: WITHOUT_FEASIBILITY, WALT_BEFORE: BEFORE_ALL,
}
PREDICTORS: tuple[str, ...] = (*MODEL_VERSIONS, MODAL, BEST_RULE, WAR_RULE, LOGIT)
PREFIXES: dict[str, str] = dict(zip(
    PREDICTORS, ("walt", "at1", "at2", "at3", "at4", "at5", "at10", "at11", "nof", "before", "modal", "rule", "war",
                 "logit"),
    strict=True))


def load_heldout(which: str = "first") -> pd.DataFrame:
    """A held-out file (``which``: a key of ``HELDOUT_SETS``), validated like ``cases.csv``."""
    if which not in HELDOUT_SETS:
        raise ValueError(f"which must be one of {', '.join(map(repr, HELDOUT_SETS))}, got {which!r}")
    return load_cases(data_file(HELDOUT_SETS[which]))


def walt_correct3(which: str, params: ModelParameters | None = None) -> int:
    """Three-way hits of Walt's model (``params``, default the book's) on one held-out file, as
    chapter 8 scores it; chapters 1 and 3 quote these counts to weigh the feasibility term."""
    heldout = load_heldout(which)
    return score(list(heldout["observed"]), walt_predictions(heldout, params=params)).three.correct


class Baselines:
    """The baselines fitted on the book's cases, once, and shared by every held-out file: the modal
    choice, the best rule (tuned for three-way macro recall), the "war and victory" rule (tuned for
    accuracy) and the three-way logit (one fit per set of inputs a held-out file has coded)."""

    def __init__(self, cases: pd.DataFrame) -> None:
        self.cases = _check_cases(cases)
        self.modal = self.cases["observed"].mode().iloc[0]
        self.best = best_rule(fit_rules(self.cases, "macro recall (3)"))
        self.war = fit_rule("war and victory", self.cases)
        self._logits: dict[tuple[str, ...], Any] = {}

    def logit(self, heldout: pd.DataFrame) -> Any:
        """The logit on the inputs ``heldout`` codes: every base input (``victory_x_war`` is derived from ``war`` and
        ``victory``, which every file codes) and the optional ones its columns code in full."""
        names = tuple(n for n in covariates(self.cases)
                      if n in BASE_COVARIATES or (n in heldout.columns and heldout[n].notna().all()))
        if names not in self._logits:
            self._logits[names] = fit_logit(self.cases, "three", names=names)
        return self._logits[names]


# The three-way logit's labels as choices: one representative of each side (the three-way score reads it back).
LOGIT_CHOICE: dict[str, str] = dict(zip(THREE_WAY, ("balance", "bandwagon", "neutral"), strict=True))


def logit_choices(fit: Any, frame: pd.DataFrame) -> list[str]:
    """A fitted three-way logit's predictions for ``frame``, as choices (``LOGIT_CHOICE``)."""
    return [LOGIT_CHOICE[p] for p in fit.predict(frame)]


def logit_choices_without(baselines: Baselines, frame: pd.DataFrame, column: str) -> list[str]:
    """The logit's choices for ``frame`` read as not coding ``column``: the logit fitted without that input, as it
    was before a file coded it."""
    blind = frame.assign(**{column: float("nan")})
    return logit_choices(baselines.logit(blind), blind)


def heldout_predictions(cases: pd.DataFrame, heldout: pd.DataFrame,
                        baselines: Baselines | None = None) -> dict[str, list[str]]:
    """Each predictor's choice for every held-out decision, everything fixed on ``cases`` first
    (``baselines``, fitted on ``cases``, saves fitting them again for each file).
    The logit predicts the three-way split; its labels are mapped back to a representative choice
    (align against -> balance, align with -> bandwagon, stay out -> neutral), which the three-way
    score reads back unchanged."""
    cases, heldout = _check_cases(cases), _check_cases(heldout)
    overlap = sorted(set(cases.index) & set(heldout.index))
    if overlap:
        raise ValueError(f"held-out decisions must not be among the book's cases; both hold {', '.join(overlap)}")
    if baselines is None:
        baselines = Baselines(cases)
    elif baselines.cases is not cases and not baselines.cases.equals(cases):
        raise ValueError("baselines must be fitted on the same cases")
    best, war = baselines.best, baselines.war
    return {
        **{name: walt_predictions(heldout, params=params) for name, params in MODEL_VERSIONS.items()},
        MODAL: [baselines.modal] * len(heldout),
        BEST_RULE: RULES_BY_NAME[best.rule].predict(heldout, *best.setting),
        WAR_RULE: RULES_BY_NAME["war and victory"].predict(heldout, *war.setting),
        LOGIT: logit_choices(baselines.logit(heldout), heldout),
    }


Runs = dict[str, tuple[pd.DataFrame, dict[str, list[str]]]]


def run_all(cases: pd.DataFrame | None = None, baselines: Baselines | None = None) -> Runs:
    """Each held-out file (by ``HELDOUT_SETS`` key) with every predictor's choices on it, computed
    once, for :func:`scores_of`, :func:`pooled_scores` and :func:`all_heldout_facts` to share
    (``baselines``, fitted on ``cases``, saves fitting them again)."""
    cases = load_cases() if cases is None else cases
    baselines = Baselines(cases) if baselines is None else baselines
    runs: Runs = {}
    for which in HELDOUT_SETS:
        heldout = load_heldout(which)
        runs[which] = (heldout, heldout_predictions(cases, heldout, baselines))
    return runs


def scores_of(heldout: pd.DataFrame, predictions: dict[str, list[str]]) -> dict[str, Scorecard]:
    """Every predictor's choices scored against the held-out decisions (both splits; the logit's
    four-way score is not meaningful, read its three-way one)."""
    observed = list(heldout["observed"])
    return {name: score(observed, predicted) for name, predicted in predictions.items()}


def heldout_scores(cases: pd.DataFrame | None = None, heldout: pd.DataFrame | None = None) -> dict[str, Scorecard]:
    """:func:`scores_of` for one held-out file (default the first), predictions fixed on ``cases``."""
    cases = load_cases() if cases is None else cases
    heldout = load_heldout() if heldout is None else heldout
    return scores_of(heldout, heldout_predictions(cases, heldout))


def heldout_table(scores: dict[str, Scorecard], clean: str | None = None) -> pd.DataFrame:
    """One row per predictor: three-way hits per outcome, correct, and macro recall. ``clean`` names
    the predictor the file tests cleanly (the model as it stood when the file was coded): its row
    comes first, marked "(clean test)"."""
    if clean is not None and clean not in scores:
        raise ValueError(f"clean must be one of {', '.join(map(repr, scores))}, got {clean!r}")
    order = ([clean] if clean else []) + [name for name in scores if name != clean]
    records = []
    for name in order:
        card = scores[name]
        three = card.three
        record: dict[str, Any] = {"predictor": f"{name} (clean test)" if name == clean else name}
        record.update({o: f"{three.hits[o][0]}/{three.hits[o][1]}" for o in THREE_WAY})
        record["correct (3)"] = f"{three.correct}/{three.n}"
        record["macro recall (3)"] = round(three.macro_recall, 3)
        records.append(record)
    return pd.DataFrame(records).set_index("predictor")


def heldout_facts(scores: dict[str, Scorecard], heldout: pd.DataFrame, tag: str = "ho") -> dict[str, Any]:
    """Chapter 8's numbers for one file: ``<tag>_n``, the observed counts ``<tag>_obs3_*``, and for
    each predictor (prefixes ``<tag>_`` + ``PREFIXES``) its ``_macro3``, ``_correct3`` and
    ``_hit3_against``/``_with``/``_out``."""
    facts: dict[str, Any] = {f"{tag}_n": len(heldout)}
    first = next(iter(scores.values())).three
    for outcome in THREE_WAY:
        facts[f"{tag}_obs3_{outcome.split()[-1]}"] = first.hits[outcome][1]
    for name, card in scores.items():
        prefix = f"{tag}_{PREFIXES[name]}"
        facts[f"{prefix}_macro3"] = card.three.macro_recall
        facts[f"{prefix}_correct3"] = card.three.correct
        for outcome in THREE_WAY:
            facts[f"{prefix}_hit3_{outcome.split()[-1]}"] = card.three.hits[outcome][0]
    return facts


AS_CODED = "Walt's model as it stood when each file was coded"
# On each file, the model its coders' work could test (the version committed before the file was). The eleventh and
# twelfth were coded on the model before the land-power reading (versions.AT_ELEVENTH_FILE, AT_TWELFTH_FILE); the
# thirteenth on the model as it stands, the first clean test of the land-power reading.
AS_CODED_ON: dict[str, str] = {"first": WALT_AT_FIRST, "second": WALT_AT_SECOND, "third": WALT_AT_THIRD,
                               "fourth": WALT_AT_FOURTH, "fifth": WALT_AT_FIFTH, "sixth": WALT_AT_FIFTH,
                               "seventh": WALT_AT_FIFTH, "eighth": WALT_AT_FIFTH, "ninth": WALT_AT_FIFTH,
                               "tenth": WALT_AT_TENTH, "eleventh": WALT_AT_ELEVENTH, "twelfth": WALT_AT_ELEVENTH,
                               "thirteenth": WALT}
POOLED: tuple[str, ...] = (AS_CODED, MODAL, BEST_RULE, WAR_RULE, LOGIT)


def pooled_scores(cases: pd.DataFrame | None = None, runs: Runs | None = None) -> dict[str, Scorecard]:
    """Every held-out decision of both files, each predicted by what was fixed before its file was
    coded: the model as it stood then (``AS_CODED_ON``) and the baselines, which no file changed.
    ``runs`` (from :func:`run_all`) saves computing the predictions again."""
    observed, predicted = pooled_choices(run_all(cases) if runs is None else runs)
    return {name: score(observed, values) for name, values in predicted.items()}


def pooled_choices(runs: Runs) -> tuple[list[str], dict[str, list[str]]]:
    """Every held-out decision's observed choice, file after file, and each ``POOLED`` predictor's choices
    for them: the model as it stood when each file was coded (``AS_CODED_ON``) and the baselines."""
    observed: list[str] = []
    predicted: dict[str, list[str]] = {name: [] for name in POOLED}
    for which, (heldout, predictions) in runs.items():
        observed += list(heldout["observed"])
        predicted[AS_CODED] += predictions[AS_CODED_ON[which]]
        for name in POOLED[1:]:
            predicted[name] += predictions[name]
    return observed, predicted


FILE_COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("model as coded", None), ("always balancing", MODAL), ("best rule", BEST_RULE), ("logit", LOGIT))


def files_table(runs: Runs) -> pd.DataFrame:
    """One row per held-out file, in the order coded: its years, its decisions, and the three-way macro
    recall of the model as it stood when the file was coded (``AS_CODED_ON``, the file's clean test)
    beside the baselines', each fixed on the book's cases before the file was seen."""
    records = []
    for which, (heldout, predictions) in runs.items():
        scores = scores_of(heldout, predictions)
        years = heldout["year"]
        first, last = int(years.min()), int(years.max())
        record: dict[str, Any] = {"file": which, "years": f"{first}-{last}" if last > first else str(first),
                                  "decisions": len(heldout)}
        for label, name in FILE_COLUMNS:
            record[label] = round(scores[name or AS_CODED_ON[which]].three.macro_recall, 3)
        records.append(record)
    return pd.DataFrame(records).set_index("file")


def hegemony_shift_record(runs: Runs) -> dict[str, Any]:
    """What the hegemony shift did on each file coded after it was adopted: the model as the file was coded
    (``AS_CODED_ON``) against the same model with ``hegemony_shift`` = 0. ``files``, the three-way hits it
    ``gained`` and ``lost`` (case ids) and the files on which it ``raised`` the three-way macro recall."""
    record: dict[str, Any] = {"files": [], "gained": [], "lost": [], "raised": []}
    for which in runs:
        if (MODEL_VERSIONS[AS_CODED_ON[which]] or ModelParameters()).hegemony_shift == 0.0:
            continue
        effect = term_effect(runs, which, "hegemony_shift")
        record["files"].append(which)
        record["gained"] += effect["gained"]
        record["lost"] += effect["lost"]
        if effect["with"] > effect["without"]:
            record["raised"].append(which)
    return record


# the terms recall_without can switch off: the switches and the hegemony shift (a coefficient, 0 = off)
TERMS: tuple[str, ...] = (*SWITCHES, "hegemony_shift")


def recall_without(runs: Runs, which: str, parameter: str) -> float:
    """Three-way macro recall on file ``which`` of the model as that file was coded (``AS_CODED_ON``) with the term
    ``parameter`` (a ``ModelParameters`` field) switched off: what the term did on a file coded after it."""
    return term_effect(runs, which, parameter)["without"]


def term_effect(runs: Runs, which: str, parameter: str) -> dict[str, Any]:
    """What the term ``parameter`` (one of ``TERMS``) did on file ``which``, in the model as that file was coded
    (``AS_CODED_ON``): the three-way macro recall ``with`` it (the clean test) and ``without`` it, the hits it
    ``gained`` and ``lost`` and the predicted choices it ``changed`` (case ids). A term switched off in that version did
    nothing there: a ValueError says so."""
    if which not in runs:
        raise ValueError(f"which must be one of {', '.join(map(repr, runs))}, got {which!r}")
    if parameter not in TERMS:
        raise ValueError(f"parameter must be one of the model's terms, {', '.join(TERMS)}; got {parameter!r}")
    params = MODEL_VERSIONS[AS_CODED_ON[which]] or ModelParameters()
    if getattr(params, parameter) == 0.0:
        raise ValueError(f"{parameter} is switched off in the model the {which} file was coded on; "
                         "it did nothing there")
    heldout, predictions = runs[which]
    observed = list(heldout["observed"])
    with_term, without = predictions[AS_CODED_ON[which]], _without(heldout, which, parameter)
    gained, lost = hits_changed(observed, without, with_term, heldout.index)
    changed = tuple(c for c, w, x in zip(heldout.index, without, with_term, strict=True) if w != x)
    return {"with": score(observed, with_term).three.macro_recall,
            "without": score(observed, without).three.macro_recall, "gained": gained, "lost": lost,
            "changed": changed}


def _without(heldout: pd.DataFrame, which: str, parameter: str) -> list[str]:
    """The predictions on ``heldout`` (file ``which``) of the model as that file was coded with ``parameter`` = 0."""
    params = MODEL_VERSIONS[AS_CODED_ON[which]] or ModelParameters()
    return walt_predictions(heldout, params=replace(params, **{parameter: 0.0}))


def all_heldout_facts(cases: pd.DataFrame | None = None, runs: Runs | None = None) -> dict[str, Any]:
    """Chapter 8's held-out numbers: each file's (tags ``ho1`` to ``ho13``, in ``HELDOUT_SETS`` order;
    ``ho11_noshift_macro3``, the eleventh's recall without the hegemony shift), the book-case scores of the models
    the files test (``book_at1_macro3`` to ``book_at5_macro3``, and ``book_at10_macro3``), how many files the model
    as coded scores above each baseline on (``hof_files``, ``hof_above_modal``/``_rule``/``_logit``), the hegemony
    shift's record on the files coded after it (``hes_files``, ``hes_gained``, ``hes_lost``, ``hes_raised``),
    95% bootstrap intervals of the pooled gaps in macro recall (``hop_gap_logit_*``: the logit's lead over the
    model as coded; ``hop_gap_modal_*`` and ``hop_gap_rule_*``: the model's lead over always balancing and over
    the rule; ``_low``/``_high``; ``hop_gapw_*`` the same resampling whole groups of decisions from one file
    and year, ``hop_groups`` of them) and the pooled scores
    (``hop_n``, ``hop_obs3_*``, and ``hop_coded``/``hop_modal``/``hop_rule``/``hop_war``/``hop_logit``
    with ``_macro3``, ``_correct3`` and ``_hit3_*``)."""
    cases = load_cases() if cases is None else cases
    runs = run_all(cases) if runs is None else runs
    facts: dict[str, Any] = {}
    for number, which in enumerate(HELDOUT_SETS, start=1):  # tags ho1, ho2, ... in the order the files were coded
        tag = f"ho{number}"
        heldout, predictions = runs[which]
        facts.update(heldout_facts(scores_of(heldout, predictions), heldout, tag))
    for prefix, params in (("book_at1", AT_FIRST_FILE), ("book_at2", AT_SECOND_FILE), ("book_at3", AT_THIRD_FILE),
                           ("book_at4", AT_FOURTH_FILE), ("book_at5", AT_FIFTH_FILE), ("book_at10", AT_TENTH_FILE)):
        facts[f"{prefix}_macro3"] = score(list(cases["observed"]), walt_predictions(cases, params=params)
                                          ).three.macro_recall
    table = files_table(runs)
    facts["hof_files"] = len(table)
    for key, column in (("modal", "always balancing"), ("rule", "best rule"), ("logit", "logit")):
        facts[f"hof_above_{key}"] = int((table["model as coded"] > table[column]).sum())
    shift = hegemony_shift_record(runs)
    facts.update({f"hes_{key}": len(value) for key, value in shift.items()})
    if "eleventh" in runs:  # the shift's cost on the eleventh file's clean test (the model before the land reading)
        facts["ho11_noshift_macro3"] = recall_without(runs, "eleventh", "hegemony_shift")
    pooled = pooled_scores(cases, runs)
    observed, chosen = pooled_choices(runs)
    # groups: decisions from the same file and year, a stand-in for their war (no file records the war itself)
    groups = [f"{which}-{year}" for which, (heldout, _) in runs.items() for year in heldout["year"]]
    facts["hop_groups"] = len(set(groups))
    for key, ahead, behind in (("logit", LOGIT, AS_CODED), ("modal", AS_CODED, MODAL), ("rule", AS_CODED, BEST_RULE)):
        facts[f"hop_gap_{key}_low"], facts[f"hop_gap_{key}_high"] = macro_recall_gap_interval(
            observed, chosen[ahead], chosen[behind])
        facts[f"hop_gapw_{key}_low"], facts[f"hop_gapw_{key}_high"] = macro_recall_gap_interval(
            observed, chosen[ahead], chosen[behind], groups=groups)
    first = pooled[AS_CODED].three
    facts["hop_n"] = first.n
    for outcome in THREE_WAY:
        facts[f"hop_obs3_{outcome.split()[-1]}"] = first.hits[outcome][1]
    for name, prefix in zip(POOLED, ("coded", "modal", "rule", "war", "logit"), strict=True):
        card = pooled[name].three
        facts[f"hop_{prefix}_macro3"], facts[f"hop_{prefix}_correct3"] = card.macro_recall, card.correct
        for outcome in THREE_WAY:
            facts[f"hop_{prefix}_hit3_{outcome.split()[-1]}"] = card.hits[outcome][0]
    return facts
