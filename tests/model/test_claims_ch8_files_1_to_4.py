"""Chapter 8's held-out section on the first four files (chosen by the author), checked against the runs:
what each file shows, and what the later terms did on the files coded after them."""

from dataclasses import replace

from widgets import predict
from widgets.io.cases import Case
from widgets.model import evaluation as ev
from widgets.model import evaluation_heldout as eh
from widgets.model.evaluation_metrics import three_way
from widgets.model.parameters import ModelParameters

from .heldout_support import ROOT, chapter_text, hits_changed, three


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
    # "costs the Ottoman Empire (the row of the model as the fourth file was coded, ... right; piling on ... restores
    # it in the row of the model as it stands)"
    stands = dict(zip(heldout.index, three(predictions, "third", eh.WALT_AT_ELEVENTH), strict=True))
    assert now["ottoman-empire-1913"] != observed["ottoman-empire-1913"] == stands["ottoman-empire-1913"]
    assert f["ho3_at4_correct3"] == sum(now[c] == observed[c] for c in heldout.index)
    # ...and fighting allies bind, coded into the file later, adds Montenegro (its treaty ally Serbia at war)
    regained = {c for c in heldout.index if stands[c] == observed[c] != now[c]}
    assert regained == {"ottoman-empire-1913", "montenegro-1913"}
    assert heldout.loc["montenegro-1913", "allies_fighting"] == 1
    assert not {c for c in heldout.index if now[c] == observed[c] != stands[c]}
    assert f["ho3_at11_correct3"] == f["ho3_at4_correct3"] + 2
    text = " ".join(chapter_text().split())
    assert ("hits and costs the Ottoman Empire (the row of the model as the fourth file was coded, "
            "{eval}`fact[\\\"ho3_at4_correct3\\\"]` right; piling on, adopted much later and prompted in part by this "
            "very decision, restores it in the row of the model as the eleventh and twelfth files were coded, "
            "where fighting allies bind, tested on "
            "this file later, also gains Montenegro, whose treaty ally Serbia was already at war)") in text


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
    for phrase in ("on both it changed nothing: in none of their eight wars was a great power fighting the threat",
                   "Its first real test came on the ninth file, where Japan was fighting the Soviet Union in 1938"):
        assert phrase in text["ch4"], phrase
    assert predictions["fourth"][eh.WALT_AT_THIRD] == predictions["fourth"][eh.WALT_AT_SECOND]
    assert "on the third it turned one decision into a hit (the Ottoman Empire in 1913" in text["ch4"]
    no_insulation = replace(eh.AT_FOURTH_FILE, allies_end_hiding=1.0, insulated_buckpassing=0.0)
    for which in ("third", "fourth", "fifth", "sixth", "seventh", "eighth"):
        assert predictions[which][eh.AS_CODED_ON[which]] == ev.walt_predictions(
            files[which], params=replace(eh.MODEL_VERSIONS[eh.AS_CODED_ON[which]] or no_insulation,
                                         insulated_buckpassing=0.0))
    assert "and on the fifth, where France was fighting the threat in 1823, it changed no prediction, nor on the " \
           "sixth, seventh or eighth." in text["ch1"]
    assert "On the fifth, where France was fighting the threat in 1823, it changed no prediction either, nor on " \
           "the sixth, seventh or eighth." in text["ch4"]
    assert ("switching it off in the model as each file was coded changes no prediction on the six files committed "
            "after it was adopted before the ninth, and on the ninth it cost one hit more than it gained, on the "
            "tenth two") in text["ch8"]
    assert ("was added after that file by the same rule; it was in force on the fifth to eleventh files and changed "
            "no prediction on the first four of them") in text["ch8"]
    # (that allies ending hiding changed no prediction on the fifth to eighth files: test_claims_ch4.py checks it)
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
        # with the shift as first measured (before the land-power reading) they stay out without the term too
        at11 = eh.MODEL_VERSIONS[eh.WALT_AT_ELEVENTH]
        assert three_way(ev.walt_predictions(files[which].loc[[cid]], params=replace(
            at11, insulated_buckpassing=0.0))) == ["stay out"]
        # with the land-power reading the term is again what keeps Britain out in 1859
        without = ev.walt_predictions(files[which].loc[[cid]], params=no_insulation_now)
        assert three_way(without) == (["align against"] if cid == "britain-1859" else ["stay out"])
    assert ("(Without the hegemony shift below, added later, it would have turned one decision on each of those two "
            "files into a hit; with the shift as first measured, those states stay out anyway, though since the shift "
            "reads the threat's armed forces (chapter 4) the term is again what keeps Britain out in "
            "1859.)") in text["ch1"]
    assert ("Without the next mechanism, added later, it would have turned France in 1848 and Britain in 1859 into "
            "hits on those two files; with it, both are predicted to stay out, as they did, whether or not the "
            "insulation term is on. Its first real test came on the ninth file") in text["ch4"]
    # the ninth file: without the term, Germany and Italy 1938 (which balanced) are hits and Italy at Nomonhan
    # (neutral) a miss; with it, the reverse
    ninth = files["ninth"]
    without = ev.walt_predictions(ninth, params=replace(eh.AT_FIFTH_FILE, insulated_buckpassing=0.0))
    gained, lost = hits_changed(ninth, without, predictions["ninth"][eh.AS_CODED_ON["ninth"]])
    assert (gained, lost) == ({"italy-1939-nomonhan"}, {"germany-1938", "italy-1938"})
    for chapter in ("ch1", "ch4"):
        assert ("it cost two hits (Germany and Italy, which sided against the Soviet Union, are sent to pass the "
                "buck)") in " ".join(text[chapter].split())
    # the hiding change on the files after the second: one hit gained (the Ottoman Empire 1913), none lost
    gained, lost = set(), set()
    for which in ("third", "fourth", "fifth", "sixth", "seventh", "eighth"):
        won, dropped = hits_changed(files[which], predictions[which][eh.WALT_AT_FIRST],
                                    predictions[which][eh.WALT_AT_SECOND])
        gained, lost = gained | won, lost | dropped
    assert (gained, lost) == ({"ottoman-empire-1913"}, set())
    assert "*the hiding change*: one hit gained (the Ottoman Empire in 1913, on the third file);" in text["ch8"]
    assert "gave it nothing to act on (no great power was fighting the threat in any of its wars): it is still " \
           "untested" in text["guide"]
