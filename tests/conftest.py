"""Settings shared by every test (the browser tests' fixtures are in tests/site/conftest.py)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from . import work_units
from .site.browser_support import BackgroundBuild, BuildInAnotherProcess

# The test machine has 2 cores and is often shared: time limits measure the machine, not the
# model, so no per-example deadline and no "data generation too slow" failure. Example counts
# and every assertion are unchanged.
settings.register_profile("shared-machine", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("shared-machine")

# Every kernel this run starts (nbval's, the book build's, the standalone chapters', JupyterLab's)
# talks over Unix sockets in a directory of its own: TCP kernels started at once by the workers and
# the build could be handed the same port, and one of them then fails to start (tools/test_kernels).
KERNEL_PROVISIONER = "alliances-ipc-provisioner"


def pytest_configure(config: pytest.Config) -> None:
    from importlib.metadata import entry_points

    if not entry_points(group="jupyter_client.kernel_provisioners", name=KERNEL_PROVISIONER):
        raise pytest.UsageError(
            f"the kernel provisioner {KERNEL_PROVISIONER!r} is not installed: run `make setup` "
            "(it installs tools/test_kernels into the venv)"
        )
    # read by jupyter_client in this process and inherited by the build and JupyterLab
    os.environ["JUPYTER_DEFAULT_PROVISIONER_NAME"] = KERNEL_PROVISIONER


@pytest.hookimpl(trylast=True)  # after -m and -k have deselected: `make test-fast` (no site tests) builds nothing
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    """Build the book once, early: start the build as soon as the tests are collected, and run
    the tests that need the built site last, so the build overlaps everything else
    (tests/site/conftest.py's ``site`` fixture waits for it). tests/work_units.py says how the
    tests are ordered and shared between the workers."""
    work_units.order(items)
    wanted = any(map(work_units.needs_site, items))
    if wanted and not os.environ.get("ALLIANCES_SITE") and not config.option.collectonly:
        config._alliances_build = _start_or_join_build(config)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """make test's workers share the tests in the work units of tests/work_units.py."""
    return work_units.make_scheduler(config, log) if config.getvalue("dist") == "loadscope" else None


def _start_or_join_build(config: pytest.Config) -> BackgroundBuild | BuildInAnotherProcess:
    factory = getattr(config, "_tmp_path_factory", None)
    if factory is not None and hasattr(config, "workerinput"):
        # a pytest-xdist worker: the workers' temp folders share a parent, and the first worker
        # to get here builds the book there for all of them (one build per session, as without xdist)
        shared = factory.getbasetemp().parent / "book"
        try:
            shared.mkdir()
        except FileExistsError:
            return BuildInAnotherProcess(shared)
        build = BackgroundBuild(shared)
        config.add_cleanup(build.finish)  # never kill it: another worker may be waiting for it
        return build
    path = factory.mktemp("book") if factory else Path(tempfile.mkdtemp(prefix="alliances-book-"))
    build = BackgroundBuild(path)
    config.add_cleanup(build.stop)
    return build


@pytest.fixture(scope="session")
def cases():
    """The book's coded cases (data/cases.csv), read once per test process."""
    from widgets.io.cases import load_cases

    return load_cases()


@pytest.fixture(scope="session")
def sweep(cases):
    """Chapter 8's sweep of the threat weights over the cases, computed once per test process."""
    from widgets.model import evaluation as ev

    return ev.sweep_weights(cases)
