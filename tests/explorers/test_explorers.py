"""The live explorer and its static twin show the same model output on the same grid."""

import json
import re

import pytest

from widgets import Situation, Threat, predict
from widgets.display.controls import MAX_COMBINATIONS, grid, make_controls
from widgets.display.render import PLOTLY_MIME, figure_bundle, plain_json
from widgets.display.static_explorer import build_payload, unpack
from widgets.explorers import conditions_explorer, neighbourhood_explorer, threat_explorer
from widgets.explorers.walt import war_note
from widgets.figures import prediction_spec

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def payload_of(html: str) -> dict:
    match = re.search(r'<script type="application/json" class="ae-data">(.*?)</script>', html, re.S)
    assert match, "static explorer has no data script"
    return json.loads(match.group(1))


def apply(payload: dict, position: int) -> dict:
    fig = json.loads(json.dumps(payload["figure"]))
    for path, table, k in zip(payload["paths"], payload["values"], payload["index"][position], strict=True):
        node = fig
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = unpack(payload, table[k])
    return fig


def test_explorer_offers_widget_view_and_static_html():
    explorer = threat_explorer(explorer_id="t1")
    bundle = explorer._repr_mimebundle_()
    assert WIDGET_VIEW in bundle
    assert 'class="alliances-explorer" id="t1"' in bundle["text/html"]
    assert bundle["text/plain"].startswith("Balance-of-threat explorer. Predicted choice:")


def test_live_slider_redraws_with_the_model():
    threat, situation = Threat(0.9, 0.9, 0.9, 0.2), Situation(0.0, 0.0)
    explorer = threat_explorer(threat, situation, vary=("own_strength", "allied_support"))
    assert "Bandwagon" in explorer.figure["layout"]["title"]["text"]
    explorer.set(own_strength=1.0, allied_support=0.5)
    expected = prediction_spec(predict(threat, Situation(1.0, 0.5)))
    assert explorer.figure == expected
    assert "Balance" in explorer.figure["layout"]["title"]["text"]
    assert "Predicted choice: balance" in explorer.summary.value


def test_static_table_reproduces_every_combination_exactly():
    situation = Situation(0.3, 0.6, True, 0.5)
    explorer = threat_explorer(
        Threat(0.5, 0.5, 0.5, 0.5), situation, vary=("aggregate_power", "victory", "war"), levels=3
    )
    payload = payload_of(explorer.static_html())
    assert payload["strides"] == [6, 2, 1]
    position = 0
    for p_ in grid(3):
        for v in grid(3):
            for war in (False, True):
                here = Threat(p_, 0.5, 0.5, 0.5), Situation(0.3, 0.6, war, v)
                expected = plain_json(prediction_spec(predict(*here)))
                note = war_note(here[1], None, None, here[0], True)  # why war changes nothing, when it does not
                if note:
                    expected["layout"]["meta"]["description"] += " " + note
                got = apply(payload, position)
                assert json.dumps(got, sort_keys=True) == json.dumps(_round(expected), sort_keys=True)
                position += 1


def _round(node):
    if isinstance(node, float):
        return round(node, 4)
    if isinstance(node, list):
        return [_round(v) for v in node]
    if isinstance(node, dict):
        return {k: _round(v) for k, v in node.items()}
    return node


def test_static_explorer_starts_where_the_live_one_does():
    explorer = threat_explorer(Threat(0.74, 0.1, 0.5, 1.0), vary=("aggregate_power", "proximity"))
    payload = payload_of(explorer.static_html())
    assert payload["initial"] == [3, 0]  # 0.74 snaps to 0.75, 0.1 to 0.0
    assert explorer.values() == {"aggregate_power": 0.75, "proximity": 0.0}
    assert _round(plain_json(explorer.figure)) == apply(payload, 3 * 5 + 0)


def test_fixed_fields_are_stated():
    explorer = threat_explorer(situation=Situation(0.2, 0.9))
    assert "Held fixed: own strength 0.20, allied support 0.90, at peace." in explorer.static_html()


