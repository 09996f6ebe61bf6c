"""Settings shared by every test (the browser tests' fixtures are in tests/site/conftest.py)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from .site.browser_support import BackgroundBuild

# The test machine has 2 cores and is often shared: time limits measure the machine, not the
# model, so no per-example deadline and no "data generation too slow" failure. Example counts
# and every assertion are unchanged.
settings.register_profile("shared-machine", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("shared-machine")


def _needs_site(item: pytest.Item) -> bool:
    return "site" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """Build the book once, early: start the build as soon as the tests are collected, and run
    the tests that need the built site last, so the build overlaps everything else
    (tests/site/conftest.py's ``site`` fixture waits for it)."""
    items.sort(key=_needs_site)  # stable: the order within each group is kept
    if any(map(_needs_site, items)) and not os.environ.get("ALLIANCES_SITE") and not config.option.collectonly:
        factory = getattr(config, "_tmp_path_factory", None)
        path = factory.mktemp("book") if factory else Path(tempfile.mkdtemp(prefix="alliances-book-"))
        config._alliances_build = BackgroundBuild(path)
        config.add_cleanup(config._alliances_build.stop)
