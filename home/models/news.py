from functools import cached_property

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from modelcluster.fields import ParentalManyToManyField

from home.blocks import BodyBlock, SourcesBlock
from home.describing import DescribedPage, live_public
from home.feeds import news_date_iso, news_modified_iso, news_published

DATE_PRECISION_CHOICES = [
    ("day", _("Day")),
    ("month", _("Month")),
    ("year", _("Year")),
]


class NewsIndexPage(DescribedPage, RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    # One per parent rather than one in all: each locale's home has its own.
    max_count_per_parent = 1
    per_page = 12

    class Meta:
        verbose_name = _("news index page")

    def get_news(self):
        return (
            NewsPage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("image")
            .prefetch_related("topics", "image__renditions")
            .order_by("-date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from home.selectors import news_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(news_listing(index=self, request=request))
        return context

    @path("feed/")
    def rss_feed(self, request):
        from home.feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("atom/")
    def atom_feed(self, request):
        from home.feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPage(DescribedPage, Page):
    date = models.DateField(_("date"), help_text=_("The date the news refers to"))
    date_precision = models.CharField(
        _("date precision"),
        max_length=5,
        choices=DATE_PRECISION_CHOICES,
        default="day",
        help_text=_("Show only the month or the year when the exact day is not known"),
    )
    intro = models.TextField(_("introduction"), help_text=_("A summary shown in listings and feeds"))
    body = StreamField(BodyBlock(), blank=True)
    image = models.ForeignKey("home.HubImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    topics = ParentalManyToManyField("home.Topic", blank=True)
    # Links to pages, offered from one page type each: a member's page lists
    # its news through `news_pages` without this app knowing the directory.
    related_members = ParentalManyToManyField(
        "wagtailcore.Page",
        blank=True,
        related_name="news_pages",
        limit_choices_to={"content_type__app_label": "directory", "content_type__model": "memberpage"},
        verbose_name=_("related members"),
    )
    related_entries = ParentalManyToManyField(
        "wagtailcore.Page",
        blank=True,
        related_name="news_pages_as_entry",
        limit_choices_to={"content_type__app_label": "directory", "content_type__model": "directoryentrypage"},
        verbose_name=_("related directory entries"),
    )
    sources = StreamField(SourcesBlock(), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("date_precision")], heading=_("Date")),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("sources"),
    ]
    relations_panels = [
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("related_members"),
        FieldPanel("related_entries"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(relations_panels, heading=_("Topics and links")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("date"),
        APIField("date_precision"),
        APIField("intro"),
        APIField("body"),
        APIField("image"),
        APIField("topics"),
        APIField("related_members"),
        APIField("related_entries"),
        APIField("sources"),
    ]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    vocabulary_fields = ("intro",)
    og_type = "article"

    class Meta:
        verbose_name = _("news page")

    @cached_property
    def visible_related_members(self):
        return live_public(self.related_members)

    @cached_property
    def visible_related_entries(self):
        return live_public(self.related_entries)

    def search_result_date(self):
        return self.date

    def published_time(self):
        return news_published(self)

    def structured_data(self, *, url, publisher, image=None, request=None):
        return {
            "@type": "NewsArticle",
            "headline": self.title[:110],
            # The news item's own date, not when its page was loaded (home/feeds.py).
            "datePublished": news_date_iso(self),
            "dateModified": news_modified_iso(self),
            "publisher": publisher,
            "author": publisher,
            "mainEntityOfPage": url,
        }

    @classmethod
    def home_page_section(cls, *, home, now):
        latest = (
            cls.objects.live()
            .public()
            .descendant_of(home)
            .select_related("image")
            .prefetch_related("topics", "image__renditions")
            .order_by("-date")
        )
        return {"latest_news": latest[:3]}
