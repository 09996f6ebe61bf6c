"""Balancing worlds and bandwagoning worlds: a system of states that align every step.

Walt (1987, pp. 17-21, 27-29) draws a systemic consequence from his hypotheses. In a world
where balancing dominates, aggressors meet combined opposition and security is plentiful;
in a world where bandwagoning dominates, each success brings an aggressor new allies, so
security is scarce. Misjudging which world one lives in is dangerous because each world's
prescription (restraint in a balancing world, displays of strength in a bandwagoning one)
backfires in the other; and wartime coalitions fall apart once the common enemy is
defeated (balancing hypothesis 6, p. 33). This module turns that argument into a
simulation that a reader can run, vary and repeat.

The world (every assumption below is this book's, stated so that it can be challenged)
----------------------------------------------------------------------------------------
- ``n_states`` states sit at random points of the unit square, so that distance, and
  with it proximity, differs from pair to pair. Proximity to a point at distance d is
  ``exp(-d / reach)``.
- Capabilities are log-normal (spread ``capability_spread``). The ``n_aggressors``
  aggressors (states 0 .. n_aggressors - 1) hold ``aggressor_share`` of the system's
  capability between them. Several aggressors act as one revisionist bloc, as the Axis did.
- Each other state has a fixed *disposition*, drawn once per run: a share
  ``share_balancers`` of them are balancers, the rest bandwagoners (the reader's "mix").
- The *threat* every other state faces is the aggressors' bloc: the aggressors and the
  states that bandwagon with them. A state at step t sees
  aggregate power P = min(1, bloc share of all capability / hegemony_share) (1 = the bloc
  is hegemonic), proximity X = the highest proximity to any territory the aggressors hold
  (their own and what they conquered), offensive power O and aggressive intentions I =
  the aggressors' *posture* (below); its own strength s = c / (c + B), with c its
  capability and B the bloc's (0.5 = parity, as ``Situation.own_strength`` means);
  allied support a (below); war and the threat's closeness to victory v = B / (B + K),
  with K the capability of the states balancing against the bloc.

Each step, in this order
------------------------
1. Every independent non-aggressor reconsiders its alignment with probability
   ``1 - inertia`` (alliances do not change overnight). One that reconsiders draws its
   choice from the probabilities of :func:`predict_arrays` (the engine calls the same
   code, ``_predict_parts``, without building the (..., 4) array), which evaluates exactly
   the functional form of :func:`widgets.model.alignment.predict` (the test suite checks that the
   two agree to 1e-12), with one change that encodes the world's mix (:func:`restrict`):

   - a *balancer* never aligns with the threat: bandwagoning is removed from its menu and
     it chooses among balancing, buck-passing and neutrality;
   - a *bandwagoner* never aligns against the threat: balancing is removed from its menu
     and it chooses among bandwagoning, buck-passing and neutrality.

   Removing an option from a multinomial logit leaves the odds between the remaining
   options unchanged (independence of irrelevant alternatives), so each type still
   responds to the threat exactly as the chapters' model says: whether it aligns at all
   depends on the threat level, and its choice between its side and buck-passing depends
   on its strength, on allied support and on the course of the war. What the mix sets is
   only the *direction* in which a state responds. This is Walt's own construction: "the
   hypotheses on bandwagoning are the opposite of those on balancing" (1987, p. 33),
   and his two worlds differ in which tendency dominates.
2. Each aggressor that is not defeated looks at the nearest independent state that is
   not its ally and attacks it if its bloc's capability B exceeds the opposition it
   *expects*: D + belief * U, where D is the capability of the balancing coalition plus
   the target, U the capability of the states still uncommitted (neutral or
   buck-passing), and ``belief`` the aggressor's belief about the share of balancers (an
   aggressor who thinks the world balances expects the uncommitted to join against it).
   An attack succeeds with probability B^g / (B^g + D^g) (a contest success function,
   g = ``decisiveness``); the conqueror absorbs ``spoils`` of the target's capability. A
   failed attack costs the attacker ``war_cost`` of its capability. The first attack
   starts a war.
3. In war, when the coalition is stronger than the bloc (K > B), each aggressor loses a
   fraction ``attrition * (K - B) / (K + B)`` of its capability.
4. An aggressor bloc whose own capability falls below ``defeat_fraction`` of its peak is
   defeated: the war ends, it disarms (O = I = 0 from then on), and every wartime
   alignment dissolves to neutrality (Walt's sixth balancing hypothesis); allied support
   falls to ``postwar_support`` of its wartime level.

Posture and misperception
-------------------------
Walt's prescriptions are restraint in a balancing world and displays of strength in a
bandwagoning world (pp. 17-21). The aggressors follow the prescription for the world they
*believe* they live in: with believed share of balancers b (``aggressor_belief``; None
means they know the true share), O = I = restrained + (belligerent - restrained) * (1 - b).
An aggressor that wrongly believes the world bandwagons (Wilhelmine Germany, Imperial
Japan) shows strength, raising the threat others see, and attacks expecting little
opposition. The status-quo powers may hold a belief too (``defender_belief``; None = no
stance): believing in bandwagoning, they commit firmly and allied support is multiplied by
1.5; believing in balancing, they take the relaxed view and it is halved (factor
1.5 - b, capped at probability 1). Following the balancing prescription in a
bandwagoning world is France's error in the 1930s (pp. 17-21).

Outcomes
--------
- *hegemony*: at some step the bloc (aggressors and bandwagoners) holds at least
  ``hegemony_share`` of all capability;
- *contained*: never hegemonic, and the coalition against the bloc was stronger than the
  bloc for ``containment_steps`` consecutive steps;
- *unresolved*: neither;
- separately, whether and when the bloc was *defeated*.

Randomness: every run draws from its own ``numpy.random.Generator`` seeded with its seed,
in a fixed order (the world first, then one block of uniforms per step), so a run is the
same whether it is computed alone or in a batch, and the same seed gives the same result.
Many runs are computed together as arrays of shape (runs, states): the model is evaluated
for all states of all runs at once (see ``benchmarks/simulation.py``).

Regenerate the cached Monte Carlo sweeps in ``data/sweeps/`` with
``python -m widgets.model.simulation --write`` (``--check`` compares the cache with the code).
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..alignment import DEFAULT_PARAMETERS
from ..threat import ThreatWeights
from .arrays import AGAINST, AGGRESSOR, BUCKPASS, CONQUERED, NEUTRAL, WITH, _predict_parts, _restrict_parts
from .world import Ensemble, Run, World, _int, _seeds

# ---------------------------------------------------------------------------- the engine


def _proximity_rows(positions: np.ndarray, rows: np.ndarray, sources: np.ndarray, reach: np.ndarray) -> np.ndarray:
    """Proximity of every state of runs ``rows`` to state ``sources[k]`` of run ``rows[k]``."""
    delta = positions[rows] - positions[rows, sources][:, None, :]
    return np.exp(-np.sqrt((delta * delta).sum(axis=-1)) / reach[rows][:, None])


_STRUCTURE = ("n_states", "steps", "n_aggressors", "weights", "params")


def _check_batch(worlds: Sequence[World], runs: int, record_states: bool) -> None:
    """Worlds run together share their structure (``_STRUCTURE``); recorded histories stay bounded."""
    first = worlds[0]
    for w in worlds:
        for name in _STRUCTURE:
            if getattr(w, name) != getattr(first, name):
                raise ValueError(f"worlds run together must share {name}: "
                                 f"got {getattr(first, name)!r} and {getattr(w, name)!r}")
    N, T = first.n_states, first.steps
    if record_states and runs * (T + 1) * N > 50_000_000:
        raise ValueError(
            f"record_states would keep {runs * (T + 1) * N:,} cells (> 50,000,000): record fewer runs or steps"
        )


def _initial_world(worlds: Sequence[World], rngs: Sequence[np.random.Generator], A: int,
                   aggressor_share: np.ndarray, n_bal: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each run's positions, capabilities and dispositions, drawn in this order from its generator."""
    R, N = len(rngs), worlds[0].n_states
    positions = np.empty((R, N, 2))
    raw = np.empty((R, N))
    u_type = np.empty((R, N))
    for r, g in enumerate(rngs):
        positions[r] = g.random((N, 2))
        raw[r] = g.lognormal(0.0, worlds[r].capability_spread, N)
        u_type[r] = g.random(N)
    cap = np.empty((R, N))
    cap[:, A:] = raw[:, A:] / raw[:, A:].sum(axis=1, keepdims=True) * (1.0 - aggressor_share)[:, None]
    cap[:, :A] = (aggressor_share / A)[:, None]
    u_type[:, :A] = 2.0  # aggressors are never counted as either type
    ranks = np.argsort(np.argsort(u_type, axis=1, kind="stable"), axis=1, kind="stable")
    balancer = ranks < n_bal[:, None]
    return positions, cap, balancer


