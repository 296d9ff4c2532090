"""Load the demo content: one function per kind of content, each idempotent.

Records are found again by their slug (pages under their parent, snippets per
locale, images by title), compared field by field with the reference data and
saved only when something differs. Pages are published through a revision, so
a second run creates no revision, log entry or image.
"""

import datetime
import re
from collections import defaultdict

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import CommandError
from django.db import models, transaction
from django.utils.html import escape

from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, Site

from django_countries import countries

from home.demo import mappings, pages
from home.demo.indexing import deferred_indexing
from home.demo.placeholders import initials, placeholder_image
from home.demo.reference import citations, load
from home.site_address import SiteAddressError, update_default_site

# Local demo accounts only: production settings set HUB_ALLOW_DEMO_USERS = False
# and the loader then creates none.
DEMO_PASSWORD = "bd4m-demo-local-only"
DEMO_USERS = (
    # username, group, superuser
    ("editor", "Editors", False),
    ("moderator", "Moderators", False),
    ("admin", None, True),
)

# vocabularies.json key -> model label of the snippet it fills.
VOCABULARIES = {
    "migration_topics": "home.Topic",
    "data_sources": "directory.DataSource",
    "methods": "directory.Method",
    "value_propositions": "directory.ValueProposition",
    "collaborative_types": "directory.CollaborativeType",
    "regions": "directory.Region",
}


def model(label):
    # home names the other apps' models by label only (STYLE.md).
    return apps.get_model(label)


class Tally:
    """Counts what a run created, updated and left alone, per kind of content."""

    def __init__(self):
        self.counts = defaultdict(lambda: {"created": 0, "updated": 0, "unchanged": 0})
        self.notes = []

    def created(self, kind):
        self.counts[kind]["created"] += 1

    def updated(self, kind):
        self.counts[kind]["updated"] += 1

    def unchanged(self, kind):
        self.counts[kind]["unchanged"] += 1

    def note(self, text):
        self.notes.append(text)

    @property
    def changed(self):
        return sum(c["created"] + c["updated"] for c in self.counts.values())

    def lines(self):
        for kind, c in self.counts.items():
            yield f"{kind:<22} {c['created']:>4} created {c['updated']:>4} updated {c['unchanged']:>4} unchanged"
        yield from self.notes


# Comparing stored values with the reference data ---------------------------------


def _strip_block_ids(data):
    if isinstance(data, list):
        return [_strip_block_ids(item) for item in data]
    if isinstance(data, dict):
        return {key: _strip_block_ids(value) for key, value in data.items() if key != "id"}
    return data


def _stream_data(field, value):
    if not isinstance(value, StreamValue):
        value = field.stream_block.to_python(value)
    return _strip_block_ids(field.stream_block.get_prep_value(value))


def _plain(value):
    if isinstance(value, models.Model):
        return value.pk
    if value is None or isinstance(value, str | int | bool | datetime.date | datetime.datetime):
        return value
    return str(value)  # Country objects and the like


def _field_differs(instance, name, new):
    field = instance._meta.get_field(name)
    if isinstance(field, StreamField):
        return _stream_data(field, getattr(instance, name)) != _stream_data(field, new)
    if isinstance(field, models.ForeignKey):
        return getattr(instance, field.attname) != (new.pk if new is not None else None)
    return _plain(getattr(instance, name)) != _plain(new)


def _rows(manager, keys):
    return [{key: _plain(getattr(obj, key)) for key in keys} for obj in manager.all()]


def _differs(instance, fields, m2m, children):
    if any(_field_differs(instance, name, value) for name, value in fields.items()):
        return True
    for name, objs in m2m.items():
        if {obj.pk for obj in getattr(instance, name).all()} != {obj.pk for obj in objs}:
            return True
    for name, rows in children.items():
        keys = list(rows[0]) if rows else []
        existing = getattr(instance, name).all()
        if len(existing) != len(rows):
            return True
        if rows and _rows(getattr(instance, name), keys) != [{k: _plain(v) for k, v in row.items()} for row in rows]:
            return True
    return False


def _assign(page, fields, m2m, children):
    for name, value in fields.items():
        setattr(page, name, value)
    for name, objs in m2m.items():
        setattr(page, name, list(objs))
    for name, rows in children.items():
        related = page._meta.get_field(name).related_model
        setattr(page, name, [related(sort_order=index, **row) for index, row in enumerate(rows)])


