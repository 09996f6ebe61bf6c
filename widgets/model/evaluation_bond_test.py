"""Fighting allies bind's first later test: the first nine held-out files, coded for its input after the term was
adopted (``versions.py`` fixes the rule; chapter 8 reports it).

The term was adopted on the tenth file's 29 decisions. The first nine files (216 decisions) were coded before its
input existed, so it had never acted on them; their war rows were then coded for ``allies_fighting`` by coders shown
neither what the states did nor the model. The rule: the term stays (z = 1) if the three-way macro recall over the
nine files pooled does not fall with it. Both runs use the model as the term was adopted
(``FIGHTING_ALLIES_BIND.tried`` and ``.without``), pinned so that a later change cannot move the verdict.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from ..io.bond_coding import load_bond_coding
from ..io.cases import Case
from .alignment import Prediction, predict
from .coder_agreement import column_agreement
from .evaluation import walt_predictions
from .evaluation_heldout import HELDOUT_SETS, LOGIT, Baselines, Runs, logit_choices
from .evaluation_metrics import score, three_way
from .evaluation_specs import FIGHTING_ALLIES_BIND, fell, treaty_only

EARLIER_FILES: tuple[str, ...] = tuple(HELDOUT_SETS)[:9]  # coded before allies_fighting existed
# The rejected terms that also take away reasons to pass the buck, each switched on instead of the adopted one (as on
# the tenth file): does the coded bond do better than they would have on the same decisions?
RIVALS: dict[str, str] = {"bind": "allies_at_war_bind", "rank": "buckpassers_are_great_powers",
                          "chain": "chain_ganging", "free": "free_riders_align"}


@dataclass(frozen=True)
class FileChange:
    """One file's three-way macro recall without the term (``before``) and with it (``after``), and the decisions it
    made hits (``gained``) or misses (``lost``) on the three-way split."""

    which: str
    n: int
    before: float
    after: float
    gained: tuple[str, ...]
    lost: tuple[str, ...]


@dataclass(frozen=True)
class LaterTest:
    """The rule's two numbers (``before``, ``after``: three-way macro recall over the nine files pooled), the reading
    that counts treaty allies only (``treaty_only``), the logit baseline with and without the input (``logit_with``,
    ``logit_without``), how the decisions were coded (``coded``: code -> count) and each file's change."""

    n: int
    before: float
    after: float
    treaty_only: float
    logit_with: float
    logit_without: float
    coded: dict[float, int]
    files: tuple[FileChange, ...]
    rivals: dict[str, float]  # RIVALS key -> the pooled recall with that term on instead

    @property
    def kept(self) -> bool:
        """The rule: the term stays if the pooled recall does not fall with it."""
        return not fell(self.before, self.after)

    @property
    def gained(self) -> tuple[str, ...]:
        return tuple(c for f in self.files for c in f.gained)

    @property
    def lost(self) -> tuple[str, ...]:
        return tuple(c for f in self.files for c in f.lost)

    @property
    def files_raised(self) -> int:
        return sum(fell(f.after, f.before) for f in self.files)

    @property
    def files_lowered(self) -> int:
        return sum(fell(f.before, f.after) for f in self.files)


def _file_change(which: str, frame: pd.DataFrame, before: list[str], after: list[str]) -> FileChange:
    observed = list(frame["observed"])
    o3, b3, a3 = three_way(observed), three_way(before), three_way(after)
    gained = tuple(c for c, o, b, a in zip(frame.index, o3, b3, a3, strict=True) if a == o != b)
    lost = tuple(c for c, o, b, a in zip(frame.index, o3, b3, a3, strict=True) if b == o != a)
    recall = [score(observed, p).three.macro_recall for p in (before, after)]
    return FileChange(which, len(frame), recall[0], recall[1], gained, lost)


def later_test(cases: pd.DataFrame, runs: Runs) -> LaterTest:
    """Run the rule on the first nine files of ``runs`` (``evaluation_heldout.run_all``); raises ValueError if one is
    missing or does not code ``allies_fighting`` for every decision."""
    missing = [w for w in EARLIER_FILES if w not in runs]
    if missing:
        raise ValueError(f"runs must hold the first nine held-out files; missing {', '.join(missing)}")
    observed: list[str] = []
    chosen: dict[str, list[str]] = {k: [] for k in ("before", "after", "treaty", "logit", "blind", *RIVALS)}
    coded: dict[float, int] = {}
    files = []
    baselines = Baselines(cases)
    for which in EARLIER_FILES:
        frame, predictions = runs[which]
        if frame["allies_fighting"].isna().any():
            raise ValueError(f"the {which} held-out file does not code allies_fighting for every decision")
        before = walt_predictions(frame, params=FIGHTING_ALLIES_BIND.without)
        after = walt_predictions(frame, params=FIGHTING_ALLIES_BIND.tried)
        files.append(_file_change(which, frame, before, after))
        blind = frame.copy()
        blind["allies_fighting"] = float("nan")  # as before the coding: the logit leaves the input out
        observed += list(frame["observed"])
        chosen["before"] += before
        chosen["after"] += after
        chosen["treaty"] += walt_predictions(treaty_only(frame), params=FIGHTING_ALLIES_BIND.tried)
        chosen["logit"] += predictions[LOGIT]
        chosen["blind"] += logit_choices(baselines.logit(blind), blind)
        for key, switch in RIVALS.items():
            chosen[key] += walt_predictions(frame, params=replace(FIGHTING_ALLIES_BIND.without, **{switch: 1.0}))
        for value in frame["allies_fighting"]:
            coded[float(value)] = coded.get(float(value), 0) + 1
    recall = {k: score(observed, v).three.macro_recall for k, v in chosen.items()}
    return LaterTest(len(observed), recall["before"], recall["after"], recall["treaty"], recall["logit"],
                     recall["blind"], dict(sorted(coded.items())), tuple(files), {k: recall[k] for k in RIVALS})


