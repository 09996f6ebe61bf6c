"""A generated class: 30 students' scenario files (and 3 broken ones) for the class-results tests.

The files are saved by the real explorers (chapter 1's Iran explorer and its first explorer,
built with the chapter's arguments), as students would save them: varied names (accents,
non-Latin scripts, one student handing in twice), JSON and CSV, justifications with commas,
quotes and line breaks, and one that starts with "=" (a spreadsheet formula). The codings
scatter around a reference coding with a fixed seed, so the class agrees moderately and every
run gives the same files. Used by tests/io/test_class_files.py and tests/site/test_class_results.py.
"""

from __future__ import annotations

import random
from functools import lru_cache

SEED = 1916
STUDENTS = (
    "Ana Ruiz", "Ben Okafor", "Chloé Martin", "Dev Patel", "Eun-ji Kim", "Farah Haddad", "Gustav Ångström",
    "Hana Novak", "Ivan Petrov", "Jia Li", "Kwame Mensah", "Laila Rahimi", "Mateo Rossi", "Nadia Farouk",
    "Oskar Nowak", "Priya Nair", "Quentin Dubois", "Rosa Díaz", "Sven Larsen", "Tomás Silva", "Uma Reddy",
    "Viktor Horváth", "Wen Zhou", "Ximena López", "Yusuf Demir", "Zoë Adams", "Алексей Смирнов", "李明", "",
)
REASONS = (
    "Russia's army is next door, and Britain has just left Kandahar.",
    'Walt calls Russia "the main threat"; Iran\'s own army is weak.',
    "Britain might return.\nI read the chapter's case notes twice.",
    "=The proximity is obvious",
    "",
)
IRAN = ("own_strength", "allied_support", "aggregate_power", "aggressive_intentions")
IRAN_REFERENCE = {"own_strength": 0.0, "allied_support": 0.0, "aggregate_power": 0.75, "aggressive_intentions": 0.5}
SOURCES = ("aggregate_power", "proximity", "offensive_power", "aggressive_intentions")
SOURCES_REFERENCE = {"aggregate_power": 0.5, "proximity": 0.75, "offensive_power": 0.5, "aggressive_intentions": 0.25}
GRID = (0.0, 0.25, 0.5, 0.75, 1.0)


@lru_cache(maxsize=1)
def _explorers():
    from widgets import Situation, Threat
    from widgets.explorers import threat_explorer

    iran = threat_explorer(
        Threat(aggregate_power=0.75, proximity=1.0, offensive_power=0.75, aggressive_intentions=0.5),
        Situation(own_strength=0.0, allied_support=0.0),
        vary=IRAN, title="Iran facing Russia after 1881, and what-ifs", explorer_id="ch1-iran",
    )
    sources = threat_explorer(
        Threat(aggregate_power=0.25, proximity=0.25, offensive_power=0.25, aggressive_intentions=0.25),
        Situation(own_strength=0.5, allied_support=0.5),
        title="Four sources of threat, seen by a middle power", explorer_id="ch1-sources",
    )
    return iran, sources


def _coded(rng: random.Random, reference: dict[str, float]) -> dict[str, float]:
    out = {}
    for name, value in reference.items():
        step = rng.choices((0, -1, 1, -2, 2), weights=(6, 2, 2, 1, 1))[0]
        out[name] = GRID[min(max(GRID.index(value) + step, 0), len(GRID) - 1)]
    return out


@lru_cache(maxsize=1)
def student_files() -> tuple[tuple[str, bytes], ...]:
    """30 (file name, bytes) pairs: 20 students code the Iran case (one of them twice), 10 the
    first explorer's middle power; every third file is CSV."""
    from widgets.io.scenario_file import download_name

    rng = random.Random(SEED)
    iran, sources = _explorers()
    files = []
    for number in range(30):
        on_iran = number < 20
        explorer, reference = (iran, IRAN_REFERENCE) if on_iran else (sources, SOURCES_REFERENCE)
        student = STUDENTS[3] if number == 19 else STUDENTS[number % len(STUDENTS)]  # Dev Patel hands in twice
        explorer.set(**_coded(rng, reference))
        explorer.student_input.value = student
        explorer.justification_input.value = REASONS[number % len(REASONS)]
        kind = "csv" if number % 3 == 2 else "json"
        name = f"{number + 1:02d}_{download_name(explorer.explorer_id, student, kind)}"  # an LMS numbers hand-ins
        files.append((name, explorer.export(kind).encode("utf-8")))
    return tuple(files)


def broken_files() -> tuple[tuple[str, bytes, str], ...]:
    """3 (file name, bytes, a piece of the problem both readers report) that must be refused."""
    good = student_files()[0][1].decode("utf-8")
    long_name = good.replace('"student": "Ana Ruiz"', '"student": "' + "Ana " * 30 + '"')
    assert long_name != good
    return (
        ("31_truncated.json", good[: len(good) // 2].encode("utf-8"), "not valid JSON"),
        ("32_excel-utf16.csv", ("\ufeff" + student_files()[2][1].decode()).encode("utf-16-le"), "UTF-16 text"),
        ("33_long-name.json", long_name.encode("utf-8"), "student is 120 characters long; at most 80 are allowed"),
    )


def all_files() -> list[tuple[str, bytes]]:
    return [*student_files(), *((name, data) for name, data, _ in broken_files())]
