"""The directory's world map in a real browser: reached with the keyboard,
visibly focused, and a country's link filters the directory."""

import re

import pytest

from tests.browser.test_keyboard import _start_at_top, _tab_to

pytestmark = pytest.mark.browser

COUNTRY_LINK = re.compile(r"^(?P<name>.+): (?P<count>\d+) entr(y|ies)$")


@pytest.mark.parametrize("width", [375, 1280])
def test_a_country_of_the_world_map_is_reached_and_followed_with_the_keyboard(demo_server, page_at, width):
    page = page_at(width)
    page.goto(demo_server + "/directory/")
    _start_at_top(page)
    country = _tab_to(page, lambda f: f["tag"] == "a" and COUNTRY_LINK.match(f["label"]), "a country of the map")
    assert country["focusRing"], "the focused country shows no focus ring"
    match = COUNTRY_LINK.match(country["label"])
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]country=[A-Z]{2}(&|$)"))
    heading = page.get_by_role("heading", level=2, name=re.compile(r"^\d+ entr(y|ies)"))
    assert int(heading.inner_text().split()[0]) == int(match["count"])
    # Filtered by it, the country is marked on the map and in its table.
    assert page.locator(".world-map svg a.is-selected").get_attribute("aria-label") == country["label"]
    assert page.locator(".world-map table tr.is-selected th").text_content().strip() == match["name"]
