"""Alliances benchmarks: one command, a printed table, benchmarks/results/latest.json.

    python -m benchmarks.run                       # everything, builds the book into a temp dir
    python -m benchmarks.run --skip-build --site /tmp/sitebuild/_build/html
    python -m benchmarks.run --quick               # fewer iterations

Run from the repository's root (``make bench`` does): ``widgets`` is the installed package and
the static server and browser helpers come from ``tests.site.browser_support``.

Not a test: it asserts nothing and exits 0 unless a step cannot run. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import os
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.site.browser_support import (
    REPO,
    PageRecorder,
    StaticServer,
    chromium_available,
    launch_chromium,
    run_book_build,
    toc_pages,
)

RESULTS = REPO / "benchmarks" / "results"
CHAPTER = "chapters/01_balance_of_threat"
TARGET_P95_MS = 15.0


# --------------------------------------------------------------------------- helpers


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]

    return {
        "n": len(ordered),
        "p50": statistics.median(ordered),
        "p95": pick(0.95),
        "max": ordered[-1],
        "mean": statistics.fmean(ordered),
    }


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:,.2f} MB"


def table(title: str, header: list[str], rows: list[list[Any]]) -> None:
    cells = [[str(c) for c in row] for row in [header, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print(f"\n{title}")
    print("  " + "  ".join(h.ljust(w) for h, w in zip(cells[0], widths, strict=True)))
    print("  " + "  ".join("-" * w for w in widths))
    for row in cells[1:]:
        print(
            "  " + "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        )


def ms_row(label: str, p: dict[str, float]) -> list[Any]:
    return [label, p["n"], f"{p['p50']:.2f}", f"{p['p95']:.2f}", f"{p['max']:.2f}"]


# --------------------------------------------------------------------------- 1. Python latency


def bench_python(iterations: int, seed: int) -> dict[str, Any]:
    """explorer.set(...) as a reader's slider move does it in a kernel, plus its parts.

    Outside a kernel ``Explorer.redraw`` displays nothing (``get_ipython()`` is None) and
    IPython's ``clear_output`` prints an escape sequence; a kernel instead serialises the bundle
    to JSON for the front end. So the explorers module is told it runs in a shell and its
    ``display`` is replaced by one that JSON-serialises the bundle (the kernel's own cost minus
    the socket); stdout is discarded.
    """
    import widgets.explorers.base as explorers_module
    from widgets import Situation, Threat, predict
    from widgets.display.render import figure_bundle
    from widgets.explorers import threat_explorer
    from widgets.figures import prediction_spec

    published: list[int] = []
    # redraw() skips displaying when get_ipython() is None (plain Python): pretend to be in a
    # shell so the display path a kernel runs is timed too.
    explorers_module.get_ipython = lambda: True  # type: ignore[attr-defined]
    explorers_module.display = lambda obj, raw=False, **kw: published.append(len(json.dumps(obj)))  # type: ignore[attr-defined]
    rng = random.Random(seed)
    sink = io.StringIO()
    results: dict[str, Any] = {}
    configs = {
        "threat_explorer() [4 threat sliders]": {},
        "situation explorer [own_strength, allied_support, war, victory]": {
            "vary": ("own_strength", "allied_support", "war", "victory"),
            "situation": Situation(war=True),
        },
    }
    with contextlib.redirect_stdout(sink):
        for label, kwargs in configs.items():
            explorer = threat_explorer(**kwargs)
            samples = []
            for _ in range(iterations):
                control = rng.choice(explorer.controls)
                current = explorer.values()[control.name]
                choices = [v for v in control.values if v != current]
                value = rng.choice(choices)
                started = time.perf_counter()
                explorer.set(**{control.name: value})
                samples.append((time.perf_counter() - started) * 1000)
            assert explorer.values()[control.name] == value
            results[label] = percentiles(samples)
        # the parts, on random (not grid) inputs
        predict_ms, spec_ms, bundle_ms = [], [], []
        for _ in range(iterations):
            threat = Threat(*(rng.random() for _ in range(4)))
            situation = Situation(rng.random(), rng.random(), rng.random() < 0.5, rng.random())
            t0 = time.perf_counter()
            prediction = predict(threat, situation)
            t1 = time.perf_counter()
            spec = prediction_spec(prediction)
            t2 = time.perf_counter()
            json.dumps(figure_bundle(spec))
            t3 = time.perf_counter()
            predict_ms.append((t1 - t0) * 1000)
            spec_ms.append((t2 - t1) * 1000)
            bundle_ms.append((t3 - t2) * 1000)
        results["predict() alone"] = percentiles(predict_ms)
        results["prediction_spec() alone (figure dict)"] = percentiles(spec_ms)
        results["figure_bundle() + JSON (mimetype + to_html)"] = percentiles(bundle_ms)
    results["_bundle_bytes_mean"] = statistics.fmean(published) if published else 0
    return results


# --------------------------------------------------------------------------- 2. static twin


def bench_static() -> dict[str, Any]:
    from widgets import Situation
    from widgets.display.controls import combinations_count
    from widgets.explorers import threat_explorer

    out = {}
    configs = {
        "threat_explorer() [4 x 5 levels]": {},
        "situation explorer [3 x 5 levels + war]": {
            "vary": ("own_strength", "allied_support", "war", "victory"),
            "situation": Situation(war=True),
        },
        "threat_explorer(levels=6) [4 x 6 levels]": {"levels": 6},
    }
    with contextlib.redirect_stdout(io.StringIO()):
        for label, kwargs in configs.items():
            explorer = threat_explorer(**kwargs)
            started = time.perf_counter()
            text = explorer.static_html()
            seconds = time.perf_counter() - started
            data = text.encode("utf-8")
            out[label] = {
                "combinations": combinations_count(explorer.controls),
                "seconds": seconds,
                "bytes": len(data),
                "gzip_bytes": gz(data),
            }
    return out


# --------------------------------------------------------------------------- 3.-5. browser

WATCH = """(id) => {
  const root = document.getElementById(id);
  const w = window.__aeWatch = {start: null, end: null, before: root.getAttribute('data-combination')};
  const onKey = () => { if (w.start === null) w.start = performance.now(); };
  document.addEventListener('keydown', onKey, true);
  const obs = new MutationObserver(() => {
    if (w.start !== null && w.end === null && root.getAttribute('data-combination') !== w.before) {
      w.end = performance.now(); obs.disconnect(); document.removeEventListener('keydown', onKey, true);
    }
  });
  obs.observe(root, {attributes: true, attributeFilter: ['data-combination']});
}"""


def bench_static_redraw(browser: Any, server: StaticServer, moves: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    PageRecorder().attach(page)  # blocks anything not on 127.0.0.1
    page.goto(server.url(f"{CHAPTER}.html"), wait_until="load")
    page.wait_for_function(
        "() => { const e = document.querySelectorAll('.alliances-explorer'); return e.length > 0 &&"
        " Array.from(e).every(x => x.hasAttribute('data-combination')); }",
        timeout=30_000,
    )
    sliders = page.evaluate(
        """() => Array.from(document.querySelectorAll('.alliances-explorer input[type=range]'))
             .map(i => ({id: i.closest('.alliances-explorer').id, sel: '#' + i.id, max: +i.max}))"""
    )
    react_ms, input_ms = [], []
    for _ in range(moves):
        s = rng.choice(sliders)
        value = int(page.eval_on_selector(s["sel"], "i => i.value"))
        key = "ArrowRight" if value == 0 or (value < s["max"] and rng.random() < 0.5) else "ArrowLeft"
        page.focus(s["sel"])
        page.evaluate(WATCH, s["id"])
        page.keyboard.press(key)
        page.wait_for_function("() => window.__aeWatch.end !== null", timeout=10_000)
        page.wait_for_timeout(40)  # the key also fires 'change': let that second redraw land
        watch = page.evaluate("() => window.__aeWatch")
        input_ms.append(watch["end"] - watch["start"])
        react_ms.append(float(page.eval_on_selector(f"#{s['id']}", "e => e.getAttribute('data-last-update-ms')")))
    context.close()
    return {
        "explorers": len({s["id"] for s in sliders}),
        "sliders": len(sliders),
        "Plotly.react (data-last-update-ms)": percentiles(react_ms),
        "keydown -> redrawn (data-combination set)": percentiles(input_ms),
    }


def bench_page_weight(browser: Any, server: StaticServer, site: Path) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in toc_pages():
        html = (site / f"{name}.html").read_bytes()
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        recorder = PageRecorder().attach(page, block=False)  # routes would disable the HTTP cache
        responses: list[Any] = []
        # a function, not the list's builtin append: Playwright sets an attribute on its handlers
        page.on("response", lambda response, into=responses: into.append(response))

        def visit(
            page: Any, recorder: PageRecorder, name: str = name, responses: list[Any] = responses
        ) -> dict[str, Any]:
            responses.clear()
            served_before = len(server.requests)
            page.goto(server.url(f"{name}.html"), wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            recorder.wait_quiet(page)
            raw = zipped = 0
            for response in responses:
                try:
                    body = response.body()
                except Exception:  # noqa: BLE001 - redirects, aborted requests
                    continue
                raw += len(body)
                zipped += gz(body)
            served = server.requests[served_before:]
            full = [r for r in served if r.status == 200]
            refetched = refetched_gz = 0
            for r in full:
                path = site / r.path.split("?")[0].lstrip("/")
                if path.is_file():
                    refetched += path.stat().st_size
                    refetched_gz += gz(path.read_bytes())
            return {
                "responses": len(responses),
                "body_bytes": raw,
                "body_gzip_bytes": zipped,
                "server_200": len(full),
                "server_304": sum(1 for r in served if r.status == 304),
                "server_other": sum(1 for r in served if r.status not in (200, 304)),
                "server_200_bytes": refetched,
                "server_200_gzip_bytes": refetched_gz,
                "nonlocal_requests": recorder.nonlocal_requests(),
            }

        first = visit(page, recorder)
        again = visit(page, recorder)  # same context: the browser cache from the first visit is there
        context.close()
        # a later visit: the reader arrives from another page of the book (its shared scripts,
        # styles and plotly.js are cached), which is what reading chapter after chapter costs
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        recorder = PageRecorder().attach(page, block=False)
        # a function, not the list's builtin append: Playwright sets an attribute on its handlers
        page.on("response", lambda response, into=responses: into.append(response))
        warm = "chapters/01_balance_of_threat" if name != "chapters/01_balance_of_threat" else "chapters/02_balancing"
        page.goto(server.url(f"{warm}.html"), wait_until="load")
        recorder.wait_quiet(page)
        later = visit(page, recorder)
        context.close()
        out[name] = {
            "html_bytes": len(html),
            "html_gzip_bytes": gz(html),
            "first_visit": first,
            "repeat_visit": again,
            "later_visit": later,
        }
    return out


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-build", action="store_true", help="do not build the book (needs --site)")
    parser.add_argument("--site", type=Path, help="a built html dir (…/_build/html) to measure")
    parser.add_argument("--quick", action="store_true", help="fewer iterations (a smoke run)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path, default=RESULTS / "latest.json", help="where to write the results")
    args = parser.parse_args(argv)
    if args.skip_build and not args.site:
        parser.error("--skip-build needs --site DIR (a built html dir)")
    if args.site and not (args.site / "index.html").is_file():
        parser.error(f"--site {args.site}: no index.html there")
    iterations = 40 if args.quick else 300
    moves = 15 if args.quick else 50

    results: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "loadavg_at_start": os.getloadavg(),
        },
        "quick": args.quick,
    }
    print(
        f"Alliances benchmarks ({'quick' if args.quick else 'full'}; python {platform.python_version()}, "
        f"{os.cpu_count()} cpus,"
        f" load average {os.getloadavg()[0]:.2f} at start: other work on this machine skews every number)"
    )

    # 1. Python
    py = bench_python(iterations, args.seed)
    results["python_latency_ms"] = py
    rows = [ms_row(k, v) for k, v in py.items() if not k.startswith("_")]
    table(
        "Explorer update in Python (ms; set() = model + figure + bundle + JSON, as in a kernel)",
        ["what", "n", "p50", "p95", "max"],
        rows,
    )
    worst = max(v["p95"] for k, v in py.items() if k.startswith(("threat_explorer", "situation")))
    print(
        f"  target p95 < {TARGET_P95_MS:.0f} ms for set(): {'met' if worst < TARGET_P95_MS else 'MISSED'} (worst p95 "
        f"{worst:.2f} ms);"
        f" bundle published per move: {kb(py['_bundle_bytes_mean'])}"
    )

    # 2. static twin
    st = bench_static()
    results["static_explorer"] = st
    table(
        "Static explorer twin (precomputed at build time)",
        ["explorer", "combinations", "precompute s", "raw", "gzipped"],
        [[k, v["combinations"], f"{v['seconds']:.2f}", kb(v["bytes"]), kb(v["gzip_bytes"])] for k, v in st.items()],
    )

    # 3. the build
    tmp = tempfile.TemporaryDirectory(prefix="alliances-bench-")
    site = args.site
    if not args.skip_build:
        build = run_book_build(Path(tmp.name) / "book")
        warnings = [line for line in build.log.splitlines() if "WARNING" in line]
        results["build"] = {"seconds": build.seconds, "returncode": build.returncode, "warning_lines": warnings}
        table(
            "Clean build of the whole book (jupyter-book build -W -n --keep-going, fresh --path-output)",
            ["what", "value"],
            [
                ["wall clock", f"{build.seconds:.1f} s"],
                ["exit code", build.returncode],
                ["lines with WARNING", len(warnings)],
            ],
        )
        if build.returncode != 0:
            print(build.log[-3000:])
            print("build failed: skipping the browser measurements")
            return _finish(results, args.json, tmp)
        site = site or build.html_dir

    # 4.-5. browser
    if not chromium_available():
        print("\nChromium not found at /usr/bin/chromium: browser measurements skipped")
        return _finish(results, args.json, tmp)
    from playwright.sync_api import sync_playwright

    with StaticServer(site) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            redraw = bench_static_redraw(browser, server, moves, args.seed)
            results["static_redraw_ms"] = redraw
            table(
                f"Static explorer in Chromium ({CHAPTER}: {redraw['explorers']} explorers, {redraw['sliders']} "
                "sliders; ms)",
                ["what", "n", "p50", "p95", "max"],
                [ms_row(k, v) for k, v in redraw.items() if isinstance(v, dict)],
            )
            weight = bench_page_weight(browser, server, site)
            results["page_weight"] = weight
        finally:
            browser.close()
    rows = []
    for name, w in weight.items():
        f, r = w["first_visit"], w["repeat_visit"]
        cached = r["responses"] - r["server_200"] - r["server_304"] - r["server_other"]
        rows.append(
            [
                name,
                kb(w["html_bytes"]),
                kb(w["html_gzip_bytes"]),
                f["responses"],
                kb(f["body_bytes"]),
                kb(f["body_gzip_bytes"]),
                f"{r['server_200']} / {r['server_304']} / {cached}",
                kb(r["server_200_bytes"]),
            ]
        )
        outside = sorted(set(f["nonlocal_requests"]) | set(r["nonlocal_requests"]))
        if outside:
            print(f"  NOTE {name} asked other servers for: {outside}")
    table(
        "Page weight (first visit = fresh browser profile; repeat = same page again in the same browser)",
        ["page", "html", "html gz", "requests", "first visit", "first gz", "repeat 200/304/cache", "repeat re-sent"],
        rows,
    )
    table(
        "Later visits (arriving from another chapter, same browser): what the server sent",
        ["page", "200 responses", "sent", "sent gz"],
        [
            [
                name,
                w["later_visit"]["server_200"],
                kb(w["later_visit"]["server_200_bytes"]),
                kb(w["later_visit"]["server_200_gzip_bytes"]),
            ]
            for name, w in weight.items()
        ],
    )
    print(
        "  'first gz' = each body gzipped (level 6) and summed: what a server with compression would send.\n"
        "  python http.server sends Last-Modified and no Cache-Control, so Chromium may reuse files by heuristic\n"
        "  freshness (10% of their age) without asking, revalidate (304), or re-download (200); the repeat columns\n"
        "  are what the server saw. A real host's Cache-Control decides this in production."
    )
    return _finish(results, args.json, tmp)


def _finish(results: dict[str, Any], path: Path, tmp: Any) -> int:
    results["machine"]["loadavg_at_end"] = os.getloadavg()
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    tmp.cleanup()
    print(f"\nresults written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
