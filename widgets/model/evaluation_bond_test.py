"""Fighting allies bind's first later test: the first nine held-out files, coded for its input after the term was
adopted (``versions.py`` fixes the rule; chapter 8 reports it).

The term was adopted on the tenth file's 29 decisions. The first nine files (216 decisions) were coded before its
input existed, so it had never acted on them (though they had been seen when it was written); their decisions in war
were then coded for ``allies_fighting`` by coders shown neither what the states did nor the model. The rule: the term
stays (z = 1) if the three-way macro recall over the nine files pooled does not fall with it. Both runs use the model
as the term was adopted (``FIGHTING_ALLIES_BIND.tried`` and ``.without``), pinned so that a later change cannot move
the verdict. Beside the rule, and not fixed with it: the rejected terms switched on instead (``RIVALS``), a cluster
bootstrap of the gain, and the gain when the same codes are shuffled among each file's decisions in war.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from ..io.bond_coding import load_bond_coding
from ..io.cases import Case
from .alignment import Prediction, predict
from .evaluation import walt_predictions
from .evaluation_bond_coding import BondRecoding, compare_codings, recode
from .evaluation_heldout import HELDOUT_SETS, LOGIT, Baselines, Runs, logit_choices_without
from .evaluation_metrics import BOOTSTRAP_SEED, hits_changed, macro_recall_gap_interval, score
from .evaluation_specs import FIGHTING_ALLIES_BIND, fell, treaty_only

EARLIER_FILES: tuple[str, ...] = tuple(HELDOUT_SETS)[:9]  # coded before allies_fighting existed
# The rejected terms that also take away reasons to pass the buck, each switched on instead of the adopted one (as on
# the tenth file): does the coded bond do better than they would have on the same decisions?
RIVALS: dict[str, str] = {"bind": "allies_at_war_bind", "rank": "buckpassers_are_great_powers",
                          "chain": "chain_ganging", "free": "free_riders_align"}
SHUFFLES = 1000


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
    """The rule's two numbers (``before``, ``after``: three-way macro recall over the nine files pooled) and what is
    reported beside them: the reading that counts treaty allies only (``treaty_only``), the logit with and without the
    input, how the decisions were coded (``coded``: (code, count) pairs), each file's change, the rivals' recalls
    (``rivals``: (key, recall) pairs), the pooled recall without the ninth file (``without_ninth``: before, after),
    the gain's cluster-bootstrap interval (``gain_interval``), the shuffled codes' recalls (``shuffled``: mean and
    share at least ``after``) and the recall with every decision in war coded 0.5 (``all_half``)."""

    n: int
    war: int
    before: float
    after: float
    treaty_only: float
    logit_with: float
    logit_without: float
    coded: tuple[tuple[float, int], ...]
    files: tuple[FileChange, ...]
    rivals: tuple[tuple[str, float], ...]
    gained_treaty: int
    lost_treaty: int
    without_ninth: tuple[float, float]
    gain_interval: tuple[float, float]
    shuffled: tuple[float, float]
    all_half: float  # every decision in war coded 0.5: the gain from any bond at all, wherever it falls

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


def war_mask(frame: pd.DataFrame) -> np.ndarray:
    """Which decisions of ``frame`` are in war (the only ones coded for ``allies_fighting``; in peace it is 0)."""
    return frame["war"].to_numpy(dtype=bool)


def earlier_frames(runs: Runs) -> dict[str, pd.DataFrame]:
    """The first nine files of ``runs``; raises ValueError if one is missing or does not code ``allies_fighting`` for
    every decision."""
    missing = [w for w in EARLIER_FILES if w not in runs]
    if missing:
        raise ValueError(f"runs must hold the first nine held-out files; missing {', '.join(missing)}")
    frames = {w: runs[w][0] for w in EARLIER_FILES}
    for which, frame in frames.items():
        if "allies_fighting" not in frame or frame["allies_fighting"].isna().any():
            raise ValueError(f"the {which} held-out file does not code allies_fighting for every decision")
    return frames


def _shuffled_recalls(pooled: pd.DataFrame, files: list[str], draws: int) -> np.ndarray:
    """The pooled recall with the term when the codes are shuffled among each file's decisions in war (seeded). A
    decision's prediction depends on its own code only, so each is predicted once per distinct code."""
    war = war_mask(pooled)
    values = sorted(set(pooled.loc[war, "allies_fighting"]))
    by_code = {v: walt_predictions(pooled.assign(allies_fighting=v), params=FIGHTING_ALLIES_BIND.tried)
               for v in values}
    observed = list(pooled["observed"])
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    file_of = np.array(files)
    codes = pooled["allies_fighting"].to_numpy(dtype=float)
    recalls = np.empty(draws)
    for d in range(draws):
        drawn = codes.copy()
        for which in dict.fromkeys(files):
            rows = np.flatnonzero(war & (file_of == which))
            drawn[rows] = rng.permutation(codes[rows])
        chosen = [by_code[v][i] if war[i] else by_code[values[0]][i] for i, v in enumerate(drawn)]
        recalls[d] = score(observed, chosen).three.macro_recall
    return recalls


