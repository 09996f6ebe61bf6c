"""The glossary and the chapters' Key terms sections agree (no build, no browser).

Every chapter opens with a "## Key terms" definition list. Each term line there must link to
glossary.md with the {term} role; every glossary entry must be a key term of some chapter (or be
listed in EXTRA_ENTRIES below); no term is defined twice; and each entry ends with an
"Introduced in ..." sentence naming, with {doc} links, exactly the chapters that define it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "glossary.md"
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))

# Glossary entries that no chapter's Key terms section links to, with the reason they are kept.
EXTRA_ENTRIES: dict[str, str] = {}

TERM_ROLE = re.compile(r"\{term\}`([^`]*)`")
DOC_ROLE = re.compile(r"\{doc\}`([^`]*)`")
HEADING = re.compile(r"^#{1,6} ")


def norm(term: str) -> str:
    """How Sphinx matches a {term} target to a glossary term: case and runs of spaces ignored."""
    return " ".join(term.split()).lower()


def role_target(content: str) -> tuple[str, str]:
    """(shown text, target) of a role's content, "text <target>" or just "target"."""
    m = re.fullmatch(r"(.*?)\s*<([^<>]+)>", content.strip(), flags=re.S)
    return (m.group(1), m.group(2).strip()) if m else (content.strip(), content.strip())


# --------------------------------------------------------------------------- chapters


@dataclass
class KeyTerm:
    chapter: str  # notebook stem, e.g. "01_balance_of_threat"
    line: str  # the definition-list term line as written
    has_definition: bool  # followed by a ": ..." definition line

    @property
    def targets(self) -> list[str]:
        return [role_target(c)[1] for c in TERM_ROLE.findall(self.line)]


