"""The numbers typed in chapter 6 about the combined view of Egypt and the Soviet Union (the explorer's
"Try this" and exercise 6.5), recomputed: the text must change if the model does."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

from widgets import Situation, Threat
from widgets.explorers.beyond import threat_at_level
from widgets.model.aid import Aid
from widgets.model.explanations import ExplanationWeights, combined_view
from widgets.model.ideology import Ideology
from widgets.model.penetration import Penetration
from widgets.model.reasons import percent

CHAPTER = Path(__file__).resolve().parents[2] / "chapters" / "06_beyond_threat.ipynb"
ISRAEL = Threat(aggregate_power=0.75, proximity=1.0, offensive_power=0.75, aggressive_intentions=0.5)
EGYPT = Situation(own_strength=0.25, allied_support=0.75)
IDEOLOGY = Ideology(similarity=0.25, centralisation=0.0, legitimacy_deficit=0.5, defence_advantage=0.5)
AID = Aid(amount=1.0, monopoly=1.0, dependence_asymmetry=0.5, donor_motivation=0.5, donor_apparatus=1.0)
ADVISERS = Penetration(access=1.0, openness=0.0, ambition=0.5, intrusiveness=0.75)


def _text() -> str:
    cells = json.loads(CHAPTER.read_text(encoding="utf-8"))["cells"]
    return " ".join("".join("".join(c["source"]) for c in cells).split())


def _view(level=0.75, similarity=0.25, amount=1.0, access=1.0, scale=1.0, aid=None):
    return combined_view(threat_at_level(ISRAEL, level), EGYPT, replace(IDEOLOGY, similarity=similarity),
                         aid or replace(AID, amount=amount), replace(ADVISERS, access=access),
                         weights=ExplanationWeights().scaled(scale))


def test_the_combined_explorer_as_coded():
    text = _text()
    view = _view()
    z, steps = 0.0, []
    for name in ("threat", "ideology", "aid", "penetration"):
        z += view.contributions[name]
        steps.append(percent(1 / (1 + math.exp(-z))))
    c = view.contributions
    assert (f"The threat alone gives a {steps[0]} chance of alignment with the Soviet Union. Ideology subtracts "
            f"{-c['ideology']:.2f} in log-odds ({steps[1]}), aid adds {c['aid']:.2f} ({steps[2]}), and penetration "
            f"subtracts {-c['penetration']:.2f} ({steps[3]}).") in text
    assert f"The chance is still {percent(_view(scale=3).probability)}" in text
    for level, shown in ((0.5, "(threat alone {}, all five {})"), (0.25, "({} and {})")):
        v = _view(level=level)
        assert shown.format(percent(v.p_threat), percent(v.probability)) in text
    friendly = [_view(level=0.25, similarity=1.0, amount=1.0, access=0.0, scale=k) for k in (1, 2, 3)]
    first, second, third = (percent(v.probability) for v in friendly)
    assert (f"rises from {percent(friendly[0].p_threat)} to {first}: still below even. At "
            f"weight 2 it is {second} and at weight 3 {third}") in text
    hostile = [_view(level=0.5, similarity=0.0, amount=0.0, access=1.0, scale=k) for k in (1, 2, 3)]
    assert (f"more likely than not ({percent(hostile[0].probability)}); at weight 2 it falls to "
            f"{percent(hostile[1].probability)} and at weight 3 to {percent(hostile[2].probability)}") in text


def test_exercise_6_5_numbers_are_the_models():
    text = _text()
    scaled = [f"{_view(scale=k).probability:.3f}" for k in (1, 3, 5, 12.5)]
    assert f"barely moves: {scaled[0]}, {scaled[1]}, {scaled[2]} and {scaled[3]}" in text
    no_aid = {k: _view(scale=k, aid=Aid()) for k in (1, 4, 5, 6)}
    assert f"against a threat term of +{no_aid[1].contributions['threat']:.2f}" in text
    assert (f"The probability is {no_aid[1].probability:.3f} at scale 1, {no_aid[4].probability:.3f} at 4, "
            f"{no_aid[5].probability:.3f} at 5") in text
    assert no_aid[5].probability > 0.5 > no_aid[6].probability
    crossing = next(k / 100 for k in range(500, 700) if _view(scale=k / 100, aid=Aid()).probability < 0.5)
    assert round(crossing) == 6 and f"ideology weight near {0.8 * crossing:.1f}" in text
