"""The book's citation metadata, read from the one place each item is kept.

- version: ``pyproject.toml`` ([project] version);
- title, authors, release date, licence, repository URL and DOI: ``CITATION.cff``
  (no ``doi`` key means none has been minted yet).

The Sphinx extension (footer, "Cite this book" page) and ``tools/print_book.py`` (the PDF's
title page) both call :func:`read_metadata`; :func:`check_copies` fails the build when one of
the copies that other formats need (``version`` in CITATION.cff, ``title`` and ``repository.url``
in _config.yml) has drifted from its source.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DOI_PENDING = "not yet assigned"


@dataclass(frozen=True)
class BookMetadata:
    title: str
    authors: tuple[str, ...]
    version: str
    date: dt.date
    repository: str
    doi: str | None
    licenses: tuple[str, ...]

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def doi_url(self) -> str | None:
        return f"https://doi.org/{self.doi}" if self.doi else None

    @property
    def link(self) -> str:
        """What a reference points at: the DOI once there is one, the repository until then."""
        return self.doi_url or self.repository

    @property
    def author_text(self) -> str:
        return ", ".join(self.authors)


def _author_name(entry: dict) -> str:
    if "name" in entry:
        return str(entry["name"])
    return " ".join(str(entry[k]) for k in ("given-names", "family-names") if entry.get(k))


def read_metadata(repo: Path = REPO) -> BookMetadata:
    project = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    cff = yaml.safe_load((repo / "CITATION.cff").read_text(encoding="utf-8"))
    released = cff["date-released"]
    if isinstance(released, str):
        released = dt.date.fromisoformat(released)
    licenses = cff.get("license") or ()
    return BookMetadata(
        title=str(cff["title"]),
        authors=tuple(_author_name(a) for a in cff["authors"]),
        version=str(project["version"]),
        date=released,
        repository=str(cff["repository-code"]),
        doi=str(cff["doi"]) if cff.get("doi") else None,
        licenses=tuple([licenses] if isinstance(licenses, str) else licenses),
    )


def check_copies(repo: Path = REPO) -> list[str]:
    """Each copy that a file format requires, compared with its source; returns the mismatches."""
    meta = read_metadata(repo)
    cff = yaml.safe_load((repo / "CITATION.cff").read_text(encoding="utf-8"))
    config = yaml.safe_load((repo / "_config.yml").read_text(encoding="utf-8")) or {}
    problems = []
    if str(cff.get("version")) != meta.version:
        problems.append(
            f"CITATION.cff version is {cff.get('version')!r} but pyproject.toml's version is {meta.version!r}: "
            "set CITATION.cff's version (and date-released) to match"
        )
    if config.get("title") != meta.title:
        problems.append(
            f"_config.yml title is {config.get('title')!r} but CITATION.cff title is {meta.title!r}: "
            "the title is kept in CITATION.cff; copy it to _config.yml"
        )
    config_url = (config.get("repository") or {}).get("url")
    if config_url != meta.repository:
        problems.append(
            f"_config.yml repository.url is {config_url!r} but CITATION.cff repository-code is "
            f"{meta.repository!r}: the repository URL is kept in CITATION.cff; copy it to _config.yml"
        )
    return problems


def bibtex_key(meta: BookMetadata) -> str:
    word = re.sub(r"[^a-z]", "", meta.title.split(":")[0].lower()) or "book"
    return f"{word}{meta.year}"


def apa(meta: BookMetadata) -> tuple[str, str, str]:
    """APA 7 for an online book: (before the italic title, title, after it)."""
    return (
        f"{meta.author_text}. ({meta.year}). ",
        meta.title,
        f" (Version {meta.version}). {meta.link}",
    )


def chicago(meta: BookMetadata) -> tuple[str, str, str]:
    """Chicago 17 (bibliography, author-date style)."""
    return (
        f"{meta.author_text}. {meta.year}. ",
        meta.title,
        f". Version {meta.version}, released {meta.date:%B} {meta.date.day}, {meta.year}. {meta.link}.",
    )


def bibtex(meta: BookMetadata) -> str:
    fields = [
        ("author", "{" + " and ".join("{" + a + "}" for a in meta.authors) + "}"),
        ("title", "{" + meta.title + "}"),
        ("year", "{" + str(meta.year) + "}"),
        ("version", "{" + meta.version + "}"),
        ("date", "{" + meta.date.isoformat() + "}"),
        ("url", "{" + meta.repository + "}"),
    ]
    if meta.doi:
        fields.append(("doi", "{" + meta.doi + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@book{{{bibtex_key(meta)},\n{body}\n}}"
