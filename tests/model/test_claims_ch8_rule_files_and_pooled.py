"""Chapter 8's held-out section on the fifth to seventh files (wars taken by a rule), the file-by-file table of
all eight files, the pooled result and the verdict, checked against the runs (the eighth file's own section:
``test_claims_ch8_file_8.py``)."""

from dataclasses import replace

from widgets.io.cases import load_cases
from widgets.model import evaluation as ev
from widgets.model import evaluation_heldout as eh
from widgets.model.evaluation_metrics import score, three_way
from widgets.model.parameters import ModelParameters
from widgets.model.versions import FREE_RIDERS_TRIED, GREAT_POWER_BUCKPASSING_TRIED

from .heldout_support import ROOT, chapter_text, hits_changed, three

CODED = eh.WALT_AT_FIFTH  # the model as the fifth to ninth files were coded (before piling on)


def test_chapter_8_says_what_the_fifth_file_shows(book):
    """The fifth file (wars taken by a rule): the model as it stands below always balancing, the rules and the
    logit; no alignment against the threat found (the three eastern courts of 1823 sent to stay out, the Papal
    States 1848 to pass the buck); one alignment with it (Persia 1827); the onlookers predicted to balance as
    the chapter lists them; allies ending hiding changes nothing there, chain-ganging only the Papal States;
    the insulation term changes nothing, though a great power fought the threat in 1823; the hegemony shift
    gains four onlookers and loses nothing."""
    _, files, predictions, f = book
    heldout = files["fifth"]
    assert eh.AS_CODED_ON["fifth"] == eh.WALT_AT_FIFTH
    observed = dict(zip(heldout.index, three_way(list(heldout["observed"])), strict=True))
    walt = dict(zip(heldout.index, three(predictions, "fifth", eh.WALT_AT_FIFTH), strict=True))
    assert f["ho5_at5_macro3"] < f["ho5_modal_macro3"] < f["ho5_rule_macro3"] < f["ho5_logit_macro3"]
    others = [f[f"ho{k}_at{k}_macro3"] for k in (1, 2, 3, 4)] + [f[f"ho{k}_at5_macro3"] for k in (6, 7, 8, 9)]
    assert f["ho5_at5_macro3"] < min(others)  # "worse than on any other file"
    assert f["ho5_at5_correct3"] < f["ho5_logit_correct3"] and f["ho5_at5_hit3_against"] == 0
    assert f["ho5_at5_hit3_with"] == 1 and walt["persia-1827"] == observed["persia-1827"] == "align with"
    against = {c for c, o in observed.items() if o == "align against"}
    assert against == {"russia-1823", "austria-1823", "prussia-1823", "papal-states-1848"}
    raw = dict(zip(heldout.index, predictions["fifth"][CODED], strict=True))
    assert {c: raw[c] for c in against} == {"russia-1823": "neutral", "austria-1823": "neutral",
                                            "prussia-1823": "neutral", "papal-states-1848": "buck-pass"}
    onlookers = {c for c in heldout.index if observed[c] == "stay out" and walt[c] == "align against"}
    assert onlookers == {"portugal-1823", "austria-1827", "prussia-1827", "austria-1828", "prussia-1828",
                         "prussia-1848", "switzerland-1848", "ottoman-empire-1848"}
    assert predictions["fifth"][CODED] == predictions["fifth"][eh.WALT_AT_FOURTH]
    chain = ev.walt_predictions(heldout, params=replace(eh.AT_FOURTH_FILE, allies_end_hiding=1.0, chain_ganging=1.0))
    moved = {c for c, a, b in zip(heldout.index, predictions["fifth"][CODED], chain, strict=True) if a != b}
    assert moved == {"papal-states-1848"} and three_way([chain[list(heldout.index).index("papal-states-1848")]]) == [
        "align against"]
    assert ev.walt_predictions(heldout, params=replace(eh.AT_FOURTH_FILE, allies_end_hiding=1.0,
                                                       insulated_buckpassing=0.0)) == predictions["fifth"][CODED]
    assert heldout.loc["russia-1823", "others_engaged"] >= 0.75 and heldout.loc["russia-1823", "capability"] >= 0.25
    no_shift = three_way(ev.walt_predictions(heldout, params=replace(eh.AT_FOURTH_FILE, allies_end_hiding=1.0,
                                                                     hegemony_shift=0.0)))
    before = dict(zip(heldout.index, no_shift, strict=True))
    assert len({c for c in heldout.index if walt[c] == observed[c] != before[c]}) == 4
    assert not {c for c in heldout.index if before[c] == observed[c] != walt[c]}
    text = chapter_text()
    for phrase in ("Russia, Austria and Prussia in 1823, which backed France's invasion of Spain",
                   "and the Papal States in 1848, predicted to pass the buck",
                   "(Portugal in 1823, Austria and Prussia in 1827 and 1828, Prussia, Switzerland and the Ottoman "
                   "Empire in 1848) predicted to balance",
                   "would have changed one (the Papal States, to a hit)",
                   "on the fifth file it turned four more onlookers into hits and lost none",
                   "*the insulation term*: switching it off in the model as each file was coded changes no "
                   "prediction on the later files until the ninth"):
        assert phrase in text, phrase


