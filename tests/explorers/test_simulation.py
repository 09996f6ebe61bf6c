"""The simulation's explorers (widgets/explorers/simulation.py)."""

from __future__ import annotations

from widgets.model.simulation import (
    World,
)


def test_world_explorer_static_twin_has_every_combination():
    from widgets.display.static_explorer import build_payload
    from widgets.explorers.simulation import world_explorer

    explorer = world_explorer(World(n_states=12, steps=30), runs=4, explorer_id="t-world")
    payload = build_payload(explorer.controls, explorer.initial_indices, explorer.compute)
    assert len(payload["index"]) == 6 * 6 * 3
    explorer.set(share_balancers=0.0, aggressor_belief=0.0)
    assert "Hegemony in" in explorer.figure["layout"]["title"]["text"]
