"""Land power as a threshold (t, ``land_threshold``): its one run on the book's cases as ``versions.py``, chapter 8,
chapter 4 and chapter 1 report it, each claim recomputed."""

import pytest

from widgets.io.cases import load_cases
from widgets.model import evaluation as ev
from widgets.model import evaluation_land as land
from widgets.model import versions
from widgets.model.evaluation_metrics import hits_changed, score
from widgets.model.parameters import ModelParameters

from .heldout_support import chapter_text


@pytest.fixture(scope="module")
def run(runs):
    cases = load_cases()
    return cases, land.threshold_facts(cases, runs)


def _doc() -> str:
    return " ".join(versions.__doc__.split())


def test_the_rule_keeps_t_at_zero(run):
    """Part (a) fails: the book's recall falls, so t stays 0 and the model as it stands is the model before the spec."""
    _, facts = run
    assert facts["thr_book_after"] < facts["thr_book_before"]
    assert versions.LAND_THRESHOLD_TRIED == ModelParameters(land_threshold=1.0)
    assert versions.LAND_HEGEMONY_TRIED == ModelParameters()
    assert "so part (a) fails and **t stays 0**" in _doc()


def test_the_book_cases_run_as_reported(run):
    """'.744 to .732 (align against 35 -> 30 of 45, staying out 20 -> 22 of 27), four-way 64 -> 63 right, leave-one-out
    .732'; ten predictions changed, all to neutrality, seven from balancing and three from passing the buck (Britain
    1870, Italy and Romania 1914); five balancers lost (Britain 1803 against France
    at 0.27, France 1894 against Germany at 0.20, India 1971 against Pakistan and China at 0.31, Japan and Britain 1914
    against Germany at 0.17), two stay-outs gained (the United States 1940, Austria-Hungary 1870)."""
    cases, facts = run
    rounded = [round(facts[k], 3) for k in ("thr_book_before", "thr_book_after", "thr_book_loo_after")]
    assert rounded == [0.744, 0.732, 0.732]
    assert (facts["thr_book_against_before"], facts["thr_book_against_after"]) == (35, 30)
    assert (facts["thr_book_out_before"], facts["thr_book_out_after"]) == (20, 22)
    assert facts["thr_book_with_before"] == facts["thr_book_with_after"]
    assert (facts["thr_book_four_before"], facts["thr_book_four_after"]) == (64, 63)
    observed = list(cases["observed"])
    before = ev.walt_predictions(cases, params=versions.LAND_HEGEMONY_TRIED)
    after = ev.walt_predictions(cases, params=versions.LAND_THRESHOLD_TRIED)
    changes = [(c, b) for c, b, a in zip(cases.index, before, after, strict=True) if b != a]
    assert {a for c, a in zip(cases.index, after, strict=True) if c in dict(changes)} == {"neutral"}
    assert len(changes) == facts["thr_book_changed"] == 10
    assert sorted(c for c, b in changes if b == "buck-pass") == ["britain-1870", "italy-1914", "romania-1914"]
    assert sum(b == "balance" for _, b in changes) == 7
    gained, lost = hits_changed(observed, before, after, cases.index)
    assert set(lost) == {"britain-1803", "france-1894", "india-1971", "japan-1914", "britain-1914"}
    assert set(gained) == {"usa-1940", "austria-hungary-1870"}
    assert (facts["thr_book_gained"], facts["thr_book_lost"]) == (2, 5)
    shares = cases["threat_army_share"]
    assert [shares[c] for c in ("britain-1803", "france-1894", "india-1971", "japan-1914", "britain-1914")] == [
        0.27, 0.2, 0.31, 0.17, 0.17]
    assert cases.loc["india-1971", "threat_source"] == "Pakistan and China"
    assert all(s < 1 / 3 for s in shares[list(lost)])
    doc = _doc()
    for phrase in ("the three-way macro recall fell from .744 to .732 (align against 35 -> 30 of 45, staying out "
                   "20 -> 22 of 27), four-way 64 -> 63 right, leave-one-out .732",
                   "It changed ten predictions, all to neutrality: seven from balancing and three from passing the "
                   "buck (Britain in 1870, Italy and Romania in 1914, which the three-way split does not see).",
                   "(Britain in 1803, facing a France judged at 0.27 of the great powers' military personnel; France "
                   "in 1894, Germany 0.20; India in 1971, Pakistan and China 0.31; Japan and Britain in 1914, Germany "
                   "0.17), and two that stood aside became hits (the United States in 1940 and Austria-Hungary in "
                   "1870)"):
        assert phrase in doc, phrase