def later_test_facts(cases: pd.DataFrame, runs: Runs) -> dict[str, Any]:
    """Chapter 8's numbers (prefix ``fab9_``): ``_n``, ``_before``, ``_after``, ``_kept`` (0 or 1), ``_treaty_only``,
    ``_logit_with``/``_without``, ``_gained``/``_lost`` (three-way hits), ``_files_raised``/``_lowered``, how many
    decisions were coded 1, 0.5 and 0 (``_coded_1``, ``_coded_half``, ``_coded_0``; other codes ``_coded_other``),
    ``_war`` (decisions in war), ``_gained_treaty``/``_lost_treaty`` (of the hits gained and lost, those coded 1, a
    treaty ally at war) and each rival's pooled recall (``_rival_bind``, ``_rival_rank``, ...); and
    ``hop_logit_without_b_macro3``, the logit's pooled recall on all the held-out files without the input."""
    t = later_test(cases, runs)
    named = {1.0: "1", 0.5: "half", 0.0: "0"}
    facts: dict[str, Any] = {
        "fab9_n": t.n, "fab9_before": t.before, "fab9_after": t.after, "fab9_kept": int(t.kept),
        "fab9_treaty_only": t.treaty_only, "fab9_logit_with": t.logit_with, "fab9_logit_without": t.logit_without,
        "fab9_gained": len(t.gained), "fab9_lost": len(t.lost),
        "fab9_files_raised": t.files_raised, "fab9_files_lowered": t.files_lowered,
        "fab9_coded_other": sum(n for v, n in t.coded.items() if v not in named),
    }
    facts.update({f"fab9_coded_{name}": t.coded.get(v, 0) for v, name in named.items()})
    facts.update({f"fab9_rival_{key}": value for key, value in t.rivals.items()})
    facts["fab9_war"] = sum(int(runs[w][0]["war"].sum()) for w in EARLIER_FILES)
    code = pd.concat([runs[w][0]["allies_fighting"] for w in EARLIER_FILES])
    facts["fab9_gained_treaty"] = sum(code[c] == 1.0 for c in t.gained)
    facts["fab9_lost_treaty"] = sum(code[c] == 1.0 for c in t.lost)
    facts["hop_logit_without_b_macro3"] = logit_without_input(cases, runs)
    return facts


def logit_without_input(cases: pd.DataFrame, runs: Runs) -> float:
    """The logit's three-way macro recall on every held-out decision of ``runs`` pooled, none of them read for
    ``allies_fighting``: the logit as it was before the model adopted fighting allies bind."""
    baselines = Baselines(cases)
    observed: list[str] = []
    chosen: list[str] = []
    for frame, _ in runs.values():
        blind = frame.assign(allies_fighting=float("nan"))
        observed += list(frame["observed"])
        chosen += logit_choices(baselines.logit(blind), blind)
    return score(observed, chosen).three.macro_recall


def later_test_table(test: LaterTest) -> pd.DataFrame:
    """One row per file: its decisions, how many have an ally or partner at war (code above 0), the three-way macro
    recall without the term and with it, and the decisions it made hits and misses; a last row pools them."""
    records = [{"file": f.which, "decisions": f.n, "before": round(f.before, 3), "after": round(f.after, 3),
                "hits gained": ", ".join(f.gained) or "-", "hits lost": ", ".join(f.lost) or "-"} for f in test.files]
    records.append({"file": "pooled", "decisions": test.n, "before": round(test.before, 3),
                    "after": round(test.after, 3), "hits gained": str(len(test.gained)),
                    "hits lost": str(len(test.lost))})
    return pd.DataFrame(records).set_index("file")


@dataclass(frozen=True)
class SecondCoding:
    """The later test's decisions in war coded a second time: how many (``n``), the share coded identically and the
    weighted kappa, the rule's two numbers with the second coding in place of the first (``before`` is the same, the
    term being off), and the decisions whose prediction with the term the second coding changes."""

    n: int
    identical: float
    kappa: float | None
    before: float
    after: float
    changed: tuple[str, ...]

    @property
    def kept(self) -> bool:
        return not fell(self.before, self.after)


