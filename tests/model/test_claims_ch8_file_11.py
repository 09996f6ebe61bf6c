"""Chapter 8's eleventh held-out file ('The eleventh file: the model as it stands, tested'): each claim recomputed."""

from dataclasses import replace

from widgets.model import evaluation_heldout as eh
from widgets.model.evaluation import walt_predictions
from widgets.model.evaluation_metrics import score, three_way
from widgets.model.parameters import ModelParameters
from widgets.model.versions import AT_ELEVENTH_FILE, AT_TENTH_FILE

from .heldout_support import ROOT, chapter_text, clean_run, hits_changed


def test_the_frame_and_the_outcomes(book):
    """25 decisions of four wars (1898, 1937, 1954, 1958); most stay out, seven align against, none with; the
    neighbours named."""
    heldout, _, _, f = clean_run(book, "eleventh")
    assert f["ho11_n"] == len(heldout) == 25
    assert (f["ho11_obs3_out"], f["ho11_obs3_against"], f["ho11_obs3_with"]) == (18, 7, 0)
    assert {"portugal-1898", "mongolia-1937", "afghanistan-1937", "nepal-1937"} <= set(heldout.index)
    assert sorted(heldout["year"].unique()) == [1898, 1937, 1954, 1958]


def test_the_clean_test_is_below_the_baselines_and_its_own_earlier_versions(book):
    """'Always balancing gets 7 right and always staying out 18; each has a macro recall of .50 ... the tuned rules
    ... score the same. The model is below them, below its own earlier versions (before the later terms .40, as the
    third file was coded .42), and far below the logit'; the two hits against are the Soviet Union in 1954 and 1958;
    against always balancing it did worst on the eleventh of all the files."""
    heldout, coded, _, f = clean_run(book, "eleventh")
    observed = list(heldout["observed"])
    assert f["ho11_modal_correct3"] == 7 and f["ho11_obs3_out"] == score(observed, ["neutral"] * 25).three.correct
    assert score(observed, ["neutral"] * 25).three.macro_recall == f["ho11_modal_macro3"] == 0.5
    # 'always balancing scores .50 instead of the .33 it scores on every other file'
    assert all(round(f[f"ho{k}_modal_macro3"], 2) == 0.33 for k in range(1, 11))
    assert f["ho11_at11_correct3"] > f["ho11_modal_correct3"]
    assert f["ho11_at11_macro3"] < f["ho11_modal_macro3"] == f["ho11_rule_macro3"] == f["ho11_war_macro3"]
    assert f["ho11_at11_macro3"] < f["ho11_before_macro3"] < f["ho11_at3_macro3"]  # versions before the shift
    assert f["ho11_at4_macro3"] == f["ho11_at5_macro3"] == f["ho11_at10_macro3"] == f["ho11_at11_macro3"]
    assert f["ho11_logit_macro3"] - f["ho11_at11_macro3"] > 0.5
    assert f["ho11_logit_macro3"] == max(f[f"ho{k}_logit_macro3"] for k in range(1, 13))  # 'its best on any file'
    coded_as = ("at1", "at2", "at3", "at4", "at5", "at5", "at5", "at5", "at5", "at10", "at11", "at11")
    gaps = {k: f[f"ho{k}_{p}_macro3"] - f[f"ho{k}_modal_macro3"] for k, p in zip(range(1, 13), coded_as, strict=True)}
    assert min(gaps, key=gaps.get) == 11
    three = dict(zip(heldout.index, three_way(observed), strict=True))
    hits_against = sorted(c for c, p in coded.items() if three[c] == "align against" == three_way([p])[0])
    assert hits_against == ["ussr-1954", "ussr-1958"]
    assert f["ho11_at11_hit3_against"] == 2