def later_test(cases: pd.DataFrame, runs: Runs, baselines: Baselines | None = None,
               shuffles: int = SHUFFLES) -> LaterTest:
    """Run the rule on the first nine files of ``runs`` (``evaluation_heldout.run_all``, fitted with ``baselines``
    if given, so that the logit with and without the input are the same fit's); see :func:`earlier_frames`."""
    frames = earlier_frames(runs)
    baselines = Baselines(cases) if baselines is None else baselines
    pooled = pd.concat(frames.values())
    files = [w for w, f in frames.items() for _ in range(len(f))]
    observed = list(pooled["observed"])
    before = walt_predictions(pooled, params=FIGHTING_ALLIES_BIND.without)
    after = walt_predictions(pooled, params=FIGHTING_ALLIES_BIND.tried)
    changes = []
    for which, frame in frames.items():
        rows = [i for i, w in enumerate(files) if w == which]
        b, a = [before[i] for i in rows], [after[i] for i in rows]
        recall = [score(list(frame["observed"]), p).three.macro_recall for p in (b, a)]
        changes.append(FileChange(which, len(frame), *recall, *hits_changed(list(frame["observed"]), b, a,
                                                                             frame.index)))
    gained, lost = hits_changed(observed, before, after, pooled.index)
    code = pooled["allies_fighting"]
    rivals = {key: walt_predictions(pooled, params=replace(FIGHTING_ALLIES_BIND.without, **{switch: 1.0}))
              for key, switch in RIVALS.items()}
    logit = [c for w in EARLIER_FILES for c in runs[w][1][LOGIT]]
    blind = [c for f in frames.values() for c in logit_choices_without(baselines, f, "allies_fighting")]
    recall = {name: score(observed, chosen).three.macro_recall for name, chosen in (
        ("treaty", walt_predictions(treaty_only(pooled), params=FIGHTING_ALLIES_BIND.tried)),
        ("logit", logit), ("blind", blind), *rivals.items())}
    early = [i for i, w in enumerate(files) if w != "ninth"]
    without_ninth = tuple(score([observed[i] for i in early], [p[i] for i in early]).three.macro_recall
                          for p in (before, after))
    groups = [f"{w}-{y}" for w, y in zip(files, pooled["year"], strict=True)]  # a stand-in for the wars
    shuffled = _shuffled_recalls(pooled, files, shuffles)
    half = pooled.assign(allies_fighting=np.where(war_mask(pooled), 0.5, 0.0))
    after_recall = score(observed, after).three.macro_recall
    return LaterTest(
        n=len(pooled), war=int(war_mask(pooled).sum()), before=score(observed, before).three.macro_recall,
        after=after_recall, treaty_only=recall["treaty"], logit_with=recall["logit"], logit_without=recall["blind"],
        coded=tuple((float(v), int(n)) for v, n in sorted(code.value_counts().items())), files=tuple(changes),
        rivals=tuple((key, recall[key]) for key in RIVALS),
        gained_treaty=int(sum(code[c] == 1.0 for c in gained)), lost_treaty=int(sum(code[c] == 1.0 for c in lost)),
        without_ninth=(float(without_ninth[0]), float(without_ninth[1])),
        gain_interval=macro_recall_gap_interval(observed, after, before, groups=groups),
        shuffled=(float(shuffled.mean()), float((shuffled >= after_recall - 1e-12).mean())),
        all_half=score(observed, walt_predictions(half, params=FIGHTING_ALLIES_BIND.tried)).three.macro_recall)


def later_test_facts(test: LaterTest) -> dict[str, Any]:
    """Chapter 8's numbers (prefix ``fab9_``): ``_n``, ``_war``, ``_before``, ``_after``, ``_kept`` (0 or 1),
    ``_treaty_only``, ``_logit_with``/``_without``, ``_gained``/``_lost`` (three-way hits) and ``_gained_treaty``/
    ``_lost_treaty`` (of those, coded 1), ``_files_raised``/``_lowered``, how many decisions were coded 1, 0.5 and 0
    (``_coded_1``, ``_coded_half``, ``_coded_0``; other codes ``_coded_other``), each rival's recall
    (``_rival_bind``, ``_rival_rank``, ...), ``_noninth_before``/``_after``, ``_gain_low``/``_high`` and
    ``_shuffled_mean``/``_shuffled_share`` (of ``_shuffles``) and ``_all_half``."""
    named = {1.0: "1", 0.5: "half", 0.0: "0"}
    coded = dict(test.coded)
    facts: dict[str, Any] = {
        "fab9_n": test.n, "fab9_war": test.war, "fab9_before": test.before, "fab9_after": test.after,
        "fab9_kept": int(test.kept), "fab9_treaty_only": test.treaty_only, "fab9_logit_with": test.logit_with,
        "fab9_logit_without": test.logit_without, "fab9_gained": len(test.gained), "fab9_lost": len(test.lost),
        "fab9_gained_treaty": test.gained_treaty, "fab9_lost_treaty": test.lost_treaty,
        "fab9_files_raised": test.files_raised, "fab9_files_lowered": test.files_lowered,
        "fab9_coded_other": sum(n for v, n in coded.items() if v not in named),
        "fab9_noninth_before": test.without_ninth[0], "fab9_noninth_after": test.without_ninth[1],
        "fab9_gain_low": test.gain_interval[0], "fab9_gain_high": test.gain_interval[1],
        "fab9_ninth_gained": len(next(f for f in test.files if f.which == "ninth").gained),
        "fab9_shuffled_mean": test.shuffled[0], "fab9_shuffled_share": test.shuffled[1], "fab9_shuffles": SHUFFLES,
        "fab9_all_half": test.all_half,
    }
    facts.update({f"fab9_coded_{name}": coded.get(v, 0) for v, name in named.items()})
    facts.update({f"fab9_rival_{key}": value for key, value in test.rivals})
    return facts


