"""RSS and Atom feeds of the news, through Django's syndication framework."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed


class NewsRssFeed(Feed):
    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return f"{self.index_page.title}: BD4M Hub"

    def link(self):
        return self.index_page.url

    def description(self):
        return self.index_page.intro or "News from the Big Data for Migration Alliance"

    def items(self):
        return self.index_page.get_news()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