@dataclass(frozen=True)
class _Columns:
    """The worlds' parameters as one array per parameter, one entry per run."""

    posture: np.ndarray
    support: np.ndarray
    postwar: np.ndarray
    belief: np.ndarray
    inertia: np.ndarray
    reach: np.ndarray
    hegemony: np.ndarray
    gamma: np.ndarray
    spoils: np.ndarray
    war_cost: np.ndarray
    attrition: np.ndarray
    defeat_fraction: np.ndarray
    containment: np.ndarray
    aggressor_share: np.ndarray
    n_balancers: np.ndarray

    @classmethod
    def of(cls, worlds: Sequence[World]) -> _Columns:
        N, A = worlds[0].n_states, worlds[0].n_aggressors

        def column(name: str, dtype: Any = float) -> np.ndarray:
            return np.array([getattr(w, name) for w in worlds], dtype=dtype)

        support = column("wartime_support")
        return cls(
            posture=column("posture"), support=support, postwar=support * column("postwar_support"),
            belief=column("believed_share"), inertia=column("inertia")[:, None], reach=column("reach"),
            hegemony=column("hegemony_share"), gamma=column("decisiveness"), spoils=column("spoils"),
            war_cost=column("war_cost"), attrition=column("attrition"),
            defeat_fraction=column("defeat_fraction"), containment=column("containment_steps", int),
            aggressor_share=column("aggressor_share"),
            n_balancers=np.array([round(w.share_balancers * (N - A)) for w in worlds], dtype=int),
        )