def key_terms_sections(notebook: Path) -> list[list[str]]:
    """The lines of every "## Key terms" section in the notebook's markdown cells."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    sections = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        lines = "".join(cell["source"]).splitlines()
        for start, line in enumerate(lines):
            if line.rstrip() == "## Key terms":
                end = next((i for i in range(start + 1, len(lines)) if HEADING.match(lines[i])), len(lines))
                sections.append(lines[start + 1:end])
    return sections


def key_terms(notebook: Path) -> list[KeyTerm]:
    sections = key_terms_sections(notebook)
    assert len(sections) == 1, f"{notebook.stem}: expected one '## Key terms' section, found {len(sections)}"
    lines = sections[0]
    terms = []
    for i, line in enumerate(lines):
        if not line.strip() or line.startswith((" ", "\t", ":")):
            continue  # blank, continuation or definition line
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        terms.append(KeyTerm(notebook.stem, line.strip(), nxt.startswith(": ")))
    return terms


# --------------------------------------------------------------------------- glossary


@dataclass
class Entry:
    terms: list[str]
    lineno: int
    definition: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.definition).split())


def glossary_lines() -> list[str]:
    return GLOSSARY.read_text(encoding="utf-8").splitlines()


def glossary_entries() -> list[Entry]:
    lines = glossary_lines()
    opens = [i for i, line in enumerate(lines) if line.strip() == "```{glossary}"]
    assert len(opens) == 1, f"glossary.md: expected one ```{{glossary}} directive, found {len(opens)}"
    start = opens[0] + 1
    end = next(i for i in range(start, len(lines)) if lines[i].strip() == "```")
    entries: list[Entry] = []
    previous = ""
    for i in range(start, end):
        line = lines[i]
        if line.startswith(":") and not entries:
            continue  # directive option, e.g. :sorted:
        if not line.strip():
            previous = "blank"
        elif line[0] in " \t":
            assert entries, f"glossary.md line {i + 1}: definition text before any term"
            entries[-1].definition.append(line.strip())
            previous = "definition"
        else:
            if previous == "term":
                entries[-1].terms.append(line.strip())  # several terms sharing one definition
            else:
                assert previous != "definition", f"glossary.md line {i + 1}: term {line!r} needs a blank line before it"
                entries.append(Entry([line.strip()], i + 1))
            previous = "term"
    return entries


def glossary_index(entries: list[Entry] | None = None) -> dict[str, Entry]:
    return {norm(t): e for e in (glossary_entries() if entries is None else entries) for t in e.terms}


def all_key_terms() -> list[KeyTerm]:
    return [t for nb in CHAPTERS for t in key_terms(nb)]


# --------------------------------------------------------------------------- tests


def test_glossary_page_shape():
    lines = glossary_lines()
    assert lines[0] == "# Glossary", "glossary.md must start with the title '# Glossary'"
    assert ":sorted:" in lines, "the glossary directive should be :sorted:"
    entries = glossary_entries()
    assert entries, "glossary.md has no entries"
    empty = [e.terms[0] for e in entries if not e.definition]
    assert not empty, f"glossary entries without a definition: {empty}"


def test_there_are_eight_chapters_with_key_terms():
    assert len(CHAPTERS) == 8, [p.name for p in CHAPTERS]
    for nb in CHAPTERS:
        assert key_terms(nb), f"{nb.stem}: its Key terms section defines no terms"


@pytest.mark.parametrize("notebook", CHAPTERS, ids=lambda p: p.stem)
def test_every_key_term_links_to_a_glossary_entry(notebook):
    index = glossary_index()
    problems = []
    for term in key_terms(notebook):
        where = f"{notebook.stem}: key term {term.line!r}"
        if not term.has_definition:
            problems.append(f"{where} is not followed by its ': definition' line")
        if not term.line.startswith("{term}`"):
            problems.append(f"{where} does not start with a {{term}} link to the glossary")
        for target in term.targets:
            if norm(target) not in index:
                problems.append(f"{where} links to {target!r}, which is not a glossary entry")
        # a glossary term left as plain text next to the links would be an unlinked key term
        rest = norm(TERM_ROLE.sub(" ", term.line))
        for name in index:
            if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", rest):
                problems.append(f"{where} mentions glossary term {name!r} without linking it")
    assert not problems, "\n".join(problems)


def test_every_glossary_entry_is_a_key_term():
    linked = {norm(t) for k in all_key_terms() for t in k.targets}
    extras = {norm(t) for t in EXTRA_ENTRIES}
    orphans = [e.terms for e in glossary_entries() if not {norm(t) for t in e.terms} & (linked | extras)]
    assert not orphans, (
        "glossary entries that no chapter's Key terms section links to (link them, or add them to "
        f"EXTRA_ENTRIES with a reason): {orphans}"
    )
    stale = [t for t in EXTRA_ENTRIES if norm(t) not in glossary_index()]
    assert not stale, f"EXTRA_ENTRIES not in glossary.md: {stale}"


def test_no_duplicate_glossary_terms():
    seen: dict[str, int] = {}
    dupes = []
    for entry in glossary_entries():
        for term in entry.terms:
            key = norm(term)
            if key in seen:
                dupes.append(f"{term!r} (glossary.md lines {seen[key]} and {entry.lineno})")
            seen.setdefault(key, entry.lineno)
    assert not dupes, f"glossary terms defined more than once: {dupes}"


def test_every_entry_names_the_chapters_that_introduce_it():
    entries = glossary_entries()
    index = glossary_index(entries)
    defined_in: dict[int, set[str]] = {}  # id(entry) -> chapters whose Key terms link to it
    for k in all_key_terms():
        for target in k.targets:
            if norm(target) in index:
                defined_in.setdefault(id(index[norm(target)]), set()).add(k.chapter)
    problems = []
    for entry in entries:
        name = entry.terms[0]
        m = re.search(r"Introduced in ([^.]*)\.$", entry.text)
        if not m:
            problems.append(f"glossary entry {name!r} does not end with 'Introduced in <chapter links>.'")
            continue
        cited = []
        for content in DOC_ROLE.findall(m.group(1)):
            shown, target = role_target(content)
            stem = target.removeprefix("/").removeprefix("chapters/")
            if not (ROOT / "chapters" / f"{stem}.ipynb").is_file():
                problems.append(f"glossary entry {name!r} names {target!r}, which is not a chapter")
                continue
            number = int(stem.split("_")[0])
            if shown != target and shown != f"Chapter {number}":
                problems.append(f"glossary entry {name!r}: link text {shown!r} should read 'Chapter {number}'")
            cited.append(stem)
        expected = defined_in.get(id(entry), set())
        if expected - set(cited):
            problems.append(f"glossary entry {name!r} does not name {sorted(expected - set(cited))}, "
                            "whose Key terms define it")
        if set(cited) - expected and name not in EXTRA_ENTRIES:
            problems.append(f"glossary entry {name!r} names {sorted(set(cited) - expected)}, "
                            "whose Key terms do not link to it")
        if cited != sorted(cited) or len(cited) != len(set(cited)):
            problems.append(f"glossary entry {name!r}: list its chapters once each, in order: {cited}")
    assert not problems, "\n".join(problems)


def test_cross_references_inside_the_glossary_resolve():
    index = glossary_index()
    broken = [f"glossary entry {e.terms[0]!r} links to {role_target(c)[1]!r}, which is not a glossary term"
              for e in glossary_entries() for c in TERM_ROLE.findall(e.text) if norm(role_target(c)[1]) not in index]
    assert not broken, "\n".join(broken)