def test_chapter_8_says_what_the_sixth_file_shows(book):
    """The sixth file (the rule's next four wars), testing the model the fifth tested (free-riding not adopted):
    better than on the fifth, above always balancing, below the rules (all alignments against and the one with,
    no stay-out) and the logit; the misses the chapter lists; of the later terms only the hegemony shift changes
    anything (Britain and France 1848 gained, Russia 1848 lost); of the two rejected specs free-riding would have
    got one more decision right and chain-ganging one fewer, with the gains and losses named."""
    _, files, predictions, f = book
    heldout = files["sixth"]
    assert eh.AS_CODED_ON["sixth"] == eh.WALT_AT_FIFTH and eh.MODEL_VERSIONS[CODED] == eh.AT_FIFTH_FILE
    ids = list(heldout.index)
    observed = dict(zip(ids, three_way(list(heldout["observed"])), strict=True))
    walt = dict(zip(ids, three(predictions, "sixth", eh.WALT_AT_FIFTH), strict=True))
    raw = dict(zip(ids, predictions["sixth"][CODED], strict=True))
    assert f["ho5_at5_macro3"] < f["ho6_at5_macro3"]
    assert f["ho6_modal_macro3"] < f["ho6_at5_macro3"] < f["ho6_rule_macro3"] < f["ho6_logit_macro3"]
    assert f["ho6_at5_correct3"] < f["ho6_logit_correct3"]
    assert (f["ho6_rule_hit3_against"], f["ho6_rule_hit3_with"], f["ho6_rule_hit3_out"]) == (
        f["ho6_obs3_against"], f["ho6_obs3_with"], 0)
    assert f["ho6_obs3_with"] == 1 and walt["tuscany-1849"] == observed["tuscany-1849"] == "align with"
    assert heldout.loc["tuscany-1849", "target"]
    hits_against = {c for c in ids if observed[c] == walt[c] == "align against"}
    assert hits_against == {"modena-1859"} and f["ho6_at5_hit3_against"] == 1
    onlookers = {c for c in ids if observed[c] == "stay out" and walt[c] == "align against"}
    assert onlookers == {"france-1856", "russia-1856", "austria-1856", "prussia-1856", "britain-1849", "prussia-1849"}
    assert all(heldout.loc[c, "aggregate_power"] == 1.0 for c in ids if c.endswith("-1856") and c in onlookers)
    assert {heldout.loc[c, "aggregate_power"] for c in ("britain-1849", "prussia-1849")} == {0.9}
    joiners = {c for c in ids if observed[c] == "align against" and raw[c] == "buck-pass"}
    assert joiners == {"hanover-1848", "mecklenburg-schwerin-1848", "modena-1849"}
    assert {raw["russia-1848-schleswig"], raw["russia-1859"]} == {"neutral"}
    assert {observed["russia-1848-schleswig"], observed["russia-1859"]} == {"align against"}

    def moved(params):
        return hits_changed(heldout, predictions["sixth"][CODED], ev.walt_predictions(heldout, params=params))

    base = eh.AT_FIFTH_FILE  # the model as these files were coded (before piling on)
    for switch in ("hiding_ends_with_defeat", "insulated_buckpassing", "allies_end_hiding", "resistance_feasibility"):
        assert ev.walt_predictions(heldout, params=replace(base, **{switch: 0.0})) == predictions["sixth"][CODED]
    # the hegemony shift's effect, seen from the model without it: what it gained and lost
    lost, gained = moved(replace(base, hegemony_shift=0.0))
    assert (gained, lost) == ({"britain-1848-schleswig", "france-1848-schleswig"}, {"russia-1848-schleswig"})
    assert moved(FREE_RIDERS_TRIED) == ({"hanover-1848", "mecklenburg-schwerin-1848"}, {"parma-1859"})
    rejected = {name: score(list(heldout["observed"]), ev.walt_predictions(heldout, params=params)).three
                for name, params in (("free", FREE_RIDERS_TRIED), ("chain", replace(base, chain_ganging=1.0)))}
    assert f"{rejected['free'].macro_recall:.2f}" == "0.68" and f"{rejected['chain'].macro_recall:.2f}" == "0.63"
    assert rejected["chain"].hits["align against"][0] == f["ho6_at5_hit3_against"] + 2
    certain = heldout[heldout["allied_support"] == 1.0]
    assert (len(certain), int((certain["observed"] == "balance").sum())) == (10, 5)
    book_cases = load_cases()
    earlier = [book_cases] + [files[w] for w in ("first", "second", "third", "fourth", "fifth")]
    high = [d[d["allied_support"] > 0.8] for d in earlier]
    assert (sum(len(d) for d in high), sum(int((d["observed"] == "balance").sum()) for d in high)) == (35, 29)
    assert all(three_way(list(d["observed"])).count("align with") == 0 for d in high)
    assert moved(replace(base, chain_ganging=1.0)) == ({"hanover-1848", "modena-1849"},
                                                       {"britain-1859", "switzerland-1859", "parma-1859"})
    text = chapter_text()
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
                   "but changes no prediction, nor on the sixth, seventh or eighth; on the ninth it moves Mongolia in "
                   "1938 from neutrality to passing the buck, a miss either way; on the tenth it moves eight "
                   "predictions and on the eleventh one (Mongolia in 1937, again from neutrality to passing the "
                   "buck), none of them on the three-way split.",
                   "on the sixth turned two into hits and lost one balancer, on the seventh turned ten into hits and "
                   "lost none, on the eighth turned four into hits and lost none, on the ninth turned none into "
                   "hits and lost two balancers (France and the Soviet Union in 1956), on the tenth changed four "
                   "predictions, none of them on the three-way split, on the eleventh turned three onlookers into "
                   "hits and lost three balancers, lowering the recall there, on the twelfth turned one onlooker "
                   "into a hit (Britain in 1970) and lost none, and on the thirteenth did the same (Britain in 1968);",
                   "the third parties of forty-eight wars, in thirteen files: every state each war's frame listed, but "
                   "one (Modena in 1848, which had no government of its own to decide).",
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
    assert eh.AS_CODED_ON["seventh"] == eh.WALT_AT_FIFTH
    ids = list(heldout.index)
    observed = dict(zip(ids, three_way(list(heldout["observed"])), strict=True))
    walt = dict(zip(ids, three(predictions, "seventh", eh.WALT_AT_FIFTH), strict=True))
    logit = dict(zip(ids, three(predictions, "seventh", eh.LOGIT), strict=True))
    assert f["ho7_at5_macro3"] > max(f[f"ho{k}_{p}_macro3"] for k, p in ((1, "at1"), (2, "at2"), (3, "at3"),
                                                                          (4, "at4"), (5, "at5"), (6, "at5")))
    assert f["ho7_at5_macro3"] > f["ho7_logit_macro3"] > f["ho7_modal_macro3"] == f["ho7_rule_macro3"]
    assert (f["ho7_rule_hit3_against"], f["ho7_rule_hit3_with"], f["ho7_rule_hit3_out"]) == (0, f["ho7_obs3_with"], 0)
    assert f["ho7_logit_correct3"] > f["ho7_at5_correct3"] and f["ho7_logit_hit3_out"] > f["ho7_at5_hit3_out"]
    assert (f["ho7_obs3_against"], f["ho7_obs3_with"]) == (1, 2) and observed["two-sicilies-1860"] == "align against"
    # the lead rests on one decision: without the Ottoman Empire 1882 the model would be below the logit
    differ = {c for c in ids if (walt[c] == observed[c]) != (logit[c] == observed[c]) and observed[c] != "stay out"}
    assert differ == {"ottoman-empire-1882"} and walt["ottoman-empire-1882"] == observed["ottoman-empire-1882"]
    without = (f["ho7_at5_hit3_against"] / 1 + (f["ho7_at5_hit3_with"] - 1) / 2
               + f["ho7_at5_hit3_out"] / f["ho7_obs3_out"]) / 3
    assert without < f["ho7_logit_macro3"]
    # the two wars of 1860 share five deciders
    first, second = ({c.split("-1860")[0] for c in ids if c.endswith(end)} for end in ("-1860", "-1860-neapolitan"))
    assert len(first & second) == 5
    base = eh.AT_FIFTH_FILE  # the model as these files were coded (before piling on)

    def moved(params):
        return hits_changed(heldout, predictions["seventh"][CODED], ev.walt_predictions(heldout, params=params))

    lost, gained = moved(replace(base, hegemony_shift=0.0))
    ten = {"britain-1860", "prussia-1860", "britain-1860-neapolitan", "france-1860-neapolitan",
           "russia-1860-neapolitan", "britain-1862", "prussia-1862", "russia-1862", "italy-1862", "usa-1862"}
    assert (gained, lost) == (ten, set()) and f["ho7_at5_hit3_out"] == 11
    assert all(heldout.loc[c, "aggregate_power"] < 0.5 for c in ten)
    for switch in ("hiding_ends_with_defeat", "insulated_buckpassing", "allies_end_hiding", "resistance_feasibility"):
        assert ev.walt_predictions(heldout, params=replace(base, **{switch: 0.0})) == predictions["seventh"][CODED]
    for params in (replace(base, chain_ganging=1.0), FREE_RIDERS_TRIED, GREAT_POWER_BUCKPASSING_TRIED):
        assert ev.walt_predictions(heldout, params=params) == predictions["seventh"][CODED]
    onlookers = {c for c in ids if observed[c] == "stay out" and walt[c] == "align against"}
    peace_1882 = {"france-1882", "germany-1882", "austria-hungary-1882", "italy-1882"}
    assert onlookers == peace_1882 | {"russia-1882", "austria-1860", "austria-1860-neapolitan", "austria-1862",
                                      "prussia-1860-neapolitan", "papal-states-1860-neapolitan"}
    assert not heldout.loc[sorted(peace_1882), "war"].any() and heldout.loc["russia-1882", "aggregate_power"] == 1.0
    assert heldout.loc["papal-states-1860-neapolitan", "target"]
    assert {c for c in ids if observed[c] != walt[c]} == onlookers | {"france-1860"}
    assert walt["france-1860"] == "stay out" and observed["france-1860"] == "align with"
    # 'the one balancer counts for as much as all 21 stay-outs together, and each state that joined the threat
    # for as much as about ten'; 'a third of the model's score is the Two Sicilies'
    assert f["ho7_obs3_against"] == 1 and f["ho7_obs3_out"] == 21 and round(f["ho7_obs3_out"] / 2) == 10
    assert f["ho7_at5_hit3_against"] == f["ho7_logit_hit3_against"] == f["ho7_modal_hit3_against"] == 1
    assert f["ho7_rule_hit3_against"] == 0
    # 'held strictly to July it would be neutral, and the logit would then lead'
    july = heldout.copy()
    july.loc["ottoman-empire-1882", "observed"] = "neutral"
    strict = {name: score(list(july["observed"]), predictions["seventh"][name]).three.macro_recall
              for name in (eh.WALT_AT_FIFTH, eh.LOGIT)}
    assert strict[eh.LOGIT] > strict[CODED]
    # 'The United States ... counts as a great power in the model through its capability score (0.70 of
    # Britain's)'; 'Austria and Prussia, whose resources the index puts below a quarter of Britain's, ... their
    # coders' lesson of the last great war (alliance, not neutrality, had carried them through)'
    assert heldout.loc["usa-1862", "capability"] == 0.7 >= ModelParameters().great_power_at
    for cid in ("austria-1860", "austria-1860-neapolitan", "austria-1862", "prussia-1860-neapolitan"):
        assert heldout.loc[cid, "capability"] < 0.25 and heldout.loc[cid, "neutrality_lesson"] == -1.0
    # the adjudication at the merge (data/README.md): with the coder's war false for the two Neapolitan rows
    # the model's predictions are the same
    rows = ["britain-1860-neapolitan", "prussia-1860-neapolitan"]
    as_coded = heldout.loc[rows].copy()
    as_coded["war"], as_coded["victory"] = False, 0.5
    assert ev.walt_predictions(as_coded) == ev.walt_predictions(heldout.loc[rows])
    baselines = eh.Baselines(load_cases())
    # the codebook's account is of the file as it was scored, before allies_fighting was coded into it
    both = {name: eh.heldout_predictions(baselines.cases, frame.assign(allies_fighting=float("nan")), baselines)
            for name, frame in (("adjudicated", heldout.loc[rows]), ("as coded", as_coded))}
    assert [both[k][eh.LOGIT] for k in both] == [["neutral", "balance"], ["balance", "balance"]]
    assert [both[k][eh.BEST_RULE] for k in both] == [["bandwagon", "bandwagon"], ["balance", "balance"]]
    assert set(heldout.loc[rows, "observed"]) == {"neutral"}
    codebook = (ROOT / "data" / "README.md").read_text()
    assert "with the coder's `war` false the model's predictions for both rows are the same" in " ".join(
        codebook.split())
    text = chapter_text()
    for phrase in ("This is the model's best clean test, and the first file on which it scores above the logit on "
                   "macro recall",
                   "one balancer counts for as much as all {eval}`fact[\\\"ho7_obs3_out\\\"]` stay-outs together, and "
                   "each state that joined the threat for as much as about ten; a third of the model's score is the "
                   "Two Sicilies, which every predictor but the rules finds.",
                   "Its edge over the logit is a single decision: the Ottoman Empire in 1882",
                   "no Ottoman troops went. Its coder flagged the call as open: held strictly to July it would be "
                   "neutral, and the logit would then lead.",
                   "share five of their six deciders",
                   "Switched off, it would turn ten of the model's",
                   "(Britain and Prussia in the Italo-Roman War; Britain, France and Russia in the Neapolitan War; "
                   "Britain, Prussia, Russia, Italy and the United States in 1862)",
                   "counts as a great power in the model through its capability score (0.70 of Britain's)",
                   "Austria and Prussia, whose resources the index puts below a quarter of Britain's",
                   "Switching off any other later term changes no prediction here, and none of the three rejected "
                   "specs would have changed one.",
                   "Four are great powers of 1882 whose coded threat was at war with no one",
                   "As with Britain, France and Germany in 1911 on the fourth file, they are misses.",
                   "The fifth, Russia, facing Britain itself, repeats the Anglo-Persian War's miss",
                   "The others are Austria in both wars of 1860 and in 1862, Prussia in the Neapolitan War, and the "
                   "Papal States",
                   "France in 1860, whose secret assent to Sardinia's invasion its coder read, as an open call, as "
                   "joining Sardinia.",
                   "the Netherlands, Italy and Romania, neutral in 1914, became predicted balancers, and only "
                   "Romania's entry in 1916 became a hit"):
        assert phrase in text, phrase


