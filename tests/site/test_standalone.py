"""A chapter downloaded on its own runs in a fresh environment.

A reader who downloads one chapter's notebook (the book's download button) gets a single
.ipynb file. Its first cell finds the book's ``widgets`` package or installs it; the package
carries the book's data (case files, cached sweeps, references), so nothing else is needed.

This test makes such an environment: a new virtual environment in which the book's
dependencies are importable but ``widgets`` is not installed, a notebook copied alone into an
empty folder (no repository, no ``data/`` above it), and the install source pointed at a
wheel built from this checkout instead of the repository URL (no network). It then runs the
notebook and checks that the package and its data came from the fresh install.
"""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import sys
import sysconfig
import time
import warnings
from datetime import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALL_SPEC = "alliances-widgets @ git+https://github.com/alliances-book/alliances@main"
NOTEBOOKS = sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))
# Every chapter runs alone (5-25 s each): the first installs the package from the wheel, the
# others find it installed; between them they read every installed data file (case files,
# Europe tables, cached sweeps) and format citations from the installed references.bib.
RUN_ALONE = [p.stem for p in NOTEBOOKS]


def setup_cell(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return "".join(next(c for c in nb["cells"] if c["cell_type"] == "code")["source"])


def test_every_chapter_starts_with_the_same_setup_cell():
    cells = {p.name: setup_cell(p) for p in NOTEBOOKS}
    first = cells[NOTEBOOKS[0].name]
    assert f'%pip install --quiet "{INSTALL_SPEC}"' in first
    head = first.split("\n\n")[0]
    different = [name for name, cell in cells.items() if not cell.startswith(head)]
    assert not different, f"these chapters' first cell differs from chapter 1's setup: {different}"


def test_install_source_is_the_books_repository():
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    url, branch = config["repository"]["url"], config["repository"].get("branch", "main")
    assert INSTALL_SPEC == f"alliances-widgets @ git+{url}@{branch}", (
        "the chapters' setup cell installs from another repository than _config.yml's repository.url: "
        "change both together")


@pytest.fixture(scope="module")
def fresh_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("standalone")
    # 1. a wheel of this checkout, built from a copy (so no build/ folder appears in the repo)
    source = tmp / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".venv", "_build", ".git", ".cache", "build", "*.egg-info", ".hypothesis", "node_modules", "__pycache__"
        ),
    )
    wheels = tmp / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheels),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(wheels.glob("alliances_widgets-*.whl"))
    # 2. a new environment without widgets, whose other packages come from this one
    env = tmp / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True, timeout=120)
    python = env / "bin" / "python"
    target = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    farm = tmp / "deps"
    farm.mkdir()
    ours = Path(sysconfig.get_paths()["purelib"])
    for entry in ours.iterdir():  # everything but this package and the .pth hooks of its editable install
        if "alliances" in entry.name.lower() or entry.suffix == ".pth" or entry.name == "widgets":
            continue
        (farm / entry.name).symlink_to(entry)
    (target / "book-dependencies.pth").write_text(f"{farm}\n")
    # 3. a kernel that runs in it
    kernels = tmp / "jupyter" / "kernels" / "fresh"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "fresh environment",
                "language": "python",
            }
        )
    )
    check = subprocess.run([str(python), "-c", "import widgets"], capture_output=True, text=True, cwd=tmp)
    assert check.returncode != 0, "the fresh environment already finds widgets: the test would prove nothing"
    return {"tmp": tmp, "wheel": wheel, "env": env, "site": target, "jupyter": tmp / "jupyter"}


SLOW_CHAPTER_S = 60  # each chapter runs alone in 5-35 s here; past this, the log says where the time went


def _phase_recorder(client) -> list[tuple[str, float]]:
    """Client-side times of nbclient's steps (kernel ready, each cell sent and answered, all
    done), recorded through its hooks: where a stall falls when the kernel's own stamps say little."""
    marks: list[tuple[str, float]] = []
    client.on_notebook_start = lambda **_: marks.append(("kernel ready", time.perf_counter()))
    client.on_cell_execute = lambda cell_index, **_: marks.append((f"cell {cell_index} sent", time.perf_counter()))
    client.on_cell_executed = lambda cell_index, **_: marks.append((f"cell {cell_index} answered", time.perf_counter()))
    client.on_notebook_complete = lambda **_: marks.append(("all cells done", time.perf_counter()))
    return marks


def _longest_steps(marks: list[tuple[str, float]], started: float, ended: float, count: int = 3) -> str:
    points = [("start", started), *marks, ("kernel shut down", ended)]
    steps = sorted(((b[1] - a[1], a[0], b[0]) for a, b in itertools.pairwise(points)), reverse=True)[:count]
    return "; ".join(f"{t:.0f} s from {a} to {b}" for t, a, b in steps)


