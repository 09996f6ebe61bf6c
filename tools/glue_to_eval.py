"""Rewrite the chapters' myst-nb glue as inline expressions that the book and JupyterLab both fill.

myst-nb's ``{glue}`` roles and directives are read only by the book's build: in live JupyterLab
(jupyterlab-myst) a ``{glue:text}`key``` shows the key's name and a ``{glue:md}`` directive an
empty box, and ``from myst_nb import glue`` fails where only the reader's packages are installed
(Binder). This script rewrites every chapter that uses glue, mechanically and idempotently:

1. Markdown: ``{glue}`key```, ``{glue:text}`key:spec``` and ``{glue:md}`key``` become
   ``{eval}`fact["key:spec"]``` (``widgets.display.facts``: the recorded value, formatted).
2. Markdown: a ``{glue:md} key`` directive block splits the cell; in its place comes a code
   cell ``fact.show("key")`` whose input the book removes (``remove-input``); live, the reader
   sees the one-line call and, once it has run, the block.
3. Code: ``from myst_nb import glue`` becomes ``from widgets.display.facts import fact, glue``
   (same call signature; it records into ``fact``), placed by ruff's import sorting. A recording
   cell tagged ``remove-cell`` becomes ``remove-input`` (the book still shows nothing of it):
   myst-nb's inline execution skips removed cells, and an expression after one would be
   evaluated before the cell had run.
4. Metadata: ``mystnb.execution_mode: inline`` (myst-nb evaluates ``{eval}`` only while it
   executes a notebook cell by cell) and ``mystnb.eval_name_regex`` admitting ``fact["..."]``.

Run from the repository root (re-run after merging chapter edits; a chapter already converted
is left as it is): python tools/glue_to_eval.py [chapters/08_history.ipynb ...]
It exits with status 1 and names the cell if it meets glue it cannot convert (e.g. ``{glue:figure}``).
"""

from __future__ import annotations

import json
import re
import secrets
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHAPTERS = REPO / "chapters"
IMPORT_OLD = "from myst_nb import glue"
# `fact` is read by the prose's {eval} roles, in the kernel, which ruff cannot see
IMPORT_NEW = "from widgets.display.facts import fact, glue  # noqa: F401 (fact: read by {eval} in the prose)"
# what myst-nb may evaluate in these notebooks: fact["name"] or fact["name:format-spec"]
EVAL_NAME_REGEX = r'^fact\["[A-Za-z_][A-Za-z0-9_]*(:[^"\\]*)?"\]$'
ROLE = re.compile(r"\{glue(?::(?:text|md|any))?\}`([^`]+)`")
DIRECTIVE = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{glue(?::(?:md|any))?\}[ \t]+(?P<key>\S+)[ \t]*\n"
    r"(?P<options>(?:[ \t]*:[\w-]+:.*\n)*)"
    r"(?P=fence)[ \t]*(?:\n|$)",
    re.M,
)
LEFTOVER = re.compile(r"\{glue[:\w]*\}")


class ConversionError(Exception):
    pass


def _lines(text: str) -> list[str]:
    """A cell source as nbformat stores it: lines keeping their newline."""
    return text.splitlines(keepends=True)


def _markdown_cell(text: str) -> dict:
    return {"cell_type": "markdown", "id": secrets.token_hex(4), "metadata": {}, "source": _lines(text)}


def _show_cell(key: str) -> dict:
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": secrets.token_hex(4),
        "metadata": {"tags": ["remove-input"]},
        "outputs": [],
        "source": _lines(f'fact.show("{key}")'),
    }


def _role(match: re.Match[str]) -> str:
    key = match.group(1).strip()
    if '"' in key or "\\" in key:
        raise ConversionError(f"glue key {key!r} has a quote or backslash")
    return f'{{eval}}`fact["{key}"]`'


