"""Monte Carlo sweeps over simulated worlds, their cache in ``data/sweeps/`` and its command line.

Regenerate the cache with ``python -m widgets.model.simulation --write`` (``--check``
compares the cache with the code).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import numpy as np

from ..._paths import data_file, repository_data_dir
from .engine import simulate_many, simulate_worlds
from .world import Ensemble, World, _int

# ---------------------------------------------------------------------------- Monte Carlo


def wilson_interval(successes: Any, trials: Any, z: float = 1.959963984540054) -> tuple[np.ndarray, np.ndarray]:
    """95% Wilson score interval for a binomial proportion (arrays allowed)."""
    k = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    if np.any(n <= 0) or np.any(k < 0) or np.any(k > n):
        raise ValueError("wilson_interval needs 0 <= successes <= trials and trials > 0")
    p = k / n
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return np.clip(centre - half, 0.0, 1.0), np.clip(centre + half, 0.0, 1.0)


@dataclass(frozen=True)
class Sweep:
    """A Monte Carlo sweep: one base world, a grid over some of its fields, seeded runs per cell.

    Every cell uses the same seeds ``first_seed .. first_seed + runs - 1`` (common random
    numbers: differences between cells come from the parameters, not from different draws).
    """

    name: str
    base: World
    axes: tuple[tuple[str, tuple[Any, ...]], ...]
    runs: int
    first_seed: int = 0

    def __post_init__(self) -> None:
        names = {f.name for f in fields(World)}
        for axis, values in self.axes:
            if axis not in names:
                raise ValueError(f"Sweep axis {axis!r} is not a World field")
            if not values:
                raise ValueError(f"Sweep axis {axis!r} has no values")
        _int("Sweep", "runs", self.runs, 1, 100_000)

    @property
    def seeds(self) -> range:
        return range(self.first_seed, self.first_seed + self.runs)

    def cells(self) -> list[dict[str, Any]]:
        """Every combination of the axes' values, first axis slowest."""
        out: list[dict[str, Any]] = [{}]
        for axis, values in self.axes:
            out = [{**cell, axis: v} for cell in out for v in values]
        return out

    def world(self, cell: Mapping[str, Any]) -> World:
        return replace(self.base, **cell)

    def compute_cell(self, cell: Mapping[str, Any]) -> dict[str, Any]:
        """Outcome counts and summary numbers of one cell (what the cache stores)."""
        return self._summarise(cell, simulate_many(self.world(cell), self.seeds))

    @staticmethod
    def _summarise(cell: Mapping[str, Any], ens: Ensemble) -> dict[str, Any]:
        counts = ens.outcome_counts()
        return {
            **{k: v for k, v in cell.items()},
            **counts,
            "defeated": int(ens.defeated.sum()),
            "runs": ens.runs,
            "mean_peak_with": round(float(ens.n_with.max(axis=1).mean()), 4),
            "mean_peak_against": round(float(ens.n_against.max(axis=1).mean()), 4),
            "mean_peak_bloc_share": round(float(ens.bloc_share.max(axis=1).mean()), 4),
            "median_hegemony_step": _median_step(ens.hegemony_step),
            "median_defeat_step": _median_step(ens.defeat_step),
        }

    def compute(self, progress: bool = False) -> dict[str, Any]:
        """Every cell, computed in batches of cells (``simulate_worlds``)."""
        started = time.perf_counter()
        cells = self.cells()
        ensembles = simulate_worlds([self.world(c) for c in cells], self.seeds)
        rows = [self._summarise(cell, ens) for cell, ens in zip(cells, ensembles, strict=True)]
        if progress:
            for cell, row in zip(cells, rows, strict=True):
                print(f"  {self.name}: {cell} -> {row['hegemony']}/{self.runs} hegemonic", file=sys.stderr)
        return {
            "name": self.name,
            "base": _jsonable(self.base.to_dict()),
            "axes": [[axis, list(values)] for axis, values in self.axes],
            "runs": self.runs,
            "first_seed": self.first_seed,
            "regenerate": "python -m widgets.model.simulation --write",
            "seconds": round(time.perf_counter() - started, 2),
            "cells": rows,
        }


def _median_step(steps: np.ndarray) -> float | None:
    """Median of the steps at which an event happened (-1 = never), None if it never did."""
    happened = steps[steps >= 0]
    return float(np.median(happened)) if len(happened) else None


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


