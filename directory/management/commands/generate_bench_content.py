"""Synthetic content at scale, for benchmarks only.

Every page it makes is clearly fake ("Synthetic entry 00042"), has a slug that
starts with "bench-" and is removed again by `--clear`. Taxonomy terms,
countries, members and years (2010-2025) are assigned at random from the
existing ones, with a fixed seed, so two runs on the same data produce the
same content.

Pages are real treebeard nodes made with `add_child`, live without a revision
(as if published once). The search index and Wagtail's reference index are
written once per page, in bulk per batch of 500, instead of on every save of a
page and of each of its inline rows (see home.demo.indexing).
"""

import datetime
import random
import time
import zoneinfo

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale, Page, Site

from django_countries import countries as all_countries

from directory.management.synthetic_images import TITLE_PREFIX, synthetic_image
from directory.models import (
    CollaborativeType,
    DataSource,
    DirectoryEntryPage,
    DirectoryIndexPage,
    EntryCountry,
    EntryOrganisation,
    MemberIndexPage,
    MemberPage,
    Method,
    Region,
    ValueProposition,
)
from directory.regions import REGION_BY_COUNTRY
from home.demo.indexing import deferred_indexing
from home.models import HubImage, NewsIndexPage, NewsPage, Topic

SLUG_PREFIX = "bench-"
IMAGE_KEY_PREFIX = "bench synthetic "
IMAGE_POOL = 12
RARE_WORD = "zanzibarite"
BATCH = 500
YEARS = (2010, 2025)
# Events run from 2010 to the end of 2028, so that some are still upcoming.
EVENT_DAYS = (datetime.date(2010, 1, 1), datetime.date(2028, 12, 31))
TIME_ZONES = ["UTC", "Europe/Brussels", "Europe/Berlin", "Africa/Nairobi", "America/Bogota", "Asia/Dhaka"]
SUBJECTS = [
    "labour migration corridors",
    "internal migration after floods",
    "return migration",
    "seasonal migration",
    "migration and integration in cities",
    "displacement and migration after earthquakes",
    "cross-border migration and mobility",
]
NO_MIGRATION_SUBJECTS = ["population mobility", "cross-border commuting", "displacement estimates"]


def _number(slug):
    try:
        return int(slug.rsplit("-", 1)[1])
    except (IndexError, ValueError):
        return 0


def _event_page():
    # By label: the directory app does not import events.
    return apps.get_model("events", "EventPage")


