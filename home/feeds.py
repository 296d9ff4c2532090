"""RSS and Atom feeds of the news, through Django's syndication framework, and the
dates a news item gives feeds and its JSON-LD (home/templatetags/seo_tags.py).

A news item is dated by its own `date`, not by when its page was first
published: loading the demo content publishes every page at once, and an
item imported from elsewhere is older than its page. It counts as updated
only when its page was published again after its first publication.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

ISO_DATE_FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


def news_published(item):
    """The item's own date, as a datetime (feeds need one): midnight UTC of that day."""
    return datetime.datetime.combine(item.date, datetime.time.min, tzinfo=datetime.UTC)


def news_edited(item):
    """When the item's page was last edited and published again, or None if it never was."""
    first, last = item.first_published_at, item.last_published_at
    return last if first and last and last > first else None


def news_updated(item):
    edited = news_edited(item)
    published = news_published(item)
    return max(published, edited) if edited else published


def news_date_iso(item):
    """The item's date as precisely as it is known: "2018-03-14", "2018-03" or "2018"."""
    return item.date.strftime(ISO_DATE_FORMATS.get(item.date_precision, ISO_DATE_FORMATS["day"]))


def news_modified_iso(item):
    edited = news_edited(item)
    return news_updated(item).isoformat() if edited else news_date_iso(item)


class IndexPageFeed(Feed):
    """A feed of an index page's children, linked by full URLs from the Site record
    (WAGTAILADMIN_BASE_URL, home/site_address.py): left relative, Django would
    complete them with whatever host the request named. Used by the news feeds
    and the directory's (directory/feeds.py)."""

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return self.index_page.full_url or self.index_page.url

    def feed_url(self):
        site = self.index_page.get_site()
        return site.root_url + self.request.path if site is not None else None

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.full_url or item.url


class NewsRssFeed(IndexPageFeed):
    def title(self):
        return f"{self.index_page.title}: BD4M Hub"

    def description(self):
        return self.index_page.intro or gettext("News from the Big Data for Migration Alliance")

    def items(self):
        return self.index_page.get_news()[:30]

    def item_description(self, item):
        return item.intro

    def item_pubdate(self, item):
        return news_published(item)

    def item_updateddate(self, item):
        return news_updated(item)


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