SHARE_GRID = tuple(round(0.1 * i, 1) for i in range(11))
SWEEP_WORLD = World(n_states=50, steps=200)
SWEEPS: dict[str, Sweep] = {
    # probability of hegemony over the share of balancers, for several levels of allied support
    "hegemony": Sweep(
        "hegemony",
        SWEEP_WORLD,
        (("allied_support", (0.0, 0.5, 0.8, 0.9, 1.0)), ("share_balancers", SHARE_GRID)),
        runs=300,
    ),
    # a balancing and a bandwagoning world; beliefs of the aggressor and of the status quo
    "misperception": Sweep(
        "misperception",
        replace(SWEEP_WORLD, allied_support=0.6),
        (
            ("share_balancers", (0.2, 0.8)),
            ("aggressor_belief", (None, 0.0, 1.0)),
            ("defender_belief", (None, 0.0, 1.0)),
        ),
        runs=300,
    ),
}
SWEEP_DIR = repository_data_dir() / "sweeps"


def sweep_path(name: str) -> Path:
    """The repository's cache file (where ``--write`` writes)."""
    return SWEEP_DIR / f"{name}.json"


def _cached_sweep_file(name: str) -> Path:
    """The cache to read: the repository's, else the copy installed with the package."""
    try:
        return data_file(f"sweeps/{name}.json")
    except FileNotFoundError:
        return sweep_path(name)


def load_sweep(name: str, *, compute_if_missing: bool = True) -> dict[str, Any]:
    """The cached sweep ``name`` (see ``SWEEPS``), checked against the code's definition.

    If the cache is missing (an installed package without the repository's data/) or was
    made for other parameters, the sweep is computed instead when ``compute_if_missing``
    (this takes seconds to a minute), else a ValueError says how to regenerate it.
    """
    if name not in SWEEPS:
        raise ValueError(f"unknown sweep {name!r}; known: {', '.join(SWEEPS)}")
    sweep = SWEEPS[name]
    path = _cached_sweep_file(name)
    problem = None
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        problem = cache_mismatch(sweep, data)
        if problem is None:
            return data
    else:
        problem = f"{path} does not exist"
    if compute_if_missing:
        return sweep.compute()
    raise ValueError(
        f"the cached sweep {name!r} does not match the code ({problem}); "
        "regenerate it with: python -m widgets.model.simulation --write"
    )


def cache_mismatch(sweep: Sweep, data: Mapping[str, Any]) -> str | None:
    """Why a cache file does not belong to ``sweep`` (None if its definition matches)."""
    expected = {
        "base": _jsonable(sweep.base.to_dict()),
        "axes": [[a, list(v)] for a, v in sweep.axes],
        "runs": sweep.runs,
        "first_seed": sweep.first_seed,
    }
    for key, value in expected.items():
        if data.get(key) != value:
            return f"{key} differs"
    if len(data.get("cells", [])) != len(sweep.cells()):
        return "number of cells differs"
    return None


def hegemony_table(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Rows of a sweep with the probability of hegemony and its 95% Wilson interval."""
    rows = []
    for cell in data["cells"]:
        low, high = wilson_interval(cell["hegemony"], cell["runs"])
        rows.append({**cell, "p_hegemony": cell["hegemony"] / cell["runs"], "low": float(low), "high": float(high)})
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m widgets.model.simulation",
        description="Regenerate or check the cached Monte Carlo sweeps in data/sweeps/.",
    )
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true", help="recompute every sweep and write data/sweeps/<name>.json")
    group.add_argument("--check", action="store_true", help="recompute every sweep and compare with the cache")
    parser.add_argument("--only", choices=sorted(SWEEPS), help="one sweep only")
    args = parser.parse_args(argv)
    status = 0
    for name, sweep in SWEEPS.items():
        if args.only and name != args.only:
            continue
        print(
            f"{name}: {len(sweep.cells())} cells x {sweep.runs} runs of {sweep.base.n_states} states x "
            f"{sweep.base.steps} steps",
            file=sys.stderr,
        )
        data = sweep.compute(progress=True)
        if args.write:
            SWEEP_DIR.mkdir(parents=True, exist_ok=True)
            sweep_path(name).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
            print(f"wrote {sweep_path(name)} ({data['seconds']} s)", file=sys.stderr)
        else:
            cached = json.loads(sweep_path(name).read_text(encoding="utf-8")) if sweep_path(name).is_file() else {}
            same = cache_mismatch(sweep, cached) is None and cached.get("cells") == data["cells"]
            print(f"{name}: cache {'matches' if same else 'DIFFERS from'} the code", file=sys.stderr)
            status |= 0 if same else 1
    return status


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
