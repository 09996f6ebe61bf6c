"""The held-out tests (chapter 8, 'Held-out tests'): the four files, the predictors fixed on the book's
cases before scoring, and every comparison the chapter states in words."""

import re
from dataclasses import replace
from pathlib import Path

import pytest

from widgets import predict
from widgets.io.cases import Case, load_cases
from widgets.model import evaluation as ev
from widgets.model import evaluation_heldout as eh
from widgets.model.evaluation_metrics import score, three_way
from widgets.model.parameters import ModelParameters
from widgets.model.versions import FREE_RIDERS_TRIED, GREAT_POWER_BUCKPASSING_TRIED

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def book():
    cases = load_cases()
    runs = eh.run_all(cases)
    files = {which: heldout for which, (heldout, _) in runs.items()}
    predictions = {which: p for which, (_, p) in runs.items()}
    return cases, files, predictions, eh.all_heldout_facts(cases, runs)


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


@pytest.mark.parametrize(("which", "n", "years"), [
    ("first", 30, [1854, 1855, 1866, 1877, 1878, 1990, 1991]),
    ("second", 24, [1870, 1904, 1967, 1980]),
    ("third", 24, [1864, 1894, 1913, 1939, 1940]),
    ("fourth", 23, [1911, 1912, 1929, 1931, 1932, 1935]),
    ("fifth", 22, [1823, 1827, 1828, 1848]),
    ("sixth", 22, [1848, 1849, 1856, 1859]),
    ("seventh", 24, [1860, 1862, 1882]),
])
def test_each_file_is_the_frame_the_codebook_states(book, which, n, years):
    """Every optional input coded, no decision among the book's cases or another file, every source
    in the bibliography, and exactly the wars the codebook lists."""
    cases, files, _, _ = book
    heldout = files[which]
    others = set().union(*(set(files[w].index) for w in files if w != which))
    assert len(heldout) == n and not set(heldout.index) & (set(cases.index) | others)
    for column in ("capability", "target", "others_engaged", "neutrality_lesson"):
        assert heldout[column].notna().all(), column
    keys = set(re.findall(r"@\w+\{([^,\s]+),", (ROOT / "references.bib").read_text()))
    assert {k.strip() for s in heldout["sources"] for k in s.split(";")} <= keys
    assert sorted(heldout["year"].unique()) == years
    codebook = (ROOT / "data" / "README.md").read_text()
    assert f"holds {n} decisions" in codebook


def test_unknown_file_is_refused():
    with pytest.raises(ValueError, match="which must be one of 'first', 'second', 'third', 'fourth', 'fifth', "
                                         "'sixth', 'seventh', got 'eighth'"):
        eh.load_heldout("eighth")


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
    order = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh")
    assert tuple(eh.HELDOUT_SETS) == order
    assert [eh.AS_CODED_ON[w] for w in order] == [eh.WALT_AT_FIRST, eh.WALT_AT_SECOND, eh.WALT_AT_THIRD,
                                                      eh.WALT_AT_FOURTH, eh.WALT, eh.WALT, eh.WALT]
    observed = three_way([o for which in order for o in files[which]["observed"]])
    coded = [p for which in order for p in three(predictions, which, eh.AS_CODED_ON[which])]
    assert pooled[eh.AS_CODED].three.correct == sum(o == p for o, p in zip(observed, coded, strict=True))
    assert f["hop_n"] == sum(f[f"ho{k}_n"] for k in range(1, 8)) == len(observed)
    table = eh.heldout_table(pooled)
    assert list(table.index) == list(eh.POOLED)
    assert table.loc[eh.AS_CODED, "macro recall (3)"] == round(f["hop_coded_macro3"], 3)
    # shared runs and shared baselines (as chapter 8 and run_all use them) give what computing afresh gives
    assert eh.heldout_predictions(cases, files["fourth"]) == predictions["fourth"]
    assert eh.all_heldout_facts(cases) == f
    with pytest.raises(ValueError, match="baselines must be fitted on the same cases"):
        eh.heldout_predictions(cases, files["first"], eh.Baselines(cases.iloc[:-1]))


def test_chapter_8_says_what_the_first_file_shows(book):
    """'barely above always predicting balancing (within 0.1) and far below the same model on the book's
    cases (by more than 0.2); the feasibility term did not help (the model without it and without the
    later change gets at least as many right); the logit does best, above all by recognising the
    states that stayed out'."""
    cases, _, _, f = book
    in_book = ev.score(list(cases["observed"]), ev.walt_predictions(cases, params=eh.AT_FIRST_FILE))
    assert f["book_at1_macro3"] == in_book.three.macro_recall
    assert 0 <= f["ho1_at1_macro3"] - f["ho1_modal_macro3"] < 0.1 and f["book_at1_macro3"] - f["ho1_at1_macro3"] > 0.2
    assert f["ho1_before_correct3"] >= f["ho1_at1_correct3"]
    assert f["ho1_logit_macro3"] > max(f[f"ho1_{p}_macro3"] for p in ("walt", "at1", "at2", "at3", "nof", "before",
                                                                        "modal", "rule"))
    assert f["ho1_logit_hit3_out"] > max(f[f"ho1_{p}_hit3_out"] for p in ("at1", "at2", "at3", "modal", "rule"))