def test_the_misses_are_the_two_kinds_named(book):
    """Every great power of 1898 stayed neutral and is predicted to balance against the United States, the leading
    power, where the hegemony shift does not act and Spain is weak resistance; Germany and Nepal (lesson -1; with 0 a
    hit) in 1937 predicted to balance; Portugal to bandwagon; Italy, the Soviet Union (1937), the United States (1954,
    1958) and Mongolia kept out, Mongolia passing the buck to China, already fighting."""
    heldout, coded, _, _ = clean_run(book, "eleventh")
    powers_1898 = [c for c in heldout.index if c.endswith("1898") and c != "portugal-1898"]
    assert len(powers_1898) == 7
    assert all(heldout.loc[c, "observed"] == "neutral" and coded[c] == "balance" for c in powers_1898)
    assert (heldout.loc[powers_1898, "threat_source"] == "United States").all()
    assert (heldout.loc[powers_1898, "aggregate_power"] == 1.0).all()
    assert (heldout.loc[powers_1898, "others_engaged"] == 0.25).all()
    no_shift = walt_predictions(heldout.loc[powers_1898], params=replace(AT_ELEVENTH_FILE, hegemony_shift=0.0))
    assert no_shift == ["balance"] * 7  # the shift does not act against the leading power
    assert coded["germany-1937"] == coded["nepal-1937"] == "balance"
    assert heldout.loc["germany-1937", "threat_source"] == "Soviet Union"
    assert heldout.loc["nepal-1937", "neutrality_lesson"] == -1
    nepal = heldout.loc[["nepal-1937"]].assign(neutrality_lesson=0.0)
    assert walt_predictions(nepal, params=AT_ELEVENTH_FILE) == ["neutral"] == [heldout.loc["nepal-1937", "observed"]]
    assert coded["portugal-1898"] == "bandwagon"
    kept_out = ["italy-1937", "ussr-1937", "usa-1954", "usa-1958"]
    assert all(heldout.loc[c, "observed"] == "balance" and coded[c] == "neutral" for c in kept_out)
    assert coded["mongolia-1937"] == "buck-pass" and heldout.loc["mongolia-1937", "observed"] == "balance"
    assert walt_predictions(heldout.loc[["mongolia-1937"]].assign(others_engaged=0.0), params=AT_ELEVENTH_FILE) == [
        "balance"]
    assert heldout.loc["italy-1937", "threat_source"] == "Britain"
    misses = [c for c in heldout.index if three_way([coded[c]]) != three_way([heldout.loc[c, "observed"]])]
    assert sorted(misses) == sorted([*powers_1898, "germany-1937", "nepal-1937", "portugal-1898", *kept_out,
                                     "mongolia-1937"])


def test_the_hegemony_shift_keeps_three_balancers_out_and_costs_recall(book):
    """Italy, the Soviet Union (1937) and the United States (1958) kept out by the hegemony shift, the United States
    in 1954 not; it gains Britain, France and the United States in 1937 and loses those three; switched off, the
    recall rises (ho11_noshift_macro3)."""
    heldout, coded, _, f = clean_run(book, "eleventh")
    without = walt_predictions(heldout, params=replace(AT_ELEVENTH_FILE, hegemony_shift=0.0))
    gained, lost = hits_changed(heldout, without, list(coded.values()))
    assert gained == {"britain-1937", "france-1937", "usa-1937"}
    assert lost == {"italy-1937", "ussr-1937", "usa-1958"}
    assert dict(zip(heldout.index, without, strict=True))["usa-1954"] == "neutral"
    assert f["ho11_noshift_macro3"] == score(list(heldout["observed"]), without).three.macro_recall
    assert f["ho11_noshift_macro3"] > f["ho11_at11_macro3"]
    assert f["ho11_noshift_macro3"] < f["ho11_modal_macro3"]  # 'still just below the baselines'
    assert {"italy-1937", "ussr-1937"} <= set(heldout[heldout["aggregate_power"] <= 0.45].index)


