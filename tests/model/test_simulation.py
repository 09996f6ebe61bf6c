"""The balancing-world / bandwagoning-world simulation (widgets.model.simulation and its figures).

- ``predict_arrays`` is the chapters' model, vectorised: it must agree with ``predict``.
- Walt's systemic claims as properties of the simulation: with only balancers an
  aggressor never gains an ally; with only bandwagoners and no allied support it does;
  misperception backfires; wartime coalitions break up after victory.
- Determinism, validation, the cached Monte Carlo sweeps, the figures and the chapter's
  animation in a real browser (``-m browser``, needs ``ALLIANCES_SITE`` or builds the book).
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets import CHOICES, ModelParameters, predict
from widgets.model.simulation import (
    AGAINST,
    BUCKPASS,
    NEUTRAL,
    SWEEPS,
    WITH,
    Sweep,
    World,
    cache_mismatch,
    hegemony_table,
    load_sweep,
    main,
    predict_arrays,
    restrict,
    simulate,
    simulate_many,
    sweep_path,
    wilson_interval,
)

from ..strategies import situations, threats, unit, weights
from ..test_project import imported_modules

ROOT = Path(__file__).resolve().parents[2]
CHAPTER = ROOT / "chapters" / "07_worlds.ipynb"

# --------------------------------------------------------------------------- one model, two evaluations

params_strategy = st.builds(
    ModelParameters,
    response_threshold=st.floats(0.05, 0.95), response_slope=st.floats(0.0, 50.0),
    strength_to_balance=st.floats(0.0, 10.0), support_to_balance=st.floats(0.0, 10.0),
    intentions_to_balance=st.floats(0.0, 10.0), bandwagon_base=st.floats(-10.0, 10.0),
    great_power_pull=st.floats(0.0, 10.0), isolation_to_bandwagon=st.floats(0.0, 10.0),
    buckpass_base=st.floats(-10.0, 10.0), certainty_to_buckpass=st.floats(0.0, 10.0),
    support_certain_at=st.floats(0.05, 0.95), war_momentum=st.floats(0.0, 10.0),
)


def _arrays_for(threat, situation, w=None, params=None):
    return predict_arrays(
        threat.aggregate_power,
        threat.proximity,
        threat.offensive_power,
        threat.aggressive_intentions,
        situation.own_strength,
        situation.allied_support,
        situation.war,
        situation.victory,
        w,
        params,
    )


@settings(max_examples=300, deadline=None)
@given(threats, situations, st.one_of(st.none(), weights), st.one_of(st.none(), params_strategy))
def test_predict_arrays_agrees_with_predict(threat, situation, w, params):
    """The vectorised evaluation is the same functional form as widgets.predict (to 1e-12)."""
    expected = predict(threat, situation, w, params).probabilities
    got = _arrays_for(threat, situation, w, params)
    assert got.shape == (4,)
    for k, choice in enumerate(CHOICES):
        assert abs(got[k] - expected[choice]) <= 1e-12, (choice, got[k], expected[choice])


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(threats, situations), min_size=1, max_size=40), st.one_of(st.none(), weights))
def test_predict_arrays_agrees_elementwise_on_arrays(cases, w):
    cols = list(
        zip(
            *[
                (
                    t.aggregate_power,
                    t.proximity,
                    t.offensive_power,
                    t.aggressive_intentions,
                    s.own_strength,
                    s.allied_support,
                    s.war,
                    s.victory,
                )
                for t, s in cases
            ],
            strict=True,
        )
    )
    got = predict_arrays(*(np.array(c) for c in cols), weights=w)
    assert got.shape == (len(cases), 4)
    for row, (t, s) in zip(got, cases, strict=True):
        p = predict(t, s, w).probabilities
        assert np.allclose(row, [p[c] for c in CHOICES], rtol=0, atol=1e-12)


def test_predict_arrays_broadcasts():
    out = predict_arrays(np.linspace(0, 1, 5)[:, None], 0.5, 0.5, 0.5, np.linspace(0, 1, 3)[None, :], 0.5, False, 0.5)
    assert out.shape == (5, 3, 4)
    assert np.allclose(out.sum(axis=-1), 1.0)


@pytest.mark.parametrize(
    "kwargs, error, fragment",
    [
        ({"aggregate_power": 1.2}, ValueError, "aggregate_power must be in [0, 1]"),
        ({"proximity": -0.1}, ValueError, "proximity must be in [0, 1]"),
        ({"own_strength": float("nan")}, ValueError, "own_strength must be finite"),
        ({"allied_support": "high"}, (TypeError, ValueError), "allied_support"),
        ({"war": np.array([0.0, 1.0])}, TypeError, "war must be booleans"),
        ({"victory": np.zeros(3), "own_strength": np.zeros(4)}, ValueError, "do not broadcast"),
    ],
)
def test_predict_arrays_rejects_bad_inputs(kwargs, error, fragment):
    args = dict(
        aggregate_power=0.5,
        proximity=0.5,
        offensive_power=0.5,
        aggressive_intentions=0.5,
        own_strength=0.5,
        allied_support=0.5,
        war=False,
        victory=0.5,
    )
    args.update(kwargs)
    with pytest.raises(error, match=re.escape(fragment)):
        predict_arrays(**args)


def test_predict_arrays_rejects_wrong_weights_and_params():
    with pytest.raises(TypeError, match="weights must be a ThreatWeights"):
        predict_arrays(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, False, 0.5, weights=(1, 1, 1, 1))
    with pytest.raises(TypeError, match="params must be a ModelParameters"):
        predict_arrays(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, False, 0.5, params={"response_slope": 3})


@given(threats, situations, st.booleans())
def test_dispositions_only_remove_one_option(threat, situation, is_balancer):
    """A balancer never bandwagons, a bandwagoner never balances; nothing else changes:
    the chance of aligning at all, and the odds between the options left (the logit on a
    smaller menu)."""
    full = _arrays_for(threat, situation)
    got = restrict(full, np.array(is_balancer))
    assert abs(got.sum() - 1.0) < 1e-12
    assert got[NEUTRAL] == full[NEUTRAL]
    dropped, kept = (WITH, AGAINST) if is_balancer else (AGAINST, WITH)
    assert got[dropped] == 0.0
    assert got[kept] / got[BUCKPASS] == pytest.approx(full[kept] / full[BUCKPASS], rel=1e-9)


# --------------------------------------------------------------------------- Walt's systemic claims

small_worlds = st.builds(
    World,
    n_states=st.integers(3, 30),
    steps=st.integers(1, 40),
    n_aggressors=st.just(1),
    allied_support=unit,
    aggressor_share=st.floats(0.05, 0.45),
    aggressor_belief=st.one_of(st.none(), unit),
    defender_belief=st.one_of(st.none(), unit),
    inertia=st.floats(0.0, 0.95),
    reach=st.floats(0.05, 1.0),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_worlds, st.integers(0, 2**32))
def test_in_a_world_of_balancers_a_lone_aggressor_never_gains_an_ally(world, seed):
    """Walt: if balancing dominates, aggressors face combined opposition. With every state a
    balancer, the aggressor's coalition never grows beyond itself."""
    run = simulate(replace(world, share_balancers=1.0), seed)
    assert run.n_with.max() == 0
    assert not np.any(run.status == WITH)
    # its bloc is the aggressor alone: bloc power equals the aggressor's own capability
    assert np.allclose(run.bloc_power, run.capability[:, 0], rtol=1e-6)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(20, 60), st.integers(50, 120), st.floats(0.05, 0.3), st.floats(0.0, 0.9), st.integers(0, 2**32))
