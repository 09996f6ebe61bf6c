"""What a Binder reader does: open a chapter in JupyterLab, read it, run it, move a slider.

JupyterLab runs from this venv, which holds exactly Binder's pins (binder/requirements.txt, checked
by tests/test_binder.py) and Binder's JupyterLab settings (binder/overrides.json, installed by
make setup as binder/postBuild does). Every chapter is opened and scrolled through without running
it (Markdown needs no kernel): jupyterlab-myst must leave no raw MyST on screen and keep every
solution collapsed. A chapter whose prose quotes computed numbers ({eval}) is then run from the
same open page (Run All) and every number must fill in.

Starts JupyterLab on 127.0.0.1 (free port, random token) with every Jupyter/IPython folder in
a temp dir, serving a temp copy of chapters/ plus a tiny notebook this test writes
(``import widgets`` / ``from widgets.explorers import threat_explorer`` / ``threat_explorer()``).
Headless Chromium runs the notebooks through the Run menu, clicks the first FloatSlider's handle
and moves it with the arrow keys, as a reader could, and times key -> redrawn figure.

Labextensions are still found with JUPYTER_DATA_DIR moved: jupyter_core puts
``sys.prefix/share/jupyter`` first in the data path inside a virtual env
(``JUPYTER_PREFER_ENV_PATH``), which is where plotly and jupyterlab_widgets install theirs;
``test_labextensions_are_found_with_temp_jupyter_dirs`` checks both are in the page config.

Teardown shuts the kernels down through the REST API, stops the server with SIGTERM and kills
(by pid) any process it started that is still alive.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any

import pytest
from playwright.sync_api import expect

from .browser_support import REPO, PageRecorder, chromium_available, close_shared_browser, free_port, shared_browser

pytestmark = pytest.mark.browser

SMOKE = "explorer_smoke.ipynb"
CHAPTER = "01_balance_of_threat.ipynb"
SERVER_START_TIMEOUT = 90
KERNEL_TIMEOUT_MS = 90_000
RUN_ALL_TIMEOUT_MS = 240_000
REDRAW_TIMEOUT_MS = 10_000
EXPLORER_PLOT = ".jp-OutputArea-output .widget-vbox .widget-output .js-plotly-plot"
REQUIRED_LABEXTENSIONS = ("jupyterlab-plotly", "@jupyter-widgets/jupyterlab-manager", "jupyterlab-myst")
CHAPTERS = sorted(p.name for p in (REPO / "chapters").glob("*.ipynb"))
# JupyterLab 4.5's cell toolbar measures a rendered Markdown cell through `renderedInput`, which
# jupyterlab-myst's cells do not have; it throws on an idle callback and nothing visible breaks.
KNOWN_UPSTREAM_ERRORS = ("_markdownOverlapsToolbar",)


def unexpected_page_errors(recorder: PageRecorder) -> list[str]:
    return [e for e in recorder.page_errors if not any(known in e for known in KNOWN_UPSTREAM_ERRORS)]


# --------------------------------------------------------------------------- the server


@dataclass
class Lab:
    url: str
    token: str
    root: Path
    proc: subprocess.Popen
    log_path: Path

    def api(self, path: str, method: str = "GET") -> Any:
        request = urllib.request.Request(
            self.url + path, method=method, headers={"Authorization": f"token {self.token}"}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def page_url(self, notebook: str, workspace: str | None = None) -> str:
        """The notebook in its own, reset workspace: JupyterLab would otherwise reopen (and
        make active) whatever the previous test left open."""
        if workspace is None:
            return f"{self.url}lab/tree/{notebook}?token={self.token}"
        return f"{self.url}lab/workspaces/{workspace}/tree/{notebook}?reset&token={self.token}"

    def shutdown_sessions(self) -> None:
        for session in self.api("api/sessions") or []:
            self.api(f"api/sessions/{session['id']}", method="DELETE")

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


def _children(pid: int) -> list[int]:
    """All live descendants of ``pid`` (from /proc), deepest last."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # field 4 (ppid) comes after the ")" that closes the command name
        fields = stat[stat.rfind(")") + 2 :].split()
        parents[int(entry.name)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        current = frontier.pop()
        kids = [p for p, parent in parents.items() if parent == current]
        found.extend(kids)
        frontier.extend(kids)
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rfind(")") + 2 :].split()[0] != "Z"


