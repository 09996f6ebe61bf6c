"""The order and the work units that make test's two workers share (tests/work_units.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from . import work_units


class FakeItem:
    def __init__(self, nodeid: str, fixtures=(), browser=False, params=None, share_by=None):
        self.nodeid = nodeid
        self.name = nodeid.split("::")[-1]
        self.fixturenames = list(fixtures)
        self._browser = browser
        self.module = SimpleNamespace(**({} if share_by is None else {"SHARE_WORK_BY": share_by}))
        if params is not None:
            self.callspec = SimpleNamespace(params=params)
        self.marks: list = []

    def get_closest_marker(self, name):
        return object() if name == "browser" and self._browser else None

    def add_marker(self, mark):
        self.marks.append(mark)


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
    ("item", "unit"),
    [
        (FakeItem("tests/io/test_a.py::test_x[1]", params={"name": "p"}), "tests/io/test_a.py"),
        (FakeItem("tests/site/test_b.py::test_axe[p-dark]", params={"name": "p", "theme": "dark"},
                  share_by=("name", "theme")), "tests/site/test_b.py::p-dark"),
        (FakeItem("tests/site/test_b.py::test_keys[p-dark]", params={"theme": "dark", "name": "p"},
                  share_by=("name", "theme")), "tests/site/test_b.py::p-dark"),
        (FakeItem("tests/site/test_b.py::test_other[x@y]", params={"q": "x@y"}, share_by=("name",)),
         "tests/site/test_b.py::test_other(x_y)"),
    ],
)
def test_work_units(item, unit):
    assert work_units.work_unit(item) == unit
    work_units.mark_units([item])
    assert item.marks[0].args == (unit,)
