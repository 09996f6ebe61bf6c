"""Numbers quoted in prose: widgets.display.facts, tools/glue_to_eval.py, and the chapters using them."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest
from IPython.core.formatters import PlainTextFormatter
from IPython.display import Markdown

from widgets.display.facts import Facts, Quoted, glue

REPO = Path(__file__).resolve().parents[2]
CHAPTERS = sorted((REPO / "chapters").glob("*.ipynb"))


def _tool():
    spec = importlib.util.spec_from_file_location("glue_to_eval", REPO / "tools" / "glue_to_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_fact_shows_as_its_text_without_quotes() -> None:
    facts = Facts({"n": 87, "acc": 0.52873, "rule": Markdown("bandwagon if at war")})
    plain = PlainTextFormatter()
    assert plain(facts["n"]) == "87"
    assert plain(facts["acc:.3f"]) == "0.529"
    assert plain(facts["rule"]) == "bandwagon if at war"  # a Markdown object is kept as its text
    assert repr(facts["rule"]) == "bandwagon if at war"
    assert facts.value("n") == 87


def test_unknown_names_and_bad_specs_say_what_is_wrong() -> None:
    facts = Facts({"n": 87})
    with pytest.raises(KeyError, match="no computed value named 'm'; recorded: n"):
        facts["m"]
    with pytest.raises(ValueError, match="format spec '.2f' does not apply to 'rule'"):
        Facts({"rule": "text"})["rule:.2f"]
    with pytest.raises(ValueError, match="without ':'"):
        facts.record("a:b", 1)


def test_glue_records_into_the_kernel_registry_and_replaces() -> None:
    from widgets.display.facts import fact

    glue("test_facts_value", 1, display=False)
    glue("test_facts_value", 2, display=False)
    assert fact["test_facts_value"] == Quoted("2")


def test_the_tool_rewrites_roles_directives_imports_and_metadata() -> None:
    tool = _tool()
    notebook = {
        "metadata": {},
        "cells": [
            {"cell_type": "code", "id": "a", "metadata": {"tags": ["remove-cell"]}, "outputs": [],
             "execution_count": None, "source": ["from myst_nb import glue\n", "glue('n', 3, display=False)"]},
            {"cell_type": "markdown", "id": "b", "metadata": {},
             "source": ["Of {glue:text}`n` cases, {glue:text}`acc:.2f` and {glue:md}`rule_md`; {glue}`n`.\n",
                        "\n", "```{glue:md} table_md\n", ":format: myst\n", "```\n", "\n", "After."]},
        ],
    }  # fmt: skip
    converted, count = tool.convert(notebook, "test")
    assert count == 5
    code, before, show, after = converted["cells"]
    assert "from widgets.display.facts import fact, glue" in "".join(code["source"])
    assert code["metadata"]["tags"] == ["remove-input"]
    assert "".join(before["source"]) == (
        'Of {eval}`fact["n"]` cases, {eval}`fact["acc:.2f"]` and {eval}`fact["rule_md"]`; {eval}`fact["n"]`.'
    )
    assert before["id"] == "b"
    assert "".join(show["source"]) == 'fact.show("table_md")' and show["metadata"]["tags"] == ["remove-input"]
    assert "".join(after["source"]) == "After."
    assert converted["metadata"]["mystnb"]["execution_mode"] == "inline"
    regex = re.compile(converted["metadata"]["mystnb"]["eval_name_regex"])
    assert regex.match('fact["acc:.2f"]') and regex.match('fact["n"]') and not regex.match("__import__('os')")
    again, count = tool.convert(json.loads(json.dumps(converted)), "test")
    assert again == converted and count == 0


def test_the_tool_refuses_glue_it_cannot_convert() -> None:
    tool = _tool()
    notebook = {"metadata": {}, "cells": [
        {"cell_type": "markdown", "id": "b", "metadata": {},
         "source": ["```{glue:figure} fig\n", ":name: f\n", "```\n"]},
    ]}  # fmt: skip
    with pytest.raises(tool.ConversionError, match="cannot convert"):
        tool.convert(notebook, "test")


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_chapters_quote_numbers_the_way_both_renderers_read(chapter: Path) -> None:
    """No myst-nb glue in a chapter (live it shows key names, and Binder has no myst-nb); a chapter
    that quotes with {eval} is executed inline by myst-nb and admits its expressions."""
    notebook = json.loads(chapter.read_text(encoding="utf-8"))
    markdown = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    code = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
    assert "{glue" not in markdown, f"{chapter.name}: myst-nb glue in the prose: run tools/glue_to_eval.py"
    assert "myst_nb" not in code, f"{chapter.name}: imports myst_nb, which live readers do not have"
    expressions = re.findall(r"\{eval\}`([^`]+)`", markdown)
    if expressions:
        settings = notebook["metadata"].get("mystnb", {})
        assert settings.get("execution_mode") == "inline", f"{chapter.name}: {{eval}} needs inline execution"
        regex = re.compile(settings["eval_name_regex"])
        assert all(regex.match(e) for e in expressions), [e for e in expressions if not regex.match(e)]