def test_chapter_8_names_the_patterns_of_misses_on_the_first_file(book):
    """With the model as it stood: the small joiners predicted to hide (which prompted the hiding
    change), the 1990 joiners predicted to stay out (Turkey through its lesson), the great powers
    that stood aside predicted to balance."""
    _, files, predictions, _ = book
    heldout = files["first"]
    predicted = dict(zip(heldout.index, three(predictions, "first", eh.WALT_AT_FIRST), strict=True))
    observed = dict(zip(heldout.index, three_way(list(heldout["observed"])), strict=True))
    for cid in ("sweden-norway-1855", "serbia-1877", "greece-1878"):
        case = Case(heldout.loc[cid].to_dict())
        p = predict(case.threat, case.situation, params=eh.AT_FIRST_FILE)
        assert observed[cid] == "align against" and predicted[cid] == "stay out"
        assert p.stay_out["hiding"] > 0.5 and p.stay_out["lesson"] == 0
        assert heldout.loc[cid, "others_engaged"] >= 0.75 and heldout.loc[cid, "victory"] < 0.5
    for cid in ("turkey-1990", "egypt-1990", "germany-1990"):
        assert observed[cid] == "align against" and predicted[cid] == "stay out"
    assert Case(heldout.loc["turkey-1990"].to_dict()).predict().stay_out["lesson"] > 0
    for cid in ("france-1866", "britain-1866", "russia-1866", "germany-1877"):
        assert observed[cid] == "stay out" and predicted[cid] == "align against"
        assert heldout.loc[cid, "capability"] >= 0.25
    for cid, share in (("britain-1866", 13), ("russia-1866", 23)):
        case = Case(heldout.loc[cid].to_dict())
        buck = predict(case.threat, case.situation, params=eh.AT_FIRST_FILE).probabilities["buck-pass"]
        assert round(100 * buck) == share
    for cid in ("austria-1854", "baden-1866"):
        assert observed[cid] == "align against" and predictions["first"][eh.WALT_AT_FIRST][
            list(heldout.index).index(cid)] == "buck-pass" and heldout.loc[cid, "others_engaged"] >= 0.75
    assert observed["iran-1990"] == observed["israel-1991"] == "stay out"
    assert predicted["iran-1990"] == predicted["israel-1991"] == "align against"
    assert heldout.loc["israel-1991", "target"]
    for cid in ("austria-hungary-1877", "jordan-1990"):
        assert observed[cid] == "align with" and predicted[cid] == "align against"
    assert observed["yemen-1990"] == "align against" and predicted["yemen-1990"] == "align with"
    missed = {c for c in heldout.index if observed[c] != predicted[c]}
    assert missed == {"sweden-norway-1855", "serbia-1877", "greece-1878", "austria-1854", "baden-1866", "turkey-1990",
                      "egypt-1990", "germany-1990", "france-1866", "britain-1866", "russia-1866", "germany-1877",
                      "iran-1990", "israel-1991", "austria-hungary-1877", "jordan-1990", "yemen-1990"}
    # the hiding change (the model as the second file was coded, the table's third row) turns only Greece 1878 of
    # the three into a hit; the insulation term (as the third file was coded, the fourth row) then turns Britain and
    # Russia 1866 into states that pass the buck
    at2 = dict(zip(heldout.index, three(predictions, "first", eh.WALT_AT_SECOND), strict=True))
    assert [c for c in ("sweden-norway-1855", "serbia-1877", "greece-1878") if at2[c] == observed[c]] == ["greece-1878"]
    assert {c for c, p in predicted.items() if at2[c] != p} == {"greece-1878"}
    at3 = predictions["first"][eh.WALT_AT_THIRD]
    changed = {c for c, a, b in zip(heldout.index, predictions["first"][eh.WALT_AT_SECOND], at3, strict=True) if a != b}
    assert changed == {"britain-1866", "russia-1866"}
    assert all(at3[list(heldout.index).index(c)] == "buck-pass" for c in changed)
    table = eh.heldout_table(eh.scores_of(heldout, predictions["first"]), clean=eh.AS_CODED_ON["first"])
    assert list(table.index[1:4]) == [eh.WALT, eh.WALT_AT_SECOND, eh.WALT_AT_THIRD]


def test_chapter_8_says_what_the_second_file_shows(book):
    """One alignment with the threat (Korea 1904), which only the feasibility term gets right; fewer
    correct than always balancing; the hiding change makes no difference here; the logit does best;
    the two kinds of misses, case by case."""
    cases, files, predictions, f = book
    heldout = files["second"]
    observed = dict(zip(heldout.index, three_way(list(heldout["observed"])), strict=True))
    walt = dict(zip(heldout.index, three(predictions, "second", eh.WALT_AT_SECOND), strict=True))
    assert [c for c, o in observed.items() if o == "align with"] == ["korea-1904"]
    assert walt["korea-1904"] == "align with"
    assert dict(zip(heldout.index, three(predictions, "second", eh.WALT_WITHOUT_F), strict=True))["korea-1904"] != \
        "align with"
    assert f["ho2_at2_correct3"] < f["ho2_modal_correct3"]
    assert predictions["second"][eh.WALT_AT_SECOND] == predictions["second"][eh.WALT_AT_FIRST]
    assert f["ho2_logit_macro3"] > max(f[f"ho2_{p}_macro3"] for p in ("walt", "at2", "at3", "nof", "before", "modal",
                                                                        "rule", "war"))
    certain_help = ("bavaria-1870", "wurttemberg-1870", "baden-1870", "britain-1904-far-east")
    weak_threat = ("saudi-arabia-1967", "kuwait-1967", "saudi-arabia-1980", "jordan-1980", "syria-1980", "libya-1980")
    for cid in certain_help:
        assert observed[cid] == "align against" and predictions["second"][eh.WALT_AT_SECOND][
            list(heldout.index).index(cid)] == \
            "buck-pass" and heldout.loc[cid, "allied_support"] == 1.0
    for cid in weak_threat:
        assert observed[cid] == "align against" and walt[cid] == "stay out"
        assert heldout.loc[cid, "aggregate_power"] <= 0.05
    missed_against = {c for c in heldout.index if observed[c] == "align against" and walt[c] != "align against"}
    assert missed_against == set(certain_help) | set(weak_threat)
    missed_out = {c for c in heldout.index if observed[c] == "stay out" and walt[c] == "align against"}
    assert missed_out == {"italy-1870", "russia-1870", "belgium-1870", "usa-1904", "china-1904"}
    # the insulation term, written after these misses, turns exactly Russia 1870 and the United States and China
    # 1904 into hits, and raises the book-case score (no test of it: it was designed after seeing them)
    at3 = dict(zip(heldout.index, three(predictions, "second", eh.WALT_AT_THIRD), strict=True))
    assert {c for c in heldout.index if at3[c] != walt[c]} == {"russia-1870", "usa-1904", "china-1904"}
    assert all(at3[c] == observed[c] == "stay out" for c in ("russia-1870", "usa-1904", "china-1904"))
    assert f["ho2_at3_correct3"] == f["ho2_at2_correct3"] + 3
    assert f["book_at2_macro3"] < f["book_at3_macro3"]
    table = eh.heldout_table(eh.scores_of(heldout, predictions["second"]), clean=eh.AS_CODED_ON["second"])
    assert table.index[3] == eh.WALT_AT_THIRD


