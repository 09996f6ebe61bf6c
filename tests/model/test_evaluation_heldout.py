"""The held-out tests (chapter 8, 'Held-out tests'): each file's frame, the predictors fixed on the book's cases
before scoring, and the pooled scores. What the chapter says about each file is checked in
``test_claims_ch8_files_1_to_4.py``, ``test_claims_ch8_rule_files_and_pooled.py``, ``test_claims_ch8_file_8.py`` and
``test_claims_ch8_file_11.py``."""

import re

import pytest

from widgets.io.cases import Case
from widgets.model import evaluation_heldout as eh
from widgets.model.evaluation_metrics import three_way
from widgets.model.parameters import ModelParameters
from widgets.model.versions import AT_ELEVENTH_FILE

from .heldout_support import ROOT, three


@pytest.mark.parametrize(("which", "n", "years"), [
    ("first", 30, [1854, 1855, 1866, 1877, 1878, 1990, 1991]),
    ("second", 24, [1870, 1904, 1967, 1980]),
    ("third", 24, [1864, 1894, 1913, 1939, 1940]),
    ("fourth", 23, [1911, 1912, 1929, 1931, 1932, 1935]),
    ("fifth", 22, [1823, 1827, 1828, 1848]),
    ("sixth", 22, [1848, 1849, 1856, 1859]),
    ("seventh", 24, [1860, 1862, 1882]),
    ("eighth", 20, [1884, 1900, 1919]),
    ("ninth", 27, [1938, 1939, 1950, 1956]),
    ("tenth", 29, [1982, 1999, 2001, 2003]),
    ("eleventh", 25, [1898, 1937, 1954, 1958]),
])
def test_each_file_is_the_frame_the_codebook_states(book, which, n, years):
    """Every optional input coded, no decision among the book's cases or another file, every source
    in the bibliography, and exactly the wars the codebook lists."""
    cases, files, _, _ = book
    heldout = files[which]
    others = set().union(*(set(files[w].index) for w in files if w != which))
    assert len(heldout) == n and not set(heldout.index) & (set(cases.index) | others)
    for column in ("capability", "target", "others_engaged", "neutrality_lesson", "allies_fighting"):
        assert heldout[column].notna().all(), column
    # allies_fighting entered the codebook with the tenth file and was coded into the first nine later (0 in peace)
    assert (heldout["why_allies_fighting"].str.len() > 0).all()
    assert (heldout.loc[~heldout["war"], "allies_fighting"] == 0).all()
    keys = set(re.findall(r"@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text()))
    assert {k.strip() for s in heldout["sources"] for k in s.split(";")} <= keys
    assert sorted(heldout["year"].unique()) == years
    codebook = (ROOT / "data" / "README.md").read_text()
    assert f"holds {n} decisions" in codebook


def test_unknown_file_is_refused():
    with pytest.raises(ValueError, match="which must be one of 'first', 'second', 'third', 'fourth', 'fifth', "
                                         "'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', "
                                         "'thirteenth', got 'fourteenth'"):
        eh.load_heldout("fourteenth")


def test_predictors_are_fixed_on_the_book_cases_not_on_the_heldout_ones(book):
    """Changing the held-out outcomes changes no prediction (nothing is fitted to them), and a
    held-out file that repeats a book case is refused."""
    cases, files, predictions, _ = book
    heldout = files["first"]
    flipped = heldout.copy()
    flipped["observed"] = ["neutral" if o == "balance" else "balance" for o in heldout["observed"]]
    assert eh.heldout_predictions(cases, flipped) == predictions["first"]
    with pytest.raises(ValueError, match="must not be among the book's cases; both hold norway-1949"):
        eh.heldout_predictions(cases, cases.loc[["norway-1949"]])
    assert predictions["first"][eh.WALT] == [Case(r).predict().choice for r in heldout.to_dict("records")]
    assert predictions["first"][eh.MODAL] == ["balance"] * len(heldout)


def test_the_two_rules_coincide_and_the_clean_row_comes_first(book):
    """'the two rules coincide'; the table's first row is the file's clean test, marked."""
    cases, files, predictions, _ = book
    for which in eh.HELDOUT_SETS:
        assert predictions[which][eh.BEST_RULE] == predictions[which][eh.WAR_RULE]
        table = eh.heldout_table(eh.scores_of(files[which], predictions[which]), clean=eh.AS_CODED_ON[which])
        assert table.index[0] == f"{eh.AS_CODED_ON[which]} (clean test)"
    with pytest.raises(ValueError, match="clean must be one of"):
        eh.heldout_table(eh.scores_of(files["first"], predictions["first"]), clean="nobody")


def test_pooled_scores_use_the_model_as_it_stood_for_each_file(book):
    cases, files, predictions, f = book
    pooled = eh.pooled_scores(cases, eh.run_all(cases))
    order = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
             "twelfth", "thirteenth")
    assert tuple(eh.HELDOUT_SETS) == order
    assert [eh.AS_CODED_ON[w] for w in order] == [eh.WALT_AT_FIRST, eh.WALT_AT_SECOND, eh.WALT_AT_THIRD,
                                                  eh.WALT_AT_FOURTH] + [eh.WALT_AT_FIFTH] * 5 + [eh.WALT_AT_TENTH] + [
                                                      eh.WALT_AT_ELEVENTH] * 2 + [eh.WALT]
    observed = three_way([o for which in order for o in files[which]["observed"]])
    coded = [p for which in order for p in three(predictions, which, eh.AS_CODED_ON[which])]
    assert pooled[eh.AS_CODED].three.correct == sum(o == p for o, p in zip(observed, coded, strict=True))
    assert f["hop_n"] == sum(f[f"ho{k}_n"] for k in range(1, 14)) == len(observed)
    table = eh.heldout_table(pooled)
    assert list(table.index) == list(eh.POOLED)
    assert table.loc[eh.AS_CODED, "macro recall (3)"] == round(f["hop_coded_macro3"], 3)
    # shared runs and shared baselines (as chapter 8 and run_all use them) give what computing afresh gives
    assert eh.heldout_predictions(cases, files["fourth"]) == predictions["fourth"]
    assert eh.all_heldout_facts(cases) == f
    with pytest.raises(ValueError, match="baselines must be fitted on the same cases"):
        eh.heldout_predictions(cases, files["first"], eh.Baselines(cases.iloc[:-1]))


def test_the_eleventh_and_twelfth_files_are_scored_on_the_model_they_were_coded_on():
    """Both were coded on the model before the land-power reading (versions.AT_ELEVENTH_FILE = AT_TWELFTH_FILE), which
    differs from the model as it stands by that term alone, so their clean tests do not move with the defaults."""
    from widgets.model.versions import AT_TWELFTH_FILE, LAND_HEGEMONY_TRIED

    assert eh.AS_CODED_ON["eleventh"] == eh.AS_CODED_ON["twelfth"] == eh.WALT_AT_ELEVENTH
    assert eh.MODEL_VERSIONS[eh.WALT_AT_ELEVENTH] == AT_TWELFTH_FILE == AT_ELEVENTH_FILE
    assert AT_ELEVENTH_FILE.land_hegemony == 0.0 and ModelParameters().land_hegemony == 1.0
    assert LAND_HEGEMONY_TRIED == ModelParameters()


def test_recall_without_a_term_names_a_bad_parameter(book):
    cases, files, predictions, _ = book
    runs = {"eleventh": (files["eleventh"], predictions["eleventh"])}
    assert "land_hegemony" in eh.TERMS
    with pytest.raises(ValueError, match="parameter must be one of the model's terms, resistance_feasibility, .*"
                                         "hegemony_shift; got 'hegemony'"):
        eh.recall_without(runs, "eleventh", "hegemony")
    with pytest.raises(ValueError, match="parameter must be one of the model's terms"):
        eh.recall_without(runs, "eleventh", "response_slope")  # a coefficient, not a term one switches off
    with pytest.raises(ValueError, match="which must be one of 'eleventh', got 'twelfth'"):
        eh.recall_without(runs, "twelfth", "piling_on")
    # switching off a term that does not act there leaves the clean test's recall
    clean = eh.scores_of(files["eleventh"], predictions["eleventh"])[eh.WALT_AT_ELEVENTH].three.macro_recall
    assert eh.recall_without(runs, "eleventh", "piling_on") == clean


def test_the_logit_names_an_unknown_input(cases):
    from widgets.model.evaluation_logit import fit_logit

    with pytest.raises(ValueError, match="names: unknown input 'nope'; allowed: the cases' columns and victory_x_war"):
        fit_logit(cases, names=["nope"])
    with pytest.raises(ValueError, match="names: unknown input 'nope'"):  # also where an outcome is missing
        fit_logit(cases[cases["observed"] != "bandwagon"], names=["nope"])
