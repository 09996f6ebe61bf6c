"""Fixtures of the held-out test modules: every predictor's choices on every held-out file, computed once per
module (a module may define its own ``book``, which then takes precedence)."""

import pytest

from widgets.io.cases import load_cases
from widgets.model import evaluation_heldout as eh


@pytest.fixture(scope="module")
def runs():
    """Every held-out file with every predictor's choices on it, computed once per test module."""
    return eh.run_all(load_cases())


@pytest.fixture(scope="module")
def book(runs):
    cases = load_cases()
    files = {which: heldout for which, (heldout, _) in runs.items()}
    predictions = {which: p for which, (_, p) in runs.items()}
    return cases, files, predictions, eh.all_heldout_facts(cases, runs)
