"""The site in Arabic in a real browser: right to left, mirrored through the
CSS's logical properties, no sideways scrolling, accessible; and the README's
Arabic screenshots (HUB_SCREENSHOTS_DIR=docs/screenshots)."""

import pytest

from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_public_pages import AXE_OPTIONS, PAGES, SERIOUS

pytestmark = pytest.mark.browser

ARABIC_PAGES = {
    name: "/ar" + PAGES[name]
    for name in [
        "home",
        "news",
        "members index",
        "directory filtered",
        "entry",
        "questions",
        "search",
        "entry submission",
    ]
}
WIDTHS = [320, 1280]

LAYOUT = """() => {
  const box = el => el ? el.getBoundingClientRect() : null;
  const crumbs = [...document.querySelectorAll('.breadcrumbs li')].map(box);
  const trail = box(document.querySelector('.breadcrumbs ol'));
  const menu = [...document.querySelectorAll('.site-nav__list a')].map(box).filter(b => b.width > 0);
  return {
    dir: document.documentElement.dir,
    lang: document.documentElement.lang,
    scrollWidth: document.documentElement.scrollWidth,
    crumbs: crumbs.map(b => ({left: b.left, right: b.right, top: b.top})),
    trailRight: trail ? trail.right : null,
    menu: menu.map(b => ({left: b.left, right: b.right, top: b.top})),
    brand: box(document.querySelector('.brand')),
    search: box(document.querySelector('.site-search')),
    languages: [...document.querySelectorAll('.language-switcher a')].map(a => a.textContent.trim()),
  };
}"""


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="module")
def arabic_page(browser):
    contexts = {}

    def open_page(width):
        if width not in contexts:
            contexts[width] = browser.new_context(viewport={"width": width, "height": 900}, locale="ar")
            contexts[width].new_page()
        return contexts[width].pages[0]

    yield open_page
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(ARABIC_PAGES))
def test_arabic_pages_are_right_to_left_mirrored_and_accessible(demo_server, arabic_page, axe, name, width):
    page = arabic_page(width)
    response = page.goto(demo_server + ARABIC_PAGES[name])
    assert response.status == 200

    layout = page.evaluate(LAYOUT)
    assert (layout["dir"], layout["lang"]) == ("rtl", "ar")
    assert layout["scrollWidth"] <= width, f"{name} is {layout['scrollWidth']}px wide at {width}px"
    assert "العربيّة" in layout["languages"]
    # The trail reads from the right: its first crumb ends at the trail's right edge, and on
    # one line each crumb lies to the left of the one before.
    crumbs = layout["crumbs"]
    if len(crumbs) > 1:
        assert abs(crumbs[0]["right"] - layout["trailRight"]) < 1, f"{name}: the first breadcrumb is not on the right"
        same_line = [crumb for crumb in crumbs if abs(crumb["top"] - crumbs[0]["top"]) < 2]
        assert [c["left"] for c in same_line] == sorted((c["left"] for c in same_line), reverse=True)
        if width == 1280:
            assert crumbs[0]["left"] > crumbs[-1]["left"]
    if width == 1280:
        # Name on the right, search on the left; the menu starts from the right.
        assert layout["brand"]["left"] > layout["search"]["left"]
        menu = layout["menu"]
        assert len(menu) > 1 and menu[0]["left"] > menu[-1]["left"], f"{name}: the menu is not mirrored"
    violations = [v for v in axe.run(page, options=AXE_OPTIONS).response["violations"] if v["impact"] in SERIOUS]
    assert violations == [], (
        f"{name} at {width}px: {[(v['id'], [n['target'] for n in v['nodes']][:3]) for v in violations]}"
    )


def test_the_directory_facets_and_an_entrys_facts_bar_sit_on_the_right(demo_server, arabic_page):
    page = arabic_page(1280)
    page.goto(demo_server + ARABIC_PAGES["directory filtered"])
    facets = page.locator(".facets").bounding_box()
    results = page.locator("#results-heading").bounding_box()
    assert facets["x"] > results["x"], "the filters should be the first column, on the right"

    page.goto(demo_server + ARABIC_PAGES["entry"])
    facts = page.locator(".facts").first
    start_border = facts.evaluate("el => getComputedStyle(el).borderRightWidth")
    assert start_border == "5px", "the facts box's accent bar belongs on its right edge"


def test_the_language_switcher_works_without_javascript(demo_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(demo_server + PAGES["directory"])
        with page.expect_navigation():
            page.locator(".language-switcher a[hreflang=ar]").click()
        assert page.url == demo_server + "/ar/"
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert page.locator(".site-search button").inner_text() == "بحث"
    finally:
        context.close()


ARABIC_SCREENSHOTS = [
    ("home", "/ar/", None),
    ("directory", "/ar/directory/", "#results-heading"),
    ("entry", ARABIC_PAGES["entry"], None),
]


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(("name", "path", "element"), ARABIC_SCREENSHOTS)
def test_arabic_screenshots_for_the_readme(demo_server, arabic_page, name, path, element, width):
    page = arabic_page(width)
    page.goto(demo_server + path, wait_until="networkidle")
    if element:
        page.evaluate(
            "(el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 16)",
            page.locator(element).first.element_handle(),
        )
    folder = SCREENSHOTS / "ar"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}-{'mobile' if width < 800 else 'desktop'}.png"
    page.screenshot(path=str(target), full_page=False)
    assert target.stat().st_size > 5000
