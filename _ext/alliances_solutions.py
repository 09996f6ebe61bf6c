"""Solution boxes that open from anywhere on their title bar.

sphinx-exercise writes a solution's title as "Solution to <a href="#exercise">Exercise 1.1
(...)</a>", and sphinx-togglebutton makes the title bar open the (dropdown) solution. The
link covered the middle of the bar: a click there jumped back to the exercise and left the
solution closed, and togglebutton.js, which finds its button only from the title, the icon
or the button itself, failed on it ("button is not defined"). So the title becomes plain
text (one click target: the whole bar opens the solution) and the way back to the exercise
moves inside the solution, as its last line.
"""

from __future__ import annotations

import re

SOLUTION = re.compile(
    r'(<div class="[^"]*\bsolution\b[^"]*"[^>]*>\s*<p class="admonition-title">)(?P<title>.*?)(</p>)'
    r"(?P<content>.*?)(?P<end></section>)",
    re.S,
)
LINK = re.compile(r'<a class="reference internal" href="(?P<href>[^"]+)">(?P<text>.*?)</a>', re.S)
TAG = re.compile(r"<[^>]+>")


def _rewrite(match: re.Match) -> str:
    title = match.group("title")
    link = LINK.search(title)
    if link is None:  # a solution without a link back: leave it as it is
        return match.group(0)
    target = TAG.sub("", link.group("text")).strip()
    plain = " ".join(TAG.sub("", title).split())
    href = link.group("href")
    back = f'<p class="solution-back"><a class="reference internal" href="{href}">Back to {target}</a></p>'
    return f"{match.group(1)}{plain}{match.group(3)}{match.group('content')}{back}{match.group('end')}"


def plain_solution_titles(body: str) -> str:
    """Each solution title as plain text, with a "Back to Exercise N" link inside the solution."""
    return SOLUTION.sub(_rewrite, body)