def test_chapter_8_says_what_the_third_file_shows(book):
    """Mostly stay-outs; the model as it then stood below the tuned rule and far below the logit; the hiding
    change helps once (the Ottoman Empire 1913); the insulation term changes nothing, because no great power
    was fighting the threat anywhere in the file; the twelve onlookers predicted to balance and the two small
    joiners sent to hide; the later hegemony shift turns eight onlookers into hits and costs the Ottoman
    Empire, and raises the book-case score (no test of it)."""
    cases, files, predictions, f = book
    heldout = files["third"]
    observed = dict(zip(heldout.index, three_way(list(heldout["observed"])), strict=True))
    at3 = dict(zip(heldout.index, three(predictions, "third", eh.WALT_AT_THIRD), strict=True))
    assert (f["ho3_obs3_out"], f["ho3_obs3_against"], f["ho3_obs3_with"]) == (19, 4, 1)
    assert [c for c, o in observed.items() if o == "align with"] == ["estonia-1939"] and at3["estonia-1939"] == \
        "align with"
    assert f["ho3_rule_macro3"] > f["ho3_at3_macro3"] and f["ho3_rule_hit3_out"] == 0
    assert f["ho3_rule_hit3_against"] == 4 and f["ho3_rule_hit3_with"] == 1
    assert f["ho3_logit_macro3"] > max(f[f"ho3_{p}_macro3"] for p in ("walt", "at1", "at2", "at3", "nof", "before",
                                                                        "modal", "rule", "war"))
    at1 = dict(zip(heldout.index, three(predictions, "third", eh.WALT_AT_FIRST), strict=True))
    assert {c for c in heldout.index if at1[c] != at3[c]} == {"ottoman-empire-1913"}
    assert at3["ottoman-empire-1913"] == observed["ottoman-empire-1913"] == "align against"
    assert predictions["third"][eh.WALT_AT_THIRD] == predictions["third"][eh.WALT_AT_SECOND]
    assert (heldout["others_engaged"] <= 0.5).all()
    onlookers = {c for c in heldout.index if observed[c] == "stay out" and at3[c] == "align against"}
    assert onlookers == {"britain-1864", "france-1864", "russia-1864", "italy-1864", "britain-1894",
                         "austria-hungary-1913", "russia-1913", "italy-1913", "britain-1940", "france-1940",
                         "italy-1939", "usa-1939-winter-war"}
    joiners = {c for c in heldout.index if observed[c] == "align against" and at3[c] != "align against"}
    assert joiners == {"romania-1913", "montenegro-1913"}
    for cid in joiners:
        case = Case(heldout.loc[cid].to_dict())
        assert at3[cid] == "stay out" and predict(case.threat, case.situation, params=eh.AT_THIRD_FILE
                                                  ).stay_out["hiding"] > 0
    now = dict(zip(heldout.index, three(predictions, "third", eh.WALT_AT_FOURTH), strict=True))  # + the shift
    moved = {c for c in heldout.index if now[c] != at3[c]}
    assert {c for c in moved if now[c] == observed[c]} == onlookers - {"britain-1940", "france-1940", "italy-1939",
                                                                       "usa-1939-winter-war"}
    assert {c for c in moved if at3[c] == observed[c]} == {"ottoman-empire-1913"}
    assert f["book_at3_macro3"] < ev.score(list(cases["observed"]), ev.walt_predictions(cases)).three.macro_recall
    table = eh.heldout_table(eh.scores_of(heldout, predictions["third"]), clean=eh.AS_CODED_ON["third"])
    assert table.index[1] == eh.WALT


