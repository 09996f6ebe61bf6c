"""The simulation chapter's animation on the built page (moved from tests/model/test_simulation.py,
which tests the model; the browser fixtures live in tests/site/conftest.py)."""

import pytest


@pytest.mark.browser
def test_chapter_animation_plays_in_the_static_book(server, new_page):
    """The built page: the animation starts still, Play advances it, the slider jumps to a step."""
    page, recorder = new_page()
    title = "() => document.querySelector('.alliances-animation .js-plotly-plot').layout.title.text"
    page.goto(server.url("chapters/07_worlds.html"), wait_until="load")
    page.wait_for_function(
        "document.querySelectorAll('.alliances-animation .js-plotly-plot svg.main-svg').length >= 1", timeout=20_000
    )
    page.wait_for_timeout(800)
    first = page.evaluate(title)
    assert first.startswith("Step 0:"), first
    animation = page.locator(".alliances-animation").first
    animation.scroll_into_view_if_needed()
    animation.locator("g.updatemenu-button").first.click()  # Play
    page.wait_for_function(f"() => !({title})().startsWith('Step 0:')", timeout=10_000)
    animation.locator("g.updatemenu-button").nth(1).click()  # Pause
    # click the slider's last tick: the map and the title jump to the final step
    rail = animation.locator("rect.slider-rail-rect").first
    box = rail.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(500)
    last = page.evaluate(title)
    assert last != first and last.startswith("Step "), last
    assert not recorder.console_errors() and not recorder.page_errors
    assert not recorder.nonlocal_requests()
