"""Figures of Walt's model (widgets/figures/walt.py)."""

from __future__ import annotations


def test_every_grid_field_has_an_axis_title():
    from widgets.figures.walt import FIELD_TITLES
    from widgets.model.conditions import GRID_FIELDS

    assert set(GRID_FIELDS) <= set(FIELD_TITLES)