def _write_smoke_notebook(path: Path) -> None:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell("import widgets"),
        nbformat.v4.new_code_cell("from widgets.explorers import threat_explorer"),
        nbformat.v4.new_code_cell("threat_explorer()"),
    ]
    nbformat.write(nb, str(path))


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory):
    if not chromium_available():
        pytest.skip("Chromium is not installed at /usr/bin/chromium (apt-get install chromium)")
    base = tmp_path_factory.mktemp("lab")
    root = base / "root"
    shutil.copytree(REPO / "chapters", root, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "_build"))
    _write_smoke_notebook(root / SMOKE)
    dirs = {name: base / name for name in ("data", "config", "runtime", "ipython", "settings", "workspaces")}
    for d in dirs.values():
        d.mkdir()
    # binder/postBuild puts custom.css in the reader's Jupyter config folder
    (dirs["config"] / "custom").mkdir()
    shutil.copy(REPO / "binder" / "custom.css", dirs["config"] / "custom" / "custom.css")
    env = {
        **os.environ,
        "JUPYTER_DATA_DIR": str(dirs["data"]),
        "JUPYTER_CONFIG_DIR": str(dirs["config"]),
        "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]),
        "IPYTHONDIR": str(dirs["ipython"]),
        "JUPYTERLAB_SETTINGS_DIR": str(dirs["settings"]),
        "JUPYTERLAB_WORKSPACES_DIR": str(dirs["workspaces"]),
        # kernels inherit this: they import the working tree's widgets package, not a stale copy
        "PYTHONPATH": os.pathsep.join([str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]),
        "PYTHONUNBUFFERED": "1",
    }
    port, token = free_port(), secrets.token_hex(16)
    command = [
        sys.executable, "-m", "jupyter", "lab",
        "--no-browser",
        "--ServerApp.open_browser=False",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.allow_root=True",  # CI and this machine run as root; harmless otherwise
        # nothing from other servers: no news feed, no update check, no PyPI extension manager
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
    ]  # fmt: skip
    log_path = base / "jupyterlab.log"
    log = open(log_path, "wb")
    proc = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    server = Lab(f"http://127.0.0.1:{port}/", token, root, proc, log_path)
    started: set[int] = {proc.pid}
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(f"JupyterLab exited with {proc.returncode} before answering:\n{server.log_tail()}")
            try:
                server.api("api/status")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    pytest.fail(
                        f"JupyterLab did not answer /api/status within {SERVER_START_TIMEOUT} s:\n{server.log_tail()}"
                    )
                time.sleep(0.25)
        yield server
    finally:
        # 1. shut kernels down the way JupyterLab does; 2. SIGTERM the server (it stops the
        # rest); 3. kill, by pid, anything it started that is still alive.
        started.update(_children(proc.pid))
        if proc.poll() is None:
            try:
                for kernel in server.api("api/kernels") or []:
                    started.update(_children(proc.pid))
                    server.api(f"api/kernels/{kernel['id']}", method="DELETE")
            except Exception:  # noqa: BLE001 - best effort; the signals below still run
                pass
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        leftovers = [pid for pid in started if pid != proc.pid and _alive(pid)]
        for pid in leftovers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        log.close()
        time.sleep(0.2)
        still = [pid for pid in leftovers if _alive(pid)]
        assert not still, f"processes started by the JupyterLab test survived SIGKILL: {still}"


@pytest.fixture(scope="module")
def browser(lab: Lab, request: pytest.FixtureRequest):
    """The session's one Chromium (shared with test_site.py: Playwright's sync API allows one)."""
    request.config.add_cleanup(close_shared_browser)
    return shared_browser()


@pytest.fixture()
def lab_page(lab: Lab, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    recorder = PageRecorder().attach(page)
    yield page, recorder
    context.close()
    lab.shutdown_sessions()  # one kernel at a time on a 2-core machine


# --------------------------------------------------------------------------- UI steps

KERNEL_READY = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  if (!panel) return false;
  const name = panel.querySelector('.jp-KernelName');
  const state = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  return !!name && /Python/.test(name.textContent) && !!state && state.getAttribute('data-status') === 'idle';
}"""

ALL_CELLS_RAN = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const state = panel.querySelector('.jp-Notebook-ExecutionIndicator');
  const prompts = Array.from(panel.querySelectorAll('.jp-CodeCell .jp-InputPrompt')).map(p => p.textContent.trim());
  return prompts.length > 0 && prompts.every(p => /^\\[\\d+\\]:$/.test(p))
    && state && state.getAttribute('data-status') === 'idle';
}"""

