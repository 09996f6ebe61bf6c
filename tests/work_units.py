"""How ``make test`` shares the tests between its two pytest-xdist workers.

``make test`` runs ``--dist loadscope --no-loadscope-reorder`` with the scheduler below: a worker
takes one *work unit* at a time, in collection order, and a unit runs whole on one worker. A
unit is, by default, a test file (a module or a notebook): its module fixtures (the JupyterLab
server, a parsed PDF), its caches and a notebook's kernel are made once. The browser modules in
``SHARED_MODULES`` share nothing but session fixtures, so their tests are split into one unit
per parameter id, or per page (the tests of one page stay together: a page that two tests read
is loaded once) and one unit per test without parameters; the two workers take
them as they come free, so neither ends the run long after the other. A page's axe audit
(test_accessibility.py) and test_site.py's checks of the same page are one unit: the audit's
first visit serves both.

Order (``order``, applied to each worker's collection): the book is built once for both workers
while they run every file that needs no built site (the browser and build files first: live
JupyterLab, chapters run alone; then the unit tests and the notebooks), then the site's tests;
the tests that read the PDFs go last because the print edition is made after the pages. A file
counts as needing the site when any of its tests does, so no worker waits in a site test's setup
while work that needs no site is queued.

pytest-xdist's own ``--dist loadgroup`` would need ``xdist_group`` marks, which pytest-xdist 3.8
turns into node ids that pytest 9.2 no longer reads, so the units are named here, from node ids.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import pytest


def _same(param_id: str) -> str:
    return param_id


def _page_of(param_id: str) -> str:
    """'chapters/01_x-dark' -> 'chapters/01_x': one page in every theme."""
    return param_id.rsplit("-", 1)[0]


# module -> (the part of a test's parameter id that names its unit, the units' namespace). A page's
# axe audit and test_site.py's checks of the same page share the namespace "pages", so they are one
# unit and share its first visit; every other module's units are its own.
SHARED_MODULES: dict[str, tuple[Callable[[str], str], str]] = {
    "tests/site/test_accessibility.py": (_page_of, "pages"),  # one load of a page serves both themes and tests
    "tests/site/test_class_results.py": (_same, "tests/site/test_class_results.py"),
    "tests/site/test_embed.py": (_same, "tests/site/test_embed.py"),
    "tests/site/test_reader_experience.py": (_same, "tests/site/test_reader_experience.py"),
    # one unit per (chapter, viewport): measured once for both tests
    "tests/site/test_responsive.py": (_same, "tests/site/test_responsive.py"),
    "tests/site/test_site.py": (_same, "pages"),  # one unit per page: four tests read one visit (the audit's)
    "tests/site/test_site_features.py": (_same, "tests/site/test_site_features.py"),
}


def unit_of(nodeid: str) -> str:
    """The work unit of the test ``nodeid`` (see the module docstring)."""
    module, _, rest = nodeid.partition("::")
    if module not in SHARED_MODULES:
        return module
    name, bracket, params = rest.partition("[")
    if not bracket:
        return f"{module}::{name}"
    key, namespace = SHARED_MODULES[module]
    return f"{namespace}::[{key(params[:-1])}]"


def needs_site(item: pytest.Item) -> bool:
    return "site" in getattr(item, "fixturenames", ())


def _needs_print(item: pytest.Item) -> bool:
    return "printed_site" in getattr(item, "fixturenames", ())


def _slow(item: pytest.Item) -> bool:
    return item.get_closest_marker("browser") is not None or item.get_closest_marker("build") is not None


def _file(item: pytest.Item) -> str:
    return item.nodeid.split("::", 1)[0]


def order(items: list[pytest.Item]) -> None:
    """Sort ``items`` in place into the order described above (stable within each group)."""
    by_file: dict[str, list[pytest.Item]] = defaultdict(list)
    for item in items:
        by_file[_file(item)].append(item)
    site = {f: any(map(needs_site, group)) for f, group in by_file.items()}
    slow = {f: any(map(_slow, group)) for f, group in by_file.items()}
    items.sort(key=lambda item: (site[_file(item)], not slow[_file(item)], _needs_print(item)))


def scheduler_class() -> type:
    """pytest-xdist's loadscope scheduler, with ``unit_of`` for its scopes."""
    from xdist.scheduler import LoadScopeScheduling

    class WorkUnitScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return unit_of(nodeid)

    return WorkUnitScheduling


def make_scheduler(config: pytest.Config, log: Any) -> Any:
    return scheduler_class()(config, log)
