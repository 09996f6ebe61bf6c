"""Shared helpers for the browser tests and the benchmarks.

- ``CHROMIUM`` / ``CHROMIUM_ARGS`` / ``launch_chromium``: Debian's headless Chromium driven by
  Playwright (never ``playwright install``: there is no network for its browser download).
- ``StaticServer``: the built site on 127.0.0.1, a free port, quiet logs, a record of every
  request it served.
- ``PageRecorder``: every request, response, console message and page error of one page, and
  a route that blocks (and records) anything not addressed to this machine.
- ``free_port``, ``run_book_build``, ``toc_pages``: small utilities shared by the tests and
  ``benchmarks/run.py``.
"""

from __future__ import annotations

import functools
import http.server
import os
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("ALLIANCES_CHROMIUM", "/usr/bin/chromium")
# Playwright gives every launch() a fresh temporary profile (a --user-data-dir of its own) and
# deletes it on close; passing --user-data-dir here is refused by launch().
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
# Schemes that never reach a network (Playwright reports few of them, but be explicit).
LOCAL_SCHEMES = {"data", "blob", "about", "chrome-error"}


def chromium_available() -> bool:
    return Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK)


def launch_chromium(playwright: Any, **kwargs: Any) -> Any:
    """A headless Chromium from Debian's package with the flags measured to work here."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=list(CHROMIUM_ARGS), **kwargs)


_shared: dict[str, Any] = {}


def shared_browser() -> Any:
    """One Playwright and one Chromium for the whole test session, whatever module asks.

    Playwright's sync API cannot start a second instance while one runs (its event loop is
    already running), so test modules must share this one; close it with
    ``close_shared_browser`` (tests register it with ``request.config.add_cleanup``).
    """
    browser = _shared.get("browser")
    if browser is not None and browser.is_connected():
        return browser
    if "playwright" not in _shared:
        from playwright.sync_api import sync_playwright

        _shared["playwright"] = sync_playwright().start()
    _shared["browser"] = launch_chromium(_shared["playwright"])
    return _shared["browser"]


def close_shared_browser() -> None:
    browser = _shared.pop("browser", None)
    if browser is not None:
        try:
            browser.close()
        except Exception:  # noqa: BLE001 - already gone
            pass
    playwright = _shared.pop("playwright", None)
    if playwright is not None:
        playwright.stop()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_local_url(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and (parts.hostname or "") in LOCAL_HOSTS


# --------------------------------------------------------------------------- static server


@dataclass
class ServedRequest:
    method: str
    path: str
    status: int


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler without stderr logging, recording what it served.

    If the site has no /favicon.ico and ``favicon_fallback`` is on, answers 204 so Chromium's
    automatic favicon request is not a 404 (the request is still recorded, see
    ``StaticServer.favicon_fallbacks``).
    """

    server_version = "AlliancesTestServer"
    log_store: list[ServedRequest]
    favicon_fallback: bool

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        try:
            status = int(getattr(code, "value", code))
        except (TypeError, ValueError):
            status = 0
        self.log_store.append(ServedRequest(self.command, self.path, status))

    def do_GET(self) -> None:
        if self.favicon_fallback and urlsplit(self.path).path == "/favicon.ico":
            if not (Path(self.directory) / "favicon.ico").is_file():
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        super().do_GET()


class _Server(http.server.ThreadingHTTPServer):
    """ThreadingHTTPServer that does not print a traceback when the browser hangs up mid-response.

    Chromium drops a connection when a page navigates on before a file has been sent; the stdlib then
    prints a BrokenPipeError (or ConnectionResetError) traceback to stderr, noise in the test log that
    says nothing about the site. Any other error is reported as before.
    """

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return
        super().handle_error(request, client_address)


