"""Chapter 8's section on the ninth held-out file (four wars of 1938-56, the piling-on spec's test), checked
against the run."""

from dataclasses import replace

from widgets import predict
from widgets.io.cases import Case
from widgets.model import evaluation as ev
from widgets.model import evaluation_heldout as eh
from widgets.model import versions
from widgets.model.evaluation_metrics import three_way

from .heldout_support import chapter_text, clean_run, hits_changed

CODED = eh.WALT_AT_FIFTH  # the model as the file was coded (before piling on)
NEIGHBOURS_1938 = {"finland-1938", "estonia-1938", "latvia-1938", "poland-1938", "romania-1938", "turkey-1938",
                   "iran-1938", "afghanistan-1938", "china-1938", "mongolia-1938"}


def _file(book):
    return clean_run(book, "ninth")


def test_the_ninth_file_is_its_frame(book):
    heldout, _, _, f = _file(book)
    assert eh.AS_CODED_ON["ninth"] == CODED and f["ho9_n"] == len(heldout) == 27
    great = {"britain-1938", "france-1938", "germany-1938", "italy-1938"}
    assert {c for c in heldout.index if c.endswith("-1938")} == NEIGHBOURS_1938 | great
    observed = dict(zip(heldout.index, three_way(list(heldout["observed"])), strict=True))
    assert (f["ho9_obs3_against"], f["ho9_obs3_with"], f["ho9_obs3_out"]) == (11, 1, 15)
    assert [c for c, o in observed.items() if o == "align with"] == ["britain-1939-nomonhan"]
    assert heldout.loc["britain-1939-nomonhan", "target"] and heldout.loc["britain-1939-nomonhan",
                                                                          "threat_source"] == "Japan"
    text = chapter_text()
    for phrase in ("so ten of its neighbours from Finland to Mongolia decide beside four great",
                   "(Britain in 1939, accommodating Japan over the blockade of its concession at Tientsin)"):
        assert phrase in text, phrase


def test_the_model_the_baselines_and_the_misses_on_the_ninth_file(book):
    heldout, coded, predictions, f = _file(book)
    assert 0.55 < f["ho9_logit_macro3"] < 0.6 and f["ho9_logit_correct3"] == 23
    assert f["ho9_rule_macro3"] < f["ho9_modal_macro3"] < f["ho9_at5_macro3"]
    # 'the gap on this file is wide, as on most files' (the logit against each file's clean test)
    table = eh.files_table(dict(book_runs(book)))
    gaps = table["logit"] - table["model as coded"]
    assert gaps["ninth"] > 0.2 and (gaps > 0.2).sum() > len(gaps) / 2
    got = {c: three_way([p])[0] for c, p in coded.items()}
    observed = dict(zip(heldout.index, three_way(list(heldout["observed"])), strict=True))
    misses = {c for c in heldout.index if got[c] != observed[c]}
    assert len(misses) == 11 == f["ho9_n"] - f["ho9_at5_correct3"]
    passed = {c for c in misses if coded[c] == "buck-pass" and observed[c] == "align against"}
    assert passed == {"germany-1938", "italy-1938", "mongolia-1938", "britain-1950", "france-1950"}
    assert all(heldout.loc[c, "allied_support"] >= 0.75 and heldout.loc[c, "others_engaged"] > 0 for c in passed)
    out = {c for c in misses if coded[c] == "neutral" and observed[c] == "align against"}
    assert out == {"britain-1956", "france-1956", "ussr-1956"}
    assert heldout.loc["britain-1956", "aggregate_power"] == heldout.loc["france-1956", "aggregate_power"] == 0.0
    aligned = {c for c in misses if observed[c] == "stay out"}
    assert aligned == {"ussr-1950", "libya-1956"} and coded["libya-1956"] == "bandwagon"
    ussr = Case({**heldout.loc["ussr-1950"].to_dict(), "case_id": "ussr-1950"})
    p = predict(ussr.threat, ussr.situation, params=versions.AT_FIFTH_FILE).probabilities
    assert coded["ussr-1950"] == "balance" and 0 < p["balance"] - p["buck-pass"] < 0.05  # 'by a hair'
    assert misses - passed - out - aligned == {"britain-1939-nomonhan"} and coded["britain-1939-nomonhan"] == "balance"
    text = chapter_text()
    for phrase in ("Its misses are of four kinds.",
                   "Against the logit the gap on this file is wide, as on most files.",
                   "(passing the buck, which the model predicts as balancing, by a hair)"):
        assert phrase in text, phrase