def test_the_verdict_does_not_hang_on_rounding(run):
    """'Shares are coded to two decimals, so 0.33 counts as below a third (for the Central Powers of 1914 the unrounded
    COW share is 0.330 ...); with the step at 0.33 instead, the verdict is the same (.732), four-way 61 right, and the
    files pooled .568'."""
    from dataclasses import replace

    from widgets.model import evaluation_heldout as eh

    cases, _ = run
    at_033 = replace(versions.LAND_THRESHOLD_TRIED, hegemonic_army_share=0.33)
    card = score(list(cases["observed"]), ev.walt_predictions(cases, params=at_033))
    assert round(card.three.macro_recall, 3) == 0.732 and card.four.correct == 61
    observed, predicted = [], []
    for which in eh.HELDOUT_SETS:
        frame = eh.load_heldout(which)
        observed += list(frame["observed"])
        predicted += ev.walt_predictions(frame, params=at_033)
    assert round(score(observed, predicted).three.macro_recall, 3) == 0.568
    assert sorted(cases.index[cases["threat_army_share"] == 0.33]) == [
        "austria-1813", "bulgaria-1914", "italy-1914", "romania-1914"]
    assert ("with the step at 0.33 instead, the verdict is the same (.732), four-way 61 right, and the files pooled "
            ".568") in _doc()


def test_the_cautions(run, runs):
    """8 book cases and 20 held-out decisions within 0.02 of a third; the Soviet Union 1987 (twelfth file) turns from a
    hit to a miss on China's unrounded 0.3331 (3530/10597 in its why_ line); the 1803 share is a judgment; the
    leave-one-out recall .744 -> .732."""
    cases, facts = run
    assert (facts["thr_near_book"], facts["thr_near_files"]) == (8, 20)
    assert [round(facts[k], 3) for k in ("thr_book_loo_before", "thr_book_loo_after")] == [0.744, 0.732]
    twelfth = runs["twelfth"][0]
    row = twelfth.loc["ussr-1987"]
    assert row["threat_source"] == "China" and "3530/10597" in row["why_threat_army_share"]
    assert round(3530 / 10597, 4) == 0.3331
    before = ev.walt_predictions(twelfth, params=versions.LAND_HEGEMONY_TRIED)
    after = ev.walt_predictions(twelfth, params=versions.LAND_THRESHOLD_TRIED)
    _, lost = hits_changed(list(twelfth["observed"]), before, after, twelfth.index)
    assert "ussr-1987" in lost
    assert cases.loc["britain-1803", "why_threat_army_share"].startswith("Judgment")


def test_the_held_out_files_no_test(run):
    """'it would gain 38 hits and lose 12, and the pooled recall would rise from .529 to .565'."""
    _, facts = run
    assert (facts["thr_files_gained"], facts["thr_files_lost"]) == (38, 12)
    assert [round(facts[k], 3) for k in ("thr_files_before", "thr_files_after")] == [0.529, 0.565]
    assert "it would gain 38 hits and lose 12, and the pooled recall would rise from .529 to .565" in _doc()


def test_the_chapters_say_so():
    text = chapter_text()
    for phrase in ("After the thirteenth file, an eighth, *land power as a threshold*",
                   "A seventh spec, the land-power reading, was adopted although the file meant to test it, the "
                   "twelfth, showed no difference (above).",
                   "It was prompted by the straight line's losses on the held-out files, fifteen of seventeen "
                   "stay-outs lost among threats with a sixth to a third, and by the United States at 0.31 on the "
                   "thirteenth file.",
                   "since the spec was prompted by the straight line's losses on those very files, a gain there was "
                   "expected.",
                   "what failed is their threshold read from this proxy, not necessarily their finding",
                   "becomes a miss because China's share is 0.3331",
                   "**land.threshold_facts(cases, heldout_runs)}",
                   "(among them Britain in 1803 and Britain and Japan in 1914, against a France and a Germany short of "
                   "a third on the book's measures)",
                   "It is kept, switched off."):
        assert phrase in text, phrase
    assert ("a later spec that put their threshold in place of the straight line lowered the model's score on the "
            "book's cases and was not adopted, though on the held-out files, all seen, it would have raised it") in \
        chapter_text("04_conditions")
    assert ("(0: specified before its first run and not adopted, because it lowered the model's score on the book's "
            "cases; set 1 to try it)") in chapter_text("01_balance_of_threat")


