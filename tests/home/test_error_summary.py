"""The error summary of the public forms (the GOV.UK pattern): after a failed
submit it comes first, is focused, and links to each error in the order the
fields appear on the page."""

import pytest

from tests.html import soup_of

pytestmark = pytest.mark.django_db

FORMS = ["/directory/submit/", "/events/submit/", "/members/join/"]


def _failed_submit(client, url, **data):
    response = client.post(url, {"form_token": "f" * 32, **data})
    assert response.status_code == 200
    return soup_of(response)


def _summary_and_form(soup):
    summary = soup.find(id="error-summary")
    assert summary is not None, "no error summary"
    return summary, soup.find("form", class_="submission-form")


@pytest.mark.parametrize("url", FORMS)
def test_a_failed_submit_opens_on_a_focused_summary_of_every_error(client, site_tree, url):
    soup = _failed_submit(client, url)
    summary, form = _summary_and_form(soup)

    # First in the content, focused without JavaScript, and announced.
    main = soup.find("main")
    assert main.find(["div", "form"], class_=["error-summary", "submission-form"]) is summary
    assert summary.has_attr("autofocus")
    assert summary["tabindex"] == "-1"
    assert summary.get_text(" ", strip=True).startswith("There is a problem")
    assert soup.title.get_text().startswith("Error:")

    links = summary.find_all("a")
    messages = form.find_all(class_="field__error")
    assert len(links) == len(messages) >= 2, "one link per error on the page"
    targets = [link["href"].removeprefix("#") for link in links]
    controls = [control["id"] for control in form.find_all(["input", "select", "textarea"]) if control.get("id")]
    for target in targets:
        assert target in controls, f"#{target} names no field of the form"
    positions = [controls.index(target) for target in targets]
    assert positions == sorted(positions), f"summary links are not in field order: {targets}"
    # Each link names its field's label and the same message the field shows.
    for link, message in zip(links, messages, strict=True):
        assert message.get_text(strip=True).removeprefix("Error:").strip() in link.get_text()


@pytest.mark.parametrize("url", FORMS)
def test_the_summary_follows_the_order_of_the_fieldsets(client, site_tree, url):
    # The submitter's fields come from the shared base form, the image's too;
    # on the page they follow the form's own fields.
    soup = _failed_submit(client, url, submitter_email="not an address")
    summary, form = _summary_and_form(soup)
    targets = [link["href"] for link in summary.find_all("a")]

    assert "#id_submitter_email" in targets
    assert targets[-1] == "#id_submitter_email", targets
    own_fieldset = form.find_all("fieldset", class_="form-section")[0]
    first_own_error = own_fieldset.find(class_="field--error")
    assert first_own_error is not None, "an empty form has errors among its own fields"
    assert targets.index("#id_submitter_email") > 0


def test_a_valid_page_has_no_summary(client, site_tree):
    soup = soup_of(client.get("/directory/submit/"))

    assert soup.find(id="error-summary") is None
    assert not soup.select("[autofocus]"), "nothing steals focus on a fresh form"
