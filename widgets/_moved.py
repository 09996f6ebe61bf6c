"""Old import paths (before the package was split into layers) keep working for a term.

A chapter downloaded before the move imports e.g. ``widgets.alignment`` or
``widgets.interest_explorers``. Importing an old path gives the module at its new place (the same
module object, so an attribute set through either name is seen through both) and a
DeprecationWarning naming the new path. One table here instead of a stub file per old module
keeps the package's folders showing its layers.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
import warnings
from types import ModuleType

PACKAGE = "widgets"
# old module (flat layout) -> new module
MOVED: dict[str, str] = {
    **{name: f"model.{name}" for name in (
        "threat", "situation", "validation", "alignment", "reasons", "conditions", "neighbours", "ideology", "aid",
        "penetration", "explanations", "landscape", "evaluation", "interests", "simulation")},
    **{name: f"io.{name}" for name in ("csvtable", "cases", "bibliography", "quiz", "scenario_file")},
    "palette": "figures.palette",
    "interest_figures": "figures.interests",
    "beyond_figures": "figures.beyond",
    "simulation_figures": "figures.simulation",
    "evaluation_figures": "figures.evaluation",
    **{name: f"display.{name}" for name in ("render", "book_mime", "static_explorer", "casebox", "quiz_view")},
    "controls": "display.controls",
    "interest_explorers": "explorers.interests",
    "beyond_explorers": "explorers.beyond",
    "simulation_explorers": "explorers.simulation",
    "evaluation_explorers": "explorers.evaluation",
}


def new_name(old: str) -> str:
    """``widgets.<new path>`` for an old module name (without the package prefix)."""
    return f"{PACKAGE}.{MOVED[old]}"


def load(old: str) -> ModuleType:
    """The module now at ``new_name(old)``, with a DeprecationWarning naming it."""
    target = new_name(old)
    warnings.warn(f"{PACKAGE}.{old} has moved to {target}; import it from there "
                  "(the old path will be removed in a later edition)", DeprecationWarning, stacklevel=3)
    module = importlib.import_module(target)
    sys.modules[f"{PACKAGE}.{old}"] = module
    setattr(sys.modules[PACKAGE], old, module)  # warn once, not at every attribute access
    return module


class _Alias(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Finds ``widgets.<old>`` and loads it as the module at its new place."""

    def find_spec(self, fullname, path=None, target=None):  # noqa: ANN001 (importlib's protocol)
        prefix, _, old = fullname.partition(".")
        if prefix == PACKAGE and old in MOVED:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):  # noqa: ANN001
        module = load(spec.name.partition(".")[2])
        self._real_spec = module.__spec__
        return module

    def exec_module(self, module) -> None:  # noqa: ANN001
        # The module at the new place is already executed; the import system has just set its
        # __spec__ to the alias's, so put back its own (relative imports and reloads use it).
        module.__spec__ = self._real_spec


def install() -> None:
    if not any(isinstance(finder, _Alias) for finder in sys.meta_path):
        sys.meta_path.append(_Alias())