def test_chapter_8_says_what_the_fourth_file_shows(book):
    """The hegemony shift's clean test: many more stay-outs and decisions right than without it, two balancers
    (Britain and the Soviet Union 1935) lost, Hungary missed either way; macro recall above the model without
    the shift but below always balancing; the logit best; the remaining misses as the chapter lists them."""
    _, files, predictions, f = book
    heldout = files["fourth"]
    observed = dict(zip(heldout.index, three_way(list(heldout["observed"])), strict=True))
    walt = dict(zip(heldout.index, three(predictions, "fourth", eh.WALT_AT_FOURTH), strict=True))
    at3 = dict(zip(heldout.index, three(predictions, "fourth", eh.WALT_AT_THIRD), strict=True))
    assert eh.AS_CODED_ON["fourth"] == eh.WALT_AT_FOURTH
    assert [c for c, o in observed.items() if o == "align with"] == ["hungary-1935"]
    assert walt["hungary-1935"] != "align with" and at3["hungary-1935"] != "align with"
    assert f["ho4_at4_hit3_out"] > f["ho4_at3_hit3_out"] and f["ho4_at4_correct3"] > f["ho4_at3_correct3"]
    assert f["ho4_at4_correct3"] > f["ho4_modal_correct3"] and f["ho4_logit_correct3"] > f["ho4_at4_correct3"]
    assert f["ho4_at3_hit3_against"] > f["ho4_at4_hit3_against"]
    fourth = predictions["fourth"]
    gained, lost = hits_changed(heldout, fourth[eh.WALT_AT_THIRD], fourth[eh.WALT_AT_FOURTH])
    assert lost == {"britain-1935", "ussr-1935"} and len(gained) == 11
    assert all(observed[c] == "stay out" for c in gained)
    assert f["ho4_at3_macro3"] < f["ho4_at4_macro3"] < f["ho4_modal_macro3"]
    assert f["ho4_logit_macro3"] > max(f[f"ho4_{p}_macro3"] for p in ("walt", "at1", "at2", "at3", "at4", "nof",
                                                                        "before", "modal", "rule", "war"))
    onlookers = {c for c in heldout.index if observed[c] == "stay out" and walt[c] == "align against"}
    assert onlookers == {"britain-1911", "france-1911", "germany-1911", "japan-1929"}
    assert all(heldout.loc[c, "aggregate_power"] >= 0.55 for c in onlookers)
    sent_out = {c for c in heldout.index if observed[c] != "stay out" and walt[c] == "stay out"}
    assert sent_out == {"greece-1912", "austria-1935", "britain-1935", "ussr-1935", "hungary-1935"}


def test_chapter_8_file_by_file_table(book):
    """One row per file in the order coded, each the file's clean test beside the baselines, equal to the
    per-file facts; 'above always balancing on four of the six files and above the tuned rules on two (the
    first two); the logit ... scores above it on every file'."""
    cases, files, _, f = book
    table = eh.files_table(eh.run_all(cases))
    assert list(table.index) == list(eh.HELDOUT_SETS) and list(table["decisions"]) == [len(files[w]) for w in files]
    prefix = {"first": "at1", "second": "at2", "third": "at3", "fourth": "at4", "fifth": "walt", "sixth": "walt",
              "seventh": "walt"}
    for k, which in enumerate(eh.HELDOUT_SETS, start=1):
        row = table.loc[which]
        assert row["model as coded"] == round(f[f"ho{k}_{prefix[which]}_macro3"], 3)
        assert (row["always balancing"], row["best rule"], row["logit"]) == tuple(
            round(f[f"ho{k}_{p}_macro3"], 3) for p in ("modal", "rule", "logit"))
        assert (row["logit"] > row["model as coded"]) == (which != "seventh")
    assert table.loc["sixth", "years"] == "1848-1859" and table.loc["seventh", "years"] == "1860-1882"
    assert (f["hof_files"], f["hof_above_modal"], f["hof_above_rule"], f["hof_above_logit"]) == (7, 5, 3, 1)
    above_rule = [w for w in table.index if table.loc[w, "model as coded"] > table.loc[w, "best rule"]]
    assert above_rule == ["first", "second", "seventh"]
    text = " ".join((ROOT / "chapters" / "08_history.ipynb").read_text().replace('\\n",\n    "', " ").split())
    assert "and above the tuned rules on {eval}`fact[\\\"hof_above_rule\\\"]` (the first two and the seventh); the " \
           "logit fitted on the book's cases scores above it on every file but the seventh." in text
    assert "heldout.files_table(heldout_runs)" in text


def test_chapter_8_pooled_verdict(book):
    """'level with the simple rules tuned on the book's cases' (ahead only in the fourth decimal place), more
    decisions right than always predicting balancing, but well below the logit fitted there (by more than 0.1)."""
    _, _, _, f = book
    assert max(f["hop_rule_macro3"], f["hop_war_macro3"], f["hop_modal_macro3"]) < f["hop_coded_macro3"]
    # 'its edge over the rules is in staying out ... and as many of the alignments with the threat'; fewer against
    assert f["hop_coded_hit3_with"] == f["hop_rule_hit3_with"] and f["hop_coded_hit3_out"] > f["hop_rule_hit3_out"] == 0
    assert f["hop_coded_hit3_against"] < f["hop_rule_hit3_against"] and f["hop_obs3_with"] == 12
    # 'level with ... ahead of them only in the fourth decimal place'
    assert f"{f['hop_coded_macro3']:.3f}" == f"{f['hop_rule_macro3']:.3f}"
    assert f["hop_logit_macro3"] - f["hop_coded_macro3"] > 0.1
    assert f["hop_modal_correct3"] < f["hop_coded_correct3"] < f["hop_logit_correct3"]
    # 'with one fewer of the alignments with the threat it would fall below them, and file by file it is below
    # them on four of the six'; 'above all because it finds the alignments against the threat'
    recalls = [f[f"hop_coded_hit3_{k}"] / f[f"hop_obs3_{k}"] for k in ("against", "with", "out")]
    one_fewer = (recalls[0] + (f["hop_coded_hit3_with"] - 1) / f["hop_obs3_with"] + recalls[2]) / 3
    assert abs(sum(recalls) / 3 - f["hop_coded_macro3"]) < 1e-12 and one_fewer < f["hop_rule_macro3"]
    table = eh.files_table(eh.run_all())
    assert int((table["model as coded"] < table["best rule"]).sum()) == 4 == f["hof_files"] - f["hof_above_rule"]
    assert f["hof_above_modal"] > f["hof_files"] / 2 and f["hof_files"] - f["hof_above_logit"] == 6
    gains = {k: f[f"hop_logit_hit3_{k}"] - f[f"hop_coded_hit3_{k}"] for k in ("against", "with", "out")}
    assert max(gains, key=gains.get) == "against"
    text = " ".join((ROOT / "chapters" / "08_history.ipynb").read_text().replace('\\n",\n    "', " ").split())
    for phrase in ("it is ahead of them only in the fourth decimal place, so one fewer of the "
                   "{eval}`fact[\\\"hop_obs3_with\\\"]` alignments with the threat would put it below them, and file "
                   "by file it is below them on four of the seven.",
                   "above all because it finds the alignments against the threat",
                   "and as many of the {eval}`fact[\\\"hop_obs3_with\\\"]` alignments with the threat as they do",
                   "Out of sample it beats always balancing on most files, is level with a two-line rule, and is "
                   "beaten on six files of seven by a logit fitted to the same inputs"):
        assert phrase in text, phrase


