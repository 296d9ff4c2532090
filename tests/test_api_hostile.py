"""The public API answers hostile input with 2xx, 3xx or 4xx, never 5xx.

Walks every endpoint (pages listing, one page of every page type, pages/find,
images listing, detail and find) with every documented parameter and each page
type's own filterable fields, under a list of hostile values. The page tree is
built once for the module inside a transaction rolled back afterwards.
"""

import itertools

from django.db import transaction
from django.test import Client, override_settings

from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, Site, get_page_models

import pytest

from tests.factories import build_site, entry_page, event_page, make_image, member_page, news_page

HOSTILE = [
    "",
    "\x00",
    "a\x00b",
    "x" * 10_000,
    "(" * 5_000,
    "a(" * 333 + "b" + ")" * 333,
    "xor",
    "-1",
    "0",
    "-99999999999999999999",
    "99999999999999999999",
    "1e309",
    "nan",
    "unknown_field",
    "*",
    "-",
    "_",
    "-title",
    "*,-title",
    "random",
    "random,title",
    "root",
    "true",
    "organisers(title)",
    "country(code)",
    "parent(title)",
    "title(",
    "a(b(c(d)))",
    "日本語 🚀 مرحبا",
    "\u202etxet",
    "' OR 1=1 --",
    "1; DROP TABLE wagtailcore_page",
    "%",
    "\\",
    "/",
]
# Fewer values for each page type's own fields, which multiply with the types.
HOSTILE_FOR_FIELDS = ["\x00", "x" * 10_000, "-1", "99999999999999999999", "not-a-value", "日本語"]

PAGE_PARAMETERS = [
    "type",
    "fields",
    "order",
    "limit",
    "offset",
    "search",
    "search_operator",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
    "locale",
    "site",
    "has_children",
    "show_in_menus",
    "id",
    "slug",
    "html_path",
    "rich_text_format",
    "format",
    "unknown",
]
IMAGE_PARAMETERS = [
    "fields",
    "order",
    "limit",
    "offset",
    "search",
    "search_operator",
    "id",
    "title",
    "tags",
    "collection",
    "rich_text_format",
    "format",
    "unknown",
]
# Parameters that only misbehave together.
COMBINATIONS = [
    {"search": "a", "search_operator": "xor"},
    {"search": "a", "search_operator": "and"},
    {"search": "a", "search_operator": "or"},
    {"search": "\x00", "search_operator": "or"},
    {"search": "a", "order": "title"},
    {"search": "a", "order": "random"},
    {"search": "a", "order": "-first_published_at"},
    {"order": "random", "offset": "1"},
    {"child_of": "root", "descendant_of": "root"},
    {"child_of": "root", "translation_of": "root"},
    {"fields": "*", "limit": "100"},
    {"fields": "_,title", "type": "events.EventPage,directory.MemberPage"},
    {"limit": "100", "offset": "99999999999999999999"},
]


def _page_types():
    return [model for model in get_page_models() if model is not Page]


