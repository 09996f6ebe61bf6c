"""The chapters' self-check quizzes for learning platforms: QTI 1.2 (Canvas) and Moodle XML.

The source is the same YAML the book shows (``widgets/io/quizzes/``, read by :mod:`.quiz`).
Every question keeps its options in order, its one correct answer and the feedback of each
option, so a student who picks a wrong option in the platform reads the same explanation as
on the page.

- QTI 1.2: each quiz is written in text2qti's plain-text format (:func:`text2qti_source`)
  and converted by text2qti, the tool instructors already use for Canvas quizzes
  (:func:`qti_zip`; a build requirement, pinned in requirements.txt, not a reader's one).
- Moodle XML: written here with the standard library (:func:`moodle_xml`), one category per
  chapter, so a bank imports as one folder per chapter.

Quiz text is plain text (quizzes/README.md): it must reach the student exactly as written,
with its quotes, ampersands and asterisks, never read as Markdown, LaTeX or HTML.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence

from .quiz import Quiz

# Characters Python-Markdown (with the smarty extension text2qti enables) unescapes after a
# backslash: escaping them keeps them literal (no emphasis, lists, code, curly quotes, dashes).
MARKDOWN_PUNCTUATION = set("\\`*_{}[]()>#+-.!\"'")


def text2qti_escape(text: str) -> str:
    """Plain text as text2qti Markdown that renders to exactly that text.

    ``$`` is escaped for text2qti's own LaTeX pass (which turns ``\\$`` into ``$``), ``&``
    and ``<`` become entities (Markdown passes raw HTML through), the rest of the Markdown
    punctuation gets a backslash.
    """
    out = []
    for char in " ".join(text.split()):
        if char == "&":
            out.append("&amp;")
        elif char == "<":
            out.append("&lt;")
        elif char == "$":
            out.append("\\$")
        elif char in MARKDOWN_PUNCTUATION:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def _title_line(text: str) -> str:
    # titles are not Markdown in text2qti (it XML-escapes them), so only whitespace matters
    return " ".join(text.split())


def quiz_title(quiz: Quiz, titles: Mapping[str, str]) -> str:
    """"Chapter 1 self-check: From balance of power to balance of threat"."""
    number = int(quiz.chapter[:2])
    title = titles.get(quiz.chapter)
    return f"Chapter {number} self-check: {title}" if title else f"Chapter {number} self-check"


def text2qti_source(quizzes: Sequence[Quiz], titles: Mapping[str, str], title: str | None = None) -> str:
    """One text2qti quiz holding ``quizzes`` (one chapter, or the whole book).

    Options keep the book's order (no shuffling: some options refer to each other), and each
    option carries its own feedback (text2qti's ``...`` line after a choice).
    """
    if not quizzes:
        raise ValueError("quizzes must hold at least one Quiz")
    name = title or (quiz_title(quizzes[0], titles) if len(quizzes) == 1 else "Alliances: self-check quizzes")
    lines = [
        f"Quiz title: {_title_line(name)}",
        "Quiz description: " + text2qti_escape(
            "From the self-check quizzes of the open book Alliances. Each option has feedback explaining it."
        ),
        "Shuffle answers: false",
        "Show correct answers: true",
        "",
    ]
    number = 0
    for quiz in quizzes:
        for question in quiz.questions:
            number += 1
            lines.append(f"Title: {_title_line(question.id)}")
            lines.append("Points: 1")
            lines.append(f"{number}. {text2qti_escape(question.prompt)}")
            for k, option in enumerate(question.options):
                letter = "abcdefghij"[k]
                mark = "*" if option.correct else ""
                lines.append(f"{mark}{letter}) {text2qti_escape(option.text)}")
                lines.append(f"... {text2qti_escape(option.feedback)}")
            lines.append("")
    return "\n".join(lines)


def qti_zip(source: str) -> bytes:
    """The QTI 1.2 package (a zip Canvas imports) that text2qti makes from ``source``."""
    # Imported here: text2qti is a build requirement (requirements.txt), not one of the
    # readers' packages (binder/requirements.txt), and nothing else in the package needs it.
    from text2qti.config import Config
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz as Text2qtiQuiz

    config = Config()  # defaults only: never reads or writes ~/.text2qti.bespon
    return QTI(Text2qtiQuiz(source, config=config)).zip_bytes()


def _html_text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    node = ET.SubElement(parent, tag, {"format": "html"})
    ET.SubElement(node, "text").text = f"<p>{html.escape(text, quote=False)}</p>"
    return node


def moodle_xml(quizzes: Sequence[Quiz], titles: Mapping[str, str], course_category: str = "Alliances") -> bytes:
    """One Moodle XML file: a category per chapter, then its multiple-choice questions."""
    root = ET.Element("quiz")
    for quiz in quizzes:
        category = ET.SubElement(root, "question", {"type": "category"})
        path = f"$course$/top/{course_category}/{quiz_title(quiz, titles).replace('/', '-')}"
        ET.SubElement(ET.SubElement(category, "category"), "text").text = path
        for question in quiz.questions:
            item = ET.SubElement(root, "question", {"type": "multichoice"})
            ET.SubElement(ET.SubElement(item, "name"), "text").text = question.id
            _html_text(item, "questiontext", question.prompt)
            for tag, value in (("defaultgrade", "1"), ("penalty", "0"), ("hidden", "0"), ("idnumber", question.id),
                               ("single", "true"), ("shuffleanswers", "false"), ("answernumbering", "abc")):
                ET.SubElement(item, tag).text = value
            for option in question.options:
                answer = ET.SubElement(item, "answer", {"fraction": "100" if option.correct else "0", "format": "html"})
                ET.SubElement(answer, "text").text = f"<p>{html.escape(option.text, quote=False)}</p>"
                _html_text(answer, "feedback", option.feedback)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
