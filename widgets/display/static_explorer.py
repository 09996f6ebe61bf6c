"""Kernel-free explorers for the published book.

In the static HTML there is no kernel to run the model when a slider moves. So, at build
time, the model and the figure builder run for every combination of the explorer's grid;
the page stores one base figure plus, for each combination, only the figure values that
change (deduplicated per value). A small script (``static/explorer-core.js`` and its three parts) looks the
combination up and calls ``Plotly.react``. The script holds no model logic: every number
it shows was computed here, by the same functions the live explorer calls.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..io.scenario_file import RULES
from .controls import Control, combinations, strides
from .render import PLOT_CONFIG, description_of, plain_json, script_json

Compute = Callable[[Mapping[str, Any]], dict]  # returns a Plotly figure dict
_DIGITS = 4
SAFE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, _DIGITS)
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def _leaves(node: Any, path: tuple = ()) -> dict[tuple, Any]:
    """Flatten a figure dict to {path: leaf}; a list counts as one leaf unless it holds
    dicts (traces, annotations), so data arrays may change length between combinations."""
    if isinstance(node, dict):
        out: dict[tuple, Any] = {}
        for key, child in node.items():
            out.update(_leaves(child, path + (key,)))
        return out
    if isinstance(node, list) and any(isinstance(v, dict) for v in node):
        out = {}
        for i, child in enumerate(node):
            out.update(_leaves(child, path + (i,)))
        return out
    return {path: node}


def build_payload(controls: Sequence[Control], initial: Sequence[int], compute: Compute) -> dict[str, Any]:
    """Precompute every combination and keep only what differs from the base figure."""
    figures = []
    for combo in combinations(controls):
        values = {c.name: c.values[i] for c, i in zip(controls, combo, strict=True)}
        figures.append(_leaves(_rounded(plain_json(compute(values)))))
    base_leaves = figures[0]
    for number, leaves in enumerate(figures):
        if leaves.keys() != base_leaves.keys():
            extra = sorted(map(str, leaves.keys() ^ base_leaves.keys()))[:3]
            raise ValueError(f"the figure's structure changes between combinations (combination {number}: {extra})")
    varying = [p for p in base_leaves if any(f[p] != base_leaves[p] for f in figures)]
    tables: list[list[Any]] = [[] for _ in varying]
    lookup: list[dict[str, int]] = [{} for _ in varying]
    index = []
    for leaves in figures:
        row = []
        for k, path in enumerate(varying):
            key = json.dumps(leaves[path], sort_keys=True)
            if key not in lookup[k]:
                lookup[k][key] = len(tables[k])
                tables[k].append(leaves[path])
            row.append(lookup[k][key])
        index.append(row)
    position = sum(i * s for i, s in zip(initial, strides(controls), strict=True))
    start = figures[position]
    base = _rounded(plain_json(compute({c.name: c.values[i] for c, i in zip(controls, initial, strict=True)})))
    assert _leaves(base) == start
    return {
        "controls": [
            {"name": c.name, "label": c.label, "labels": c.labels(), "values": list(c.values), "toggle": c.is_toggle,
             **({"needs": c.needs} if c.needs else {})}
            for c in controls
        ],
        "strides": strides(controls),
        "initial": list(initial),
        "figure": base,
        # no toolbar: its buttons would sit inside the plot, which is an image to assistive
        # technology (axe nested-interactive); the reader's controls are the sliders above it
        "config": {**PLOT_CONFIG, "displayModeBar": False},
        "paths": [list(p) for p in varying],
        **_pack_texts(tables),
        "index": index,
    }


_PIECE = re.compile(r"(?<=[.,;:]) ")


def _pack_texts(tables: list[list[Any]]) -> dict[str, Any]:
    """Store long strings (the figure descriptions) as lists of shared pieces.

    Descriptions differ in a number here and there, so whole strings barely repeat, while
    their pieces (split after punctuation) repeat a lot. A packed value is {"p": [ids]}
    and the script rejoins ``pieces[id]`` with spaces.
    """
    pieces: list[str] = []
    ids: dict[str, int] = {}
    packed = []
    for table in tables:
        out = []
        for value in table:
            if isinstance(value, str) and len(value) > 80:
                parts = []
                for piece in _PIECE.split(value):
                    if piece not in ids:
                        ids[piece] = len(pieces)
                        pieces.append(piece)
                    parts.append(ids[piece])
                out.append({"p": parts})
            else:
                out.append(value)
        packed.append(out)
    return {"values": packed, "pieces": pieces}


def unpack(payload: dict[str, Any], value: Any) -> Any:
    """Inverse of the packing above (what explorer-core.js does)."""
    if isinstance(value, dict) and set(value) == {"p"}:
        return " ".join(payload["pieces"][i] for i in value["p"])
    return value


# The "Save or share" menu: one list of (action, button text). explorer-controls.js runs the
# action named by a button's data-action (its ACTIONS table); add an item in both places.
SHARE_ACTIONS: tuple[tuple[str, str], ...] = (
    ("save-json", "Save scenario (JSON)"),
    ("save-csv", "Save scenario (CSV)"),
    ("load", "Load scenario…"),
    ("link", "Copy link to this scenario"),
    ("reset", "Reset"),
)
# Fields coded on the scales of the case codebook (data/README.md, published as codebook.md).
CODEBOOK_FIELDS = frozenset(
    ("aggregate_power", "proximity", "offensive_power", "aggressive_intentions", "own_strength", "allied_support",
     "war", "victory", "capability", "target", "others_engaged", "neutrality_lesson", "allies_fighting",
     "threat_level"))
CODEBOOK_PAGE = "codebook.html"


def _notes_html(eid: str) -> str:
    """The student's name and justification, saved into the scenario file (RULES['text_fields']).
    Hidden until explorer-controls.js runs, like the Save/Load tools, but a separate element."""
    limits = RULES["text_fields"]
    return (
        '<div class="ae-notes" hidden>'
        f'<label for="{eid}-student">Your name (saved in the file)</label>'
        f'<input type="text" id="{eid}-student" class="ae-student" maxlength="{limits["student"]["max"]}" '
        'autocomplete="name">'
        f'<label for="{eid}-justification">Why these values? (saved in the file)</label>'
        f'<textarea id="{eid}-justification" class="ae-justification" rows="3" '
        f'maxlength="{limits["justification"]["max"]}"></textarea>'
        "</div>"
    )


def share_html(eid: str) -> str:
    """The "Save or share" fold under the figure: the actions, then the student's notes saved into
    the file (Tab reaches the buttons first); hidden until explorer-controls.js runs (it needs it)."""
    buttons = "".join(
        f'<li><button type="button" data-action="{html.escape(a, quote=True)}">{html.escape(text)}</button></li>'
        for a, text in SHARE_ACTIONS)
    return (
        '<details class="ae-share" hidden><summary>Save or share</summary>'
        f'<ul class="ae-tools" role="list">{buttons}</ul>{_notes_html(eid)}'
        '<input type="file" class="ae-file" accept=".json,.csv,application/json,text/csv" hidden tabindex="-1" '
        'aria-hidden="true"></details><p class="ae-status" role="status" aria-live="polite"></p>'
    )


def _codebook_link(controls: Sequence[Control]) -> str:
    """A link to the codebook when the sliders are on its scales (chapters sit one folder down;
    explorer-controls.js rewrites the link from the page's content root)."""
    if not any(c.name in CODEBOOK_FIELDS for c in controls):
        return ""
    return (f'<p class="ae-codebook"><a href="../{CODEBOOK_PAGE}" data-site-path="{CODEBOOK_PAGE}">What the '
            "scales mean: the codebook</a></p>")


def _control_html(eid: str, control: Control, start: int, controls: Sequence[Control]) -> str:
    """One labelled input (shipped disabled: explorer-controls.js enables it when it starts), with
    what its ends mean and, for a control that acts only when a box is ticked, a note saying so."""
    name = html.escape(control.name, quote=True)
    cid = f"{eid}-{name}"
    label = html.escape(control.label)
    described = []
    extra = ""
    if control.needs:
        box = next((c for c in controls if c.name == control.needs), None)
        box_label = html.escape(box.label if box else control.needs)
        described.append(f"{cid}-needs")
        extra += (f'<span class="ae-needs" id="{cid}-needs">Acts only when &ldquo;{box_label}&rdquo; is ticked.'
                  "</span>")
    ends = control.ends_text()
    if ends:
        described.append(f"{cid}-ends")
        extra = f'<span class="ae-ends" id="{cid}-ends">{html.escape(ends)}</span>' + extra
    describedby = f' aria-describedby="{" ".join(described)}"' if described else ""
    needs = f' data-needs="{html.escape(control.needs, quote=True)}"' if control.needs else ""
    if control.is_toggle:
        checked = " checked" if start else ""
        return (f'<div class="ae-control ae-toggle"><input type="checkbox" id="{cid}" name="{name}"{checked} disabled>'
                f'<label for="{cid}">{label}</label></div>')
    shown = html.escape(control.labels()[start])
    return (
        f'<div class="ae-control"{needs}><label for="{cid}">{label}</label>'
        f'<input type="range" id="{cid}" name="{name}" min="0" max="{len(control.values) - 1}" '
        f'step="1" value="{start}" aria-valuetext="{shown}"{describedby} disabled>'
        f'<output for="{cid}" id="{cid}-value">{shown}</output>{extra}</div>'
    )


def static_html(
    explorer_id: str,
    title: str,
    controls: Sequence[Control],
    initial: Sequence[int],
    compute: Compute,
    fixed_text: str = "",
) -> str:
    """The static explorer: labelled inputs, a plot div, a text summary and the lookup table."""
    if not SAFE_ID.fullmatch(explorer_id):
        raise ValueError(
            "explorer_id must be letters, digits, hyphens and underscores (it appears in page links), "
            f"got {explorer_id!r}"
        )
    for control in controls:
        if not SAFE_ID.fullmatch(control.name):
            raise ValueError(f"control name must be letters, digits, hyphens and underscores (it appears in page links "
                             f"and selectors), got {control.name!r}")
    payload = build_payload(controls, initial, compute)
    payload.update(
        {"explorer": explorer_id, "title": title, "format": RULES}
    )  # the loader's rules, read by explorer-files.js
    eid = html.escape(explorer_id, quote=True)
    rows = [_control_html(eid, control, start, controls) for control, start in zip(controls, initial, strict=True)]
    fixed = f'<p class="ae-fixed">{html.escape(fixed_text)}</p>' if fixed_text else ""
    summary = html.escape(description_of(payload["figure"]))
    side = (
        f'<form class="ae-controls" aria-label="{html.escape(title, quote=True)}: controls" onsubmit="return false">'
        f"{''.join(rows)}</form>{fixed}{_codebook_link(controls)}"
        # filled by explorer-controls.js with the chapter's "Try this" steps that follow the explorer
        '<details class="ae-steps" hidden><summary>Try this: the chapter\'s steps</summary>'
        '<div class="ae-steps-body"></div></details>'
    )
    main = (
        f'<div class="ae-plot" id="{eid}-plot" role="img" aria-label="{html.escape(title, quote=True)}: chart; the '
        'text below describes it"></div>'
        f'<p class="ae-summary" id="{eid}-summary" aria-live="polite">{summary}</p>{share_html(eid)}'
    )
    return (
        f'<div class="alliances-explorer" id="{eid}">'
        f'<p class="ae-title"><strong>{html.escape(title)}</strong></p>'
        f'<div class="ae-body"><div class="ae-side">{side}</div><div class="ae-main">{main}</div></div>'
        f'<script type="application/json" class="ae-data">{script_json(payload)}</script>'
        f'<noscript><p class="ae-noscript">This explorer needs JavaScript to move; the text above describes its '
        f'starting point.</p></noscript>'
        f"</div>"
    )
