"""The explorers of Schweller's model (widgets/explorers/interests.py)."""

from __future__ import annotations

from dataclasses import replace

from widgets.model.interests import (
    Scenario,
    compare,
)

from ..model.test_interests import payload_of


def test_the_walt_schweller_explorer_is_live_and_static():
    from widgets.explorers.interests import walt_schweller_explorer
    from widgets.figures.interests import comparison_spec

    start = Scenario(0.5, 0.75, 0.5, 0.75, 0.0)
    explorer = walt_schweller_explorer(start, vary=("threat", "war", "victory"), levels=3, explorer_id="ws-test")
    assert (
        "Jackal" in explorer.figure["layout"]["title"]["text"] or "jackal" in explorer.figure["layout"]["title"]["text"]
    )
    explorer.set(threat=1.0)
    assert explorer.figure == comparison_spec(compare(replace(start, threat=1.0)))
    html = explorer.static_html()
    payload = payload_of(html)
    assert payload["strides"] == [6, 3, 1] and len(payload["index"]) == 18
    assert "Held fixed: value of the status quo 0.50, value of revision 0.75, own capability 0.50" in html