def test_hostile_title_is_escaped():
    explorer = threat_explorer(
        title='</script><script>alert("x")</script><img src=x onerror=alert(1)>', explorer_id="x"
    )
    html = explorer.static_html()
    assert "<script>alert" not in html and "<img" not in html
    assert html.count("</script>") == 1  # only the data script's own end tag


@pytest.mark.parametrize("bad", ['x"><img src=x onerror=alert(1)>', "1st", "a b", "a.b", "", "é"])
def test_explorer_ids_are_safe_in_html_and_links(bad):
    # the id appears in the page (element ids) and in shareable links (#id.control=value)
    with pytest.raises(ValueError, match="explorer_id must be letters, digits"):
        threat_explorer(explorer_id=bad)


@pytest.mark.parametrize("bad", ['x"><img src=x onerror=alert(1)>', "a b", "a.b", "a]", ""])
def test_control_names_are_safe_in_html_selectors_and_links(bad):
    from widgets.display.controls import Control
    from widgets.display.static_explorer import static_html

    controls = (Control(bad, "Hostile", (0.0, 1.0)),)
    with pytest.raises(ValueError, match="control name must be letters, digits"):
        static_html("ok", "t", controls, (0,), lambda values: {"data": [], "layout": {}})


def test_static_inputs_ship_disabled_until_the_script_starts_them():
    html = threat_explorer(explorer_id="x").static_html()
    inputs = re.findall(r"<input [^>]*>", html)
    controls = [i for i in inputs if 'type="range"' in i or 'type="checkbox"' in i]
    assert controls and all(" disabled" in i for i in controls)


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"vary": ("menace",)}, ValueError, "vary has unknown field 'menace'"),
        ({"vary": ()}, ValueError, "vary must name at least one"),
        ({"vary": "proximity"}, TypeError, "vary must be a sequence"),
        ({"vary": ("proximity", "proximity")}, ValueError, "names a field twice"),
        ({"levels": 1}, ValueError, r"levels must be in \[2, 11\], got 1"),
        ({"levels": 2.5}, TypeError, "levels must be an int"),
        ({"threat": (1, 1, 1, 1)}, TypeError, "threat must be a Threat or None"),
        ({"situation": {}}, TypeError, "situation must be a Situation or None"),
        ({"weights": [1, 1, 1, 1]}, TypeError, "weights must be a ThreatWeights or None"),
    ],
)
def test_explorer_rejects_bad_arguments(kwargs, error, message):
    with pytest.raises(error, match=message):
        threat_explorer(**kwargs)


def test_too_many_combinations_is_refused_with_advice():
    with pytest.raises(ValueError, match=rf"allows at most {MAX_COMBINATIONS}: vary fewer fields or use fewer levels"):
        make_controls(
            (
                "aggregate_power",
                "proximity",
                "offensive_power",
                "aggressive_intentions",
                "own_strength",
                "allied_support",
            ),
            5,
        )


def test_set_rejects_unknown_control():
    explorer = threat_explorer(vary=("proximity",))
    with pytest.raises(ValueError, match="this explorer has no control 'war'; its controls are proximity"):
        explorer.set(war=True)


def test_payload_refuses_a_figure_whose_shape_changes():
    controls = make_controls(("proximity",), 2)

    def compute(values):
        data = [{"type": "bar", "y": [1]}] * (1 + int(values["proximity"]))
        return {"data": data, "layout": {}}

    with pytest.raises(ValueError, match="structure changes between combinations"):
        build_payload(controls, [0], compute)


def test_figure_bundle_has_live_and_static_views():
    bundle = figure_bundle(prediction_spec(predict(Threat(1, 1, 1, 1))))
    assert set(bundle) == {PLOTLY_MIME, "text/html", "text/plain"}
    assert "plotly-graph-div" in bundle["text/html"]
    assert "cdn" not in bundle["text/html"].lower() and "<script src" not in bundle["text/html"]
    assert "<figcaption" in bundle["text/html"] and bundle["text/plain"].startswith("Predicted choice: balance")


