"""Self-check quizzes: every chapter has one, every file is valid, the page markup is safe."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from widgets.display.quiz_view import QuizView, quiz_html, section_anchor, self_check
from widgets.io.quiz import Quiz, load_quiz, parse_quiz, quiz_names

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = sorted(p.stem for p in (ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))


def notebook(name: str) -> dict:
    return json.loads((ROOT / "chapters" / f"{name}.ipynb").read_text(encoding="utf-8"))


def headings(name: str) -> list[str]:
    out = []
    for cell in notebook(name)["cells"]:
        if cell["cell_type"] == "markdown":
            out += re.findall(r"^#{1,6} (.+?)\s*$", "".join(cell["source"]), re.M)
    return out


def test_every_chapter_has_a_quiz_and_every_quiz_a_chapter():
    assert CHAPTERS and quiz_names() == CHAPTERS


@pytest.mark.parametrize("name", CHAPTERS)
def test_the_chapter_shows_its_quiz_near_its_end(name):
    cells = notebook(name)["cells"]
    calls = [
        i
        for i, c in enumerate(cells)
        if c["cell_type"] == "code" and f'widgets.self_check("{name}")' in "".join(c["source"])
    ]
    assert len(calls) == 1, f"{name}: expected one cell calling widgets.self_check({name!r})"
    later = ["".join(c["source"]).split("\n")[0] for c in cells[calls[0] + 1 :] if c["cell_type"] == "markdown"]
    assert all(h.startswith(("## References", "## Further reading")) for h in later if h.startswith("## ")), later


@pytest.mark.parametrize("name", CHAPTERS)
def test_quiz_is_valid_and_points_to_real_sections(name):
    quiz = load_quiz(name)
    assert 4 <= len(quiz.questions) <= 8
    titles = headings(name)
    for q in quiz.questions:
        assert sum(o.correct for o in q.options) == 1
        if q.section:
            assert q.section in titles, f"{name} {q.id}: section {q.section!r} is not a heading of the chapter"
            assert titles.count(q.section) == 1, (
                f"{name} {q.id}: heading {q.section!r} is not unique, so its link is ambiguous"
            )


def test_question_ids_are_unique_across_the_book():
    ids = [q.id for name in CHAPTERS for q in load_quiz(name).questions]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_correct_answers_are_not_always_in_the_same_place():
    for name in CHAPTERS:
        positions = {q.answer for q in load_quiz(name).questions}
        assert len(positions) >= 3, f"{name}: the correct option sits at positions {positions} only"


GOOD = {
    "chapter": "99_test",
    "questions": [
        {
            "id": f"q{i}",
            "prompt": "Which?",
            "options": [{"text": "A", "feedback": "A fits.", "correct": True},
                        {"text": "B", "feedback": "B misreads."}],
        }
        for i in range(4)
    ],
}


def broken(path: tuple, value) -> dict:
    data = copy.deepcopy(GOOD)
    node = data
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


@pytest.mark.parametrize(
    "data, message",
    [
        ("just text", "expected a mapping"),
        (broken(("chapter",), "01_other"), "chapter must be '99_test'"),
        (broken(("questions",), []), "questions must be a list of 4 to 8 questions, got 0"),
        (broken(("questions", 0, "id"), "Bad Id"), "question 1: id must be lowercase"),
        (broken(("questions", 1, "id"), "q0"), "question 2: id 'q0' is used twice"),
        (broken(("questions", 0, "prompt"), ""), r"question 1 \(q0\): prompt must be non-empty text"),
        (
            broken(("questions", 0, "options"), [{"text": "A", "feedback": "f", "correct": True}]),
            "options must be a list of 2 to 5",
        ),
        (broken(("questions", 0, "options", 1, "correct"), True), "exactly one option must have correct: true, got 2"),
        (broken(("questions", 0, "options", 0, "correct"), "yes"), "option 1: correct must be true or false"),
        (broken(("questions", 0, "options", 1, "feedback"), KeyError), "option 2: missing field 'feedback'"),
        (broken(("questions", 0, "options", 1, "text"), "A"), "two options have the same text"),
        (broken(("questions", 0, "hint"), "x"), "unknown field 'hint'"),
        (broken(("questions", 0, "options", 0, "feedback"), "Right. A fits."), "option 1: feedback must not open with "
         "a verdict \\('Right.'\\)"),
        (broken(("questions", 0, "options", 1, "feedback"), "Not quite, B misreads."), "option 2: feedback must not"),
    ],
)
def test_broken_quizzes_are_refused_with_the_place_named(data, message):
    with pytest.raises(ValueError, match=message):
        parse_quiz(data, "99_test")


@pytest.mark.parametrize("name", ["99_missing", "../etc/passwd", "", 3])
def test_unknown_quiz_names_are_refused(name):
    with pytest.raises(ValueError, match="quiz|no quiz"):
        load_quiz(name)


def test_markup_escapes_hostile_text_and_works_without_javascript():
    data = copy.deepcopy(GOOD)
    data["questions"][0]["prompt"] = "<script>alert(1)</script>"
    data["questions"][0]["options"][0]["feedback"] = "</script><img src=x onerror=alert(1)>"
    data["questions"][0]["section"] = 'Idea: "one" <two>'
    html = quiz_html(parse_quiz(data, "99_test"))
    assert "<script>alert" not in html and "<img" not in html
    assert html.count("<script") == html.count("</script>") == 4  # only the four feedback tables
    assert html.count("<details") == 4 and html.count('type="radio"') == 8
    assert 'href="#idea-one-two"' in html


def test_section_anchor_follows_docutils():
    assert section_anchor("The idea: four sources of threat") == "the-idea-four-sources-of-threat"
    assert section_anchor("Schweller's argument") == "schweller-s-argument"
    assert section_anchor("1914: Europe's alliances") == "europe-s-alliances"


def test_check_gives_the_options_feedback():
    view = QuizView(parse_quiz(GOOD, "99_test"))
    assert view.check("q0", 0) == (True, "A fits.")
    assert view.check("q0", 1) == (False, "B misreads.")
    with pytest.raises(ValueError, match=r"choice must be an option index in \[0, 1\]"):
        view.check("q0", 2)
    with pytest.raises(ValueError, match="no question 'q9'"):
        view.check("q9", 0)


def test_self_check_offers_a_widget_and_static_html():
    bundle = self_check(CHAPTERS[0])._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert 'class="alliances-quiz"' in bundle["text/html"]
    assert bundle["text/plain"].startswith("Self-check quiz")
    with pytest.raises(TypeError, match="quiz must be a Quiz"):
        QuizView({"chapter": "x"})
    assert isinstance(load_quiz(CHAPTERS[0]), Quiz)


def test_live_quiz_checks_an_answer():
    view = QuizView(parse_quiz(GOOD, "99_test"))
    assert view.widget.children[1] is view.score  # the score sits near the top
    box = view.widget.children[2]
    _prompt, choices, button, feedback = box.children
    button.click()
    assert feedback.value == "<p>Choose an answer first.</p>"
    assert view.score.value == ""
    choices.value = 1
    button.click()
    assert feedback.value == "<p><b>Not quite.</b> B misreads.</p>"
    assert "0 of 4 right" in view.score.value
    choices.value = 0
    button.click()
    assert feedback.value == "<p><b>Correct.</b> A fits.</p>"
    # only first attempts count: the second try on question 1 does not raise the score
    assert "0 of 4 right" in view.score.value and "1 of 4 checked" in view.score.value