def upsert_page(parent, page_model, slug, fields, *, tally, kind, m2m=None, children=None):
    """The page `slug` under `parent`, created or updated to `fields` and published.

    `m2m` maps parental many-to-many fields to objects; `children` maps child
    relations (inline rows) to lists of field dicts. Nothing is saved, and no
    revision is made, when the live page already matches.
    """
    m2m, children = m2m or {}, children or {}
    page = page_model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        if Page.objects.child_of(parent).filter(slug=slug).exists():
            raise CommandError(
                f"A page that is not a {page_model.__name__} already uses the slug '{slug}' under "
                f"'{parent.title}'. Move or rename it, then run the command again."
            )
        page = page_model(slug=slug)
        _assign(page, fields, m2m, children)
        parent.add_child(instance=page)
        page.save_revision().publish()
        tally.created(kind)
        return page
    if _differs(page, fields, m2m, children) or not page.live or page.latest_revision_id is None:
        _assign(page, fields, m2m, children)
        page.save_revision().publish()
        tally.updated(kind)
    else:
        tally.unchanged(kind)
    return page


def upsert_object(object_model, lookup, fields, *, tally, kind):
    """A snippet or other plain model instance found by `lookup`, saved only if it differs."""
    obj = object_model.objects.filter(**lookup).first()
    if obj is None:
        obj = object_model(**lookup, **fields)
        obj.save()
        tally.created(kind)
    elif any(_field_differs(obj, name, value) for name, value in fields.items()):
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()
        tally.updated(kind)
    else:
        tally.unchanged(kind)
    return obj


def _paragraph(text):
    return f"<p>{escape(text)}</p>" if text else ""


# The site tree --------------------------------------------------------------------


def default_locale():
    try:
        return Locale.get_default()
    except Locale.DoesNotExist:
        return Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]


def ensure_home(*, tally):
    """The HomePage at depth 2 with slug "home", as the root of the default site.

    Wagtail's own "Welcome" page (a plain Page with no children) is deleted to
    make room; any other page in the way is renamed, never deleted.
    """
    home_model = model("home.HomePage")
    root = Page.get_first_root_node()
    home = home_model.objects.child_of(root).filter(slug="home").first()
    if home is None:
        in_the_way = root.get_children().filter(slug="home").first()
        if in_the_way is not None:
            for site in Site.objects.filter(root_page=in_the_way):
                # Sites cascade-delete with their root page: point them at the root meanwhile.
                site.root_page = root
                site.save()
            if in_the_way.specific_class is Page and in_the_way.is_leaf():
                in_the_way.delete()
                tally.note("Removed Wagtail's default welcome page.")
            else:
                in_the_way.slug = f"home-previous-{in_the_way.pk}"
                in_the_way.save()
                tally.note(f"Renamed the page that used the slug 'home' to '{in_the_way.slug}'.")
        home = root.add_child(
            instance=home_model(title=pages.HOME["title"], slug="home", hero_heading=pages.HOME["hero_heading"])
        )
        tally.created("home page")
    # At the public address, so that absolute links never say localhost.
    try:
        site, changed = update_default_site(root_page=home, site_name=settings.WAGTAIL_SITE_NAME)
    except SiteAddressError as error:
        raise CommandError(f"WAGTAILADMIN_BASE_URL: {error}") from error
    if changed:
        tally.note(f"Pointed the default site at the home page, at {site.root_url}/.")
    return home, site


def build_tree(*, tally):
    """The home page and the pages under it. Returns the pages by slug, plus the site."""
    home, site = ensure_home(tally=tally)
    tree = {"home": home, "site": site}
    standard = {page["slug"]: (page, in_menus) for page, in_menus in pages.standard_pages()}

    def standard_page(slug):
        page, in_menus = standard[slug]
        fields = {"title": page["title"], "intro": page["intro"], "body": page["body"], "show_in_menus": in_menus}
        tree[slug] = upsert_page(home, model("home.StandardPage"), slug, fields, tally=tally, kind="standard pages")

    def index_page(slug, label):
        text = pages.INDEX_PAGES[slug]
        fields = {"title": text["title"], "intro": text["intro"], "show_in_menus": True}
        tree[slug] = upsert_page(home, model(label), slug, fields, tally=tally, kind="index pages")

    # Creation order is menu order.
    standard_page("about")
    index_page("directory", "directory.DirectoryIndexPage")
    index_page("members", "directory.MemberIndexPage")
    questions = pages.questions_page()
    tree["questions"] = upsert_page(
        home,
        model("directory.QuestionsPage"),
        "questions",
        {"title": questions["title"], "intro": questions["intro"], "body": questions["body"], "show_in_menus": True},
        tally=tally,
        kind="index pages",
    )
    index_page("news", "home.NewsIndexPage")
    index_page("events", "events.EventIndexPage")
    standard_page("how-to-join")
    standard_page("objectives")
    standard_page("data-responsibility")
    return tree