class Command(BaseCommand):
    help = (
        "Generate synthetic, clearly fake entries, events and news under the existing index pages "
        "(building the tree first if needed). --clear removes everything it made."
    )

    def add_arguments(self, parser):
        parser.add_argument("--entries", type=int, default=0, help="Directory entries to create")
        parser.add_argument("--events", type=int, default=0, help="Events to create")
        parser.add_argument("--news", type=int, default=0, help="News pages to create")
        parser.add_argument("--seed", type=int, default=4242, help="Random seed (default 4242)")
        parser.add_argument("--clear", action="store_true", help="First remove all synthetic content")

    def handle(self, *args, entries, events, news, seed, clear, **options):
        if min(entries, events, news) < 0:
            raise CommandError("Counts cannot be negative.")
        if not (entries or events or news or clear):
            raise CommandError("Nothing to do: give --entries, --events, --news and/or --clear.")
        if clear:
            self.clear()
        if not (entries or events or news):
            return
        tree = self.tree()
        self.pools = self.load_pools()
        for kind, count, parent, make in (
            ("entries", entries, tree["directory"], self.make_entry),
            ("events", events, tree["events"], self.make_event),
            ("news", news, tree["news"], self.make_news),
        ):
            if count:
                self.generate(kind, count, parent, make, seed)

    # The tree and what pages draw from --------------------------------------------

    def tree(self):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page if site else None
        found = {}
        if home is not None:
            for key, model in (
                ("directory", DirectoryIndexPage),
                ("events", apps.get_model("events", "EventIndexPage")),
                ("news", NewsIndexPage),
                ("members", MemberIndexPage),
            ):
                found[key] = model.objects.child_of(home).first()
        if home is None or not all(found.values()):
            from home.demo.loader import Tally, build_tree, default_locale, load_vocabularies

            self.stdout.write("No site tree yet: building it and loading the vocabularies first.")
            with transaction.atomic():
                tally = Tally()
                load_vocabularies(locale=default_locale(), tally=tally)
                built = build_tree(tally=tally)
            found = {key: built[key] for key in ("directory", "events", "news", "members")}
        return found

    def load_pools(self):
        images = []
        for number in range(1, IMAGE_POOL + 1):
            images.append(
                synthetic_image(key=f"{IMAGE_KEY_PREFIX}{number:02d}", label=f"S{number:02d}", kind="Synthetic")
            )
        # The site's own terms, as an editor tags an entry: not their French and
        # Spanish translations (which made the synthetic texts multilingual and long).
        default = Locale.get_default()

        def terms(model):
            return list(model.objects.live().filter(locale=default))

        return {
            "data_sources": terms(DataSource),
            "methods": terms(Method),
            "values": terms(ValueProposition),
            "types": terms(CollaborativeType),
            "topics": terms(Topic),
            "regions": {region.slug: region for region in terms(Region)},
            "members": list(MemberPage.objects.live().exclude(slug__startswith=SLUG_PREFIX)[:200]),
            "entries": list(DirectoryEntryPage.objects.live().order_by("pk")[:200]),
            "images": images,
            # Only codes the country field accepts (django-countries has no Kosovo, for one).
            "countries": sorted(code for code in REGION_BY_COUNTRY if code in all_countries),
            "now": timezone.now(),
        }

    # Generation -------------------------------------------------------------------

    def generate(self, kind, count, parent, make, seed):
        singular = {"entries": "entry", "events": "event", "news": "news"}[kind]
        prefix = f"{SLUG_PREFIX}{singular}-"
        existing = parent.get_children().filter(slug__startswith=prefix).values_list("slug", flat=True)
        start = max((_number(slug) for slug in existing), default=0) + 1
        rng = random.Random(f"{seed}-{kind}-{start}")
        started = time.monotonic()
        parent = Page.objects.get(pk=parent.pk).specific
        for batch_start in range(start, start + count, BATCH):
            numbers = range(batch_start, min(batch_start + BATCH, start + count))
            with transaction.atomic(), deferred_indexing():
                for number in numbers:
                    parent.add_child(instance=make(number, rng, prefix))
        elapsed = time.monotonic() - started
        self.stdout.write(f"Created {count} synthetic {kind} in {elapsed:.1f}s ({count / max(elapsed, 1e-6):.0f}/s).")

    def _published(self, page):
        page.live = True
        page.first_published_at = page.last_published_at = self.pools["now"]
        return page

    def _sample(self, rng, items, low, high):
        if not items:
            return []
        return rng.sample(items, min(len(items), rng.randint(low, high)))

    def make_entry(self, number, rng, prefix):
        pools = self.pools
        codes = rng.sample(pools["countries"], rng.randint(1, 3))
        country_names = ", ".join(str(all_countries.name(code)) for code in codes)
        subject = rng.choice(SUBJECTS if number % 10 else NO_MIGRATION_SUBJECTS)
        data_sources = self._sample(rng, pools["data_sources"], 1, 3)
        source_names = " and ".join(term.name.lower() for term in data_sources) or "new data"
        summary = (
            f"Synthetic entry {number:05d}, generated for benchmarks: a fictitious study of {subject} "
            f"in {country_names} using {source_names}."
        )
        if number % 200 == 1:
            summary += f" Its made-up keyword is {RARE_WORD}."
        region_slugs = {REGION_BY_COUNTRY[code] for code in codes}
        page = DirectoryEntryPage(
            title=f"Synthetic entry {number:05d}",
            slug=f"{prefix}{number:05d}",
            summary=summary,
            year_started=rng.randint(*YEARS),
            year_basis=rng.choice(["start", "publication"]),
            status=rng.choice(["ongoing", "completed", "unknown"]),
            collaborative_type=rng.choice(pools["types"] + [None]) if pools["types"] else None,
            image=rng.choice(pools["images"]),
            data_responsibility="<p>Synthetic: no real data was used.</p>",
            authors="Synthetic author",
            sources=[
                {
                    "type": "source",
                    "value": {"title": f"Synthetic source {number:05d}", "url": "", "year": None, "publisher": ""},
                }
            ],
        )
        page.data_sources = data_sources
        page.methods = self._sample(rng, pools["methods"], 1, 2)
        page.value_propositions = self._sample(rng, pools["values"], 1, 2)
        page.topics = self._sample(rng, pools["topics"], 1, 3)
        page.regions = [pools["regions"][slug] for slug in region_slugs if slug in pools["regions"]]
        page.country_links = [EntryCountry(country=code, sort_order=i) for i, code in enumerate(codes)]
        organisations = [EntryOrganisation(name=f"Synthetic organisation {rng.randint(1, 500):03d}", sort_order=0)]
        if pools["members"] and rng.random() < 0.3:
            member = rng.choice(pools["members"])
            organisations.append(EntryOrganisation(name=member.title, member=member, sort_order=1))
        page.organisation_links = organisations
        return self._published(page)

    def make_event(self, number, rng, prefix):
        pools = self.pools
        span = (EVENT_DAYS[1] - EVENT_DAYS[0]).days
        day = EVENT_DAYS[0] + datetime.timedelta(days=rng.randint(0, span))
        time_zone = rng.choice(TIME_ZONES)
        start = datetime.datetime.combine(day, datetime.time(rng.randint(8, 15)), tzinfo=zoneinfo.ZoneInfo(time_zone))
        event_page_model = _event_page()
        event_type = rng.choice([value for value, _label in event_page_model._meta.get_field("event_type").choices])
        online = event_type in ("webinar", "dialogue") or rng.random() < 0.2
        page = event_page_model(
            title=f"Synthetic event {number:05d}",
            slug=f"{prefix}{number:05d}",
            start=start,
            end=start + datetime.timedelta(hours=rng.choice([1, 2, 3, 8, 32])),
            time_zone=time_zone,
            event_type=event_type,
            venue="" if online else "Synthetic venue",
            city="" if online else f"Synthetic city {rng.randint(1, 50)}",
            country="" if online else rng.choice(pools["countries"]),
            is_online=online,
            organiser_text="Synthetic organiser",
            intro=(
                f"Synthetic event {number:05d}, generated for benchmarks: a fictitious {event_type} on migration data."
            ),
            image=rng.choice(pools["images"]),
        )
        page.organisers = self._sample(rng, pools["members"], 0, 2)
        page.topics = self._sample(rng, pools["topics"], 0, 2)
        return self._published(page)

    def make_news(self, number, rng, prefix):
        pools = self.pools
        day = datetime.date(rng.randint(*YEARS), rng.randint(1, 12), rng.randint(1, 28))
        page = NewsPage(
            title=f"Synthetic news {number:05d}",
            slug=f"{prefix}{number:05d}",
            date=day,
            intro=f"Synthetic news {number:05d}, generated for benchmarks: a fictitious item about migration data.",
            image=rng.choice(pools["images"]),
        )
        page.topics = self._sample(rng, pools["topics"], 0, 2)
        page.related_members = self._sample(rng, pools["members"], 0, 2)
        page.related_entries = self._sample(rng, pools["entries"], 0, 2)
        return self._published(page)

    # Removal ----------------------------------------------------------------------

    def clear(self):
        started = time.monotonic()
        total = 0
        for model in (DirectoryEntryPage, _event_page(), NewsPage):
            ids = list(model.objects.filter(slug__startswith=SLUG_PREFIX).values_list("pk", flat=True))
            for offset in range(0, len(ids), BATCH):
                with transaction.atomic():
                    Page.objects.filter(pk__in=ids[offset : offset + BATCH]).delete()
            total += len(ids)
        images = HubImage.objects.filter(title__startswith=f"{TITLE_PREFIX}{IMAGE_KEY_PREFIX}")
        image_count = images.count()
        for image in images:
            image.delete()  # one by one, so the files go too
        self.stdout.write(
            f"Removed {total} synthetic pages and {image_count} synthetic images in {time.monotonic() - started:.1f}s."
        )