def with_second_coding(which: str, frame: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (one of the first nine files) with the second coding of its decisions in war; those in peace stay 0.
    Raises ValueError naming the decisions in war the second coding lacks, or the decisions it codes beyond them."""
    codes = second.xs(HELDOUT_SETS[which], level="file")["allies_fighting"]
    at_war = frame.index[frame["war"]]
    if set(codes.index) != set(at_war):
        odd = sorted(set(codes.index) ^ set(at_war))
        raise ValueError(f"the second coding of the {which} file does not match its decisions in war: "
                         f"{', '.join(odd[:5])}")
    out = frame.copy()
    out.loc[at_war, "allies_fighting"] = codes.reindex(at_war).astype(float).to_numpy()
    return out


def second_coding(runs: Runs, second: pd.DataFrame | None = None) -> SecondCoding:
    """The later test rerun on the second coding (``data/allies_fighting_second.csv``), with the agreement of the two
    codings over the decisions in war."""
    second = load_bond_coding() if second is None else second
    first_codes: list[float] = []
    second_codes: list[float] = []
    observed: list[str] = []
    before: list[str] = []
    after: list[str] = []
    changed: list[str] = []
    for which in EARLIER_FILES:
        frame = runs[which][0]
        recoded = with_second_coding(which, frame, second)
        at_war = frame["war"].to_numpy()
        first_codes += list(frame.loc[at_war, "allies_fighting"])
        second_codes += list(recoded.loc[at_war, "allies_fighting"])
        observed += list(frame["observed"])
        before += walt_predictions(frame, params=FIGHTING_ALLIES_BIND.without)
        on_first = walt_predictions(frame, params=FIGHTING_ALLIES_BIND.tried)
        on_second = walt_predictions(recoded, params=FIGHTING_ALLIES_BIND.tried)
        after += on_second
        changed += [c for c, a, b in zip(frame.index, on_first, on_second, strict=True) if a != b]
    identical, kappa = column_agreement(first_codes, second_codes, True)
    recall = [score(observed, p).three.macro_recall for p in (before, after)]
    return SecondCoding(len(first_codes), identical, kappa, recall[0], recall[1], tuple(changed))


def second_coding_facts(runs: Runs, second: pd.DataFrame | None = None) -> dict[str, Any]:
    """Chapter 8's numbers on the second coding of the later test (prefix ``fab9s_``): ``_n``, ``_identical``,
    ``_kappa``, ``_after`` (the recall with the term on the second coding), ``_kept`` and ``_changed``."""
    s = second_coding(runs, second)
    return {"fab9s_n": s.n, "fab9s_identical": s.identical, "fab9s_kappa": s.kappa, "fab9s_after": s.after,
            "fab9s_kept": int(s.kept), "fab9s_changed": len(s.changed)}


def recoded(frame: pd.DataFrame, case_id: str, code: float) -> Prediction:
    """The model's prediction (as it stands) for decision ``case_id`` of ``frame`` with ``allies_fighting`` read as
    ``code`` instead of its coded value: how much one disputed code matters (chapter 8, ch8-ex-5). Raises ValueError
    for an unknown decision or a code outside [0, 1]."""
    if case_id not in frame.index:
        raise ValueError(f"case_id {case_id!r} is not a decision of this file")
    if not 0.0 <= code <= 1.0:
        raise ValueError(f"allies_fighting must be in [0, 1], got {code}")
    case = Case({**frame.loc[case_id].to_dict(), "case_id": case_id, "allies_fighting": float(code)})
    return predict(case.threat, case.situation)


SEVRES: tuple[str, ...] = ("britain-1956", "france-1956")  # the ninth file's decisions the two codings read apart


def sevres_facts(ninth: pd.DataFrame) -> dict[str, Any]:
    """Chapter 8's numbers for ch8-ex-5 (prefix ``sev_``), for Britain and France in 1956 (``britain``, ``france``):
    the probability of aligning at all (``_align``, the same whatever the code, since the term acts only on how to
    align), the hegemony shift and the lesson's shift of the threshold (``_hegemony``, ``_lesson``), the capability
    (``_capability``) and, with ``allies_fighting`` read as 1, 0.5 and 0, the probability of balancing
    (``_1_balance``, ``_half_balance``, ``_0_balance``)."""
    facts: dict[str, Any] = {}
    for case_id in SEVRES:
        name = case_id.split("-")[0]
        first = recoded(ninth, case_id, 1.0)
        facts.update({f"sev_{name}_align": first.p_align, f"sev_{name}_hegemony": first.stay_out["hegemony"],
                      f"sev_{name}_lesson": first.stay_out["lesson"],
                      f"sev_{name}_capability": float(ninth.loc[case_id, "capability"])})
        for code, label in ((1.0, "1"), (0.5, "half"), (0.0, "0")):
            facts[f"sev_{name}_{label}_balance"] = recoded(ninth, case_id, code).probabilities["balance"]
    return facts
