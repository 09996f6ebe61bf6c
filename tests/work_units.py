"""How ``make test`` shares the tests between its two pytest-xdist workers.

``make test`` runs ``--dist loadgroup --no-loadscope-reorder``: a worker takes one *work unit*
at a time, in the order below, and a unit runs whole on one worker. A unit is, by default, a
test module: its module fixtures (the JupyterLab server, a parsed PDF) and its caches are made
once. A browser module whose tests share nothing but session fixtures says so with
``SHARE_WORK_BY``, a tuple of parameter names: its tests are then split into one unit per value
of those parameters (the tests that load the same page stay together, so a page is loaded once)
and one unit per other test, which the two workers take as they come free.

Order: the book is built once for both workers while they run every test that needs no built
site (the longest modules first: live JupyterLab, chapters run alone, then the unit tests and the
notebooks), then the site's tests; the tests that read the PDFs go last because the print edition
is made after the pages. A module counts as needing the site when any of its tests does, so no
worker sits in a site test's setup while work that needs no site is waiting.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pytest


def _module(item: pytest.Item) -> str:
    return item.nodeid.split("::", 1)[0]


def needs_site(item: pytest.Item) -> bool:
    return "site" in getattr(item, "fixturenames", ())


def _needs_print(item: pytest.Item) -> bool:
    return "printed_site" in getattr(item, "fixturenames", ())


def _slow(item: pytest.Item) -> bool:
    return item.get_closest_marker("browser") is not None or item.get_closest_marker("build") is not None


def work_unit(item: pytest.Item) -> str:
    """The name of the unit ``item`` runs in (see the module docstring)."""
    module = _module(item)
    share_by = getattr(getattr(item, "module", None), "SHARE_WORK_BY", None)
    if share_by is None:
        return module
    params = getattr(getattr(item, "callspec", None), "params", {})
    values = [str(params[name]) for name in share_by if name in params]
    unit = f"{module}::{'-'.join(values) if values else item.name}"
    # xdist reads the group after the last "@" of the node id unless a "]" follows it
    return unit.translate(str.maketrans("[]@", "()_"))


def order(items: list[pytest.Item]) -> None:
    """Sort ``items`` in place into the order described above (stable within each group)."""
    by_module: dict[str, list[pytest.Item]] = defaultdict(list)
    for item in items:
        by_module[_module(item)].append(item)
    site = {m: any(map(needs_site, group)) for m, group in by_module.items()}
    slow = {m: any(map(_slow, group)) for m, group in by_module.items()}
    items.sort(key=lambda item: (site[_module(item)], not slow[_module(item)], _needs_print(item)))


def mark_units(items: Iterable[pytest.Item]) -> None:
    """Give every item an ``xdist_group`` mark naming its unit (read by ``--dist loadgroup``)."""
    for item in items:
        item.add_marker(pytest.mark.xdist_group(work_unit(item)))
