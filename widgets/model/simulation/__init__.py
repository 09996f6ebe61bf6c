"""Balancing worlds and bandwagoning worlds: a simulated system of states that align every step.

- ``arrays``: Walt's ``predict`` for whole arrays of states (the inner step) and the status codes;
- ``world``: a world's parameters (:class:`World`) and what its runs produce (:class:`Ensemble`, :class:`Run`);
- ``engine``: the simulation itself (its assumptions are stated in that module's docstring);
- ``sweeps``: Monte Carlo sweeps, their cache in ``data/sweeps/`` and ``python -m widgets.model.simulation``.
"""

from .arrays import (
    AGAINST,
    AGGRESSOR,
    BUCKPASS,
    CONQUERED,
    NEUTRAL,
    OUTCOMES,
    STATUS_NAMES,
    WITH,
    predict_arrays,
    restrict,
)
from .engine import simulate, simulate_many, simulate_worlds
from .sweeps import (
    SHARE_GRID,
    SWEEP_DIR,
    SWEEP_WORLD,
    SWEEPS,
    Sweep,
    cache_mismatch,
    hegemony_table,
    load_sweep,
    main,
    sweep_path,
    wilson_interval,
)
from .world import MAX_STATES, MAX_STEPS, Ensemble, Run, World

__all__ = [
    "AGAINST", "AGGRESSOR", "BUCKPASS", "CONQUERED", "MAX_STATES", "MAX_STEPS", "NEUTRAL", "OUTCOMES", "SHARE_GRID",
    "STATUS_NAMES", "SWEEPS", "SWEEP_DIR", "SWEEP_WORLD", "WITH", "Ensemble", "Run", "Sweep", "World", "cache_mismatch",
    "hegemony_table", "load_sweep", "main", "predict_arrays", "restrict", "simulate", "simulate_many",
    "simulate_worlds", "sweep_path", "wilson_interval",
]