def test_in_a_world_of_bandwagoners_without_allies_the_aggressor_gains_allies(n, steps, share, inertia, seed):
    """Walt: if bandwagoning dominates, successful aggressors attract additional allies.
    With every state a bandwagoner and no allied support, its coalition grows."""
    world = World(
        n_states=n, steps=steps, share_balancers=0.0, allied_support=0.0, aggressor_share=share, inertia=inertia
    )
    run = simulate(world, seed)
    assert run.n_with[0] == 0 and run.n_with.max() > 0
    assert run.n_against.max() == 0
    assert np.any(run.bloc_power > run.capability[:, 0] + 1e-12)


def test_hegemony_is_likelier_the_fewer_the_balancers():
    seeds = range(60)
    p = {
        share: simulate_many(World(n_states=30, steps=100, share_balancers=share), seeds).outcome_counts()["hegemony"]
        for share in (0.0, 0.5, 1.0)
    }
    assert p[0.0] > p[0.5] > p[1.0]
    assert p[0.0] >= 55 and p[1.0] == 0


def test_believing_in_bandwagoning_in_a_balancing_world_brings_self_encirclement():
    """Wilhelmine Germany and Imperial Japan: an aggressor that shows strength because it
    believes others will bandwagon, in a world of balancers, faces more opponents and is
    defeated far more often than one that judges the world correctly."""
    seeds = range(100)
    base = World(n_states=50, steps=150, share_balancers=0.8)
    right = simulate_many(base, seeds)
    wrong = simulate_many(replace(base, aggressor_belief=0.0), seeds)
    assert wrong.n_against.max(axis=1).mean() > right.n_against.max(axis=1).mean() + 3
    assert wrong.defeated.sum() > right.defeated.sum() + 30


