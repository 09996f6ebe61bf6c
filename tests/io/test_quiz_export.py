"""The LMS exports (make lms) re-read: every question, option, correct answer and feedback.

The QTI 1.2 packages (text2qti) and the Moodle XML file are parsed back with the standard
library's XML parser, their HTML turned back into text, and compared with the quiz YAML the
book shows. A quiz full of characters that mean something to Markdown, LaTeX, HTML or XML
must come back exactly as written (and as plain text: no tag but the paragraph).
"""

from __future__ import annotations

import html.parser
import importlib.util
import io
import zipfile
from pathlib import Path

import defusedxml.ElementTree as DET
import pytest

from widgets.io.quiz import Quiz, load_quiz, parse_quiz, quiz_names
from widgets.io.quiz_export import moodle_xml, qti_zip, text2qti_escape, text2qti_source

ROOT = Path(__file__).resolve().parents[2]
QTI_NS = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
EXPECTED_QUESTIONS = 49  # 6 a chapter (issue 16), and a seventh in chapter 8 on what counts as a held-out test


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.parts.append(data)


def html_text(fragment: str) -> tuple[str, set[str]]:
    """The text a platform shows for an HTML fragment, and the tags it used."""
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    return " ".join("".join(parser.parts).split()), parser.tags


def plain(fragment: str) -> str:
    text, tags = html_text(fragment)
    assert tags <= {"p"}, f"the export turned plain text into markup {sorted(tags - {'p'})}: {fragment!r}"
    return text


def as_records(quizzes: list[Quiz]) -> list[tuple]:
    """(id, prompt, ((option, feedback), ...), correct index) for every question, in order."""
    return [
        (q.id, q.prompt, tuple((o.text, o.feedback) for o in q.options), q.answer)
        for quiz in quizzes for q in quiz.questions
    ]


