"""The Atom feed of new and updated directory entries (/directory/atom/)."""

from django.utils.feedgenerator import Atom1Feed

from directory.catalogue import DATASET_TITLE
from home.feeds import IndexPageFeed

FEED_LENGTH = 30


class DirectoryAtomFeed(IndexPageFeed):
    feed_type = Atom1Feed

    def title(self):
        return f"{DATASET_TITLE}: new and updated entries"

    def subtitle(self):
        return self.index_page.intro or "New and updated entries of the BD4M Data Innovation Directory"

    def items(self):
        return self.index_page.get_entries().order_by("-last_published_at", "-pk")[:FEED_LENGTH]

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at
