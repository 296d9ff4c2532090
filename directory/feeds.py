"""The Atom feed of new and updated directory entries (/directory/atom/)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from directory.catalogue import DATASET_TITLE

FEED_LENGTH = 30


class DirectoryAtomFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{DATASET_TITLE}: new and updated entries"

    def subtitle(self):
        return self.index_page.intro or "New and updated entries of the BD4M Data Innovation Directory"

    # Full URLs from the Site record, as the news feeds do (home/feeds.py).
    def link(self):
        return self.index_page.full_url or self.index_page.url

    def feed_url(self):
        site = self.index_page.get_site()
        return site.root_url + self.request.path if site is not None else None

    def items(self):
        return self.index_page.get_entries().order_by("-last_published_at", "-pk")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.full_url or item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at