def test_long_texts_are_packed_into_shared_pieces_and_round_trip():
    from widgets.display.static_explorer import _pack_texts

    texts = [
        "Predicted choice: balance. Probabilities: balance 81%, bandwagon 1%, neutral 18%. Overall threat 0.50; fine.",
        "Predicted choice: balance. Probabilities: balance 80%, bandwagon 2%, neutral 18%. Overall threat 0.50; fine.",
        "short",
    ]
    packed = _pack_texts([texts])
    assert [unpack(packed, v) for v in packed["values"][0]] == texts
    assert packed["values"][0][2] == "short"
    assert len(packed["pieces"]) < 12  # shared pieces are stored once


def test_importing_widgets_makes_any_plotly_figure_render_offline():
    """A notebook that shows a go.Figure after `import widgets` gets the static HTML twin too."""
    import plotly.graph_objects as go
    import plotly.io as pio

    import widgets

    assert pio.renderers.default == "alliances" and callable(widgets.threat_explorer)
    bundle = go.Figure(go.Bar(y=[1, 2]))._repr_mimebundle_()
    assert "plotly-graph-div" in bundle["text/html"] and PLOTLY_MIME in bundle


# ---------------------------------------------------------------- controls that explain themselves (issue 14)


def test_victory_is_disabled_in_peace_live_and_says_so_on_the_page():
    explorer = conditions_explorer(vary=("own_strength", "war", "victory"), explorer_id="peace-test")
    victory, war = explorer.inputs["victory"], explorer.inputs["war"]
    assert not war.value and victory.disabled
    assert "ticked" in victory.tooltip
    explorer.set(war=True)
    assert not victory.disabled
    explorer.set(war=False)
    assert victory.disabled
    page = explorer.static_html()
    assert 'data-needs="war"' in page and "Acts only when &ldquo;At war&rdquo; is ticked." in page
    assert payload_of(page)["controls"][2]["needs"] == "war"
    # without a war box there is nothing to wait for
    assert "needs" not in payload_of(conditions_explorer(vary=("victory",), explorer_id="v")
                                     .static_html())["controls"][0]


def test_each_slider_end_has_a_meaning_from_the_codebook_for_keyboard_and_screen_readers():
    explorer = threat_explorer(explorer_id="ends-test")
    page = explorer.static_html()
    assert '<span class="ae-ends" id="ends-test-proximity-ends">0.00 remote … 1.00 shares a border</span>' in page
    assert 'aria-describedby="ends-test-proximity-ends"' in page
    assert explorer.inputs["proximity"].tooltip == "0.00 remote … 1.00 shares a border"
    assert "codebook.html" in page  # the scales' source, one click away


def test_the_text_says_why_war_changes_nothing_when_it_does_not():
    threat = Threat(0.5, 0.5, 0.5, 0.5)
    undecided = Situation(0.25, 0.25, True, 0.5)
    note = war_note(undecided, None, None, threat, True)
    assert note.startswith("At war, but neither side is winning")
    assert predict(threat, undecided).probabilities == predict(threat, Situation(0.25, 0.25)).probabilities
    assert war_note(Situation(0.25, 0.25, True, 0.75), None, None, threat, True) == ""
    assert "closeness to victory has no effect" in war_note(Situation(0.25, 0.25), None, None, threat, True)
    # hiding (capability given) makes an undecided war matter: then the note must not claim otherwise
    hiding = Situation(0.05, 0.0, True, 0.5, capability=0.0, others_engaged=0.75)
    assert predict(threat, hiding).probabilities != predict(threat, Situation(0.05, 0.0, capability=0.0,
                                                                              others_engaged=0.75)).probabilities
    assert war_note(hiding, None, None, threat, True) == ""


def test_every_step_of_the_neighbourhood_slider_changes_its_text():
    explorer = neighbourhood_explorer(explorer_id="hood")
    texts = [explorer.compute({"power_weight": v})["layout"]["meta"]["description"]
             for v in explorer.controls[0].values]
    assert len(set(texts)) == len(texts)
    assert "nearness outweighs any difference in resources" in texts[1]