def test_relaxed_status_quo_in_a_bandwagoning_world_loses_allies():
    """France in the 1930s: following the balancing prescription (a relaxed view, weaker
    commitments) in a world that bandwagons lets more states defect to the aggressor."""
    seeds = range(100)
    base = World(n_states=50, steps=150, share_balancers=0.2, allied_support=0.6)
    firm = simulate_many(replace(base, defender_belief=0.0), seeds)
    relaxed = simulate_many(replace(base, defender_belief=1.0), seeds)
    assert relaxed.n_with.max(axis=1).mean() > firm.n_with.max(axis=1).mean() + 3
    assert relaxed.outcome_counts()["hegemony"] > firm.outcome_counts()["hegemony"]


def test_wartime_coalitions_break_up_after_victory():
    """Balancing hypothesis 6: alliances formed in war disintegrate when the enemy is defeated."""
    world = World(n_states=50, steps=120, share_balancers=0.8, aggressor_belief=0.0)
    ens = simulate_many(world, range(40), record_states=True)
    defeated = np.flatnonzero(ens.defeated)
    assert len(defeated) >= 10
    for r in defeated:
        d = ens.defeat_step[r]
        assert ens.n_against[r, d - 1] > 0, "a coalition fought the war"
        assert ens.n_against[r, d] == 0 and ens.n_with[r, d] == 0 and ens.n_buckpass[r, d] == 0
        assert not ens.war[r, d:].any()
        # after the break-up the coalition stays far smaller than it was in war
        assert ens.n_against[r, d:].max() < ens.n_against[r, :d].max()


# --------------------------------------------------------------------------- determinism and validation


