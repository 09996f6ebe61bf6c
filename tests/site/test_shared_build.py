"""One book build per test session, also with pytest-xdist: the worker that starts the build
leaves its return code in a file, and the other workers read the build from there."""

from __future__ import annotations

import sys
import time

import pytest

from . import browser_support
from .browser_support import BackgroundBuild, BuildInAnotherProcess


def test_another_process_reads_the_build_its_starter_left(tmp_path, monkeypatch):
    program = "import time; print('pages written', flush=True); time.sleep(2); raise SystemExit(3)"
    monkeypatch.setattr(browser_support, "book_build_command", lambda path_output: [sys.executable, "-c", program])
    started = BackgroundBuild(tmp_path)
    joined = BuildInAnotherProcess(tmp_path, timeout=60)
    assert not (tmp_path / "returncode").exists(), "the return code file appeared before the build ended"
    mine, theirs = started.result(), joined.result()
    started.finish()
    assert mine.returncode == theirs.returncode == 3
    assert "pages written" in mine.log and "pages written" in theirs.log
    assert mine.html_dir == theirs.html_dir == tmp_path / "_build" / "html"


def test_waiting_for_a_build_that_never_ends_times_out(tmp_path):
    began = time.perf_counter()
    with pytest.raises(TimeoutError, match="did not finish within"):
        BuildInAnotherProcess(tmp_path, timeout=1).result()
    assert time.perf_counter() - began < 10
