"""A simulated world's parameters (:class:`World`) and what its runs produce (:class:`Ensemble`, :class:`Run`).

The assumptions behind every parameter are stated in :mod:`widgets.model.simulation.engine`.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

import numpy as np

from .. import validation
from ..alignment import ModelParameters
from ..threat import ThreatWeights
from .arrays import OUTCOMES

# ---------------------------------------------------------------------------- the world's parameters


def _int(owner: str, name: str, value: Any, low: int, high: int) -> int:
    return validation.integer(owner, name, value, low, high)


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
        for name in (
            "share_balancers",
            "allied_support",
            "restrained_posture",
            "belligerent_posture",
            "spoils",
            "postwar_support",
        ):
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
        set_(
            "decisiveness",
            _open(owner, "decisiveness", self.decisiveness, 0.0, 20.0) if self.decisiveness != 20.0 else 20.0,
        )
        set_("capability_spread", validation.bounded(owner, "capability_spread", self.capability_spread, 0.0, 3.0))
        if self.aggressor_share >= self.hegemony_share:
            raise ValueError(
                f"World.aggressor_share must be below World.hegemony_share ({self.hegemony_share!r}), "
                f"got {self.aggressor_share!r}: the aggressors would start out hegemonic"
            )
        if self.restrained_posture > self.belligerent_posture:
            raise ValueError(
                f"World.restrained_posture must be at most World.belligerent_posture ({self.belligerent_posture!r}), "
                f"got {self.restrained_posture!r}"
            )
        if self.weights is not None and not isinstance(self.weights, ThreatWeights):
            raise TypeError(f"World.weights must be a ThreatWeights or None, got {type(self.weights).__name__}")
        if self.params is not None and not isinstance(self.params, ModelParameters):
            raise TypeError(f"World.params must be a ModelParameters or None, got {type(self.params).__name__}")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> World:
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
        return self.restrained_posture + (self.belligerent_posture - self.restrained_posture) * (
            1.0 - self.believed_share
        )

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

    def run(self, index: int = 0) -> Run:
        """One run of the ensemble as a :class:`Run`."""
        if not 0 <= index < self.runs:
            raise IndexError(f"run index must be in [0, {self.runs - 1}], got {index}")
        series = {name: getattr(self, name)[index] for name in _SERIES}
        return Run(
            world=self.world,
            seed=self.seeds[index],
            **series,
            hegemony_step=int(self.hegemony_step[index]),
            containment_step=int(self.containment_step[index]),
            defeat_step=int(self.defeat_step[index]),
            positions=self.positions[index],
            balancer=self.balancer[index],
            status=None if self.status is None else self.status[index],
            capability=None if self.capability is None else self.capability[index],
        )


_SERIES = (
    "bloc_power",
    "coalition_power",
    "total_power",
    "n_with",
    "n_against",
    "n_buckpass",
    "n_neutral",
    "n_conquered",
    "war",
)


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
