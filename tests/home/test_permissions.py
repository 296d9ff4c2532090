"""The permission matrix of issue 3: every role against every editorial action,
each cell asserted over HTTP against the admin. Groups and permissions come
from the home migration, as on a fresh production database."""

from django.urls import reverse

from wagtail.models import Page

import pytest

from home.models import NewsPage
from tests.factories import news_page, staff_user
from tests.utils import add_page, edit_page, workflow_action

# One site tree for the whole module (tests/conftest.py): no test here needs the database without it.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_site_tree")]

ROLES = ["anonymous", "editor", "moderator", "superuser"]
LOGIN = "/admin/login/"


@pytest.fixture
def as_role(client, db):
    def login(role):
        if role == "editor":
            client.force_login(staff_user("matrix-editor", group="Editors"))
        elif role == "moderator":
            client.force_login(staff_user("matrix-moderator", group="Moderators"))
        elif role == "superuser":
            client.force_login(staff_user("matrix-admin", superuser=True))
        return client

    return login


@pytest.fixture
def draft_in_moderation(site_tree, db):
    """A draft news page submitted for moderation by an editor."""
    page = news_page(site_tree["news_index"], title="Draft for the matrix", live=False)
    author = staff_user("matrix-author", group="Editors")
    page.save_revision(user=author)
    page.get_workflow().start(page, author)
    return page


@pytest.fixture
def live_page(site_tree):
    return news_page(site_tree["news_index"], title="Live news")


def assert_denied(response, role):
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    else:
        # Wagtail answers a refused admin action by sending the user back to the dashboard.
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] == "/admin/"


@pytest.mark.parametrize("role", ROLES)
def test_create_news_page(role, as_role, site_tree):
    client = as_role(role)
    news_index = site_tree["news_index"]
    if role == "anonymous":
        url = reverse("wagtailadmin_pages:add", args=["home", "newspage", news_index.pk])
        response = client.post(url, {"title": "New", "slug": "new"})
        assert_denied(response, role)
        assert not NewsPage.objects.filter(slug="new").exists()
    else:
        response = add_page(client, news_index, "home.NewsPage", title="New", slug="new", date="2024-05-01", intro="x")
        assert response.status_code == 302
        created = NewsPage.objects.get(slug="new")
        assert not created.live, "a new page is a draft until a moderator approves it"


@pytest.mark.parametrize("role", ROLES)
def test_edit_page(role, as_role, live_page):
    client = as_role(role)
    revisions = live_page.revisions.count()
    if role == "anonymous":
        response = client.post(reverse("wagtailadmin_pages:edit", args=[live_page.pk]), {"title": "Changed"})
        assert_denied(response, role)
        assert live_page.revisions.count() == revisions
    else:
        response = edit_page(client, live_page, title="Changed")
        assert response.status_code == 302
        live_page.refresh_from_db()
        assert live_page.revisions.count() == revisions + 1
        assert live_page.get_latest_revision_as_object().title == "Changed"
        assert live_page.title == "Live news", "saving a draft does not change the live page"


@pytest.mark.parametrize("role", ROLES)
def test_submit_for_moderation(role, as_role, site_tree):
    page = news_page(site_tree["news_index"], title="To submit", live=False)
    client = as_role(role)
    if role == "anonymous":
        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action-submit": "1"})
        assert_denied(response, role)
        assert not page.workflow_in_progress
    else:
        response = edit_page(client, page, action="submit")
        assert response.status_code == 302
        page.refresh_from_db()
        assert page.workflow_in_progress
        assert not page.live


@pytest.mark.parametrize("role", ROLES)
def test_approve(role, as_role, draft_in_moderation):
    client = as_role(role)
    response = workflow_action(client, draft_in_moderation, "approve")
    draft_in_moderation.refresh_from_db()
    if role in ("anonymous", "editor"):
        assert_denied(response, role)
        assert draft_in_moderation.workflow_in_progress
        assert not draft_in_moderation.live
    else:
        assert response.status_code == 302
        assert draft_in_moderation.live
        assert not draft_in_moderation.workflow_in_progress


@pytest.mark.parametrize("role", ROLES)
def test_reject(role, as_role, draft_in_moderation):
    client = as_role(role)
    response = workflow_action(client, draft_in_moderation, "reject", comment="Please cite a source.")
    draft_in_moderation.refresh_from_db()
    if role in ("anonymous", "editor"):
        assert_denied(response, role)
        assert draft_in_moderation.workflow_in_progress
    else:
        assert response.status_code == 302
        assert not draft_in_moderation.workflow_in_progress
        assert draft_in_moderation.current_workflow_state.status == "needs_changes"
    assert not draft_in_moderation.live


@pytest.mark.parametrize("role", ROLES)
def test_publish(role, as_role, site_tree):
    page = news_page(site_tree["news_index"], title="To publish", live=False)
    client = as_role(role)
    if role == "anonymous":
        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), {"action-publish": "1"})
        assert_denied(response, role)
    else:
        response = edit_page(client, page, action="publish")
        assert response.status_code == 302
    page.refresh_from_db()
    # An editor's "publish" is not offered, and a forged one only saves a draft.
    assert page.live is (role in ("moderator", "superuser"))


@pytest.mark.parametrize("role", ROLES)
def test_unpublish(role, as_role, live_page):
    client = as_role(role)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[live_page.pk]))
    live_page.refresh_from_db()
    if role in ("anonymous", "editor"):
        assert_denied(response, role)
        assert live_page.live
    else:
        assert response.status_code == 302
        assert not live_page.live


@pytest.mark.parametrize("role", ROLES)
def test_submissions_inbox(role, as_role, site_tree):
    client = as_role(role)
    response = client.get("/admin/home/submission/")
    if role in ("anonymous", "editor"):
        assert_denied(response, role)
    else:
        assert response.status_code == 200
        assert b"Submissions" in response.content


def test_editor_page_actions_offered_in_the_editor(client, live_page, editor):
    """What the editor sees matches the matrix: submit offered, publish and unpublish not."""
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[live_page.pk])).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html
    assert reverse("wagtailadmin_pages:unpublish", args=[live_page.pk]) not in html


def test_every_page_type_goes_through_the_moderators(site_tree):
    """The "Moderation" workflow is attached to the root page, so every page under it
    inherits it; directory entries have their own, whose last step is the same
    moderators' approval after the data stewards' review."""
    from wagtail.models import Workflow

    moderation = Workflow.objects.get(name="Moderation", active=True)
    entries = Workflow.objects.get(name="Directory entry review", active=True)
    assert Workflow.objects.filter(active=True).count() == 2
    directory = site_tree["directory_index"]
    for page in Page.objects.filter(depth__gt=1):
        in_directory = page.pk == directory.pk or page.is_descendant_of(directory)
        assert page.get_workflow() == (entries if in_directory else moderation)
    task = moderation.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]
    steps = [step.specific for step in entries.tasks.order_by("workflow_tasks__sort_order")]
    assert [step.name for step in steps] == ["Data responsibility review", "Moderators approval"]
    assert [list(step.groups.values_list("name", flat=True)) for step in steps] == [["Data stewards"], ["Moderators"]]
    assert steps[1] == task


def test_editors_and_moderators_may_upload_images_and_documents(editor, moderator):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    for user in (editor, moderator):
        for model in (get_image_model(), get_document_model()):
            policy = policy_registry.get_by_type(model)
            assert policy.user_has_permission(user, "add")
            assert policy.user_has_permission(user, "choose")