def test_chapter_8_file_by_file_table(book, runs):
    """One row per file in the order coded, each the file's clean test beside the baselines, equal to the
    per-file facts; above always balancing on ten of the thirteen files and above the tuned rules on eight ('the
    first two, the seventh to tenth, the twelfth and the thirteenth'); 'the logit ... scores above it on every file but
    the seventh, the twelfth and the thirteenth'."""
    cases, files, _, f = book
    table = eh.files_table(runs)
    assert list(table.index) == list(eh.HELDOUT_SETS) and list(table["decisions"]) == [len(files[w]) for w in files]
    prefix = {"first": "at1", "second": "at2", "third": "at3", "fourth": "at4", "fifth": "at5", "sixth": "at5",
              "seventh": "at5", "eighth": "at5", "ninth": "at5", "tenth": "at10", "eleventh": "at11", "twelfth": "at11",
              "thirteenth": "walt"}
    for k, which in enumerate(eh.HELDOUT_SETS, start=1):
        row = table.loc[which]
        assert row["model as coded"] == round(f[f"ho{k}_{prefix[which]}_macro3"], 3)
        assert (row["always balancing"], row["best rule"], row["logit"]) == tuple(
            round(f[f"ho{k}_{p}_macro3"], 3) for p in ("modal", "rule", "logit"))
        assert (row["logit"] > row["model as coded"]) == (which not in ("seventh", "twelfth", "thirteenth"))
    assert table.loc["sixth", "years"] == "1848-1859" and table.loc["seventh", "years"] == "1860-1882"
    assert table.loc["eighth", "years"] == "1884-1919" and table.loc["ninth", "years"] == "1938-1956"
    assert table.loc["tenth", "years"] == "1982-2003" and table.loc["eleventh", "years"] == "1898-1958"
    assert table.loc["twelfth", "years"] == "1965-1987" and table.loc["thirteenth", "years"] == "1968"
    assert (f["hof_files"], f["hof_above_modal"], f["hof_above_rule"], f["hof_above_logit"]) == (13, 10, 8, 3)
    above_rule = [w for w in table.index if table.loc[w, "model as coded"] > table.loc[w, "best rule"]]
    assert above_rule == ["first", "second", "seventh", "eighth", "ninth", "tenth", "twelfth", "thirteenth"]
    text = chapter_text()
    assert "and above the tuned rules on {eval}`fact[\\\"hof_above_rule\\\"]` (the first two, the seventh to " \
           "tenth, the twelfth and the thirteenth); the logit fitted on the book's cases scores above it on every " \
           "file but the seventh, the twelfth and the thirteenth." in text
    assert "heldout.files_table(heldout_runs)" in text


