"""Self-check quizzes: load and validate a chapter's questions (pure data, no display).

Each chapter ends with a short multiple-choice quiz kept in ``widgets/quizzes/<chapter>.yml``
(the format is described in ``widgets/quizzes/README.md``). The files ship inside the
package, so a chapter downloaded on its own finds its quiz once the package is installed.
Every problem in a file is reported with the file, the question and the field, so an
instructor editing a quiz learns exactly what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from .._paths import package_file

QUESTION_ID = re.compile(r"[a-z][a-z0-9-]*")
CHAPTER_NAME = re.compile(r"[0-9]{2}_[a-z0-9_]+")
MIN_QUESTIONS, MAX_QUESTIONS = 4, 8
MIN_OPTIONS, MAX_OPTIONS = 2, 5
# The page says "Correct." or "Not quite." before an option's feedback, so feedback that
# opens with its own verdict would read "Correct. Right. ..."
VERDICT_OPENING = re.compile(r"(right|correct|wrong|incorrect|not quite|yes|no)\b[.!,:]?", re.IGNORECASE)


@dataclass(frozen=True)
class Option:
    text: str
    feedback: str
    correct: bool = False


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    options: tuple[Option, ...]
    section: str | None = None

    @property
    def answer(self) -> int:
        """Index of the correct option."""
        return next(i for i, o in enumerate(self.options) if o.correct)


@dataclass(frozen=True)
class Quiz:
    chapter: str
    questions: tuple[Question, ...]


def _text(where: str, field: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{where}: {field} must be non-empty text, got {type(value).__name__} {str(value)[:40]!r}")
    return " ".join(value.split())


def _keys(where: str, data: Any, allowed: tuple[str, ...], required: tuple[str, ...]) -> None:
    if not isinstance(data, Mapping):
        raise ValueError(f"{where}: expected a mapping with {', '.join(required)}, got {type(data).__name__}")
    unknown = sorted(set(map(str, data)) - set(allowed))
    if unknown:
        raise ValueError(f"{where}: unknown field {', '.join(map(repr, unknown))} (allowed: {', '.join(allowed)})")
    missing = [k for k in required if k not in data]
    if missing:
        raise ValueError(f"{where}: missing field {', '.join(map(repr, missing))}")


def parse_quiz(data: Any, name: str) -> Quiz:
    """Validate a quiz read from YAML; ``name`` is the file's chapter name (for messages)."""
    where = f"quiz {name}"
    _keys(where, data, ("chapter", "questions"), ("chapter", "questions"))
    if data["chapter"] != name:
        raise ValueError(f"{where}: chapter must be {name!r} (the file's name), got {str(data['chapter'])[:40]!r}")
    items = data["questions"]
    if not isinstance(items, list) or not MIN_QUESTIONS <= len(items) <= MAX_QUESTIONS:
        count = len(items) if isinstance(items, list) else type(items).__name__
        raise ValueError(
            f"{where}: questions must be a list of {MIN_QUESTIONS} to {MAX_QUESTIONS} questions, got {count}"
        )
    questions, seen = [], set()
    for number, item in enumerate(items, 1):
        q_where = f"{where}, question {number}"
        _keys(q_where, item, ("id", "prompt", "options", "section"), ("id", "prompt", "options"))
        qid = item["id"]
        if not isinstance(qid, str) or not QUESTION_ID.fullmatch(qid):
            raise ValueError(f"{q_where}: id must be lowercase letters, digits and hyphens, got {str(qid)[:40]!r}")
        if qid in seen:
            raise ValueError(f"{q_where}: id {qid!r} is used twice")
        seen.add(qid)
        q_where = f"{where}, question {number} ({qid})"
        options_data = item["options"]
        if not isinstance(options_data, list) or not MIN_OPTIONS <= len(options_data) <= MAX_OPTIONS:
            raise ValueError(f"{q_where}: options must be a list of {MIN_OPTIONS} to {MAX_OPTIONS} options")
        options = []
        for k, option in enumerate(options_data, 1):
            o_where = f"{q_where}, option {k}"
            _keys(o_where, option, ("text", "feedback", "correct"), ("text", "feedback"))
            correct = option.get("correct", False)
            if not isinstance(correct, bool):
                raise ValueError(f"{o_where}: correct must be true or false, got {correct!r}")
            feedback = _text(o_where, "feedback", option["feedback"])
            verdict = VERDICT_OPENING.match(feedback)
            if verdict:
                raise ValueError(f"{o_where}: feedback must not open with a verdict ({verdict.group(0)!r}): the page "
                                 "already says 'Correct.' or 'Not quite.' before it")
            options.append(Option(_text(o_where, "text", option["text"]), feedback, correct))
        right = sum(o.correct for o in options)
        if right != 1:
            raise ValueError(f"{q_where}: exactly one option must have correct: true, got {right}")
        if len({o.text for o in options}) != len(options):
            raise ValueError(f"{q_where}: two options have the same text")
        section = item.get("section")
        questions.append(
            Question(
                qid,
                _text(q_where, "prompt", item["prompt"]),
                tuple(options),
                _text(q_where, "section", section) if section is not None else None,
            )
        )
    return Quiz(name, tuple(questions))


def _folder():
    return package_file("io", "quizzes")


def quiz_names() -> list[str]:
    """The chapters that have a quiz file, in order."""
    files = _folder().iterdir()
    return sorted(f.name[:-4] for f in files if f.name.endswith(".yml"))


def load_quiz(name: str) -> Quiz:
    """The validated quiz of chapter ``name`` (e.g. ``"01_balance_of_threat"``)."""
    if not isinstance(name, str) or not CHAPTER_NAME.fullmatch(name):
        raise ValueError(f"quiz name must look like '01_balance_of_threat', got {name!r}")
    source = _folder() / f"{name}.yml"
    if not source.is_file():
        raise ValueError(f"no quiz named {name!r}; the quizzes are: {', '.join(quiz_names())}")
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ValueError(f"quiz {name}: not valid YAML ({exc})") from None
    return parse_quiz(data, name)