def _warn_if_slow(name: str, nb, seconds: float, steps: str = "") -> None:
    """A chapter that ran far slower than usual (a stall, not a failure) is named in pytest's warning
    summary with its slowest cells, timed from nbclient's execution metadata, and the longest
    client-side steps (``steps``, from :func:`_longest_steps`)."""
    if seconds < SLOW_CHAPTER_S:
        return
    timed = []
    for index, cell in enumerate(nb.cells):
        stamps = cell.get("metadata", {}).get("execution", {})
        start, end = stamps.get("iopub.execute_input"), stamps.get("shell.execute_reply")
        if start and end:
            spent = (datetime.fromisoformat(end.replace("Z", "+00:00"))
                     - datetime.fromisoformat(start.replace("Z", "+00:00"))).total_seconds()
            timed.append((spent, index, cell.source.splitlines()[0][:60] if cell.source else ""))
    slowest = ", ".join(f"cell {i} {t:.0f} s ({src!r})" for t, i, src in sorted(timed, reverse=True)[:3])
    warnings.warn(f"{name} ran alone in {seconds:.0f} s; in its cells: {slowest or 'no timings'}; "
                  f"the rest was kernel start and shutdown" + (f"; longest steps: {steps}" if steps else ""),
                  stacklevel=2)


@pytest.mark.build
@pytest.mark.parametrize("name", RUN_ALONE)
def test_a_downloaded_chapter_runs_on_its_own(name, fresh_env, monkeypatch):
    import nbformat
    from nbclient import NotebookClient

    folder = fresh_env["tmp"] / f"downloads-{name}"
    folder.mkdir()
    nb = nbformat.read(ROOT / "chapters" / f"{name}.ipynb", as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert INSTALL_SPEC in first.source
    first.source = first.source.replace(INSTALL_SPEC, f"alliances-widgets @ {fresh_env['wheel'].as_uri()}")
    probe = (
        "import widgets\nfrom widgets.io.csvtable import data_file\nfrom widgets.io.bibliography import entries\n"
        "print('PACKAGE', widgets.__file__)\nprint('DATA', data_file('cases.csv'))\nprint('BIB', len(entries()))"
    )
    nb.cells.append(nbformat.v4.new_code_cell(probe))
    for var in ("PYTHONPATH", "ALLIANCES_DATA_DIR", "VIRTUAL_ENV"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("JUPYTER_PATH", str(fresh_env["jupyter"]))
    monkeypatch.setenv("PIP_NO_INDEX", "1")  # everything pip needs is the wheel and what is installed
    monkeypatch.setenv("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    client = NotebookClient(nb, kernel_name="fresh", timeout=300, resources={"metadata": {"path": str(folder)}})
    marks = _phase_recorder(client)
    started = time.perf_counter()
    client.execute()
    ended = time.perf_counter()
    _warn_if_slow(name, nb, ended - started, _longest_steps(marks, started, ended))
    out = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.get("output_type") == "stream")
    lines = dict(line.split(" ", 1) for line in out.strip().splitlines())
    site = str(fresh_env["site"])
    assert lines["PACKAGE"].startswith(site), f"widgets came from {lines['PACKAGE']}, not the fresh install in {site}"
    assert lines["DATA"].startswith(site) and "bookdata" in lines["DATA"], lines["DATA"]
    assert int(lines["BIB"]) > 20, "the installed references.bib was not found"


def test_a_slow_chapter_is_named_with_its_slowest_cells():
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("fast()"), nbformat.v4.new_code_cell("slow()")])
    nb.cells[0].metadata["execution"] = {"iopub.execute_input": "2026-01-01T00:00:00Z",
                                         "shell.execute_reply": "2026-01-01T00:00:02Z"}
    nb.cells[1].metadata["execution"] = {"iopub.execute_input": "2026-01-01T00:00:02Z",
                                         "shell.execute_reply": "2026-01-01T00:04:52Z"}
    with pytest.warns(UserWarning, match=r"02_balancing ran alone in 303 s; in its cells: cell 1 290 s \('slow\(\)'\)"):
        _warn_if_slow("02_balancing", nb, 303.2)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        _warn_if_slow("02_balancing", nb, 12.0)  # usual times say nothing
    marks = [("kernel ready", 1.0), ("cell 0 sent", 1.5), ("cell 0 answered", 2.0), ("all cells done", 2.5)]
    assert _longest_steps(marks, 0.0, 302.5, count=2) == (
        "300 s from all cells done to kernel shut down; 1 s from start to kernel ready")
    with pytest.warns(UserWarning, match="longest steps: 300 s from all cells done to kernel shut down"):
        _warn_if_slow("02_balancing", nb, 303.2, _longest_steps(marks, 0.0, 302.5, count=1))
