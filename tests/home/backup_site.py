"""Run in a subprocess against one database (tests/home/test_backups.py):
`add_extras()` gives the demo content what it lacks (images used by pages and
one in a private collection, a private document, a submission, a workflow in
progress, a password-protected page, a redirect, a search promotion, a
snippet's history), and `snapshot()` prints what a round
trip must keep, as JSON, read back through the ORM and the media storage."""

import hashlib
import json

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageViewRestriction,
    Revision,
    Site,
    TaskState,
    WorkflowState,
)
from wagtail.snippets.models import get_snippet_models

SUBMITTER = {
    "submitter_name": "Ana Example",
    "submitter_email": "ana.example@example.org",
    "submitter_organisation": "Example Institute",
    "message": "Call me on +41 22 000 00 00",
}
DOCUMENT_TEXT = b"Minutes of the steering group, not for the public.\n"


def add_extras():
    from home.submissions.models import Submission

    moderator = get_user_model().objects.get(username="moderator")
    moderators = Group.objects.get(name="Moderators")
    root = Collection.get_first_root_node()
    board = root.add_child(name="Board papers")
    restriction = CollectionViewRestriction.objects.create(
        collection=board, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(moderators)
    get_document_model().objects.create(
        title="Steering group minutes", file=ContentFile(DOCUMENT_TEXT, name="minutes.txt"), collection=board
    )

    # The demo content draws no pictures: a news photo, a member logo and a private image, with renditions.
    from tests.factories import make_image

    news = Page.objects.filter(content_type__model="newspage").order_by("path").first().specific
    member = Page.objects.filter(content_type__model="memberpage").order_by("path").first().specific
    news.image = make_image(title="News photo", color=(200, 120, 40))
    news.save_revision(user=moderator).publish()
    member.logo = make_image(title="Member logo", size=(120, 60))
    member.save_revision(user=moderator).publish()
    private = make_image(title="Board photo", color=(10, 10, 10))
    private.collection = board
    private.save()
    for image in (news.image, member.logo, private):
        image.get_rendition("fill-40x30")

    news.title = f"{news.title} (revised)"
    news.save_revision(user=moderator)
    news.get_workflow().start(news, moderator)
    Submission.objects.create(kind="entry", page=news, **SUBMITTER)

    about = Page.objects.filter(content_type__model="standardpage").order_by("path").first()
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.PASSWORD, password="sesame")

    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    Redirect.objects.create(old_path="/old-about", redirect_page=about)
    SearchPromotion.objects.create(query=Query.get("mobile phone data"), page=news, description="Start here")

    topic = apps.get_model("home", "Topic").objects.order_by("pk").first()
    topic.save()
    log(instance=topic, action="wagtail.edit", user=moderator)


def _digest(name):
    with default_storage.open(name, "rb") as source:
        return hashlib.sha256(source.read()).hexdigest()


def _revision_content(page):
    revision = page.latest_revision
    return json.dumps(revision.content, sort_keys=True) if revision else None


def _pages():
    revisions = {}
    for object_id in Revision.page_revisions.values_list("object_id", flat=True):
        revisions[object_id] = revisions.get(object_id, 0) + 1
    return {
        page.pk: {
            "title": page.title,
            "type": page.content_type.model,
            "url_path": page.url_path,
            "path": page.path,
            "live": page.live,
            "revisions": revisions.get(str(page.pk), 0),
            "latest_revision": _revision_content(page),
            "locale": page.locale.language_code,
        }
        for page in Page.objects.select_related("latest_revision", "content_type", "locale").order_by("path")
    }


def _rows(model):
    from django.core import serializers

    data = serializers.serialize("python", model._default_manager.order_by("pk"))
    return {row["pk"]: {name: _plain(value) for name, value in row["fields"].items()} for row in data}


def _plain(value):
    """A field's value as JSON data: a StreamField's JSON text parsed (PostgreSQL's jsonb
    keeps keys in an order of its own), many-to-many ids sorted."""
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    if isinstance(value, list):
        return sorted(value, key=str)
    return json.loads(json.dumps(value, default=str))


