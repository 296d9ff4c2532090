"""Reading public pages as a visitor does, for the template tests of every app."""

import re
from collections import Counter

from bs4 import BeautifulSoup


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def assert_sound_page(soup, language="en"):
    """What every public page must do: language, landmarks, skip link, one h1, headings
    in order, unique ids, images with alt text and dimensions, nothing from another host."""
    assert soup.html.get("lang") == language
    main = soup.find("main", id="main")
    assert main is not None
    assert soup.find("a", class_="skip-link")["href"] == "#main"
    assert soup.find("header") is not None and soup.find("footer") is not None
    assert all(nav.get("aria-label") for nav in soup.find_all("nav"))
    assert len(soup.find_all("h1")) == 1
    levels = [int(tag.name[1]) for tag in soup.find_all(re.compile(r"^h[1-6]$"))]
    assert levels[0] == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"heading level jumps from h{before} to h{after}"
    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    assert not [name for name, count in ids.items() if count > 1], ids
    for label_for in (label["for"] for label in soup.find_all("label") if label.get("for")):
        assert label_for in ids, f"label for missing id {label_for}"
    for img in soup.find_all("img"):
        assert img.has_attr("alt")
        assert img.get("width") and img.get("height")
    for tag in soup.find_all(["script", "link", "img", "source", "iframe"]):
        for attr in ("src", "href", "srcset"):
            value = tag.get(attr, "")
            if value and tag.name != "link" or tag.get("rel") in (["stylesheet"], ["icon"]):
                assert not re.match(r"^(https?:)?//", value), f"third-party request: {value}"
    return soup


def card_titles(soup):
    """The titles of the listing cards on a page, in order."""
    return [title.get_text(strip=True) for title in soup.select(".card__title")]


def result_titles(soup):
    """The titles of the search results on a page, promoted ones first."""
    return [title.get_text(strip=True) for title in soup.select(".result__title")]
