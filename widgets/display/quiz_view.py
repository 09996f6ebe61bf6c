"""Self-check quizzes on the page: kernel-free HTML for the book, ipywidgets when live.

``self_check("01_balance_of_threat")`` returns a :class:`QuizView`. Like an explorer it has
two views: in the published book myst-nb shows its ``text/html`` (radio buttons, a Check
button per question and feedback, driven by ``static/quiz.js``; without JavaScript each
question still has a "Show the answer" disclosure), and in JupyterLab the widget view.
Nothing is recorded or sent anywhere: the quiz is for the reader alone.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

import ipywidgets as ipw

from ..io.quiz import Question, Quiz, load_quiz
from .render import script_json


def section_anchor(title: str) -> str:
    """The id Sphinx (docutils) gives a section with this title, e.g. "the-idea-four-sources-of-threat"."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", " ".join(text.split()))
    return re.sub(r"^[-0-9]+|-+$", "", text)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _question_html(quiz: Quiz, number: int, q: Question) -> str:
    qid = f"quiz-{_e(q.id)}"
    options = "".join(
        f'<div class="aq-option"><input type="radio" name="{qid}" id="{qid}-{k}" value="{k}" disabled>'
        f'<label for="{qid}-{k}">{_e(o.text)}</label></div>'
        for k, o in enumerate(q.options)
    )
    right = q.options[q.answer]
    reread = ""
    if q.section:
        reread = f' Reread: <a href="#{_e(section_anchor(q.section))}">{_e(q.section)}</a>.'
    return (
        f'<fieldset class="aq-question" id="{qid}" data-answer="{q.answer}">'
        f'<legend><span class="aq-number">{number}.</span> {_e(q.prompt)}</legend>{options}'
        f'<div class="aq-actions" hidden><button type="button" class="aq-check">Check answer</button></div>'
        f'<p class="aq-feedback" role="status" aria-live="polite"></p>'
        f'<details class="aq-answer"><summary>Show the answer</summary>'
        f'<p><strong>{_e(right.text)}</strong> {_e(right.feedback)}{reread}</p></details>'
        f'<script type="application/json" class="aq-data">{script_json([o.feedback for o in q.options])}</script>'
        f"</fieldset>"
    )


def quiz_html(quiz: Quiz) -> str:
    """The kernel-free quiz (see the module docstring)."""
    if not isinstance(quiz, Quiz):
        raise TypeError(f"quiz must be a Quiz, got {type(quiz).__name__}")
    count = len(quiz.questions)
    questions = "".join(_question_html(quiz, n, q) for n, q in enumerate(quiz.questions, 1))
    return (
        f'<section class="alliances-quiz" id="quiz-{_e(quiz.chapter)}" aria-label="Self-check quiz">'
        f'<p class="aq-intro">{count} questions. Choose an answer and check it: the feedback explains '
        f"each choice. Only your first try at each question counts toward the score. Nothing is recorded or "
        f"sent anywhere.</p>"
        f'<p class="aq-score" aria-live="polite"></p>{questions}</section>'
    )


def score_text(first_tries: dict[str, bool], total: int) -> str:
    """The quiz's score: first tries only (quiz.js writes the same sentence)."""
    if not first_tries:
        return ""
    right = sum(first_tries.values())
    return f"First tries: {right} of {total} right ({len(first_tries)} of {total} checked)."


class QuizView:
    """A chapter's quiz: ``text/html`` for the book, an ipywidgets form when live."""

    def __init__(self, quiz: Quiz) -> None:
        if not isinstance(quiz, Quiz):
            raise TypeError(f"quiz must be a Quiz, got {type(quiz).__name__}")
        self.quiz = quiz
        self._widget: ipw.Widget | None = None
        self.score = ipw.HTML()
        self.first_tries: dict[str, bool] = {}

    def check(self, question_id: str, choice: int) -> tuple[bool, str]:
        """Whether option ``choice`` (0-based) of question ``question_id`` is right, and its feedback."""
        question = next((q for q in self.quiz.questions if q.id == question_id), None)
        if question is None:
            raise ValueError(f"no question {question_id!r} in quiz {self.quiz.chapter}")
        if isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice < len(question.options):
            raise ValueError(f"choice must be an option index in [0, {len(question.options) - 1}], got {choice!r}")
        option = question.options[choice]
        return option.correct, option.feedback

    @property
    def widget(self) -> ipw.Widget:
        if self._widget is None:
            self._widget = ipw.VBox([ipw.HTML("<b>Self-check</b>"), self.score, *(self._question_widget(n, q)
                                     for n, q in enumerate(self.quiz.questions, 1))])
        return self._widget

    def _question_widget(self, number: int, q: Question) -> ipw.Widget:
        choices = ipw.RadioButtons(options=[(o.text, k) for k, o in enumerate(q.options)], value=None,
                                   layout=ipw.Layout(width="auto"))
        feedback = ipw.HTML()
        button = ipw.Button(description="Check answer")

        def on_click(_b: Any) -> None:
            if choices.value is None:
                feedback.value = "<p>Choose an answer first.</p>"
                return
            right, text = self.check(q.id, choices.value)
            feedback.value = f"<p><b>{'Correct.' if right else 'Not quite.'}</b> {html.escape(text)}</p>"
            self.first_tries.setdefault(q.id, right)
            self.score.value = f"<p>{score_text(self.first_tries, len(self.quiz.questions))}</p>"

        button.on_click(on_click)
        return ipw.VBox([ipw.HTML(f"<p><b>{number}.</b> {html.escape(q.prompt)}</p>"), choices, button, feedback])

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict[str, Any]:
        bundle = dict(self.widget._repr_mimebundle_(include=include, exclude=exclude) or {})
        bundle["text/html"] = quiz_html(self.quiz)
        lines = [f"{n}. {q.prompt}" for n, q in enumerate(self.quiz.questions, 1)]
        bundle["text/plain"] = "Self-check quiz\n" + "\n".join(lines)
        return bundle


def self_check(chapter: str) -> QuizView:
    """The self-check quiz of ``chapter`` (its notebook's name, e.g. "03_bandwagoning")."""
    return QuizView(load_quiz(chapter))