def test_the_newest_terms_do_not_act_on_the_file(book):
    """'switching both off changes none of this file's predictions'; piling on was in force when the tenth file was
    coded and changed no three-way prediction there; 'with the hegemony shift switched off, it [the bond] is what would
    make the United States in 1958 a hit'; the two American decisions whose partner was at war are kept out."""
    heldout, coded, _, _ = clean_run(book, "eleventh")
    off = walt_predictions(heldout, params=replace(AT_ELEVENTH_FILE, piling_on=0.0, fighting_allies_bind=0.0))
    assert off == list(coded.values())
    in_war = heldout[heldout["war"]]
    assert (in_war["victory"] >= 0.5).all()
    bound = in_war[in_war["allies_fighting"] > 0]
    assert sorted(bound.index) == ["usa-1954", "usa-1958"]
    assert all(coded[c] == "neutral" for c in bound.index)
    usa = heldout.loc[["usa-1958"]]
    assert walt_predictions(usa, params=replace(AT_ELEVENTH_FILE, hegemony_shift=0.0)) == ["balance"]
    assert walt_predictions(usa, params=replace(AT_ELEVENTH_FILE, hegemony_shift=0.0, fighting_allies_bind=0.0)) == [
        "neutral"]
    assert AT_TENTH_FILE.piling_on == AT_ELEVENTH_FILE.piling_on == ModelParameters().piling_on > 0
    tenth = eh.load_heldout("tenth")
    assert three_way(walt_predictions(tenth, params=AT_TENTH_FILE)) == three_way(
        walt_predictions(tenth, params=replace(AT_TENTH_FILE, piling_on=0.0)))


def test_the_file_is_lumpy_and_allied_support_separates_it(book):
    """'without them [1898] the model would score above always balancing on the rest'; 'every decision to stay out is
    coded with allied support of at most 0.5 and every alignment with at least 0.5'; Morocco, the missing decision,
    was a system member in 1898 (the codebook and the chapter say so)."""
    heldout, coded, _, _ = clean_run(book, "eleventh")
    rest = heldout[~heldout.index.str.endswith("1898")]
    observed = list(rest["observed"])
    assert score(observed, [coded[c] for c in rest.index]).three.macro_recall > score(
        observed, ["balance"] * len(rest)).three.macro_recall
    out = heldout["observed"].isin(["neutral", "buck-pass"])
    assert heldout.loc[out, "allied_support"].max() <= 0.5 <= heldout.loc[~out, "allied_support"].min()
    taiwan = heldout[heldout["year"] >= 1954].index
    assert sorted(c.rsplit("-", 1)[0] for c in taiwan) == ["britain", "britain", "france", "france", "usa", "usa",
                                                          "ussr", "ussr"]
    text = chapter_text()
    assert "One more the rule calls for is missing: Morocco, a member of the system in 1898" in text
    assert "Morocco, a system member in 1898 (COW NMC v6.0)" in (ROOT / "data" / "README.md").read_text()


def test_other_terms_on_the_eleventh_file(book):
    """'on the eleventh it changes nothing' (insulation); allies ending hiding moves Mongolia 1937 from neutrality to
    passing the buck, no three-way prediction."""
    heldout, coded, _, _ = clean_run(book, "eleventh")
    assert walt_predictions(heldout, params=replace(AT_ELEVENTH_FILE, insulated_buckpassing=0.0)) == list(
        coded.values())
    no_allies = dict(zip(heldout.index, walt_predictions(
        heldout, params=replace(AT_ELEVENTH_FILE, allies_end_hiding=0.0)), strict=True))
    changed = [c for c in heldout.index if no_allies[c] != coded[c]]
    assert changed == ["mongolia-1937"] and no_allies["mongolia-1937"] == "neutral"


def test_the_chapter_says_so():
    text = chapter_text()
    for phrase in ("### The eleventh file: the model as it then stood, tested",
                   'heldout.heldout_table(heldout_scores[\\"eleventh\\"], clean=heldout.AS_CODED_ON[\\"eleventh\\"])',
                   "Neither term changed a three-way prediction on a file coded after its adoption until the twelfth "
                   "(next section).",
                   "These misses count against the shift's premise as the model measures it, with a global index",
                   "This file is the first clean test of the model with every term adopted by then (the land-power "
                   "reading, in the next section, came after it): no term waited for it",
                   "and on the ninth it cost one hit more than it gained, on the tenth two, and on the eleventh it "
                   "changes nothing",
                   "the third parties of forty-eight wars, in thirteen files",
                   "and is beaten on ten files of thirteen by a logit",
                   "the eleventh file gave neither it nor piling on a decision to act on, and there the model scored "
                   "below always balancing; the twelfth, the first to give it decisions, says it costs, and on the "
                   "thirteenth it gains one hit and loses one.",
                   "instead of the .33 it scores on each of the first ten files"):
        assert phrase in text, phrase
    assert eh.AS_CODED_ON["eleventh"] == eh.WALT_AT_ELEVENTH
