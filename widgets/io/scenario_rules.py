"""The one declared rule set for reading scenario files (see ``scenario_file``).

Python applies exactly these rules (``scenario_text``); the page embeds the same dict in each
explorer's data, where ``static/explorer-files.js`` reads it. Every pattern is written in the
subset of regular-expression syntax that Python's ``re`` (``fullmatch``) and JavaScript's
``RegExp`` (``test``, flag "u") read alike.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from ..model.validation import LISTED_NAMES, SHOWN_CHARACTERS
from .book_explorers import EXPLORER_CHAPTERS

FORMAT = "alliances-scenario"
VERSION = 1
MAX_BYTES = 64 * 1024  # a scenario is a few hundred bytes; refuse anything absurd before parsing
GRID_TOLERANCE = 1e-6
# student and justification are optional: a file saved before they existed still loads
_HEAD = ("format", "version", "explorer", "title", "student", "justification")

# The one declared set of rules for reading a scenario file. Python applies exactly these
# (below); the page embeds the same dict (``rules_json``) for static/explorer.js. Every
# pattern is written in the subset of regular-expression syntax that Python's ``re``
# (used with ``fullmatch``) and JavaScript's ``RegExp`` (used with ``test``) read alike.
RULES: dict[str, Any] = {
    "format": FORMAT,
    "versions": [VERSION],
    "max_bytes": MAX_BYTES,
    # text: UTF-8 (invalid bytes refused), one optional UTF-8 byte-order mark removed;
    # a UTF-16/UTF-32 byte-order mark, a NUL character or a lone surrogate is refused
    "encoding": "utf-8",
    "utf8_bom": [0xEF, 0xBB, 0xBF],
    "rejected_boms": [
        {"name": "UTF-32", "bytes": [0xFF, 0xFE, 0x00, 0x00]},
        {"name": "UTF-32", "bytes": [0x00, 0x00, 0xFE, 0xFF]},
        {"name": "UTF-16", "bytes": [0xFF, 0xFE]},
        {"name": "UTF-16", "bytes": [0xFE, 0xFF]},
    ],
    "forbidden_text": "[\\u0000\\uD800-\\uDFFF]",  # NUL, or a lone surrogate (JS: RegExp flag "u")
    # JSON if the text, after JSON whitespace, starts with one of these, or the file name
    # ends with json_suffix; CSV otherwise
    "json_whitespace": " \t\r\n",
    "json_starts": ["{", "["],
    "json_suffix": ".json",
    "max_depth": 5,  # objects and arrays inside one another; a scenario uses 3
    "max_field_name": 64,  # characters in a key or CSV column name
    "max_listed": LISTED_NAMES,  # names listed in a message before "and N more"
    "max_shown": SHOWN_CHARACTERS,  # characters of a value quoted in a message
    # CSV (RFC 4180): fields split on ",", quoted with '"' ('""' inside quotes is a quote);
    # records end at CRLF, LF or CR; a quote inside an unquoted field is refused; blank
    # records are skipped. A number or true/false cell is first trimmed of csv_trim.
    "csv_head": list(_HEAD),
    "csv_prefixes": ["control.", "prediction."],
    "csv_trim": " \t",
    "number_pattern": "^-?[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$",
    "true_pattern": "^(?:[Tt][Rr][Uu][Ee]|[Yy][Ee][Ss])$",
    "false_pattern": "^(?:[Ff][Aa][Ll][Ss][Ee]|[Nn][Oo])$",
    # spreadsheet formulas: a text cell starting with one of these is saved with the guard
    # in front (CSV); loading removes a guard before one of them, and warns about a text
    # value that starts with one unguarded
    "formula_starts": ["=", "+", "-", "@", "\t", "\r"],
    "formula_guard": "'",
    # what a student writes into the file: optional text, at most "max" characters (Unicode
    # code points: JavaScript counts Array.from(text).length), "one_line": no line break
    "text_fields": {
        "student": {"max": 80, "one_line": True},
        "justification": {"max": 2000, "one_line": False},
    },
    # a file saved from another explorer is refused naming that explorer's chapter
    "explorer_chapters": EXPLORER_CHAPTERS,
    # the download name "<explorer>-<student slug>-scenario.json": the student's name in
    # Unicode NFKD form, combining marks (category Mn) dropped, lower-cased, every run of
    # characters matching "drop" made one "-", "-" trimmed at both ends, cut to "max"
    "slug": {"drop": "[^a-z0-9]+", "max": 40},
    "regex_flags": "u",  # JavaScript: new RegExp(pattern, "u"); Python: re.fullmatch / re.search
}


def rules_json() -> str:
    """``RULES`` as compact JSON, for a page to embed where explorer.js reads it."""
    return json.dumps(RULES, separators=(",", ":"), sort_keys=True)


_NUMBER = re.compile(RULES["number_pattern"])
_TRUE = re.compile(RULES["true_pattern"])
_FALSE = re.compile(RULES["false_pattern"])
_FORBIDDEN = re.compile(RULES["forbidden_text"])
_FORMULA = tuple(RULES["formula_starts"])
_GUARD = RULES["formula_guard"]
_SLUG_DROP = re.compile(RULES["slug"]["drop"])


def student_slug(student: str) -> str:
    """The student's name as it goes into a download name ('Zoë Ångström' -> 'zoe-angstrom'), by RULES['slug']."""
    text = "".join(ch for ch in unicodedata.normalize("NFKD", student) if unicodedata.category(ch) != "Mn")
    text = _SLUG_DROP.sub("-", text.lower()).strip("-")
    return text[: RULES["slug"]["max"]].strip("-")


def download_name(explorer_id: str, student: str, kind: str) -> str:
    """'ch1-sources-zoe-angstrom-scenario.json'; without a student, 'ch1-sources-scenario.json'."""
    slug = student_slug(student or "")
    return f"{explorer_id}-{slug}-scenario.{kind}" if slug else f"{explorer_id}-scenario.{kind}"
