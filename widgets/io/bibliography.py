"""Short author-year labels for BibTeX keys, read from the book's ``references.bib``."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from .._paths import bibliography_file

_ENTRY = re.compile(r"@\w+\s*\{\s*([^,\s]+)\s*,(.*?)\n\}", re.S)
_FIELD = re.compile(r"\b(author|editor|year|title)\s*=\s*[{\"](.*?)[}\"]\s*,?\s*$", re.M | re.I)


@functools.lru_cache(maxsize=4)
def entries(path: str | None = None) -> dict[str, dict[str, str]]:
    """Key -> {author, year, title} for every entry of the bibliography."""
    if path:
        file = Path(path)
    else:  # the repository's file, else the copy installed with the package (pyproject.toml)
        file = bibliography_file()
    if not file.is_file():
        return {}
    out = {}
    for key, body in _ENTRY.findall(file.read_text(encoding="utf-8")):
        out[key] = {name.lower(): value.strip() for name, value in _FIELD.findall(body)}
    return out


def _surname(person: str) -> str:
    person = person.strip().strip("{}")
    return person.split(",")[0].strip() if "," in person else person.split()[-1]


def short_citation(key: str) -> str:
    """'Walt 1987', 'Christensen and Snyder 1990', 'Leeds et al. 2002'; the key itself if unknown."""
    entry = entries().get(key)
    if not entry:
        return key
    people = [p for p in re.split(r"\s+and\s+", entry.get("author") or entry.get("editor") or "") if p.strip()]
    names = [_surname(p) for p in people]
    if not names:
        who = entry.get("title", key)
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} and {names[1]}"
    else:
        who = f"{names[0]} et al."
    return f"{who} {entry.get('year', 'n.d.')}".replace("{", "").replace("}", "")
