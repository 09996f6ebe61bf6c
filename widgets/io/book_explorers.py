"""Which chapter holds each of the book's explorers (by explorer id).

A scenario file names the explorer it was saved from; when a reader loads it into another
explorer, both loaders (``scenario_file`` and ``static/explorer-files.js``, through
``scenario_rules.RULES``) say which chapter the file belongs to, and the class-results page
names the chapter of every file it reads. ``tests/io/test_class_files.py`` checks this table
against the ``explorer_id`` arguments in ``chapters/*.ipynb``.
"""

from __future__ import annotations

CHAPTERS: dict[int, str] = {
    1: "From balance of power to balance of threat",
    2: "Balancing",
    3: "Bandwagoning",
    4: "When do states balance, when do they bandwagon?",
    5: "Schweller's critique: bandwagoning for profit",
    6: "Beyond threat: ideology, aid and penetration",
    7: "Balancing worlds and bandwagoning worlds",
    8: "Testing the theory against history",
}

EXPLORER_IDS: tuple[str, ...] = (
    "ch1-sources", "ch1-iran",
    "ch2-hypotheses", "ch2-neighbours", "ch2-usa-1917",
    "ch3-map", "ch3-sources", "ch3-war",
    "ch4-conditions", "ch4-war", "ch4-staying-out", "ch4-insulated-buckpassing", "ch4-fighting-allies",
    "ch5-typology", "ch5-walt-schweller", "ch5-war",
    "ch6-ideology", "ch6-aid", "ch6-penetration", "ch6-combined",
    "ch7-worlds",
    "ch8-sensitivity",
)


def chapter_number(explorer_id: str) -> int:
    """The chapter of a book explorer (its id starts ``ch<N>-``)."""
    return int(explorer_id[2:].split("-", 1)[0])


def chapter_label(explorer_id: str) -> str:
    """'chapter 2 (Balancing)' for ``ch2-hypotheses``."""
    number = chapter_number(explorer_id)
    return f"chapter {number} ({CHAPTERS[number]})"


# explorer id -> chapter label, as the loaders' messages show it (embedded in RULES)
EXPLORER_CHAPTERS: dict[str, str] = {eid: chapter_label(eid) for eid in EXPLORER_IDS}