def test_chapter_8_pooled_verdict(book, runs):
    """'level with that of the rule tuned on the book's cases': the lead 'has changed hands three times' (the model
    ahead by less than a ten-thousandth before the eighth file, behind by about a hundredth after it, ahead by
    less than a hundredth after the ninth, behind by less than a thousandth after the tenth, by about a hundredth
    after the eleventh, ahead by about a hundredth and a half after the twelfth and by about two hundredths after the
    thirteenth), and file by file it is below the rule on five of the thirteen; more
    decisions right than always predicting balancing, but well below the logit fitted there (by more than 0.1);
    the hegemony shift's record on the files coded after it."""
    _, _, _, f = book
    assert f["hop_modal_macro3"] < f["hop_rule_macro3"] < f["hop_coded_macro3"] < f["hop_rule_macro3"] + 0.025
    assert f["hop_coded_macro3"] - f["hop_rule_macro3"] > 0.0175  # 'about two hundredths above the rule'
    assert f["hop_gap_rule_low"] < 0 < f["hop_gap_rule_high"]  # 'within chance'
    assert f["hop_rule_macro3"] == f["hop_war_macro3"]  # 'which both tunings pick'
    # 'its strength against the rule is in staying out'; fewer alignments with and against the threat
    assert f["hop_coded_hit3_out"] > f["hop_rule_hit3_out"] == 0
    assert f["hop_coded_hit3_with"] < f["hop_rule_hit3_with"]
    assert f["hop_coded_hit3_against"] < f["hop_rule_hit3_against"]

    def margin(files):
        cards = eh.pooled_scores(load_cases(), {w: r for w, r in runs.items() if w in files})
        return cards[eh.AS_CODED].three.macro_recall - cards[eh.BEST_RULE].three.macro_recall

    order = list(eh.HELDOUT_SETS)
    assert 0 < margin(order[:7]) < 1e-4  # before the eighth file
    assert -0.02 < margin(order[:8]) < -0.005  # 'behind by about a hundredth after it'
    assert 0 < margin(order[:9]) < 0.01  # 'ahead by less than a hundredth after the ninth'
    assert -0.001 < margin(order[:10]) < 0  # 'behind by less than a thousandth after the tenth'
    assert -0.015 < margin(order[:11]) < -0.005  # 'by about a hundredth after the eleventh'
    assert 0.0125 < margin(order[:12]) < 0.0175  # 'ahead by about a hundredth and a half after the twelfth'
    assert 0.0175 < margin(order) < 0.025  # 'and by about two hundredths after the thirteenth'
    recalls = [f[f"hop_coded_hit3_{k}"] / f[f"hop_obs3_{k}"] for k in ("against", "with", "out")]
    assert abs(sum(recalls) / 3 - f["hop_coded_macro3"]) < 1e-12
    assert f["hop_logit_macro3"] - f["hop_coded_macro3"] > 0.1
    assert f["hop_modal_correct3"] < f["hop_coded_correct3"] < f["hop_logit_correct3"]
    table = eh.files_table(runs)
    assert int((table["model as coded"] < table["best rule"]).sum()) == 5 == f["hof_files"] - f["hof_above_rule"]
    assert f["hof_above_modal"] > f["hof_files"] / 2 and f["hof_files"] - f["hof_above_logit"] == 10
    gains = {k: f[f"hop_logit_hit3_{k}"] - f[f"hop_coded_hit3_{k}"] for k in ("against", "with", "out")}
    assert max(gains, key=gains.get) == "against"
    # the hegemony shift after it was adopted: onlookers gained, balancers lost, files whose recall it raised
    shift = eh.hegemony_shift_record(runs)
    assert shift["files"] == ["fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth",
                              "thirteenth"]
    assert shift["raised"] == ["fourth", "fifth", "seventh", "eighth", "twelfth", "thirteenth"]
    assert {c for c in shift["lost"] if c.endswith("-1956")} == {"france-1956", "ussr-1956"}  # the ninth's two
    files = {which: heldout for which, (heldout, _) in runs.items()}
    observed = {c: o for h in files.values() for c, o in zip(h.index, three_way(list(h["observed"])), strict=True)}
    assert {observed[c] for c in shift["gained"]} == {"stay out"} and {observed[c] for c in shift["lost"]} == {
        "align against"}
    assert (f["hes_files"], f["hes_gained"], f["hes_lost"], f["hes_raised"]) == (10, 36, 8, 6)
    # 'both stay above zero, while the model and the rule cannot be told apart'
    assert 0 < f["hop_gap_logit_low"] < f["hop_gap_logit_high"] and 0 < f["hop_gap_modal_low"]
    assert f["hop_gap_rule_low"] < 0 < f["hop_gap_rule_high"]
    assert f["hop_gap_logit_low"] < f["hop_logit_macro3"] - f["hop_coded_macro3"] < f["hop_gap_logit_high"]
    # resampling whole file-year groups instead: 'still above zero'
    assert f["hop_groups"] == 52 and 0 < f["hop_gapw_logit_low"] and 0 < f["hop_gapw_modal_low"]
    assert f["hop_gapw_rule_low"] < 0 < f["hop_gapw_rule_high"]
    # versions.py: the great-power buck-passing spec (after the sixth file) was prompted by 'the pooled held-out
    # record, where the model finds 18 of 52 alignments against the threat' (files one to six, as coded)
    before_seventh = {w: r for w, r in runs.items() if w in list(eh.HELDOUT_SETS)[:6]}
    pooled = eh.pooled_scores(load_cases(), before_seventh)[eh.AS_CODED].three.hits["align against"]
    assert pooled == (18, 52)
    from widgets.model import versions

    assert "where the model finds 18 of 52 alignments against the threat" in " ".join(versions.__doc__.split())
    assert versions.AT_FIFTH_FILE == replace(ModelParameters(), piling_on=0.0, fighting_allies_bind=0.0,
                                             land_hegemony=0.0)  # five-nine
    text = chapter_text()
    for phrase in ("The lead has changed hands four times: the model was ahead by less than a ten-thousandth before "
                   "the eighth file, behind by about a hundredth after it, ahead by less than a hundredth after the "
                   "ninth, behind by less than a thousandth after the tenth, behind by about a hundredth after the "
                   "eleventh, ahead by about a hundredth and a half after the twelfth and by about two hundredths "
                   "after the thirteenth; file by file it is below the rule on five of the thirteen.",
                   "and its macro recall is about two hundredths above that of the rule tuned on the book's cases",
                   "(\\\"war and victory\\\", which both tunings pick;",
                   "above all because it finds the alignments against the threat",
                   "Out of sample it beats always balancing on most files, is no better than a two-line rule (about "
                   "two hundredths ahead of it on the pooled decisions, within chance), and is beaten on ten files of "
                   "thirteen by a logit fitted to the same inputs",
                   "That is the model's main weakness out of sample.",
                   "both stay above zero, while the model and the rule cannot be told apart",
                   "Decisions of one war are not independent; resampling whole groups of decisions from the same "
                   "file and year instead",
                   "still above zero.",
                   "it turned {eval}`fact[\\\"hes_gained\\\"]` onlookers into hits and lost "
                   "{eval}`fact[\\\"hes_lost\\\"]` balancers, and it raised the macro recall on "
                   "{eval}`fact[\\\"hes_raised\\\"]` of them. Against the leading power by resources it did not act, "
                   "and that is where the eleventh file's clean test failed: the great powers of 1898, where the "
                   "land-power reading, adopted since, now acts. The later test of fighting allies bind comes next,",
                   "the fourth on purpose from a kind of war rich in onlookers and the third while the insulation "
                   "term was being written"):
        assert phrase in text, phrase
