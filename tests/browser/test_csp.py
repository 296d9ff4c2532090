"""The Content-Security-Policy in a real browser: Chromium enforces the headers
the hub sends, so any inline script or style, eval, foreign origin or framing
the policy forbids shows up as a `securitypolicyviolation` event and a console
message. A staff member uploads an image (the demo content has none), edits,
previews and picks it in the Wagtail admin, then reads public pages with the user bar on; a visitor reads them
without it. Neither may meet a single violation."""

import io
import re
from dataclasses import dataclass, field

import pytest
from PIL import Image
from playwright.sync_api import expect

from home.demo.loader import DEMO_PASSWORD

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "/",
    "/about/",
    "/news/ec-iom-launch-bd4m-2018/",
    "/events/",
    "/events/improving-data-international-migration-berlin-2016/",
    "/members/iom-gmdac/",
    "/directory/",
    "/directory/flowminder-digicel-haiti-2010/",
    "/questions/",
    "/search/?q=satellite",
    "/directory/submit/",
    "/no-such-page/",
]
# A standard page: its editor has an image field, and its preview renders.
EDITED_SLUG = "about"

# Runs in every frame of every page before the page's own scripts, so a
# violation inside the preview iframe or a new tab is caught too.
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (event) => {
  window.reportCspViolation({
    page: document.location.href,
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile + ':' + event.lineNumber,
    sample: event.sample,
  });
});
"""
# What Chromium prints when it blocks something or rejects a header.
POLICY_MESSAGE = re.compile(r"Content Security Policy|Content-Security-Policy|Permissions-Policy|Refused to", re.I)


@dataclass
class Watched:
    context: object
    violations: list = field(default_factory=list)
    policy_messages: list = field(default_factory=list)

    def record_violation(self, violation):
        self.violations.append(violation)

    def record_console(self, message):
        if POLICY_MESSAGE.search(message.text):
            self.policy_messages.append(f"{message.location.get('url', '?')}: {message.text}")


@pytest.fixture
def watched(browser):
    """A browser context that records CSP violations and policy console messages."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = Watched(context)
    context.expose_function("reportCspViolation", watch.record_violation)
    context.add_init_script(REPORT_VIOLATIONS)
    context.on("console", watch.record_console)
    yield watch
    context.close()


def _assert_no_violation(watch):
    assert watch.violations == [], "\n".join(map(str, watch.violations))
    assert watch.policy_messages == [], "\n".join(watch.policy_messages)


def _log_in(page, base_url, username):
    page.goto(base_url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base_url + "/admin/")


def _page_id(page, base_url, slug):
    response = page.request.get(f"{base_url}/api/v2/pages/?slug={slug}")
    return response.json()["items"][0]["id"]


def test_admin_editor_preview_and_image_chooser_meet_no_csp_violation(demo_server, watched):
    page = watched.context.new_page()
    _log_in(page, demo_server, "admin")
    page_id = _page_id(page, demo_server, EDITED_SLUG)

    # The upload form, and an image for the chooser to offer.
    png = io.BytesIO()
    Image.new("RGB", (64, 48), (20, 90, 140)).save(png, format="PNG")
    page.goto(f"{demo_server}/admin/images/add/")
    page.locator('input[type="file"][name="file"]').set_input_files(
        {"name": "csp-check.png", "mimeType": "image/png", "buffer": png.getvalue()}
    )
    page.locator('input[name="title"]').fill("CSP check")
    page.locator('input[name="description"]').fill("A blue rectangle")
    page.locator('main form [type="submit"]').first.click()
    page.wait_for_url(re.compile(r"/admin/images/(\?.*)?$"))

    page.goto(f"{demo_server}/admin/pages/{page_id}/edit/")
    expect(page.get_by_role("tab", name="Content")).to_be_visible()

    # The side panel preview renders the page in a same-origin iframe.
    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator('iframe[data-w-preview-target="iframe"]').last
    expect(preview.get_by_role("heading", level=1)).to_be_visible()

    # The preview in a new tab is the same view at the top level.
    with watched.context.expect_page() as new_tab:
        page.get_by_role("link", name=re.compile("Preview in new tab", re.I)).click()
    tab = new_tab.value
    tab.wait_for_load_state()
    expect(tab.get_by_role("heading", level=1)).to_be_visible()
    tab.close()

    # The image chooser opens as a modal loaded over fetch, with thumbnails.
    page.get_by_role("button", name=re.compile("Choose an image", re.I)).first.click()
    modal = page.get_by_role("dialog")
    expect(modal.get_by_role("heading", name=re.compile("Choose an image", re.I))).to_be_visible()
    expect(modal.locator("img").first).to_be_visible()
    modal.locator("img").first.click()
    expect(modal).to_be_hidden()

    for path in ("/admin/", "/admin/images/", "/admin/pages/search/?q=data"):
        page.goto(demo_server + path)
        page.wait_for_load_state("networkidle")
    _assert_no_violation(watched)


def test_public_pages_meet_no_csp_violation_with_or_without_the_user_bar(demo_server, watched):
    page = watched.context.new_page()
    for path in PUBLIC_PAGES:
        page.goto(demo_server + path)
        page.wait_for_load_state("networkidle")

    # Signed in, staff see Wagtail's user bar, with its accessibility checks, on every page.
    _log_in(page, demo_server, "editor")
    for path in PUBLIC_PAGES:
        page.goto(demo_server + path)
        expect(page.locator("wagtail-userbar")).to_be_attached()
        page.wait_for_load_state("networkidle")
    page.goto(demo_server + "/")
    page.locator("wagtail-userbar").get_by_role("button", name=re.compile("quick actions", re.I)).click()
    page.wait_for_load_state("networkidle")
    _assert_no_violation(watched)