def _files(model):
    return {
        item.pk: [item.title, item.file.name, _digest(item.file.name), item.collection.name]
        for item in model.objects.all()
    }


def _names(permissions):
    return sorted(f"{p.content_type.app_label}.{p.codename}" for p in permissions)


def _search_finds_an_entry():
    entry = Page.objects.live().filter(content_type__model="directoryentrypage").order_by("path").first()
    return entry is not None and entry.pk in [page.pk for page in Page.objects.live().search(entry.title)]


def snapshot():
    from home.submissions.models import Submission

    users = get_user_model().objects.order_by("username")
    print(
        json.dumps(
            {
                "pages": _pages(),
                "snippets": {model._meta.label: _rows(model) for model in get_snippet_models()},
                "images": _files(get_image_model()),
                "documents": _files(get_document_model()),
                "collection_privacy": sorted(
                    [r.collection.name, r.restriction_type, sorted(g.name for g in r.groups.all())]
                    for r in CollectionViewRestriction.objects.all()
                ),
                "page_privacy": sorted(
                    [r.page.url_path, r.restriction_type, r.password, sorted(g.name for g in r.groups.all())]
                    for r in PageViewRestriction.objects.all()
                ),
                "group_permissions": {
                    group.name: {
                        "model": _names(group.permissions.select_related("content_type")),
                        "pages": sorted(
                            [p.page.url_path, p.permission.codename]
                            for p in GroupPagePermission.objects.filter(group=group)
                        ),
                        "collections": sorted(
                            [p.collection.name, p.permission.codename]
                            for p in GroupCollectionPermission.objects.filter(group=group)
                        ),
                    }
                    for group in Group.objects.order_by("name")
                },
                "workflow_states": sorted(
                    [w.status, w.base_content_type.model, w.object_id] for w in WorkflowState.objects.all()
                ),
                "task_states": sorted([t.status, t.task.name] for t in TaskState.objects.all()),
                "history": [PageLogEntry.objects.count(), ModelLogEntry.objects.count()],
                "settings": _rows(apps.get_model("home", "SiteSettings")),
                "redirects": _rows(apps.get_model("wagtailredirects", "Redirect")),
                "promotions": _rows(apps.get_model("wagtailsearchpromotions", "SearchPromotion")),
                "sites": sorted(
                    [s.hostname, s.port, s.root_page.url_path, s.is_default_site] for s in Site.objects.all()
                ),
                "users": {
                    user.username: {
                        "email": user.email,
                        "groups": sorted(user.groups.values_list("name", flat=True)),
                        "password": user.password,
                        "usable_password": user.has_usable_password(),
                    }
                    for user in users
                },
                "submissions": [
                    {field: getattr(s, field) for field in SUBMITTER} for s in Submission.objects.order_by("pk")
                ],
                "search_finds_an_entry": _search_finds_an_entry(),
            },
            sort_keys=True,
        )
    )


def counts():
    print(json.dumps({"pages": Page.objects.count(), "users": get_user_model().objects.count()}))


def add_new_rows():
    """What editors do next on the imported site: each insert needs a sequence past the imported ids."""
    from wagtail.contrib.redirects.models import Redirect

    topic_model = apps.get_model("home", "Topic")
    before = {
        "topic": topic_model.objects.order_by("-pk").values_list("pk", flat=True).first(),
        "page": Page.objects.order_by("-pk").values_list("pk", flat=True).first(),
        "revision": Revision.objects.order_by("-pk").values_list("pk", flat=True).first(),
    }
    topic = topic_model.objects.create(name="Climate mobility (new)", slug="climate-mobility-new")
    home = Site.objects.get(is_default_site=True).root_page
    page = home.add_child(
        instance=apps.get_model("home", "StandardPage")(title="After the move", slug="after-the-move")
    )
    revision = page.save_revision()
    redirect = Redirect.objects.create(old_path="/moved", redirect_page=page)
    print(
        json.dumps(
            {
                "before": before,
                "after": {"topic": topic.pk, "page": page.pk, "revision": revision.pk, "redirect": redirect.pk},
            }
        )
    )
