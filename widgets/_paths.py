"""Where the package finds its files: the one place that knows the layout on disk.

Data files (``data/``) and ``references.bib`` are read in place in the repository and from the
copies installed with the package otherwise (``widgets.bookdata`` and ``widgets.bookfiles``,
see ``pyproject.toml``), so a chapter downloaded on its own finds them too. Files shipped inside
the package (quizzes, the page's JavaScript and CSS) are located with :mod:`importlib.resources`.
"""

from __future__ import annotations

import os
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

PACKAGE = "widgets"
# The repository holding this package when it is used in place (an editable install or a checkout);
# in an installed wheel this folder has no data/ and the installed copies are used instead.
REPOSITORY = Path(str(resources.files(PACKAGE))).resolve().parent
DATA_ENV = "ALLIANCES_DATA_DIR"


def package_file(*parts: str) -> Traversable:
    """A file shipped inside the package, e.g. ``package_file("io", "quizzes")``."""
    return resources.files(PACKAGE).joinpath(*parts)


def installed_file(package: str, name: str) -> Path:
    """``name`` inside the installed ``widgets.<package>`` (see pyproject.toml's package-dir)."""
    return Path(str(resources.files(PACKAGE))) / package / name


def repository_data_dir() -> Path:
    """The repository's ``data/`` folder (where ``make sweeps`` writes)."""
    return REPOSITORY / "data"


def data_file(name: str) -> Path:
    """Where data file ``name`` lives: $ALLIANCES_DATA_DIR, the repository's ``data/``, a
    ``data/`` folder above the working directory (a notebook runs from ``chapters/``), or the
    copy installed with the package (``widgets.bookdata``, for a chapter run on its own)."""
    candidates = []
    if os.environ.get(DATA_ENV):
        candidates.append(Path(os.environ[DATA_ENV]) / name)
    candidates.append(repository_data_dir() / name)
    here = Path.cwd().resolve()
    candidates += [folder / "data" / name for folder in (here, *here.parents)]
    candidates.append(installed_file("bookdata", name))
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        f"data/{name} not found; set {DATA_ENV} to the folder holding it "
        f"(looked in: {', '.join(str(c.parent) for c in candidates[:3])})"
    )


def bibliography_file() -> Path:
    """The book's ``references.bib``: the repository's, else the copy installed with the package."""
    candidates = (REPOSITORY / "references.bib", installed_file("bookfiles", "references.bib"))
    return next((f for f in candidates if f.is_file()), candidates[0])
