"""Every internal link of the built book resolves: the file exists, and so does its #anchor.

Parses each HTML page of the built site (``site`` fixture: one build per session, or
``ALLIANCES_SITE=<built html dir>``) with the standard library's html.parser and checks every
``href``/``src`` (and a meta-refresh target) that stays on this site:

- a relative URL (or an absolute one under the book's own ``baseurl``, if _config.yml sets
  one) must name a file inside the built site (``dir/`` means ``dir/index.html``); a query
  string (``?v=...``, ``?digest=...``) is ignored;
- its ``#fragment``, if any, must be an ``id`` (or an ``<a name>``) in the target page.
  Fragments holding ``=`` (``#explorerid.control=value``) are explorer state read by
  static/explorer-links.js, not anchors, and are skipped.

External links (http(s) to other hosts, mailto:) are never fetched (no network): they are
listed in a printed summary. Pages under ``_static/`` are theme template fragments, not pages.

Run: ``python -m pytest tests/test_links.py -s``.
"""

from __future__ import annotations

import html.parser
import posixpath
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from .browser_support import REPO

URL_ATTRIBUTES = {"href", "src"}
# Schemes that are neither a file of this site nor a page elsewhere.
INERT_SCHEMES = {"data", "javascript", "about", "blob"}
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "ftp"}
META_REFRESH = re.compile(r"^\s*\d+\s*;\s*url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)
MAX_LISTED = 60
# Relative URLs are resolved as a browser would, against this stand-in for the site's address.
PAGE_BASE = "http://book.invalid/"


def own_base_urls() -> list[str]:
    """Absolute URLs that mean this site (``html.baseurl`` or Sphinx's ``html_baseurl``)."""
    config = yaml.safe_load((REPO / "_config.yml").read_text(encoding="utf-8")) or {}
    found = [
        (config.get("html") or {}).get("baseurl"),
        ((config.get("sphinx") or {}).get("config") or {}).get("html_baseurl"),
    ]
    return [b if b.endswith("/") else b + "/" for b in found if b]


class _PageParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.anchors.add(values["id"])
        if tag == "a" and values.get("name"):
            self.anchors.add(values["name"])
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value is not None:
                self.links.append((tag, name, value.strip()))
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            match = META_REFRESH.match(values.get("content") or "")
            if match:
                self.links.append((tag, "http-equiv=refresh", match.group(1).strip()))

    handle_startendtag = handle_starttag


@dataclass
class Page:
    path: Path
    anchors: set[str]
    links: list[tuple[str, str, str]]


@dataclass
class Report:
    internal: int = 0
    fragments: int = 0
    skipped_state: int = 0
    problems: list[str] = field(default_factory=list)
    external: Counter = field(default_factory=Counter)  # host (or "mailto") -> links
    external_urls: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def _parse(path: Path) -> Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return Page(path, parser.anchors, parser.links)


def site_pages(html_dir: Path) -> list[Path]:
    return sorted(p for p in html_dir.rglob("*.html") if p.relative_to(html_dir).parts[0] != "_static")


def check_links(html_dir: Path) -> Report:
    html_dir = html_dir.resolve()
    pages = {p.relative_to(html_dir).as_posix(): _parse(p) for p in site_pages(html_dir)}
    parsed: dict[str, Page] = dict(pages)  # target pages, parsed once (also ones outside the list)
    bases = own_base_urls()
    report = Report()
    for rel, page in pages.items():
        page_url = f"{PAGE_BASE}{rel}"
        for tag, attribute, url in page.links:
            where = f"{rel}: <{tag} {attribute}={url!r}>"
            if not url:
                report.problems.append(f"{where}: empty URL")
                continue
            for base in bases:
                if url.startswith(base):
                    url = "/" + url[len(base):]
                    break
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme in INERT_SCHEMES:
                continue
            if scheme in EXTERNAL_SCHEMES or url.startswith("//"):
                host = "mailto" if scheme == "mailto" else (parts.hostname or "?")
                report.external[host] += 1
                report.external_urls[host].add(url)
                continue
            if scheme:
                report.problems.append(f"{where}: unknown scheme {scheme!r}")
                continue
            resolved = urlsplit(urljoin(page_url, url))
            if resolved.netloc != urlsplit(PAGE_BASE).netloc:
                report.problems.append(f"{where}: resolves off the site ({resolved.geturl()})")
                continue
            target_rel = posixpath.normpath(unquote(resolved.path).lstrip("/")) if resolved.path.strip("/") else rel
            if resolved.path.endswith("/") or target_rel in ("", "."):
                target_rel = posixpath.join(target_rel if target_rel not in ("", ".") else "", "index.html")
            target = (html_dir / target_rel).resolve()
            report.internal += 1
            if html_dir not in target.parents and target != html_dir:
                report.problems.append(f"{where}: points outside the site ({target_rel})")
                continue
            if not target.is_file():
                report.problems.append(f"{where}: no file {target_rel} in the built site")
                continue
            fragment = unquote(resolved.fragment)
            if not fragment:
                continue
            if "=" in fragment:
                report.skipped_state += 1  # explorer state (#id.control=value), not an anchor
                continue
            if target.suffix != ".html":
                continue  # an anchor in a non-HTML file (a notebook, a text file) is not checkable
            target_key = target.relative_to(html_dir).as_posix()
            if target_key not in parsed:
                parsed[target_key] = _parse(target)
            report.fragments += 1
            if fragment not in parsed[target_key].anchors:
                report.problems.append(f"{where}: {target_key} has no id or name {fragment!r}")
    return report


@pytest.mark.build
def test_every_internal_link_and_anchor_resolves(printed_site) -> None:
    site = printed_site  # the pages link to the PDFs
    pages = site_pages(site.html_dir)
    assert len(pages) >= 5, f"only {len(pages)} HTML pages under {site.html_dir}"
    report = check_links(site.html_dir)
    hosts = ", ".join(f"{host} ({n})" for host, n in report.external.most_common()) or "none"
    print(
        f"\n{len(pages)} pages: {report.internal} internal links checked ({report.fragments} with an anchor; "
        f"{report.skipped_state} explorer-state fragments skipped); "
        f"{sum(report.external.values())} external links, not fetched, by host: {hosts}"
    )
    for host in sorted(report.external_urls):
        for url in sorted(report.external_urls[host])[:10]:
            print(f"  external: {url}")
        if len(report.external_urls[host]) > 10:
            print(f"  external: ... {len(report.external_urls[host]) - 10} more on {host}")
    assert report.internal > 0, "no internal link found at all (parser broken?)"
    listed = report.problems[:MAX_LISTED]
    more = f"\n... and {len(report.problems) - MAX_LISTED} more" if len(report.problems) > MAX_LISTED else ""
    heading = f"{len(report.problems)} broken internal links (page: link: what is missing):\n"
    assert not report.problems, heading + "\n".join(listed) + more


def test_the_checker_finds_what_is_missing(tmp_path: Path) -> None:
    """The checker itself, on a three-page site with one of each kind of fault (no build needed)."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "style.css").write_text("")
    (tmp_path / "_static" / "macros.html").write_text('<a href="{{ nowhere }}">template</a>')
    (tmp_path / "index.html").write_text('<meta http-equiv="refresh" content="0; url=sub/a.html">')
    (tmp_path / "sub" / "a.html").write_text(
        '<link rel="stylesheet" href="../_static/style.css?v=1"><h1 id="top">A</h1><a name="old"></a>'
        '<a href="#top">ok</a> <a href="#old">ok</a> <a href="b.html#here">ok</a> <a href="./">no sub/index.html</a>'
        '<a href="b.html#gone">missing anchor</a> <a href="c.html">missing file</a> <a href="#nope">missing here</a>'
        '<a href="b.html#ex.power=0.50">explorer state</a> <a href="https://example.org/x">external</a>'
        '<a href="mailto:someone@example.org">mail</a> <img src="../../outside.png"> <a href="../index.html">ok</a>'
    )
    (tmp_path / "sub" / "b.html").write_text('<p id="here">B</p><script src="data:text/javascript,1"></script>')
    report = check_links(tmp_path)
    missing = sorted(problem.split(": ", 1)[1] for problem in report.problems)
    assert missing == sorted(
        [
            "<a href='b.html#gone'>: sub/b.html has no id or name 'gone'",
            "<a href='c.html'>: no file sub/c.html in the built site",
            "<a href='#nope'>: sub/a.html has no id or name 'nope'",
            "<a href='./'>: no file sub/index.html in the built site",
            "<img src='../../outside.png'>: no file outside.png in the built site",  # a browser stops at the root
        ]
    ), report.problems
    assert report.skipped_state == 1
    assert dict(report.external) == {"example.org": 1, "mailto": 1}
