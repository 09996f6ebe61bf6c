"""Settings shared by every test (the browser tests' fixtures are in tests/site/conftest.py)."""

from __future__ import annotations

from hypothesis import HealthCheck, settings

# The test machine has 2 cores and is often shared: time limits measure the machine, not the
# model, so no per-example deadline and no "data generation too slow" failure. Example counts
# and every assertion are unchanged.
settings.register_profile("shared-machine", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("shared-machine")
