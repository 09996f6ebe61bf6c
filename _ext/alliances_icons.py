"""The theme's icons without its 1.5 MB icon script.

pydata-sphinx-theme loads Font Awesome's "SVG with JavaScript" build (``scripts/fontawesome.js``:
1.49 MB raw, 543 KB gzipped, every icon Font Awesome has) on every page, to draw the 17 or so
icons of the page header. This module

- removes that script tag from each rendered page (``strip_icon_script``), and
- writes ``_static/alliances-icons.css``: for each icon the built pages show (the header's
  ``<i class="fa-...">`` icons, and the glyphs the theme's CSS puts in pseudo-elements, such as
  admonition and external-link icons), the icon's outline, taken at build time from the
  installed theme's own copy of Font Awesome (nothing is vendored), as a CSS mask painted in
  ``currentColor``. The pseudo-elements' text is emptied, so the browser never downloads the
  theme's icon web fonts either.

A browser test checks that every icon element on every page is drawn this way.
"""

from __future__ import annotations

import html.parser
import re
import urllib.parse
from pathlib import Path

SCRIPT_TAG = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js(?:\?[^"]*)?"></script>')
STYLES = {"fa-solid": "fas", "fas": "fas", "fa-regular": "far", "far": "far", "fa-brands": "fab", "fab": "fab"}
# Font Awesome's own modifier classes (sizes, widths, animations): not icon names
MODIFIERS = re.compile(r"fa-(?:solid|regular|brands|classic|sharp|lg|sm|xs|2xs|xl|2xl|[0-9]+x|fw|ul|li|border|"
                       r"pull-left|pull-right|spin|pulse|beat|fade|bounce|flip|shake|rotate-\S+|stack\S*|inverse)$")
_PACK = re.compile(r'var p=\{(.*?)\};.{0,600}?d\("(fa[srb])",p\)', re.S)


class _IconFinder(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: set[tuple[str, str]] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = next((v.split() for k, v in attrs if k == "class" and v), [])
        styles = [STYLES[c] for c in classes if c in STYLES]
        if not styles:
            return
        for name in classes:
            if name.startswith("fa-") and name not in STYLES and not MODIFIERS.match(name):
                self.found.add((styles[0], name[3:]))


def icons_in(html_text: str) -> set[tuple[str, str]]:
    """(style prefix, icon name) pairs used by a page, e.g. ("fab", "github")."""
    finder = _IconFinder()
    finder.feed(html_text)
    return finder.found


def strip_icon_script(page: str) -> str:
    return SCRIPT_TAG.sub("", page, count=1)


def icon_packs(script: str) -> dict[str, str]:
    """The icon definitions of each style in Font Awesome's script, as source text."""
    packs = {prefix: body for body, prefix in _PACK.findall(script)}
    if not {"fas", "far", "fab"} <= set(packs):
        raise RuntimeError(
            f"could not find Font Awesome's solid, regular and brands icons in its script (found {sorted(packs)})"
        )
    return packs


_RULE = re.compile(r"([^{}@;]+)\{([^{}]*)\}")
_VARIABLE = re.compile(r"(--[\w-]+)\s*:\s*(\"[^\"]*\"|var\(--[\w-]+\))")
_CONTENT = re.compile(r"(?:^|;)\s*content\s*:\s*(\"[^\"]*\"|var\(--[\w-]+\))")
_ICON_CLASS = re.compile(r"^\.fa-([a-z0-9-]+):{1,2}before$")


def _codepoint(value: str, variables: dict[str, str], depth: int = 0) -> int | None:
    """The Font Awesome code point a CSS ``content`` value shows (a private-use character)."""
    value = value.strip()
    if value.startswith("var(") and depth < 8:
        return _codepoint(variables.get(value[4:-1].strip(), ""), variables, depth + 1)
    if len(value) >= 2 and value[0] == value[-1] == '"':
        text = value[1:-1]
        escaped = re.fullmatch(r"\\([0-9a-fA-F]{4,6})\s?", text)
        point = int(escaped.group(1), 16) if escaped else (ord(text) if len(text) == 1 else None)
        if point is not None and 0xE000 <= point <= 0xF8FF:
            return point
    return None


def icon_by_codepoint(packs: dict[str, str], point: int) -> tuple[int, int, str]:
    """Width, height and path of the icon at ``point`` (solid first, as the theme's CSS asks)."""
    code = f"{point:x}"
    for style in ("fas", "fab", "far"):
        found = re.search(rf':\[(\d+),(\d+),\[[^\]]*\],"{code}","([^"]+)"\]', packs[style])
        if found:
            return int(found.group(1)), int(found.group(2)), found.group(3)
    raise RuntimeError(f"no Font Awesome icon has code point U+{code.upper()}")


def _mask(width: int, height: int, path: str) -> str:
    svg = f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {width} {height}'><path d='{path}'/></svg>"
    return 'url("data:image/svg+xml,' + urllib.parse.quote(svg, safe="/:=' ") + '")'


def icons_css(script: str, stylesheets: list[str], used: set[tuple[str, str]]) -> str:
    """Mask-image rules for every icon the theme's stylesheets draw from the icon font.

    Two kinds: the theme's own pseudo-elements (admonition titles, external links, ...), all
    of them; and Font Awesome's ``.fa-NAME::before`` classes, only for the icons the pages use.
    """
    packs = icon_packs(script)
    variables: dict[str, str] = {}
    for sheet in stylesheets:
        variables.update(_VARIABLE.findall(sheet))
    names = {name for _style, name in used}
    rules = [
        "/* Generated at build time by _ext/alliances_icons.py from the theme's Font Awesome: the icons these pages "
        "use. */",
        # no element may ask for the icon fonts, or the browser downloads them (about 300 KB)
        ".fa, .fa-solid, .fa-regular, .fa-brands, .fas, .far, .fab { font-family: inherit !important; }",
    ]
    seen: set[str] = set()
    for sheet in stylesheets:
        for selectors, body in _RULE.findall(sheet):
            content = _CONTENT.search(body)
            point = _codepoint(content.group(1), variables) if content else None
            if point is None:
                continue
            keep = []
            for selector in (s.strip() for s in selectors.split(",")):
                icon_class = _ICON_CLASS.match(selector)
                if (icon_class is None or icon_class.group(1) in names) and selector not in seen:
                    keep.append(selector)
                    seen.add(selector)
            if keep:
                width, height, path = icon_by_codepoint(packs, point)
                rules.append(
                    f"{', '.join(keep)} {{ content: '' !important; font-family: inherit !important;"
                    " display: inline-block;"
                    f" min-width: {width / height:.3f}em; height: 1em; vertical-align: -0.125em; background-color: "
                    "currentColor;"
                    f" -webkit-mask: {_mask(width, height, path)} center / contain no-repeat;"
                    f" mask: {_mask(width, height, path)} center / contain no-repeat; }}"
                )
    missing = sorted(n for n in names if not any(f".fa-{n}:" in r or f".fa-{n}::" in r for r in rules))
    if missing:
        raise RuntimeError(f"the pages use icons the theme's CSS does not define: {missing}")
    return "\n".join(rules) + "\n"


def write_icon_css(outdir: Path, theme_script: Path) -> set[tuple[str, str]]:
    """Scan the built pages and write ``_static/alliances-icons.css``; returns the icons used."""
    used: set[tuple[str, str]] = set()
    for page in outdir.rglob("*.html"):
        used |= icons_in(page.read_text(encoding="utf-8"))
    sheets = [
        re.sub(r"/\*.*?\*/", "", p.read_text(encoding="utf-8"), flags=re.S)
        for p in sorted((outdir / "_static").rglob("*.css"))
        if p.name != "alliances-icons.css"
    ]
    css = icons_css(theme_script.read_text(encoding="utf-8"), sheets, used)
    (outdir / "_static" / "alliances-icons.css").write_text(css, encoding="utf-8")
    return used
