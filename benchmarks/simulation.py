"""Benchmark of the balancing/bandwagoning simulation (prints numbers; not a test).

Run: ``python -m benchmarks.simulation`` from the repository root (add ``--quick`` for a shorter scaling table).

Targets from issue 6: one run of 200 states x 500 steps under 1 s on one core; a sweep
of 1,000 runs of 50 states x 200 steps under 30 s on the 2-core machine. The sweep is
vectorised across runs (``simulate_many`` evaluates the model for every state of every
run at once, arrays of shape (runs, states)); ``--processes 2`` additionally splits the
runs over two worker processes (results are identical: each run has its own seeded
generator).
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np

from widgets.model.simulation import World, simulate, simulate_many


def best_of(repeats: int, fn, *args, **kwargs) -> float:
    """Best wall-clock time of ``repeats`` calls (see also ``cpu_of``)."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn(*args, **kwargs)
        times.append(time.perf_counter() - started)
    return min(times)


def cpu_of(repeats: int, fn, *args, **kwargs) -> float:
    """Best CPU time of this process over ``repeats`` calls: what one core spends, less
    sensitive than wall time to other programs sharing the machine."""
    times = []
    for _ in range(repeats):
        started = time.process_time()
        fn(*args, **kwargs)
        times.append(time.process_time() - started)
    return min(times)


def _chunk(args: tuple[World, list[int]]) -> int:
    world, seeds = args
    return int(simulate_many(world, seeds).outcome_counts()["hegemony"])


def sweep_in_processes(world: World, runs: int, processes: int) -> int:
    seeds = list(range(runs))
    chunks = [(world, seeds[k::processes]) for k in range(processes)]
    with ProcessPoolExecutor(processes) as pool:
        return sum(pool.map(_chunk, chunks))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller scaling table")
    parser.add_argument("--processes", type=int, default=2, help="worker processes for the parallel sweep (default 2)")
    args = parser.parse_args()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"python {platform.python_version()}, numpy {np.__version__}, {os.cpu_count()} cores, load average {load:.2f} "
        "(wall times grow when other programs share the cores; CPU times much less)"
    )

    world = World(n_states=200, steps=500, share_balancers=0.6)
    simulate(World(n_states=10, steps=5), 0)  # warm up imports
    t_single = best_of(3, simulate, world, 1, record_states=False)
    c_single = cpu_of(3, simulate, world, 1, record_states=False)
    t_single_rec = best_of(3, simulate, world, 1, record_states=True)
    print(
        f"one run, 200 states x 500 steps: wall {t_single:.3f} s, CPU {c_single:.3f} s "
        f"(with every state's history recorded: wall {t_single_rec:.3f} s)  [target < 1 s]"
    )

    sweep_world = World(n_states=50, steps=200, share_balancers=0.6)
    started, cpu = time.perf_counter(), time.process_time()
    ens = simulate_many(sweep_world, range(1000))
    t_sweep, c_sweep = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"sweep, 1,000 runs of 50 states x 200 steps, one process (vectorised across runs): wall {t_sweep:.2f} s, "
        f"CPU {c_sweep:.2f} s ({ens.outcome_counts()['hegemony']} hegemonic)  [target < 30 s]"
    )
    if args.processes > 1:
        started = time.perf_counter()
        hegemonic = sweep_in_processes(sweep_world, 1000, args.processes)
        t_par = time.perf_counter() - started
        print(f"same sweep in {args.processes} processes: {t_par:.2f} s ({hegemonic} hegemonic; identical runs)")

    print("\nCPU time of ONE run (record_states=False, best of 2), seconds")
    sizes = (25, 50, 100, 200, 400) if not args.quick else (50, 200)
    steps = (100, 250, 500, 1000) if not args.quick else (100, 500)
    print("states \\ steps | " + " | ".join(f"{s:>6}" for s in steps))
    for n in sizes:
        cells = [
            cpu_of(2, simulate, World(n_states=n, steps=s, share_balancers=0.6), 1, record_states=False) for s in steps
        ]
        print(f"{n:>14} | " + " | ".join(f"{c:6.3f}" for c in cells))

    print("\nCPU time of a batch of runs (50 states x 200 steps, one process), seconds")
    for runs in (1, 10, 100, 1000) if not args.quick else (1, 100):
        t = cpu_of(1 if runs >= 1000 else 2, simulate_many, sweep_world, range(runs))
        print(f"{runs:>6} runs: {t:6.3f} s  ({1000 * t / runs:.2f} ms per run)")


if __name__ == "__main__":
    main()