def read_qti(data: bytes) -> tuple[str, list[tuple]]:
    """The quiz title and the questions of a QTI 1.2 package, read back from its XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = zf.namelist()
        assert "imsmanifest.xml" in names
        manifest = DET.fromstring(zf.read("imsmanifest.xml"))
        hrefs = [el.get("href") for el in manifest.iter() if el.tag.endswith("file") and el.get("href")]
        assessments = [n for n in names if n.endswith(".xml") and "/" in n and not n.endswith("assessment_meta.xml")]
        assert len(assessments) == 1, names
        assert assessments[0] in hrefs, f"the manifest does not list {assessments[0]} ({hrefs})"
        root = DET.fromstring(zf.read(assessments[0]))
    assessment = root.find(f"{QTI_NS}assessment")
    records = []
    for item in assessment.iter(f"{QTI_NS}item"):
        prompt = item.find(f"{QTI_NS}presentation/{QTI_NS}material/{QTI_NS}mattext").text
        labels = item.findall(f".//{QTI_NS}response_label")
        ids = [label.get("ident") for label in labels]
        texts = [plain(label.find(f".//{QTI_NS}mattext").text) for label in labels]
        feedback = {fb.get("ident"): plain(fb.find(f".//{QTI_NS}mattext").text)
                    for fb in item.findall(f"{QTI_NS}itemfeedback")}
        linked = {}
        scored = []
        for cond in item.iter(f"{QTI_NS}respcondition"):
            choice = cond.find(f".//{QTI_NS}varequal").text
            shown = cond.find(f"{QTI_NS}displayfeedback")
            if shown is not None:
                linked[choice] = feedback[shown.get("linkrefid")]
            score = cond.find(f"{QTI_NS}setvar")
            if score is not None and float(score.text) == 100:
                scored.append(choice)
        assert len(scored) == 1, f"{item.get('title')}: {len(scored)} options score 100"
        options = tuple((text, linked[i]) for text, i in zip(texts, ids, strict=True))
        records.append((item.get("title"), plain(prompt), options, ids.index(scored[0])))
    return assessment.get("title"), records


def read_moodle(data: bytes) -> dict[str, list[tuple]]:
    """{category path: its questions} of a Moodle XML file."""
    root = DET.fromstring(data)
    assert root.tag == "quiz"
    banks: dict[str, list[tuple]] = {}
    category = None
    for question in root.findall("question"):
        if question.get("type") == "category":
            category = question.find("category/text").text
            banks[category] = []
            continue
        assert question.get("type") == "multichoice" and question.find("single").text == "true"
        assert category is not None, "a question before the first category"
        answers = question.findall("answer")
        options = tuple((plain(a.find("text").text), plain(a.find("feedback/text").text)) for a in answers)
        right = [k for k, a in enumerate(answers) if float(a.get("fraction")) == 100]
        assert len(right) == 1 and all(float(a.get("fraction")) in (0, 100) for a in answers)
        banks[category].append(
            (question.find("name/text").text, plain(question.find("questiontext/text").text), options, right[0])
        )
    return banks


TITLES = {"01_balance_of_threat": "From balance of power to balance of threat"}
ALL = [load_quiz(name) for name in quiz_names()]

HOSTILE_TEXTS = [
    "Walt & Schweller's \"*balance*\" of _threat_ <b>not bold</b> &amp; a &lt;tag&gt;",
    "1. not a list -- nor a dash... costs $5 and $x$ is not maths \\num{3} \\SI{2}{m}",
    "`code` [link](http://example.org) ![img](x.png) # not a heading {.attr} \\ back\\slash",
    "+ plus - minus * star > quote | pipe % percent ^ caret ~ tilde = equals ]]> <!-- c -->",
]


def hostile_quiz() -> Quiz:
    options = [{"text": t, "feedback": f"Because {t}", "correct": k == 0} for k, t in enumerate(HOSTILE_TEXTS)]
    data = {"chapter": "09_hostile", "questions": [
        {"id": f"q{n}", "prompt": HOSTILE_TEXTS[n % 4] + " ?", "options": options} for n in range(4)
    ]}
    return parse_quiz(data, "09_hostile")


def test_the_book_has_49_questions():
    assert sum(len(q.questions) for q in ALL) == EXPECTED_QUESTIONS


@pytest.mark.parametrize("quiz", ALL, ids=lambda q: q.chapter)
def test_each_chapter_qti_package_reads_back_as_the_yaml(quiz):
    title, records = read_qti(qti_zip(text2qti_source([quiz], TITLES)))
    assert records == as_records([quiz])
    assert title.startswith(f"Chapter {int(quiz.chapter[:2])} self-check")


def test_the_book_qti_package_holds_every_question():
    _title, records = read_qti(qti_zip(text2qti_source(ALL, TITLES)))
    assert len(records) == EXPECTED_QUESTIONS
    assert records == as_records(ALL)


def test_moodle_xml_has_one_category_per_chapter_with_its_questions():
    banks = read_moodle(moodle_xml(ALL, TITLES))
    assert len(banks) == len(ALL)
    for (category, records), quiz in zip(banks.items(), ALL, strict=True):
        assert category.startswith(f"$course$/top/Alliances/Chapter {int(quiz.chapter[:2])} self-check")
        assert records == as_records([quiz])


def test_markup_in_quiz_text_reaches_the_student_as_written():
    quiz = hostile_quiz()
    _title, records = read_qti(qti_zip(text2qti_source([quiz], {})))
    assert records == as_records([quiz])
    banks = read_moodle(moodle_xml([quiz], {}))
    assert list(banks.values()) == [as_records([quiz])]


def test_escape_leaves_ordinary_text_readable():
    assert text2qti_escape("Walt (1987), p. 5") == "Walt \\(1987\\), p\\. 5"
    assert text2qti_escape("  two\n lines ") == "two lines"


def test_make_lms_writes_every_export(tmp_path):
    spec = importlib.util.spec_from_file_location("lms_export", ROOT / "tools" / "lms_export.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    titles = tool.chapter_titles()
    assert set(titles) == set(quiz_names()), "every quiz has a chapter notebook with a '# ' title"
    files = tool.export(tmp_path)
    chapter_zips = sorted((tmp_path / "qti").glob("alliances-0*-qti.zip"))
    assert [p.name for p in chapter_zips] == [f"alliances-{n}-qti.zip" for n in quiz_names()]
    for path, quiz in zip(chapter_zips, ALL, strict=True):
        title, records = read_qti(path.read_bytes())
        assert records == as_records([quiz])
        assert title == f"Chapter {int(quiz.chapter[:2])} self-check: {titles[quiz.chapter]}"
    _title, records = read_qti((tmp_path / "qti" / tool.BOOK_QTI).read_bytes())
    assert records == as_records(ALL)
    banks = read_moodle((tmp_path / "moodle" / tool.MOODLE).read_bytes())
    assert [r for records in banks.values() for r in records] == as_records(ALL)
    assert len(files) == len(ALL) + 2