@pytest.fixture(scope="module")
def content(django_db_setup, django_db_blocker, tmp_path_factory):
    """One page of every page type (events and members with and without a
    country), an image; rolled back after the module."""
    media = tmp_path_factory.mktemp("hostile-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        with transaction.atomic():
            tree = build_site()
            image = make_image(title="Hostile test image")
            news = news_page(tree["news_index"], image=image)
            member = member_page(tree["member_index"], country="FR", logo=image)
            member_page(tree["member_index"])
            event = event_page(tree["event_index"], country="KE", city="Nairobi")
            event.organisers = [member]
            event.save_revision().publish()
            event_page(tree["event_index"], is_online=True, online_url="https://example.org/webinar")
            entry_page(tree["directory_index"], countries=["HT", "DO"], organisations=["IOM", ("Member", member)])
            from home.models import StandardPage

            tree["home"].add_child(instance=StandardPage(title="About", slug="about"))
            pages = {model: model.objects.live().first() for model in _page_types()}
            yield {"pages": pages, "image": image, "news": news}
            transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()


def _failures(requests):
    """The requests, as (path, params), that answered 5xx or raised."""
    client = Client()
    failures = []
    for path, params in requests:
        try:
            # A savepoint per request: a database error must not poison the next ones.
            with transaction.atomic():
                status = client.get(path, params).status_code
        except Exception as error:  # noqa: BLE001 - an exception is the 5xx being looked for
            failures.append((path, _short(params), repr(error)[:200]))
            continue
        if status >= 500:
            failures.append((path, _short(params), status))
    return failures


def _short(params):
    return {key: value[:40] for key, value in params.items()}


def _walk(path, parameters, values=HOSTILE):
    for parameter, value in itertools.product(parameters, values):
        yield path, {parameter: value}


@pytest.mark.django_db
def test_every_page_type_has_a_page_to_probe(content):
    missing = [model._meta.label for model, page in content["pages"].items() if page is None]
    assert missing == []


@pytest.mark.django_db
def test_pages_listing_never_answers_5xx(content):
    requests = list(_walk("/api/v2/pages/", PAGE_PARAMETERS))
    requests += [("/api/v2/pages/", params) for params in COMBINATIONS]
    assert _failures(requests) == []


@pytest.mark.django_db
def test_pages_listing_of_each_type_with_each_field_never_answers_5xx(content):
    requests = []
    for model in _page_types():
        label = model._meta.label
        fields = PagesAPIViewSet.get_available_fields(model)
        requests.append(("/api/v2/pages/", {"type": label, "fields": "*"}))
        requests += [("/api/v2/pages/", {"type": label, "fields": name}) for name in fields]
        requests += [("/api/v2/pages/", {"type": label, "fields": f"{name}(*)"}) for name in fields]
        requests += [("/api/v2/pages/", {"type": label, "order": name}) for name in fields]
        for name, value in itertools.product(
            PagesAPIViewSet.get_available_fields(model, db_fields_only=True), HOSTILE_FOR_FIELDS
        ):
            requests.append(("/api/v2/pages/", {"type": label, name: value}))
    assert _failures(requests) == []


@pytest.mark.django_db
def test_page_detail_of_every_type_never_answers_5xx(content):
    requests = []
    for model, page in content["pages"].items():
        path = f"/api/v2/pages/{page.pk}/"
        requests += [(path, {}), (path, {"fields": "*"})]
        requests += [(path, {"fields": name}) for name in PagesAPIViewSet.get_available_fields(model)]
        requests += list(_walk(path, ["fields", "rich_text_format"], HOSTILE_FOR_FIELDS))
    # Every hostile value on the page type with the most relations.
    from events.models import EventPage

    requests += list(
        _walk(f"/api/v2/pages/{content['pages'][EventPage].pk}/", ["fields", "rich_text_format", "format"])
    )
    assert _failures(requests) == []


@pytest.mark.django_db
def test_pages_find_never_answers_5xx(content):
    requests = list(_walk("/api/v2/pages/find/", ["html_path", "id", "fields", "type"]))
    requests += [("/api/v2/pages/find/", {"html_path": page.url_path}) for page in content["pages"].values()]
    assert _failures(requests) == []


@pytest.mark.django_db
def test_images_endpoints_never_answer_5xx(content):
    image = content["image"]
    requests = list(_walk("/api/v2/images/", IMAGE_PARAMETERS))
    requests += [("/api/v2/images/", params) for params in COMBINATIONS[:8]]
    requests += list(_walk(f"/api/v2/images/{image.pk}/", ["fields", "format"]))
    requests += [
        (f"/api/v2/images/{image.pk}/", {"fields": name}) for name in ImagesAPIViewSet.get_available_fields(type(image))
    ]
    requests += list(_walk("/api/v2/images/find/", ["id", "fields"]))
    assert _failures(requests) == []


@pytest.mark.django_db
def test_countries_read_as_code_and_name_or_null(client, content):
    pages = content["pages"]
    listing = client.get("/api/v2/pages/", {"type": "directory.MemberPage", "fields": "country"}).json()
    countries = sorted((item["country"] for item in listing["items"]), key=lambda value: value is None)
    assert countries == [{"code": "FR", "name": "France"}, None]
    events = client.get("/api/v2/pages/", {"type": "events.EventPage", "fields": "*"}).json()
    assert {"code": "KE", "name": "Kenya"} in [item["country"] for item in events["items"]]
    assert None in [item["country"] for item in events["items"]]
    from events.models import EventPage

    detail = client.get(f"/api/v2/pages/{pages[EventPage].pk}/").json()
    assert "country" in detail


@pytest.mark.django_db
def test_bad_parameters_answer_400_with_a_message(client, content):
    image = content["image"]
    for path, params in [
        ("/api/v2/pages/", {"search": "a", "search_operator": "xor"}),
        ("/api/v2/pages/", {"title": "a\x00b"}),
        ("/api/v2/pages/find/", {"html_path": "\x00"}),
        ("/api/v2/images/", {"search": "\x00"}),
        (f"/api/v2/images/{image.pk}/", {"fields": "title\x00"}),
    ]:
        response = client.get(path, params)
        assert response.status_code == 400, (path, params, response.status_code)
        assert response.json()["message"]
