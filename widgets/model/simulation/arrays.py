"""Walt's ``predict`` for whole arrays of states at once (the simulation's inner step).

The same formulas as :func:`widgets.model.alignment.predict`, vectorised with NumPy; the
status codes below name a state's place in a simulated world.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import validation
from ..alignment import DEFAULT_PARAMETERS, ModelParameters
from ..threat import ThreatWeights

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
    """:func:`widgets.model.alignment.predict` for arrays: probabilities of ``CHOICES``, shape (..., 4).

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
    inputs, so those terms of ``alignment.py`` are zero here. ``tests/model/test_simulation.py``
    checks agreement with ``predict`` to 1e-12 on random inputs, so the two cannot drift apart.
    ``check=False`` skips input validation (the simulation's own inputs are valid by construction).
    """
    weights = validation.or_default("weights", weights, ThreatWeights, ThreatWeights())
    params = validation.or_default("params", params, ModelParameters, DEFAULT_PARAMETERS)
    names = ("aggregate_power", "proximity", "offensive_power", "aggressive_intentions", "own_strength",
             "allied_support", "victory")
    values = (aggregate_power, proximity, offensive_power, aggressive_intentions, own_strength, allied_support, victory)
    if check:
        P, X, O, I, s, a, v = (_array(n, x) for n, x in zip(names, values, strict=True))
        war_arr = np.asarray(war)
        if war_arr.dtype != bool:
            raise TypeError(f"predict_arrays.war must be booleans, got dtype {war_arr.dtype}")
        try:
            np.broadcast_shapes(P.shape, X.shape, O.shape, I.shape, s.shape, a.shape, v.shape, war_arr.shape)
        except ValueError:
            raise ValueError(
                "predict_arrays: the arrays' shapes do not broadcast together: "
                + ", ".join(f"{n} {np.shape(x)}" for n, x in zip(names + ("war",), values + (war,), strict=True))
            ) from None
    else:
        P, X, O, I, s, a, v = values
        war_arr = war
    p_bal, p_bw, p_bp, p_neutral = _predict_parts(P, X, O, I, s, a, war_arr, v, weights, params)
    shape = np.broadcast_shapes(np.shape(p_bal), np.shape(p_bw), np.shape(p_bp), np.shape(p_neutral))
    out = np.empty(shape + (4,))
    for k, part in enumerate((p_bal, p_bw, p_bp, p_neutral)):
        out[..., k] = part
    return out


def _predict_parts(
    P: Any, X: Any, O: Any, I: Any, s: Any, a: Any, war: Any, v: Any, weights: ThreatWeights, params: ModelParameters
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The four probabilities of :func:`predict_arrays` as separate arrays (no validation)."""
    share = weights.normalised()
    # same order of addition as threat.contributions + sum()
    level = (
        share["aggregate_power"] * P
        + share["proximity"] * X
        + share["offensive_power"] * O
        + share["aggressive_intentions"] * I
    )
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
    v_bal = (
        params.strength_to_balance * s
        + params.support_to_balance * np.minimum(a, a0) / a0
        + params.intentions_to_balance * I * (1.0 - params.resistance_feasibility * weak * (1.0 - a))
        + (-params.war_momentum * m)
    )
    v_bw = (
        params.bandwagon_base
        + params.isolation_to_bandwagon * (1.0 - a)
        + params.great_power_pull * pull
        + params.war_momentum * m
    )
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
    parts = _restrict_parts(
        probabilities[..., AGAINST],
        probabilities[..., WITH],
        probabilities[..., BUCKPASS],
        probabilities[..., NEUTRAL],
        balancer,
    )
    out = np.empty(np.broadcast_shapes(probabilities.shape, balancer.shape + (4,)))
    for k, part in enumerate(parts):
        out[..., k] = part
    return out


def _restrict_parts(
    p_bal: np.ndarray, p_bw: np.ndarray, p_bp: np.ndarray, p_neutral: np.ndarray, balancer: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    against = np.where(balancer, p_bal, 0.0)
    with_ = np.where(balancer, 0.0, p_bw)
    scale = (1.0 - p_neutral) / (against + with_ + p_bp)
    return against * scale, with_ * scale, p_bp * scale, p_neutral
