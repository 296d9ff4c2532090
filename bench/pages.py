"""The pages the benchmark measures: one URL of every public page type, found
in the benchmark's database (so the same names work at every scale).

`find()` runs inside Django (bench/run.py calls it in a subprocess with the
bench's environment) and prints {key: path}. Where a type has many pages, the
one that costs most is taken: the member with the most directory entries, a
synthetic entry and event (with every relation the generator gives them).
"""

import json

# (key, label) in the order of the tables; "minimal" is the yardstick.
PAGES = [
    ("minimal", "minimal view (20 KB, no database)"),
    ("home", "home"),
    ("news_index", "news index"),
    ("news_page", "news page"),
    ("events_index", "events index"),
    ("event_page", "event page"),
    ("members_index", "members index"),
    ("member_page", "member page (most entries)"),
    ("directory", "directory"),
    ("directory_facets", "directory, two facets"),
    ("entry", "directory entry"),
    ("questions", "questions page"),
    ("standard", "standard page"),
    ("search", "site search ?q=migration"),
]
LABELS = dict(PAGES)
TWO_FACETS = "?data_source=mobile-phone-cdr&region=sub-saharan-africa"


def find():
    from django.apps import apps
    from django.db.models import Count

    from wagtail.models import Site

    def model(label):
        return apps.get_model(label)

    def url(page):
        return page.get_url(None) if page else None

    def first(label, *order, prefer_bench=True):
        pages = model(label).objects.live().public()
        bench = pages.filter(slug__startswith="bench-")
        return (bench if prefer_bench and bench.exists() else pages).order_by(*order, "pk").first()

    site = Site.objects.get(is_default_site=True)
    directory = first("directory.DirectoryIndexPage")
    members = model("directory.MemberPage").objects.live().public()
    busiest = members.annotate(n=Count("entry_links")).order_by("-n", "pk").first()
    found = {
        "minimal": "/bench/minimal/",
        "home": url(site.root_page),
        "news_index": url(first("home.NewsIndexPage")),
        "news_page": url(first("home.NewsPage", "-date")),
        "events_index": url(first("events.EventIndexPage")),
        "event_page": url(first("events.EventPage", "-start")),
        "members_index": url(first("directory.MemberIndexPage")),
        "member_page": url(busiest),
        "directory": url(directory),
        "directory_facets": url(directory) + TWO_FACETS if directory else None,
        "entry": url(first("directory.DirectoryEntryPage")),
        "questions": url(first("directory.QuestionsPage")),
        "standard": url(first("home.StandardPage", "path", prefer_bench=False)),
        "search": "/search/?q=migration",
    }
    print(json.dumps({key: path for key, path in found.items() if path}))
