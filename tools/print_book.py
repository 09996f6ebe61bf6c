"""Print the built book as two PDFs: the full edition and a handout without solutions.

    python tools/print_book.py [--html _build/html] [--out _build/pdf]

Debian's Chromium (``/usr/bin/chromium``, or ``ALLIANCES_CHROMIUM``), driven by Playwright,
prints every page of ``_toc.yml`` from the built site (served on 127.0.0.1, nothing fetched
from elsewhere) through the book's print stylesheet (``widgets/display/static/print.css``):
each explorer at its starting scenario with its text description, figures as vector graphics,
no controls. ``pypdf`` then puts a title page (version and date from CITATION.cff and
pyproject.toml) and a table of contents in front, nests every page's headings as bookmarks
under its chapter, turns links between pages into links inside the PDF, and numbers the pages.

Writes ``<out>/alliances.pdf`` and ``<out>/alliances-no-solutions.pdf`` and copies both into
``<html>/pdf/``, where the site's download links (the ``{book-pdf}`` role) point.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import html
import http.server
import io
import os
import shutil
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NullObject, NumberObject

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "_ext"))
import book_metadata  # noqa: E402  (lives beside the Sphinx extension that also reads it)

CHROMIUM = os.environ.get("ALLIANCES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# A4 with 18 mm side margins leaves 174 mm, 658 CSS px: the width the figures are drawn for.
PAGE_MARGIN = {"top": "16mm", "bottom": "20mm", "left": "18mm", "right": "18mm"}
VIEWPORT = {"width": 658, "height": 940}
EDITIONS = {"full": "alliances.pdf", "handout": "alliances-no-solutions.pdf"}
# Pages left out of the handout: the instructor guide discusses the solutions and the grading.
INSTRUCTOR_ONLY = {"guide/instructors"}
READY_TIMEOUT_MS = 30_000

# Runs in the page before printing: waits until every figure is drawn.
FIGURES_DRAWN = """() => Array.from(document.querySelectorAll('.ae-plot, .plotly-graph-div'))
    .every(el => el.querySelector('.main-svg'))"""
# Sets the edition: "alliances-print-edition" switches on the edition's rules in print.css.
PREPARE = """([edition, number]) => {
  const root = document.documentElement;
  root.classList.remove('alliances-print-full', 'alliances-print-handout');
  root.classList.add('alliances-print-edition', 'alliances-print-' + edition);
  const solutions = document.querySelectorAll('.solution, details.aq-answer');
  if (edition === 'handout') {
    solutions.forEach(el => el.remove());
  } else {
    document.querySelectorAll('details.aq-answer').forEach(el => { el.open = true; });
    document.querySelectorAll('.toggle-hidden').forEach(el => el.classList.remove('toggle-hidden'));
  }
  document.querySelectorAll('a[href]').forEach(a => {
    if (a.textContent.trim() === a.getAttribute('href')) a.classList.add('alliances-url-shown');
  });
  const h1 = document.querySelector('main h1, article h1, h1');
  if (!h1) return '';
  if (number) {
    const label = document.createElement('span');
    label.className = 'alliances-chapter-number';
    label.textContent = number + '. ';
    h1.prepend(label);
  }
  const copy = h1.cloneNode(true);
  copy.querySelectorAll('.alliances-chapter-number').forEach(el => el.remove());
  copy.querySelectorAll('.headerlink').forEach(el => el.remove());
  return copy.textContent.replace(/\\s+/g, ' ').trim();
}"""
COUNT_SOLUTIONS = "() => document.querySelectorAll('.solution, details.aq-answer').length"


@dataclass(frozen=True)
class TocEntry:
    docname: str
    part: str | None
    number: int | None = None  # chapters of a part with "numbered: true", counted as Jupyter Book does


@dataclass
class PrintedPage:
    entry: TocEntry
    title: str
    pdf: bytes
    pages: int = 0
    start: int = 0  # 0-based index in the merged document


def toc_entries(repo: Path = REPO) -> list[TocEntry]:
    """The pages in reading order with their part captions (root first)."""
    toc = yaml.safe_load((repo / "_toc.yml").read_text(encoding="utf-8"))
    entries = [TocEntry(str(Path(toc["root"]).with_suffix("")), None)]
    counter = 0
    for part in toc.get("parts") or [{"chapters": toc.get("chapters") or []}]:
        for chapter in part.get("chapters") or []:
            number = None
            if part.get("numbered"):
                counter += 1
                number = counter
            entries.append(TocEntry(str(Path(chapter["file"]).with_suffix("")), part.get("caption"), number))
            for section in chapter.get("sections") or []:
                entries.append(TocEntry(str(Path(section["file"]).with_suffix("")), part.get("caption")))
    return entries


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - stdlib signature
        pass


def serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def page_count(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


# ----------------------------------------------------------------------------- front matter

FRONT_STYLE = """
<style>
  @page { size: A4; margin: 0; }
  body { font-family: "DejaVu Serif", Georgia, serif; color: #111; margin: 0; }
  .sheet { box-sizing: border-box; height: 297mm; padding: 40mm 25mm 20mm; page-break-after: always;
           position: relative; }
  h1 { font-size: 26pt; line-height: 1.2; margin: 0 0 6mm; }
  .sub { font-size: 15pt; font-style: italic; margin: 0 0 20mm; }
  .meta { font-size: 11pt; line-height: 1.6; }
  .edition { font-size: 12pt; font-weight: bold; margin-top: 14mm; }
  .foot { position: absolute; bottom: 20mm; left: 25mm; right: 25mm; font-size: 9.5pt; line-height: 1.5; }
  .toc { padding: 22mm 25mm; }
  .toc h2 { font-size: 18pt; margin: 0 0 8mm; }
  .toc h3 { font-size: 11pt; text-transform: uppercase; letter-spacing: 0.05em; margin: 6mm 0 2mm; color: #444; }
  .toc p { display: flex; font-size: 11.5pt; margin: 1.6mm 0; }
  .toc .dots { flex: 1; border-bottom: 1px dotted #888; margin: 0 2mm 1.2mm; }
</style>"""


def title_page(meta: book_metadata.BookMetadata, edition: str, printed: dt.date) -> str:
    main, _, sub = meta.title.partition(":")
    doi = f"DOI {meta.doi}" if meta.doi else f"DOI: {book_metadata.DOI_PENDING}"
    label = ("Full edition, with the solutions to the exercises" if edition == "full"
             else "Handout edition: exercises without their solutions")
    apa = "".join(book_metadata.apa(meta))
    return f"""<div class="sheet">
  <h1>{html.escape(main)}</h1><p class="sub">{html.escape(sub.strip())}</p>
  <p class="meta">{html.escape(meta.author_text)}<br>
  Version {html.escape(meta.version)}, released {meta.date.isoformat()}<br>
  Printed {printed.isoformat()} from the web edition<br>{html.escape(doi)}<br>
  {html.escape(meta.repository)}</p>
  <p class="edition">{html.escape(label)}</p>
  <div class="foot"><p>Cite as: {html.escape(apa)}</p>
  <p>Text licensed CC BY 4.0, code MIT. The web edition's explorers move; this print shows each one at
  its starting scenario with the text that describes it.</p></div></div>"""


def toc_page(printed: list[PrintedPage], offset: int) -> str:
    rows, part = [], object()
    for page in printed:
        if page.entry.part != part:
            part = page.entry.part
            if part:
                rows.append(f"<h3>{html.escape(part)}</h3>")
        number = page.start + 1 + offset if page.pages else ""
        rows.append(f'<p><span>{html.escape(page.title)}</span><span class="dots"></span><span>{number}</span></p>')
    return f'<div class="sheet toc"><h2>Contents</h2>{"".join(rows)}</div>'


def footer_overlay(count: int, first_numbered: int, label: str) -> str:
    """One A4 sheet per page of the book, blank but for its footer (merged onto the printed pages)."""
    sheets = []
    for index in range(count):
        text = "" if index < first_numbered else f"<span>{html.escape(label)}</span><span>{index + 1}</span>"
        sheets.append(f'<div class="s"><div class="f">{text}</div></div>')
    return f"""<style>@page {{ size: A4; margin: 0; }} body {{ margin: 0; }}
      .s {{ height: 297mm; position: relative; page-break-after: always; }}
      .f {{ position: absolute; bottom: 9mm; left: 18mm; right: 18mm; display: flex; justify-content: space-between;
            font: 8.5pt "DejaVu Sans", Arial, sans-serif; color: #555; }}</style>{"".join(sheets)}"""


# ----------------------------------------------------------------------------- printing


def print_site_pages(browser, base: str, entries: list[TocEntry], editions: list[str]) -> dict[str, list[PrintedPage]]:
    """Every page once per edition (a page without solutions is printed once and shared)."""
    context = browser.new_context(viewport=VIEWPORT)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    page = context.new_page()
    page.emulate_media(media="print")
    result: dict[str, list[PrintedPage]] = {e: [] for e in editions}
    for entry in entries:
        page.goto(base + entry.docname + ".html", wait_until="load")
        page.wait_for_function(FIGURES_DRAWN, timeout=READY_TIMEOUT_MS)
        page.evaluate("document.fonts.ready")
        has_solutions = page.evaluate(COUNT_SOLUTIONS) > 0
        done: PrintedPage | None = None
        # the full edition first: the handout's preparation removes what the full edition shows
        for edition in sorted(editions, key=list(EDITIONS).index):
            if edition == "handout" and entry.docname in INSTRUCTOR_ONLY:
                continue
            if done is None or has_solutions:
                title = page.evaluate(PREPARE, [edition, entry.number if done is None else None]) or entry.docname
                if entry.number:
                    title = f"{entry.number}. {title}"
                pdf = page.pdf(format="A4", margin=PAGE_MARGIN, print_background=True, outline=True, tagged=True)
                done = PrintedPage(entry, title, pdf, page_count(pdf))
            result[edition].append(PrintedPage(entry, done.title, done.pdf, done.pages))
    context.close()
    return result


def render_html(browser, markup: str) -> bytes:
    page = browser.new_page()
    page.set_content(f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{FRONT_STYLE}</head>"
                     f"<body>{markup}</body></html>")
    data = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    page.close()
    return data


def _copy_outline(writer: PdfWriter, reader: PdfReader, items: list, offset: int, parent) -> None:
    previous = None
    for item in items:
        if isinstance(item, list):
            if previous is not None:
                _copy_outline(writer, reader, item, offset, previous)
            continue
        number = reader.get_destination_page_number(item)
        if number is None or number < 0:
            continue
        previous = writer.add_outline_item(title=item.title, page_number=number + offset, parent=parent)


def _link_pages_inside(writer: PdfWriter, base: str, starts: dict[str, int]) -> int:
    """Links to another page of the book (printed from the local server) jump inside the PDF;
    links to other local files (the PDF itself) are dropped. Returns the links rewritten."""
    rewritten = 0
    for page in writer.pages:
        annots = page.get("/Annots")
        if not annots:
            continue
        kept = ArrayObject()
        for ref in annots.get_object():
            annot = ref.get_object()
            uri = str(annot.get("/A", {}).get("/URI", "")) if "/A" in annot else ""
            if uri.startswith(base):
                path = urlsplit(uri).path.lstrip("/")
                docname = path[:-5] if path.endswith(".html") else None
                if docname not in starts:
                    continue  # a local file that is not a page of the book: no link in print
                target = writer.pages[starts[docname]].indirect_reference
                annot[NameObject("/A")] = DictionaryObject({
                    NameObject("/S"): NameObject("/GoTo"),
                    NameObject("/D"): ArrayObject([target, NameObject("/XYZ"), NullObject(), NullObject(),
                                                   NumberObject(0)]),
                })
                rewritten += 1
            kept.append(ref)
        page[NameObject("/Annots")] = kept
    return rewritten


def assemble(browser, printed: list[PrintedPage], meta, edition: str, base: str, out: Path) -> int:
    today = dt.date.today()
    front = [render_html(browser, title_page(meta, edition, today))]
    toc_pages = page_count(render_html(browser, toc_page(printed, 0)))
    offset = 1 + toc_pages
    position = 0
    for page in printed:
        page.start = position
        position += page.pages
    front.append(render_html(browser, toc_page(printed, offset)))
    writer = PdfWriter()
    for data in front:
        writer.append(PdfReader(io.BytesIO(data)), import_outline=False)
    writer.add_outline_item(title="Title page", page_number=0)
    writer.add_outline_item(title="Contents", page_number=1)
    parts: dict[str | None, object] = {}
    for page in printed:
        reader = PdfReader(io.BytesIO(page.pdf))
        start = len(writer.pages)
        writer.append(reader, import_outline=False)
        parent = None
        if page.entry.part:
            if page.entry.part not in parts:
                parts[page.entry.part] = writer.add_outline_item(title=page.entry.part, page_number=start)
            parent = parts[page.entry.part]
        chapter = writer.add_outline_item(title=page.title, page_number=start, parent=parent)
        outline = reader.outline
        # Chromium's outline has the page's h1 on top: its children are the chapter's sections.
        if len(outline) == 2 and isinstance(outline[1], list) and not isinstance(outline[0], list):
            outline = outline[1]
        _copy_outline(writer, reader, outline, start, chapter)
    starts = {page.entry.docname: page.start + offset for page in printed}
    _link_pages_inside(writer, base, starts)
    overlay = PdfReader(io.BytesIO(render_html(
        browser, footer_overlay(len(writer.pages), offset, f"{meta.title.split(':')[0]} · version {meta.version}"))))
    for index, sheet in enumerate(writer.pages):
        if index >= offset:
            sheet.merge_page(overlay.pages[index])
    writer.add_metadata({"/Title": meta.title, "/Author": meta.author_text,
                         "/Subject": f"Version {meta.version} ({edition} edition)", "/Creator": "tools/print_book.py"})
    writer.page_mode = "/UseOutlines"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        writer.write(handle)
    return len(writer.pages)


def print_book(html_dir: Path, out_dir: Path, editions: list[str] | None = None,
               only: list[str] | None = None) -> dict[str, tuple[Path, int]]:
    from playwright.sync_api import sync_playwright

    editions = editions or list(EDITIONS)
    if not (html_dir / "index.html").is_file():
        raise SystemExit(f"{html_dir} holds no built book (no index.html): run 'make book' first")
    if not Path(CHROMIUM).is_file():
        raise SystemExit(f"Chromium is not at {CHROMIUM}: run 'make system-deps' (apt-get install chromium)")
    meta = book_metadata.read_metadata()
    entries = [e for e in toc_entries() if (html_dir / f"{e.docname}.html").is_file()]
    if only:
        entries = [e for e in entries if e.docname in only]
    server, base = serve(html_dir)
    written = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            printed = print_site_pages(browser, base, entries, editions)
            for edition in editions:
                target = out_dir / EDITIONS[edition]
                written[edition] = (target, assemble(browser, printed[edition], meta, edition, base, target))
            browser.close()
    finally:
        server.shutdown()
    if only:
        return written  # a partial print never replaces the site's editions
    site_copy = html_dir / "pdf"
    site_copy.mkdir(exist_ok=True)
    for target, _pages in written.values():
        shutil.copyfile(target, site_copy / target.name)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--html", type=Path, default=REPO / "_build" / "html", help="the built site")
    parser.add_argument("--out", type=Path, default=None, help="where to write the PDFs (default: beside --html, pdf/)")
    parser.add_argument("--only", nargs="+", help="print only these pages (docnames: a quick look while editing)")
    args = parser.parse_args(argv)
    out = args.out or args.html.parent / "pdf"
    started = time.perf_counter()
    for edition, (path, pages) in print_book(args.html, out, only=args.only).items():
        print(f"{edition:8} {pages:4d} pages  {path}")
    print(f"printed in {time.perf_counter() - started:.1f} s; copied into {args.html / 'pdf'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
