"""Re-pin binder/requirements.txt (live readers) and requirements.txt (development) from .venv.

The live environment is the dependency closure of ``LIVE_TOP`` plus the runtime dependencies
of the book's package (``pyproject.toml``), as installed in the running environment; everything
else installed (Jupyter Book, pytest, Playwright, repo2docker, ...) goes to requirements.txt,
which includes the binder file with ``-r`` so both always share one version of each package.
Each file keeps its leading comment block.

Usage (from the repository root, in the dev venv): python tools/freeze_requirements.py
"""

from __future__ import annotations

import importlib.metadata as md
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parent.parent
BINDER = REPO / "binder" / "requirements.txt"
DEV = REPO / "requirements.txt"
INCLUDE = "-r binder/requirements.txt"
# What a reader in JupyterLab needs besides the package's own dependencies.
LIVE_TOP = ("jupyterlab", "jupyterlab-myst", "ipykernel")


def _closure(roots: list[str]) -> set[str]:
    """Installed distributions ``roots`` need, following the extras a requirement asks for
    (e.g. ``jsonschema[format-nongpl]``) as pip does."""
    seen: set[tuple[str, str]] = set()
    todo = [(canonicalize_name(r), "") for r in roots]
    while todo:
        name, extra = todo.pop()
        if (name, extra) in seen:
            continue
        seen.add((name, extra))
        for spec in md.distribution(name).requires or []:
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate({"extra": extra}):
                todo.append((canonicalize_name(req.name), ""))
                todo.extend((canonicalize_name(req.name), e) for e in req.extras)
    return {name for name, _extra in seen}


def _header(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    head = []
    for line in lines:
        if not line.startswith("#"):
            break
        head.append(line)
    return head


def main() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    roots = [*LIVE_TOP, *(Requirement(d).name for d in project["dependencies"])]
    live = _closure(roots)
    frozen = subprocess.run(
        [sys.executable, "-m", "pip", "freeze", "--exclude-editable"], check=True, capture_output=True, text=True
    ).stdout.splitlines()
    pins = [line for line in frozen if "==" in line]
    binder = [p for p in pins if canonicalize_name(p.split("==")[0]) in live]
    dev = [p for p in pins if canonicalize_name(p.split("==")[0]) not in live]
    BINDER.write_text("\n".join([*_header(BINDER), *binder]) + "\n", encoding="utf-8")
    DEV.write_text("\n".join([*_header(DEV), INCLUDE, *dev]) + "\n", encoding="utf-8")
    print(f"{BINDER.relative_to(REPO)}: {len(binder)} pins; {DEV.relative_to(REPO)}: {len(dev)} more")


if __name__ == "__main__":
    main()
