"""Layout in a real browser: no layout shift, reflow at 320 px, the directory on a
phone, the forms' error summary, the dark colour scheme and print."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_public_pages import PAGES

pytestmark = pytest.mark.browser

# Sum of the layout-shift entries Chromium recorded since navigation (buffered),
# read after two frames so the first paint and anything nav.js does are in.
CUMULATIVE_LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: 'layout-shift', buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(total), 250)));
})"""
BREADCRUMB_RIGHT_EDGES = "[...document.querySelectorAll('.breadcrumbs li')].map(li => li.getBoundingClientRect().right)"
FORMS = [PAGES["entry submission"], PAGES["event submission"], PAGES["membership application"]]
# A4 at 96 px per inch less the @page margins (16 mm each side, 18 mm top, 20 mm bottom).
PRINT_WIDTH, PRINT_FIRST_PAGE = round((210 - 32) / 25.4 * 96), round((297 - 38) / 25.4 * 96)


def _open(browser, width, height=800, **options):
    context = browser.new_context(viewport={"width": width, "height": height}, **options)
    return context, context.new_page()


@pytest.mark.parametrize("name", list(PAGES))
def test_no_layout_shift_on_a_phone(demo_server, page_at, name):
    page = page_at(375, 800)
    page.goto(demo_server + PAGES[name], wait_until="load")
    shift = page.evaluate(CUMULATIVE_LAYOUT_SHIFT)
    assert shift < 0.02, f"{name}: cumulative layout shift {shift:.3f} at 375px"
    # The menu is already folded (no jump): the button shows, the links wait behind it.
    assert page.get_by_role("button", name="Menu").is_visible()
    assert page.locator("#site-nav").is_hidden()


def test_without_javascript_the_phone_menu_stays_open(demo_server, browser):
    context, page = _open(browser, 375, java_script_enabled=False)
    try:
        page.goto(demo_server + "/")
        assert page.locator("#site-nav").is_visible()
        assert page.locator(".nav-toggle").is_hidden(), "a Menu button that cannot work"
    finally:
        context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_no_sideways_scrolling_at_320_css_pixels(demo_server, page_at, name):
    page = page_at(320, 800)
    page.goto(demo_server + PAGES[name])
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{name} is {width}px wide at 320px"
    crumbs = page.evaluate(BREADCRUMB_RIGHT_EDGES)
    assert all(right <= 320 for right in crumbs), f"{name}: a breadcrumb does not wrap"


def test_a_member_name_keeps_whole_lines_beside_its_logo_at_320_css_pixels(demo_server, page_at):
    page = page_at(320, 800)
    page.goto(demo_server + PAGES["member"])
    heading = page.locator("h1")
    words = len(heading.inner_text().split())
    lines = page.evaluate(
        "h => Math.round(h.getBoundingClientRect().height / parseFloat(getComputedStyle(h).lineHeight))",
        heading.element_handle(),
    )
    assert words > 2
    assert lines < words, f"the member's name breaks one word per line ({lines} lines, {words} words)"


def test_the_directory_on_a_phone_puts_results_first_and_stays_short(demo_server, page_at):
    page = page_at(375, 800)
    page.goto(demo_server + PAGES["directory filtered"])
    summary = page.locator("summary.facets__summary")
    assert summary.is_visible()
    assert summary.inner_text().strip() == "Filters (1 active)"
    assert page.locator("#directory-sort").is_hidden(), "the sort and facets start folded"
    # Folded, the panel is the search box and one line; the results follow it at once.
    panel = page.locator("form.facets").bounding_box()
    first_card = page.locator(".card-list .card").first.bounding_box()
    assert panel["height"] < 200, f"the folded filters are {panel['height']}px tall"
    assert 0 < first_card["y"] - (panel["y"] + panel["height"]) < 150, "the results do not follow the filters"

    page.goto(demo_server + "/directory/")
    assert page.locator("summary.facets__summary").inner_text().strip() == "Filters and sort"
    assert page.locator(".card-list .card").count() == 20
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 9000, f"20 results are {height}px long at 375px"

    page.locator("summary.facets__summary").click()
    assert page.locator("#directory-sort").is_visible()
    assert page.locator("details.facet summary").first.is_visible()


def test_the_directory_filters_are_a_sidebar_on_a_wide_screen(demo_server, page_at):
    page = page_at(1280, 900)
    page.goto(demo_server + "/directory/")
    assert page.locator("summary.facets__summary").is_hidden()
    assert page.locator("#directory-sort").is_visible()
    assert page.locator("details.facet summary").first.is_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without JavaScript"])
@pytest.mark.parametrize("path", FORMS)
def test_a_failed_submit_moves_focus_to_the_error_summary(demo_server, browser, path, javascript):
    context, page = _open(browser, 375, 800, java_script_enabled=javascript)
    try:
        page.goto(demo_server + path)
        page.locator("form.submission-form button[type=submit]").click()
        page.wait_for_load_state()
        summary = page.locator("#error-summary")
        assert summary.is_visible()
        assert page.evaluate("document.activeElement.id") == "error-summary"
        top = summary.evaluate("e => e.getBoundingClientRect().top")
        assert 0 <= top < 800, "the summary is not on the screen"
        # Its first link takes the visitor to the field (and, with JavaScript, into it).
        first = summary.get_by_role("link").first
        target = first.get_attribute("href").removeprefix("#")
        first.click()
        if javascript:
            assert page.evaluate("document.activeElement.id") == target
        else:
            assert page.evaluate("location.hash") == "#" + target
        assert page.locator("#" + target).is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("name", ["home", "directory", "entry", "event", "member", "entry submission"])
def test_the_dark_colour_scheme_passes_axe_colour_contrast(demo_server, browser, name):
    context, page = _open(browser, 1280, 900, color_scheme="dark")
    try:
        page.goto(demo_server + PAGES[name])
        if name == "entry submission":
            page.locator("form.submission-form button[type=submit]").click()
            page.wait_for_load_state()
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        red, green, blue = (int(part) for part in re.findall(r"\d+", background)[:3])
        assert max(red, green, blue) < 60, f"{name}: the dark scheme is not applied ({background})"
        results = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["color-contrast"]}})
        violations = results.response["violations"]
        nodes = [node["target"] for violation in violations for node in violation["nodes"]][:5]
        assert violations == [], f"{name} in the dark scheme: too little contrast at {nodes}"
    finally:
        context.close()


def test_print_puts_an_entrys_key_facts_on_the_first_page_and_writes_out_links(demo_server, page_at):
    page = page_at(PRINT_WIDTH, PRINT_FIRST_PAGE)
    page.emulate_media(media="print")
    page.goto(demo_server + PAGES["entry"])
    facts = page.get_by_role("region", name="Key facts").bounding_box()
    assert facts["y"] + facts["height"] <= PRINT_FIRST_PAGE, "the key facts run onto a second page"
    assert page.locator(".site-header").is_hidden() and page.locator(".site-footer").is_hidden()
    margins = page.evaluate(
        "[...document.styleSheets].flatMap(s => [...s.cssRules]).filter(r => r instanceof CSSPageRule)"
        ".map(r => r.style.margin)"
    )
    assert margins and margins[0], "no @page margins"

    for name in ["entry", "news", "standard", "event", "member"]:
        page.goto(demo_server + PAGES[name])
        link = page.locator('main a[href^="http"]:not(.tag)').first
        href = link.get_attribute("href")
        printed = link.evaluate("a => getComputedStyle(a, '::after').content")
        assert href in printed, f"{name}: the address of {href} is not printed"