def convert_markdown(cell: dict, where: str) -> list[dict]:
    """The cell with its roles rewritten, split around each glue directive block."""
    text = "".join(cell["source"])
    pieces: list[dict] = []
    start = 0
    for match in DIRECTIVE.finditer(text):
        options = match.group("options")
        if options.strip() and not re.fullmatch(r"(?:[ \t]*:format:[ \t]*(?:myst|commonmark)[ \t]*\n)*", options):
            raise ConversionError(f"{where}: glue directive options other than :format: {options!r}")
        before = text[start : match.start()].strip("\n")
        if before:
            pieces.append(_markdown_cell(before))
        pieces.append(_show_cell(match.group("key")))
        start = match.end()
    rest = text[start:].strip("\n") if pieces else text
    if rest:
        if pieces:
            pieces.append(_markdown_cell(rest))
        else:
            pieces.append(cell)
    for piece in pieces:
        if piece["cell_type"] == "markdown":
            new = ROLE.sub(_role, "".join(piece["source"]))
            if LEFTOVER.search(new):
                raise ConversionError(f"{where}: glue this script cannot convert: {LEFTOVER.search(new).group(0)!r}")
            piece["source"] = _lines(new)
    if pieces and pieces[0] is not cell and pieces[0]["cell_type"] == "markdown":
        pieces[0]["id"] = cell.get("id", pieces[0]["id"])  # the cell keeps its id where it can
        pieces[0]["metadata"] = cell.get("metadata", {})
    return pieces


IMPORT_AGAIN = "from widgets.display.facts import glue"  # a later cell: `fact` is already imported


def convert_code(cell: dict, first: bool = True) -> dict:
    source = "".join(cell["source"])
    if IMPORT_OLD not in source:
        return cell
    cell["source"] = _lines(source.replace(IMPORT_OLD, IMPORT_NEW if first else IMPORT_AGAIN))
    tags = cell.setdefault("metadata", {}).get("tags", [])
    if "remove-cell" in tags:
        cell["metadata"]["tags"] = ["remove-input" if t == "remove-cell" else t for t in tags]
    return cell


def convert(notebook: dict, name: str) -> tuple[dict, int]:
    """The notebook converted, and how many glue references were rewritten."""
    cells: list[dict] = []
    count = 0
    imported = any("from widgets.display.facts import fact" in "".join(c["source"])
                   for c in notebook["cells"] if c["cell_type"] == "code")
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] == "markdown":
            text = "".join(cell["source"])
            count += len(ROLE.findall(text)) + len(DIRECTIVE.findall(text))
            cells.extend(convert_markdown(cell, f"{name} cell {index}"))
        elif cell["cell_type"] == "code":
            had = IMPORT_OLD in "".join(cell["source"])
            cells.append(convert_code(cell, first=not imported))
            imported = imported or had
        else:
            cells.append(cell)
    notebook["cells"] = cells
    uses_eval = any(c["cell_type"] == "markdown" and "{eval}`fact[" in "".join(c["source"]) for c in cells)
    if uses_eval:
        settings = notebook["metadata"].setdefault("mystnb", {})
        settings["execution_mode"] = "inline"
        settings["eval_name_regex"] = EVAL_NAME_REGEX
    return notebook, count


def main(paths: list[str]) -> int:
    targets = [Path(p) for p in paths] or sorted(CHAPTERS.glob("*.ipynb"))
    for path in targets:
        before = path.read_text(encoding="utf-8")
        try:
            notebook, count = convert(json.loads(before), path.name)
        except ConversionError as error:
            print(f"not converted: {error}", file=sys.stderr)
            return 1
        after = json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"
        if after != before:
            path.write_text(after, encoding="utf-8")
            print(f"{path.name}: {count} glue references rewritten as {{eval}}")
            _sort_imports(path)
    return 0


def _sort_imports(path: Path) -> None:
    """Put the new import where the project's import order (ruff's isort rules) wants it."""
    try:
        subprocess.run([sys.executable, "-m", "ruff", "check", "--select", "I", "--fix", "--quiet", str(path)],
                       check=False, cwd=REPO)  # fmt: skip
    except OSError as error:
        print(f"{path.name}: imports not sorted ({error}); run: ruff check --select I --fix {path}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
