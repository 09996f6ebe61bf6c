"""How long each chapter takes to read: the measurement behind the instructor guide's table.

Run from the repository's root: ``python tools/reading_time.py`` prints the table's rows.

Method (stated in the guide under the table):

- words: whitespace-separated words in the chapter's markdown cells, leaving out the exercises and
  their solutions, fenced blocks (code, formulas), and the "Self-check quiz" and "Further reading"
  sections;
- guided steps: the items of each "Try this" list (a line starting with "- " after a "Try this"
  line, up to the next heading), and each animation (a code cell calling ``animation_view``) whose
  next cell is not a "Try this" list;
- reading time: words at 180 a minute plus 3 minutes a guided step, rounded to 5 minutes;
- exercises: the chapter's ``{exercise}`` blocks.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

WORDS_PER_MINUTE = 180
MINUTES_PER_STEP = 3
LEFT_OUT_SECTIONS = ("Self-check quiz", "Further reading")
_BLOCK = re.compile(r"(`{3,})\{(exercise|solution)\}.*?\n\1", re.S)
_FENCE = re.compile(r"(`{3,}).*?\n\1", re.S)


@dataclass(frozen=True)
class ChapterTime:
    """One chapter's measured words, guided steps, exercises and reading time (minutes)."""

    chapter: str
    words: int
    steps: int
    exercises: int

    @property
    def reading_minutes(self) -> int:
        raw = self.words / WORDS_PER_MINUTE + MINUTES_PER_STEP * self.steps
        return int(5 * round(raw / 5))


def measure(path: Path) -> ChapterTime:
    """Measure one chapter notebook by the module's method."""
    notebook = nbformat.read(path, as_version=4)
    words = steps = exercises = 0
    skipping = False
    cells = notebook.cells
    for k, cell in enumerate(cells):
        if cell.cell_type == "code" and "animation_view(" in cell.source:
            following = cells[k + 1].source if k + 1 < len(cells) else ""
            steps += "Try this" not in following.split("\n", 1)[0]
        if cell.cell_type != "markdown":
            continue
        exercises += len(re.findall(r"`{3,}\{exercise\}", cell.source))
        text = _FENCE.sub("", _BLOCK.sub("", cell.source))
        in_try = False
        kept = []
        for line in text.split("\n"):
            if line.startswith("#"):
                skipping = any(name in line for name in LEFT_OUT_SECTIONS)
                in_try = "Try this" in line
            elif "Try this" in line:
                in_try = True
            elif in_try and line.startswith("- "):
                steps += 1
            if not skipping:
                kept.append(line)
        words += len(" ".join(kept).split())
    return ChapterTime(path.stem, words, steps, exercises)


def measure_book(root: Path) -> list[ChapterTime]:
    """Every chapter of the book, in order."""
    return [measure(path) for path in sorted((root / "chapters").glob("0*.ipynb"))]


def main() -> None:
    root = Path(__file__).resolve().parents[1]
    for t in measure_book(root):
        print(f"{t.chapter}: {t.words:,} words, {t.steps} steps, {t.exercises} exercises, "
              f"about {t.reading_minutes} min", file=sys.stdout)


if __name__ == "__main__":
    main()