class StaticServer:
    """Serve ``root`` on http://127.0.0.1:<free port>/ from a daemon thread.

    Use as a context manager or call ``start()``/``stop()``.
    """

    def __init__(self, root: Path | str, favicon_fallback: bool = True) -> None:
        self.root = Path(root)
        if not self.root.is_dir():
            raise FileNotFoundError(f"no site to serve at {self.root}")
        self.requests: list[ServedRequest] = []
        self.favicon_fallback = favicon_fallback
        handler = type(
            "Handler",
            (_QuietHandler,),
            {"log_store": self.requests, "favicon_fallback": favicon_fallback},
        )
        self.httpd = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(self.root)))
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/"
        self._thread: threading.Thread | None = None

    def start(self) -> StaticServer:
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="alliances-static-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def url(self, path: str) -> str:
        return self.base_url + path.lstrip("/")

    @property
    def favicon_fallbacks(self) -> list[ServedRequest]:
        return [r for r in self.requests if urlsplit(r.path).path == "/favicon.ico" and r.status == 204]

    def __enter__(self) -> StaticServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


# --------------------------------------------------------------------------- page recorder


@dataclass
class PageRecorder:
    """Everything one page asked for and said. Attach before the first navigation."""

    requests: list[str] = field(default_factory=list)
    finished: list[str] = field(default_factory=list)
    responses: list[tuple[str, int]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console: list[tuple[str, str, str]] = field(default_factory=list)  # (type, text, location)
    page_errors: list[str] = field(default_factory=list)

    def attach(self, page: Any, block: bool = True) -> PageRecorder:
        """Record ``page``'s traffic and messages; with ``block``, abort non-local requests.

        Blocking uses ``page.route``, and Playwright disables the HTTP cache of a page with
        routes: measure caching with ``block=False`` (non-local requests are still recorded).
        """
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("response", lambda response: self.responses.append((response.url, response.status)))
        page.on("requestfinished", lambda request: self.finished.append(request.url))
        page.on("requestfailed", lambda request: self.failed.append((request.url, request.failure or "")))
        page.on("console", self._on_console)
        page.on(
            "pageerror", lambda error: self.page_errors.append(f"{error.name}: {error.message}\n{error.stack or ''}")
        )
        if block:
            page.route("**/*", self._route)
        return self

    def _on_console(self, message: Any) -> None:
        loc = message.location or {}
        where = f"{loc.get('url', '')}:{loc.get('lineNumber', '')}" if loc else ""
        self.console.append((message.type, message.text, where))

    def _route(self, route: Any) -> None:
        url = route.request.url
        if is_local_url(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def inflight(self) -> int:
        return len(self.requests) - len(self.finished) - len(self.failed)

    def wait_quiet(self, page: Any, quiet_ms: int = 250, timeout_ms: int = 10_000, tick_ms: int = 50) -> bool:
        """Wait until no request is in flight and none started for ``quiet_ms``.

        Playwright's own "networkidle" never fires on the pages with plotly.js here (Chromium 156,
        no request pending per CDP), so this is the same idea measured from our own events.
        Measured over all 40 pages of the site: once the figures are drawn and the fonts ready
        (where ``load()`` calls this), the last request starts within 25 ms (the favicon), so
        250 ms of quiet is ten times that margin (every page load pays it).
        Returns False on timeout.
        """
        waited, still, seen = 0, 0, len(self.requests)
        while waited < timeout_ms:
            page.wait_for_timeout(tick_ms)
            waited += tick_ms
            if len(self.requests) != seen or self.inflight() > 0:
                seen, still = len(self.requests), 0
            else:
                still += tick_ms
                if still >= quiet_ms:
                    return True
        return False

    # ---- what the tests assert on
    def console_errors(self) -> list[str]:
        return [f"{text} ({where})" for kind, text, where in self.console if kind == "error"]

    def nonlocal_requests(self) -> list[str]:
        return sorted(set(self.blocked) | {u for u in self.requests if not is_local_url(u)})

    def bad_responses(self) -> list[tuple[str, int]]:
        return [(u, s) for u, s in self.responses if s >= 400]

    RECORDS = ("requests", "finished", "responses", "failed", "blocked", "console", "page_errors")

    def snapshot(self) -> PageRecorder:
        """A detached copy of what was recorded so far (the page may go on to do more)."""
        return PageRecorder(**{name: list(getattr(self, name)) for name in self.RECORDS})

    def clear(self) -> None:
        for name in self.RECORDS:
            getattr(self, name).clear()


# --------------------------------------------------------------------------- book helpers


def book_build_command(path_output: Path | str) -> list[str]:
    """The documented build command, run with this interpreter's ``jupyter-book``."""
    exe = Path(sys.executable).with_name("jupyter-book")
    program = [str(exe)] if exe.is_file() else [shutil.which("jupyter-book") or "jupyter-book"]
    return [*program, "build", str(REPO), "-W", "-n", "--keep-going", "--path-output", str(path_output)]


def site_build_command(path_output: Path | str) -> list[str]:
    """``make book``'s two steps: the HTML build, then (where Chromium is installed) the PDFs
    that tools/print_book.py prints from it into the site's ``pdf/`` folder."""
    html_dir = Path(path_output) / "_build" / "html"
    build = shlex.join(book_build_command(path_output))
    if not chromium_available():
        return ["sh", "-c", build]
    printing = shlex.join([sys.executable, str(REPO / "tools" / "print_book.py"), "--html", str(html_dir)])
    # the PDFs are printed whenever the pages were written (--keep-going writes them even when -W
    # turns a warning into rc 1); the build's rc is kept, a printing failure is rc 3
    # html-returncode marks the pages as written, so that the tests that need no PDF start while
    # the PDFs are printed (BackgroundBuild.pages_result)
    marker = shlex.quote(str(Path(path_output) / "html-returncode"))
    return ["sh", "-c", f"{build}; rc=$?; echo $rc > {marker}.partial; mv {marker}.partial {marker}; "
            f"if [ -f {shlex.quote(str(html_dir / 'index.html'))} ]; then {printing} || exit 3; fi; exit $rc"]


@dataclass
class BuildResult:
    returncode: int
    log: str
    seconds: float
    html_dir: Path


def run_book_build(path_output: Path | str, timeout: float = 900) -> BuildResult:
    """Build the whole book into ``path_output`` (a fresh folder); returns rc, log and time."""
    path_output = Path(path_output)
    started = time.perf_counter()
    proc = subprocess.run(
        book_build_command(path_output),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    return BuildResult(proc.returncode, proc.stdout, time.perf_counter() - started, path_output / "_build" / "html")


def _descendants(pid: int) -> list[int]:
    """The processes ``pid`` started, and theirs, read from /proc (empty where there is no /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while being read
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], list(children.get(pid, []))
    while todo:
        child = todo.pop()
        found.append(child)
        todo.extend(children.get(child, []))
    return found


def _wait_for(marker: Path, give_up: Callable[[], bool], deadline: float) -> bool:
    """Poll until ``marker`` exists (True), or until ``give_up()`` or the deadline (False)."""
    while not marker.is_file():
        if give_up() or time.perf_counter() > deadline:
            return marker.is_file()
        time.sleep(0.5)
    return True


def _read_result(path_output: Path, marker: Path, started: float) -> BuildResult:
    """The build's result as recorded on disk: the return code in ``marker`` and the log so far."""
    log = (path_output / "build.log").read_text(encoding="utf-8", errors="replace")
    return BuildResult(int(marker.read_text(encoding="utf-8")), log, time.perf_counter() - started,
                       path_output / "_build" / "html")


class BackgroundBuild:
    """The book build started early, in its own process, so that it runs while the tests that
    need no built site do (the machine has 2 cores); ``result()`` waits for it.

    When it ends, its return code is written to ``path_output/returncode`` so that other test
    processes (pytest-xdist workers, see ``BuildInAnotherProcess``) can use the same build."""

    def __init__(self, path_output: Path | str, timeout: float = 900) -> None:
        self.path_output = Path(path_output)
        self.path_output.mkdir(parents=True, exist_ok=True)
        self.timeout = timeout
        self._log = (self.path_output / "build.log").open("w+", encoding="utf-8")
        self.started = time.perf_counter()
        self._proc = subprocess.Popen(site_build_command(self.path_output), cwd=REPO, stdout=self._log,
                                      stderr=subprocess.STDOUT, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        threading.Thread(target=self._record_returncode, name="alliances-build-rc", daemon=True).start()

    def _record_returncode(self) -> None:
        returncode = self._proc.wait()
        partial = self.path_output / "returncode.partial"
        partial.write_text(str(returncode), encoding="utf-8")
        partial.replace(self.path_output / "returncode")  # atomic: readers never see a half-written file

    def result(self) -> BuildResult:
        left = max(1.0, self.timeout - (time.perf_counter() - self.started))
        try:
            returncode = self._proc.wait(timeout=left)
        except subprocess.TimeoutExpired:
            self._kill()
            returncode = self._proc.returncode
        self._log.seek(0)
        log = self._log.read()
        return BuildResult(returncode, log, time.perf_counter() - self.started, self.path_output / "_build" / "html")

    def pages_result(self) -> BuildResult:
        """Wait until the HTML pages are written (the PDFs may still be printing): their rc and the log so far."""
        marker = self.path_output / "html-returncode"
        if not _wait_for(marker, lambda: self._proc.poll() is not None, self.started + self.timeout):
            if not marker.is_file():
                return self.result()
        self._log.flush()
        return _read_result(self.path_output, marker, self.started)

    def stop(self) -> None:
        if self._proc.poll() is None:
            self._kill()
        self._log.close()

    def _kill(self) -> None:
        """Kill the shell and everything it started (jupyter-book, the printer), not only the shell. The build stays
        in the test run's process group, so that the terminal's Ctrl-C reaches it too."""
        for pid in [*_descendants(self._proc.pid), self._proc.pid]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._proc.wait()

    def finish(self) -> None:
        """Let the build end (other processes may be waiting for it), then close the log."""
        self.result()
        self._log.close()


class BuildInAnotherProcess:
    """A ``BackgroundBuild`` that another test process started in ``path_output``: ``result()``
    waits for its ``returncode`` file, then reads its log."""

    def __init__(self, path_output: Path | str, timeout: float = 900) -> None:
        self.path_output = Path(path_output)
        self.timeout = timeout
        self.started = time.perf_counter()

    def result(self) -> BuildResult:
        done = self.path_output / "returncode"
        if not _wait_for(done, lambda: False, self.started + self.timeout):
            raise TimeoutError(f"the book build in {self.path_output} did not finish within {self.timeout:.0f} s")
        return _read_result(self.path_output, done, self.started)

    def pages_result(self) -> BuildResult:
        """Wait until the other process's build has written the HTML pages (see ``BackgroundBuild``)."""
        marker, done = self.path_output / "html-returncode", self.path_output / "returncode"
        if not _wait_for(marker, done.is_file, self.started + self.timeout):
            if done.is_file():
                return self.result()
            raise TimeoutError(f"the book build in {self.path_output} did not finish within {self.timeout:.0f} s")
        return _read_result(self.path_output, marker, self.started)

    def stop(self) -> None:
        pass


MIME_TYPES = {"json": "application/json", "csv": "text/csv"}


def file_payload(name: str, data: bytes, mime: str | None = None) -> dict[str, Any]:
    """A file as a reader's file chooser hands it to the page (for Playwright's ``set_input_files``);
    the type follows the name's extension unless ``mime`` is given."""
    kind = mime or MIME_TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream")
    return {"name": name, "mimeType": kind, "buffer": data}


def toc_pages(repo: Path = REPO) -> list[str]:
    """Document names in _toc.yml (root first, then every ``file:`` entry, in order)."""
    import yaml

    toc = yaml.safe_load((repo / "_toc.yml").read_text(encoding="utf-8"))
    names = [toc["root"]]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "file" in node:
                names.append(node["file"])
            for key in ("chapters", "parts", "sections"):
                for child in node.get(key) or []:
                    walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk({k: v for k, v in toc.items() if k != "root"})
    return [str(Path(n).with_suffix("")) if Path(n).suffix in (".md", ".ipynb") else n for n in names]
