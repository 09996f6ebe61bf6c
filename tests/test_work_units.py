"""The order and the work units that make test's two workers share (tests/work_units.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import work_units


class FakeItem:
    def __init__(self, nodeid: str, fixtures=(), browser=False):
        self.nodeid = nodeid
        self.name = nodeid.split("::")[-1]
        self.fixturenames = list(fixtures)
        self._browser = browser

    def get_closest_marker(self, name):
        return object() if name == "browser" and self._browser else None



def test_a_module_with_one_site_test_waits_with_the_site_and_slow_modules_go_first():
    items = [
        FakeItem("tests/site/test_embed.py::test_names"),  # needs no site, but its module does
        FakeItem("tests/site/test_embed.py::test_page", ["site"], browser=True),
        FakeItem("tests/model/test_model.py::test_fast"),
        FakeItem("tests/site/test_links.py::test_links", ["site", "printed_site"]),
        FakeItem("tests/site/test_live.py::test_lab", browser=True),
        FakeItem("tests/site/test_site.py::test_page", ["site"], browser=True),
    ]
    work_units.order(items)
    assert [i.nodeid for i in items] == [
        "tests/site/test_live.py::test_lab",
        "tests/model/test_model.py::test_fast",
        "tests/site/test_embed.py::test_names",
        "tests/site/test_embed.py::test_page",
        "tests/site/test_site.py::test_page",
        "tests/site/test_links.py::test_links",
    ]


@pytest.mark.parametrize(
    ("nodeid", "unit"),
    [
        ("tests/io/test_a.py::test_x[1]", "tests/io/test_a.py"),
        ("chapters/01_balance_of_threat.ipynb::Cell 3", "chapters/01_balance_of_threat.ipynb"),
        ("tests/site/test_accessibility.py::test_axe_finds_no_serious_violations[chapters/01_x-dark]",
         "pages::[chapters/01_x]"),
        ("tests/site/test_accessibility.py::test_explorer_buttons_reachable_by_tab_with_visible_focus[chapters/01_x-light]",
         "pages::[chapters/01_x]"),
        ("tests/site/test_site.py::test_figures_are_drawn[embed/ch2-usa-1917]",
         "pages::[embed/ch2-usa-1917]"),
        ("tests/site/test_site_features.py::test_quiz_checks_answers_without_a_kernel",
         "tests/site/test_site_features.py::test_quiz_checks_answers_without_a_kernel"),
    ],
)
def test_work_units(nodeid, unit):
    assert work_units.unit_of(nodeid) == unit


def test_every_shared_module_exists():
    root = Path(__file__).resolve().parents[1]
    missing = [m for m in work_units.SHARED_MODULES if not (root / m).is_file()]
    assert not missing, f"tests/work_units.py shares modules that are not there (renamed?): {missing}"


def test_the_scheduler_splits_by_unit():
    pytest.importorskip("xdist")
    split = work_units.scheduler_class()._split_scope
    assert split(None, "tests/site/test_site.py::test_figures_are_drawn[intro]") == (
        "pages::[intro]")