def logit_without_input(runs: Runs, baselines: Baselines) -> float:
    """The logit's three-way macro recall on every held-out decision of ``runs`` pooled, none of them read for
    ``allies_fighting``: the logit as it was before the model adopted fighting allies bind."""
    observed = [o for frame, _ in runs.values() for o in frame["observed"]]
    chosen = [c for frame, _ in runs.values() for c in logit_choices_without(baselines, frame, "allies_fighting")]
    return score(observed, chosen).three.macro_recall


def later_test_table(test: LaterTest) -> pd.DataFrame:
    """One row per file: its decisions, the three-way macro recall without the term and with it, and the decisions it
    made hits and misses; a last row pools them (with the counts of hits gained and lost)."""
    records = [{"file": f.which, "decisions": f.n, "before": round(f.before, 3), "after": round(f.after, 3),
                "hits gained": ", ".join(f.gained) or "-", "hits lost": ", ".join(f.lost) or "-"} for f in test.files]
    records.append({"file": "pooled", "decisions": test.n, "before": round(test.before, 3),
                    "after": round(test.after, 3), "hits gained": str(len(test.gained)),
                    "hits lost": str(len(test.lost))})
    return pd.DataFrame(records).set_index("file")


def second_coding(runs: Runs, second: pd.DataFrame | None = None) -> BondRecoding:
    """The later test rerun on the second coding (``data/allies_fighting_second.csv``) of the nine files' decisions
    in war (those in peace stay 0), with the two codings' agreement over those decisions."""
    second = load_bond_coding() if second is None else second
    frames = earlier_frames(runs)
    recoded = [recode(f, second, HELDOUT_SETS[w], rows=f.index[war_mask(f)]) for w, f in frames.items()]
    pooled = pd.concat(frames.values())
    return compare_codings(pooled, pd.concat(recoded), (FIGHTING_ALLIES_BIND.without, FIGHTING_ALLIES_BIND.tried),
                           agree_on=war_mask(pooled))


def second_coding_facts(runs: Runs, second: pd.DataFrame | None = None) -> dict[str, Any]:
    """Chapter 8's numbers on the second coding of the later test (prefix ``fab9s_``): ``_n`` (decisions in war),
    ``_identical``, ``_kappa``, ``_after`` (the recall with the term on the second coding), ``_kept`` and
    ``_changed``."""
    s = second_coding(runs, second)
    return {"fab9s_n": s.n, "fab9s_identical": s.identical, "fab9s_kappa": s.kappa, "fab9s_after": s.second,
            "fab9s_kept": int(not fell(s.before, s.second)), "fab9s_changed": len(s.changed)}


def predict_with_code(frame: pd.DataFrame, case_id: str, code: float) -> Prediction:
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
    align), how far the hegemony shift raises the threshold for aligning and the lesson lowers it (``_hegemony``,
    ``_lesson_pull``), the capability
    (``_capability``) and, with ``allies_fighting`` read as 1, 0.5 and 0, the probability of balancing
    (``_1_balance``, ``_half_balance``, ``_0_balance``)."""
    facts: dict[str, Any] = {}
    for case_id in SEVRES:
        name = case_id.split("-")[0]
        first = predict_with_code(ninth, case_id, 1.0)
        facts.update({f"sev_{name}_align": first.p_align, f"sev_{name}_hegemony": first.stay_out["hegemony"],
                      f"sev_{name}_lesson_pull": -first.stay_out["lesson"],
                      f"sev_{name}_capability": float(ninth.loc[case_id, "capability"])})
        for code, label in ((1.0, "1"), (0.5, "half"), (0.0, "0")):
            facts[f"sev_{name}_{label}_balance"] = predict_with_code(ninth, case_id, code).probabilities["balance"]
    return facts
