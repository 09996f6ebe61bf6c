"""Figures of the simulation (widgets/figures/simulation.py)."""

from __future__ import annotations

import json

import pytest

from widgets.model.simulation import (
    SWEEPS,
    World,
    simulate,
)


def test_animation_has_frames_slider_and_play_button():
    from widgets.figures.simulation import run_animation_spec

    run = simulate(World(n_states=20, steps=150), 3)
    spec = run_animation_spec(run, max_frames=40)
    frames = spec["frames"]
    assert 2 <= len(frames) <= 40 and frames[0]["name"] == "0" and frames[-1]["name"] == "150"
    steps = spec["layout"]["sliders"][0]["steps"]
    assert [s["args"][0][0] for s in steps] == [f["name"] for f in frames]
    labels = [b["label"] for b in spec["layout"]["updatemenus"][0]["buttons"]]
    assert labels == ["Play", "Pause"]
    # every frame updates the same three traces: the map and the two lines
    animated = frames[0]["traces"]
    assert len(animated) == 3 and all(f["traces"] == animated and len(f["data"]) == 3 for f in frames)
    assert spec["data"][animated[1]]["name"] == "Aggressor's bloc"
    final = frames[-1]["data"][0]
    assert final["marker"]["color"] == run.status[-1].tolist()
    assert len(final["text"]) == run.world.n_states
    assert "Outcome:" in spec["layout"]["meta"]["description"]
    json.dumps(spec)  # plain JSON, no NumPy left
    with pytest.raises(ValueError, match="record_states=True"):
        run_animation_spec(simulate(World(n_states=5, steps=3), 0, record_states=False))


def test_monte_carlo_figures_from_the_cache():
    from widgets.figures.simulation import hegemony_figure, misperception_figure

    fig = hegemony_figure()
    assert len(fig["data"]) == 2 * len(SWEEPS["hegemony"].axes[0][1])
    assert "95% Wilson intervals" in fig["layout"]["meta"]["description"]
    mis = misperception_figure()
    assert {t["name"] for t in mis["data"]} == {"hegemony", "aggressor defeated"}
