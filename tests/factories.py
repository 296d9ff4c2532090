"""Builder functions for small page trees: each test builds only what it needs."""

import datetime
import io
import itertools

from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.models import Locale, Page, Site

from PIL import Image as PILImage

_counter = itertools.count(1)


def unique(prefix):
    return f"{prefix}-{next(_counter)}"


def make_image(*, title="Test image", description="A test image", size=(64, 48), color=(20, 90, 140)):
    from home.models import HubImage

    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, format="PNG")
    return HubImage.objects.create(
        title=title,
        description=description,
        file=ImageFile(buffer, name=f"{unique('img')}.png"),
    )


def build_site():
    """A home page as the default site's root with every index page under it.

    Returns a namespace-like dict: home, news_index, event_index, member_index,
    directory_index, questions_page.
    """
    from directory.models import DirectoryIndexPage, MemberIndexPage, QuestionsPage
    from events.models import EventIndexPage
    from home.models import HomePage, NewsIndexPage

    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="BD4M Hub", slug=unique("home"), hero_heading="Data on migration"))
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        site.root_page = home
        site.save()
    else:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    tree = {"home": home}
    tree["news_index"] = home.add_child(instance=NewsIndexPage(title="News", slug="news"))
    tree["event_index"] = home.add_child(instance=EventIndexPage(title="Events", slug="events"))
    tree["member_index"] = home.add_child(instance=MemberIndexPage(title="Members", slug="members"))
    tree["directory_index"] = home.add_child(instance=DirectoryIndexPage(title="Directory", slug="directory"))
    tree["questions_page"] = home.add_child(instance=QuestionsPage(title="Priority questions", slug="questions"))
    return tree


def term(model, name, **kwargs):
    from django.utils.text import slugify

    return model.objects.create(name=name, slug=kwargs.pop("slug", slugify(name)), **kwargs)


def news_page(parent, **kwargs):
    from home.models import NewsPage

    defaults = {"title": unique("News"), "date": datetime.date(2024, 5, 1), "intro": "A news summary."}
    defaults.update(kwargs)
    defaults.setdefault("slug", unique("news"))
    topics = defaults.pop("topics", [])
    page = parent.add_child(instance=NewsPage(**defaults))
    if topics:
        page.topics.set(topics)
        page.save()
    return page


def event_page(parent, *, days_from_now=30, **kwargs):
    from events.models import EventPage

    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days_from_now)
    defaults = {
        "title": unique("Event"),
        "start": start,
        "end": start + datetime.timedelta(hours=2),
        "time_zone": "Europe/Brussels",
        "event_type": "webinar",
        "intro": "An event summary.",
    }
    defaults.update(kwargs)
    defaults.setdefault("slug", unique("event"))
    return parent.add_child(instance=EventPage(**defaults))


def member_page(parent, **kwargs):
    from directory.models import MemberPage

    defaults = {"title": unique("Member"), "sector": "research", "description": "<p>A member.</p>"}
    defaults.update(kwargs)
    defaults.setdefault("slug", unique("member"))
    return parent.add_child(instance=MemberPage(**defaults))


def entry_page(parent, *, countries=(), organisations=(), **kwargs):
    """A directory entry; `organisations` holds names or (name, member page) pairs."""
    from directory.models import DirectoryEntryPage, EntryCountry, EntryOrganisation

    m2m = {
        key: kwargs.pop(key)
        for key in (
            "data_sources",
            "methods",
            "value_propositions",
            "topics",
            "regions",
            "questions",
            "protections",
            "arrangements",
        )
        if key in kwargs
    }
    defaults = {"title": unique("Entry"), "summary": "An entry summary.", "year_started": 2019}
    defaults.update(kwargs)
    defaults.setdefault("slug", unique("entry"))
    page = DirectoryEntryPage(**defaults)
    page.country_links = [EntryCountry(country=code) for code in countries]
    links = []
    for item in organisations:
        name, member = (item, None) if isinstance(item, str) else item
        links.append(EntryOrganisation(name=name, member=member))
    page.organisation_links = links
    for key, values in m2m.items():
        setattr(page, key, values)
    return parent.add_child(instance=page)


def staff_user(username, *, group=None, superuser=False):
    """A staff account for the admin, in the named group (Editors, Moderators), with an e-mail address."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user_model = get_user_model()
    if superuser:
        return user_model.objects.create_superuser(username, f"{username}@example.org", "password")
    user = user_model.objects.create_user(username, f"{username}@example.org", "password")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def image_upload(*, name="photo.jpg", image_format="JPEG", size=(80, 60), mode="RGB", content_type="image/jpeg"):
    """An uploaded picture as a browser sends it, in any format Pillow writes."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    PILImage.new(mode, size, (120, 40, 40) if mode == "RGB" else 0).save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
