"""Landscape theory of aggregation (Axelrod & Bennett 1993) and the book's Europe 1936 data.

Landscape theory predicts how n actors split into two coalitions. Each actor i has a
size s_i > 0 and each pair a propensity p_ij (positive: they prefer to be together;
negative: apart). The *frustration* (energy) of a configuration is

    E = sum over pairs i < j of  s_i * s_j * p_ij * d_ij,

with d_ij = 0 when i and j are in the same coalition and 1 when they are not. A
configuration is stable when no single actor can lower E by changing sides; the theory
predicts that a system settles into a local minimum, and the global minimum is its
prime candidate. This module finds the energy of **every** two-coalition split by
brute force: fixing actor 0 in coalition A leaves 2**(n - 1) splits (65,536 for n = 17),
scored at once with NumPy:

    E(x) = sum_{i<j} w_ij [x_i != x_j],  w_ij = s_i s_j p_ij,  x in {0, 1}^n

which, with the symmetric matrix W (zero diagonal), equals
``(W.sum() - (2x-1) W (2x-1)) / 4`` for each x (a vectorised quadratic form).
Assumptions: both coalitions may be empty (the all-together split is included);
sizes and propensities are taken as given, not estimated.

Data: ``data/europe_1936.csv`` (one row per state: size from COW NMC v6.0 CINC, the side
taken in the Second World War, and the book's inputs for its own model) and
``data/europe_1936_pairs.csv`` (one row per pair: the propensity factors the book
coded, with a one-line justification). The propensities are **this book's coding**, in
the spirit of Axelrod & Bennett's factors (ethnic and border conflicts, religion, type of
government, past wars, existing ties); they are not the article's numbers.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..io.cases import CaseDataError
from ..io.csvtable import data_file, number, read_rows, read_text
from .alignment import predict
from .situation import Situation
from .threat import THREAT_SOURCES, Threat

SIDES: tuple[str, ...] = ("Allies", "Axis")
MAX_ACTORS = 20  # 2**19 splits: about half a million, still well under a second
FACTORS: tuple[str, ...] = ("ideology", "religion", "territory", "ties", "past_wars")
STATE_COLUMNS: tuple[str, ...] = (
    "code", "state", "cinc_1936", "cinc_1939", "side", "why_side", "threat_source",
    *THREAT_SOURCES, "own_strength", "allied_support", "war", "victory", "why_inputs",
)
# the side each threat source ended up on in the war (the USSR: from June 1941)
THREAT_SIDES: dict[str, str] = {"Germany": "Axis", "Italy": "Axis", "Germany and Italy (the Axis)": "Axis",
                                "USSR": "Allies", "Britain and France": "Allies"}
PAIR_COLUMNS: tuple[str, ...] = ("a", "b", *FACTORS, "justification")


# --------------------------------------------------------------------------- the model


def _as_inputs(sizes: Any, propensities: Any) -> tuple[np.ndarray, np.ndarray]:
    s = np.asarray(sizes, dtype=float)
    if s.ndim != 1 or s.size < 2:
        raise ValueError(f"sizes must be a list of at least 2 numbers, got shape {s.shape}")
    if s.size > MAX_ACTORS:
        raise ValueError(f"at most {MAX_ACTORS} actors (2**(n-1) splits), got {s.size}")
    if not np.all(np.isfinite(s)) or np.any(s <= 0):
        raise ValueError(f"sizes must be finite and > 0, got {s.tolist()}")
    p = np.asarray(propensities, dtype=float)
    if p.shape != (s.size, s.size):
        raise ValueError(f"propensities must be a {s.size}x{s.size} matrix, got shape {p.shape}")
    if not np.all(np.isfinite(p)):
        raise ValueError("propensities must be finite numbers")
    if not np.allclose(p, p.T):
        i, j = np.argwhere(~np.isclose(p, p.T))[0]
        raise ValueError(f"propensities must be symmetric: p[{i},{j}]={p[i, j]:g} but p[{j},{i}]={p[j, i]:g}")
    return s, p


def energy(sizes: Sequence[float], propensities: Any, coalition: Sequence[int]) -> float:
    """Frustration of one configuration (``coalition[i]`` is 0 or 1), summed pair by pair."""
    s, p = _as_inputs(sizes, propensities)
    x = list(coalition)
    if len(x) != s.size or any(v not in (0, 1) for v in x):
        raise ValueError(f"coalition must list 0 or 1 for each of the {s.size} actors, got {x}")
    return float(sum(s[i] * s[j] * p[i, j] for i, j in itertools.combinations(range(s.size), 2) if x[i] != x[j]))


def all_splits(n: int) -> np.ndarray:
    """Every two-coalition split of n actors with actor 0 in coalition 0: a (2**(n-1), n) 0/1 array."""
    codes = np.arange(2 ** (n - 1), dtype=np.int64)
    bits = (codes[:, None] >> np.arange(n - 1)[None, :]) & 1
    return np.hstack([np.zeros((codes.size, 1), dtype=np.int8), bits.astype(np.int8)])


def energies(sizes: Sequence[float], propensities: Any) -> tuple[np.ndarray, np.ndarray]:
    """(splits, E) for every split from :func:`all_splits`, vectorised (see module doc)."""
    s, p = _as_inputs(sizes, propensities)
    w = np.outer(s, s) * p
    np.fill_diagonal(w, 0.0)
    splits = all_splits(s.size)
    spin = 2.0 * splits - 1.0
    quad = np.einsum("ki,ij,kj->k", spin, w, spin, optimize=True)
    return splits, (w.sum() - quad) / 4.0


@dataclass(frozen=True)
class Landscape:
    """Result of the exhaustive search.

    - ``splits``/``energies``: every configuration and its energy;
    - ``best``: the global minimum (0/1 per actor, actor 0 in coalition 0);
    - ``local_minima``: indices of the splits no single actor can improve by switching sides,
      lowest energy first.
    """

    names: tuple[str, ...]
    splits: np.ndarray
    energies: np.ndarray
    best: tuple[int, ...]
    best_energy: float
    local_minima: tuple[int, ...]

    def coalition(self, index: int | None = None) -> tuple[tuple[str, ...], tuple[str, ...]]:
        x = self.best if index is None else tuple(self.splits[index])
        return (
            tuple(n for n, v in zip(self.names, x, strict=True) if v == 0),
            tuple(n for n, v in zip(self.names, x, strict=True) if v == 1),
        )


def search(sizes: Sequence[float], propensities: Any, names: Sequence[str] | None = None) -> Landscape:
    """Exhaustive landscape search: the global minimum and all local minima."""
    splits, e = energies(sizes, propensities)
    n = splits.shape[1]
    names = tuple(names) if names is not None else tuple(str(i) for i in range(n))
    if len(names) != n:
        raise ValueError(f"names must have {n} entries, got {len(names)}")
    # neighbours: flip one actor; flipping actor 0 is the same split as flipping all others
    index = np.arange(splits.shape[0])
    local = np.ones(splits.shape[0], dtype=bool)
    for k in range(1, n):
        local &= e <= e[index ^ (1 << (k - 1))] + 1e-12
    flip0 = (~index) & (2 ** (n - 1) - 1)
    local &= e <= e[flip0] + 1e-12
    order = np.lexsort((index, np.round(e, 12)))
    best = int(order[0])
    minima = tuple(int(i) for i in order if local[i])
    return Landscape(names, splits, e, tuple(int(v) for v in splits[best]), float(e[best]), minima)


# --------------------------------------------------------------------------- data


def data_path(name: str) -> Path:
    """A file in the book's ``data/`` folder (see :func:`csvtable.data_file`)."""
    return data_file(name)