def finish_home(tree, *, tally):
    """The home page's own content, which links to pages made after it."""
    hero = placeholder_image(key="hero bd4m", label="BD4M", kind="Big Data for Migration Alliance", tally=tally)
    text = pages.HOME
    fields = {
        "title": text["title"],
        "hero_heading": text["hero_heading"],
        "hero_text": text["hero_text"],
        "hero_image": hero,
        "hero_link": tree["directory"],
        "hero_link_label": text["hero_link_label"],
        "intro": text["intro"],
    }
    root = Page.get_first_root_node()
    tree["home"] = upsert_page(root, model("home.HomePage"), "home", fields, tally=tally, kind="home page")
    return hero


def load_site_settings(tree, hero, *, tally):
    site_settings = model("home.SiteSettings").for_site(tree["site"])
    fields = {"privacy_page": tree["data-responsibility"], "default_social_image": hero}
    if any(_field_differs(site_settings, name, value) for name, value in fields.items()):
        for name, value in fields.items():
            setattr(site_settings, name, value)
        site_settings.save()
        tally.updated("site settings")
    else:
        tally.unchanged("site settings")


# Taxonomies -------------------------------------------------------------------


def load_vocabularies(*, locale, tally):
    vocabularies = load("vocabularies")
    for key, label in VOCABULARIES.items():
        term_model = model(label)
        for term in vocabularies[key]["terms"]:
            upsert_object(
                term_model,
                {"slug": term["slug"], "locale": locale},
                {"name": term["label"], "definition": term.get("definition", "")},
                tally=tally,
                kind=str(term_model._meta.verbose_name_plural),
            )


def _terms(label, slugs, locale):
    if not slugs:
        return []
    found = {term.slug: term for term in model(label).objects.filter(slug__in=slugs, locale=locale)}
    missing = set(slugs) - set(found)
    if missing:
        raise CommandError(f"Unknown {label} slugs in the reference data: {', '.join(sorted(missing))}")
    return [found[slug] for slug in slugs]


# Members, entries, events, news ---------------------------------------------------


def load_members(tree, *, tally):
    member_model = model("directory.MemberPage")
    members = {}
    for record in load("members"):
        name = record["name"]
        label = record.get("acronym") or initials(name)
        logo = placeholder_image(key=f"member {record['slug']}", label=label, kind="Member logo", tally=tally)
        fields = {
            "title": name,
            "kind": "organisation",
            "acronym": record.get("acronym") or "",
            "sector": record["sector"],
            "membership_status": record["membership_status"],
            "country": record.get("country") or "",
            "logo": logo,
            "description": _paragraph(record["description"]),
            "sources": citations(record.get("sources")),
        }
        members[record["slug"]] = upsert_page(
            tree["members"], member_model, record["slug"], fields, tally=tally, kind="member pages"
        )
    return members


def load_entries(tree, members, *, locale, tally):
    entry_model = model("directory.DirectoryEntryPage")
    entries = {}
    for record in load("directory"):
        countries_ = record.get("countries") or []
        # The reference data's regions already include those its countries fall in
        # (World Bank regions, as directory.regions derives them in the admin).
        region_slugs = record.get("regions") or []
        collaborative_type = (
            _terms("directory.CollaborativeType", [record["collaborative_type"]], locale)[0]
            if record.get("collaborative_type")
            else None
        )
        image = placeholder_image(
            key=f"entry {record['slug']}", label=initials(record["title"]), kind="Directory entry", tally=tally
        )
        fields = {
            "title": record["title"],
            "summary": record["summary"],
            "image": image,
            "year_started": record.get("year_started"),
            "year_basis": record.get("year_basis") or "start",
            "status": "unknown",
            "collaborative_type": collaborative_type,
            "collaborative_type_assigned_by": record.get("collaborative_type_assigned_by") or "editorial",
            "data_responsibility": _paragraph(record.get("data_responsibility")),
            "authors": "\n".join(record.get("authors") or []),
            "listed_in": ", ".join(mappings.CATALOGUES.get(slug, slug) for slug in record.get("listed_in") or []),
            "sources": citations(record.get("sources")),
        }
        m2m = {
            "data_sources": _terms("directory.DataSource", record.get("data_sources"), locale),
            "methods": _terms("directory.Method", record.get("methods"), locale),
            "value_propositions": _terms("directory.ValueProposition", record.get("value_proposition"), locale),
            "topics": _terms("home.Topic", record.get("migration_topics"), locale),
            "regions": _terms("directory.Region", region_slugs, locale),
        }
        children = {
            "country_links": [{"country": code} for code in countries_],
            "organisation_links": [
                {"name": name, "member": members.get(mappings.ORGANISATION_MEMBERS.get(name))}
                for name in record.get("organisations") or []
            ],
        }
        entries[record["slug"]] = upsert_page(
            tree["directory"],
            entry_model,
            record["slug"],
            fields,
            m2m=m2m,
            children=children,
            tally=tally,
            kind="directory entries",
        )
    return entries


