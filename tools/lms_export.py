"""make lms: the chapters' self-check quizzes as files a learning platform imports.

Writes into _build/lms/ (or the folder given with --out):
  qti/alliances-<chapter>-qti.zip   one QTI 1.2 package per chapter (Canvas, and others that import QTI 1.2)
  qti/alliances-all-chapters-qti.zip  every chapter's questions in one package
  moodle/alliances-quizzes-moodle.xml  Moodle XML, one question-bank category per chapter
The questions come from widgets/io/quizzes/*.yml (the same files as the book); the chapter
titles from the first heading of each chapter's notebook. See guide/instructors.md for the
import steps.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from widgets.io.quiz import load_quiz, quiz_names  # noqa: E402
from widgets.io.quiz_export import moodle_xml, qti_zip, text2qti_source  # noqa: E402

BOOK_QTI = "alliances-all-chapters-qti.zip"
MOODLE = "alliances-quizzes-moodle.xml"


def chapter_titles(chapters: Path = REPO / "chapters") -> dict[str, str]:
    """{"01_balance_of_threat": "From balance of power to balance of threat", ...}: each notebook's "# " heading."""
    titles = {}
    for notebook in sorted(chapters.glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell["cell_type"] != "markdown":
                continue
            heading = next((line[2:].strip() for line in "".join(cell["source"]).splitlines()
                            if line.startswith("# ")), None)
            if heading:
                titles[notebook.stem] = heading
                break
    return titles


def export(out: Path) -> list[Path]:
    """Write every export into ``out``; returns the files written."""
    quizzes = [load_quiz(name) for name in quiz_names()]
    titles = chapter_titles()
    (out / "qti").mkdir(parents=True, exist_ok=True)
    (out / "moodle").mkdir(parents=True, exist_ok=True)
    written = []
    for quiz in quizzes:
        path = out / "qti" / f"alliances-{quiz.chapter}-qti.zip"
        path.write_bytes(qti_zip(text2qti_source([quiz], titles)))
        written.append(path)
    book = out / "qti" / BOOK_QTI
    book.write_bytes(qti_zip(text2qti_source(quizzes, titles)))
    moodle = out / "moodle" / MOODLE
    moodle.write_bytes(moodle_xml(quizzes, titles))
    return [*written, book, moodle]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "_build" / "lms", help="output folder (default _build/lms)")
    args = parser.parse_args(argv)
    files = export(args.out)
    questions = sum(len(load_quiz(n).questions) for n in quiz_names())
    for path in files:
        print(f"{path.relative_to(args.out)}  {path.stat().st_size:,} bytes")
    print(f"{questions} questions from {len(quiz_names())} chapters written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
