"""Every public page type in a real browser: accessibility, structure, weight, screenshots."""

from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser

# One page of each public type, by the demo content's reference slugs.
PAGES = {
    "home": "/",
    "standard": "/about/",
    "news index": "/news/",
    "news": "/news/ec-iom-launch-bd4m-2018/",
    "events index": "/events/",
    "past events": "/events/?when=past",
    "event": "/events/improving-data-international-migration-berlin-2016/",
    "members index": "/members/",
    "member": "/members/iom-gmdac/",
    "directory": "/directory/",
    "directory filtered": "/directory/?data_source=mobile-phone-cdr&sort=newest",
    "entry": "/directory/flowminder-digicel-haiti-2010/",
    "questions": "/questions/",
    "search": "/search/?q=satellite",
    "entry submission": "/directory/submit/",
    "event submission": "/events/submit/",
    "membership application": "/members/join/",
    "not found": "/no-such-page/",
}
# The public forms, checked again after an empty submit: error summary and messages.
FORMS = ["entry submission", "event submission", "membership application"]
WIDTHS = [375, 1280]
SERIOUS = {"serious", "critical"}
# WCAG 2.2 AA and axe's best practices. axe_playwright_python passes `options`
# to axe.run() as they are and replaces its default ({"resultTypes": ["violations"]})
# with them, so both are given; without runOnly axe leaves out the WCAG 2.2 rules
# such as target-size.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]},
    "resultTypes": ["violations"],
}
# A page with a known WCAG 2.2 violation (two adjacent 10x10 px buttons): the
# check must find it, so it cannot go quiet unnoticed. Tests only, never served.
KNOWN_VIOLATION = Path(__file__).with_name("known_violation.html")

STRUCTURE_SCRIPT = """() => {
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  const imagesWithoutAlt = [...document.querySelectorAll('img')]
    .filter(img => !img.hasAttribute('alt')).map(img => img.src);
  const imagesWithoutSize = [...document.querySelectorAll('img')]
    .filter(img => !img.getAttribute('width') || !img.getAttribute('height')).map(img => img.src);
  const levels = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]);
  const skipped = levels.filter((level, i) => i > 0 && level > levels[i - 1] + 1);
  return {
    h1: document.querySelectorAll('h1').length,
    duplicates, imagesWithoutAlt, imagesWithoutSize, skipped,
    lang: document.documentElement.lang,
    main: document.querySelectorAll('main').length,
    overflow: document.documentElement.scrollWidth > window.innerWidth + 1,
  };
}"""


@pytest.fixture(scope="module")
def axe():
    return Axe()


def serious_violations(axe, page):
    """axe's serious and critical violations at WCAG 2.2 AA plus best practices, summarised."""
    violations = [v for v in axe.run(page, options=AXE_OPTIONS).response["violations"] if v["impact"] in SERIOUS]
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


@pytest.fixture(scope="module")
def page_of_width(browser):
    """One page per viewport width for the module, reused from test to test."""
    contexts = {}

    def open_page(width):
        if width not in contexts:
            contexts[width] = browser.new_context(viewport={"width": width, "height": 900})
            contexts[width].new_page()
        return contexts[width].pages[0]

    yield open_page
    for context in contexts.values():
        context.close()


def test_the_accessibility_check_reports_a_known_target_size_violation(page_of_width, axe):
    page = page_of_width(375)
    page.set_content(KNOWN_VIOLATION.read_text())

    found = {rule for rule, _impact, _targets in serious_violations(axe, page)}
    assert "target-size" in found


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", FORMS)
def test_form_in_its_error_state_is_accessible(demo_server, page_of_width, axe, name, width):
    page = page_of_width(width)
    page.goto(demo_server + PAGES[name])
    page.click("form.submission-form button[type=submit]")
    page.wait_for_load_state()

    assert page.locator(".error-summary li").count() > 0, f"{name}: no error summary after an empty submit"
    assert page.locator("[aria-invalid=true]").count() > 0
    summary = serious_violations(axe, page)
    assert summary == [], f"{name} with errors at {width}px: {summary}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_is_accessible_and_well_formed(demo_server, page_of_width, axe, name, width):
    page = page_of_width(width)
    response = page.goto(demo_server + PAGES[name])
    assert response.status == (404 if name == "not found" else 200)

    structure = page.evaluate(STRUCTURE_SCRIPT)
    assert structure["h1"] == 1, f"{name}: {structure['h1']} h1 elements"
    assert structure["duplicates"] == [], f"{name}: duplicate ids {structure['duplicates']}"
    assert structure["imagesWithoutAlt"] == [], f"{name}: images without alt"
    assert structure["imagesWithoutSize"] == [], f"{name}: images without width and height"
    assert structure["skipped"] == [], f"{name}: heading levels skipped"
    assert structure["lang"] == "en"
    assert structure["main"] == 1
    assert not structure["overflow"], f"{name}: the page scrolls sideways at {width}px"

    summary = serious_violations(axe, page)
    assert summary == [], f"{name} at {width}px: {summary}"


def _load_and_weigh(page, url):
    """Load a page, scroll to its end (so lazy images load) and return the bytes
    received and the hosts contacted."""
    sizes = {}
    hosts = set()

    def record(response):
        hosts.add(urlparse(response.url).netloc)
        try:
            sizes[response.url] = len(response.body())
        except Exception:  # noqa: BLE001 - redirects have no body
            sizes[response.url] = 0

    page.on("response", record)
    page.goto(url, wait_until="networkidle")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    return sum(sizes.values()), hosts


@pytest.mark.parametrize(("path", "budget_kb"), [("/", 350), (PAGES["entry"], 200)])
def test_page_weight_stays_within_budget_and_on_this_host(demo_server, page_at, path, budget_kb):
    page = page_at(375)
    total, hosts = _load_and_weigh(page, demo_server + path)
    assert hosts == {urlparse(demo_server).netloc}, f"requests to other hosts: {hosts}"
    assert total <= budget_kb * 1024, f"{path} loads {total / 1024:.0f} KB (budget {budget_kb} KB)"


README_SCREENSHOTS = [
    # (file name, page, element scrolled to the top of the screen, or None)
    ("home", "/", None),
    ("directory", "/directory/", "#results-heading"),
    ("entry", PAGES["entry"], None),
    ("gap-map", "/questions/", "#evidence-gap-map"),
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "path", "element"), README_SCREENSHOTS)
def test_screenshots_for_the_readme(demo_server, page_at, name, path, element, width):
    page = page_at(width)
    page.goto(demo_server + path, wait_until="networkidle")
    if element:
        target_element = page.locator(element).first
        assert target_element.count() == 1, f"{element} not on {path}"
        target_element.scroll_into_view_if_needed()
        page.evaluate(
            "(el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 16)",
            target_element.element_handle(),
        )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}-{'mobile' if width < 800 else 'desktop'}.png"
    page.screenshot(path=str(target), full_page=False)
    assert target.stat().st_size > 5000