def book_runs(book):
    _, files, predictions, _ = book
    return {w: (files[w], predictions[w]) for w in files}


def test_the_later_terms_and_the_specs_on_the_ninth_file(book):
    heldout, coded, predictions, _ = _file(book)
    base = versions.AT_FIFTH_FILE

    def changed(params):
        return hits_changed(heldout, predictions[CODED], ev.walt_predictions(heldout, params=params))

    # without the hegemony shift France and the Soviet Union 1956 are hits (Britain a buck-passer, still a miss)
    assert changed(replace(base, hegemony_shift=0.0)) == ({"france-1956", "ussr-1956"}, set())
    without_shift = dict(zip(heldout.index, ev.walt_predictions(heldout, params=replace(base, hegemony_shift=0.0)),
                             strict=True))
    assert without_shift["britain-1956"] == "buck-pass"
    assert changed(replace(base, insulated_buckpassing=0.0)) == ({"germany-1938", "italy-1938"},
                                                                  {"italy-1939-nomonhan"})
    no_j = dict(zip(heldout.index, ev.walt_predictions(heldout, params=replace(base, allies_end_hiding=0.0)),
                    strict=True))
    assert (coded["mongolia-1938"], no_j["mongolia-1938"]) == ("buck-pass", "neutral")
    assert changed(replace(base, allies_end_hiding=0.0)) == (set(), set())
    no_f = dict(zip(heldout.index, ev.walt_predictions(heldout, params=replace(base, resistance_feasibility=0.0)),
                    strict=True))
    assert (no_f["libya-1956"], no_f["sudan-1956"]) == ("balance", "balance")
    assert (coded["libya-1956"], coded["sudan-1956"]) == ("bandwagon", "neutral")
    assert changed(replace(base, resistance_feasibility=0.0)) == (set(), {"sudan-1956"})
    assert changed(replace(base, hiding_ends_with_defeat=0.0)) == (set(), set())
    # the rejected specs: (hits gained, hits lost)
    counts = {name: tuple(map(len, changed(params))) for name, params in (
        ("chain", versions.CHAIN_GANGING_TRIED), ("free", versions.FREE_RIDERS_TRIED),
        ("rank", versions.GREAT_POWER_BUCKPASSING_TRIED), ("bind", versions.ALLIES_AT_WAR_BIND_TRIED))}
    assert counts == {"chain": (2, 4), "free": (1, 0), "rank": (1, 4), "bind": (3, 1)}
    assert changed(versions.ALLIES_AT_WAR_BIND_TRIED) == ({"mongolia-1938", "britain-1950", "france-1950"},
                                                          {"italy-1939-nomonhan"})
    moved = {name: sum(a != b for a, b in zip(predictions[CODED], ev.walt_predictions(heldout, params=params),
                                               strict=True))
             for name, params in (("chain", versions.CHAIN_GANGING_TRIED), ("rank",
                                                                             versions.GREAT_POWER_BUCKPASSING_TRIED))}
    assert moved == {"chain": 7, "rank": 5}
    text = chapter_text()
    for phrase in ("it would have turned them into hits and lost one stay-out (Italy at",
                   "Switched off, it would have turned France and the Soviet Union into hits (and Britain",
                   "On this file the hegemony shift gains no decision and loses those two.",
                   "chain-ganging would have changed seven decisions (two hits gained, four lost), free-riders align "
                   "one (Mongolia, a hit gained) and buck-passers are great powers five (one gained, four lost).",
                   "two hits more and one more miss, Italy at Nomonhan"):
        assert phrase in " ".join(text.split()), phrase