def test_the_chapters_say_what_the_third_file_did_to_the_later_terms(book):
    """The insulation term changes no prediction on the third file (it was coded to test it), the hiding
    change turns one decision there into a hit, the feasibility term changes none; chapters 1, 4 and 8
    and the guide say so."""
    _, files, predictions, _ = book
    third = predictions["third"]
    assert third[eh.WALT_AT_THIRD] == third[eh.WALT_AT_SECOND]
    without_f = replace(eh.AT_THIRD_FILE, resistance_feasibility=0.0)
    assert third[eh.WALT_AT_THIRD] == ev.walt_predictions(files["third"], params=without_f)
    text = {name: " ".join(path.read_text().replace('\\n",\n    "', " ").split()) for name, path in (
        ("ch1", ROOT / "chapters" / "01_balance_of_threat.ipynb"), ("ch4", ROOT / "chapters" / "04_conditions.ipynb"),
        ("ch8", ROOT / "chapters" / "08_history.ipynb"), ("guide", ROOT / "guide" / "instructors.md"))}
    assert "gave it nothing to act on (no great power was fighting the threat in any of its wars), so it is still " \
           "untested" in text["ch1"]
    assert "none changed on the third" in text["ch1"]
    assert "on both it changed nothing: in none of their eight wars was a great power fighting the threat" in \
        text["ch4"] and "So in the model as it stands it is still untested." in text["ch4"]
    assert predictions["fourth"][eh.WALT_AT_THIRD] == predictions["fourth"][eh.WALT_AT_SECOND]
    assert "on the third it turned one decision into a hit (the Ottoman Empire in 1913" in text["ch4"]
    no_insulation = replace(eh.AT_FOURTH_FILE, allies_end_hiding=1.0, insulated_buckpassing=0.0)
    for which in ("third", "fourth", "fifth", "sixth", "seventh"):
        assert predictions[which][eh.AS_CODED_ON[which]] == ev.walt_predictions(
            files[which], params=replace(eh.MODEL_VERSIONS[eh.AS_CODED_ON[which]] or no_insulation,
                                         insulated_buckpassing=0.0))
    assert "and on the fifth, where France was fighting the threat in 1823, it changed no prediction, nor on the " \
           "sixth or the seventh." in text["ch1"]
    assert "On the fifth, where France was fighting the threat in 1823, it changed no prediction either, nor on " \
           "the sixth or the seventh." in text["ch4"]
    assert "switching it off changes no prediction on the five files committed after it was adopted" in text["ch8"]
    assert ("was added after that file by the same rule; it was in force on the fifth to seventh files and changed "
            "no prediction on any of them") in text["ch8"]
    # in the model as the third file was coded (before the hegemony shift) it would have gained one on each
    # of the fifth and sixth files
    for which, gained in (("fifth", "france-1848"), ("sixth", "britain-1859")):
        heldout = files[which]
        before, after = predictions[which][eh.WALT_AT_SECOND], predictions[which][eh.WALT_AT_THIRD]
        changed = {c for c, x, y in zip(heldout.index, before, after, strict=True) if x != y}
        assert changed == {gained}
        i = list(heldout.index).index(gained)
        assert three_way([after[i]]) == three_way([heldout.loc[gained, "observed"]]) != three_way([before[i]])
    for which in ("third", "fourth", "seventh"):
        assert predictions[which][eh.WALT_AT_SECOND] == predictions[which][eh.WALT_AT_THIRD]
    assert ("in the model as the third file was coded, before the hegemony shift, it would have turned France in "
            "1848 (fifth file) and Britain in 1859 (sixth) into hits") in text["ch8"]
    no_insulation_now = ModelParameters(insulated_buckpassing=0.0)
    for which, cid in (("fifth", "france-1848"), ("sixth", "britain-1859")):
        i = list(files[which].index).index(cid)
        now = predictions[which][eh.WALT][i]
        assert three_way([now]) == three_way([files[which].loc[cid, "observed"]]) == ["stay out"]
        assert ev.walt_predictions(files[which].loc[[cid]], params=no_insulation_now) == [now]
    assert ("(Without the hegemony shift below, added later, it would have turned one decision on each of those two "
            "files into a hit; with it, those states stay out anyway.)") in text["ch1"]
    assert ("Without the next mechanism, added later, it would have turned France in 1848 and Britain in 1859 into "
            "hits on those two files; with it, both are predicted to stay out, as they did, whether or not the "
            "insulation term is on. So in the model as it stands it is still untested.") in text["ch4"]
    # the hiding change on the files after the second: one hit gained (the Ottoman Empire 1913), none lost
    gained, lost = set(), set()
    for which in ("third", "fourth", "fifth", "sixth", "seventh"):
        won, dropped = hits_changed(files[which], predictions[which][eh.WALT_AT_FIRST],
                                    predictions[which][eh.WALT_AT_SECOND])
        gained, lost = gained | won, lost | dropped
    assert (gained, lost) == ({"ottoman-empire-1913"}, set())
    assert "*the hiding change*: one hit gained (the Ottoman Empire in 1913, on the third file);" in text["ch8"]
    assert "gave it nothing to act on (no great power was fighting the threat in any of its wars): it is still " \
           "untested" in text["guide"]