def partial_date(text):
    """A date from "YYYY-MM-DD", "YYYY-MM" (first of the month) or "YYYY" (1 January)."""
    parts = [int(part) for part in text.split("-")]
    return datetime.date(parts[0], *(parts[1:] + [1, 1])[:2])


def parse_place(place):
    """(venue, city, country code) from "Venue, City, Country (hybrid)"; blanks when unknown."""
    if not place:
        return "", "", ""
    parts = [part.strip() for part in re.sub(r"\s*\((hybrid|online)\)\s*$", "", place.strip()).split(",")]
    code = countries.by_name(parts[-1]) or ""
    if code:
        parts = parts[:-1]
    city = parts[-1] if parts else ""
    return ", ".join(parts[:-1]), city, code


def guess_event_type(title, online):
    """For records with no entry in mappings.EVENT_TYPES: the type the title names."""
    lowered = title.lower()
    for words, event_type in (
        (("forum", "conference"), "conference"),
        (("workshop", "studio"), "workshop"),
        (("dialogue",), "dialogue"),
        (("webinar",), "webinar"),
    ):
        if any(word in lowered for word in words):
            return event_type
    if "launch" in lowered and online:
        return "webinar"
    return "meeting"


def load_events(tree, members, *, locale, tally):
    event_model = model("events.EventPage")
    series_model = model("events.EventSeries")
    events = {}
    for record in load("events"):
        slug = record["slug"]
        venue, city, country = parse_place(record.get("place"))
        time_zone = mappings.COUNTRY_TIME_ZONES.get(country, "UTC")
        # The record gives days, months or years, never times: the event spans them, and shows no more.
        precision = record.get("date_precision") or "day"
        first_day = partial_date(record["start_date"])
        last_day = partial_date(record["end_date"]) if record.get("end_date") else first_day
        start, end = event_model.instants(
            datetime.datetime.combine(first_day, datetime.time.min),
            datetime.datetime.combine(last_day, datetime.time.min),
            precision=precision,
            time_zone=time_zone,
        )
        series = None
        if slug in mappings.EVENT_SERIES:
            spec = mappings.EVENT_SERIES[slug]
            series = upsert_object(
                series_model,
                {"slug": spec["slug"], "locale": locale},
                {"name": spec["name"], "definition": spec["definition"]},
                tally=tally,
                kind="event series",
            )
        image = placeholder_image(key=f"event {slug}", label=initials(record["title"]), kind="Event", tally=tally)
        fields = {
            "title": record["title"],
            "start": start,
            "end": end,
            "time_zone": time_zone,
            "date_precision": precision,
            "event_type": mappings.EVENT_TYPES.get(slug) or guess_event_type(record["title"], record.get("online")),
            "series": series,
            "venue": venue,
            "city": city,
            "country": country,
            "is_online": bool(record.get("online")),
            "organiser_text": (record.get("organiser") or "")[:500],
            "intro": record["summary"],
            "image": image,
            "sources": citations(record.get("sources")),
        }
        organisers = [members[member] for member in mappings.EVENT_ORGANISERS.get(slug, []) if member in members]
        events[slug] = upsert_page(
            tree["events"],
            event_model,
            slug,
            fields,
            m2m={"organisers": organisers},
            tally=tally,
            kind="event pages",
        )
    return events