CELL_REPORT = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  const cells = Array.from(panel.querySelectorAll('.jp-CodeCell'));
  return cells.map((cell, i) => ({
    index: i,
    prompt: (cell.querySelector('.jp-InputPrompt') || {}).textContent,
    source: (cell.querySelector('.jp-InputArea-editor') || {}).textContent.slice(0, 80),
    stderr: Array.from(cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
      .map(o => o.textContent.slice(0, 1500)),
    widgetErrors: Array.from(cell.querySelectorAll('.jp-OutputArea-output'))
      .map(o => o.textContent).filter(t => /Error displaying widget|model not found/i.test(t))
      .map(t => t.slice(0, 300)),
  }));
}"""


def open_notebook(page: Any, lab: Lab, notebook: str) -> None:
    page.goto(lab.page_url(notebook, workspace=Path(notebook).stem.replace("_", "-")))
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=KERNEL_TIMEOUT_MS)
    page.wait_for_function(KERNEL_READY, timeout=KERNEL_TIMEOUT_MS)


def run_all_cells(page: Any) -> None:
    """Run > Run All Cells, as a reader does."""
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def wait_all_cells_ran(page: Any, timeout_ms: int = RUN_ALL_TIMEOUT_MS) -> None:
    page.wait_for_timeout(500)  # let the first prompts turn into [*]
    page.wait_for_function(ALL_CELLS_RAN, timeout=timeout_ms)


PLOT_DATA = """(sel) => {
  const el = document.querySelector(sel);
  return el && el.data ? JSON.stringify(el.data.map(t => ({x: t.x, y: t.y, text: t.text}))) : null;
}"""

# Watch the explorer's plot from the page itself: stamp the first keydown and the first frame
# whose plot data differs from the data before the key (the Output widget replaces the div).
WATCH = """(sel) => {
  const read = () => { const el = document.querySelector(sel);
    return el && el.data ? JSON.stringify(el.data.map(t => ({x: t.x, y: t.y, text: t.text}))) : null; };
  const w = window.__aeWatch = {before: read(), start: null, changed: null, after: null};
  const onKey = () => { if (w.start === null) w.start = performance.now(); };
  document.addEventListener('keydown', onKey, true);
  const timer = setInterval(() => {
    const now = read();
    if (w.start !== null && now !== null && now !== w.before) {
      w.changed = performance.now(); w.after = now; clearInterval(timer);
      document.removeEventListener('keydown', onKey, true);
    }
  }, 2);
  return w.before;
}"""


# --------------------------------------------------------------------------- tests


def test_labextensions_are_found_with_temp_jupyter_dirs(lab: Lab) -> None:
    """The widget and plotly renderers must load although JUPYTER_DATA_DIR is a temp dir."""
    request = urllib.request.Request(lab.page_url(SMOKE))
    with urllib.request.urlopen(request, timeout=20) as response:
        page = response.read().decode("utf-8", "replace")
    missing = [name for name in REQUIRED_LABEXTENSIONS if f'"{name}"' not in page]
    assert not missing, (
        f"JupyterLab's page config does not load {missing}; with a temp JUPYTER_DATA_DIR the venv's labextensions were "
        "not found"
    )


def test_live_explorer_redraws_when_slider_moves(lab: Lab, lab_page) -> None:
    page, recorder = lab_page
    open_notebook(page, lab, SMOKE)
    run_all_cells(page)
    page.wait_for_selector(EXPLORER_PLOT, timeout=RUN_ALL_TIMEOUT_MS)
    wait_all_cells_ran(page)
    start = page.evaluate(PLOT_DATA, EXPLORER_PLOT)
    assert start, "the live explorer's plot has no data"
    slider = page.locator(".widget-vbox .widget-slider").first
    handle = slider.locator(".noUi-handle")
    readout = slider.locator(".widget-readout")
    value0 = readout.text_content()
    handle.click()
    expect(readout).to_have_text(value0)  # clicking the handle must not move the slider
    latencies, values, figures = [], [value0], [start]
    for key in ("ArrowRight", "ArrowRight", "ArrowLeft", "ArrowLeft"):
        page.evaluate(WATCH, EXPLORER_PLOT)
        page.keyboard.press(key)
        try:
            page.wait_for_function("() => window.__aeWatch.changed !== null", timeout=REDRAW_TIMEOUT_MS)
        except Exception:
            pytest.fail(
                f"after {key} (slider {values[-1]} -> {readout.text_content()}) the plot data did not change "
                f"within {REDRAW_TIMEOUT_MS / 1000:.0f} s; kernel log:\n{lab.log_tail(2000)}"
            )
        watch = page.evaluate("() => window.__aeWatch")
        latencies.append(watch["changed"] - watch["start"])
        values.append(readout.text_content())
        figures.append(watch["after"])
    page.wait_for_timeout(300)
    figures[-1] = page.evaluate(PLOT_DATA, EXPLORER_PLOT)  # the settled last state
    print(
        f"\nlive explorer (JupyterLab, kernel round trip): slider -> redrawn figure "
        f"{', '.join(f'{ms:.0f}' for ms in latencies)} ms; median {median(latencies):.0f} ms; values {values}"
    )
    assert [float(v) for v in values] == [0.5, 0.75, 1.0, 0.75, 0.5], (
        f"the slider did not step along its grid: {values}"
    )
    assert figures[1] != figures[0] and figures[2] != figures[1], "moving the slider did not change the figure"
    assert figures[3] == figures[1], "the same slider value gave a different figure"
    assert figures[4] == figures[0], "moving the slider back did not restore the figure"
    assert not unexpected_page_errors(recorder), f"uncaught errors in JupyterLab: {unexpected_page_errors(recorder)}"
    assert not recorder.nonlocal_requests(), f"JupyterLab asked other servers for: {recorder.nonlocal_requests()}"


def check_chapter_one_runs_all_cells_without_errors(page: Any, lab: Lab) -> None:
    """Run All on chapter one, open in ``page``: every code cell runs, no traceback, every live
    explorer and Plotly figure drawn."""
    page.wait_for_function(KERNEL_READY, timeout=KERNEL_TIMEOUT_MS)
    run_all_cells(page)
    try:
        wait_all_cells_ran(page)
    except Exception:  # the report below says which cell stopped the run
        shot = lab.root.parent / "chapter-run-all.png"
        page.screenshot(path=str(shot))
        print(f"\nRun All did not finish; screenshot: {shot}")
    report = page.evaluate(CELL_REPORT)
    assert report, f"{CHAPTER} has no code cell"
    not_run = [
        f"cell {c['index']} {c['prompt']!r}: {c['source']!r}"
        for c in report
        if not (c["prompt"] or "").strip()[1:-2].isdigit()
    ]
    tracebacks = [
        f"cell {c['index']} ({c['source']!r}):\n{s}"
        for c in report
        for s in c["stderr"]
        if "Traceback" in s or "Error" in s
    ]
    widget_errors = [f"cell {c['index']}: {e}" for c in report for e in c["widgetErrors"]]
    other_stderr = [
        f"cell {c['index']}: {s[:200]}"
        for c in report
        for s in c["stderr"]
        if "Traceback" not in s and "Error" not in s
    ]
    if other_stderr:
        print(f"\n{CHAPTER}: stderr output (not a failure, but a reader sees it):\n" + "\n".join(other_stderr))
    assert not tracebacks, f"{CHAPTER}: errors in the outputs:\n" + "\n".join(tracebacks)
    assert not widget_errors, f"{CHAPTER}: widgets failed to display:\n" + "\n".join(widget_errors)
    assert not not_run, f"{CHAPTER}: cells that did not run (Run All stops at an error):\n" + "\n".join(not_run)
    explorers = page.locator(".jp-OutputArea-output .widget-vbox:has(.widget-slider)").count()
    # a Plotly output is itself the .jp-OutputArea-output.js-plotly-plot element (jupyterlab-plotly)
    plots, renderers, undrawn = page.evaluate(
        """() => { const nb = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook');
        const all = Array.from(nb.querySelectorAll('.js-plotly-plot'));
        return [all.length, nb.querySelectorAll('.jp-RenderedPlotly').length,
                all.filter(e => !e.querySelector('svg.main-svg')).length]; }"""
    )
    print(
        f"\n{CHAPTER} in JupyterLab: {len(report)} code cells ran, {explorers} live explorers, {plots} Plotly figures"
    )
    assert explorers >= 1, f"{CHAPTER}: no live explorer (ipywidgets box with sliders) in the outputs"
    assert plots == renderers and undrawn == 0, (
        f"{CHAPTER}: {renderers} Plotly outputs, {plots} plots, {undrawn} not drawn"
    )
    assert plots > explorers, f"{CHAPTER}: {plots} Plotly figures for {explorers} explorers: figures are missing"


# --------------------------------------------------------------------------- chapters as read live

# What MyST source looks like when a renderer does not understand it.
RAW_MYST = ("{term}`", "```{", "````{", ":::{", ":label:", ":class: dropdown", "{cite", "{doc}", "{glue",
            "{numref}", "{exercise}", "{solution}", "{admonition}", "{ref}`")  # fmt: skip

NOTEBOOK_READY = """() => {
  const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
  return !!panel && !!panel.querySelector('.jp-WindowedPanel-outer') && !!panel.querySelector('.jp-MarkdownCell .myst');
}"""

# Collect every Markdown cell attached now, by its index in the notebook.
COLLECT = """() => {
  const all = Array.from(document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell'));
  return all.filter(c => c.classList.contains('jp-MarkdownCell') && c.querySelector('.myst')
                         && c.querySelector('.jp-InputArea-editor.lm-mod-hidden'))
  .map(c => {
    const myst = c.querySelector('.myst');
    const solutions = Array.from(myst.querySelectorAll('details'))
      .filter(d => /^\\s*Solution/.test(d.querySelector('summary')?.textContent || ''));
    return {
      index: all.indexOf(c),
      text: myst.textContent,
      solutions: solutions.length,
      openSolutions: solutions.filter(d => d.open).length,
      // an exercise box is titled "Exercise ..." (jupyterlab-myst also draws some other blocks,
      // e.g. a {glue:md} directive it cannot fill, with the same class)
      exercises: Array.from(myst.querySelectorAll('.myst-exercise'))
        .filter(e => !solutions.includes(e) && /^\\s*Exercise/.test(e.textContent || '')).length,
      admonitions: myst.querySelectorAll('aside.myst-admonition').length,
      terms: myst.querySelectorAll('span[data-state] a.hover-link[href="#"]').length,
      // an {eval} expression not evaluated yet shows as its code; one that failed, as an error
      unevaluated: Array.from(myst.querySelectorAll('code')).map(e => e.textContent)
        .filter(t => t.startsWith('fact[')),
      expressionErrors: Array.from(myst.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]'))
        .map(e => e.textContent.slice(0, 300)),
      linkTexts: Array.from(myst.querySelectorAll('a')).map(a => a.textContent.trim()),
    };
  }); }"""

def _source_counts(notebook: Path) -> dict[str, Any]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    markdown = {i: "".join(c["source"]) for i, c in enumerate(cells) if c["cell_type"] == "markdown"}
    text = "\n".join(markdown.values())
    import re

    return {
        "markdown": set(markdown),
        "solutions": len(re.findall(r"^`{3,}\{solution\}", text, re.M)),
        "exercises": len(re.findall(r"^`{3,}\{exercise\}", text, re.M)),
        "admonitions": len(
            re.findall(r"^(?:`{3,}|:{3,})\{(?:admonition|note|tip|warning|important|caution|seealso)\}", text, re.M)
        ),
        "terms": len(re.findall(r"\{term\}`", text)),
    }


CELL_RENDERED = """(i) => {
  const c = document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')[i];
  if (!c) return false;
  c.scrollIntoView({block: 'start'});
  return !!c.querySelector('.myst') && !!c.querySelector('.jp-InputArea-editor.lm-mod-hidden'); }"""


def read_chapter_live(page: Any, lab: Lab, notebook: str) -> dict[int, dict[str, Any]]:
    """Open ``notebook`` without running it and bring each Markdown cell into view in turn, waiting
    until jupyterlab-myst has rendered it (the predicate scrolls, then checks, until true)."""
    page.goto(lab.page_url(notebook, workspace="read-" + Path(notebook).stem.replace("_", "-")))
    page.wait_for_function(NOTEBOOK_READY, timeout=KERNEL_TIMEOUT_MS)
    return scroll_markdown_cells(page, notebook)


def scroll_markdown_cells(page: Any, notebook: str) -> dict[int, dict[str, Any]]:
    """What each Markdown cell of the open ``notebook`` shows, brought into view one by one."""
    seen: dict[int, dict[str, Any]] = {}
    for index in sorted(_source_counts(REPO / "chapters" / notebook)["markdown"]):
        try:
            page.wait_for_function(CELL_RENDERED, arg=index, timeout=20_000)
        except Exception:  # noqa: BLE001 - reported below as a cell never rendered
            continue
        for cell in page.evaluate(COLLECT):
            seen[cell["index"]] = cell
    return seen


# Chapters whose prose quotes computed numbers with {eval}`fact["..."]` (widgets.display.facts).
EVAL_CHAPTERS = [c for c in CHAPTERS if "{eval}`" in (REPO / "chapters" / c).read_text(encoding="utf-8")]


def _eval_counts(notebook: Path) -> dict[int, int]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    counts = {i: "".join(c["source"]).count("{eval}`") for i, c in enumerate(cells) if c["cell_type"] == "markdown"}
    return {i: n for i, n in counts.items() if n}


def check_numbers_fill_in_after_run_all(page: Any, chapter: str, before: dict[int, dict[str, Any]]) -> None:
    """A live reader runs all cells: every {eval} in the prose then shows its value (jupyterlab-myst
    asks the kernel when it runs the Markdown cell), none its expression, none an error. ``before``
    is what the cells showed when the chapter was opened without running it."""
    expected = _eval_counts(REPO / "chapters" / chapter)
    shown_before = sum(len(before[i]["unevaluated"]) for i in expected if i in before)
    assert shown_before == sum(expected.values()), (
        f"{chapter}: before running, {shown_before} expressions shown as code for {sum(expected.values())} in source"
    )
    page.wait_for_function(KERNEL_READY, timeout=KERNEL_TIMEOUT_MS)
    run_all_cells(page)
    wait_all_cells_ran(page)
    after = scroll_markdown_cells(page, chapter)
    missing = sorted(set(expected) - after.keys())
    assert not missing, f"{chapter}: Markdown cells never rendered after Run All: {missing}"
    unevaluated = {i: after[i]["unevaluated"] for i in expected if after[i]["unevaluated"]}
    errors = {i: after[i]["expressionErrors"] for i in expected if after[i]["expressionErrors"]}
    raw = {i: after[i]["text"] for i in expected if "fact[" in after[i]["text"] or "{glue" in after[i]["text"]}
    print(f"{chapter} after Run All: {sum(expected.values())} expressions in {len(expected)} cells; "
          f"unevaluated {sum(map(len, unevaluated.values()))}, errors {sum(map(len, errors.values()))}")  # fmt: skip
    assert not errors, f"{chapter}: expressions that failed in the kernel: {errors}"
    assert not unevaluated, f"{chapter}: expressions still shown as code after Run All: {unevaluated}"
    assert not raw, f"{chapter}: expression or glue text on screen after Run All: {list(raw)}"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_reads_as_the_book_in_live_jupyterlab(lab: Lab, lab_page, chapter: str) -> None:
    """Scrolled through unrun, the chapter shows no raw MyST and every solution, exercise, admonition
    and glossary term. Then chapter one's citations read as quiet keys, a solution opens on a click
    and Run All runs every cell; a chapter with computed numbers runs and shows them all."""
    page, recorder = lab_page
    expected = _source_counts(REPO / "chapters" / chapter)
    seen = read_chapter_live(page, lab, chapter)
    missing = sorted(expected["markdown"] - seen.keys())
    assert not missing, f"{chapter}: Markdown cells never rendered by jupyterlab-myst while scrolling: {missing}"
    raw = [f"cell {i}: {marker!r} in ...{c['text'][max(0, c['text'].find(marker) - 60):c['text'].find(marker) + 60]!r}"
           for i, c in sorted(seen.items()) for marker in RAW_MYST if marker in c["text"]]  # fmt: skip
    file_links = [
        f"cell {i}: {t!r}"
        for i, c in sorted(seen.items())
        for t in c["linkTexts"]
        if t.startswith("../") or t[:3].rstrip("_").isdigit()
    ]
    total = {
        key: sum(c[key] for c in seen.values())
        for key in ("solutions", "openSolutions", "exercises", "admonitions", "terms")
    }
    print(f"\n{chapter} live: {len(seen)} Markdown cells, 0 expected raw markers, found {len(raw)}; {total}")
    assert not raw, f"{chapter}: raw MyST on screen in JupyterLab:\n" + "\n".join(raw)
    assert not file_links, f"{chapter}: links that show a file name instead of words:\n" + "\n".join(file_links)
    assert total["solutions"] == expected["solutions"], (
        f"{chapter}: {total['solutions']} collapsible solutions for {expected['solutions']} in the source"
    )
    assert total["openSolutions"] == 0, f"{chapter}: solutions shown before the reader opens them: {total}"
    assert total["exercises"] == expected["exercises"], (
        f"{chapter}: {total['exercises']} exercise boxes for {expected['exercises']} in the source"
    )
    assert total["admonitions"] == expected["admonitions"], (
        f"{chapter}: {total['admonitions']} admonitions for {expected['admonitions']}"
    )
    assert total["terms"] == expected["terms"], (
        f"{chapter}: {total['terms']} glossary terms rendered for {expected['terms']}"
    )
    # then, on the same open page (one load per chapter):
    if chapter == CHAPTER:  # chapter one: its citations and solutions as a reader meets them, then Run All
        check_citations_read_as_quiet_keys(page)
        check_a_solution_opens_when_the_reader_clicks_it(page)
        check_chapter_one_runs_all_cells_without_errors(page, lab)
    if chapter in EVAL_CHAPTERS:  # Run All, then every computed number in the prose must fill in
        check_numbers_fill_in_after_run_all(page, chapter, seen)
    assert not unexpected_page_errors(recorder), f"uncaught errors in JupyterLab: {unexpected_page_errors(recorder)}"
    assert not recorder.nonlocal_requests(), f"JupyterLab asked other servers for: {recorder.nonlocal_requests()}"


def check_a_solution_opens_when_the_reader_clicks_it(page: Any) -> None:
    solution = page.locator(".jp-MarkdownCell .myst details.myst-exercise", has_text="Solution").first
    solution.scroll_into_view_if_needed()
    body = solution.locator(":scope > :not(summary)").first
    expect(body).to_be_hidden()
    solution.locator("summary").click()
    expect(body).to_be_visible()


def check_citations_read_as_quiet_keys(page: Any) -> None:
    """jupyterlab-myst cannot read references.bib and marks every citation "Citation Not Found" in
    yellow with a warning icon; binder/custom.css (LabApp.custom_css, enabled by
    binder/lab_config.json) shows the key in the text's secondary colour, without the icon."""
    citation = page.locator('.jp-MarkdownCell .myst span[title="Citation Not Found"]').first
    citation.scroll_into_view_if_needed()
    expect(citation).to_be_visible()
    expect(citation.locator("svg")).to_be_hidden()
    quiet = page.evaluate(
        """() => { const probe = document.createElement('span');
        probe.style.color = 'var(--jp-content-font-color2)'; document.body.appendChild(probe);
        const color = getComputedStyle(probe).color; probe.remove(); return color; }"""
    )
    expect(citation).to_have_css("color", quiet)
    key = citation.text_content().strip()
    assert re.fullmatch(r"[a-z]+\d{4}[a-z]*", key), f"a citation shows {key!r}, not a BibTeX key"


def test_shipped_settings_switch_off_the_news_prompt(lab: Lab) -> None:
    """JupyterLab serves binder/overrides.json's values as the defaults every reader gets."""
    settings = lab.api("lab/api/settings/@jupyterlab/apputils-extension:notification")
    defaults = {key: spec.get("default") for key, spec in settings["schema"]["properties"].items()}
    assert defaults["fetchNews"] == "false", defaults
