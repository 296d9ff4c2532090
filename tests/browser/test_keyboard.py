"""Keyboard-only use of the directory and the mobile menu in a real browser.

Only key presses move the visitor: no clicks, and no focus() beyond putting the
document itself in focus after a page loads.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MAX_TABS = 200
DATA_SOURCE_LABEL = "Mobile phone network data (CDR)"
DATA_SOURCE_VALUE = "mobile-phone-cdr"
PER_PAGE = 20

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(),
    type: el.getAttribute('type'),
    text: (el.innerText || '').trim(),
    label: el.labels && el.labels.length ? el.labels[0].innerText.trim() : (el.getAttribute('aria-label') || ''),
    value: el.getAttribute('value'),
    checked: !!el.checked,
    rel: el.getAttribute('rel'),
    expanded: el.getAttribute('aria-expanded'),
    detailsOpen: el.tagName === 'SUMMARY' ? el.parentElement.open : null,
    inMenu: !!el.closest('#site-nav'),
    visible: el.checkVisibility(),
    focusRing: el.matches(':focus-visible') && style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
  };
}"""


def _start_at_top(page):
    # Tabbing then starts from the beginning of the document.
    page.evaluate("document.body.focus()")


def _focused(page):
    return page.evaluate(FOCUSED)


def _tab_to(page, wanted, what, key="Tab"):
    """Press Tab (or Shift+Tab) until `wanted(focused element)` holds, at most MAX_TABS times."""
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        focused = _focused(page)
        if wanted(focused):
            assert focused["visible"], f"{what} has focus but cannot be seen"
            return focused
        seen.append(focused["text"] or focused["label"] or focused["tag"])
    raise AssertionError(f"{what} not reached in {MAX_TABS} presses of {key}; last focused: {seen[-8:]}")


def _entry_count(page):
    heading = page.get_by_role("heading", level=2, name=re.compile(r"^\d+ entr(y|ies)"))
    return int(heading.inner_text().split()[0])


@pytest.mark.parametrize("width", [375, 1280])
def test_directory_can_be_filtered_and_paged_with_the_keyboard_alone(demo_server, page_at, width):
    page = page_at(width)
    page.goto(demo_server + "/directory/")
    total = _entry_count(page)
    assert total > PER_PAGE, "the demo directory should need more than one page"
    _start_at_top(page)

    if width < 900:
        # On a phone the results come first: sort and facets wait behind one disclosure.
        filters = _tab_to(page, lambda f: f["tag"] == "summary" and f["text"] == "Filters and sort", "the filters")
        assert filters["detailsOpen"] is False
        assert filters["focusRing"], "the filters' summary shows no focus ring"
        page.keyboard.press("Enter")
        assert _focused(page)["detailsOpen"] is True

    # The data-source facet starts collapsed; Enter on its summary opens it.
    summary = _tab_to(page, lambda f: f["tag"] == "summary" and f["text"] == "Data source", "the data-source facet")
    assert summary["detailsOpen"] is False
    assert summary["focusRing"], "the facet's summary shows no focus ring"
    page.keyboard.press("Enter")
    assert _focused(page)["detailsOpen"] is True

    option = _tab_to(
        page,
        lambda f: f["type"] == "checkbox" and f["value"] == DATA_SOURCE_VALUE,
        f"the '{DATA_SOURCE_LABEL}' checkbox",
    )
    assert option["label"].startswith(DATA_SOURCE_LABEL)
    assert option["focusRing"], "the checkbox shows no focus ring"
    page.keyboard.press("Space")
    assert _focused(page)["checked"] is True

    apply = _tab_to(page, lambda f: f["tag"] == "button" and f["text"] == "Apply", "the Apply button")
    assert apply["focusRing"], "the Apply button shows no focus ring"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"[?&]data_source={DATA_SOURCE_VALUE}(&|$)"))
    filtered = _entry_count(page)
    assert 0 < filtered < total
    # On a phone the chosen filter waits in the folded disclosure, which counts it.
    checkbox = page.get_by_role("checkbox", name=re.compile(rf"^{re.escape(DATA_SOURCE_LABEL)}"), include_hidden=True)
    expect(checkbox).to_be_checked()
    if width < 900:
        expect(page.locator("summary.facets__summary")).to_have_text("Filters (1 active)")

    # The filter is removed from the keyboard too, back to the paged full listing.
    _start_at_top(page)
    _tab_to(page, lambda f: f["tag"] == "a" and f["label"].startswith("Remove filter"), "the remove-filter link")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "data_source=" not in url)
    assert _entry_count(page) == total

    _start_at_top(page)
    following = _tab_to(page, lambda f: f["tag"] == "a" and f["rel"] == "next", "the pagination's Next link")
    assert following["text"] == "Next"
    assert following["focusRing"], "the Next link shows no focus ring"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]page=2(&|$)"))
    pages = page.get_by_role("navigation", name="Pages")
    expect(pages.locator("[aria-current=page]")).to_have_text("2")
    assert _entry_count(page) == total


def test_mobile_menu_opens_is_tabbable_and_closes_with_escape(demo_server, page_at):
    page = page_at(375)
    page.goto(demo_server + "/directory/")
    menu = page.get_by_role("navigation", name="Main")
    menu_links = menu.get_by_role("link")
    expect(menu).to_be_hidden()
    _start_at_top(page)

    def is_menu_button(focused):
        return focused["tag"] == "button" and focused["text"] == "Menu"

    button = _tab_to(page, is_menu_button, "the Menu button")
    assert button["expanded"] == "false"
    assert button["focusRing"], "the Menu button shows no focus ring"

    # Closed, the menu's links are skipped.
    page.keyboard.press("Tab")
    assert not _focused(page)["inMenu"]
    _tab_to(page, is_menu_button, "the Menu button", key="Shift+Tab")

    page.keyboard.press("Enter")
    assert _focused(page)["expanded"] == "true"
    expect(menu).to_be_visible()

    # Every link of the open menu is reached in order, visibly focused.
    names = [name.strip() for name in menu_links.all_inner_texts()]
    assert names, "the main menu has no links"
    reached = []
    for _ in names:
        page.keyboard.press("Tab")
        focused = _focused(page)
        assert focused["inMenu"] and focused["visible"], f"focus left the open menu at {focused}"
        assert focused["focusRing"], f"{focused['text']} shows no focus ring"
        reached.append(focused["text"])
    assert reached == names

    # Escape closes the menu and hands focus back to its button.
    page.keyboard.press("Escape")
    focused = _focused(page)
    assert is_menu_button(focused)
    assert focused["expanded"] == "false"
    expect(menu).to_be_hidden()