_COUNTS = {"n_with": WITH, "n_against": AGAINST, "n_buckpass": BUCKPASS, "n_neutral": NEUTRAL,
           "n_conquered": CONQUERED}


class _Batch:
    """The state of R runs during a simulation, advanced one step at a time (steps 1-4 of the
    module docstring are :meth:`choose`, :meth:`expand`, :meth:`attrit` and :meth:`defeat`)."""

    def __init__(self, worlds: Sequence[World], seeds: Sequence[int], record_states: bool) -> None:
        first = worlds[0]
        self.R, self.N, self.A, self.T = len(seeds), first.n_states, first.n_aggressors, first.steps
        self.params, self.weights = first.params or DEFAULT_PARAMETERS, first.weights or ThreatWeights()
        self.c = c = _Columns.of(worlds)
        self.rngs = [np.random.default_rng(s) for s in seeds]
        self.rows = np.arange(self.R)
        R, N, A, T = self.R, self.N, self.A, self.T
        self.positions, self.cap, self.balancer = _initial_world(worlds, self.rngs, A, c.aggressor_share,
                                                                 c.n_balancers)
        self.status = np.full((R, N), NEUTRAL, dtype=np.int8)
        self.status[:, :A] = AGGRESSOR
        self.prox = np.empty((R, A, N))
        for k in range(A):
            self.prox[:, k, :] = _proximity_rows(self.positions, self.rows, np.full(R, k), c.reach)
        self.peak = self.cap[:, :A].sum(axis=1)
        self.war = np.zeros(R, dtype=bool)
        self.defeated = np.zeros(R, dtype=bool)
        self.contain_run = np.zeros(R, dtype=int)
        self.hegemony_step = np.full(R, -1)
        self.containment_step = np.full(R, -1)
        self.defeat_step = np.full(R, -1)
        self.out: dict[str, Any] = {name: np.empty((R, T + 1))
                                    for name in ("bloc_power", "coalition_power", "total_power")}
        for name in _COUNTS:
            self.out[name] = np.empty((R, T + 1), dtype=np.int32)
        self.out["war"] = np.zeros((R, T + 1), dtype=bool)
        self.status_hist = np.empty((R, T + 1, N), dtype=np.int8) if record_states else None
        self.cap_hist = np.empty((R, T + 1, N), dtype=np.float32) if record_states else None

    def totals(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Capability of the bloc (B), of the coalition against it (K), of the uncommitted (U), and in all."""
        status, cap = self.status, self.cap
        bloc = (status == AGGRESSOR) | (status == WITH)
        B = np.where(bloc, cap, 0.0).sum(axis=1)
        K = np.where(status == AGAINST, cap, 0.0).sum(axis=1)
        U = np.where((status == NEUTRAL) | (status == BUCKPASS), cap, 0.0).sum(axis=1)
        return B, K, U, cap.sum(axis=1)

    def record(self, t: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        B, K, _, total = self.totals()
        out = self.out
        out["bloc_power"][:, t] = B
        out["coalition_power"][:, t] = K
        out["total_power"][:, t] = total
        for name, code in _COUNTS.items():
            out[name][:, t] = (self.status == code).sum(axis=1)
        out["war"][:, t] = self.war
        if self.status_hist is not None:
            self.status_hist[:, t] = self.status
            self.cap_hist[:, t] = self.cap
        return B, K, total

    def draw(self, draws: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """One block of uniforms per run and step, in a fixed order (keep, choice, attack)."""
        N = self.N
        for r, g in enumerate(self.rngs):
            draws[r] = g.random(2 * N + self.A)
        return draws[:, :N], draws[:, N : 2 * N], draws[:, 2 * N :]

    def choose(self, u_keep: np.ndarray, u_choice: np.ndarray) -> None:
        """Step 1: states that reconsider draw from the model's probabilities, restricted by type."""
        c, cap = self.c, self.cap
        B, K, _, total = self.totals()
        P = np.minimum(1.0, B / total / c.hegemony)
        X = self.prox.max(axis=1)
        threat_posture = np.where(self.defeated, 0.0, c.posture)
        s = cap / (cap + B[:, None])
        a = np.where(self.defeated, c.postwar, c.support)
        v = B / (B + K)
        # predict_arrays(...) then restrict(...), without building the (runs, states, 4) array
        parts = _predict_parts(P[:, None], X, threat_posture[:, None], threat_posture[:, None], s, a[:, None],
                               self.war[:, None], v[:, None], self.weights, self.params)
        p_against, p_with, p_buckpass, _ = _restrict_parts(*parts, self.balancer)
        c0 = p_against
        c1 = c0 + p_with
        c2 = c1 + p_buckpass
        choice = ((u_choice >= c0).astype(np.int8) + (u_choice >= c1) + (u_choice >= c2)).astype(np.int8)  # 0..3
        free = self.status <= NEUTRAL
        self.status = np.where(free & (u_keep >= c.inertia), choice, self.status)

    def expand(self, u_attack: np.ndarray) -> None:
        """Step 2: each active aggressor attacks its nearest independent non-ally if it expects to win."""
        c, rows, cap, status = self.c, self.rows, self.cap, self.status
        for k in range(self.A):
            B, K, U, _ = self.totals()
            active = ~self.defeated & (cap[:, k] > 0.0)
            candidates = (status == AGAINST) | (status == BUCKPASS) | (status == NEUTRAL)
            score = np.where(candidates, self.prox[:, k, :], -1.0)
            target = score.argmax(axis=1)
            has_target = score[rows, target] >= 0.0
            c_t = cap[rows, target]
            t_status = status[rows, target]
            D = K + np.where(t_status == AGAINST, 0.0, c_t)
            expected = D + c.belief * (U - np.where(t_status == AGAINST, 0.0, c_t))
            attack = active & has_target & (B > expected)
            self.war = self.war | attack
            p_win = 1.0 / (1.0 + (D / np.maximum(B, 1e-300)) ** c.gamma)
            win = attack & (u_attack[:, k] < p_win)
            lose = attack & ~win
            if win.any():
                w = rows[win]
                cap[w, k] += c.spoils[w] * c_t[win]
                cap[w, target[win]] = 0.0
                status[w, target[win]] = CONQUERED
                self.prox[w, k, :] = np.maximum(self.prox[w, k, :],
                                                _proximity_rows(self.positions, w, target[win], c.reach))
            cap[:, k] = np.where(lose, cap[:, k] * (1.0 - c.war_cost), cap[:, k])

    def attrit(self) -> None:
        """Step 3: in war, a bloc weaker than the coalition loses capability."""
        B, K, _, _ = self.totals()
        pressed = self.war & ~self.defeated & (K > B)
        loss = np.where(pressed, self.c.attrition * (K - B) / (K + B), 0.0)
        self.cap[:, : self.A] *= (1.0 - loss)[:, None]

    def defeat(self, t: int) -> None:
        """Step 4: a bloc below ``defeat_fraction`` of its peak is defeated; wartime alignments dissolve."""
        own = self.cap[:, : self.A].sum(axis=1)
        self.peak = np.maximum(self.peak, own)
        newly = ~self.defeated & (own < self.c.defeat_fraction * self.peak)
        if newly.any():
            self.defeated = self.defeated | newly
            self.war = self.war & ~newly
            self.defeat_step = np.where(newly, t + 1, self.defeat_step)
            status = self.status
            wartime = newly[:, None] & ((status == AGAINST) | (status == WITH) | (status == BUCKPASS))
            self.status = np.where(wartime, NEUTRAL, status).astype(np.int8)

    def outcomes(self, t: int) -> None:
        """Record step ``t + 1`` and note the first step of hegemony and of containment."""
        c = self.c
        B, K, total = self.record(t + 1)
        self.hegemony_step = np.where((self.hegemony_step < 0) & (B / total >= c.hegemony), t + 1,
                                      self.hegemony_step)
        self.contain_run = np.where(K > B, self.contain_run + 1, 0)
        self.containment_step = np.where((self.containment_step < 0) & (self.contain_run >= c.containment), t + 1,
                                         self.containment_step)


def _engine(worlds: Sequence[World], seeds: Sequence[int], record_states: bool) -> dict[str, np.ndarray]:
    """Run ``worlds[r]`` with ``seeds[r]`` for every r, all at once (see the module docstring).

    The worlds may differ in every parameter except those in ``_STRUCTURE``.
    """
    _check_batch(worlds, len(seeds), record_states)
    batch = _Batch(worlds, seeds, record_states)
    batch.record(0)
    draws = np.empty((batch.R, 2 * batch.N + batch.A))
    for t in range(batch.T):
        u_keep, u_choice, u_attack = batch.draw(draws)
        batch.choose(u_keep, u_choice)
        batch.expand(u_attack)
        batch.attrit()
        batch.defeat(t)
        batch.outcomes(t)
    return {
        **batch.out,
        "hegemony_step": batch.hegemony_step,
        "containment_step": batch.containment_step,
        "defeat_step": batch.defeat_step,
        "positions": batch.positions,
        "balancer": batch.balancer,
        "status": batch.status_hist,
        "capability": batch.cap_hist,
    }


def _ensemble(world: World, seeds: Sequence[int], arrays: Mapping[str, Any], part: slice) -> Ensemble:
    return Ensemble(
        world=world, seeds=tuple(seeds), **{k: (v[part] if v is not None else None) for k, v in arrays.items()}
    )


def simulate_many(world: World, seeds: Any, *, record_states: bool = False) -> Ensemble:
    """Run ``world`` once per seed, all runs at once (arrays of shape (runs, states)).

    ``record_states`` keeps every state's status and capability at every step (memory:
    runs x (steps + 1) x states x 5 bytes); the per-step totals are always kept.
    """
    if not isinstance(world, World):
        raise TypeError(f"world must be a World, got {type(world).__name__}")
    seeds = _seeds(seeds)
    return _ensemble(world, seeds, _engine([world] * len(seeds), seeds, record_states), slice(None))


def simulate_worlds(
    worlds: Sequence[World], seeds: Any, *, record_states: bool = False, max_batch: int = 4000
) -> list[Ensemble]:
    """Run every world with every seed; one :class:`Ensemble` per world, as ``simulate_many``
    would give, but computed together (batches of at most ``max_batch`` runs).

    The worlds must share ``n_states``, ``steps``, ``n_aggressors``, ``weights`` and
    ``params``; they may differ in everything else.
    """
    worlds = list(worlds)
    if not worlds:
        raise ValueError("worlds must not be empty")
    for w in worlds:
        if not isinstance(w, World):
            raise TypeError(f"worlds must hold World objects, got {type(w).__name__}")
    seeds = _seeds(seeds)
    _int("simulate_worlds", "max_batch", max_batch, 1, 10**6)
    per_batch = max(1, max_batch // len(seeds))
    out: list[Ensemble] = []
    for first in range(0, len(worlds), per_batch):
        chunk = worlds[first : first + per_batch]
        arrays = _engine([w for w in chunk for _ in seeds], seeds * len(chunk), record_states)
        for k, w in enumerate(chunk):
            out.append(_ensemble(w, seeds, arrays, slice(k * len(seeds), (k + 1) * len(seeds))))
    return out


def simulate(world: World, seed: int = 0, *, record_states: bool = True) -> Run:
    """One run of ``world`` with ``seed`` (every state's history recorded by default)."""
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be an int in [0, 2**63), got {type(seed).__name__} {seed!r}")
    return simulate_many(world, [seed], record_states=record_states).run(0)
