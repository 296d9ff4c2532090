"""A page restricted to logged-in users, a group or a password never shows its
title to the public: not in search, listings, sitemap, feeds, API or exports."""

from urllib.parse import quote

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

import pytest

from directory.models import DataSource
from home.models import Submission
from tests.factories import build_site, entry_page, event_page, member_page, news_page, term

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/",
    "/search/?q=zanzibarite",
    "/search/?q=zanzib",
    "/directory/",
    "/directory/?q=zanzibarite",
    "/directory/?data_source=satellite-imagery",
    "/directory/export.csv",
    "/directory/export.json",
    "/members/",
    "/events/",
    "/events/feed.ics",
    "/news/",
    "/news/feed/",
    "/news/atom/",
    "/questions/",
    "/sitemap.xml",
    "/api/v2/pages/?limit=100",
    "/api/v2/pages/?search=zanzibarite",
    "/api/v2/pages/?type=directory.DirectoryEntryPage&fields=*",
]


@pytest.mark.parametrize("restriction", ["login", "password", "groups"])
def test_restricted_pages_never_reach_the_public(client, restriction):
    tree = build_site()
    sat = term(DataSource, "Satellite imagery", slug="satellite-imagery")
    pages = [
        entry_page(
            tree["directory_index"], title="Zanzibarite secret entry", summary="zanzibarite", data_sources=[sat]
        ),
        news_page(tree["news_index"], title="Zanzibarite secret news", intro="zanzibarite"),
        event_page(tree["event_index"], title="Zanzibarite secret event", intro="zanzibarite"),
        member_page(tree["member_index"], title="Zanzibarite secret member", acronym="ZSM"),
    ]
    entry_page(tree["directory_index"], title="Public entry", summary="Open.", data_sources=[sat])
    for page in pages:
        restricted = PageViewRestriction.objects.create(page=page, restriction_type=restriction, password="pw")
        if restriction == "groups":
            restricted.groups.set([Group.objects.get_or_create(name="Insiders")[0]])
    Submission.objects.create(kind="entry", submitter_name="Zanzibarite Submitter", submitter_email="z@example.org")

    for url in PUBLIC_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "Zanzibarite secret" not in body, url
        assert "Zanzibarite Submitter" not in body and "z@example.org" not in body, url
    # The restricted pages themselves ask for credentials rather than show: the password
    # form, or the way to the sign-in page, which answers.
    for page in pages:
        response = client.get(page.url)
        if restriction == "password":
            assert response.status_code == 200, page.url
            body = response.content.decode()
            assert 'name="password"' in body and "Zanzibarite secret" not in body, page.url
        else:
            assert response.status_code == 302, page.url
            assert response["Location"] == f"/admin/login/?next={quote(page.url)}", page.url
    if restriction != "password":
        sign_in = client.get(response["Location"])
        assert sign_in.status_code == 200 and 'name="password"' in sign_in.content.decode()
