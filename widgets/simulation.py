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
   the functional form of :func:`widgets.alignment.predict` (the test suite checks that the
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
``python -m widgets.simulation --write`` (``--check`` compares the cache with the code).
"""

from __future__ import annotations

import argparse
import json
import numbers
import sys
import time
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from . import validation
from .alignment import DEFAULT_PARAMETERS, ModelParameters
from .csvtable import data_file
from .threat import ThreatWeights

# ---------------------------------------------------------------------------- alignment codes

AGAINST, WITH, BUCKPASS, NEUTRAL, CONQUERED, AGGRESSOR = 0, 1, 2, 3, 4, 5
"""Codes of a state's status. 0-3 follow ``CHOICES`` (balance, bandwagon, buck-pass, neutral)."""

STATUS_NAMES: tuple[str, ...] = ("against", "with", "buck-pass", "neutral", "conquered", "aggressor")
OUTCOMES: tuple[str, ...] = ("hegemony", "contained", "unresolved")

# ---------------------------------------------------------------------------- predict_arrays


def _array(name: str, value: Any) -> np.ndarray:
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"predict_arrays.{name} must be numbers in [0, 1], got {type(value).__name__}") from None
    if arr.dtype == object or not np.all(np.isfinite(arr)):
        raise ValueError(f"predict_arrays.{name} must be finite numbers in [0, 1]; found NaN or inf")
    if arr.size and (arr.min() < 0.0 or arr.max() > 1.0):
        raise ValueError(f"predict_arrays.{name} must be in [0, 1], got values from {arr.min()!r} to {arr.max()!r}")
    return arr


def predict_arrays(
    aggregate_power: Any,
    proximity: Any,
    offensive_power: Any,
    aggressive_intentions: Any,
    own_strength: Any,
    allied_support: Any,
    war: Any,
    victory: Any,
    weights: ThreatWeights | None = None,
    params: ModelParameters | None = None,
    *,
    check: bool = True,
) -> np.ndarray:
    """:func:`widgets.alignment.predict` for arrays: probabilities of ``CHOICES``, shape (..., 4).

    The arguments are the fields of ``Threat`` and ``Situation`` as arrays that broadcast
    together (``war`` a boolean array). The formulas are those of ``alignment.py``, term by
    term: the threat level is the weighted mean of the four sources, clipped to [0, 1];
    ``p_align`` its logistic; the stage-2 utilities

        V_balance   = b_s s + b_a min(a, a0) / a0 + b_i I - b_w m
        V_bandwagon = c_0 + c_a (1 - a) + c_g G + b_w m
        V_buckpass  = d_0 + d_c C(a)

    with W = max(0, 1 - 2 s), G = W P (1 + X + O) / 3, C(a) = max(0, (a - a0) / (1 - a0))
    and, in war, m = W (2 v - 1) + (1 - W) (min(0, 2 v - 1) + max(0, (v - v_s) / (1 - v_s)))
    with v_s = ``settled_at`` (0 in peace); then p_align times their softmax, and 1 - p_align
    for neutrality. The simulated states are bystanders without ``capability`` or stay-out
    inputs, so those terms of ``alignment.py`` are zero here. ``tests/test_simulation.py`` checks agreement with ``predict`` to 1e-12 on
    random inputs, so the two cannot drift apart. ``check=False`` skips input validation
    (the simulation's own inputs are valid by construction).
    """
    if weights is None:
        weights = ThreatWeights()
    elif not isinstance(weights, ThreatWeights):
        raise TypeError(f"weights must be a ThreatWeights or None, got {type(weights).__name__}")
    if params is None:
        params = DEFAULT_PARAMETERS
    elif not isinstance(params, ModelParameters):
        raise TypeError(f"params must be a ModelParameters or None, got {type(params).__name__}")
    names = ("aggregate_power", "proximity", "offensive_power", "aggressive_intentions", "own_strength", "allied_support", "victory")
    values = (aggregate_power, proximity, offensive_power, aggressive_intentions, own_strength, allied_support, victory)
    if check:
        P, X, O, I, s, a, v = (_array(n, x) for n, x in zip(names, values))
        war_arr = np.asarray(war)
        if war_arr.dtype != bool:
            raise TypeError(f"predict_arrays.war must be booleans, got dtype {war_arr.dtype}")
        try:
            np.broadcast_shapes(P.shape, X.shape, O.shape, I.shape, s.shape, a.shape, v.shape, war_arr.shape)
        except ValueError:
            raise ValueError("predict_arrays: the arrays' shapes do not broadcast together: "
                             + ", ".join(f"{n} {np.shape(x)}" for n, x in zip(names + ("war",), values + (war,)))) from None
    else:
        P, X, O, I, s, a, v = values
        war_arr = war
    p_bal, p_bw, p_bp, p_neutral = _predict_parts(P, X, O, I, s, a, war_arr, v, weights, params)
    shape = np.broadcast_shapes(np.shape(p_bal), np.shape(p_bw), np.shape(p_bp), np.shape(p_neutral))
    out = np.empty(shape + (4,))
    for k, part in enumerate((p_bal, p_bw, p_bp, p_neutral)):
        out[..., k] = part
    return out


