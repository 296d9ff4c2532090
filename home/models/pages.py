from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.fields import ParentalKey

from home.blocks import BodyBlock
from home.describing import DescribedPage
from home.translations.fallback import LocaleFallbackRouteMixin


class HomePage(LocaleFallbackRouteMixin, DescribedPage, Page):
    hero_heading = models.CharField(_("hero heading"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey("home.HubImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page the hero's button leads to, for example the directory"),
    )
    hero_link_label = models.CharField(_("hero button label"), max_length=60, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    submit_heading = models.CharField(
        _("call to submit: heading"), max_length=120, default="Know a data collaborative on migration?"
    )
    submit_text = models.TextField(
        _("call to submit: text"),
        blank=True,
        default="Tell us about it: moderators review every submission before it is published.",
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                PageChooserPanel("hero_link"),
                FieldPanel("hero_link_label"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        InlinePanel("featured_entries", label=_("Featured directory entries"), max_num=6),
        MultiFieldPanel([FieldPanel("submit_heading"), FieldPanel("submit_text")], heading=_("Call to submit")),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_text"), index.SearchField("intro")]
    api_fields = [
        APIField("hero_heading"),
        APIField("hero_text"),
        APIField("hero_image"),
        APIField("intro"),
        APIField("featured_entries"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    # No subpage_types: Wagtail allows a child type here only if the child's own
    # parent_page_types names the home page, so each index page type opts in from
    # its own app and `home` needs no list of other apps' page types.

    summary_fields = ("intro", "hero_text")

    class Meta:
        verbose_name = _("home page")

    def share_image(self):
        return self.hero_image

    def structured_data(self, *, url, publisher, image=None, request=None):
        return {"@type": "Organization", "name": "Big Data for Migration Alliance", "alternateName": "BD4M", "url": url}

    def get_context(self, request, *args, **kwargs):
        from home.selectors import home_listings

        context = super().get_context(request, *args, **kwargs)
        context.update(home_listings(home=self, now=timezone.now()))
        return context


class HomeFeaturedEntry(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_entries")
    # Any page the chooser offers; the directory decides which of them it shows (DirectoryEntryPage.home_page_section).
    entry = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("entry", page_type="directory.DirectoryEntryPage")]
    api_fields = [APIField("entry")]

    def __str__(self):
        return str(self.entry)


class StandardPage(DescribedPage, Page):
    """About, objectives, how to join, data responsibility principles and the like."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences shown under the title"))
    image = models.ForeignKey("home.HubImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = StreamField(BodyBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("image"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), APIField("image"), APIField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