def load_news(tree, members, entries, *, tally):
    news_model = model("home.NewsPage")
    news = {}
    for record in load("news"):
        slug = record["slug"]
        image = placeholder_image(key=f"news {slug}", label=initials(record["title"]), kind="News", tally=tally)
        fields = {
            "title": record["title"],
            "date": partial_date(record["date"]),
            "date_precision": record.get("date_precision") or "day",
            "intro": record["summary"],
            "image": image,
            "sources": citations(record.get("sources")),
        }
        m2m = {
            "related_members": [members[s] for s in mappings.NEWS_MEMBERS.get(slug, []) if s in members],
            "related_entries": [entries[s] for s in mappings.NEWS_ENTRIES.get(slug, []) if s in entries],
        }
        news[slug] = upsert_page(tree["news"], news_model, slug, fields, m2m=m2m, tally=tally, kind="news pages")
    return news


# Priority questions -------------------------------------------------------------


def load_questions(*, locale, tally):
    question_model = model("directory.PriorityQuestion")
    topic_model = model("home.Topic")
    data = load("questions")
    topics = {topic.slug: topic for topic in topic_model.objects.filter(locale=locale)}
    kind = "priority questions"

    def upsert(slug, **fields):
        upsert_object(question_model, {"slug": slug, "locale": locale}, fields, tally=tally, kind=kind)

    for position, topic in enumerate(data["ucl_2020_topics"]):
        upsert(
            f"{topic['slug']}-guiding-question",
            question=topic["guiding_question"],
            topic=topics.get(topic["slug"]),
            origin="Editorial restatement of a topic of Franklinos et al. (2020)",
            sort_order=position * 100,
            sources=citations(topic.get("sources")),
        )
    topic_order = {topic["slug"]: position for position, topic in enumerate(data["ucl_2020_topics"])}
    for position, question in enumerate(data["ucl_2020_table1_questions"], start=1):
        upsert(
            question["slug"],
            question=question["question"],
            topic=topics.get(question["topic"]),
            origin="Franklinos et al. (2020), Table 1",
            sort_order=topic_order.get(question["topic"], len(topic_order)) * 100 + position,
            sources=citations(question.get("sources")),
        )
    for position, question in enumerate(data["bd4m_studio_questions"], start=1):
        upsert(
            question["slug"],
            question=question["question"],
            topic=None,
            origin=question.get("derived_from") or "BD4M Studio (2021)",
            sort_order=10_000 + position,
            sources=citations(question.get("sources")),
        )


# Users ------------------------------------------------------------------------


def load_demo_users(*, tally, write):
    """The demo accounts, unless settings.HUB_ALLOW_DEMO_USERS is off (production)."""
    if not getattr(settings, "HUB_ALLOW_DEMO_USERS", False):
        write("Demo users skipped: settings.HUB_ALLOW_DEMO_USERS is False (production settings). Content was loaded.")
        return
    user_model = get_user_model()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ("Editors", "Moderators")}
    existing = []
    for username, group_name, superuser in DEMO_USERS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            user = user_model(username=username, email=f"{username}@example.org", first_name=username.capitalize())
            user.is_superuser = user.is_staff = superuser
            user.set_password(DEMO_PASSWORD)
            user.save()
            tally.created("demo users")
            write(f"Created demo user '{username}' with password '{DEMO_PASSWORD}' (local use only).")
        else:
            tally.unchanged("demo users")
            existing.append(username)
        if group_name and not user.groups.filter(pk=groups[group_name].pk).exists():
            user.groups.add(groups[group_name])
            tally.note(f"Added '{username}' to the group {group_name}.")
    if existing:
        # A second `make run` prints no "Created" lines; say how to log in all the same.
        write(
            f"Log in at {settings.WAGTAILADMIN_BASE_URL}/admin/ as {', '.join(existing)} with the password "
            f"'{DEMO_PASSWORD}' set when they were created (local use only)."
        )


# Everything -------------------------------------------------------------------


@transaction.atomic
def load_demo_content(*, write=print):
    """Build the site tree and load every reference record. Returns the run's Tally."""
    with deferred_indexing():
        return _load_all(write=write)


def _load_all(*, write):
    tally = Tally()
    locale = default_locale()
    load_vocabularies(locale=locale, tally=tally)
    tree = build_tree(tally=tally)
    hero = finish_home(tree, tally=tally)
    members = load_members(tree, tally=tally)
    entries = load_entries(tree, members, locale=locale, tally=tally)
    load_events(tree, members, locale=locale, tally=tally)
    load_news(tree, members, entries, tally=tally)
    load_questions(locale=locale, tally=tally)
    load_site_settings(tree, hero, tally=tally)
    load_demo_users(tally=tally, write=write)
    return tally
