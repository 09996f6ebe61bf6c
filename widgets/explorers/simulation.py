"""Display for the simulation chapter: the animated run and the world explorer.

- :func:`animation_view` shows :func:`simulation_figures.run_animation_spec` so that the
  static HTML book does *not* start the animation on page load (the reader presses Play
  or drags the step slider; both are Plotly's own and need no kernel).
- :func:`world_explorer` is an :class:`widgets.explorers.Explorer` over the world's mix,
  the aggressor's belief and allied support: live in Jupyter, a static twin in the book.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import plotly.io as pio

from ..display.controls import Control
from ..display.render import PLOT_CONFIG, description_of, figure_bundle, plain_json
from ..figures.simulation import run_animation_spec, world_spec
from ..model.simulation import World, simulate, simulate_worlds
from .base import Explorer

EXPLORER_WORLD = World(n_states=40, steps=80)
EXPLORER_RUNS = 20


class AnimationView:
    """Display an animated figure: the live Plotly view in Jupyter, and in HTML a figure
    that waits for the reader's Play (Plotly's default HTML export would start it at once).
    In the book, static/animation.js (loaded on pages with class "alliances-animation")
    keeps an interrupted animation from logging a console error."""

    def __init__(self, spec: dict) -> None:
        if not isinstance(spec, dict) or "frames" not in spec:
            raise TypeError("AnimationView needs a figure dict with frames (see run_animation_spec)")
        self.spec = spec

    def html(self) -> str:
        fig = plain_json(self.spec)
        div = pio.to_html(fig, include_plotlyjs=False, include_mathjax=False, full_html=False, config=PLOT_CONFIG,
                          validate=False, auto_play=False)
        text = description_of(fig)
        caption = f'<figcaption class="alliances-figure-text">{html.escape(text)}</figcaption>' if text else ""
        return f'<figure class="alliances-figure alliances-animation">{div}{caption}</figure>'

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        bundle = figure_bundle(self.spec)
        bundle["text/html"] = self.html()
        return bundle


def animation_view(world: World, seed: int, *, max_frames: int = 80, title: str | None = None) -> AnimationView:
    """Simulate ``world`` with ``seed`` and show the run as an animation."""
    return AnimationView(run_animation_spec(simulate(world, seed), title=title, max_frames=max_frames))


def world_explorer(
    base: World = EXPLORER_WORLD,
    *,
    runs: int = EXPLORER_RUNS,
    title: str = "Balancing world or bandwagoning world?",
    explorer_id: str | None = None,
) -> Explorer:
    """Sliders for the share of balancers, the aggressor's belief about that share and the
    availability of allied support; the figure shows ``runs`` seeded runs of the world
    (seeds 0 .. runs - 1), the first one highlighted, and how often each outcome occurred."""
    if not isinstance(base, World):
        raise TypeError(f"base must be a World, got {type(base).__name__}")
    levels = tuple(round(0.2 * i, 1) for i in range(6))
    # ends in the engine's terms: the aggressor's belief sets its posture (0.95 at belief 0, 0.25
    # at belief 1, the defaults); allied support falls after the aggressor's defeat
    controls = (
        Control("share_balancers", "Share of balancers in the world", levels,
                ("every state bandwagons", "every state balances")),
        Control("aggressor_belief", "Share of balancers the aggressor believes in", levels,
                ("it believes all bandwagon: it shows strength", "it believes all balance: it shows restraint")),
        Control("allied_support", "Availability of allied support", (0.0, 0.5, 1.0),
                ("no help available", "help certain until the aggressor is defeated")),
    )

    table: dict[tuple[float, float, float], Any] = {}

    def ensemble(share: float, belief: float, support: float):
        # the first call runs every combination of the grid at once (simulate_worlds batches them)
        if not table:
            keys = list(itertools.product(*(c.values for c in controls)))
            worlds = [replace(base, share_balancers=a, aggressor_belief=b, allied_support=c) for a, b, c in keys]
            table.update(zip(keys, simulate_worlds(worlds, range(runs)), strict=True))
        return table[(share, belief, support)]

    def compute(values: Mapping[str, Any]) -> dict:
        ens = ensemble(values["share_balancers"], values["aggressor_belief"], values["allied_support"])
        return world_spec(ens)

    start = {"share_balancers": 0.8, "aggressor_belief": 0.8, "allied_support": 0.5}
    fixed = (
        f"Held fixed: {base.n_states} states, {base.steps} steps, the aggressor starts with "
        f"{round(100 * base.aggressor_share)}% of all capability; {runs} seeded runs per setting."
    )
    return Explorer(title, controls, start, compute, fixed, explorer_id)