def test_chapter_8_says_what_the_fifth_file_shows(book):
    """The fifth file (wars taken by a rule): the model as it stands below always balancing, the rules and the
    logit; no alignment against the threat found (the three eastern courts of 1823 sent to stay out, the Papal
    States 1848 to pass the buck); one alignment with it (Persia 1827); the onlookers predicted to balance as
    the chapter lists them; allies ending hiding changes nothing there, chain-ganging only the Papal States;
    the insulation term changes nothing, though a great power fought the threat in 1823; the hegemony shift
    gains four onlookers and loses nothing."""
    _, files, predictions, f = book
    heldout = files["fifth"]
    assert eh.AS_CODED_ON["fifth"] == eh.WALT
    observed = dict(zip(heldout.index, three_way(list(heldout["observed"])), strict=True))
    walt = dict(zip(heldout.index, three(predictions, "fifth", eh.WALT), strict=True))
    assert f["ho5_walt_macro3"] < f["ho5_modal_macro3"] < f["ho5_rule_macro3"] < f["ho5_logit_macro3"]
    assert f["ho5_walt_macro3"] < min(f[f"ho{k}_at{k}_macro3"] for k in (1, 2, 3, 4))  # "worse than on any other"
    assert f["ho5_walt_correct3"] < f["ho5_logit_correct3"] and f["ho5_walt_hit3_against"] == 0
    assert f["ho5_walt_hit3_with"] == 1 and walt["persia-1827"] == observed["persia-1827"] == "align with"
    against = {c for c, o in observed.items() if o == "align against"}
    assert against == {"russia-1823", "austria-1823", "prussia-1823", "papal-states-1848"}
    raw = dict(zip(heldout.index, predictions["fifth"][eh.WALT], strict=True))
    assert {c: raw[c] for c in against} == {"russia-1823": "neutral", "austria-1823": "neutral",
                                            "prussia-1823": "neutral", "papal-states-1848": "buck-pass"}
    onlookers = {c for c in heldout.index if observed[c] == "stay out" and walt[c] == "align against"}
    assert onlookers == {"portugal-1823", "austria-1827", "prussia-1827", "austria-1828", "prussia-1828",
                         "prussia-1848", "switzerland-1848", "ottoman-empire-1848"}
    assert predictions["fifth"][eh.WALT] == predictions["fifth"][eh.WALT_AT_FOURTH]
    chain = ev.walt_predictions(heldout, params=replace(eh.AT_FOURTH_FILE, allies_end_hiding=1.0, chain_ganging=1.0))
    moved = {c for c, a, b in zip(heldout.index, predictions["fifth"][eh.WALT], chain, strict=True) if a != b}
    assert moved == {"papal-states-1848"} and three_way([chain[list(heldout.index).index("papal-states-1848")]]) == [
        "align against"]
    assert ev.walt_predictions(heldout, params=replace(eh.AT_FOURTH_FILE, allies_end_hiding=1.0,
                                                       insulated_buckpassing=0.0)) == predictions["fifth"][eh.WALT]
    assert heldout.loc["russia-1823", "others_engaged"] >= 0.75 and heldout.loc["russia-1823", "capability"] >= 0.25
    no_shift = three_way(ev.walt_predictions(heldout, params=replace(eh.AT_FOURTH_FILE, allies_end_hiding=1.0,
                                                                     hegemony_shift=0.0)))
    before = dict(zip(heldout.index, no_shift, strict=True))
    assert len({c for c in heldout.index if walt[c] == observed[c] != before[c]}) == 4
    assert not {c for c in heldout.index if before[c] == observed[c] != walt[c]}
    text = " ".join((ROOT / "chapters" / "08_history.ipynb").read_text().replace('\\n",\n    "', " ").split())
    for phrase in ("Russia, Austria and Prussia in 1823, which backed France's invasion of Spain",
                   "and the Papal States in 1848, predicted to pass the buck",
                   "(Portugal in 1823, Austria and Prussia in 1827 and 1828, Prussia, Switzerland and the Ottoman "
                   "Empire in 1848) predicted to balance",
                   "would have changed one (the Papal States, to a hit)",
                   "on the fifth file it turned four more onlookers into hits and lost none",
                   "*the insulation term*: switching it off in the model as it stands changes no prediction on any "
                   "later file"):
        assert phrase in text, phrase


