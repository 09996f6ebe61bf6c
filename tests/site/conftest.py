"""Fixtures shared by the browser tests: the built site, a local server, one Chromium."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from .browser_support import (
    BackgroundBuild,
    PageRecorder,
    StaticServer,
    chromium_available,
    close_shared_browser,
    shared_browser,
)


@dataclass
class Site:
    html_dir: Path
    build_log: str | None  # None when ALLIANCES_SITE gave a prebuilt site
    returncode: int | None = None
    build: object | None = None  # the session's build, still printing the PDFs (see printed_site)


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _log_excerpt(log: str, tail: int = 25) -> str:
    flagged = [line for line in log.splitlines() if re.search(r"WARNING|ERROR|Error|Traceback", line)]
    return "\n".join(["lines with WARNING/ERROR:", *flagged[:40], f"... last {tail} lines:", *log.splitlines()[-tail:]])


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Site:
    given = os.environ.get("ALLIANCES_SITE")
    if given:
        html_dir = Path(given)
        assert (html_dir / "index.html").is_file(), f"ALLIANCES_SITE={given} is not a built html dir (no index.html)"
        return Site(html_dir, None)
    # started at collection by tests/conftest.py, so it has been running beside the other tests
    build = getattr(request.config, "_alliances_build", None) or BackgroundBuild(tmp_path_factory.mktemp("book"))
    result = build.pages_result()  # the pages; the PDFs may still be printing (printed_site waits for them)
    log = ANSI.sub("", result.log)
    # rc and warnings are test_book_builds_without_warnings' job; the pages are checked whenever
    # the build wrote them (--keep-going writes them even when -W turns a warning into rc 1)
    if not (result.html_dir / "index.html").is_file():
        pytest.fail(f"jupyter-book build wrote no site (rc {result.returncode}):\n{_log_excerpt(log)}")
    return Site(result.html_dir, log, result.returncode, build)


@pytest.fixture(scope="session")
def printed_site(site: Site) -> Site:
    """The site once tools/print_book.py has also printed its PDFs into ``pdf/`` (make book's
    second step; rc 3 from the build means the printing failed)."""
    if site.build is None:
        return site
    result = site.build.result()
    if result.returncode == 3:
        pytest.fail(f"tools/print_book.py failed:\n{_log_excerpt(ANSI.sub('', result.log))}")
    return site


@pytest.fixture(scope="session")
def server(site: Site):
    with StaticServer(site.html_dir) as srv:
        yield srv


@pytest.fixture(scope="session")
def browser(request: pytest.FixtureRequest):
    """The session's one Chromium (shared with test_live_jupyterlab.py)."""
    if not chromium_available():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    request.config.add_cleanup(close_shared_browser)
    return shared_browser()


@pytest.fixture()
def new_page(browser):
    """A page in a fresh context (empty storage and cache: a first visit) with a recorder."""
    contexts = []

    def make(**options):
        context = browser.new_context(
            **{"viewport": {"width": 1280, "height": 900}, "accept_downloads": True, **options}
        )
        contexts.append(context)
        page = context.new_page()
        recorder = PageRecorder().attach(page)
        return page, recorder

    yield make
    for context in contexts:
        context.close()