def _check_state(line: int, row: Mapping[str, str], bad: Callable[[str, str], None]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for c in ("code", "state", "why_side", "threat_source", "why_inputs"):
        out[c] = row[c].strip()
        if not out[c]:
            bad(c, "is empty")
    for c in ("cinc_1936", "cinc_1939"):
        v = number(row[c].strip())
        if v is None or not 0.0 < v <= 1.0:
            bad(c, f"{row[c]!r} must be a CINC share in (0, 1]")
        out[c] = v
    for c in (*THREAT_SOURCES, "own_strength", "allied_support", "victory"):
        v = number(row[c].strip())
        if v is None or not 0.0 <= v <= 1.0:
            bad(c, f"{row[c]!r} must be a number in [0, 1]")
        out[c] = v
    if out["threat_source"] and out["threat_source"] not in THREAT_SIDES:
        bad("threat_source", f"{out['threat_source']!r} must be one of {', '.join(map(repr, THREAT_SIDES))}")
    war = row["war"].strip().lower()
    if war not in ("true", "false"):
        bad("war", f"{row['war']!r} must be true or false")
    out["war"] = war == "true"
    out["side"] = row["side"].strip()
    if out["side"] not in SIDES:
        bad("side", f"{out['side']!r} must be one of {', '.join(SIDES)}")
    return out


def read_states(text: str, source: str = "europe_1936.csv") -> list[dict[str, Any]]:
    """Validate the states file; raises CaseDataError naming line and column of every problem."""
    return read_rows(text, source, STATE_COLUMNS, (), _check_state, CaseDataError, id_column="code", empty="no states")


def read_pairs(text: str, codes: Sequence[str], source: str = "europe_1936_pairs.csv") -> np.ndarray:
    """Validate the pairs file against the state ``codes``; return the propensity matrix
    (sum of the factor scores, each in {-1, 0, 1}); every pair must appear exactly once."""
    index = {c: i for i, c in enumerate(codes)}
    seen: dict[frozenset, int] = {}

    def check_pair(line: int, row: Mapping[str, str], bad: Callable[[str, str], None]) -> tuple[str, str, int] | None:
        a, b = row["a"].strip(), row["b"].strip()
        unknown = [x for x in (a, b) if x not in index]
        if unknown:
            bad("a" if a in unknown else "b", f"unknown state code {unknown[0]!r}")
            return None
        if a == b:
            bad("b", f"a state cannot pair with itself ({a!r})")
            return None
        key = frozenset((a, b))
        if key in seen:
            bad("a", f"pair {a}-{b} repeats line {seen[key]}")
            return None
        seen[key] = line
        total = 0
        for f in FACTORS:
            text_value = row[f].strip()
            if text_value not in ("-1", "0", "1"):
                bad(f, f"{text_value!r} must be -1, 0 or 1")
                continue
            total += int(text_value)
        if not row["justification"].strip():
            bad("justification", "is empty")
        return a, b, total

    pairs = read_rows(text, source, PAIR_COLUMNS, (), check_pair, CaseDataError, id_column=None, empty=None)
    expected = len(codes) * (len(codes) - 1) // 2
    if len(seen) != expected:
        absent = [f"{x}-{y}" for x, y in itertools.combinations(codes, 2) if frozenset((x, y)) not in seen]
        raise CaseDataError(source, [f"{len(absent)} pair(s) missing, e.g. {', '.join(absent[:5])}"])
    p = np.zeros((len(codes), len(codes)))
    for a, b, total in pairs:
        p[index[a], index[b]] = p[index[b], index[a]] = total
    return p


@dataclass(frozen=True)
class EuropeData:
    states: tuple[dict[str, Any], ...]
    propensities: np.ndarray

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(s["code"] for s in self.states)

    def sizes(self, year: int = 1936) -> np.ndarray:
        if year not in (1936, 1939):
            raise ValueError(f"year must be 1936 or 1939, got {year!r}")
        return np.array([s[f"cinc_{year}"] for s in self.states])


def load_europe(
    states_path: str | os.PathLike | None = None, pairs_path: str | os.PathLike | None = None
) -> EuropeData:
    """Load and validate the Europe 1936 states and pairs files."""
    sp = Path(states_path) if states_path is not None else data_path("europe_1936.csv")
    pp = Path(pairs_path) if pairs_path is not None else data_path("europe_1936_pairs.csv")
    states = read_states(read_text(sp, CaseDataError), str(sp))
    codes = [s["code"] for s in states]
    return EuropeData(tuple(states), read_pairs(read_text(pp, CaseDataError), codes, str(pp)))


def landscape_sides(data: EuropeData, year: int = 1936, anchor: str = "GMY") -> tuple[Landscape, dict[str, str]]:
    """Run the search on the Europe data; the coalition holding ``anchor`` is called Axis."""
    if anchor not in data.codes:
        raise ValueError(f"anchor must be one of the state codes, got {anchor!r}")
    result = search(data.sizes(year), data.propensities, data.codes)
    axis = result.best[data.codes.index(anchor)]
    return result, {c: ("Axis" if v == axis else "Allies") for c, v in zip(data.codes, result.best, strict=True)}


def model_sides(data: EuropeData) -> dict[str, dict[str, Any]]:
    """The book's own model (``widgets.predict``) on each state's coded inputs.

    The predicted side: balancing against the threat source puts a state on the side
    opposite the threat source's; bandwagoning puts it on the threat source's side;
    buck-passing or neutrality predicts no side (None).
    """
    out = {}
    for s in data.states:
        if s["threat_source"] not in THREAT_SIDES:
            raise ValueError(
                f"state {s['code']}: threat_source {s['threat_source']!r} has no side; known: {', '.join(THREAT_SIDES)}"
            )
        pred = predict(
            Threat(**{k: s[k] for k in THREAT_SOURCES}),
            Situation(s["own_strength"], s["allied_support"], s["war"], s["victory"]),
        )
        threat_side = THREAT_SIDES[s["threat_source"]]
        other = "Axis" if threat_side == "Allies" else "Allies"
        side = {"balance": other, "bandwagon": threat_side}.get(pred.choice)
        out[s["code"]] = {
            "state": s["state"],
            "threat_source": s["threat_source"],
            "choice": pred.choice,
            "predicted_side": side,
            "side": s["side"],
            "p_choice": pred.probabilities[pred.choice],
        }
    return out


def europe_table(data: EuropeData) -> Any:
    """A pandas DataFrame, one row per state: size, actual side, the landscape prediction
    with 1936 and 1939 sizes, and the book's model (its choice and the side it implies)."""
    _, sides36 = landscape_sides(data, 1936)
    _, sides39 = landscape_sides(data, 1939)
    model = model_sides(data)
    records = []
    for s in data.states:
        c = s["code"]
        m = model[c]
        records.append(
            {
                "state": s["state"],
                "CINC 1936": round(s["cinc_1936"], 4),
                "side taken": s["side"],
                "landscape 1936": sides36[c],
                "landscape 1939": sides39[c],
                "threat": s["threat_source"].replace(" (the Axis)", ""),
                "model": m["choice"],
                "model's side": m["predicted_side"] or "none",
            }
        )
    return pd.DataFrame(records).set_index("state")


def score(table: Any, column: str) -> tuple[int, list[str]]:
    """(number of states whose ``column`` matches the side taken, the states it misplaces)."""
    if column not in table.columns:
        raise ValueError(f"column must be one of {', '.join(map(repr, table.columns))}, got {column!r}")
    wrong = [state for state, row in table.iterrows() if row[column] != row["side taken"]]
    return len(table) - len(wrong), wrong