def test_chapter_8_says_what_the_sixth_file_shows(book):
    """The sixth file (the rule's next four wars), testing the model the fifth tested (free-riding not adopted):
    better than on the fifth, above always balancing, below the rules (all alignments against and the one with,
    no stay-out) and the logit; the misses the chapter lists; of the later terms only the hegemony shift changes
    anything (Britain and France 1848 gained, Russia 1848 lost); of the two rejected specs free-riding would have
    got one more decision right and chain-ganging one fewer, with the gains and losses named."""
    _, files, predictions, f = book
    heldout = files["sixth"]
    assert eh.AS_CODED_ON["sixth"] == eh.WALT and eh.MODEL_VERSIONS[eh.WALT] is None
    ids = list(heldout.index)
    observed = dict(zip(ids, three_way(list(heldout["observed"])), strict=True))
    walt = dict(zip(ids, three(predictions, "sixth", eh.WALT), strict=True))
    raw = dict(zip(ids, predictions["sixth"][eh.WALT], strict=True))
    assert f["ho5_walt_macro3"] < f["ho6_walt_macro3"]
    assert f["ho6_modal_macro3"] < f["ho6_walt_macro3"] < f["ho6_rule_macro3"] < f["ho6_logit_macro3"]
    assert f["ho6_walt_correct3"] < f["ho6_logit_correct3"]
    assert (f["ho6_rule_hit3_against"], f["ho6_rule_hit3_with"], f["ho6_rule_hit3_out"]) == (
        f["ho6_obs3_against"], f["ho6_obs3_with"], 0)
    assert f["ho6_obs3_with"] == 1 and walt["tuscany-1849"] == observed["tuscany-1849"] == "align with"
    assert heldout.loc["tuscany-1849", "target"]
    hits_against = {c for c in ids if observed[c] == walt[c] == "align against"}
    assert hits_against == {"modena-1859"} and f["ho6_walt_hit3_against"] == 1
    onlookers = {c for c in ids if observed[c] == "stay out" and walt[c] == "align against"}
    assert onlookers == {"france-1856", "russia-1856", "austria-1856", "prussia-1856", "britain-1849", "prussia-1849"}
    assert all(heldout.loc[c, "aggregate_power"] == 1.0 for c in ids if c.endswith("-1856") and c in onlookers)
    assert {heldout.loc[c, "aggregate_power"] for c in ("britain-1849", "prussia-1849")} == {0.9}
    joiners = {c for c in ids if observed[c] == "align against" and raw[c] == "buck-pass"}
    assert joiners == {"hanover-1848", "mecklenburg-schwerin-1848", "modena-1849"}
    assert {raw["russia-1848-schleswig"], raw["russia-1859"]} == {"neutral"}
    assert {observed["russia-1848-schleswig"], observed["russia-1859"]} == {"align against"}

    def moved(params):
        return hits_changed(heldout, predictions["sixth"][eh.WALT], ev.walt_predictions(heldout, params=params))

    base = ModelParameters()
    for switch in ("hiding_ends_with_defeat", "insulated_buckpassing", "allies_end_hiding", "resistance_feasibility"):
        assert ev.walt_predictions(heldout, params=replace(base, **{switch: 0.0})) == predictions["sixth"][eh.WALT]
    # the hegemony shift's effect, seen from the model without it: what it gained and lost
    lost, gained = moved(replace(base, hegemony_shift=0.0))
    assert (gained, lost) == ({"britain-1848-schleswig", "france-1848-schleswig"}, {"russia-1848-schleswig"})
    assert moved(FREE_RIDERS_TRIED) == ({"hanover-1848", "mecklenburg-schwerin-1848"}, {"parma-1859"})
    rejected = {name: score(list(heldout["observed"]), ev.walt_predictions(heldout, params=params)).three
                for name, params in (("free", FREE_RIDERS_TRIED), ("chain", replace(base, chain_ganging=1.0)))}
    assert f"{rejected['free'].macro_recall:.2f}" == "0.68" and f"{rejected['chain'].macro_recall:.2f}" == "0.63"
    assert rejected["chain"].hits["align against"][0] == f["ho6_walt_hit3_against"] + 2
    certain = heldout[heldout["allied_support"] == 1.0]
    assert (len(certain), int((certain["observed"] == "balance").sum())) == (10, 5)
    book_cases = load_cases()
    earlier = [book_cases] + [files[w] for w in ("first", "second", "third", "fourth", "fifth")]
    high = [d[d["allied_support"] > 0.8] for d in earlier]
    assert (sum(len(d) for d in high), sum(int((d["observed"] == "balance").sum()) for d in high)) == (35, 29)
    assert all(three_way(list(d["observed"])).count("align with") == 0 for d in high)
    assert moved(replace(base, chain_ganging=1.0)) == ({"hanover-1848", "modena-1849"},
                                                       {"britain-1859", "switzerland-1859", "parma-1859"})
    text = " ".join((ROOT / "chapters" / "08_history.ipynb").read_text().replace('\\n",\n    "', " ").split())
    for phrase in ("France, Russia, Austria and Prussia in the Anglo-Persian War, facing a Britain the index scores "
                   "as the leading power",
                   "and Britain and Prussia in 1849, facing a coalition coded at nine-tenths of the leading power",
                   "Hanover and Mecklenburg-Schwerin, whose contingents marched with the federal army into Schleswig "
                   "in 1848, and Modena in 1849",
                   "only the hegemony shift changes anything here: it turns Britain and France in 1848 into hits and "
                   "Russia in 1848 into a miss.",
                   "not adopted, free-riding would have got one more decision right (Hanover and "
                   "Mecklenburg-Schwerin won, Parma lost;",
                   "(Hanover and Modena in 1849 won; Britain, Switzerland and Parma in 1859 lost)",
                   "but changes no prediction, nor on the sixth or the seventh.",
                   "on the sixth turned two into hits and lost one balancer, and on the seventh turned ten into hits "
                   "and lost none;",
                   "the third parties of twenty-eight wars, every listed state of each but one, in seven files.",
                   "Parma lost; a macro recall of .68) and chain-ganging one fewer",
                   "though its macro recall would have risen to .63, since it finds two more alignments against the "
                   "threat.",
                   "of its ten states coded with certain allies, five aligned against the threat, where the earlier "
                   "files and the book's cases had 29 of 35.",
                   "A third kind, seen on the fifth file in Russia, Austria and Prussia in 1823, recurs: Russia, "
                   "which backed Denmark in 1848",
                   "Switching off each of the model's later terms in turn, only the hegemony shift changes anything "
                   "here",
                   "as is Russia in 1849, while France and Austria fought the Roman Republic"):
        assert phrase in text, phrase