def test_same_seed_same_run_and_batches_do_not_matter():
    world = World(n_states=30, steps=60, share_balancers=0.5, n_aggressors=2)
    a, b = simulate(world, 7), simulate(world, 7)
    batch = simulate_many(world, [3, 7, 11], record_states=True).run(1)
    for name in ("bloc_power", "coalition_power", "n_with", "n_against", "status", "capability", "positions"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
        assert np.array_equal(getattr(a, name), getattr(batch, name)), name
    assert a.summary() == b.summary() == batch.summary()
    other = simulate(world, 8)
    assert not np.array_equal(a.status, other.status)


@pytest.mark.parametrize(
    "field, value, error, fragment",
    [
        ("n_states", 2, ValueError, "World.n_states must be in [3, 2000], got 2"),
        ("n_states", 10.0, TypeError, "World.n_states must be an int"),
        ("steps", 0, ValueError, "World.steps must be in [1, 5000]"),
        ("n_aggressors", 30, ValueError, "World.n_aggressors must be in [1, 20]"),
        ("share_balancers", 1.5, ValueError, "World.share_balancers must be in [0, 1], got 1.5"),
        ("share_balancers", float("nan"), ValueError, "World.share_balancers must be a number in [0, 1], got NaN"),
        ("share_balancers", "most", TypeError, "World.share_balancers must be a real number"),
        ("allied_support", -0.1, ValueError, "World.allied_support must be in [0, 1]"),
        ("aggressor_belief", 2, ValueError, "World.aggressor_belief must be in [0, 1]"),
        ("defender_belief", True, TypeError, "World.defender_belief must be a real number"),
        ("inertia", 1.0, ValueError, "World.inertia must be in [0, 1)"),
        ("aggressor_share", 0.0, ValueError, "World.aggressor_share must be in (0, 1)"),
        ("aggressor_share", 0.6, ValueError, "World.aggressor_share must be below World.hegemony_share"),
        ("reach", 0.0, ValueError, "World.reach must be in (0, 10)"),
        ("decisiveness", 25, ValueError, "World.decisiveness must be in [0, 20]"),
        ("restrained_posture", 0.99, ValueError, "World.restrained_posture must be at most World.belligerent_posture"),
        ("containment_steps", 0, ValueError, "World.containment_steps must be in [1, 1000]"),
        ("capability_spread", 4, ValueError, "World.capability_spread must be in [0, 3]"),
        ("weights", (1, 1, 1, 1), TypeError, "World.weights must be a ThreatWeights"),
        ("params", {}, TypeError, "World.params must be a ModelParameters"),
    ],
)
def test_invalid_parameters_are_rejected(field, value, error, fragment):
    with pytest.raises(error, match=re.escape(fragment)):
        World(**{"n_states": 40, **{field: value}})


@pytest.mark.parametrize("seed, error", [(-1, ValueError), (1.5, TypeError), ("0", TypeError), (True, TypeError)])
def test_invalid_seeds_are_rejected(seed, error):
    with pytest.raises(error, match="seed"):
        simulate(World(n_states=5, steps=2), seed)


def test_invalid_seed_lists_and_worlds_are_rejected():
    with pytest.raises(ValueError, match="seeds must not be empty"):
        simulate_many(World(n_states=5, steps=2), [])
    with pytest.raises(ValueError, match=r"a seed must be an int in \[0, 2\*\*63\)"):
        simulate_many(World(n_states=5, steps=2), [1, -3])
    with pytest.raises(TypeError, match="world must be a World"):
        simulate_many({"n_states": 5}, [1])
    with pytest.raises(TypeError, match="World has no field 'n_state'"):
        World.from_dict({"n_state": 5})


def test_world_round_trips_through_a_dict():
    world = World(n_states=12, aggressor_belief=0.3)
    assert World.from_dict(world.to_dict()) == world


def test_wilson_interval():
    low, high = wilson_interval(0, 10)
    assert low == 0.0 and 0.2 < high < 0.35
    low, high = wilson_interval(50, 100)
    assert low < 0.5 < high and abs((0.5 - low) - (high - 0.5)) < 1e-12
    with pytest.raises(ValueError):
        wilson_interval(5, 3)


# --------------------------------------------------------------------------- the cached sweeps


@pytest.mark.parametrize("name", sorted(SWEEPS))
def test_cache_is_small_and_matches_the_code_definition(name):
    path = sweep_path(name)
    assert path.is_file(), f"{path} missing: run python -m widgets.model.simulation --write"
    assert path.stat().st_size < 200_000
    data = json.loads(path.read_text())
    assert cache_mismatch(SWEEPS[name], data) is None, "the sweep's definition changed: regenerate the cache"
    assert load_sweep(name, compute_if_missing=False) == data


@pytest.mark.parametrize("name", sorted(SWEEPS))
def test_cache_matches_the_code_on_recomputed_cells(name):
    """Recompute three cells (first, middle, last) with the code: the stored counts must be exact."""
    sweep = SWEEPS[name]
    data = json.loads(sweep_path(name).read_text())
    cells = sweep.cells()
    for k in sorted({0, len(cells) // 2, len(cells) - 1}):
        assert sweep.compute_cell(cells[k]) == data["cells"][k], f"{name} cell {k} {cells[k]}"


def test_hegemony_table_and_stale_cache_detection(tmp_path, monkeypatch):
    small = Sweep("tiny", World(n_states=10, steps=20), (("share_balancers", (0.0, 1.0)),), runs=5)
    data = small.compute()
    rows = hegemony_table(data)
    assert [r["share_balancers"] for r in rows] == [0.0, 1.0]
    assert all(0 <= r["low"] <= r["p_hegemony"] <= r["high"] <= 1 for r in rows)
    changed = Sweep("tiny", World(n_states=11, steps=20), (("share_balancers", (0.0, 1.0)),), runs=5)
    assert cache_mismatch(changed, data) == "base differs"
    monkeypatch.setitem(SWEEPS, "tiny", changed)
    monkeypatch.setattr("widgets.model.simulation.sweeps.SWEEP_DIR", tmp_path)
    (tmp_path / "tiny.json").write_text(json.dumps(data))
    with pytest.raises(ValueError, match="python -m widgets.model.simulation --write"):
        load_sweep("tiny", compute_if_missing=False)
    assert load_sweep("tiny")["base"]["n_states"] == 11  # recomputed for the new definition
    assert main(["--check", "--only", "tiny"]) == 1
    assert main(["--write", "--only", "tiny"]) == 0 and main(["--check", "--only", "tiny"]) == 0


# --------------------------------------------------------------------------- figures and explorers


def test_model_module_imports_no_plotting_or_widgets():
    for module in sorted((ROOT / "widgets" / "model" / "simulation").glob("*.py")):
        assert not imported_modules(module) & {"plotly", "ipywidgets", "IPython", "pandas"}, module.name
    assert "ipywidgets" not in imported_modules(ROOT / "widgets" / "figures" / "simulation.py")




def test_animation_html_waits_for_the_reader():
    from widgets.explorers.simulation import animation_view

    view = animation_view(World(n_states=10, steps=20), 1)
    html = view.html()
    assert "Plotly.addFrames" in html and "Plotly.animate" not in html
    bundle = view._repr_mimebundle_()
    assert "Plotly.addFrames" in bundle["text/html"] and "Plotly.animate" not in bundle["text/html"]
    assert bundle["application/vnd.plotly.v1+json"]["frames"]






# --------------------------------------------------------------------------- the chapter


def test_chapter_shape():
    nb = json.loads(CHAPTER.read_text())
    md = [("".join(c["source"])) for c in nb["cells"] if c["cell_type"] == "markdown"]
    headings = [line for text in md for line in text.splitlines() if re.match(r"^#{1,6} ", line)]
    assert (
        sum(1 for h in headings if h.startswith("# ")) == 1
        and headings[0] == "# Balancing worlds and bandwagoning worlds"
    )
    levels = [len(h.split(" ")[0]) for h in headings]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), "heading levels skip"
    text = "\n".join(md)
    for section in (
        "## Learning objectives",
        "## Key terms",
        "## Exercises",
        "## Discussion questions",
        "## Further reading",
    ):
        assert section in text
    assert text.count("```{exercise}") == text.count("```{solution}") >= 3
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code[0]["metadata"].get("tags") == ["hide-input"]
    assert all(not c.get("outputs") for c in code)
