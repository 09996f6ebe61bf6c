"""The simulation numbers typed in chapter 7 (the bandwagoning-world run, the explorer's "Try this", the
two Monte Carlo figures from the stored sweeps, exercise 7.3), recomputed: the text must change if the
model or the sweeps do."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from widgets.explorers.simulation import EXPLORER_RUNS, EXPLORER_WORLD
from widgets.model.reasons import percent
from widgets.model.simulation import World, load_sweep, simulate, simulate_worlds

CHAPTER = Path(__file__).resolve().parents[2] / "chapters" / "07_worlds.ipynb"


@pytest.fixture(scope="module")
def text() -> str:
    cells = json.loads(CHAPTER.read_text(encoding="utf-8"))["cells"]
    return " ".join("".join("".join(c["source"]) for c in cells).split())


def _cell(name: str, **key) -> dict:
    (cell,) = [c for c in load_sweep(name, compute_if_missing=False)["cells"]
               if all(c[k] == v for k, v in key.items())]
    return cell


def test_the_bandwagoning_world_run(text):
    s = simulate(World(n_states=40, steps=80, share_balancers=0.2), seed=1).summary()
    assert (f"becomes hegemonic at step {s['hegemony_step']}. Up to {s['max_with']} states bandwagon with it, while "
            f"the coalition never counts more than five members") in text and s["max_against"] == 5
    assert f"by the end {s['final_conquered']} states have been absorbed" in text


def test_the_explorer(text):
    settings = {"start": (0.8, 0.8, 0.5), "belligerent": (0.8, 0.0, 0.5), "belligerent, certain help": (0.8, 0.0, 1.0)}
    worlds = [replace(EXPLORER_WORLD, share_balancers=a, aggressor_belief=b, allied_support=c)
              for a, b, c in settings.values()]
    runs = dict(zip(settings, simulate_worlds(worlds, range(EXPLORER_RUNS)), strict=True))
    against = {k: f"{e.n_against.max(axis=1).mean():.1f}" for k, e in runs.items()}
    start, belligerent, helped = runs["start"], runs["belligerent"], runs["belligerent, certain help"]
    assert start.outcome_counts()["contained"] == EXPLORER_RUNS
    assert (f"On average at most {start.n_with.max(axis=1).mean():.1f} states bandwagon and {against['start']} "
            "balance") in text
    assert belligerent.outcome_counts()["hegemony"] == 5 and int(belligerent.defeated.sum()) == 13
    assert f"larger ({against['belligerent']} states on average, against {against['start']})" in text
    # exercise 7.3
    assert helped.outcome_counts()["hegemony"] == 5 and int(helped.defeated.sum()) == 11
    assert (f"at most {against['belligerent, certain help']} states balance at support 1.00, against "
            f"{against['belligerent']} at 0.50, and the aggressor is defeated in 11 runs rather than 13 (it wins "
            "in 5 of 20 either way)") in text


def test_the_hegemony_figure(text):
    def p(support, share):
        cell = _cell("hegemony", allied_support=support, share_balancers=share)
        return percent(cell["hegemony"] / cell["runs"])

    assert (f"in {p(0.5, 0.5)} of runs at 50%, in {p(0.5, 0.6)} at 60% (95% interval 49% to 61%), in "
            f"{p(0.5, 0.7)} at 70% and in {p(0.5, 0.8)} at 80%") in text
    assert f"(hegemony in {p(0.8, 0.6)} of runs at 60% balancers)" in text
    assert f"wins in {p(0.9, 0.2)} of runs at support 0.9 and in just {p(1.0, 0.2)} at support 1.0" in text


def test_the_misperception_figure(text):
    default = _cell("misperception", share_balancers=0.8, aggressor_belief=None, defender_belief=None)
    wrong = _cell("misperception", share_balancers=0.8, aggressor_belief=0.0, defender_belief=None)
    firm = _cell("misperception", share_balancers=0.8, aggressor_belief=None, defender_belief=0.0)
    assert default["defeated"] == 0 and percent(default["hegemony"] / 300) == "2%"
    assert (f"defeated in {percent(wrong['defeated'] / 300)} of runs (a median of {wrong['median_defeat_step']:.0f} "
            f"steps after the start), facing coalitions that reach {wrong['mean_peak_against']:.1f} states on "
            f"average instead of {default['mean_peak_against']:.1f}") in text
    assert f"It becomes hegemonic in {percent(wrong['hegemony'] / 300)} of runs rather than 2%" in text
    assert firm["hegemony"] == 0
    assert (f"The coalition shrinks from {default['mean_peak_against']:.1f} to {firm['mean_peak_against']:.1f} "
            "states") in text
    bandwagoning = _cell("misperception", share_balancers=0.2, aggressor_belief=None, defender_belief=None)
    committed = _cell("misperception", share_balancers=0.2, aggressor_belief=None, defender_belief=0.0)
    restrained = _cell("misperception", share_balancers=0.2, aggressor_belief=1.0, defender_belief=None)
    assert (f"a median of {restrained['median_hegemony_step']:.0f} steps to hegemony instead of "
            f"{bandwagoning['median_hegemony_step']:.0f}") in text
    median, default_median = committed["median_hegemony_step"], bandwagoning["median_hegemony_step"]
    assert (f"certain to {percent(committed['hegemony'] / 300)} of runs and takes a median of "
            f"{median:g} steps instead of {default_median:.0f}") in text