def test_chapter_8_says_what_the_seventh_file_shows(book):
    """The seventh file (the rule's next four wars), testing the model the fifth and sixth tested (the great-power
    buck-passing spec not adopted): the model's best file and the first above the logit on macro recall, a lead
    that rests on one decision (the Ottoman Empire 1882); the logit gets more right; the hegemony shift gains ten
    onlookers and loses none, nothing else changes anything; the misses the chapter lists."""
    _, files, predictions, f = book
    heldout = files["seventh"]
    assert eh.AS_CODED_ON["seventh"] == eh.WALT
    ids = list(heldout.index)
    observed = dict(zip(ids, three_way(list(heldout["observed"])), strict=True))
    walt = dict(zip(ids, three(predictions, "seventh", eh.WALT), strict=True))
    logit = dict(zip(ids, three(predictions, "seventh", eh.LOGIT), strict=True))
    assert f["ho7_walt_macro3"] > max(f[f"ho{k}_{p}_macro3"] for k, p in ((1, "at1"), (2, "at2"), (3, "at3"),
                                                                          (4, "at4"), (5, "walt"), (6, "walt")))
    assert f["ho7_walt_macro3"] > f["ho7_logit_macro3"] > f["ho7_modal_macro3"] == f["ho7_rule_macro3"]
    assert (f["ho7_rule_hit3_against"], f["ho7_rule_hit3_with"], f["ho7_rule_hit3_out"]) == (0, f["ho7_obs3_with"], 0)
    assert f["ho7_logit_correct3"] > f["ho7_walt_correct3"] and f["ho7_logit_hit3_out"] > f["ho7_walt_hit3_out"]
    assert (f["ho7_obs3_against"], f["ho7_obs3_with"]) == (1, 2) and observed["two-sicilies-1860"] == "align against"
    # the lead rests on one decision: without the Ottoman Empire 1882 the model would be below the logit
    differ = {c for c in ids if (walt[c] == observed[c]) != (logit[c] == observed[c]) and observed[c] != "stay out"}
    assert differ == {"ottoman-empire-1882"} and walt["ottoman-empire-1882"] == observed["ottoman-empire-1882"]
    without = (f["ho7_walt_hit3_against"] / 1 + (f["ho7_walt_hit3_with"] - 1) / 2
               + f["ho7_walt_hit3_out"] / f["ho7_obs3_out"]) / 3
    assert without < f["ho7_logit_macro3"]
    # the two wars of 1860 share five deciders
    first, second = ({c.split("-1860")[0] for c in ids if c.endswith(end)} for end in ("-1860", "-1860-neapolitan"))
    assert len(first & second) == 5
    base = ModelParameters()

    def moved(params):
        return hits_changed(heldout, predictions["seventh"][eh.WALT], ev.walt_predictions(heldout, params=params))

    lost, gained = moved(replace(base, hegemony_shift=0.0))
    ten = {"britain-1860", "prussia-1860", "britain-1860-neapolitan", "france-1860-neapolitan",
           "russia-1860-neapolitan", "britain-1862", "prussia-1862", "russia-1862", "italy-1862", "usa-1862"}
    assert (gained, lost) == (ten, set()) and f["ho7_walt_hit3_out"] == 11
    assert all(heldout.loc[c, "aggregate_power"] < 0.5 for c in ten)
    for switch in ("hiding_ends_with_defeat", "insulated_buckpassing", "allies_end_hiding", "resistance_feasibility"):
        assert ev.walt_predictions(heldout, params=replace(base, **{switch: 0.0})) == predictions["seventh"][eh.WALT]
    for params in (replace(base, chain_ganging=1.0), FREE_RIDERS_TRIED, GREAT_POWER_BUCKPASSING_TRIED):
        assert ev.walt_predictions(heldout, params=params) == predictions["seventh"][eh.WALT]
    onlookers = {c for c in ids if observed[c] == "stay out" and walt[c] == "align against"}
    peace_1882 = {"france-1882", "germany-1882", "austria-hungary-1882", "italy-1882"}
    assert onlookers == peace_1882 | {"russia-1882", "austria-1860", "austria-1860-neapolitan", "austria-1862",
                                      "prussia-1860-neapolitan", "papal-states-1860-neapolitan"}
    assert not heldout.loc[sorted(peace_1882), "war"].any() and heldout.loc["russia-1882", "aggregate_power"] == 1.0
    assert heldout.loc["papal-states-1860-neapolitan", "target"]
    assert {c for c in ids if observed[c] != walt[c]} == onlookers | {"france-1860"}
    assert walt["france-1860"] == "stay out" and observed["france-1860"] == "align with"
    text = " ".join((ROOT / "chapters" / "08_history.ipynb").read_text().replace('\\n",\n    "', " ").split())
    for phrase in ("This is the model's best file, and the first on which it scores above the logit on macro recall",
                   "the model's edge over the logit is one of them: the Ottoman Empire in 1882",
                   "share five of their six deciders",
                   "Switched off, it would turn ten of the model's",
                   "(Britain and Prussia in the Italo-Roman War; Britain, France and Russia in the Neapolitan War; "
                   "Britain, Prussia, Russia, Italy and the United States in 1862)",
                   "Switching off any other later term changes no prediction here, and none of the three rejected "
                   "specs would have changed one.",
                   "Four are the powers of 1882 at peace.",
                   "The fifth, Russia, facing Britain itself, repeats the Anglo-Persian War's miss",
                   "The others are Austria in both wars of 1860 and in 1862, Prussia in the Neapolitan War and the "
                   "Papal States",
                   "and France in 1860, whose secret assent to Sardinia's invasion its coder read as joining "
                   "Sardinia, predicted to stay out.",
                   "three small states that stayed neutral in 1914 became predicted balancers"):
        assert phrase in text, phrase
