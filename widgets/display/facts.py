"""Computed numbers quoted in a chapter's prose, the same in the book and in a live notebook.

A chapter computes its numbers in a code cell and records each under a name with :func:`glue`
(the call signature of ``myst_nb.glue``, so chapter code reads as before). The prose quotes a
value with the MyST inline-expression role, ``{eval}`fact["walt_correct"]```, or with a format
spec, ``{eval}`fact["walt_acc:.3f"]```. The role is understood by both renderers:

- the book: myst-nb evaluates it in the chapter's kernel while it executes the notebook (the
  chapter's metadata sets ``mystnb.execution_mode: inline``; ``tools/glue_to_eval.py`` writes it);
- a live notebook: jupyterlab-myst sends the expression to the kernel as a ``user_expression``
  when the Markdown cell is run (Run All Cells), and shows the result in the sentence.

myst-nb's own ``{glue}`` roles are read only by the book: live, jupyterlab-myst prints the key's
name, and myst-nb itself is a build tool that Binder does not install. A block of Markdown
(``{glue:md}`` directive in the book) becomes a code cell that calls :meth:`Facts.show`.

The values live in one registry per kernel, :data:`fact`; a value recorded again replaces the
old one, as re-running a cell should.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["Facts", "Quoted", "fact", "glue"]


class Quoted:
    """A value as the prose shows it: ``repr`` and IPython's plain-text form are the text itself
    (no quotes around strings), so a renderer that shows ``text/plain`` shows the words."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self.text)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Quoted) and other.text == self.text

    def __hash__(self) -> int:
        return hash(self.text)


def _plain(value: Any) -> Any:
    """An IPython ``Markdown`` object is recorded by its text (its ``data``)."""
    data = getattr(value, "data", None)
    if isinstance(data, str) and hasattr(value, "_repr_markdown_"):
        return data
    return value


class Facts(Mapping[str, Quoted]):
    """Named computed values; ``facts["name"]`` or ``facts["name:.2f"]`` gives the quoted text.

    The part after the first colon is a :func:`format` spec applied to the stored value.
    """

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        self._values: dict[str, Any] = {}
        for name, value in (values or {}).items():
            self.record(name, value)

    def record(self, name: str, value: Any) -> None:
        if not isinstance(name, str) or not name or ":" in name:
            raise ValueError(f"a fact's name must be a non-empty string without ':', got {name!r}")
        self._values[name] = _plain(value)

    def value(self, name: str) -> Any:
        """The stored value itself (a number stays a number)."""
        try:
            return self._values[name]
        except KeyError:
            known = ", ".join(sorted(self._values)) or "none yet (run the cells above first)"
            raise KeyError(f"no computed value named {name!r}; recorded: {known}") from None

    def __getitem__(self, key: str) -> Quoted:
        name, _, spec = key.partition(":")
        value = self.value(name)
        try:
            return Quoted(format(value, spec))
        except (TypeError, ValueError) as error:
            raise ValueError(f"format spec {spec!r} does not apply to {name!r} = {value!r}: {error}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def show(self, name: str) -> Any:
        """A recorded text as a Markdown block (what a ``{glue:md}`` directive showed)."""
        from IPython.display import Markdown

        return Markdown(str(self.value(name)))


fact = Facts()


def glue(name: str, value: Any, display: bool = True) -> None:
    """Record ``value`` under ``name`` in :data:`fact` (drop-in for ``myst_nb.glue``); with
    ``display`` the value is also shown as the cell's output, as myst-nb's does."""
    fact.record(name, value)
    if display:
        from IPython.display import display as show

        show(value)