def _predict_parts(P: Any, X: Any, O: Any, I: Any, s: Any, a: Any, war: Any, v: Any,
                   weights: ThreatWeights, params: ModelParameters) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The four probabilities of :func:`predict_arrays` as separate arrays (no validation)."""
    share = weights.normalised()
    # same order of addition as threat.contributions + sum()
    level = share["aggregate_power"] * P + share["proximity"] * X + share["offensive_power"] * O + share["aggressive_intentions"] * I
    level = np.minimum(np.maximum(level, 0.0), 1.0)
    x = params.response_slope * (level - params.response_threshold)
    z = np.exp(-np.abs(x))
    p_align = np.where(x >= 0, 1.0 / (1.0 + z), z / (1.0 + z))

    a0 = params.support_certain_at
    # the simulation's states carry no capability, target or stay-out inputs: their terms are zero
    weak = np.maximum(0.0, 1.0 - 2.0 * s)
    open_war = 2.0 * v - 1.0
    settled = np.minimum(0.0, open_war) + np.maximum(0.0, (v - params.settled_at) / (1.0 - params.settled_at))
    m = np.where(war, weak * open_war + (1.0 - weak) * settled, 0.0)
    pull = weak * P * ((1.0 + X + O) / 3.0)
    certainty = np.maximum(0.0, (a - a0) / (1.0 - a0))
    # term order as in alignment.utility_terms: base, strength, support, intentions, pull, certainty, war
    v_bal = params.strength_to_balance * s + params.support_to_balance * np.minimum(a, a0) / a0 \
        + params.intentions_to_balance * I + (-params.war_momentum * m)
    v_bw = params.bandwagon_base + params.isolation_to_bandwagon * (1.0 - a) + params.great_power_pull * pull \
        + params.war_momentum * m
    v_bp = params.buckpass_base + params.certainty_to_buckpass * certainty
    top = np.maximum(np.maximum(v_bal, v_bw), v_bp)
    e_bal, e_bw, e_bp = np.exp(v_bal - top), np.exp(v_bw - top), np.exp(v_bp - top)
    total = e_bal + e_bw + e_bp
    # p_align times each softmax share, in the order alignment.predict computes them
    return p_align * (e_bal / total), p_align * (e_bw / total), p_align * (e_bp / total), 1.0 - p_align


def restrict(probabilities: np.ndarray, balancer: np.ndarray) -> np.ndarray:
    """Apply a state's disposition: drop bandwagoning (balancers) or balancing (bandwagoners).

    ``probabilities`` has shape (..., 4) as from :func:`predict_arrays`; ``balancer`` is a
    boolean array broadcasting to (...). The aligning probability is kept and shared among
    the remaining responses in the model's own proportions (the logit on the smaller menu).
    """
    probabilities = np.asarray(probabilities, dtype=float)
    balancer = np.asarray(balancer, dtype=bool)
    parts = _restrict_parts(probabilities[..., AGAINST], probabilities[..., WITH], probabilities[..., BUCKPASS],
                            probabilities[..., NEUTRAL], balancer)
    out = np.empty(np.broadcast_shapes(probabilities.shape, balancer.shape + (4,)))
    for k, part in enumerate(parts):
        out[..., k] = part
    return out


def _restrict_parts(p_bal: np.ndarray, p_bw: np.ndarray, p_bp: np.ndarray, p_neutral: np.ndarray,
                    balancer: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    against = np.where(balancer, p_bal, 0.0)
    with_ = np.where(balancer, 0.0, p_bw)
    scale = (1.0 - p_neutral) / (against + with_ + p_bp)
    return against * scale, with_ * scale, p_bp * scale, p_neutral


# ---------------------------------------------------------------------------- the world's parameters


def _int(owner: str, name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{owner}.{name} must be an int in [{low}, {high}], got {type(value).__name__} {value!r}")
    if not low <= int(value) <= high:
        raise ValueError(f"{owner}.{name} must be in [{low}, {high}], got {value!r}")
    return int(value)


def _open(owner: str, name: str, value: Any, low: float, high: float) -> float:
    number = validation.bounded(owner, name, value, low, high)
    if number in (low, high):
        raise ValueError(f"{owner}.{name} must be in ({low:g}, {high:g}), got {number!r}")
    return number


MAX_STATES, MAX_STEPS = 2000, 5000


@dataclass(frozen=True)
class World:
    """Everything that defines a world, except the random seed (see the module docstring).

    Integers: ``n_states`` in [3, 2000], ``steps`` in [1, 5000], ``n_aggressors`` in
    [1, n_states // 2], ``containment_steps`` in [1, 1000]. Shares and probabilities in
    [0, 1]: ``share_balancers``, ``allied_support``, ``aggressor_belief`` and
    ``defender_belief`` (or None), ``restrained_posture`` <= ``belligerent_posture``,
    ``spoils``, ``postwar_support``; in [0, 1): ``inertia``, ``war_cost``, ``attrition``;
    in (0, 1): ``aggressor_share`` < ``hegemony_share``, ``defeat_fraction``. Positive:
    ``reach`` in (0, 10], ``decisiveness`` in (0, 20], ``capability_spread`` in [0, 3].
    """

    n_states: int = 40
    steps: int = 150
    n_aggressors: int = 1
    share_balancers: float = 0.8
    allied_support: float = 0.5
    aggressor_share: float = 0.15
    aggressor_belief: float | None = None
    defender_belief: float | None = None
    reach: float = 0.2
    inertia: float = 0.9
    restrained_posture: float = 0.25
    belligerent_posture: float = 0.95
    decisiveness: float = 3.0
    spoils: float = 0.8
    war_cost: float = 0.05
    attrition: float = 0.1
    defeat_fraction: float = 0.3
    hegemony_share: float = 0.5
    containment_steps: int = 10
    postwar_support: float = 0.25
    capability_spread: float = 1.0
    weights: ThreatWeights | None = None
    params: ModelParameters | None = None

    def __post_init__(self) -> None:
        owner = "World"
        set_ = lambda name, value: object.__setattr__(self, name, value)  # noqa: E731
        set_("n_states", _int(owner, "n_states", self.n_states, 3, MAX_STATES))
        set_("steps", _int(owner, "steps", self.steps, 1, MAX_STEPS))
        set_("n_aggressors", _int(owner, "n_aggressors", self.n_aggressors, 1, self.n_states // 2))
        set_("containment_steps", _int(owner, "containment_steps", self.containment_steps, 1, 1000))
        for name in ("share_balancers", "allied_support", "restrained_posture", "belligerent_posture", "spoils", "postwar_support"):
            set_(name, validation.unit_interval(owner, name, getattr(self, name)))
        for name in ("aggressor_belief", "defender_belief"):
            if getattr(self, name) is not None:
                set_(name, validation.unit_interval(owner, name, getattr(self, name)))
        for name in ("inertia", "war_cost", "attrition"):
            number = validation.bounded(owner, name, getattr(self, name), 0.0, 1.0)
            if number == 1.0:
                raise ValueError(f"{owner}.{name} must be in [0, 1), got 1.0")
            set_(name, number)
        for name in ("aggressor_share", "hegemony_share", "defeat_fraction"):
            set_(name, _open(owner, name, getattr(self, name), 0.0, 1.0))
        set_("reach", _open(owner, "reach", self.reach, 0.0, 10.0) if self.reach != 10.0 else 10.0)
        set_("decisiveness", _open(owner, "decisiveness", self.decisiveness, 0.0, 20.0) if self.decisiveness != 20.0 else 20.0)
        set_("capability_spread", validation.bounded(owner, "capability_spread", self.capability_spread, 0.0, 3.0))
        if self.aggressor_share >= self.hegemony_share:
            raise ValueError(
                f"World.aggressor_share must be below World.hegemony_share ({self.hegemony_share!r}), "
                f"got {self.aggressor_share!r}: the aggressors would start out hegemonic")
        if self.restrained_posture > self.belligerent_posture:
            raise ValueError(
                f"World.restrained_posture must be at most World.belligerent_posture ({self.belligerent_posture!r}), "
                f"got {self.restrained_posture!r}")
        if self.weights is not None and not isinstance(self.weights, ThreatWeights):
            raise TypeError(f"World.weights must be a ThreatWeights or None, got {type(self.weights).__name__}")
        if self.params is not None and not isinstance(self.params, ModelParameters):
            raise TypeError(f"World.params must be a ModelParameters or None, got {type(self.params).__name__}")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "World":
        """Build from a mapping (as stored in the sweep cache); unknown fields raise TypeError."""
        names = tuple(f.name for f in fields(cls))
        validation.known_fields("World", data, names)
        data = dict(data)
        if isinstance(data.get("weights"), Mapping):
            data["weights"] = ThreatWeights.from_dict(data["weights"])
        if isinstance(data.get("params"), Mapping):
            data["params"] = ModelParameters(**data["params"])
        return cls(**data)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def believed_share(self) -> float:
        """The share of balancers the aggressors act on (their belief, else the truth)."""
        return self.share_balancers if self.aggressor_belief is None else self.aggressor_belief

    @property
    def posture(self) -> float:
        """The aggressors' offensive power and aggressive intentions before any defeat."""
        return self.restrained_posture + (self.belligerent_posture - self.restrained_posture) * (1.0 - self.believed_share)

    @property
    def wartime_support(self) -> float:
        """Allied support as the status-quo powers' stance sets it (before any defeat)."""
        factor = 1.0 if self.defender_belief is None else 1.5 - self.defender_belief
        return min(1.0, self.allied_support * factor)


def _seeds(seeds: Any) -> list[int]:
    if isinstance(seeds, (numbers.Integral,)) and not isinstance(seeds, bool):
        seeds = [seeds]
    try:
        seeds = list(seeds)
    except TypeError:
        raise TypeError(f"seeds must be an int or a sequence of ints, got {type(seeds).__name__}") from None
    if not seeds:
        raise ValueError("seeds must not be empty")
    out = []
    for s in seeds:
        if isinstance(s, bool) or not isinstance(s, numbers.Integral) or s < 0 or s >= 2**63:
            raise ValueError(f"a seed must be an int in [0, 2**63), got {s!r}")
        out.append(int(s))
    return out


# ---------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Ensemble:
    """Many runs of one world. Time series have shape (runs, steps + 1); row r is seed r.

    - ``bloc_power`` B: capability of the aggressors and their bandwagoners;
      ``coalition_power`` K: capability of the states balancing against them;
      ``total_power``: all capability left in the system (war destroys some);
    - ``n_with``, ``n_against``, ``n_buckpass``, ``n_neutral``, ``n_conquered``: numbers of
      states in each status;
    - ``war``: whether the system is at war after that step;
    - ``hegemony_step``, ``containment_step``, ``defeat_step``: first step at which each
      happened, -1 if never (per run).
    - ``status`` and ``capability`` (runs, steps + 1, states) when recorded; ``positions``
      (runs, states, 2) and ``balancer`` (runs, states) always.
    """

    world: World
    seeds: tuple[int, ...]
    bloc_power: np.ndarray
    coalition_power: np.ndarray
    total_power: np.ndarray
    n_with: np.ndarray
    n_against: np.ndarray
    n_buckpass: np.ndarray
    n_neutral: np.ndarray
    n_conquered: np.ndarray
    war: np.ndarray
    hegemony_step: np.ndarray
    containment_step: np.ndarray
    defeat_step: np.ndarray
    positions: np.ndarray
    balancer: np.ndarray
    status: np.ndarray | None = None
    capability: np.ndarray | None = None

    @property
    def runs(self) -> int:
        return len(self.seeds)

    @property
    def bloc_share(self) -> np.ndarray:
        return self.bloc_power / self.total_power

    @property
    def outcome(self) -> np.ndarray:
        """Index into ``OUTCOMES`` per run."""
        return np.where(self.hegemony_step >= 0, 0, np.where(self.containment_step >= 0, 1, 2))

    def outcome_counts(self) -> dict[str, int]:
        codes = self.outcome
        return {name: int((codes == k).sum()) for k, name in enumerate(OUTCOMES)}

    @property
    def defeated(self) -> np.ndarray:
        return self.defeat_step >= 0

    def run(self, index: int = 0) -> "Run":
        """One run of the ensemble as a :class:`Run`."""
        if not 0 <= index < self.runs:
            raise IndexError(f"run index must be in [0, {self.runs - 1}], got {index}")
        series = {name: getattr(self, name)[index] for name in _SERIES}
        return Run(
            world=self.world, seed=self.seeds[index], **series,
            hegemony_step=int(self.hegemony_step[index]), containment_step=int(self.containment_step[index]),
            defeat_step=int(self.defeat_step[index]), positions=self.positions[index], balancer=self.balancer[index],
            status=None if self.status is None else self.status[index],
            capability=None if self.capability is None else self.capability[index],
        )


_SERIES = ("bloc_power", "coalition_power", "total_power", "n_with", "n_against", "n_buckpass", "n_neutral", "n_conquered", "war")


@dataclass(frozen=True)
class Run:
    """One run: the fields of :class:`Ensemble` for a single seed (1-D time series)."""

    world: World
    seed: int
    bloc_power: np.ndarray
    coalition_power: np.ndarray
    total_power: np.ndarray
    n_with: np.ndarray
    n_against: np.ndarray
    n_buckpass: np.ndarray
    n_neutral: np.ndarray
    n_conquered: np.ndarray
    war: np.ndarray
    hegemony_step: int
    containment_step: int
    defeat_step: int
    positions: np.ndarray
    balancer: np.ndarray
    status: np.ndarray | None = None
    capability: np.ndarray | None = None

    @property
    def outcome(self) -> str:
        if self.hegemony_step >= 0:
            return "hegemony"
        return "contained" if self.containment_step >= 0 else "unresolved"

    @property
    def bloc_share(self) -> np.ndarray:
        return self.bloc_power / self.total_power

    @property
    def steps(self) -> int:
        return len(self.bloc_power) - 1

    def summary(self) -> dict[str, Any]:
        """Plain numbers describing the run (for text, tables and tests)."""
        return {
            "outcome": self.outcome,
            "hegemony_step": self.hegemony_step,
            "containment_step": self.containment_step,
            "defeat_step": self.defeat_step,
            "max_with": int(self.n_with.max()),
            "max_against": int(self.n_against.max()),
            "final_with": int(self.n_with[-1]),
            "final_against": int(self.n_against[-1]),
            "final_conquered": int(self.n_conquered[-1]),
            "peak_bloc_share": float(self.bloc_share.max()),
            "final_bloc_share": float(self.bloc_share[-1]),
            "war_steps": int(self.war.sum()),
        }


# ---------------------------------------------------------------------------- the engine


def _proximity_rows(positions: np.ndarray, rows: np.ndarray, sources: np.ndarray, reach: np.ndarray) -> np.ndarray:
    """Proximity of every state of runs ``rows`` to state ``sources[k]`` of run ``rows[k]``."""
    delta = positions[rows] - positions[rows, sources][:, None, :]
    return np.exp(-np.sqrt((delta * delta).sum(axis=-1)) / reach[rows][:, None])


_STRUCTURE = ("n_states", "steps", "n_aggressors", "weights", "params")


def _engine(worlds: Sequence[World], seeds: Sequence[int], record_states: bool) -> dict[str, np.ndarray]:
    """Run ``worlds[r]`` with ``seeds[r]`` for every r, all at once (see the module docstring).

    The worlds may differ in every parameter except those in ``_STRUCTURE``.
    """
    first = worlds[0]
    for w in worlds:
        for name in _STRUCTURE:
            if getattr(w, name) != getattr(first, name):
                raise ValueError(f"worlds run together must share {name}: got {getattr(first, name)!r} and {getattr(w, name)!r}")
    R, N, A, T = len(seeds), first.n_states, first.n_aggressors, first.steps
    if record_states and R * (T + 1) * N > 50_000_000:
        raise ValueError(f"record_states would keep {R * (T + 1) * N:,} cells (> 50,000,000): record fewer runs or steps")
    params, weights = first.params or DEFAULT_PARAMETERS, first.weights or ThreatWeights()

    def column(values: Any, dtype: Any = float) -> np.ndarray:
        return np.array(values, dtype=dtype)

    posture = column([w.posture for w in worlds])
    support = column([w.wartime_support for w in worlds])
    postwar = support * column([w.postwar_support for w in worlds])
    belief = column([w.believed_share for w in worlds])
    inertia = column([w.inertia for w in worlds])[:, None]
    reach = column([w.reach for w in worlds])
    h = column([w.hegemony_share for w in worlds])
    gamma = column([w.decisiveness for w in worlds])
    spoils = column([w.spoils for w in worlds])
    war_cost = column([w.war_cost for w in worlds])
    attrition = column([w.attrition for w in worlds])
    defeat_fraction = column([w.defeat_fraction for w in worlds])
    containment = column([w.containment_steps for w in worlds], int)
    aggressor_share = column([w.aggressor_share for w in worlds])
    n_bal = column([round(w.share_balancers * (N - A)) for w in worlds], int)

    rngs = [np.random.default_rng(s) for s in seeds]
    rows = np.arange(R)

    # the world: positions, capabilities, dispositions (in this order, per run)
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

    status = np.full((R, N), NEUTRAL, dtype=np.int8)
    status[:, :A] = AGGRESSOR
    prox = np.empty((R, A, N))
    for k in range(A):
        prox[:, k, :] = _proximity_rows(positions, rows, np.full(R, k), reach)
    peak = cap[:, :A].sum(axis=1)
    war = np.zeros(R, dtype=bool)
    defeated = np.zeros(R, dtype=bool)
    contain_run = np.zeros(R, dtype=int)
    hegemony_step = np.full(R, -1)
    containment_step = np.full(R, -1)
    defeat_step = np.full(R, -1)

    out: dict[str, Any] = {name: np.empty((R, T + 1)) for name in ("bloc_power", "coalition_power", "total_power")}
    for name in ("n_with", "n_against", "n_buckpass", "n_neutral", "n_conquered"):
        out[name] = np.empty((R, T + 1), dtype=np.int32)
    out["war"] = np.zeros((R, T + 1), dtype=bool)
    status_hist = np.empty((R, T + 1, N), dtype=np.int8) if record_states else None
    cap_hist = np.empty((R, T + 1, N), dtype=np.float32) if record_states else None

    def totals() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        bloc = (status == AGGRESSOR) | (status == WITH)
        B = np.where(bloc, cap, 0.0).sum(axis=1)
        K = np.where(status == AGAINST, cap, 0.0).sum(axis=1)
        U = np.where((status == NEUTRAL) | (status == BUCKPASS), cap, 0.0).sum(axis=1)
        total = cap.sum(axis=1)
        return B, K, U, total

    def record(t: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        B, K, _, total = totals()
        out["bloc_power"][:, t] = B
        out["coalition_power"][:, t] = K
        out["total_power"][:, t] = total
        out["n_with"][:, t] = (status == WITH).sum(axis=1)
        out["n_against"][:, t] = (status == AGAINST).sum(axis=1)
        out["n_buckpass"][:, t] = (status == BUCKPASS).sum(axis=1)
        out["n_neutral"][:, t] = (status == NEUTRAL).sum(axis=1)
        out["n_conquered"][:, t] = (status == CONQUERED).sum(axis=1)
        out["war"][:, t] = war
        if record_states:
            status_hist[:, t] = status
            cap_hist[:, t] = cap
        return B, K, total

    record(0)
    draws = np.empty((R, 2 * N + A))
    for t in range(T):
        for r, g in enumerate(rngs):
            draws[r] = g.random(2 * N + A)
        u_keep, u_choice, u_attack = draws[:, :N], draws[:, N:2 * N], draws[:, 2 * N:]

        # 1. alignment choices
        B, K, _, total = totals()
        P = np.minimum(1.0, B / total / h)
        X = prox.max(axis=1)
        threat_posture = np.where(defeated, 0.0, posture)
        s = cap / (cap + B[:, None])
        a = np.where(defeated, postwar, support)
        v = B / (B + K)
        # predict_arrays(...) then restrict(...), without building the (runs, states, 4) array
        parts = _predict_parts(P[:, None], X, threat_posture[:, None], threat_posture[:, None], s, a[:, None],
                               war[:, None], v[:, None], weights, params)
        p_against, p_with, p_buckpass, _ = _restrict_parts(*parts, balancer)
        c0 = p_against
        c1 = c0 + p_with
        c2 = c1 + p_buckpass
        choice = ((u_choice >= c0).astype(np.int8) + (u_choice >= c1) + (u_choice >= c2)).astype(np.int8)  # 0..3
        free = status <= NEUTRAL
        status = np.where(free & (u_keep >= inertia), choice, status)

        # 2. expansion
        for k in range(A):
            B, K, U, _ = totals()
            active = ~defeated & (cap[:, k] > 0.0)
            candidates = (status == AGAINST) | (status == BUCKPASS) | (status == NEUTRAL)
            score = np.where(candidates, prox[:, k, :], -1.0)
            target = score.argmax(axis=1)
            has_target = score[rows, target] >= 0.0
            c_t = cap[rows, target]
            t_status = status[rows, target]
            D = K + np.where(t_status == AGAINST, 0.0, c_t)
            expected = D + belief * (U - np.where(t_status == AGAINST, 0.0, c_t))
            attack = active & has_target & (B > expected)
            war = war | attack
            p_win = 1.0 / (1.0 + (D / np.maximum(B, 1e-300)) ** gamma)
            win = attack & (u_attack[:, k] < p_win)
            lose = attack & ~win
            if win.any():
                w = rows[win]
                cap[w, k] += spoils[w] * c_t[win]
                cap[w, target[win]] = 0.0
                status[w, target[win]] = CONQUERED
                prox[w, k, :] = np.maximum(prox[w, k, :], _proximity_rows(positions, w, target[win], reach))
            cap[:, k] = np.where(lose, cap[:, k] * (1.0 - war_cost), cap[:, k])

        # 3. attrition
        B, K, _, _ = totals()
        pressed = war & ~defeated & (K > B)
        loss = np.where(pressed, attrition * (K - B) / (K + B), 0.0)
        cap[:, :A] *= (1.0 - loss)[:, None]

        # 4. defeat and the break-up of wartime alignments
        own = cap[:, :A].sum(axis=1)
        peak = np.maximum(peak, own)
        newly = ~defeated & (own < defeat_fraction * peak)
        if newly.any():
            defeated = defeated | newly
            war = war & ~newly
            defeat_step = np.where(newly, t + 1, defeat_step)
            wartime = newly[:, None] & ((status == AGAINST) | (status == WITH) | (status == BUCKPASS))
            status = np.where(wartime, NEUTRAL, status).astype(np.int8)

        B, K, total = record(t + 1)
        hegemony_step = np.where((hegemony_step < 0) & (B / total >= h), t + 1, hegemony_step)
        contain_run = np.where(K > B, contain_run + 1, 0)
        containment_step = np.where((containment_step < 0) & (contain_run >= containment), t + 1, containment_step)

    out.update(hegemony_step=hegemony_step, containment_step=containment_step, defeat_step=defeat_step,
               positions=positions, balancer=balancer, status=status_hist, capability=cap_hist)
    return out


def _ensemble(world: World, seeds: Sequence[int], arrays: Mapping[str, Any], part: slice) -> Ensemble:
    return Ensemble(world=world, seeds=tuple(seeds),
                    **{k: (v[part] if v is not None else None) for k, v in arrays.items()})


def simulate_many(world: World, seeds: Any, *, record_states: bool = False) -> Ensemble:
    """Run ``world`` once per seed, all runs at once (arrays of shape (runs, states)).

    ``record_states`` keeps every state's status and capability at every step (memory:
    runs x (steps + 1) x states x 5 bytes); the per-step totals are always kept.
    """
    if not isinstance(world, World):
        raise TypeError(f"world must be a World, got {type(world).__name__}")
    seeds = _seeds(seeds)
    return _ensemble(world, seeds, _engine([world] * len(seeds), seeds, record_states), slice(None))


def simulate_worlds(worlds: Sequence[World], seeds: Any, *, record_states: bool = False,
                    max_batch: int = 4000) -> list[Ensemble]:
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
        chunk = worlds[first:first + per_batch]
        arrays = _engine([w for w in chunk for _ in seeds], seeds * len(chunk), record_states)
        for k, w in enumerate(chunk):
            out.append(_ensemble(w, seeds, arrays, slice(k * len(seeds), (k + 1) * len(seeds))))
    return out


def simulate(world: World, seed: int = 0, *, record_states: bool = True) -> Run:
    """One run of ``world`` with ``seed`` (every state's history recorded by default)."""
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be an int in [0, 2**63), got {type(seed).__name__} {seed!r}")
    return simulate_many(world, [seed], record_states=record_states).run(0)


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
        rows = [self._summarise(cell, ens) for cell, ens in zip(cells, ensembles)]
        if progress:
            for cell, row in zip(cells, rows):
                print(f"  {self.name}: {cell} -> {row['hegemony']}/{self.runs} hegemonic", file=sys.stderr)
        return {
            "name": self.name,
            "base": _jsonable(self.base.to_dict()),
            "axes": [[axis, list(values)] for axis, values in self.axes],
            "runs": self.runs,
            "first_seed": self.first_seed,
            "regenerate": "python -m widgets.simulation --write",
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
        "hegemony", SWEEP_WORLD,
        (("allied_support", (0.0, 0.5, 0.8, 0.9, 1.0)), ("share_balancers", SHARE_GRID)),
        runs=300,
    ),
    # a balancing and a bandwagoning world; beliefs of the aggressor and of the status quo
    "misperception": Sweep(
        "misperception", replace(SWEEP_WORLD, allied_support=0.6),
        (("share_balancers", (0.2, 0.8)), ("aggressor_belief", (None, 0.0, 1.0)), ("defender_belief", (None, 0.0, 1.0))),
        runs=300,
    ),
}
SWEEP_DIR = Path(__file__).resolve().parent.parent / "data" / "sweeps"


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
    raise ValueError(f"the cached sweep {name!r} does not match the code ({problem}); "
                     "regenerate it with: python -m widgets.simulation --write")


def cache_mismatch(sweep: Sweep, data: Mapping[str, Any]) -> str | None:
    """Why a cache file does not belong to ``sweep`` (None if its definition matches)."""
    expected = {"base": _jsonable(sweep.base.to_dict()), "axes": [[a, list(v)] for a, v in sweep.axes],
                "runs": sweep.runs, "first_seed": sweep.first_seed}
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
    parser = argparse.ArgumentParser(prog="python -m widgets.simulation",
                                     description="Regenerate or check the cached Monte Carlo sweeps in data/sweeps/.")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true", help="recompute every sweep and write data/sweeps/<name>.json")
    group.add_argument("--check", action="store_true", help="recompute every sweep and compare with the cache")
    parser.add_argument("--only", choices=sorted(SWEEPS), help="one sweep only")
    args = parser.parse_args(argv)
    status = 0
    for name, sweep in SWEEPS.items():
        if args.only and name != args.only:
            continue
        print(f"{name}: {len(sweep.cells())} cells x {sweep.runs} runs of {sweep.base.n_states} states x {sweep.base.steps} steps",
              file=sys.stderr)
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