def test_threshold_facts_refuses_incomplete_runs(runs):
    with pytest.raises(ValueError, match="runs must hold every held-out file; missing thirteenth"):
        land.threshold_facts(load_cases(), {w: r for w, r in runs.items() if w != "thirteenth"})


def test_leave_one_out_scores_the_model_its_sweep_was_run_with():
    """A sweep remembers its parameters: the untuned baseline is scored on them even when equal weights are off the
    grid, and parameters that differ from the sweep's are refused."""
    cases = load_cases()
    with pytest.raises(ValueError, match="params must be those the sweep was run with"):
        ev.leave_one_out(cases, sweep=ev.book_sweep(), params=versions.LAND_THRESHOLD_TRIED)
    sweep = ev.sweep_weights(cases, levels=(0.0, 2.0), params=versions.LAND_THRESHOLD_TRIED)
    assert sweep.params == versions.LAND_THRESHOLD_TRIED
    loo = ev.leave_one_out(cases, sweep=sweep)
    expected = ev.evaluate(list(cases["observed"]), ev.walt_predictions(cases, params=versions.LAND_THRESHOLD_TRIED))
    assert loo.default == expected


def test_exercise_8_7_as_its_solution_says():
    """ch8-ex-7: Britain 1914 balances at 0.60 with the straight line and stays neutral at 0.92 with the threshold; the
    hegemony shift rises from 0.32 to 0.65 (h_e, its full size); at a share of exactly a third Britain balances (0.84);
    the Central Powers' summed share is 0.330 (1701/5153 in the case file's why_ line), short of a third."""
    from dataclasses import replace

    from widgets import predict
    from widgets.io.cases import get_case

    case = get_case("britain-1914")
    line = predict(case.threat, case.situation, params=versions.LAND_HEGEMONY_TRIED)
    step = predict(case.threat, case.situation, params=versions.LAND_THRESHOLD_TRIED)
    assert (line.choice, round(line.probabilities["balance"], 2)) == ("balance", 0.60)
    assert (step.choice, round(step.probabilities["neutral"], 2)) == ("neutral", 0.92)
    assert [round(p.stay_out["hegemony"], 2) for p in (line, step)] == [0.32, 0.65]
    assert step.stay_out["hegemony"] == versions.LAND_THRESHOLD_TRIED.hegemony_shift
    changed = {k for k in line.stay_out if line.stay_out[k] != step.stay_out[k]}
    assert changed == {"hegemony"}
    at_third = predict(case.threat, replace(case.situation, threat_army_share=1 / 3),
                       params=versions.LAND_THRESHOLD_TRIED)
    assert (at_third.choice, round(at_third.probabilities["balance"], 2)) == ("balance", 0.84)
    assert at_third.stay_out["hegemony"] == 0.0
    for below in (0.33, 0.333):  # '1/3 is needed, since 0.33 is still below it'
        assert predict(case.threat, replace(case.situation, threat_army_share=below),
                       params=versions.LAND_THRESHOLD_TRIED).choice == "neutral"
    assert abs(1701 / 5153 - 1 / 3) <= 0.02  # 'within 0.02 of a third'
    italy = load_cases().loc[["italy-1914", "romania-1914", "bulgaria-1914"], "threat_source"]
    assert set(italy) == {"Austria-Hungary and Germany (the Central Powers)"}
    assert load_cases().loc["britain-1914", "threat_source"] == "Germany"
    central = load_cases().loc["italy-1914"]
    assert "1701/5153 = 0.330" in central["why_threat_army_share"] and 1701 / 5153 < 1 / 3
    text = chapter_text()
    for phrase in (":label: ch8-ex-7", "{solution} ch8-ex-7",
                   "With the straight line Britain balances (probability 0.60); with the threshold it stays neutral "
                   "(0.92).",
                   "which rises from 0.32 to 0.65, its full size for a great power",
                   "with a share of exactly a third Britain balances again (0.84); note that 1/3 is needed, since 0.33 "
                   "is still below it.",
                   "Britain went to war over Germany's invasion of Belgium, so Germany alone follows the rule",
                   "so the honest answer is that this count cannot settle it.",
                   "the Central Powers' share on the Correlates of War count is 0.330, just short of a third"):
        assert phrase in text, phrase
